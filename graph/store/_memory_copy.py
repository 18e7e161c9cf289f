"""In-memory copies of checkpoints, for the query processes of ``_sandbox``.

Oxigraph answers from memory two to two and a half times faster than from RocksDB (0.30 against
0.75 ms a query on the benchmark's three queries over 100k triples). A query process therefore
copies its checkpoint into an in-memory store, in a thread of its own, once that checkpoint has
served queries unchanged for a while: the store has not been written. It answers from the copy
once the copy is whole. A newer checkpoint (a write) is answered from RocksDB at once, so reads
stay exactly as current as before; its copy starts when it too has gone unchanged.

The wait before copying grows with what the last copy cost, so a store written every few
seconds is not copied over and over. Stores of more than ``max_triples`` quads are never copied:
every query process would hold its own copy.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import pyoxigraph as ox

log = logging.getLogger(__name__)

# A checkpoint must have gone unchanged this long, and QUIET_PER_COST times as long as the last
# copy took, before it is copied.
QUIET = 2.0
QUIET_PER_COST = 4.0


class MemoryCopies:
    """The copy of one checkpoint at a time: the newest one this process was asked about."""

    def __init__(
        self,
        max_triples: int,
        quiet: float = QUIET,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_triples = max_triples
        self._quiet = quiet
        self._clock = clock
        self._lock = threading.Lock()
        self._snapshot: str | None = None
        self._since = 0.0
        self._copy: ox.Store | None = None
        self._copying: threading.Thread | None = None
        self._cost = 0.0
        self._too_big: str | None = None

    def store_for(self, snapshot: str) -> ox.Store | None:
        """The whole in-memory copy of ``snapshot``, or None: then one is started when it is due."""
        now = self._clock()
        with self._lock:
            if snapshot != self._snapshot:
                # A newer checkpoint: the old copy answers nothing any more.
                self._snapshot, self._since, self._copy = snapshot, now, None
                return None
            if self._copy is not None:
                return self._copy
            due = now - self._since >= max(self._quiet, QUIET_PER_COST * self._cost)
            if due and self._copying is None and self._too_big != snapshot:
                self._copying = threading.Thread(
                    target=self._make, args=(snapshot,), name="digicoop-memory-copy", daemon=True
                )
                self._copying.start()
            return None

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a copy under way, if any (for tests and orderly shutdown)."""
        copying = self._copying
        if copying is not None:
            copying.join(timeout)

    def _make(self, snapshot: str) -> None:
        started = self._clock()
        copy: ox.Store | None = None
        too_big = False
        try:
            # pyoxigraph releases the GIL while it counts and copies: queries go on meanwhile.
            source = ox.Store.read_only(snapshot)
            if len(source) > self._max_triples:
                too_big = True
            else:
                copy = ox.Store()
                copy.bulk_extend(source.quads_for_pattern(None, None, None, None))
            del source
        except OSError as exc:  # the checkpoint was pruned meanwhile: a newer one is in use
            log.info("no in-memory copy of %s: %s", snapshot, exc)
        with self._lock:
            self._copying = None
            self._cost = self._clock() - started
            if too_big:
                self._too_big = snapshot
            if copy is not None and snapshot == self._snapshot:
                self._copy = copy
