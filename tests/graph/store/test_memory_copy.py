"""In-memory copies of checkpoints: made only after a quiet spell, never answering a stale read."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.store import OxigraphStore, open_store
from graph.store._memory_copy import QUIET_PER_COST, MemoryCopies

EX = "http://example.org/"
JSON = "application/sparql-results+json"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}v> ?o }}"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def checkpoint(tmp_path: Path, name: str, triples: int) -> str:
    store = ox.Store(str(tmp_path / "source"))
    store.extend(
        ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}v"), ox.Literal(str(i)), ox.NamedNode(f"{EX}g"))
        for i in range(len(store), triples)
    )
    store.flush()
    store.backup(str(tmp_path / name))
    del store
    return str(tmp_path / name)


def settle(copies: MemoryCopies, snapshot: str) -> ox.Store | None:
    copies.wait(30)
    return copies.store_for(snapshot)


def test_a_checkpoint_is_copied_only_after_it_went_unchanged_for_the_quiet_spell(tmp_path: Path) -> None:
    first = checkpoint(tmp_path, "c1", 50)
    clock = Clock()
    copies = MemoryCopies(1000, quiet=2.0, clock=clock)
    assert copies.store_for(first) is None
    clock.now += 1.0
    assert settle(copies, first) is None  # not quiet long enough: nothing was started
    clock.now += 1.0
    assert copies.store_for(first) is None  # due: the copy starts in the background
    copy = settle(copies, first)
    assert copy is not None and len(copy) == 50
    assert copy.contains_named_graph(ox.NamedNode(f"{EX}g"))


def test_a_newer_checkpoint_drops_the_old_copy_at_once(tmp_path: Path) -> None:
    first = checkpoint(tmp_path, "c1", 50)
    clock = Clock()
    copies = MemoryCopies(1000, quiet=0.0, clock=clock)
    copies.store_for(first)
    copies.store_for(first)
    assert settle(copies, first) is not None
    second = checkpoint(tmp_path, "c2", 60)
    assert copies.store_for(second) is None  # never the copy of the older checkpoint
    copies.store_for(second)
    copy = settle(copies, second)
    assert copy is not None and len(copy) == 60


def test_the_quiet_spell_grows_with_what_the_last_copy_cost(tmp_path: Path) -> None:
    first = checkpoint(tmp_path, "c1", 50)
    clock = Clock()
    copies = MemoryCopies(1000, quiet=1.0, clock=clock)
    copies.store_for(first)
    clock.now += 1.0
    copies.store_for(first)
    copies.wait(30)
    copies._cost = 10.0  # as if the copy had taken ten seconds
    second = checkpoint(tmp_path, "c2", 60)
    copies.store_for(second)
    clock.now += 10.0 * QUIET_PER_COST - 1
    assert settle(copies, second) is None
    clock.now += 1
    copies.store_for(second)
    assert settle(copies, second) is not None


def test_a_store_above_the_limit_is_never_copied(tmp_path: Path) -> None:
    first = checkpoint(tmp_path, "c1", 50)
    clock = Clock()
    copies = MemoryCopies(49, quiet=0.0, clock=clock)
    for _ in range(3):
        copies.store_for(first)
        copies.wait(30)
    assert copies.store_for(first) is None


def test_a_checkpoint_gone_before_its_copy_leaves_queries_on_disk(tmp_path: Path) -> None:
    clock = Clock()
    copies = MemoryCopies(1000, quiet=0.0, clock=clock)
    missing = str(tmp_path / "pruned")
    copies.store_for(missing)
    copies.store_for(missing)
    assert settle(copies, missing) is None


# -- in the query processes -------------------------------------------------------------------


def count(store: OxigraphStore) -> int:
    doc = json.loads(store.raw_query(COUNT, JSON).body)
    return int(doc["results"]["bindings"][0]["n"]["value"])


def insert(store: OxigraphStore, start: int, stop: int) -> None:
    data = " ".join(f"<{EX}s{i}> <{EX}v> {i} ." for i in range(start, stop))
    store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ {data} }} }}")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    s = open_store(tmp_path / "store", timeout=10.0, query_processes=1, memory_copy_triples=1000)
    assert isinstance(s, OxigraphStore)
    assert s.wait_ready(60)
    insert(s, 0, 100)
    yield s
    s.close()


def answered_from_memory(store: OxigraphStore) -> int:
    assert store._sandbox is not None
    return store._sandbox.from_memory


def test_a_quiet_store_is_answered_from_memory_and_a_write_is_seen_at_once(store: OxigraphStore) -> None:
    assert count(store) == 100
    assert answered_from_memory(store) == 0
    deadline = time.monotonic() + 60
    while answered_from_memory(store) == 0 and time.monotonic() < deadline:
        assert count(store) == 100  # from disk until the copy is whole, then from memory
        time.sleep(0.2)
    assert answered_from_memory(store) > 0
    before = answered_from_memory(store)
    insert(store, 100, 110)
    assert count(store) == 110  # the write's checkpoint, read from disk
    assert answered_from_memory(store) == before


def test_the_copy_keeps_hidden_graphs_hidden(tmp_path: Path) -> None:
    s = open_store(
        tmp_path / "store",
        timeout=10.0,
        query_processes=1,
        memory_copy_triples=1000,
        hidden_graphs=[f"{EX}secret"],
    )
    assert isinstance(s, OxigraphStore)
    try:
        assert s.wait_ready(60)
        insert(s, 0, 5)
        s.update(f"INSERT DATA {{ GRAPH <{EX}secret> {{ <{EX}x> <{EX}v> 1 }} }}")
        deadline = time.monotonic() + 60
        while answered_from_memory(s) == 0 and time.monotonic() < deadline:
            assert count(s) == 5
            time.sleep(0.2)
        assert answered_from_memory(s) > 0
        assert count(s) == 5
        graphs = json.loads(s.raw_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", JSON).body)
        assert [b["g"]["value"] for b in graphs["results"]["bindings"]] == [f"{EX}g"]
    finally:
        s.close()
