"""The store fixture: every contract test runs on each backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import OxigraphStore, Store, open_store
from tests.graph.store.servers import Engine, Virtuoso, oxigraph_serve, virtuoso


@pytest.fixture(scope="session")
def oxigraph_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph-serve")) as engine:
        yield engine


@pytest.fixture(scope="session")
def virtuoso_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as engine:
        yield engine


@pytest.fixture(
    params=[
        "memory",
        "disk",
        "disk+processes",
        "oxigraph-serve",
        "oxigraph-serve+gsp",
        pytest.param("virtuoso", marks=pytest.mark.virtuoso),
        pytest.param("virtuoso+gsp", marks=pytest.mark.virtuoso),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    kind = request.param
    if kind == "memory":
        s = open_store(memory=True, timeout=10)
    elif kind == "disk":
        s = open_store(tmp_path / "store", timeout=10)
    elif kind == "disk+processes":
        # protocol queries in killable processes, as `digicoop serve` runs them
        s = open_store(tmp_path / "store", timeout=10, query_processes=1)
        assert isinstance(s, OxigraphStore) and s.wait_ready(60)
    elif kind.startswith("oxigraph-serve"):
        engine: Engine = request.getfixturevalue("oxigraph_engine")
        gsp = engine.graph_store if kind.endswith("+gsp") else None
        s = open_store(endpoint=engine.query, update_endpoint=engine.update, graph_store=gsp, timeout=10)
    else:
        v: Virtuoso = request.getfixturevalue("virtuoso_engine")
        gsp = v.graph_store if kind.endswith("+gsp") else None
        s = open_store(endpoint=v.url, auth=v.auth, graph_store=gsp, timeout=10)
    yield s
    s.close()
