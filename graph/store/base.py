"""The one seam between digicoop and a triple store.

Three backends implement it: embedded Oxigraph on disk (the default), in-memory
Oxigraph, and any remote SPARQL 1.1 endpoint. Every query reaches the engine as a
string. The default graph of a query is the union of all named graphs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, cast, runtime_checkable

from rdflib import Graph
from rdflib.term import Node

Row = dict[str, Node]


@dataclass(frozen=True)
class RawResult:
    """A query result already serialized by the engine, for the SPARQL protocol."""

    body: bytes
    media_type: str


@runtime_checkable
class Store(Protocol):
    def select(self, sparql: str) -> list[Row]:
        """Run a SELECT; rows map variable names (without '?') to rdflib terms (unbound left out)."""

    def ask(self, sparql: str) -> bool: ...

    def construct(self, sparql: str) -> Graph:
        """Run a CONSTRUCT or DESCRIBE."""

    def replace_graph(self, graph_iri: str, graph: Graph | str) -> None:
        """Atomically make ``graph`` (an rdflib Graph, or N-Triples text) the whole content of
        the named graph ``graph_iri``."""

    def drop_graph(self, graph_iri: str) -> bool:
        """Remove a named graph; False when it did not exist."""

    def graph_iris(self) -> Iterator[str]: ...

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL 1.1 Update (one transaction); relative IRIs resolve against ``base_iri``."""

    def raw_query(
        self,
        sparql: str,
        media_type: str,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        *,
        base_iri: str | None = None,
        max_rows: int | None = None,
    ) -> RawResult:
        """Run any query form and serialize its result in ``media_type`` (protocol use).

        With no dataset given the default graph is the union of all graphs; a SELECT
        returns at most ``max_rows`` rows; ``RawResult.media_type`` says what was produced
        when ``media_type`` does not fit the query form.
        """

    def close(self) -> None: ...


@runtime_checkable
class AsyncRawQuery(Protocol):
    """Optional beside ``Store``: a backend that can answer ``raw_query`` without blocking the loop."""

    async def araw_query(
        self,
        sparql: str,
        media_type: str,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        *,
        base_iri: str | None = None,
        max_rows: int | None = None,
    ) -> RawResult:
        """``raw_query`` for event-loop callers; raises ``QueryTimeout`` at the store's deadline."""
        ...


async def araw_query(
    store: Store,
    sparql: str,
    media_type: str,
    default_graph_uris: Sequence[str] = (),
    named_graph_uris: Sequence[str] = (),
    *,
    base_iri: str | None = None,
    max_rows: int | None = None,
) -> RawResult:
    """``store.raw_query`` awaited: natively when the backend can, else on a worker thread."""
    # hasattr rather than isinstance(store, AsyncRawQuery): a runtime protocol check inspects
    # every member of the protocol on each call, and this runs once per request.
    if hasattr(store, "araw_query"):
        return await cast(AsyncRawQuery, store).araw_query(
            sparql, media_type, default_graph_uris, named_graph_uris, base_iri=base_iri, max_rows=max_rows
        )
    return await asyncio.to_thread(
        store.raw_query,
        sparql,
        media_type,
        default_graph_uris,
        named_graph_uris,
        base_iri=base_iri,
        max_rows=max_rows,
    )
