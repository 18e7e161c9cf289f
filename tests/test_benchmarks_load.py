"""The mixed-load benchmark (issue 6) at tiny sizes: every endpoint gets a row, nothing is lost.

Speed is not asserted (the machine may be busy); only that the requests were answered without
5xx, that every acknowledged article is found again, and that the server it starts is gone.
"""

from __future__ import annotations

import random
import subprocess

import pytest

from benchmarks import load, sparql
from benchmarks.synthetic import DatasetInfo


def test_article_bodies_are_new_articles_with_the_same_words() -> None:
    base = load.example_articles()
    if not base:
        pytest.skip("no example articles")
    assert {a.language for a in base} == {"ko", "en"}
    bodies = [load.article_body(base[i % len(base)], i, len(base)) for i in range(len(base) * 2)]
    assert len({b["url"] for b in bodies}) == len(bodies)
    assert len({b["text"] for b in bodies}) == len(bodies)
    assert bodies[len(base)]["text"].split() == base[0].text.split()
    assert all(b["text"] != a.text for b, a in zip(bodies, base, strict=False))  # not the stored example


def test_the_query_mix_covers_every_endpoint() -> None:
    info = DatasetInfo(organizations=50, labels_ko=["가나 데이터재단"], countries=["KR", "RW"])
    rng = random.Random(3)
    calls = [make(info, rng) for make in load.MIX]
    assert {c.endpoint for c in calls} == set(load.ENDPOINTS) - {"POST /articles"}
    assert all(c.path.startswith("/") and "{" not in c.path for c in calls)


@pytest.mark.slow
def test_load_benchmark_reports_every_endpoint_and_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    stopped: list[subprocess.Popen[bytes]] = []
    stop = sparql.stop

    def recording(process: subprocess.Popen[bytes]) -> None:
        stop(process)
        stopped.append(process)

    monkeypatch.setattr(load, "stop", recording)
    section = load.run(duration=3.0, query_clients=2, ingest_clients=1, triples=3_000)
    names = [row["name"] for row in section.rows]
    assert names[: len(load.ENDPOINTS)] == load.ENDPOINTS
    queries = section.row("all queries")
    assert isinstance(queries["requests"], int) and queries["requests"] > 0
    assert all(row["5xx"] == 0 and row["other errors"] == 0 for row in section.rows[: len(load.ENDPOINTS)])
    ingest = section.row("POST /articles")
    assert isinstance(ingest["acknowledged"], int) and ingest["acknowledged"] >= 1
    assert ingest["found"] == ingest["acknowledged"] and ingest["lost"] == 0
    assert section.row("articles after a restart")["lost"] == 0
    assert section.extra["found_by_sparql"] == ingest["acknowledged"]
    assert [(t.name, t.met) for t in section.targets] == [
        ("5xx under mixed load", True),
        ("articles lost under mixed load", True),
    ]
    # one server for the load, one restarted on the same store for the second count: both stopped
    assert len(stopped) == 2 and all(process.poll() is not None for process in stopped)
