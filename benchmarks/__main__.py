"""``python -m benchmarks [--only ingest|sparql|network|load|scale] [--quick]``: print the tables, write the JSON."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks import Section

DEFAULT_OUT = Path("bench-results") / "latest.json"


def table(section: Section) -> Table:
    out = Table(title=section.title, title_justify="left")
    out.add_column("")
    for column in section.columns:
        out.add_column(column, justify="right")
    for row in section.rows:
        out.add_row(
            str(row["name"]), *("" if row.get(c) is None else str(row.get(c)) for c in section.columns)
        )
    return out


def targets(sections: list[Section]) -> Table:
    out = Table(title="Targets", title_justify="left")
    for column in ("target", "goal", "measured", "met"):
        out.add_column(column)
    for section in sections:
        for target in section.targets:
            met = {True: "[green]yes[/]", False: "[red]no[/]", None: "n/a"}[target.met]
            out.add_row(target.name, target.goal, target.measured, met)
    return out


def machine() -> dict[str, Any]:
    # Other work on the machine slows every row alike; the load average says how much there was.
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", choices=("ingest", "sparql", "network", "load", "scale"), action="append")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks that it runs, not speed")
    parser.add_argument("--articles", type=int, default=200, help="Korean articles to ingest")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument("--triples", type=int, default=100_000, help="size of the SPARQL dataset")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per server")
    parser.add_argument(
        "--warmup", type=float, default=5.0, help="seconds of unmeasured load per server first"
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--load-duration", type=float, default=60.0, help="seconds of mixed load (issue 6)")
    parser.add_argument("--scale-triples", type=int, default=1_000_000, help="size of the scale dataset")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.triples, args.duration, args.warmup = 12, 3_000, 1.0, 0.0
        args.load_duration, args.scale_triples = 3.0, 20_000
    chosen = args.only or ["ingest", "sparql", "network", "load", "scale"]

    # Wide enough for the tables when the output is a pipe or a CI log, not a terminal.
    console = Console(width=max(Console().width, 150))
    started = time.perf_counter()
    before = machine()
    sections: list[Section] = []
    if "ingest" in chosen:
        from benchmarks import ingest

        console.print(f"ingest: {args.articles} Korean articles, 1 and {args.workers} processes ...")
        sections.append(ingest.run(articles=args.articles, workers=args.workers))
        console.print(table(sections[-1]))
    if "sparql" in chosen:
        from benchmarks import sparql

        console.print(f"sparql: {args.triples:,} triples, {args.duration:g} s per server ...")
        sections.append(
            sparql.run(
                triples=args.triples, duration=args.duration, connections=args.connections, warmup=args.warmup
            )
        )
        console.print(table(sections[-1]))
    if "network" in chosen:
        from benchmarks import network

        sizes = (100, 300) if args.quick else (1000, 3000)
        console.print(
            f"network: views of {' and '.join(f'{n:,}' for n in sizes)} organizations, Chromium ..."
        )
        if args.quick:
            sections.append(network.run(sizes=sizes, organizations=400, agreements=1_200, baseline_nodes=100))
        else:
            sections.append(network.run(sizes=sizes))
        console.print(table(sections[-1]))
    if "load" in chosen:
        from benchmarks import load

        console.print(f"load: 16 query and 4 ingest clients for {args.load_duration:g} s ...")
        if args.quick:
            sections.append(
                load.run(duration=args.load_duration, query_clients=2, ingest_clients=1, triples=3_000)
            )
        else:
            sections.append(load.run(duration=args.load_duration))
        console.print(table(sections[-1]))
    if "scale" in chosen:
        from benchmarks import scale

        console.print(f"scale: {args.scale_triples:,} triples beside a tenth of that ...")
        sections.append(scale.run(triples=args.scale_triples, baseline=max(args.scale_triples // 10, 2_000)))
        console.print(table(sections[-1]))
    for section in sections:
        for note in section.notes:
            console.print(f"[dim]{section.title}:[/] {note}", soft_wrap=True)
    console.print(targets(sections))

    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
        "machine_before": before,
        "machine_after": machine(),
        "arguments": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "sections": [s.as_dict() for s in sections],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    console.print(f"written to {args.out} in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
