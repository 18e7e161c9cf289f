"""Hidden graphs: out of every query's sight, refused when a request names them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.errors import QueryRefused, StoreUnavailable
from graph.store import OxigraphStore, Store, open_store

EX = "http://example.org/"
INTERNAL = "https://internal.example/graph/"
JSON = "application/sparql-results+json"


@pytest.fixture(params=["memory", "disk+processes"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    hidden = [f"{INTERNAL}*", f"{EX}secret"]
    if request.param == "memory":
        s = open_store(memory=True, hidden_graphs=hidden)
    else:
        s = open_store(tmp_path / "store", query_processes=1, hidden_graphs=hidden)
        assert isinstance(s, OxigraphStore) and s.wait_ready(60)
    s.update(
        f"""INSERT DATA {{
  GRAPH <{EX}public> {{ <{EX}kt> <{EX}label> "KT" }}
  GRAPH <{EX}secret> {{ <{EX}kt> <{EX}label> "secret label" }}
  GRAPH <{INTERNAL}curation> {{ <{EX}kt> <{EX}note> "embargoed until May" }}
}}"""
    )
    yield s
    s.close()


def values(store: Store, query: str, **dataset: list[str]) -> set[str]:
    body = store.raw_query(query, JSON, dataset.get("default", []), dataset.get("named", [])).body
    return {b[v]["value"] for b in json.loads(body)["results"]["bindings"] for v in b}


def test_the_union_default_graph_leaves_hidden_graphs_out(store: Store) -> None:
    assert values(store, "SELECT ?o WHERE { ?s ?p ?o }") == {"KT"}
    assert [str(r["o"]) for r in store.select("SELECT ?o WHERE { ?s ?p ?o }")] == ["KT"]
    assert not store.ask('ASK { ?s ?p "embargoed until May" }')


def test_graph_variables_range_over_exposed_graphs_only(store: Store) -> None:
    assert values(store, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }") == {f"{EX}public"}
    assert list(store.graph_iris()) == [f"{EX}public"]


def test_graph_with_a_hidden_iri_matches_nothing(store: Store) -> None:
    assert values(store, f"SELECT ?o WHERE {{ GRAPH <{EX}secret> {{ ?s ?p ?o }} }}") == set()


@pytest.mark.parametrize(
    ("query", "dataset"),
    [
        (f"SELECT ?o FROM <{EX}secret> WHERE {{ ?s ?p ?o }}", {}),
        (f"PREFIX in: <{INTERNAL}> SELECT ?o FROM NAMED in:curation WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
        ("SELECT ?o WHERE { ?s ?p ?o }", {"default": [f"{INTERNAL}curation"]}),
        ("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"named": [f"{EX}secret"]}),
    ],
)
def test_a_request_naming_a_hidden_graph_is_refused(
    store: Store, query: str, dataset: dict[str, list[str]]
) -> None:
    with pytest.raises(QueryRefused, match="is not exposed") as caught:
        values(store, query, **dataset)
    assert getattr(caught.value, "status", None) == 403


def test_exposed_graphs_named_explicitly_still_answer(store: Store) -> None:
    assert values(store, f"SELECT ?o FROM <{EX}public> WHERE {{ ?s ?p ?o }}") == {"KT"}


def test_updates_by_the_operator_reach_hidden_graphs(store: Store) -> None:
    store.update(f'INSERT DATA {{ GRAPH <{INTERNAL}curation> {{ <{EX}a> <{EX}b> "c" }} }}')
    store.update(f"DROP GRAPH <{INTERNAL}curation>")
    assert values(store, "SELECT ?o WHERE { ?s ?p ?o }") == {"KT"}


def test_a_remote_store_refuses_hidden_graphs_at_open() -> None:
    with pytest.raises(StoreUnavailable, match="embedded store only"):
        open_store(endpoint="http://127.0.0.1:9/sparql", hidden_graphs=[f"{INTERNAL}*"])
