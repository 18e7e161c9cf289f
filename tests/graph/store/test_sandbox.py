"""Query processes of the on-disk store: a runaway is killed at its deadline and its CPU freed."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.errors import QuerySyntaxError, QueryTimeout, StoreError
from graph.store import OxigraphStore, open_store
from graph.store.base import araw_query

EX = "http://example.org/"
JSON = "application/sparql-results+json"
# COUNT over a three-way cross product: the engine gives no row until it is done, so only
# killing its process stops it.
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{EX}v> ?x . ?b <{EX}v> ?y . ?c <{EX}v> ?z }}"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}v> ?o }}"


def children_cpu_seconds() -> float:
    """CPU time used so far by this process's live children (the query processes)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for task in Path("/proc/self/task").iterdir():
        for pid in (task / "children").read_text().split():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def count(store: OxigraphStore, query: str = COUNT) -> int:
    doc = json.loads(store.raw_query(query, JSON).body)
    return int(doc["results"]["bindings"][0]["n"]["value"])


def insert(store: OxigraphStore, graph: str, start: int, stop: int) -> None:
    data = " ".join(f"<{EX}s{i}> <{EX}v> {i} ." for i in range(start, stop))
    store.update(f"INSERT DATA {{ GRAPH <{EX}{graph}> {{ {data} }} }}")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    s = open_store(tmp_path / "store", timeout=1.0, query_processes=2)
    assert isinstance(s, OxigraphStore)
    # a busy machine may take longer than one query's time limit to start the processes
    assert s.wait_ready(60)
    insert(s, "g", 0, 300)
    yield s
    s.close()


def test_every_acknowledged_write_is_seen_by_the_next_query(store: OxigraphStore) -> None:
    assert count(store) == 300
    for round_ in range(5):
        insert(store, f"g{round_}", 1000 + round_, 1001 + round_)
        assert count(store) == 301 + round_
    store.drop_graph(f"{EX}g0")
    assert count(store) == 304


def test_a_runaway_query_is_killed_at_its_deadline_and_its_cpu_freed(store: OxigraphStore) -> None:
    assert count(store) == 300  # the processes are up and hold a checkpoint
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit"):
        store.raw_query(RUNAWAY, JSON)
    assert time.monotonic() - started < 2.0
    time.sleep(0.3)
    before = children_cpu_seconds()
    time.sleep(1.0)
    # Left running, the query would keep a core busy for minutes.
    assert children_cpu_seconds() - before < 0.2
    assert count(store) == 300


def test_other_queries_are_answered_while_one_runs_away(store: OxigraphStore) -> None:
    assert count(store) == 300
    answered: list[float] = []

    def other() -> None:
        time.sleep(0.2)
        started = time.monotonic()
        assert count(store) == 300
        answered.append(time.monotonic() - started)

    thread = threading.Thread(target=other)
    thread.start()
    with pytest.raises(QueryTimeout):
        store.raw_query(RUNAWAY, JSON)
    thread.join()
    assert answered and answered[0] < 0.5


def test_errors_come_back_from_the_query_process_as_digicoop_errors(store: OxigraphStore) -> None:
    with pytest.raises(QuerySyntaxError, match="syntax error at line 1"):
        store.raw_query("SELEC ?x WHERE { ?x ?p ?o }", JSON)
    assert count(store) == 300


def test_a_query_process_killed_from_outside_is_replaced(store: OxigraphStore) -> None:
    assert count(store) == 300
    for pid in (Path("/proc/self/task") / str(threading.get_native_id()) / "children").read_text().split():
        os.kill(int(pid), signal.SIGKILL)
    time.sleep(0.2)
    # the first query after it may fail (its process was dead), never the service
    with contextlib.suppress(StoreError, QueryTimeout):
        count(store)
    assert store.wait_ready(60)
    assert [count(store), count(store)] == [300, 300]


def test_checkpoints_live_beside_the_store_and_go_with_it(tmp_path: Path) -> None:
    stale = tmp_path / "store.snapshots" / "7"
    stale.mkdir(parents=True)  # left by a killed process
    s = open_store(tmp_path / "store", timeout=5, query_processes=1)
    assert isinstance(s, OxigraphStore) and s.wait_ready(60)
    assert not stale.exists()
    insert(s, "g", 0, 3)
    assert count(s) == 3
    for round_ in range(3):
        insert(s, "g", 10 + round_, 11 + round_)
        assert count(s) == 4 + round_
    # four checkpoints were made; only the newest and the one the process last read are kept
    assert len(list((tmp_path / "store.snapshots").iterdir())) <= 2
    s.close()
    assert not (tmp_path / "store.snapshots").exists()


def test_queries_beside_a_busy_writer_all_answer_and_see_every_acknowledged_write(tmp_path: Path) -> None:
    # Many checkpoints come and go: none may be pruned under a query that was handed it.
    # One process for many readers: most queries wait for it, holding a checkpoint meanwhile.
    s = open_store(tmp_path / "store", timeout=30, query_processes=1)
    assert isinstance(s, OxigraphStore) and s.wait_ready(60)
    acknowledged = [0]
    stop = time.monotonic() + 4
    failures: list[str] = []

    def writer() -> None:
        while time.monotonic() < stop:
            insert(s, f"w{acknowledged[0]}", acknowledged[0], acknowledged[0] + 1)
            acknowledged[0] += 1
            time.sleep(0.003)

    def reader() -> None:
        while time.monotonic() < stop:
            floor = acknowledged[0]
            try:
                seen = count(s)
            except Exception as exc:
                failures.append(f"{type(exc).__name__}: {exc}")
                continue
            if seen < floor:
                failures.append(f"saw {seen} triples after {floor} acknowledged writes")

    async def async_readers() -> None:
        async def one() -> None:
            while time.monotonic() < stop:
                floor = acknowledged[0]
                try:
                    doc = json.loads((await araw_query(s, COUNT, JSON)).body)
                except Exception as exc:
                    failures.append(f"{type(exc).__name__}: {exc}")
                    continue
                if int(doc["results"]["bindings"][0]["n"]["value"]) < floor:
                    failures.append("an awaited query missed an acknowledged write")

        await asyncio.gather(*(one() for _ in range(6)))

    threads = [threading.Thread(target=writer), *(threading.Thread(target=reader) for _ in range(10))]
    threads.append(threading.Thread(target=asyncio.run, args=(async_readers(),)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    s.close()
    assert acknowledged[0] > 50
    assert failures == []


def test_a_checkpoint_handed_to_a_waiting_query_outlives_newer_ones(store: OxigraphStore) -> None:
    sandbox = store._sandbox
    assert sandbox is not None
    waiting = sandbox._take_snapshot()  # a query holding its checkpoint while it waits for a process
    for round_ in range(3):
        insert(store, f"later{round_}", 5000 + round_, 5001 + round_)
        assert count(store) == 301 + round_  # each makes a newer checkpoint and prunes old ones
    assert Path(waiting, "CURRENT").exists()
    sandbox._release(waiting)
    insert(store, "last", 9000, 9001)
    assert count(store) == 304
    assert not Path(waiting).exists()


def test_replies_awaited_under_uvloop_then_read_from_threads(store: OxigraphStore) -> None:
    # uvloop leaves a descriptor it watched non-blocking; the next read from a thread, or a
    # reply longer than one read, must still work.
    uvloop = pytest.importorskip("uvloop")
    insert(store, "big", 10_000, 40_000)
    everything = f"SELECT ?s ?o WHERE {{ ?s <{EX}v> ?o }}"

    async def awaited() -> list[int]:
        sizes = []
        for _ in range(3):
            doc = json.loads((await araw_query(store, everything, JSON)).body)
            sizes.append(len(doc["results"]["bindings"]))
        return sizes

    for _ in range(2):
        assert uvloop.run(awaited()) == [30_300] * 3
        assert count(store) == 30_300
