"""GET /sparql through the lane answers exactly as through FastAPI's router."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api import sparql_lane
from api.app import create_app
from api.deps import get_store
from api.routers.sparql import query_answer
from api.settings import Settings
from graph.store import Store, open_store

EX = "http://example.org/"
SELECT = f"SELECT ?s ?v WHERE {{ ?s <{EX}v> ?v }} ORDER BY ?v"
CASES: list[tuple[dict[str, str], dict[str, str]]] = [
    ({"query": SELECT}, {"Accept": "application/sparql-results+json"}),
    ({"query": SELECT}, {"Accept": "text/csv"}),
    ({"query": 'SELECT (IRI("rel") AS ?i) WHERE {}'}, {}),  # resolved against the endpoint's IRI
    ({"query": 'SELECT (IRI("rel") AS ?i) WHERE {}'}, {"Host": "digicoop.example:8443"}),
    ({"query": SELECT, "format": "xml"}, {}),
    ({"query": f"ASK {{ <{EX}s1> ?p ?o }}"}, {"Accept": "application/sparql-results+json"}),
    ({"query": f"CONSTRUCT {{ ?s <{EX}v> ?v }} WHERE {{ ?s <{EX}v> ?v }}"}, {"Accept": "text/turtle"}),
    ({"query": "SELECT ?x WHERE { ?x"}, {}),  # malformed: a 400 problem
    ({"query": SELECT}, {"Accept": "image/png"}),  # nothing acceptable: 406
    ({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}, {}),
    ({"update": f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}"}, {}),  # updates by GET: refused
    ({}, {"Accept": "application/sparql-results+json"}),  # no query
    ({}, {"Accept": "text/html"}),  # the query page
    ({"query": SELECT, "default-graph-uri": f"{EX}g"}, {"Accept": "application/sparql-results+json"}),
    ({"query": SELECT, "named-graph-uri": f"{EX}nowhere"}, {"Accept": "application/sparql-results+json"}),
]


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(memory=True, timeout=5)
    data = " ".join(f"<{EX}s{i}> <{EX}v> {i} ." for i in range(5))
    s.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ {data} }} }}")
    yield s
    s.close()


def _client(tmp_path: Path, store: Store, *, routed: bool) -> TestClient:
    app = create_app(Settings(memory=True, examples_dir=tmp_path, load_reference=False), store)
    if routed:
        # Any override sends the request the usual way (the lane must not bypass overrides).
        app.dependency_overrides[get_store] = lambda: store
    return TestClient(app)


@pytest.mark.parametrize(("params", "headers"), CASES)
def test_the_lane_answers_as_the_router_does(
    tmp_path: Path, store: Store, params: dict[str, str], headers: dict[str, str]
) -> None:
    with _client(tmp_path, store, routed=False) as lane, _client(tmp_path, store, routed=True) as routed:
        fast = lane.get("/sparql", params=params, headers=headers)
        usual = routed.get("/sparql", params=params, headers=headers)
    assert fast.status_code == usual.status_code
    assert fast.headers.get("content-type") == usual.headers.get("content-type")
    assert fast.headers.get("vary") == usual.headers.get("vary")
    assert fast.content == usual.content


def test_the_lane_is_taken_for_a_plain_query_and_a_problem_stays_a_problem(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[str] = []

    async def counted(store: Store, settings: Settings, query: str, *rest: Any) -> tuple[bytes, str]:
        taken.append(query)
        return await query_answer(store, settings, query, *rest)

    monkeypatch.setattr(sparql_lane, "query_answer", counted)
    with _client(tmp_path, store, routed=False) as lane:
        ok = lane.get(
            "/sparql", params={"query": SELECT}, headers={"Accept": "application/sparql-results+json"}
        )
        bad = lane.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"})
    assert ok.status_code == 200
    assert [b["v"]["value"] for b in ok.json()["results"]["bindings"]] == ["0", "1", "2", "3", "4"]
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"
    assert "syntax error" in bad.json()["detail"]
    assert taken == [SELECT, "SELECT ?x WHERE { ?x"]
    with _client(tmp_path, store, routed=True) as routed:
        routed.get("/sparql", params={"query": SELECT})
    assert len(taken) == 2  # overridden dependencies: the router's way
