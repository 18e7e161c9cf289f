"""The store seam and its backends: embedded Oxigraph (on disk or in memory) and remote SPARQL.

store = open_store(Path("data/store"))            # embedded, persistent (the default)
store = open_store(memory=True)                   # in memory (tests, --memory)
store = open_store(endpoint="http://host/sparql")  # any SPARQL 1.1 endpoint
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.store._budget import deadline, deadline_paused, time_left
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
    query_processes: int = 0,
    hidden_graphs: Sequence[str] = (),
    result_cache_bytes: int = 0,
    memory_copy_triples: int = 0,
) -> Store:
    """Open the store the options name: a remote endpoint, memory, or the folder ``path``.

    ``graph_store`` is the engine's SPARQL 1.1 Graph Store Protocol endpoint, when it has one
    (Virtuoso ``/sparql-graph-crud-auth``, ``oxigraph serve`` ``/store``): whole-graph writes then
    use one PUT instead of INSERT DATA. ``query_processes`` (on-disk store only) runs protocol
    queries in that many killable processes, so a query past its time limit stops using CPU.
    ``hidden_graphs`` (IRIs, or prefixes ending in ``*``) are kept out of every query's sight.
    ``result_cache_bytes`` (embedded store only) keeps that many bytes of protocol query results
    until the next write; a remote engine may be written by others, so its results are never kept.
    ``memory_copy_triples`` (with ``query_processes``): each query process answers from an
    in-memory copy of a store of at most that many triples once it has gone a while unwritten.
    """
    if endpoint:
        if hidden_graphs:
            raise StoreUnavailable(
                "Hidden graphs are kept out of sight by the embedded store only; on a remote engine, "
                "restrict them in the engine itself (Virtuoso graph-level security, Fuseki access control)."
            )
        return RemoteStore(endpoint, update_endpoint, graph_store=graph_store, auth=auth, timeout=timeout)
    if memory:
        return OxigraphStore(
            None, timeout=timeout, hidden_graphs=hidden_graphs, result_cache_bytes=result_cache_bytes
        )
    if path is None:
        raise ValueError("open_store needs a folder, memory=True or an endpoint")
    return OxigraphStore(
        Path(path),
        timeout=timeout,
        query_processes=query_processes,
        hidden_graphs=hidden_graphs,
        result_cache_bytes=result_cache_bytes,
        memory_copy_triples=memory_copy_triples,
    )


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
    "deadline",
    "deadline_paused",
    "open_store",
    "query_form",
    "time_left",
]
