"""The remote engine (a real Virtuoso) dies or freezes under load behind a real ``uvicorn``.

Clients keep reading and ingesting concurrently while the engine is killed and restarted, and
while it is frozen with SIGSTOP. What they must see: a success or a 503 problem with a useful
detail, never a 500 or a hang past the query timeout; service back soon after the engine is;
every acknowledged article there whole, and every refused one absent or whole, never partial.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import httpx
import pytest

from graph.articles import iri_for
from graph.loaders import load_bytes
from graph.triples import article_graph_iri
from tests.graph.store.servers import Virtuoso, free_port, stop, virtuoso
from tests.support import ROOT

pytestmark = [pytest.mark.virtuoso, pytest.mark.slow]

TIMEOUT = 3.0  # DIGICOOP_QUERY_TIMEOUT
# Extraction of an article, and two CPUs shared by the engine, the service and the clients, cost
# some time beyond the store's wait: how much longer than the query timeout a request may take.
MARGIN = 2.0
RECOVERY = 10.0  # seconds after the engine is back by which every endpoint must answer again
TOKEN = "outage-token"
ARTICLE_GRAPHS = "https://w3id.org/digicoop/graph/article/"
READERS = 4
WRITERS = 2

EN = (
    "Seoul, 3 March 2025 - The Korea International Cooperation Agency (KOICA) and the Ministry of "
    "ICT and Innovation of Rwanda signed a memorandum of understanding in Kigali to expand digital "
    "government services. The two sides will train 200 civil servants in data management and build "
    "a shared cloud platform for district offices by 2027."
)
KO = (
    "한국국제협력단(KOICA)과 베트남 정보통신부는 2025년 4월 10일 하노이에서 스마트시티 협력을 위한 "
    "양해각서를 체결했다. 두 기관은 공공 데이터 플랫폼을 구축하고 지방 공무원 150명에게 디지털 정부 "
    "교육을 제공할 계획이다."
)
# Articles 0 (Korean) and 1 (English) are written before any fault. Every other article of the
# same language differs from them only by its URL, so its graph, when whole, is as large as theirs.
REFERENCE = {"ko": 0, "en": 1}


def language(n: int) -> str:
    return "ko" if n % 2 == 0 else "en"


def article_body(n: int) -> bytes:
    korean = language(n) == "ko"
    doc = {
        "title": "KOICA·베트남 스마트시티 협력" if korean else "KOICA and Rwanda sign an e-government MOU",
        "text": KO if korean else EN,
        "published": "2025-04-10" if korean else "2025-03-03",
        "url": f"https://news.example.org/outage/{n}",
        "publisher": "Outage Test Wire",
        "language": language(n),
    }
    return json.dumps(doc, ensure_ascii=False).encode()


def graph_of(n: int) -> str:
    article = load_bytes(article_body(n), media_type="application/json")[0].article
    assert article is not None
    return article_graph_iri(iri_for(article))


# -- the service: a real uvicorn in its own process, on the test's Virtuoso ------------------------


@dataclass
class Service:
    base: str
    log: Path

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@contextmanager
def serve(engine: Virtuoso, folder: Path) -> Iterator[Service]:
    port = free_port()
    env = dict(
        os.environ,
        DIGICOOP_ENDPOINT=engine.url,
        DIGICOOP_GRAPH_STORE_ENDPOINT=engine.graph_store,
        DIGICOOP_ENDPOINT_USER="dba",
        DIGICOOP_ENDPOINT_PASSWORD="dba",
        DIGICOOP_ENDPOINT_AUTH="digest",
        DIGICOOP_TOKEN=TOKEN,
        DIGICOOP_QUERY_TIMEOUT=str(TIMEOUT),
        DIGICOOP_LOAD_EXAMPLES="false",
        DIGICOOP_EXAMPLES_DIR=str(folder),
    )
    log = folder / "service.log"
    cmd = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    service = Service(f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"the service ended at start:\n{service.tail()}"
            try:
                if httpx.get(service.base + "/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, f"the service did not come up:\n{service.tail()}"
            time.sleep(0.2)
        # The first article also loads the extraction models: not part of what is measured.
        with httpx.Client(base_url=service.base, timeout=60) as client:
            for n in REFERENCE.values():
                r = post_article(client, n)
                assert r.status_code in (200, 201), r.text
        yield service
    finally:
        stop(proc)


def post_article(client: httpx.Client, n: int) -> httpx.Response:
    return client.post(
        "/articles",
        content=article_body(n),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
    )


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    with virtuoso(tmp_path_factory.mktemp("virtuoso-outage")) as v:
        yield v


@pytest.fixture(scope="module")
def service(engine: Virtuoso, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with serve(engine, tmp_path_factory.mktemp("service")) as s:
        yield s


# -- the load ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    kind: str
    started: float
    ended: float
    status: int  # 0: no HTTP answer reached the client
    content_type: str
    text: str
    article: int | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def __str__(self) -> str:
        took = self.ended - self.started
        return f"{self.kind} ({took:.1f} s): {self.status} {self.content_type} {self.text[:300]!r}"


SELECT = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g LIMIT 20"
READS: list[tuple[str, str, dict[str, str]]] = [
    ("sparql", "/sparql", {"query": SELECT}),
    ("search", "/search", {"q": "KOICA"}),
    ("agreements", "/agreements", {"limit": "10"}),
    ("healthz", "/healthz", {}),
    ("search", "/search", {"q": "스마트시티"}),
]
KINDS = {"sparql", "search", "agreements", "healthz", "ingest"}


class Load:
    """Readers cycling through the read endpoints and writers posting new articles, until stopped."""

    def __init__(self, base: str, first_article: int) -> None:
        self.base = base
        self.outcomes: list[Outcome] = []
        self._numbers = itertools.count(first_article)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._reader, args=(i,)) for i in range(READERS)]
        self._threads += [threading.Thread(target=self._writer) for _ in range(WRITERS)]

    def __enter__(self) -> Load:
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=TIMEOUT + 30)

    def _record(self, kind: str, send: Callable[[], httpx.Response], article: int | None = None) -> bool:
        started = time.monotonic()
        try:
            r = send()
            outcome = Outcome(
                kind, started, time.monotonic(), r.status_code, r.headers.get("content-type", ""), r.text
            )
        except httpx.HTTPError as exc:
            outcome = Outcome(kind, started, time.monotonic(), 0, "", f"{type(exc).__name__}: {exc}")
        outcome.article = article
        with self._lock:
            self.outcomes.append(outcome)
        return outcome.ok

    def _client(self) -> httpx.Client:
        # Far past the query timeout, so a hang is seen as a slow answer rather than cut short.
        return httpx.Client(base_url=self.base, timeout=TIMEOUT + 20, headers={"Accept": "application/json"})

    def _reader(self, offset: int) -> None:
        with self._client() as client:
            for i in itertools.count(offset):
                if self._stop.is_set():
                    return
                kind, path, params = READS[i % len(READS)]
                if not self._record(kind, partial(client.get, path, params=params)):
                    self._stop.wait(0.1)

    def _writer(self) -> None:
        with self._client() as client:
            while not self._stop.is_set():
                n = next(self._numbers)
                if not self._record("ingest", partial(post_article, client, n), n):
                    # As a client told Retry-After would, if sooner: not hundreds of refusals a second.
                    self._stop.wait(0.25)

    def since(self, moment: float) -> list[Outcome]:
        with self._lock:
            return [o for o in self.outcomes if o.started >= moment]

    def wait_until_all_succeed(self, since: float, seconds: float) -> float:
        """The moment every kind of request has succeeded at least once after ``since``."""
        deadline = since + seconds
        while time.monotonic() < deadline:
            done = {o.kind for o in self.since(since) if o.ok}
            if done >= KINDS:
                return time.monotonic()
            time.sleep(0.1)
        missing = KINDS - {o.kind for o in self.since(since) if o.ok}
        last = [str(o) for o in self.since(since) if o.kind in missing][-5:]
        raise AssertionError(
            f"{sorted(missing)} did not recover {seconds} s after the engine:\n" + "\n".join(last)
        )


# -- what the clients must have seen -------------------------------------------------------------


def useful_503(o: Outcome) -> bool:
    if o.status != 503 or not o.content_type.startswith("application/problem+json"):
        return False
    try:
        detail = json.loads(o.text).get("detail")
    except ValueError:
        return False
    return isinstance(detail, str) and len(detail) > 20 and "Traceback" not in o.text


def check_answers(load: Load, service: Service) -> None:
    limit = TIMEOUT + MARGIN
    slow = [str(o) for o in load.outcomes if o.ended - o.started > limit]
    wrong = [str(o) for o in load.outcomes if not o.ok and not useful_503(o)]
    assert not wrong, (
        f"{len(wrong)} answers neither a success nor a clear 503:\n" + "\n".join(wrong[:10]) + service.tail()
    )
    assert not slow, f"{len(slow)} requests took over {limit} s:\n" + "\n".join(slow[:10])
    assert sum(o.ok for o in load.outcomes) > 20, "the load hardly ran"
    longest = max(o.ended - o.started for o in load.outcomes)
    refused = sum(not o.ok for o in load.outcomes)
    print(f"{len(load.outcomes)} requests, {refused} 503, longest {longest:.2f} s", file=sys.stderr)


def check_articles(load: Load, service: Service) -> None:
    """Acknowledged articles are whole; refused ones are absent or whole."""
    query = (
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPHS}")) }} GROUP BY ?g'
    )
    r = httpx.get(service.base + "/sparql", params={"query": query}, timeout=30)
    assert r.status_code == 200, r.text
    stored = {b["g"]["value"]: int(b["n"]["value"]) for b in r.json()["results"]["bindings"]}
    size = {lang: stored.get(graph_of(n), 0) for lang, n in REFERENCE.items()}
    assert min(size.values()) > 20, f"the reference articles are not stored whole: {size}"
    acked = refused = 0
    lost: list[str] = []
    broken: list[str] = []
    for o in load.outcomes:
        if o.article is None:
            continue
        found, whole = stored.get(graph_of(o.article), 0), size[language(o.article)]
        if o.ok:
            acked += 1
            if found != whole:
                lost.append(f"article {o.article}: {found} of {whole} triples after {o.status}")
        elif found not in (0, whole):
            broken.append(f"article {o.article}: {found} of {whole} triples after {o.status}")
        else:
            refused += 1
    assert not lost, "acknowledged articles are not whole:\n" + "\n".join(lost)
    assert not broken, "refused articles were stored in part:\n" + "\n".join(broken)
    assert acked > 0 and refused > 0, (
        f"{acked} articles acknowledged, {refused} refused: the outage was missed"
    )


# -- the tests -----------------------------------------------------------------------------------


def test_the_engine_killed_and_restarted_under_load(engine: Virtuoso, service: Service) -> None:
    with Load(service.base, first_article=1000) as load:
        time.sleep(2)
        killed = time.monotonic()
        engine.kill()
        time.sleep(2)
        engine.start()
        back = time.monotonic()
        recovered = load.wait_until_all_succeed(back, RECOVERY)
        time.sleep(1)
    down = [o for o in load.outcomes if killed + 0.5 <= o.started and o.ended <= back]
    assert any(useful_503(o) for o in down if o.kind == "healthz"), "the outage went unnoticed"
    # What the engine acknowledged before it was killed must come back from its transaction log.
    assert any(o.kind == "ingest" and o.ok and o.ended < killed for o in load.outcomes)
    check_answers(load, service)
    after = [str(o) for o in load.since(recovered) if not o.ok]
    assert not after, "errors once the service had recovered:\n" + "\n".join(after[:10])
    check_articles(load, service)


def test_a_frozen_engine_is_a_timely_503_and_service_resumes(engine: Virtuoso, service: Service) -> None:
    with Load(service.base, first_article=5000) as load:
        time.sleep(2)
        engine.pause()
        try:
            time.sleep(2 * TIMEOUT)
        finally:
            engine.resume()
        back = time.monotonic()
        recovered = load.wait_until_all_succeed(back, RECOVERY)
        time.sleep(1)
    check_answers(load, service)
    timed_out = [
        o for o in load.outcomes if useful_503(o) and "query-timeout" in o.text and o.kind != "ingest"
    ]
    assert timed_out, "no read waited for the frozen engine until its timeout"
    after = [str(o) for o in load.since(recovered) if not o.ok]
    assert not after, "errors once the service had recovered:\n" + "\n".join(after[:10])
    check_articles(load, service)
