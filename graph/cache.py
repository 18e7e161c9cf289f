"""Derived views of the store (name index, paths graph, network snapshot) kept between requests.

A value is rebuilt after a write. The embedded store counts its own writes (``generation``),
so any write, a corrected article included, shows at once. A remote engine may be written by
others, so there the value is rebuilt when its set of named graphs changes (an article added
or deleted) and at least every ``MAX_AGE`` seconds, so a corrected article (same graph, new
content) shows within that time. Stores that cannot be weakly referenced are not cached.

Under a stream of writes a view would be rebuilt without end, and rebuilding the name index of
a large graph takes a second: so a view whose build took ``SLOW`` seconds or more is not rebuilt
sooner than ``PACE`` times that after its build ended. Rebuilding then takes at most a third of
the time, and such a view lags the store by at most about three builds; a view built faster
(any graph of a few thousand articles) still follows every write at once.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from graph.store.base import Store

T = TypeVar("T")
MAX_AGE = 10.0
PACE = 2.0
SLOW = 0.25


@dataclass(frozen=True)
class _Entry:
    version: Hashable
    started: float  # what it reflects: the store as it was then
    finished: float
    value: Any

    def fresh(self, version: Hashable, now: float) -> bool:
        return self.version == version and (isinstance(version, int) or now - self.started < MAX_AGE)

    def resting(self, now: float) -> bool:
        """A slow build, done too recently to be done again yet."""
        took = self.finished - self.started
        return took >= SLOW and now - self.finished < PACE * took


_caches: weakref.WeakKeyDictionary[Any, dict[str, _Entry]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_building: weakref.WeakKeyDictionary[Any, dict[str, threading.Lock]] = weakref.WeakKeyDictionary()


def _version(store: Store) -> Hashable:
    """What changes with every write the cache must see: a write count, or the set of graphs."""
    generation = getattr(store, "generation", None)
    if isinstance(generation, int):
        return generation
    return frozenset(store.graph_iris())


def cached(store: Store, key: str, build: Callable[[Store], T]) -> T:
    """``build(store)``, computed again only after a write to the store (see the module).

    One caller rebuilds a stale value at a time. While it does, the others get the previous value
    when there is one (so under concurrent writes a view may lag by one rebuild), else wait for it.
    """
    arrived = time.monotonic()
    version = _version(store)
    try:
        with _lock:
            slot = _caches.setdefault(store, {})
            building = _building.setdefault(store, {}).setdefault(key, threading.Lock())
            hit = slot.get(key)
    except TypeError:
        return build(store)
    if hit is not None and (hit.fresh(version, arrived) or hit.resting(arrived)):
        value: T = hit.value
        return value
    # When every request that found the value stale rebuilt it, 16 readers beside a write a
    # second kept every worker rebuilding the same index and requests took tens of seconds
    # (benchmarks/load.py): the writes invalidated each rebuild before it was done.
    if not building.acquire(blocking=hit is None):
        assert hit is not None
        value = hit.value
        return value
    try:
        with _lock:
            hit = slot.get(key)
        # built while this call waited, from a listing made after it arrived: as fresh as needed
        if hit is not None and hit.started >= arrived:
            value = hit.value
            return value
        started = time.monotonic()
        version = _version(store)
        if hit is not None and hit.fresh(version, started):
            value = hit.value
            return value
        value = build(store)
        with _lock:
            slot[key] = _Entry(version, started, time.monotonic(), value)
        return value
    finally:
        building.release()
