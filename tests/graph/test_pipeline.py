"""Ingesting an article: extract, mint, validate, replace its named graph."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import jsonschema
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import graph.extract
from graph.facts import facts_from_store
from graph.model import Agreement, Article, Extraction
from graph.pipeline import delete_article, ingest_article
from graph.store import open_store
from graph.store.base import Store
from graph.triples import article_graph_iri, article_iri
from tests.graph.test_facts import EXPECTED
from tests.graph.test_triples import TEXT, make_article, mou_extraction
from tests.support import require_shared


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(memory=True)
    yield s
    s.close()


@pytest.fixture
def extractor(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[Article], Extraction]], None]:
    """Stand in for the real extractor, so these tests pin the pipeline and not the rules."""

    def use(fn: Callable[[Article], Extraction]) -> None:
        monkeypatch.setattr(graph.extract, "extract", fn, raising=False)

    use(mou_extraction)
    return use


@dataclass
class Report:
    conforms: bool
    messages: list[str] = field(default_factory=list)


def triples_in(store: Store, graph_iri: str) -> set[tuple[str, str, str]]:
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
    return {(str(r["s"]), str(r["p"]), str(r["o"])) for r in rows}


def test_ingest_stores_the_article_graph(store: Store, extractor: object) -> None:
    article = make_article()
    result = ingest_article(store, article)
    assert result.article_iri == article_iri(article)
    assert result.graph_iri == article_graph_iri(result.article_iri)
    assert list(store.graph_iris()) == [result.graph_iri]
    assert (result.organizations, result.sites, result.people, result.countries) == (3, 5, 1, 3)
    assert (result.agreements, result.events, result.projects) == (1, 1, 1)
    assert result.evidence == 16
    assert result.triples == len(triples_in(store, result.graph_iri))
    assert facts_from_store(store, result.article_iri) == EXPECTED


def test_reingesting_the_same_article_changes_nothing(store: Store, extractor: object) -> None:
    first = ingest_article(store, make_article())
    before = triples_in(store, first.graph_iri)
    second = ingest_article(store, make_article())
    assert second == first
    assert triples_in(store, second.graph_iri) == before


def test_a_corrected_version_keeps_no_stale_fact(store: Store, extractor: Callable[..., None]) -> None:
    url = "https://news.example/2025/03/mou"
    first = ingest_article(store, make_article(url=url))
    corrected_text = TEXT + " 협약 체결일은 3월 5일로 바로잡는다."

    def corrected(article: Article) -> Extraction:
        x = mou_extraction(article)
        x.agreements = [replace(x.agreements[0], date="2025-03-05")]
        x.events, x.projects = [], []
        return x

    extractor(corrected)
    second = ingest_article(store, make_article(text=corrected_text, url=url))
    assert second.graph_iri == first.graph_iri
    facts = facts_from_store(store, second.article_iri)
    assert [a["date"] for a in facts["agreements"]] == ["2025-03-05"]
    assert facts["events"] == [] and facts["projects"] == []
    assert not any("2025-03-04" in o or "/event/" in s for s, _, o in triples_in(store, second.graph_iri))


def test_delete_article_removes_every_fact(store: Store, extractor: object) -> None:
    result = ingest_article(store, make_article())
    other = ingest_article(store, make_article(url="https://news.example/other"))
    assert delete_article(store, result.article_iri) is True
    assert triples_in(store, result.graph_iri) == set()
    assert list(store.graph_iris()) == [other.graph_iri]
    assert delete_article(store, result.article_iri) is False


def test_a_validator_is_used_when_present(
    store: Store, extractor: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Graph] = []

    def validate(data: Graph) -> Report:
        seen.append(data)
        return Report(conforms=len(data) < 30, messages=["too many triples for this test"])

    module = types.ModuleType("graph.validate")
    module.validate = validate  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "graph.validate", module)
    result = ingest_article(store, make_article(), validate=True)
    assert len(seen) == 1 and len(seen[0]) == result.triples
    assert result.conforms is False
    assert result.messages == ["too many triples for this test"]
    # a graph that does not conform is still stored, with the report for the caller
    assert triples_in(store, result.graph_iri)

    extractor(lambda article: Extraction(article=article, agreements=[Agreement("mou", [])]))
    small = ingest_article(store, make_article(url="https://news.example/small"), validate=True)
    assert small.conforms is True


def test_validation_is_off_unless_asked(
    store: Store, extractor: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def validate(data: Graph) -> Report:
        raise AssertionError("validate=False must not validate")

    module = types.ModuleType("graph.validate")
    module.validate = validate  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "graph.validate", module)
    result = ingest_article(store, make_article())
    assert result.conforms is None
    assert facts_from_store(store, result.article_iri) == EXPECTED


@pytest.mark.slow
def test_the_real_extractor_ingests_a_conforming_graph(store: Store) -> None:
    schema = json.loads(require_shared("eval", "facts.schema.json").read_text(encoding="utf-8"))
    result = ingest_article(store, make_article(), validate=True)
    assert result.conforms is True, result.messages
    facts = facts_from_store(store, result.article_iri)
    jsonschema.validate(facts, schema)
    assert facts["article"] == EXPECTED["article"]
    assert result.organizations == len(facts["organizations"]) >= 2


@pytest.mark.slow
def test_parallel_ingest_stores_what_one_process_stores() -> None:
    """ingest_many with worker processes writes the same graphs as ingesting one by one."""
    from graph.loaders import load_paths
    from graph.pipeline import ingest_many
    from graph.store import open_store

    articles = [r.article for r in load_paths(["examples/articles"]) if r.article is not None][:4]
    one, two = open_store(memory=True), open_store(memory=True)
    try:
        serial = list(ingest_many(one, [(a, None) for a in articles], workers=1))
        parallel = list(ingest_many(two, [(a, None) for a in articles], workers=2))
        assert [r.article_iri for r in serial] == [r.article_iri for r in parallel]
        for result in serial:
            query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{result.graph_iri}> {{ ?s ?p ?o }} }}"
            assert isomorphic(one.construct(query), two.construct(query))
    finally:
        one.close()
        two.close()
