"""The one seam between digicoop and a triple store.

Three backends implement it: embedded Oxigraph on disk (the default), in-memory
Oxigraph, and any remote SPARQL 1.1 endpoint. Every query reaches the engine as a
string. The default graph of a query is the union of all named graphs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

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
