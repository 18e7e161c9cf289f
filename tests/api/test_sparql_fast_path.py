"""/sparql reads the query form and outbound clauses without lexing every text: same answers as the lexer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.routers.sparql import _check_outbound, _query_form
from api.settings import Settings
from graph.errors import QueryRefused
from graph.store import check_outbound, open_store, query_form

FRAGMENTS = [
    "PREFIX dco: <https://w3id.org/digicoop/ontology#>",
    "prefix : <http://example.org/>",
    "PREFIXa: <http://example.org/a>",
    "PREFIX x: <not an iri>",
    "BASE <http://example.org/base/>",
    "base<http://example.org/>",
    "# a comment with SELECT and { in it",
    "\n",
    " ",
    "\t",
    "SELECT",
    "select",
    "ſelect",
    "ASK",
    "Construct",
    "DESCRIBE",
    "SELECTED",
    "SELECT-x",
    "SELECT:x",
    "*",
    "{",
    "}",
    "(",
    "?x",
    "$y",
    '"SELECT"',
    "'ASK'",
    "<http://example.org/s>",
    "dco:Agreement",
    ":",
    ".",
    "-",
    "SERVICE",
    "service",
    "ſervice",
    "SILENT",
    "LOAD",
    "load",
    "<file:///etc/passwd>",
    "<http://127.0.0.1:9/sparql>",
    "FROM",
    "WHERE",
]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join) | st.lists(
    st.sampled_from(FRAGMENTS), max_size=12
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_the_form_is_read_as_the_lexer_reads_it(text: str) -> None:
    assert _query_form(text) == query_form(text)


def _refusal(check: object, text: str, allowed: list[str]) -> str | None:
    try:
        check(text, allowed)  # type: ignore[operator]
    except QueryRefused as exc:
        return str(exc)
    return None


@settings(max_examples=400, deadline=None)
@given(texts)
def test_outbound_clauses_are_refused_as_the_lexer_refuses_them(text: str) -> None:
    allowed = ["http://127.0.0.1:9/sparql"]
    assert _refusal(_check_outbound, text, allowed) == _refusal(check_outbound, text, allowed)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    store = open_store(memory=True, timeout=5)
    store.update(
        'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/kt> <http://example.org/name> "KT" } }'
    )
    settings = Settings(memory=True, examples_dir=tmp_path, load_examples=False, load_reference=False)
    with TestClient(create_app(settings, store)) as c:
        yield c
    store.close()


@pytest.mark.parametrize(
    ("query", "media_type"),
    [
        (
            "# names {\nprefix ex: <http://example.org/>\nconstruct { ?s ex:name ?n } WHERE { ?s ex:name ?n }",
            "text/turtle",
        ),
        ("BASE <http://example.org/>\nDESCRIBE <kt>", "text/turtle"),
        (
            "PREFIX ex: <http://example.org/>\nSELECT ?n WHERE { ?s ex:name ?n }",
            "application/sparql-results+json",
        ),
        ("ask{?s ?p ?o}", "application/sparql-results+json"),
    ],
)
def test_each_form_gets_its_own_default_media_type(client: TestClient, query: str, media_type: str) -> None:
    r = client.get("/sparql", params={"query": query}, headers={"Accept": "*/*"})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media_type


def test_service_in_any_letter_case_is_refused(client: TestClient) -> None:
    for keyword in ("SERVICE", "Service", "ſervice"):
        r = client.get(
            "/sparql",
            params={"query": f"SELECT * WHERE {{ {keyword} <http://127.0.0.1:9/> {{ ?s ?p ?o }} }}"},
        )
        assert r.status_code == 403, keyword
