"""The remote backend's failure modes against a real `oxigraph serve`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from graph.errors import QuerySyntaxError, QueryTimeout, StoreUnavailable
from graph.store import open_store
from tests.graph.store.servers import Engine, free_port, oxigraph_serve


def test_a_slow_engine_is_a_timeout_not_a_hang(tmp_path: Path) -> None:
    with oxigraph_serve(tmp_path / "db") as engine:
        store = open_store(endpoint=engine.query, update_endpoint=engine.update, timeout=0.5)
        data = " ".join(f"<http://e/s{i}> <http://e/v> {i} ." for i in range(200))
        store.update(f"INSERT DATA {{ GRAPH <http://e/g> {{ {data} }} }}")
        started = time.monotonic()
        with pytest.raises(QueryTimeout):
            store.select("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }")
        assert time.monotonic() - started < 1.5
        store.close()


def test_an_engine_that_is_not_there_is_unavailable() -> None:
    store = open_store(endpoint=f"http://127.0.0.1:{free_port()}/query", timeout=2)
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="not reachable"):
        store.ask("ASK {}")
    assert time.monotonic() - started < 2
    store.close()


def test_engine_syntax_errors_point_at_the_users_text(tmp_path: Path) -> None:
    engine: Engine
    with oxigraph_serve(tmp_path / "db") as engine:
        store = open_store(endpoint=engine.query, update_endpoint=engine.update, timeout=5)
        with pytest.raises(QuerySyntaxError, match="line 2"):
            store.select("SELECT *\nWHERE { ?s ?p }")
        store.close()
