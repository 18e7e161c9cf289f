"""A runaway query over HTTP: 503 at the deadline, its CPU freed, other clients answered meanwhile.

The service runs on the default on-disk store, whose protocol queries run in killable
processes; the CPU of those processes is read from /proc, so what is measured is what the
machine spends, not what the test process does.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.graph.store.test_sandbox import children_cpu_seconds

EX = "http://example.org/"
TOKEN = {"Authorization": "Bearer secret"}
UPDATE = {"Content-Type": "application/sparql-update"}
RUNAWAYS = {
    "cross product under COUNT": (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{EX}v> ?x . ?b <{EX}v> ?y . ?c <{EX}v> ?z }}"
    ),
    "cross product under ORDER BY": (
        f"SELECT ?a ?b ?c WHERE {{ ?a <{EX}v> ?x . ?b <{EX}v> ?y . ?c <{EX}v> ?z }} ORDER BY ?x ?y ?z LIMIT 1"
    ),
    "deep property path": (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a (<{EX}next>|^<{EX}next>)* ?b . ?b <{EX}next>* ?c }}"
    ),
    "streaming cross product": (
        f"SELECT ?a WHERE {{ ?a <{EX}v> ?x . ?b <{EX}v> ?y . ?c <{EX}v> ?z FILTER(?x + ?y + ?z = -1) }}"
    ),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("runaway")
    settings = Settings(
        store_dir=folder / "store",
        token="secret",  # type: ignore[arg-type]
        query_timeout=1.0,
        query_processes=2,
        load_examples=False,
        load_reference=False,
        max_rows=1_000_000,
    )
    with TestClient(create_app(settings)) as c:
        assert c.app.state.store.wait_ready(60)  # type: ignore[attr-defined]
        values = " ".join(f"<{EX}s{i}> <{EX}v> {i} ." for i in range(400))
        chain = " ".join(f"<{EX}n{i}> <{EX}next> <{EX}n{i + 1}> ." for i in range(3000))
        r = c.post(
            "/sparql",
            content=f"INSERT DATA {{ GRAPH <{EX}g> {{ {values} {chain} }} }}",
            headers=UPDATE | TOKEN,
        )
        assert r.status_code == 204, r.text
        yield c


def ask(client: TestClient) -> float:
    started = time.monotonic()
    r = client.get("/sparql", params={"query": f"ASK {{ <{EX}s7> <{EX}v> 7 }}"})
    assert r.status_code == 200 and r.json()["boolean"] is True
    return time.monotonic() - started


@pytest.mark.slow
@pytest.mark.parametrize("name", RUNAWAYS)
def test_a_runaway_query_is_stopped_at_the_deadline_and_frees_its_cpu(client: TestClient, name: str) -> None:
    ask(client)
    answered: list[float] = []

    def others() -> None:
        time.sleep(0.2)
        answered.extend(ask(client) for _ in range(3))

    thread = threading.Thread(target=others)
    thread.start()
    started = time.monotonic()
    r = client.get("/sparql", params={"query": RUNAWAYS[name]})
    elapsed = time.monotonic() - started
    thread.join()

    assert r.status_code == 503
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "time limit" in r.json()["detail"]
    assert elapsed < 1.8
    assert len(answered) == 3 and max(answered) < 0.5
    time.sleep(0.3)
    before = children_cpu_seconds()
    time.sleep(1.0)
    assert children_cpu_seconds() - before < 0.2, "the stopped query is still using CPU"
    ask(client)
