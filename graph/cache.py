"""Derived views of the store (name index, network snapshot) kept between requests.

A value is rebuilt when the store's set of named graphs changes — an article added or
deleted — and at least every ``MAX_AGE`` seconds, so a corrected article (same graph,
new content) shows within that time. Stores that cannot be weakly referenced are not cached.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from graph.store.base import Store

T = TypeVar("T")
MAX_AGE = 10.0

_caches: weakref.WeakKeyDictionary[Any, dict[str, tuple[frozenset[str], float, Any]]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def cached(store: Store, key: str, build: Callable[[Store], T]) -> T:
    """``build(store)``, computed again only when the store's named graphs changed or it is old."""
    graphs = frozenset(store.graph_iris())
    now = time.monotonic()
    try:
        with _lock:
            slot = _caches.setdefault(store, {})
            hit = slot.get(key)
    except TypeError:
        return build(store)
    if hit is not None and hit[0] == graphs and now - hit[1] < MAX_AGE:
        value: T = hit[2]
        return value
    value = build(store)
    with _lock:
        slot[key] = (graphs, now, value)
    return value
