"""digicoop on a real Virtuoso: digest auth, big writes, the engine stopping and coming back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDFS

from api.app import create_app
from api.settings import Settings
from graph.errors import StoreError, StoreUnavailable
from graph.store import open_store
from tests.graph.store.servers import Virtuoso, virtuoso

pytestmark = [pytest.mark.virtuoso, pytest.mark.slow]
EX = Namespace("https://w3id.org/digicoop/id/org/")
G = "https://w3id.org/digicoop/graph/article/virtuoso-test"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    with virtuoso(tmp_path_factory.mktemp("virtuoso-own")) as v:
        yield v


def test_wrong_credentials_are_a_clear_store_error(engine: Virtuoso) -> None:
    store = open_store(endpoint=engine.url, auth=httpx.DigestAuth("dba", "wrong"), timeout=10)
    with pytest.raises(StoreUnavailable, match="credentials"):
        store.ask("ASK {}")
    store.close()


def test_insert_data_past_virtuosos_limit_is_a_clear_error(engine: Virtuoso) -> None:
    store = open_store(endpoint=engine.url, auth=engine.auth, timeout=60)
    g = Graph()
    for i in range(2500):
        g.add((EX[f"기관-{i}"], RDFS.label, Literal(f"기관 {i}번", lang="ko")))
    with pytest.raises(StoreError, match="split it"):
        store.replace_graph(G, g)
    store.close()


def test_a_large_graph_is_written_in_one_graph_store_put(engine: Virtuoso) -> None:
    store = open_store(endpoint=engine.url, auth=engine.auth, graph_store=engine.graph_store, timeout=60)
    g = Graph()
    for i in range(5000):
        g.add((EX[f"기관-{i}"], RDFS.label, Literal(f'기관 {i}번 "따옴표"', lang="ko")))
    store.replace_graph(G, g)
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")
    assert int(rows[0]["n"]) == 5000  # type: ignore[call-overload]
    assert store.ask(f'ASK {{ <{EX["기관-4999"]}> ?p "기관 4999번 \\"따옴표\\""@ko }}')
    assert store.drop_graph(G) is True
    store.close()


def test_the_service_answers_503_while_the_engine_is_down_and_recovers(
    engine: Virtuoso, tmp_path: Path
) -> None:
    settings = Settings(
        endpoint=engine.url,
        endpoint_user="dba",
        endpoint_password=SecretStr("dba"),
        endpoint_auth="digest",
        token=SecretStr("t"),
        query_timeout=5,
        examples_dir=tmp_path,
    )
    with TestClient(create_app(settings)) as client:
        ask = {"query": "ASK { ?s ?p ?o }"}
        assert client.get("/sparql", params=ask).status_code == 200
        update = f'INSERT DATA {{ GRAPH <{G}-2> {{ <{EX["서울"]}> <{RDFS.label}> "서울"@ko }} }}'
        r = client.post(
            "/sparql",
            content=update,
            headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer t"},
        )
        assert r.status_code == 204, r.text
        engine.stop()
        try:
            started = time.monotonic()
            r = client.get("/sparql", params=ask)
            assert r.status_code == 503
            assert r.headers["content-type"].startswith("application/problem+json")
            assert "not reachable" in r.json()["detail"]
            assert client.get("/healthz").status_code == 503
            assert time.monotonic() - started < 10
        finally:
            engine.start()
        r = client.get("/sparql", params={"query": f"SELECT ?l WHERE {{ <{EX['서울']}> ?p ?l }}"})
        assert r.status_code == 200
        assert r.json()["results"]["bindings"][0]["l"] == {
            "type": "literal",
            "value": "서울",
            "xml:lang": "ko",
        }
