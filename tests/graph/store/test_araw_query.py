"""``araw_query``: the protocol query awaited from an event loop, on every backend."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from collections.abc import Iterator, Sequence

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.errors import QueryTimeout
from graph.store import OxigraphStore, RawResult, Store, open_store
from graph.store.base import araw_query

JSON = "application/sparql-results+json"
EX = "http://example.org/"


@pytest.fixture
def ns() -> str:
    return f"http://test.example/{uuid.uuid4().hex}/"


def fill(store: Store, ns: str) -> None:
    store.update(
        f"""INSERT DATA {{ GRAPH <{ns}g> {{
            <{ns}kt> <{ns}name> "케이티"@ko , "KT" ; <{ns}founded> "1981-12-10"^^<http://www.w3.org/2001/XMLSchema#date> .
            <{ns}iom> <{ns}name> "International Organization for Migration"@en .
        }} }}"""
    )


def test_araw_query_answers_as_raw_query_does(store: Store, ns: str) -> None:
    fill(store, ns)
    select = (
        f"SELECT ?s ?name ?founded WHERE {{ ?s <{ns}name> ?name OPTIONAL {{ ?s <{ns}founded> ?founded }} }}"
    )
    ask = f"ASK {{ <{ns}kt> <{ns}name> ?n }}"
    construct = f"CONSTRUCT {{ ?s <{ns}name> ?n }} WHERE {{ ?s <{ns}name> ?n }}"

    async def both() -> list[tuple[RawResult, RawResult]]:
        pairs = []
        for query, media in ((select, JSON), (select, "text/csv"), (ask, JSON), (construct, "text/turtle")):
            pairs.append((store.raw_query(query, media), await araw_query(store, query, media)))
        return pairs

    (sel_sync, sel_async), (csv_sync, csv_async), (ask_sync, ask_async), (g_sync, g_async) = asyncio.run(
        both()
    )
    rows = sorted(json.dumps(b, sort_keys=True) for b in json.loads(sel_async.body)["results"]["bindings"])
    assert rows == sorted(
        json.dumps(b, sort_keys=True) for b in json.loads(sel_sync.body)["results"]["bindings"]
    )
    assert len(rows) == 3
    assert sorted(csv_async.body.splitlines()) == sorted(csv_sync.body.splitlines())
    assert json.loads(ask_async.body)["boolean"] is True
    assert ask_async.media_type == ask_sync.media_type
    graph = Graph().parse(data=g_async.body, format="turtle")
    assert len(graph) == 3
    assert isomorphic(graph, Graph().parse(data=g_sync.body, format="turtle"))


def test_araw_query_caps_rows_and_honours_the_dataset(store: Store, ns: str) -> None:
    fill(store, ns)
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    capped = asyncio.run(araw_query(store, query, JSON, [f"{ns}g"], max_rows=2))
    assert len(json.loads(capped.body)["results"]["bindings"]) == 2
    nothing = asyncio.run(araw_query(store, query, JSON, [f"{ns}absent"]))
    assert json.loads(nothing.body)["results"]["bindings"] == []


def test_json_results_write_every_kind_of_term() -> None:
    store = OxigraphStore(None, timeout=5)
    try:
        store.update(
            f"""INSERT DATA {{ GRAPH <{EX}g> {{
                <{EX}a> <{EX}label> "서울"@ko . <{EX}a> <{EX}count> 3 .
                <{EX}a> <{EX}note> "plain" . <{EX}a> <{EX}by> _:someone .
            }} }}"""
        )
        query = f"SELECT ?p ?o ?unbound WHERE {{ <{EX}a> ?p ?o OPTIONAL {{ ?o <{EX}nothing> ?unbound }} }}"
        doc = json.loads(asyncio.run(store.araw_query(query, JSON)).body)
    finally:
        store.close()
    assert doc["head"]["vars"] == ["p", "o", "unbound"]
    by_predicate = {b["p"]["value"]: b for b in doc["results"]["bindings"]}
    assert all(b["p"]["type"] == "uri" and "unbound" not in b for b in by_predicate.values())
    assert by_predicate[f"{EX}label"]["o"] == {"type": "literal", "value": "서울", "xml:lang": "ko"}
    assert by_predicate[f"{EX}count"]["o"] == {
        "type": "literal",
        "value": "3",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert by_predicate[f"{EX}note"]["o"] == {"type": "literal", "value": "plain"}
    assert by_predicate[f"{EX}by"]["o"]["type"] == "bnode"


# -- deadlines ------------------------------------------------------------------------------

RUNAWAY = f"SELECT ?a WHERE {{ ?a <{EX}v> ?x . ?b <{EX}v> ?y . ?c <{EX}v> ?z FILTER(?x + ?y + ?z = 250) }}"


@pytest.fixture
def slow_store() -> Iterator[OxigraphStore]:
    store = OxigraphStore(None, timeout=0.4)
    store.update(
        f"INSERT DATA {{ GRAPH <{EX}g> {{ {' '.join(f'<{EX}s{i}> <{EX}v> {i} .' for i in range(200))} }} }}"
    )
    yield store
    store.close()


def _wait_until_idle() -> None:
    # A runaway from an earlier test may still be finishing its current engine step.
    for _ in range(40):
        cpu = time.process_time()
        time.sleep(0.25)
        if time.process_time() - cpu < 0.05:
            return


@pytest.mark.slow
def test_a_runaway_times_out_at_the_deadline_and_the_loop_keeps_running(slow_store: OxigraphStore) -> None:
    _wait_until_idle()

    async def scenario() -> tuple[float, int, RawResult]:
        ticks = 0
        stop = asyncio.Event()

        async def ticker() -> None:
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                await asyncio.sleep(0.01)

        ticking = asyncio.create_task(ticker())
        started = time.monotonic()
        with pytest.raises(QueryTimeout):
            await slow_store.araw_query(RUNAWAY, JSON)
        elapsed = time.monotonic() - started
        stop.set()
        await ticking
        after = await slow_store.araw_query(f"ASK {{ <{EX}s1> ?p ?o }}", JSON)
        return elapsed, ticks, after

    elapsed, ticks, after = asyncio.run(scenario())
    assert 0.3 < elapsed < 1.5
    # 0.4 s of waiting at 10 ms a tick: a loop blocked by the query would have ticked once or twice.
    assert ticks >= 10
    assert json.loads(after.body)["boolean"] is True
    time.sleep(0.3)
    cpu = time.process_time()
    time.sleep(1.0)
    assert time.process_time() - cpu < 0.3, "the runaway kept its worker busy after the deadline"


@pytest.mark.slow
def test_a_caller_that_goes_away_stops_its_query(slow_store: OxigraphStore) -> None:
    _wait_until_idle()
    slow_store.timeout = 30.0

    async def scenario() -> None:
        task = asyncio.create_task(slow_store.araw_query(RUNAWAY, JSON))
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    time.sleep(0.3)
    cpu = time.process_time()
    time.sleep(1.0)
    assert time.process_time() - cpu < 0.3, "the abandoned query kept running"


# -- backends without their own araw_query ------------------------------------------------------


class ThreadRecordingStore:
    """A backend with only the synchronous ``raw_query``, as a third-party Store might be."""

    def __init__(self) -> None:
        self.inner = open_store(memory=True, timeout=5)
        self.threads: list[int] = []

    def raw_query(
        self,
        sparql: str,
        media_type: str,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        *,
        base_iri: str | None = None,
        max_rows: int | None = None,
    ) -> RawResult:
        self.threads.append(threading.get_ident())
        return self.inner.raw_query(
            sparql, media_type, default_graph_uris, named_graph_uris, base_iri=base_iri, max_rows=max_rows
        )


def test_a_store_without_araw_query_is_run_off_the_event_loop() -> None:
    store = ThreadRecordingStore()
    try:

        async def ask() -> tuple[RawResult, int]:
            result = await araw_query(store, "ASK { }", JSON)  # type: ignore[arg-type]
            return result, threading.get_ident()

        result, loop_thread = asyncio.run(ask())
    finally:
        store.inner.close()
    assert json.loads(result.body)["boolean"] is True
    assert store.threads and store.threads[0] != loop_thread
