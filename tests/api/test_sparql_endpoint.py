"""/sparql as a client sees it: errors as problem+json, tokens, refusals, negotiation, limits, timeouts."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph.store import Store, open_store

TOKEN = "endpoint-test-token"
EX = "http://example.org/"
UPDATE = {"Content-Type": "application/sparql-update"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def make_client(tmp_path: Path, store: Store, **overrides: object) -> TestClient:
    values: dict[str, object] = {"memory": True, "token": SecretStr(TOKEN), "examples_dir": tmp_path}
    values.update(overrides)
    return TestClient(create_app(Settings(**values), store))  # type: ignore[arg-type]


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(memory=True, timeout=5)
    yield s
    s.close()


@pytest.fixture
def client(tmp_path: Path, store: Store) -> Iterator[TestClient]:
    with make_client(tmp_path, store, max_rows=3, max_body_bytes=10_000) as c:
        data = " ".join(f"<{EX}s{i}> <{EX}v> {i} ." for i in range(10))
        r = c.post("/sparql", content=f"INSERT DATA {{ GRAPH <{EX}g> {{ {data} }} }}", headers=UPDATE | AUTH)
        assert r.status_code == 204
        yield c


def problem(r: object) -> dict[str, object]:
    from httpx import Response

    assert isinstance(r, Response)
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == r.status_code
    return body


def test_malformed_sparql_is_a_400_that_says_where(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE {\n  ?s ?p \n}"})
    assert r.status_code == 400
    detail = str(problem(r)["detail"])
    assert "line 3" in detail
    assert "expected" not in detail.lower()


def test_updates_need_the_right_token(client: TestClient) -> None:
    update = f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}"
    r = client.post("/sparql", content=update, headers=UPDATE)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    problem(r)
    r = client.post("/sparql", content=update, headers=UPDATE | {"Authorization": "Bearer wrong"})
    assert r.status_code == 403
    problem(r)
    assert client.get("/sparql", params={"query": f"ASK {{ <{EX}a> ?p ?o }}"}).json()["boolean"] is False


def test_without_a_configured_token_the_endpoint_is_read_only(tmp_path: Path, store: Store) -> None:
    with make_client(tmp_path, store, token=None) as c:
        r = c.post("/sparql", data={"update": "CLEAR ALL"}, headers=AUTH)
        assert r.status_code == 403
        assert "read-only" in str(problem(r)["detail"])
        assert c.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_service_is_refused_without_any_outbound_request(client: TestClient) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        for query in (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            f"PREFIX x: <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ service silent x:sparql {{ ?s ?p ?o }} }}",
            "SELECT * WHERE { BIND(<http://127.0.0.1:1/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        ):
            r = client.get("/sparql", params={"query": query})
            assert r.status_code == 403, query
            assert "SERVICE" in str(problem(r)["detail"])
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()
    # The word inside a literal or an IRI is not a SERVICE clause.
    r = client.get("/sparql", params={"query": 'SELECT * WHERE { BIND("SERVICE <http://x/>" AS ?x) }'})
    assert r.status_code == 200


def test_allowed_service_endpoints_pass_the_check(tmp_path: Path, store: Store) -> None:
    with make_client(tmp_path, store, allow_service_endpoints=["http://127.0.0.1:9/sparql"]) as c:
        r = c.get(
            "/sparql",
            params={"query": "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"},
        )
        assert r.status_code != 403


def test_load_of_local_files_is_refused(client: TestClient) -> None:
    r = client.post("/sparql", content="LOAD <file:///etc/passwd>", headers=UPDATE | AUTH)
    assert r.status_code == 403
    assert "local files" in str(problem(r)["detail"])


def test_an_oversized_body_is_413(client: TestClient) -> None:
    r = client.post(
        "/sparql", content="ASK {} " + "#" * 20_000, headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 413
    problem(r)


@pytest.mark.parametrize(
    ("accept", "params", "expected"),
    [
        ("", {}, "application/sparql-results+json"),
        ("*/*", {}, "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml", {}, "application/sparql-results+xml"),
        ("text/csv;q=0.9, text/tab-separated-values", {}, "text/tab-separated-values"),
        ("application/sparql-results+json;q=0, text/*", {}, "text/csv"),
        ("application/json", {}, "application/sparql-results+json"),
        (
            "application/sparql-results+xml",
            {"format": "json", "output": "json"},
            "application/sparql-results+json",
        ),
        ("text/csv", {"format": "no-such-format"}, "text/csv"),
    ],
)
def test_select_content_negotiation(
    client: TestClient, accept: str, params: dict[str, str], expected: str
) -> None:
    r = client.get(
        "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }", **params}, headers={"Accept": accept}
    )
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("*/*", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-quads;q=0.2, application/trig;q=0.8", "application/trig"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/plain", "application/n-triples"),
    ],
)
def test_construct_content_negotiation(client: TestClient, accept: str, expected: str) -> None:
    r = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == expected


def test_an_unproducible_media_type_is_406(client: TestClient) -> None:
    r = client.get(
        "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": "image/png"}
    )
    assert r.status_code == 406
    problem(r)


def test_select_results_are_capped_at_max_rows(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert len(r.json()["results"]["bindings"]) == 3


def test_unknown_routes_and_methods_are_problems(client: TestClient) -> None:
    assert problem(client.get("/no-such-page"))["status"] == 404
    assert problem(client.delete("/sparql"))["status"] == 405


# -- timeouts ----------------------------------------------------------------------------------------

RUNAWAY_COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{EX}v> ?x . ?b <{EX}v> ?y . ?c <{EX}v> ?z }}"
RUNAWAY_STREAM = (
    f"SELECT ?a WHERE {{ ?a <{EX}v> ?x . ?b <{EX}v> ?y . ?c <{EX}v> ?z FILTER(?x + ?y + ?z = 250) }}"
)


@pytest.fixture
def slow_client(tmp_path: Path) -> Iterator[TestClient]:
    store = open_store(memory=True, timeout=0.5)
    with make_client(tmp_path, store, query_timeout=0.5, max_rows=1_000_000) as c:
        data = " ".join(f"<{EX}s{i}> <{EX}v> {i} ." for i in range(200))
        c.post("/sparql", content=f"INSERT DATA {{ GRAPH <{EX}g> {{ {data} }} }}", headers=UPDATE | AUTH)
        yield c
    store.close()


def _wait_until_idle() -> None:
    # A blocking runaway from an earlier test may still be finishing its engine step.
    for _ in range(40):
        cpu = time.process_time()
        time.sleep(0.25)
        if time.process_time() - cpu < 0.05:
            return


@pytest.mark.slow
def test_a_runaway_query_is_503_at_the_deadline_while_others_are_answered(slow_client: TestClient) -> None:
    answered: list[float] = []

    def other() -> None:
        time.sleep(0.1)
        started = time.monotonic()
        assert slow_client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
        answered.append(time.monotonic() - started)

    thread = threading.Thread(target=other)
    thread.start()
    started = time.monotonic()
    r = slow_client.get("/sparql", params={"query": RUNAWAY_COUNT})
    elapsed = time.monotonic() - started
    thread.join()
    assert r.status_code == 503
    assert "time limit" in str(problem(r)["detail"])
    assert r.headers["retry-after"]
    assert elapsed < 1.5
    assert answered and answered[0] < 0.5


@pytest.mark.slow
def test_a_streaming_runaway_query_frees_its_cpu_at_the_deadline(slow_client: TestClient) -> None:
    _wait_until_idle()
    r = slow_client.get("/sparql", params={"query": RUNAWAY_STREAM})
    assert r.status_code == 503
    time.sleep(0.2)
    cpu = time.process_time()
    time.sleep(1.0)
    # Left running, the query would keep one core busy for ~3 more seconds.
    assert time.process_time() - cpu < 0.3


def test_the_service_keeps_answers_only_until_the_next_write(tmp_path: Path) -> None:
    # The store the app opens itself, as `digicoop serve` does: its results are kept by default.
    settings = Settings(memory=True, token=SecretStr(TOKEN), examples_dir=tmp_path, load_reference=False)
    count = {"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}v> ?v }}"}
    with TestClient(create_app(settings)) as c:
        for expected in range(1, 4):
            r = c.post(
                "/sparql", content=f"INSERT DATA {{ <{EX}s{expected}> <{EX}v> 1 }}", headers=UPDATE | AUTH
            )
            assert r.status_code == 204
            for _ in range(2):
                n = c.get("/sparql", params=count, headers={"Accept": "application/sparql-results+json"})
                assert n.json()["results"]["bindings"][0]["n"]["value"] == str(expected)
        kept = c.app.state.store.result_cache  # type: ignore[attr-defined]
        assert kept is not None and kept.hits == 3
