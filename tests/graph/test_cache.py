"""graph.cache under concurrent readers: one rebuild per change, never one per reader."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from graph.cache import cached
from graph.store import open_store


class FakeStore:
    """Just what ``cached`` asks of a store: the names of its graphs."""

    def __init__(self) -> None:
        self.graphs = {"https://ex.org/g0"}

    def graph_iris(self) -> Iterator[str]:
        return iter(sorted(self.graphs))


def _readers(store: Any, build: Callable[[Any], object], count: int) -> list[object]:
    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(cached(store, "k", build))) for _ in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return results


def test_concurrent_readers_share_one_build() -> None:
    store: Any = FakeStore()
    builds: list[int] = []

    def build(_store: object) -> int:
        builds.append(1)
        time.sleep(0.2)
        return len(builds)

    assert _readers(store, build, 8) == [1] * 8  # nothing built yet: all wait for the one build
    store.graphs.add("https://ex.org/g1")  # an article was added
    results = _readers(store, build, 8)
    assert len(builds) == 2
    # the reader that rebuilt got the new value; the others were answered meanwhile, from the
    # previous one or the new one, never by building their own
    assert set(results) in ({1, 2}, {2})
    assert cached(store, "k", build) == 2 and len(builds) == 2


def test_a_lone_reader_sees_its_own_write_at_once() -> None:
    store: Any = FakeStore()

    def build(s: Any) -> frozenset[str]:
        return frozenset(s.graphs)

    assert cached(store, "k", build) == {"https://ex.org/g0"}
    store.graphs.add("https://ex.org/g1")
    assert cached(store, "k", build) == {"https://ex.org/g0", "https://ex.org/g1"}


def test_a_corrected_article_shows_at_once_on_the_embedded_store() -> None:
    # Same graph, new content: the set of graphs does not change, the store's write count does.
    store = open_store(memory=True)
    graph = "https://ex.org/article"
    store.replace_graph(graph, '<https://ex.org/kt> <https://ex.org/name> "KT Corp" .')

    def names(s: Any) -> list[str]:
        return [str(r["n"]) for r in s.select("SELECT ?n WHERE { ?x <https://ex.org/name> ?n }")]

    assert cached(store, "names", names) == ["KT Corp"]
    assert cached(store, "names", names) == ["KT Corp"]
    store.replace_graph(graph, '<https://ex.org/kt> <https://ex.org/name> "KT Corporation" .')
    assert cached(store, "names", names) == ["KT Corporation"]
    store.close()


def test_under_a_stream_of_writes_a_slow_view_is_rebuilt_at_a_bounded_pace() -> None:
    store: Any = FakeStore()
    builds: list[float] = []

    def build(s: Any) -> int:
        builds.append(time.monotonic())
        time.sleep(0.3)  # a large graph's name index
        return len(s.graphs)

    assert cached(store, "k", build) == 1
    store.graphs.add("https://ex.org/g1")
    assert cached(store, "k", build) == 1  # built in 0.3 s: not again before 0.6 s have passed
    assert len(builds) == 1
    time.sleep(0.65)
    assert cached(store, "k", build) == 2
    assert len(builds) == 2
