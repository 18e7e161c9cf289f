"""Protocol results kept until the next write: never an answer the engine would not give now."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import OxigraphStore, RawResult, open_store
from graph.store._result_cache import ResultCache, repeatable

JSON = "application/sparql-results+json"
EX = "http://example.org/"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}v> ?v }}"


def count(result: RawResult) -> int:
    return int(json.loads(result.body)["results"]["bindings"][0]["n"]["value"])


def insert(store: OxigraphStore, i: int) -> None:
    store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s{i}> <{EX}v> {i} }} }}")


@pytest.fixture
def store() -> Iterator[OxigraphStore]:
    s = open_store(memory=True, timeout=5, result_cache_bytes=1_000_000)
    assert isinstance(s, OxigraphStore)
    yield s
    s.close()


def test_a_repeated_query_is_answered_from_the_cache(store: OxigraphStore) -> None:
    insert(store, 1)
    first = store.raw_query(COUNT, JSON)
    again = store.raw_query(COUNT, JSON)
    assert again.body == first.body and count(again) == 1
    assert store.result_cache is not None and store.result_cache.hits == 1


def test_every_kind_of_write_shows_in_the_next_answer(store: OxigraphStore) -> None:
    assert count(store.raw_query(COUNT, JSON)) == 0
    insert(store, 1)
    assert count(store.raw_query(COUNT, JSON)) == 1
    store.replace_graph(f"{EX}h", f'<{EX}s2> <{EX}v> "2" .')
    assert count(store.raw_query(COUNT, JSON)) == 2
    store.replace_graph(f"{EX}h", f'<{EX}s2> <{EX}v> "2" .\n<{EX}s3> <{EX}v> "3" .')
    assert count(store.raw_query(COUNT, JSON)) == 3
    assert store.drop_graph(f"{EX}h")
    assert count(store.raw_query(COUNT, JSON)) == 1


def test_the_awaited_query_shares_the_cache(store: OxigraphStore) -> None:
    insert(store, 1)
    first = store.raw_query(COUNT, JSON)
    again = asyncio.run(store.araw_query(COUNT, JSON))
    assert again.body == first.body
    assert store.result_cache is not None and store.result_cache.hits == 1


def test_the_request_around_the_text_is_part_of_the_question(store: OxigraphStore) -> None:
    insert(store, 1)
    store.raw_query(COUNT, JSON)
    csv = store.raw_query(COUNT, "text/csv")
    assert csv.media_type == "text/csv" and csv.body.splitlines()[1] == b"1"
    assert count(store.raw_query(COUNT, JSON, default_graph_uris=[f"{EX}nowhere"])) == 0
    assert store.result_cache is not None and store.result_cache.hits == 0


def test_a_query_that_differs_between_runs_is_never_kept(store: OxigraphStore) -> None:
    store.raw_query("SELECT (STRUUID() AS ?id) WHERE {}", JSON)
    first = store.raw_query("SELECT (STRUUID() AS ?id) WHERE {}", JSON)
    second = store.raw_query("SELECT (STRUUID() AS ?id) WHERE {}", JSON)
    assert first.body != second.body
    assert store.result_cache is not None and store.result_cache.hits == 0


def test_off_by_default() -> None:
    s = open_store(memory=True)
    assert isinstance(s, OxigraphStore) and s.result_cache is None


def test_query_processes_answer_from_the_cache_and_see_every_write(tmp_path: Path) -> None:
    s = OxigraphStore(tmp_path / "store", timeout=10, query_processes=1, result_cache_bytes=1_000_000)
    try:
        assert s.wait_ready(60)
        insert(s, 1)
        assert count(s.raw_query(COUNT, JSON)) == 1
        assert count(s.raw_query(COUNT, JSON)) == 1
        insert(s, 2)
        assert count(s.raw_query(COUNT, JSON)) == 2
        assert s.result_cache is not None and s.result_cache.hits == 1
    finally:
        s.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", True),
        ("SELECT (NOW() AS ?t) WHERE {}", False),
        ("select (rand() as ?r) where {}", False),
        ("SELECT (UUID() AS ?u) WHERE {}", False),
        ("CONSTRUCT { ?s <http://e/p> ?b } WHERE { ?s ?p ?o BIND(BNODE() AS ?b) }", False),
        ("SELECT * WHERE { SERVICE <http://e/sparql> { ?s ?p ?o } }", False),
        # the words inside a literal, an IRI or a comment are not calls
        ('SELECT * WHERE { ?s ?p "now() and rand()" }', True),
        ("SELECT * WHERE { ?s <http://e/service> ?o }", True),
        ("SELECT * WHERE { ?s ?p ?o } # NOW()", True),
    ],
)
def test_repeatable(query: str, expected: bool) -> None:
    assert repeatable(query) is expected


def result(size: int) -> RawResult:
    return RawResult(b"x" * size, JSON)


def test_least_recently_used_results_leave_first_within_the_budget() -> None:
    cache = ResultCache(16_000)  # sixteen results of 750 bytes (and their keys) fit, not seventeen
    for key in range(16):
        cache.get(0, key)
        cache.put(0, key, "SELECT * {}", result(750))
    assert cache.get(0, 0) is not None  # used again: now the last to leave
    cache.put(0, 16, "SELECT * {}", result(750))
    assert cache.size <= 16_000
    kept = {key for key in range(17) if cache.get(0, key) is not None}
    assert kept == set(range(17)) - {1}


def test_a_result_too_big_for_its_share_is_not_kept() -> None:
    cache = ResultCache(16_000)
    cache.get(0, "big")
    cache.put(0, "big", "SELECT * {}", result(2_000))
    assert cache.get(0, "big") is None and cache.size == 0


def test_a_newer_generation_empties_the_cache_and_an_older_one_finds_nothing() -> None:
    cache = ResultCache(16_000)
    cache.get(1, "q")
    cache.put(1, "q", "SELECT * {}", result(10))
    assert cache.get(1, "q") is not None
    assert cache.get(2, "q") is None and cache.size == 0
    cache.put(1, "q", "SELECT * {}", result(10))  # answered before the write: too old to keep
    assert cache.get(2, "q") is None
    cache.put(2, "q", "SELECT * {}", result(10))
    assert cache.get(1, "q") is None  # a request from before the write does not empty it
    assert cache.get(2, "q") is not None
