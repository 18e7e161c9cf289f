"""Protocol query results kept until the next write, for the embedded store.

Dashboards, notebooks and digicoop's own pages ask the same questions again and again; an
answer already serialized costs nothing to send again, where the engine and the hop to a query
process cost a millisecond or more. The embedded store is the only writer of its folder and
counts its writes (``generation``), so a result keyed by that count is exactly what the engine
would answer now: no time-to-live, no stale answer.

What is never kept: errors, results bigger than a sixteenth of the budget, and queries whose
answer may differ between two runs over the same data: ``NOW()``, ``RAND()``, ``UUID()``,
``STRUUID()``, ``BNODE()`` and ``SERVICE`` (another engine's data). Those words are found by the
store's lexer, so the same word inside a string or an IRI does not count.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from graph.store._sparql import tokens
from graph.store.base import RawResult

_VOLATILE = frozenset({"NOW", "RAND", "UUID", "STRUUID", "BNODE", "SERVICE"})
_ENTRY_OVERHEAD = 200  # bytes of key, entry and dict slot beside the body, roughly


def repeatable(sparql: str) -> bool:
    """Whether two runs of ``sparql`` over the same data give the same answer."""
    upper = sparql.upper()
    if not any(word in upper for word in _VOLATILE):  # the usual case, without lexing
        return True
    return not any(tok.keyword in _VOLATILE for tok in tokens(sparql))


class ResultCache:
    """A least-recently-used map from (generation, request) to a serialized result, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[int, RawResult]] = OrderedDict()
        self._generation = -1
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, generation: int, key: Hashable) -> RawResult | None:
        with self._lock:
            if generation > self._generation:
                self._clear(generation)
            found = self._entries.get(key) if generation == self._generation else None
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found[1]

    def put(self, generation: int, key: Hashable, sparql: str, result: RawResult) -> None:
        """Keep ``result`` if it answered ``sparql`` at ``generation`` and the store is still there."""
        size = len(result.body) + len(sparql) + _ENTRY_OVERHEAD
        if size > self.max_bytes // 16 or not repeatable(sparql):
            return
        with self._lock:
            if generation != self._generation:  # a write came first: the answer may be old
                return
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= old[0]
            self._entries[key] = (size, result)
            self._size += size
            while self._size > self.max_bytes:
                _, (dropped, _) = self._entries.popitem(last=False)
                self._size -= dropped

    @property
    def size(self) -> int:
        """Bytes held, as counted against the budget."""
        return self._size

    def _clear(self, generation: int) -> None:
        self._entries.clear()
        self._size = 0
        self._generation = generation
