"""The store seam and its backends: embedded Oxigraph (on disk or in memory) and remote SPARQL.

store = open_store(Path("data/store"))            # embedded, persistent (the default)
store = open_store(memory=True)                   # in memory (tests, --memory)
store = open_store(endpoint="http://host/sparql")  # any SPARQL 1.1 endpoint
"""

from __future__ import annotations

from pathlib import Path

from graph.store._oxigraph import RDF_TYPES, OxigraphStore
from graph.store._remote import Auth, RemoteStore
from graph.store._results import RESULT_TYPES
from graph.store._sparql import add_using, check_outbound, query_form
from graph.store.base import RawResult, Row, Store

DEFAULT_TIMEOUT = 30.0


def open_store(
    path: Path | None = None,
    *,
    memory: bool = False,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    graph_store: str | None = None,
    auth: Auth = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Store:
    """Open the store the options name: a remote endpoint, memory, or the folder ``path``.

    ``graph_store`` is the engine's SPARQL 1.1 Graph Store Protocol endpoint, when it has one
    (Virtuoso ``/sparql-graph-crud-auth``, ``oxigraph serve`` ``/store``): whole-graph writes then
    use one PUT instead of INSERT DATA.
    """
    if endpoint:
        return RemoteStore(endpoint, update_endpoint, graph_store=graph_store, auth=auth, timeout=timeout)
    if memory:
        return OxigraphStore(None, timeout=timeout)
    if path is None:
        raise ValueError("open_store needs a folder, memory=True or an endpoint")
    return OxigraphStore(Path(path), timeout=timeout)


__all__ = [
    "RDF_TYPES",
    "RESULT_TYPES",
    "Auth",
    "OxigraphStore",
    "RawResult",
    "RemoteStore",
    "Row",
    "Store",
    "add_using",
    "check_outbound",
    "open_store",
    "query_form",
]
