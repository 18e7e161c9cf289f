"""Killable query processes for the embedded store.

pyoxigraph cannot interrupt a running query, and a thread cannot be killed: a cross product
under COUNT or ORDER BY would keep a core busy long after its client got a 503. Protocol
queries therefore run in a few worker processes, each reading a RocksDB checkpoint of the
store (``Store.backup``: hard links, made in milliseconds and immutable, so safe to read
beside the writer). A query still running at its deadline has its process killed, which
frees its CPU and memory at once, and a fresh process takes its place.

Reads stay current: the store counts its writes, and a query waits for a checkpoint at
least as new as the last write acknowledged before it arrived. Queries arriving together
share one checkpoint; a read-only workload makes none after the first. A process copies a
checkpoint that stays current a while into memory and answers from the copy (``_memory_copy``).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.errors import DigicoopError, QueryTimeout, StoreError, StoreUnavailable
from graph.store._lender import Lender
from graph.store._memory_copy import MemoryCopies
from graph.store.base import RawResult

log = logging.getLogger(__name__)
PACKAGE_ROOT = Path(__file__).resolve().parents[2]
ENTRY = "import sys; from graph.store._sandbox import serve_fd; serve_fd(int(sys.argv[1]), int(sys.argv[2]))"

# A worker answers its own deadline when the query streams; the grace covers the reply's trip
# before the process is taken for stuck and killed.
GRACE = 0.25


@dataclass(frozen=True)
class Request:
    sparql: str
    media_type: str
    default_graph_uris: Sequence[str]
    named_graph_uris: Sequence[str]
    base_iri: str | None
    max_rows: int | None
    hidden_graphs: tuple[str, ...] = ()


def _serve(conn: Connection, copy_max_triples: int = 0) -> None:
    """A worker's loop: open the checkpoint it is told to, answer one query at a time, from an
    in-memory copy of the checkpoint once one is made (see ``_memory_copy``)."""
    from graph.store._oxigraph import OxigraphStore

    copies = MemoryCopies(copy_max_triples) if copy_max_triples > 0 else None
    reader: OxigraphStore | None = None
    fast: OxigraphStore | None = None  # over the in-memory copy of the same checkpoint
    opened: tuple[str, tuple[str, ...]] | None = None
    conn.send(("ready", None))
    while True:
        try:
            snapshot, request, seconds = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if (snapshot, request.hidden_graphs) != opened:
                reader, fast, opened = None, None, None  # let the old checkpoint go first
                reader = OxigraphStore.snapshot_reader(Path(snapshot), request.hidden_graphs)
                opened = (snapshot, request.hidden_graphs)
            assert reader is not None
            copy = copies.store_for(snapshot) if copies is not None else None
            if copy is None:
                reply: tuple[str, Any] = ("ok", reader.raw_query_here(request, seconds))
            else:
                if fast is None or fast.pyoxigraph is not copy:
                    fast = OxigraphStore.reader_over(copy, None, request.hidden_graphs)
                reply = ("memory", fast.raw_query_here(request, seconds))
        except DigicoopError as exc:
            reply = ("error", exc)
        except Exception:  # the engine's own failure: logged here, told to the client plainly
            log.exception("query worker failed")
            reply = ("error", StoreError("The store could not answer this query."))
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


async def _readable(conn: Connection, timeout: float) -> bool:
    """Wait on the event loop until ``conn`` has data, or ``timeout`` seconds."""
    if conn.poll(0):
        return True
    loop = asyncio.get_running_loop()
    arrived = loop.create_future()
    fd = conn.fileno()

    def wake() -> None:
        if not arrived.done():
            arrived.set_result(None)

    loop.add_reader(fd, wake)
    try:
        await asyncio.wait_for(arrived, timeout)
        return True
    except TimeoutError:
        return False
    finally:
        loop.remove_reader(fd)
        # uvloop leaves a watched descriptor non-blocking: a reply larger than one read, or the
        # next exchange made from a thread, would then fail with EAGAIN.
        os.set_blocking(fd, True)


def _died() -> StoreError:
    # The process died under the query: out of memory, most likely.
    return StoreError("The query used more memory than the server could give it and was stopped.")


def _no_free_process() -> QueryTimeout:
    return QueryTimeout("The query waited past the time limit for a free query process.")


def _still_starting() -> QueryTimeout:
    return QueryTimeout("The query processes were still starting when the time limit passed.")


def _answer(status: str, value: Any) -> RawResult:
    if status == "error":
        raise value
    result: RawResult = value
    return result


class _Worker:
    """One query process: a fresh interpreter running ``serve_fd`` on one end of a socket pair.

    A plain subprocess rather than multiprocessing's spawn: that re-imports the parent's main
    module, which a user's unguarded script or notebook cannot survive.
    """

    def __init__(self, copy_max_triples: int = 0) -> None:
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(PACKAGE_ROOT), env.get("PYTHONPATH"))))
        self.process = subprocess.Popen(
            [sys.executable, "-c", ENTRY, str(theirs.fileno()), str(copy_max_triples)],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            env=env,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.snapshot: str | None = None
        self.ready = False

    def wait_ready(self, deadline: float) -> bool:
        """Wait until the process has imported what it needs (it says so once), or the deadline."""
        if not self.ready and self.conn.poll(max(deadline - time.monotonic(), 0.0)):
            self.conn.recv()
            self.ready = True
        return self.ready

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        with contextlib.suppress(OSError):
            self.conn.close()
        self.snapshot = None


class Sandbox:
    """``processes`` workers answering queries over checkpoints kept in ``folder``."""

    def __init__(
        self,
        store: ox.Store,
        folder: Path,
        processes: int,
        generation: Callable[[], int],
        threads: Executor | None = None,
        copy_max_triples: int = 0,
    ) -> None:
        # Waiting for a checkpoint or a free process happens on ``threads``: asyncio's default
        # executor has cpu+4 threads, and queries queued there stalled the checkpoint they awaited.
        self._threads = threads
        self._store: ox.Store | None = store
        self._folder = folder
        self._generation = generation
        shutil.rmtree(folder, ignore_errors=True)  # left by a process that was killed
        folder.mkdir(parents=True)
        self._lock = threading.Lock()
        self._names = itertools.count()
        self._snapshot: str | None = None
        self._snapshot_generation = -1
        # checkpoints handed to queries not yet answered: never pruned under them
        self._pending: collections.Counter[str] = collections.Counter()
        self._pending_lock = threading.Lock()  # never held long: released on the event loop
        self._copy_max_triples = copy_max_triples
        self._workers = [_Worker(copy_max_triples) for _ in range(processes)]
        self._idle: Lender[_Worker] = Lender(list(self._workers))
        self.killed = 0  # queries stopped by killing their process, for /healthz and tests
        self.from_memory = 0  # queries answered from an in-memory copy of their checkpoint

    # -- checkpoints -------------------------------------------------------------------------

    def _take_snapshot(self) -> str:
        """A checkpoint holding every write acknowledged so far, held until ``_release``."""
        wanted = self._generation()
        with self._lock:
            if self._snapshot is None or self._snapshot_generation < wanted:
                self._checkpoint()
            assert self._snapshot is not None
            return self._hold(self._snapshot)

    def _take_current_snapshot(self) -> str | None:
        """``_take_snapshot`` when that needs no waiting, else None."""
        wanted = self._generation()
        if not self._lock.acquire(blocking=False):
            return None
        try:
            if self._snapshot is None or self._snapshot_generation < wanted:
                return None
            return self._hold(self._snapshot)
        finally:
            self._lock.release()

    def _hold(self, snapshot: str) -> str:
        with self._pending_lock:
            self._pending[snapshot] += 1
        return snapshot

    def _release(self, snapshot: str) -> None:
        with self._pending_lock:
            self._pending[snapshot] -= 1
            if self._pending[snapshot] <= 0:
                del self._pending[snapshot]

    def _checkpoint(self) -> None:
        """Make a new checkpoint (the lock held)."""
        generation = self._generation()  # every write counted here is in the checkpoint
        path = self._folder / str(next(self._names))
        try:
            if self._store is None:
                raise OSError("closed")
            self._store.backup(str(path))
        except OSError as exc:
            log.error("cannot checkpoint the store into %s: %s", path, exc)
            raise StoreUnavailable("The store could not prepare a consistent view for queries.") from None
        self._snapshot, self._snapshot_generation = str(path), generation
        self._prune()

    def _prune(self) -> None:
        with self._pending_lock:
            held = set(self._pending)
        in_use = {w.snapshot for w in self._workers} | {self._snapshot} | held
        for child in self._folder.iterdir():
            if str(child) not in in_use:
                shutil.rmtree(child, ignore_errors=True)

    # -- queries -----------------------------------------------------------------------------

    def query(self, request: Request, timeout: float) -> RawResult:
        snapshot = self._take_snapshot()
        try:
            return self._query(snapshot, request, time.monotonic() + timeout)
        finally:
            self._release(snapshot)

    def _query(self, snapshot: str, request: Request, deadline: float) -> RawResult:
        worker = self._idle.borrow(deadline - time.monotonic())
        if worker is None:
            raise _no_free_process()
        if worker.process.poll() is not None:  # died while idle (killed from outside)
            worker = self._replace(worker)
        try:
            if not worker.wait_ready(deadline):
                raise _still_starting()
            worker.snapshot = snapshot
            remaining = max(deadline - time.monotonic(), 0.0)
            worker.conn.send((snapshot, request, remaining))
            if not worker.conn.poll(remaining + GRACE):
                worker = self._replace(worker)
                raise self._stopped()
            status, value = worker.conn.recv()
        except (EOFError, OSError):
            worker = self._replace(worker)
            raise _died() from None
        finally:
            self._idle.give_back(worker)
        if status == "memory":
            self.from_memory += 1
        return _answer(status, value)

    async def aquery(self, request: Request, timeout: float) -> RawResult:
        """``query`` for an event loop: the reply is awaited on the loop, with no thread in between."""
        deadline = time.monotonic() + timeout
        snapshot = self._take_current_snapshot()
        if snapshot is None:  # a checkpoint to make, or being made: wait for it off the loop
            snapshot = await asyncio.get_running_loop().run_in_executor(self._threads, self._take_snapshot)
        try:
            return await self._aquery(snapshot, request, deadline)
        finally:
            self._release(snapshot)

    async def _aquery(self, snapshot: str, request: Request, deadline: float) -> RawResult:
        worker = await self._idle.aborrow(deadline - time.monotonic())
        if worker is None:
            raise _no_free_process()
        if worker.process.poll() is not None:  # died while idle (killed from outside)
            worker = self._replace(worker)
        try:
            if not worker.ready:
                if not await _readable(worker.conn, deadline - time.monotonic()):
                    raise _still_starting()
                worker.conn.recv()
                worker.ready = True
            worker.snapshot = snapshot
            remaining = max(deadline - time.monotonic(), 0.0)
            worker.conn.send((snapshot, request, remaining))
            if not await _readable(worker.conn, remaining + GRACE):
                worker = self._replace(worker)
                raise self._stopped()
            status, value = worker.conn.recv()
        except (EOFError, OSError):
            worker = self._replace(worker)
            raise _died() from None
        except asyncio.CancelledError:
            # Its answer would be read as the next query's: the process goes with the request.
            worker = self._replace(worker)
            raise
        finally:
            self._idle.give_back(worker)
        if status == "memory":
            self.from_memory += 1
        return _answer(status, value)

    def _stopped(self) -> QueryTimeout:
        self.killed += 1
        return QueryTimeout("The query ran past the time limit and was stopped.")

    def wait_ready(self, timeout: float) -> bool:
        """Wait until every query process has started (taking each while it is idle)."""
        deadline = time.monotonic() + timeout
        taken: list[_Worker] = []
        try:
            for _ in range(len(self._workers)):
                borrowed = self._idle.borrow(deadline - time.monotonic())
                if borrowed is None:
                    return False
                taken.append(worker := borrowed)
                if worker.process.poll() is not None:
                    taken[-1] = worker = self._replace(worker)
                if not worker.wait_ready(deadline):
                    return False
            return True
        finally:
            for worker in taken:
                self._idle.give_back(worker)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        fresh = _Worker(self._copy_max_triples)
        with self._lock:
            self._workers[self._workers.index(worker)] = fresh
        return fresh

    def close(self) -> None:
        with self._lock:
            workers, self._workers = self._workers, []
            self._store = None
        for worker in workers:
            worker.kill()
        shutil.rmtree(self._folder, ignore_errors=True)


def serve_fd(fd: int, copy_max_triples: int = 0) -> None:
    """A query process's entry point (see ``_Worker``)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s digicoop-query: %(message)s")
    _serve(Connection(fd), copy_max_triples)
