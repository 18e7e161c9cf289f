"""Mixed load (issue 6): query clients and ingest clients at once against one ``digicoop serve``.

The store is prepared on disk first: a synthetic cooperation graph (benchmarks.synthetic, its
organizations moved out of the reference graph, which the service rewrites at start) and the
example articles ingested with ``digicoop ingest``. Then one ``digicoop serve`` runs on
127.0.0.1 with a bearer token, and for ``duration`` seconds ``query_clients`` clients cycle
through SPARQL and JSON endpoints while ``ingest_clients`` clients POST new Korean and English
articles (variants of the examples, each with its own URL and so its own IRI).

Afterwards every acknowledged article is looked up with ``GET /articles/{id}``, counted again
with one SPARQL query, and once more after the service is restarted on the same store: an
article acknowledged but not found is lost.

Run it alone: ``python -m benchmarks.load [--duration S] [--query-clients N] [--ingest-clients N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import pyoxigraph as ox

from benchmarks import Section, Target
from benchmarks.ingest import _vary
from benchmarks.sparql import JSON_RESULTS, PREFIXES, Server, Unavailable, free_port, query_text, stop
from benchmarks.synthetic import GRAPH_REFERENCE, DatasetInfo, generate
from graph.model import Article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
# The service replaces the reference graph with its own at start; synthetic organizations kept
# there would vanish, so they live in a graph of their own.
SYNTHETIC_GRAPH = "https://w3id.org/digicoop/graph/synthetic"
# Every benchmark article gets a URL under this prefix: its IRI is new, and one SPARQL query
# can count them all afterwards.
URL_PREFIX = "https://load.bench.example/"
REQUEST_TIMEOUT = 60.0
COLUMNS = [
    "requests",
    "req/s",
    "p50 ms",
    "p99 ms",
    "5xx",
    "other errors",
    "acknowledged",
    "found",
    "lost",
]

# Names and ids from the reference data and the examples, beside the synthetic ones.
REAL_NAMES = [
    "KOICA",
    "코이카",
    "Rwanda",
    "르완다",
    "KT",
    "세계은행",
    "우즈베키스탄",
    "ITU",
    "NIA",
    "스마트시티",
]
REAL_ENTITIES = ["org/koica", "org/kt", "org/nia", "org/itu", "country/KR", "country/RW", "country/UZ"]
REAL_PATHS = [("KOICA", "Uzbekistan"), ("KT", "국제이주기구"), ("org/koica", "org/nia"), ("Rwanda", "KOICA")]
THEMES = ["e-government", "smart-city", "digital-inclusion", "connectivity", "ai", "data"]


# -- the store and the server ----------------------------------------------------------------


def _synthetic_quads(triples: int, seed: int, info: DatasetInfo) -> Iterator[ox.Quad]:
    reference = ox.NamedNode(GRAPH_REFERENCE)
    synthetic = ox.NamedNode(SYNTHETIC_GRAPH)
    for chunk in generate(triples, seed, info):
        for quad in chunk:
            if quad.graph_name == reference:
                yield ox.Quad(quad.subject, quad.predicate, quad.object, synthetic)
            else:
                yield quad


def digicoop_command() -> list[str]:
    """``digicoop`` as installed beside this Python, else the same CLI through ``-m``."""
    beside = Path(sys.executable).parent / "digicoop"
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "api.cli"]


def prepare_store(store_dir: Path, triples: int, seed: int, log: Path) -> DatasetInfo:
    """A synthetic graph of about ``triples`` triples plus the example articles, on disk."""
    info = DatasetInfo()
    store = ox.Store(str(store_dir))
    store.bulk_extend(_synthetic_quads(triples, seed, info))
    store.flush()
    del store  # the on-disk store is locked while open; digicoop opens it next
    if EXAMPLES.is_dir():
        with log.open("ab") as out:
            subprocess.run(
                [*digicoop_command(), "ingest", str(EXAMPLES), "--store", str(store_dir)],
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                check=True,
                timeout=600,
            )
    return info


def _wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=5.0) as client:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                tail = server.log.read_text(errors="replace")[-800:]
                raise Unavailable(f"digicoop serve exited with {server.process.returncode}: {tail.strip()}")
            with contextlib.suppress(httpx.HTTPError):
                if client.get(server.url + "/healthz").status_code == 200:
                    return
            time.sleep(0.2)
    raise Unavailable(f"digicoop serve did not answer within {timeout:.0f} s")


@contextlib.contextmanager
def serve(store_dir: Path, token: str, log: Path, ready_timeout: float = 120.0) -> Iterator[Server]:
    """``digicoop serve`` on a free loopback port over ``store_dir``, stopped on exit."""
    port = free_port()
    env = {
        **os.environ,
        "DIGICOOP_TOKEN": token,
        "DIGICOOP_LOAD_EXAMPLES": "false",  # already in the store
    }
    command = [*digicoop_command(), "serve", "--store", str(store_dir), "--host", "127.0.0.1"]
    with log.open("ab") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--port", str(port), "--no-examples"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env=env,
        )
    server = Server("digicoop serve", f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_healthy(server, ready_timeout)
        server.load_seconds = time.perf_counter() - started
        yield server
    finally:
        stop(process)


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux), None elsewhere."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


# -- what the clients send -------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    endpoint: str  # the row it is counted in, e.g. "GET /entities/{id}"
    path: str
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def _sparql(name: str) -> Callable[[DatasetInfo, random.Random], Call]:
    def make(info: DatasetInfo, rng: random.Random) -> Call:
        return Call(
            "GET /sparql", "/sparql", {"query": query_text(name, info, rng)}, {"Accept": JSON_RESULTS}
        )

    return make


def _search(info: DatasetInfo, rng: random.Random) -> Call:
    q = rng.choice(info.labels_ko) if rng.random() < 0.5 else rng.choice(REAL_NAMES)
    return Call("GET /search", "/search", {"q": q})


def _agreements(info: DatasetInfo, rng: random.Random) -> Call:
    return Call("GET /agreements", "/agreements", {"country": rng.choice(info.countries), "limit": "20"})


def _events(info: DatasetInfo, rng: random.Random) -> Call:
    params = {"country": rng.choice(info.countries)} if rng.random() < 0.5 else {"theme": rng.choice(THEMES)}
    return Call("GET /events", "/events", {**params, "limit": "20"})


def _entity(info: DatasetInfo, rng: random.Random) -> Call:
    ident = rng.choice(REAL_ENTITIES) if rng.random() < 0.3 else f"org/o{rng.randrange(info.organizations)}"
    return Call("GET /entities/{id}", f"/entities/{ident}")


def _paths(info: DatasetInfo, rng: random.Random) -> Call:
    if rng.random() < 0.5:
        source, target = rng.choice(REAL_PATHS)
    else:
        source, target = (f"org/o{i}" for i in rng.sample(range(info.organizations), 2))
    return Call("GET /paths", "/paths", {"from": source, "to": target})


def _named_query(info: DatasetInfo, rng: random.Random) -> Call:
    choice = rng.randrange(4)
    if choice == 0:
        return Call(
            "GET /queries/{name}",
            "/queries/agreements_by_country",
            {"country_iri": f"country/{rng.choice(info.countries)}"},
        )
    if choice == 1:
        org = rng.choice(["org/koica", "org/kt", f"org/o{rng.randrange(info.organizations)}"])
        return Call("GET /queries/{name}", "/queries/organization_timeline", {"org_iri": org})
    if choice == 2:
        return Call(
            "GET /queries/{name}", "/queries/articles_mentioning", {"entity_iri": rng.choice(REAL_ENTITIES)}
        )
    return Call(
        "GET /queries/{name}",
        "/queries/organizations_by_theme",
        {"theme_iri": f"theme/{rng.choice(THEMES)}"},
    )


MIX: list[Callable[[DatasetInfo, random.Random], Call]] = [
    _sparql("label"),
    _search,
    _agreements,
    _entity,
    _sparql("agreements_by_country"),
    _events,
    _paths,
    _named_query,
]
ENDPOINTS = [
    "GET /sparql",
    "GET /search",
    "GET /agreements",
    "GET /events",
    "GET /entities/{id}",
    "GET /paths",
    "GET /queries/{name}",
    "POST /articles",
]


def example_articles(folder: Path = EXAMPLES) -> list[Article]:
    """Every Korean and English example article, read by the project's own loaders."""
    from graph.loaders import load_path

    found = []
    for path in sorted(folder.glob("*")):
        for result in load_path(path):
            if result.article is not None:
                found.append(result.article)
    return found


def article_body(base: Article, number: int, copies: int) -> dict[str, Any]:
    """The JSON body of POST number ``number``: a new URL, and a text no other POST sent."""
    # copy 0 would be the example's own text, already in the store
    article = dataclasses.replace(base, text=_vary(base.text, number // copies + 1))
    return {
        "title": article.title,
        "text": article.text,
        "published": article.published.isoformat() if article.published else None,
        "publisher": article.publisher,
        "language": article.language,
        "url": f"{URL_PREFIX}{article.language}/{number}",
    }


# -- the clients -------------------------------------------------------------------------------


@dataclass
class Stats:
    """One endpoint under load."""

    latencies: list[float] = field(default_factory=list)
    server_errors: int = 0
    other_errors: int = 0
    unfinished: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)  # a few failed requests, to reproduce them

    def percentile(self, q: float) -> float | None:
        data = sorted(self.latencies)
        if not data:
            return None
        return round(data[min(len(data) - 1, round(q * (len(data) - 1)))] * 1000, 1)


@dataclass
class Outcome:
    stats: dict[str, Stats]
    acknowledged: list[str]  # article IRIs the service said it stored
    seconds: float


def _record(stats: Stats, status: str, latency: float, sample: str, answer: bytes = b"") -> None:
    stats.statuses[status] = stats.statuses.get(status, 0) + 1
    if status.isdigit() and int(status) < 400:
        stats.latencies.append(latency)
        return
    if status.isdigit() and int(status) >= 500:
        stats.server_errors += 1
    else:
        stats.other_errors += 1
    if len(stats.samples) < 5:
        stats.samples.append(f"{status} {sample} -> {answer[:300].decode(errors='replace')}")


async def _drive(
    base: str,
    token: str,
    info: DatasetInfo,
    articles: list[Article],
    duration: float,
    query_clients: int,
    ingest_clients: int,
    seed: int,
) -> Outcome:
    stats = {name: Stats() for name in ENDPOINTS}
    acknowledged: list[str] = []
    posted = 0
    connector = aiohttp.TCPConnector(limit=query_clients + ingest_clients)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(base, connector=connector, timeout=timeout) as session:

        async def query_client(index: int) -> None:
            rng = random.Random(seed * 1000 + index)
            turn = index  # clients start at different places in the mix
            while time.perf_counter() < deadline:
                call = MIX[turn % len(MIX)](info, rng)
                turn += 1
                sent = time.perf_counter()
                answer = b""
                try:
                    async with session.get(call.path, params=call.params, headers=call.headers) as response:
                        answer = await response.read()
                        status = str(response.status)
                except (aiohttp.ClientError, TimeoutError) as exc:
                    status = type(exc).__name__
                done = time.perf_counter()
                if done > deadline:
                    stats[call.endpoint].unfinished += 1  # answered after the clock stopped
                    return
                _record(stats[call.endpoint], status, done - sent, f"GET {call.path} {call.params}", answer)

        async def ingest_client() -> None:
            nonlocal posted
            headers = {"Authorization": f"Bearer {token}"}
            while time.perf_counter() < deadline:
                number = posted
                posted += 1
                body = article_body(articles[number % len(articles)], number, len(articles))
                sent = time.perf_counter()
                iri: str | None = None
                data = b""
                try:
                    async with session.post("/articles", json=body, headers=headers) as response:
                        data = await response.read()
                        status = str(response.status)
                        if response.status in (200, 201):
                            iri = json.loads(data)["iri"]
                except (aiohttp.ClientError, TimeoutError) as exc:
                    status = type(exc).__name__
                done = time.perf_counter()
                # An answer after the clock stopped still acknowledges an article that must be kept.
                if iri is not None:
                    acknowledged.append(iri)
                if done > deadline:
                    stats["POST /articles"].unfinished += 1
                    return
                _record(
                    stats["POST /articles"], status, done - sent, f"POST /articles url={body['url']}", data
                )

        # Warm-up, outside the clock: the first article loads Kiwi and the extractors in the
        # server, the first query of each kind fills the service's caches.
        warm_rng = random.Random(seed)
        for make in MIX:
            call = make(info, warm_rng)
            async with session.get(call.path, params=call.params, headers=call.headers) as response:
                await response.read()
        if ingest_clients:
            body = article_body(articles[0], posted, len(articles))
            posted += 1
            headers = {"Authorization": f"Bearer {token}"}
            async with session.post("/articles", json=body, headers=headers) as response:
                if response.status in (200, 201):
                    acknowledged.append((await response.json())["iri"])
        deadline = time.perf_counter() + duration  # the clients below read it when they start

        tasks = [asyncio.create_task(query_client(i)) for i in range(query_clients)]
        tasks += [asyncio.create_task(ingest_client()) for _ in range(ingest_clients)]
        await asyncio.gather(*tasks)
    return Outcome(stats, acknowledged, duration)


def _in_thread(coroutine: Any) -> Any:
    # A thread of its own: the caller may already run an event loop (a notebook, pytest-asyncio).
    with ThreadPoolExecutor(max_workers=1) as runner:
        return runner.submit(asyncio.run, coroutine).result()


# -- was anything lost? ------------------------------------------------------------------------


async def _found(base: str, iris: list[str], connections: int = 8) -> list[str]:
    """The IRIs among ``iris`` that ``GET /articles/{id}`` returns."""
    from graph.articles import article_id

    found: list[str] = []
    limit = asyncio.Semaphore(connections)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(base, timeout=timeout) as session:

        async def check(iri: str) -> None:
            async with limit, session.get(f"/articles/{article_id(iri)}") as response:
                if response.status == 200 and (await response.json()).get("iri") == iri:
                    found.append(iri)

        await asyncio.gather(*(check(iri) for iri in iris))
    return found


def sparql_count(base: str) -> int:
    """Articles with a benchmark URL, counted by one SPARQL query."""
    query = (
        PREFIXES
        + f"""SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a a dco:Article ; schema:url ?u
        FILTER(STRSTARTS(STR(?u), "{URL_PREFIX}")) }} }}"""
    )
    with httpx.Client(timeout=REQUEST_TIMEOUT) as client:
        response = client.get(base + "/sparql", params={"query": query}, headers={"Accept": JSON_RESULTS})
        response.raise_for_status()
        return int(response.json()["results"]["bindings"][0]["n"]["value"])


# -- the benchmark -----------------------------------------------------------------------------


def run(
    duration: float = 60.0,
    query_clients: int = 16,
    ingest_clients: int = 4,
    triples: int = 100_000,
    seed: int = 7,
) -> Section:
    section = Section(
        f"Mixed load: {query_clients} query + {ingest_clients} ingest clients, one digicoop serve (issue 6)",
        COLUMNS,
    )
    articles = example_articles()
    if not articles:
        section.notes.append(f"no example articles in {EXAMPLES}: nothing to ingest")
    token = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory(prefix="digicoop-load-") as tmp:
        workdir = Path(tmp)
        store_dir, log = workdir / "store", workdir / "serve.log"
        started = time.perf_counter()
        try:
            info = prepare_store(store_dir, triples, seed, log)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            section.notes.append(
                f"could not prepare the store: {exc}: {log.read_text(errors='replace')[-800:]}"
            )
            return section
        prepared = time.perf_counter() - started
        try:
            with serve(store_dir, token, log) as server:
                cpu_before = server.cpu_seconds()
                outcome: Outcome = _in_thread(
                    _drive(
                        server.url,
                        token,
                        info,
                        articles,
                        duration,
                        query_clients,
                        ingest_clients if articles else 0,
                        seed,
                    )
                )
                cpu_after = server.cpu_seconds()
                rss = rss_mb(server.process.pid)
                found = set(_in_thread(_found(server.url, outcome.acknowledged)))
                counted = sparql_count(server.url)
                ready = server.load_seconds
            with serve(store_dir, token, log) as again:
                found_again = set(_in_thread(_found(again.url, outcome.acknowledged)))
        except (Unavailable, httpx.HTTPError, aiohttp.ClientError) as exc:
            section.notes.append(f"digicoop serve: {exc}")
            return section
        server_log = log.read_text(errors="replace")

    _report(section, outcome, found, found_again, counted)
    acked = len(set(outcome.acknowledged))
    cpu = None if cpu_before is None or cpu_after is None else (cpu_after - cpu_before) / duration
    section.notes.append(
        f"store: {info.triples:,} synthetic triples ({info.organizations:,} organizations, {info.articles:,} "
        f"articles) and {len(articles)} example articles, prepared in {prepared:.1f} s; ready in {ready:.1f} s; "
        f"{duration:g} s of load on 127.0.0.1; server CPU {'?' if cpu is None else f'{cpu:.0%}'}, "
        f"RSS at the end {'?' if rss is None else f'{rss:.0f} MB'}"
    )
    section.notes.append(
        f"{acked} articles acknowledged: {len(found)} read back with GET /articles/{{id}}, {counted} counted "
        f"by SPARQL, {len(found_again)} read back after a restart"
    )
    if "Traceback" in server_log:
        section.notes.append(
            "the server logged a traceback: " + server_log[server_log.index("Traceback") :][:1500]
        )
    section.extra.update(
        {
            "statuses": {name: s.statuses for name, s in outcome.stats.items()},
            "failed_samples": {name: s.samples for name, s in outcome.stats.items() if s.samples},
            "unfinished": {name: s.unfinished for name, s in outcome.stats.items()},
            "acknowledged": acked,
            "found": len(found),
            "found_by_sparql": counted,
            "found_after_restart": len(found_again),
            "lost": sorted(set(outcome.acknowledged) - (found & found_again)),
            "server_cpu": cpu,
            "server_rss_mb": rss,
            "dataset": dataclasses.asdict(info) | {"labels_ko": info.labels_ko[:5]},
        }
    )
    return section


def _report(section: Section, outcome: Outcome, found: set[str], again: set[str], counted: int) -> None:
    totals = Stats()
    for name in ENDPOINTS:
        s = outcome.stats[name]
        requests = len(s.latencies) + s.server_errors + s.other_errors
        values: dict[str, float | int | None] = {
            "requests": requests,
            "req/s": round(requests / outcome.seconds, 1),
            "p50 ms": s.percentile(0.5),
            "p99 ms": s.percentile(0.99),
            "5xx": s.server_errors,
            "other errors": s.other_errors,
        }
        if name == "POST /articles":
            acked = set(outcome.acknowledged)
            values |= {"acknowledged": len(acked), "found": len(found & acked), "lost": len(acked - found)}
        else:
            totals.latencies += s.latencies
            totals.server_errors += s.server_errors
            totals.other_errors += s.other_errors
        section.add(name, values)
    requests = len(totals.latencies) + totals.server_errors + totals.other_errors
    section.add(
        "all queries",
        {
            "requests": requests,
            "req/s": round(requests / outcome.seconds, 1),
            "p50 ms": totals.percentile(0.5),
            "p99 ms": totals.percentile(0.99),
            "5xx": totals.server_errors,
            "other errors": totals.other_errors,
        },
    )
    acked = set(outcome.acknowledged)
    section.add(
        "articles after a restart",
        {"acknowledged": len(acked), "found": len(again & acked), "lost": len(acked - again)},
    )
    server_errors = sum(s.server_errors for s in outcome.stats.values())
    section.targets.append(Target("5xx under mixed load", "0", str(server_errors), server_errors == 0))
    lost = len(acked - (found & again))
    section.targets.append(
        Target(
            "articles lost under mixed load",
            "0",
            f"{lost} of {len(acked)} (SPARQL counted {counted})",
            None if not acked else lost == 0 and counted >= len(acked),
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--query-clients", type=int, default=16)
    parser.add_argument("--ingest-clients", type=int, default=4)
    parser.add_argument("--triples", type=int, default=100_000, help="size of the synthetic graph")
    args = parser.parse_args(argv)

    from rich.console import Console

    from benchmarks.__main__ import table, targets

    console = Console(width=max(Console().width, 150))
    console.print(
        f"load: {args.query_clients} query + {args.ingest_clients} ingest clients, {args.duration:g} s, "
        f"{args.triples:,} synthetic triples ..."
    )
    section = run(args.duration, args.query_clients, args.ingest_clients, triples=args.triples)
    console.print(table(section))
    for note in section.notes:
        console.print(f"[dim]{section.title}:[/] {note}", soft_wrap=True)
    for endpoint, samples in section.extra.get("failed_samples", {}).items():
        console.print(f"[dim]failed {endpoint}:[/] " + " | ".join(samples), soft_wrap=True)
    console.print(targets([section]))
    return 0 if all(t.met is not False for t in section.targets) else 1


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["ENDPOINTS", "MIX", "article_body", "example_articles", "main", "run"]
