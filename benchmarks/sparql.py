"""SPARQL over HTTP (issue 4): one synthetic dataset served three ways, one bounded client for all.

digicoop's ``/sparql`` (create_app under uvicorn), rdflib-endpoint and ``oxigraph serve`` each
run in a subprocess on 127.0.0.1 over their own copy of the data. The client keeps
``connections`` requests in flight for ``duration`` seconds, cycling through three queries
(a SELECT by label, an agreements-by-country join, a COUNT ... GROUP BY) with parameters drawn
from a seeded generator, so every server answers the same sequence of questions.

digicoop runs twice: as configured by default, with its result cache, and without it. The other
two servers keep no results, so only the second row compares engines and HTTP stacks, and the
targets are judged on it; the first shows what a repeated question costs (the client repeats
most of its questions: how many is printed).

Run one server by hand: ``python -m benchmarks.sparql serve-digicoop STORE_DIR PORT [--no-cache]``.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import httpx
import pyoxigraph as ox

from benchmarks import Section, Target
from benchmarks.synthetic import DatasetInfo, write_nquads

ROOT = Path(__file__).resolve().parent.parent
JSON_RESULTS = "application/sparql-results+json"
PREFIXES = """PREFIX dco: <https://w3id.org/digicoop/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
QUERIES = {
    "label": """SELECT ?org ?name ?country WHERE {{
  ?org rdfs:label "{label}"@ko ; skos:prefLabel ?name ; dco:homeCountry ?country .
}}""",
    "agreements_by_country": """SELECT ?agreement ?date ?party ?partyName WHERE {{
  ?agreement dco:party ?party ; dco:signedOn ?date .
  ?party dco:homeCountry <https://w3id.org/digicoop/id/country/{country}> ; skos:prefLabel ?partyName .
  FILTER(lang(?partyName) = "en")
}} ORDER BY DESC(?date) LIMIT 50""",
    "agreement_kinds_by_country": """SELECT ?kind (COUNT(DISTINCT ?agreement) AS ?agreements) WHERE {{
  ?party dco:homeCountry <https://w3id.org/digicoop/id/country/{country}> .
  ?agreement dco:party ?party ; a ?kind .
}} GROUP BY ?kind ORDER BY DESC(?agreements)""",
}
CACHED = "digicoop"
UNCACHED = "digicoop, no cache"
TARGET_RDFLIB = 20.0
TARGET_OXIGRAPH = 0.6
TARGET_P99_MS = 30.0


def query_text(name: str, info: DatasetInfo, rng: random.Random) -> str:
    body = QUERIES[name].format(label=rng.choice(info.labels_ko), country=rng.choice(info.countries))
    return PREFIXES + body


# -- servers ---------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    url: str  # the query endpoint
    process: subprocess.Popen[bytes]
    log: Path
    load_seconds: float = 0.0

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the server and its child processes so far (Linux): digicoop
        answers queries in query processes, whose work belongs to the server's share."""
        own = _cpu_and_parent(Path(f"/proc/{self.process.pid}/stat"))
        if own is None:
            return None
        total = own[0]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            found = _cpu_and_parent(stat)
            if found is not None and found[1] == self.process.pid:
                total += found[0]
        return total


def _cpu_and_parent(stat: Path) -> tuple[float, int] | None:
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), int(fields[1])


class Unavailable(Exception):
    """A server that cannot be run here; the message says why."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def stop(process: subprocess.Popen[bytes]) -> None:
    """End one server this benchmark started, by its PID: politely, then for sure."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _wait_ready(server: Server, probe: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=5.0) as client:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                tail = server.log.read_text(errors="replace")[-800:]
                raise Unavailable(f"{server.name} exited with {server.process.returncode}: {tail.strip()}")
            with contextlib.suppress(httpx.HTTPError):
                response = client.get(server.url, params={"query": probe}, headers={"Accept": JSON_RESULTS})
                if response.status_code == 200:
                    return
            time.sleep(0.2)
    raise Unavailable(f"{server.name} did not answer within {timeout:.0f} s")


@contextlib.contextmanager
def serve(name: str, command: list[str], url: str, workdir: Path, ready_timeout: float) -> Iterator[Server]:
    log = workdir / f"{name}.log"
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    server = Server(name, url, process, log)
    try:
        _wait_ready(server, "ASK { ?s ?p ?o }", ready_timeout)
        server.load_seconds = time.perf_counter() - started
        yield server
    finally:
        stop(process)


def digicoop_command(store_dir: Path, port: int, *, cache: bool = True) -> list[str]:
    command = [sys.executable, "-m", "benchmarks.sparql", "serve-digicoop", str(store_dir), str(port)]
    return command if cache else [*command, "--no-cache"]


def run_digicoop(store_dir: str, port: int, *, cache: bool = True) -> None:
    """The service as ``digicoop serve`` runs it, over ``store_dir`` and nothing else; without
    ``cache`` every request reaches the engine, as in the other two servers."""
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    settings = Settings(
        store_dir=Path(store_dir),
        load_reference=False,
        load_examples=False,
        result_cache_mb=Settings().result_cache_mb if cache else 0,
    )
    # no access log, as ``digicoop serve`` runs without one unless asked (--access-log)
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning", access_log=False)


def oxigraph_program() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def rdflib_endpoint_command(data: Path, port: int) -> list[str]:
    if importlib.util.find_spec("rdflib_endpoint") is None:
        raise Unavailable("rdflib-endpoint is not installed (pip install rdflib-endpoint)")
    return [
        sys.executable,
        "-m",
        "rdflib_endpoint",
        "serve",
        str(data),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


# -- the client -----------------------------------------------------------------------------


@dataclass
class Load:
    """What one server did under the client."""

    requests: int = 0
    errors: int = 0
    unfinished: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    per_query: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    client_cpu: float = 0.0
    server_cpu: float | None = None
    repeats: int = 0  # answered requests whose exact text an earlier request of the run had
    sent: set[str] = field(default_factory=set)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float, values: list[float] | None = None) -> float | None:
        data = sorted(self.latencies if values is None else values)
        if not data:
            return None
        return data[min(len(data) - 1, round(q * (len(data) - 1)))] * 1000


async def _load(url: str, info: DatasetInfo, connections: int, duration: float, seed: int) -> Load:
    # aiohttp rather than httpx here: httpx's AsyncClient topped out near 160 req/s with 16
    # connections on 2 cores (fewer than with 4), so it measured itself, not the server.
    load = Load()
    names = list(QUERIES)
    connector = aiohttp.TCPConnector(limit=connections)
    timeout = aiohttp.ClientTimeout(total=duration + 30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        started = time.perf_counter()
        deadline = started + duration

        async def worker(index: int) -> None:
            rng = random.Random(seed * 1000 + index)
            turn = index
            while time.perf_counter() < deadline:
                name = names[turn % len(names)]
                turn += 1
                query = query_text(name, info, rng)
                sent = time.perf_counter()
                try:
                    async with session.get(
                        url, params={"query": query}, headers={"Accept": JSON_RESULTS}
                    ) as response:
                        await response.read()
                        status = str(response.status)
                except (aiohttp.ClientError, TimeoutError) as exc:
                    status = type(exc).__name__
                done = time.perf_counter()
                if done > deadline:
                    load.unfinished += 1  # answered after the clock stopped: not counted
                    return
                load.statuses[status] = load.statuses.get(status, 0) + 1
                if status != "200":
                    load.errors += 1
                    continue
                load.requests += 1
                if query in load.sent:
                    load.repeats += 1
                load.sent.add(query)
                load.latencies.append(done - sent)
                load.per_query.setdefault(name, []).append(done - sent)

        tasks = [asyncio.create_task(worker(i)) for i in range(connections)]
        # Requests still waiting a few seconds past the end are abandoned, so that a server that
        # queues everything (one request at a time) cannot stretch the run.
        _done, pending = await asyncio.wait(tasks, timeout=duration + 5)
        for task in pending:
            task.cancel()
            load.unfinished += 1
        await asyncio.gather(*pending, return_exceptions=True)
        load.seconds = duration
    return load


def measure(server: Server, info: DatasetInfo, connections: int, duration: float, seed: int) -> Load:
    cpu_before, server_before = time.process_time(), server.cpu_seconds()
    # A thread of its own: the caller may already run an event loop (a notebook, playwright).
    with ThreadPoolExecutor(max_workers=1) as runner:
        load = runner.submit(asyncio.run, _load(server.url, info, connections, duration, seed)).result()
    load.client_cpu = (time.process_time() - cpu_before) / duration
    server_after = server.cpu_seconds()
    if server_before is not None and server_after is not None:
        load.server_cpu = (server_after - server_before) / duration
    return load


def answers(url: str, info: DatasetInfo, seed: int) -> dict[str, int]:
    """Row counts of one fixed instance of each query, to check that the servers agree."""
    counts: dict[str, int] = {}
    with httpx.Client(timeout=120) as client:
        for name in QUERIES:
            query = query_text(name, info, random.Random(seed))
            response = client.get(url, params={"query": query}, headers={"Accept": JSON_RESULTS})
            response.raise_for_status()
            counts[name] = len(response.json()["results"]["bindings"])
    return counts


# -- the benchmark -------------------------------------------------------------------------


def _load_digicoop_store(data: Path, store_dir: Path) -> None:
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store


def _load_oxigraph(program: str, data: Path, location: Path) -> None:
    subprocess.run(
        [program, "load", "--location", str(location), "--file", str(data)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )


def run(
    triples: int = 100_000,
    duration: float = 10.0,
    connections: int = 16,
    seed: int = 7,
    ready_timeout: float = 120.0,
    warmup: float = 5.0,
) -> Section:
    section = Section(
        "SPARQL over HTTP (issue 4)",
        [
            "req/s",
            "p50 ms",
            "p99 ms",
            "requests",
            "errors",
            "unfinished",
            "client CPU",
            "server CPU",
            "ready s",
        ],
    )
    with tempfile.TemporaryDirectory(prefix="digicoop-bench-") as tmp:
        workdir = Path(tmp)
        data = workdir / "data.nq"
        started = time.perf_counter()
        info = write_nquads(data, triples, seed)
        section.notes.append(
            f"dataset: {info.triples:,} triples ({info.organizations:,} organizations, {info.articles:,} "
            f"articles, {info.agreements:,} agreements, {info.events:,} events, {info.projects:,} projects), "
            f"generated in {time.perf_counter() - started:.1f} s; {connections} connections, "
            f"{duration:g} s per server after {warmup:g} s of unmeasured load, queries: {', '.join(QUERIES)}"
        )
        loads: dict[str, Load] = {}
        counts: dict[str, dict[str, int]] = {}
        program = oxigraph_program()

        def launch(name: str) -> contextlib.AbstractContextManager[Server]:
            port = free_port()
            if name in (CACHED, UNCACHED):
                store_dir = workdir / "digicoop-store"
                if not store_dir.exists():
                    _load_digicoop_store(data, store_dir)
                return serve(
                    name,
                    digicoop_command(store_dir, port, cache=name == CACHED),
                    f"http://127.0.0.1:{port}/sparql",
                    workdir,
                    ready_timeout,
                )
            if name == "rdflib-endpoint":
                return serve(
                    name,
                    rdflib_endpoint_command(data, port),
                    f"http://127.0.0.1:{port}/",
                    workdir,
                    ready_timeout,
                )
            if program is None:
                raise Unavailable("the oxigraph program is not installed (pip install oxigraph)")
            location = workdir / "oxigraph-serve"
            _load_oxigraph(program, data, location)
            command = [
                program,
                "serve",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ]
            return serve(name, command, f"http://127.0.0.1:{port}/query", workdir, ready_timeout)

        for name in (CACHED, UNCACHED, "rdflib-endpoint", "oxigraph serve"):
            try:
                with launch(name) as server:
                    counts[name] = answers(server.url, info, seed)
                    if warmup > 0:  # the same load, other parameters, unmeasured: the steady state
                        measure(server, info, connections, warmup, seed + 1)
                    loads[name] = measure(server, info, connections, duration, seed)
                    loads[name].seconds = duration
                    _row(section, name, loads[name], server.load_seconds)
            except (Unavailable, subprocess.CalledProcessError, httpx.HTTPError) as exc:
                reason = str(exc) or type(exc).__name__
                section.add(name, {"req/s": "not available"}, note=reason)
                section.notes.append(f"{name}: not available: {reason}")

    if len({tuple(sorted(c.items())) for c in counts.values()}) > 1:
        section.notes.append(f"servers disagree on result sizes: {counts}")
    else:
        section.notes.append(f"all servers gave the same result sizes: {next(iter(counts.values()), {})}")
    _targets(section, loads)
    section.extra["answers"] = counts
    section.extra["per_query_p50_ms"] = {
        name: {q: load.percentile(0.5, v) for q, v in load.per_query.items()} for name, load in loads.items()
    }
    section.extra["per_query_p99_ms"] = {
        name: {q: load.percentile(0.99, v) for q, v in load.per_query.items()} for name, load in loads.items()
    }
    section.extra["statuses"] = {name: load.statuses for name, load in loads.items()}
    return section


def _row(section: Section, name: str, load: Load, ready: float) -> None:
    section.add(
        name,
        {
            "req/s": round(load.rate, 1),
            "p50 ms": _round(load.percentile(0.5)),
            "p99 ms": _round(load.percentile(0.99)),
            "requests": load.requests,
            "errors": load.errors,
            "unfinished": load.unfinished,
            "client CPU": f"{load.client_cpu:.0%}",
            "server CPU": "?" if load.server_cpu is None else f"{load.server_cpu:.0%}",
            "ready s": round(ready, 1),
        },
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _targets(section: Section, loads: dict[str, Load]) -> None:
    ours = loads.get(UNCACHED)
    for other, goal in (("rdflib-endpoint", TARGET_RDFLIB), ("oxigraph serve", TARGET_OXIGRAPH)):
        theirs = loads.get(other)
        if ours is None or theirs is None or not theirs.rate:
            section.targets.append(Target(f"req/s {UNCACHED} / {other}", f">= {goal:g}x", "n/a", None))
            continue
        ratio = ours.rate / theirs.rate
        section.targets.append(
            Target(f"req/s {UNCACHED} / {other}", f">= {goal:g}x", f"{ratio:.2f}x", ratio >= goal)
        )
    p99 = ours.percentile(0.99) if ours else None
    section.targets.append(
        Target(
            f"{UNCACHED} p99 latency",
            f"<= {TARGET_P99_MS:g} ms",
            "n/a" if p99 is None else f"{p99:.1f} ms",
            None if p99 is None else p99 <= TARGET_P99_MS,
        )
    )
    for name in (CACHED, UNCACHED):
        load = loads.get(name)
        if load is not None:
            section.targets.append(
                Target(f"{name}: responses all 200", "0 errors", f"{load.errors} errors", load.errors == 0)
            )
    cached, plain = loads.get(CACHED), loads.get(UNCACHED)
    if cached is not None and cached.requests:
        section.notes.append(
            f"{CACHED} (default settings, results kept until the next write): "
            f"{cached.repeats / cached.requests:.0%} of its {cached.requests:,} requests repeated an "
            "earlier one word for word"
            + (
                f"; {cached.rate / plain.rate:.1f}x the rate without the cache"
                if plain and plain.rate
                else ""
            )
        )


def _main(argv: list[str]) -> int:
    if len(argv) in (3, 4) and argv[0] == "serve-digicoop" and argv[3:] in ([], ["--no-cache"]):
        run_digicoop(argv[1], int(argv[2]), cache=not argv[3:])
        return 0
    print("usage: python -m benchmarks.sparql serve-digicoop STORE_DIR PORT [--no-cache]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))


__all__ = ["QUERIES", "DatasetInfo", "run"]
