"""Scale (issue 6): a synthetic cooperation graph of 1M triples, loaded and served as a user would.

For each size (the baseline first, then the target, so both sit side by side in one table):

1. write the synthetic graph (:mod:`benchmarks.synthetic`: organizations with Korean and English
   names, agreements, events, projects, articles) as N-Quads;
2. load it with ``digicoop load --store DIR`` in a subprocess: wall time and the loader's peak
   RSS; the store's size on disk as ``du`` counts it; pyoxigraph's own ``bulk_load`` of the same
   file into another folder is timed beside it, for reference;
3. start ``digicoop serve --store DIR --no-examples`` on 127.0.0.1 in a subprocess and read its
   RSS from ``/proc`` after start, then drive it with one sequential client: entity lookups
   (``GET /entities/org/...``), agreements by country (``GET /agreements?country=XX``), a SPARQL
   lookup by Korean name (``GET /sparql``), a country's page (the heaviest entity), and the
   network view of the 1,000 most connected organizations (``GET /network.json?limit=1000``,
   first request with every cache cold, then again); then the RSS and its peak (VmHWM).

``python -m benchmarks.scale [--triples N] [--baseline N]`` prints the table.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from benchmarks import Section, Target, Value
from benchmarks.sparql import JSON_RESULTS, free_port, query_text, stop
from benchmarks.synthetic import BASE, COUNTRIES, DatasetInfo, write_nquads

ROOT = Path(__file__).resolve().parent.parent
# Not the reference graph: ``digicoop serve`` replaces that one with the shipped reference data.
ORGANIZATIONS_GRAPH = BASE + "graph/synthetic/organizations"
TARGET_RSS_MIB = 1024.0
SLOW_SECONDS = 5.0
MIB = 1024 * 1024


# -- processes -------------------------------------------------------------------------------


def _command(*args: str) -> list[str]:
    # ``python -m api.cli`` is the ``digicoop`` script itself, without depending on where it is.
    return [sys.executable, "-m", "api.cli", *args]


def _environment() -> dict[str, str]:
    """This environment without DIGICOOP_* settings (an endpoint there would win over --store)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGICOOP_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    return env


def disk_usage(path: Path) -> int:
    """Bytes the files under ``path`` take on disk (allocated blocks, as ``du`` counts them)."""
    return sum(p.lstat().st_blocks * 512 for p in path.rglob("*") if p.is_file())


def memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS) of process ``pid`` in bytes, from /proc (Linux)."""
    found: dict[str, int] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(rest.split()[0]) * 1024
    return found


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (the query processes ``digicoop serve`` starts), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def tree_memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM summed over ``pid`` and its descendants, with how many processes there were."""
    pids = [pid, *descendants(pid)]
    total = {"VmRSS": 0, "VmHWM": 0, "processes": 0}
    for one in pids:
        found = memory(one)
        if found:
            total["processes"] += 1
            for key, value in found.items():
                total[key] += value
    return total


@dataclass
class Loaded:
    seconds: float
    peak_rss: int  # bytes
    returncode: int


def load_cli(data: Path, store_dir: Path, log: Path) -> Loaded:
    """``digicoop load --store store_dir data``: its wall time and peak RSS.

    The peak is the loader's own VmHWM, read until it exits: wait4's ru_maxrss would also count
    the pages of this (large) benchmark process that the child shared between fork and exec.
    """
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            _command("load", "--store", str(store_dir), str(data)),
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=data.parent,
            env=_environment(),
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, memory(process.pid).get("VmHWM", 0))
            time.sleep(0.02)
        seconds = time.perf_counter() - started
    return Loaded(seconds, peak, process.returncode)


def bulk_load(data: Path, store_dir: Path) -> float:
    """pyoxigraph's bulk loader on the same file, in this process: seconds."""
    started = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    return time.perf_counter() - started


class NotReady(Exception):
    pass


@contextlib.contextmanager
def serve(store_dir: Path, workdir: Path, ready_timeout: float) -> Iterator[tuple[str, int, float]]:
    """``digicoop serve --store store_dir --no-examples`` on 127.0.0.1: (base URL, PID, seconds to ready)."""
    port = free_port()
    log = workdir / f"serve-{store_dir.name}.log"
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            _command("serve", "--store", str(store_dir), "--no-examples", "--port", str(port)),
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=workdir,
            env=_environment(),
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_timeout
        with httpx.Client(timeout=5.0) as client:
            while True:
                if process.poll() is not None:
                    tail = log.read_text(errors="replace")[-800:].strip()
                    raise NotReady(f"digicoop serve exited with {process.returncode}: {tail}")
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(url + "/healthz").status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise NotReady(f"digicoop serve did not answer within {ready_timeout:.0f} s")
                time.sleep(0.2)
        yield url, process.pid, time.perf_counter() - started
    finally:
        stop(process)


# -- the client ------------------------------------------------------------------------------


@dataclass
class Timings:
    seconds: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def percentile_ms(self, q: float) -> float | None:
        data = sorted(self.seconds)
        if not data:
            return None
        return data[min(len(data) - 1, round(q * (len(data) - 1)))] * 1000


def timed(client: httpx.Client, url: str, timings: Timings, **kwargs: object) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response = client.get(url, **kwargs)  # type: ignore[arg-type]
    except httpx.HTTPError as exc:
        name = type(exc).__name__
        timings.errors[name] = timings.errors.get(name, 0) + 1
        return None
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        key = str(response.status_code)
        timings.errors[key] = timings.errors.get(key, 0) + 1
        return response
    timings.seconds.append(elapsed)
    return response


@dataclass
class Measured:
    """Everything measured at one size (bytes, seconds, milliseconds as named)."""

    info: DatasetInfo
    generate_s: float
    load: Loaded
    store_bytes: int
    bulk_s: float | None = None
    bulk_bytes: int | None = None
    ready_s: float | None = None
    rss_start: int | None = None
    rss_end: int | None = None
    rss_peak: int | None = None
    rss_peak_server: int | None = None
    processes: int | None = None
    latencies: dict[str, Timings] = field(default_factory=dict)
    network_cold_s: float | None = None
    network_warm_s: float | None = None
    network_nodes: int | None = None
    network_edges: int | None = None
    network_total_nodes: int | None = None
    problem: str | None = None

    @property
    def errors(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for name, timing in self.latencies.items():
            for status, n in timing.errors.items():
                out[f"{name} {status}"] = n
        return out


ENDPOINTS = ("entity", "agreements", "sparql", "country")


def workload(
    url: str, info: DatasetInfo, requests: int, network_limit: int, seed: int, budget: float
) -> Measured:
    """Run the client against ``url``; only the latency and network fields are filled in.

    Each endpoint gets ``requests`` requests or ``budget`` seconds, whichever ends first, so that
    a slow endpoint bounds the run instead of stretching it to hours.
    """
    rng = random.Random(seed)
    out = Measured(info, 0.0, Loaded(0.0, 0, 0), 0)
    timings = {name: Timings() for name in ENDPOINTS}
    out.latencies = timings
    countries = [code for code, _, _ in COUNTRIES]

    def turns() -> Iterator[int]:
        deadline = time.monotonic() + budget
        for turn in range(requests):
            if turn and time.monotonic() > deadline:
                return
            yield turn

    with httpx.Client(base_url=url, timeout=300.0) as client:
        for _ in turns():
            timed(client, f"/entities/org/o{rng.randrange(info.organizations)}", timings["entity"])
        for _ in turns():
            timed(client, "/agreements", timings["agreements"], params={"country": rng.choice(countries)})
        for _ in turns():
            timed(
                client,
                "/sparql",
                timings["sparql"],
                params={"query": query_text("label", info, rng)},
                headers={"Accept": JSON_RESULTS},
            )
        # A country takes part in a share of every fact: the largest entity page there is.
        for _ in range(3):
            timed(client, f"/entities/country/{rng.choice(countries)}", timings["country"])
        network = Timings()
        params = {"limit": network_limit}
        first = timed(client, "/network.json", network, params=params)
        timed(client, "/network.json", network, params=params)
        if len(network.seconds) == 2 and first is not None:
            out.network_cold_s, out.network_warm_s = network.seconds
            graph = first.json().get("graph", {})
            out.network_nodes = graph.get("shown_nodes")
            out.network_edges = graph.get("shown_edges")
            out.network_total_nodes = graph.get("total_nodes")
        timings["network"] = network
    return out


def measure(
    size: int,
    workdir: Path,
    *,
    requests: int,
    network_limit: int,
    seed: int,
    reference: bool,
    ready_timeout: float,
    budget: float,
) -> Measured:
    folder = workdir / f"size-{size}"
    folder.mkdir()
    data = folder / "data.nq"
    started = time.perf_counter()
    info = write_nquads(data, size, seed, reference_graph=ORGANIZATIONS_GRAPH)
    generate_s = time.perf_counter() - started
    store_dir = folder / "store"
    loaded = load_cli(data, store_dir, folder / "load.log")
    if loaded.returncode != 0:
        tail = (folder / "load.log").read_text(errors="replace")[-800:].strip()
        raise RuntimeError(f"digicoop load exited with {loaded.returncode}: {tail}")
    result = Measured(info, generate_s, loaded, disk_usage(store_dir))
    if reference:
        bulk_dir = folder / "bulk"
        result.bulk_s = bulk_load(data, bulk_dir)
        result.bulk_bytes = disk_usage(bulk_dir)
        shutil.rmtree(bulk_dir)
    try:
        with serve(store_dir, folder, ready_timeout) as (url, pid, ready_s):
            result.ready_s = ready_s
            result.rss_start = tree_memory(pid)["VmRSS"]
            client = workload(url, info, requests, network_limit, seed, budget)
            after = tree_memory(pid)
            result.rss_end, result.rss_peak = after["VmRSS"], after["VmHWM"]
            result.rss_peak_server, result.processes = memory(pid).get("VmHWM"), after["processes"]
    except NotReady as exc:
        result.problem = str(exc)
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result.latencies = client.latencies
    for name in ("network_cold_s", "network_warm_s", "network_nodes", "network_edges", "network_total_nodes"):
        setattr(result, name, getattr(client, name))
    return result


# -- the report ------------------------------------------------------------------------------


def _mib(value: int | None) -> float | None:
    return None if value is None else round(value / MIB, 1)


def _ms(timing: Timings | None, q: float) -> float | None:
    value = timing.percentile_ms(q) if timing else None
    return None if value is None else round(value, 1)


def _rows(m: Measured, limit: int) -> dict[str, Value]:
    lat = m.latencies
    return {
        "triples": m.info.triples,
        "organizations / articles": f"{m.info.organizations:,} / {m.info.articles:,}",
        "agreements / events / projects": f"{m.info.agreements:,} / {m.info.events:,} / {m.info.projects:,}",
        "load s (digicoop load)": round(m.load.seconds, 1),
        "load peak RSS MiB (digicoop load)": _mib(m.load.peak_rss),
        "store on disk MiB (du)": _mib(m.store_bytes),
        "load s (pyoxigraph bulk_load, reference)": None if m.bulk_s is None else round(m.bulk_s, 1),
        "store on disk MiB (bulk_load, reference)": _mib(m.bulk_bytes),
        "serve ready s": None if m.ready_s is None else round(m.ready_s, 1),
        "serve RSS MiB after start": _mib(m.rss_start),
        "serve RSS MiB after the workload": _mib(m.rss_end),
        "serve peak RSS MiB (VmHWM)": _mib(m.rss_peak),
        "  of which the server process": _mib(m.rss_peak_server),
        "  processes (server + query processes)": m.processes,
        "entity lookup /entities/org/… p50 ms": _ms(lat.get("entity"), 0.5),
        "entity lookup /entities/org/… p99 ms": _ms(lat.get("entity"), 0.99),
        "agreements by country /agreements?country= p50 ms": _ms(lat.get("agreements"), 0.5),
        "agreements by country /agreements?country= p99 ms": _ms(lat.get("agreements"), 0.99),
        "SPARQL lookup by Korean name /sparql p50 ms": _ms(lat.get("sparql"), 0.5),
        "SPARQL lookup by Korean name /sparql p99 ms": _ms(lat.get("sparql"), 0.99),
        "country page /entities/country/XX, slowest of 3, s": _seconds(_ms(lat.get("country"), 1.0)),
        f"network /network.json?limit={limit:,}: first s (cold)": _round(m.network_cold_s, 2),
        f"network /network.json?limit={limit:,}: again ms": None
        if m.network_warm_s is None
        else _round(m.network_warm_s * 1000, 1),
        "network nodes / edges shown": None
        if m.network_nodes is None
        else f"{m.network_nodes:,} / {m.network_edges:,} of {m.network_total_nodes:,} nodes",
        "requests made: entity / agreements / SPARQL": " / ".join(
            str(len(lat[n].seconds) + sum(lat[n].errors.values())) if n in lat else "-"
            for n in ("entity", "agreements", "sparql")
        ),
        "requests not answered 200": sum(m.errors.values()) if m.latencies else None,
    }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _seconds(ms: float | None) -> float | None:
    return None if ms is None else round(ms / 1000, 2)


def _ratio(small: Value, big: Value) -> str | None:
    if isinstance(small, (int, float)) and isinstance(big, (int, float)) and small:
        return f"{big / small:.1f}x"
    return None


def run(
    triples: int = 1_000_000,
    baseline: int = 100_000,
    requests: int = 200,
    network_limit: int = 1000,
    seed: int = 7,
    reference: bool = True,
    ready_timeout: float = 600.0,
    budget: float = 120.0,
) -> Section:
    """Measure ``baseline`` (0: none) and ``triples``; ``reference``: also time pyoxigraph's bulk
    loader; ``budget``: seconds per endpoint, after which it gets no more requests."""
    sizes = [s for s in (baseline, triples) if s]
    columns = [f"{s:,} triples" for s in sizes]
    if len(sizes) == 2:
        columns.append("ratio")
    section = Section("Scale (issue 6)", columns)
    measured: list[Measured] = []
    with tempfile.TemporaryDirectory(prefix="digicoop-scale-") as tmp:
        for size in sizes:
            measured.append(
                measure(
                    size,
                    Path(tmp),
                    requests=requests,
                    network_limit=network_limit,
                    seed=seed,
                    reference=reference,
                    ready_timeout=ready_timeout,
                    budget=budget,
                )
            )
    tables = [_rows(m, network_limit) for m in measured]
    for name in tables[0]:
        values: dict[str, Value] = {col: t[name] for col, t in zip(columns, tables, strict=False)}
        if len(tables) == 2:
            values["ratio"] = _ratio(tables[0][name], tables[1][name])
        section.add(name, values)

    section.notes.append(
        f"one sequential client; {requests} requests per endpoint or {budget:g} s, whichever ends first "
        "(random organizations, countries and Korean names), p99 by nearest rank; the network view asked twice, the first time with every "
        "cache cold; RSS from /proc/PID/status (VmRSS, VmHWM) summed over `digicoop serve` and the query "
        "processes it starts"
    )
    section.notes.append(
        f"organizations and countries in <{ORGANIZATIONS_GRAPH}>, one named graph per article; "
        "`digicoop serve` loads the shipped ontology and reference data at start as it always does"
    )
    for size, m in zip(sizes, measured, strict=True):
        if m.problem:
            section.notes.append(f"{size:,} triples: {m.problem}")
        if m.errors:
            section.notes.append(f"{size:,} triples: requests not answered 200: {m.errors}")
        slow = {
            name: round(max(t.seconds), 1)
            for name, t in m.latencies.items()
            if t.seconds and max(t.seconds) > SLOW_SECONDS
        }
        if slow:
            section.notes.append(f"{size:,} triples: slower than {SLOW_SECONDS:g} s (slowest, s): {slow}")

    big = measured[-1]
    peak = _mib(big.rss_peak)
    section.targets.append(
        Target(
            f"serve RSS at {big.info.triples:,} triples",
            f"<= {TARGET_RSS_MIB / 1024:g} GiB",
            "n/a" if peak is None else f"{peak:,.0f} MiB peak (VmHWM)",
            None if peak is None else peak <= TARGET_RSS_MIB,
        )
    )
    errors = sum(sum(m.errors.values()) for m in measured)
    section.targets.append(
        Target(
            "every request answered 200",
            "0 errors",
            f"{errors} errors",
            None if not big.latencies else errors == 0,
        )
    )
    section.extra["datasets"] = {
        str(size): {
            "triples": m.info.triples,
            "organizations": m.info.organizations,
            "articles": m.info.articles,
            "agreements": m.info.agreements,
            "events": m.info.events,
            "projects": m.info.projects,
            "generate_s": round(m.generate_s, 2),
        }
        for size, m in zip(sizes, measured, strict=True)
    }
    section.extra["max_ms"] = {
        str(size): {name: _ms(t, 1.0) for name, t in m.latencies.items()}
        for size, m in zip(sizes, measured, strict=True)
    }
    return section


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console

    from benchmarks.__main__ import table, targets

    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__)
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the graph measured")
    parser.add_argument("--baseline", type=int, default=100_000, help="size measured beside it (0: none)")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--network-limit", type=int, default=1000, help="organizations in the network view")
    parser.add_argument("--budget", type=float, default=120.0, help="most seconds per endpoint")
    parser.add_argument("--json", type=Path, help="also write the section to this file as JSON")
    parser.add_argument("--no-reference", action="store_true", help="skip pyoxigraph's bulk_load beside it")
    args = parser.parse_args(argv)
    console = Console(width=max(Console().width, 150))
    sizes = " and ".join(f"{s:,}" for s in (args.baseline, args.triples) if s)
    console.print(f"scale: {sizes} triples, digicoop load + digicoop serve ...")
    section = run(
        triples=args.triples,
        baseline=args.baseline,
        requests=args.requests,
        network_limit=args.network_limit,
        reference=not args.no_reference,
        budget=args.budget,
    )
    console.print(table(section))
    for note in section.notes:
        console.print(f"[dim]{section.title}:[/] {note}", soft_wrap=True)
    console.print(targets([section]))
    if args.json:
        args.json.write_text(
            json.dumps(section.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["ORGANIZATIONS_GRAPH", "descendants", "disk_usage", "main", "memory", "run", "tree_memory"]
