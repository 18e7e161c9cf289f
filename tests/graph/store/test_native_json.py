"""SPARQL JSON written by the engine: the same results, never past the row cap, memory bounded."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from graph.store import _native_json
from graph.store._native_json import native_json

EX = "http://example.org/"


@pytest.fixture
def store() -> ox.Store:
    s = ox.Store()
    s.extend(
        ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}name"), ox.Literal(f"이름 {i}", language="ko"))
        for i in range(40)
    )
    return s


def rows(body: bytes | None) -> list[dict[str, dict[str, str]]]:
    assert body is not None
    doc = json.loads(body)
    assert set(doc) == {"head", "results"}
    bindings: list[dict[str, dict[str, str]]] = doc["results"]["bindings"]
    return bindings


def test_results_within_the_cap_are_whole(store: ox.Store) -> None:
    got = rows(native_json(store.query("SELECT ?s ?n WHERE { ?s ?p ?n } ORDER BY ?s"), 100))
    assert len(got) == 40
    assert got[0]["n"] == {"type": "literal", "value": "이름 0", "xml:lang": "ko"}


def test_results_past_the_cap_stop_at_it(store: ox.Store) -> None:
    got = rows(native_json(store.query("SELECT ?s WHERE { ?s ?p ?n } ORDER BY ?s"), 7))
    assert [b["s"]["value"] for b in got] == sorted(f"{EX}s{i}" for i in range(40))[:7]


def test_a_result_past_the_byte_limit_is_handed_back(
    store: ox.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_native_json, "LIMIT", 500)
    assert native_json(store.query("SELECT * WHERE { ?s ?p ?n }"), 10_000) is None
    # with no cap there is nothing to stop at, so no limit either
    assert len(rows(native_json(store.query("SELECT * WHERE { ?s ?p ?n }"), None))) == 40
