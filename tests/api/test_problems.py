"""Every error is application/problem+json, and none carries internal exception text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.errors import NotFound, QueryTimeout, StoreUnavailable
from graph.store import open_store


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    store = open_store(memory=True)
    app = create_app(Settings(memory=True, load_reference=False, examples_dir=tmp_path), store)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail /etc/shadow")

    @app.get("/missing")
    def missing() -> None:
        raise NotFound("No article has the id 'x'.")

    @app.get("/slow")
    def slow() -> None:
        raise QueryTimeout("The query ran past the time limit and was stopped.")

    @app.get("/down")
    def down() -> None:
        raise StoreUnavailable("The SPARQL endpoint behind digicoop is not reachable.")

    @app.get("/typed")
    def typed(n: int) -> int:
        return n

    yield app
    store.close()


def test_an_unexpected_exception_is_a_generic_500(app: FastAPI, caplog: pytest.LogCaptureFixture) -> None:
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/boom")
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/problem+json"
    assert "secret" not in r.text and "RuntimeError" not in r.text
    assert "secret internal detail" in caplog.text


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/slow", 503), ("/down", 503)])
def test_digicoop_errors_map_to_their_status(app: FastAPI, path: str, status: int) -> None:
    with TestClient(app) as client:
        r = client.get(path)
    assert r.status_code == status
    body = r.json()
    assert body["status"] == status and body["type"].startswith("https://w3id.org/digicoop/problems/")
    assert body["detail"]
    if status == 503:
        assert r.headers["retry-after"]


def test_validation_errors_say_where_without_echoing_input(app: FastAPI) -> None:
    with TestClient(app) as client:
        r = client.get("/typed", params={"n": "<script>alert(1)</script>"})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert "query.n" in r.json()["detail"]
    assert "<script>" not in r.text


def test_a_query_without_a_query_is_a_400_problem(app: FastAPI) -> None:
    with TestClient(app) as client:
        r = client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 400 and r.json()["detail"].startswith("Send a SPARQL query")
