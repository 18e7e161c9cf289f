"""The scale benchmark (issue 6) at tiny sizes: every row of its report is there, measured.

Speed is not asserted (the machine may be busy); only that the loader and the server it starts
answered, that the numbers exist and that the server is gone afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import scale, synthetic


def test_organizations_graph_option_moves_only_the_reference_data(tmp_path: Path) -> None:
    default = synthetic.write_nquads(tmp_path / "a.nq", 3_000, seed=5)
    moved = synthetic.write_nquads(
        tmp_path / "b.nq", 3_000, seed=5, reference_graph=scale.ORGANIZATIONS_GRAPH
    )
    a = (tmp_path / "a.nq").read_text(encoding="utf-8").splitlines()
    b = (tmp_path / "b.nq").read_text(encoding="utf-8").splitlines()
    assert default.triples == moved.triples == len(a) == len(b)
    changed = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    assert changed and all(x.endswith(f"<{synthetic.GRAPH_REFERENCE}> .") for x, _ in changed)
    assert all(y.endswith(f"<{scale.ORGANIZATIONS_GRAPH}> .") for _, y in changed)
    assert not any(scale.ORGANIZATIONS_GRAPH in line for line in a)


def test_memory_and_disk_usage_of_this_process_and_a_folder(tmp_path: Path) -> None:
    found = scale.memory(os.getpid())
    assert 0 < found["VmRSS"] <= found["VmHWM"]
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in scale.descendants(os.getpid())
        tree = scale.tree_memory(os.getpid())
        assert tree["processes"] >= 2 and tree["VmRSS"] > found["VmRSS"]
    finally:
        child.kill()
        child.wait()
    (tmp_path / "f").write_bytes(b"x" * 10_000)
    assert scale.disk_usage(tmp_path) >= 10_000


@pytest.mark.slow
def test_scale_benchmark_reports_every_row_for_both_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    stopped: list[subprocess.Popen[bytes]] = []
    stop = scale.stop

    def recording(process: subprocess.Popen[bytes]) -> None:
        stop(process)
        stopped.append(process)

    monkeypatch.setattr(scale, "stop", recording)
    section = scale.run(triples=4_000, baseline=2_000, requests=4, network_limit=20)
    assert section.columns == ["2,000 triples", "4,000 triples", "ratio"]
    for name in (
        "load s (digicoop load)",
        "store on disk MiB (du)",
        "serve RSS MiB after start",
        "serve peak RSS MiB (VmHWM)",
        "  of which the server process",
        "entity lookup /entities/org/… p50 ms",
        "entity lookup /entities/org/… p99 ms",
        "agreements by country /agreements?country= p50 ms",
        "agreements by country /agreements?country= p99 ms",
        "SPARQL lookup by Korean name /sparql p99 ms",
        "network /network.json?limit=20: first s (cold)",
        "network /network.json?limit=20: again ms",
    ):
        row = section.row(name)
        for column in section.columns[:2]:
            value = row[column]
            assert isinstance(value, float) and value > 0, (name, column, row)
    assert section.row("requests not answered 200")["4,000 triples"] == 0
    assert str(section.row("network nodes / edges shown")["4,000 triples"]).startswith("20 / ")
    triples = section.row("triples")["4,000 triples"]
    assert isinstance(triples, int) and triples >= 4_000
    rss, answered = section.targets
    assert rss.goal == "<= 1 GiB" and rss.met is True  # a tiny graph fits
    assert answered.met is True
    assert len(stopped) == 2 and all(process.poll() is not None for process in stopped)
