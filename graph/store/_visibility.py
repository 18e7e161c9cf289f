"""Graphs the operator keeps out of sight of queries (``DIGICOOP_HIDDEN_GRAPHS``).

A hidden graph is left out of the union default graph and of the named graphs a query may
reach with ``GRAPH ?g``; a request that names one (``FROM``, ``FROM NAMED``, the protocol's
``default-graph-uri`` and ``named-graph-uri``) is refused with 403. ``GRAPH <hidden>`` simply
matches nothing, as for a graph that does not exist. Updates, which need the token, are not
restricted: the operator's own tools write these graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graph.errors import QueryRefused
from graph.store._sparql import dataset_iris


class HiddenGraphs:
    """Patterns: a whole IRI, or a prefix written with a trailing ``*``."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(p.strip() for p in patterns if p.strip())
        self._exact = frozenset(p for p in self.patterns if not p.endswith("*"))
        self._prefixes = tuple(p[:-1] for p in self.patterns if p.endswith("*"))

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def hides(self, iri: str) -> bool:
        return iri in self._exact or iri.startswith(self._prefixes)

    def check(self, sparql: str, named: Iterable[str] = ()) -> None:
        """Refuse a request whose dataset names a hidden graph."""
        # only a text with FROM in it is lexed: the lexer costs more than most small queries
        from_query = dataset_iris(sparql) if "FROM" in sparql.upper() else []
        for iri in (*named, *from_query):
            if self.hides(iri):
                exc = QueryRefused(f"The graph <{iri}> is not exposed by this service.")
                exc.status = 403  # type: ignore[attr-defined]  # not malformed, but not allowed here
                raise exc
