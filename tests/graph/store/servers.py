"""Real SPARQL engines started by the tests on 127.0.0.1 and stopped by PID."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support import require_program

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
MaxClientConnections = 8
ServerThreads = 8
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
DefaultQuery = SELECT * WHERE {{ ?s ?p ?o }} LIMIT 10
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float, auth: httpx.Auth | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            r = httpx.get(url, params={"query": "ASK {}"}, auth=auth, timeout=2)
            if r.status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up in {seconds} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


@dataclass
class Engine:
    query: str
    update: str
    graph_store: str
    proc: subprocess.Popen[bytes]


@contextmanager
def oxigraph_serve(folder: Path) -> Iterator[Engine]:
    program = Path(sys.executable).parent / "oxigraph"
    if not program.exists():
        pytest.skip("the oxigraph server is not installed: pip install oxigraph (a dev dependency)")
    port = free_port()
    cmd = [
        str(program),
        "serve",
        "--location",
        str(folder),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query", 30)
        yield Engine(base + "/query", base + "/update", base + "/store", proc)
    finally:
        stop(proc)


class Virtuoso:
    """A private Virtuoso: its own ini, ports on 127.0.0.1 and database folder."""

    def __init__(self, folder: Path) -> None:
        self.program = require_program("virtuoso-t", "virtuoso-opensource")
        self.folder = folder
        self.http_port = free_port()
        self.sql_port = free_port()
        self.ini = folder / "virtuoso.ini"
        self.ini.write_text(VIRTUOSO_INI.format(d=folder, sql_port=self.sql_port, http_port=self.http_port))
        self.url = f"http://127.0.0.1:{self.http_port}/sparql-auth"
        self.graph_store = f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"
        self.auth = httpx.DigestAuth("dba", "dba")
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = (self.folder / "stdout.log").open("ab")
        self.proc = subprocess.Popen(
            [self.program, "-f", "-c", str(self.ini)], cwd=self.folder, stdout=log, stderr=subprocess.STDOUT
        )
        wait_for(self.url, 120, self.auth)

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                os.kill(self.proc.pid, signal.SIGCONT)  # a paused engine cannot act on SIGTERM
            stop(self.proc)
            self.proc = None

    def kill(self) -> None:
        """End the engine as a crash would (SIGKILL): no checkpoint, recovery from the log on start."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def pause(self) -> None:
        """Freeze the engine (SIGSTOP): its ports still accept connections but nothing answers."""
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGSTOP)

    def resume(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGCONT)


@contextmanager
def virtuoso(folder: Path) -> Iterator[Virtuoso]:
    engine = Virtuoso(folder)
    try:
        engine.start()
        yield engine
    finally:
        engine.stop()
