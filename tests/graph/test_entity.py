"""One entity as the graph knows it: names, kind, country, timeline, partners, facts, sentences."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from rdflib import URIRef

from api.app import load_reference_graphs
from graph import entity
from graph.errors import NotFound
from graph.model import Article
from graph.pipeline import ingest_article
from graph.store import Store, open_store
from tests.graph.test_articles import ARTICLE

KT = "https://w3id.org/digicoop/id/org/kt"
SECOND = Article(
    text=(
        "KT opens smart village centre in Rwanda\n\n"
        "Kigali, June 2, 2022 - KT signed a partnership agreement with the Rwanda Information Society "
        "Authority on Thursday to build a smart village in the Eastern Province of Rwanda."
    ),
    title="KT opens smart village centre in Rwanda",
    language="en",
    published=date(2022, 6, 3),
    url="https://news.example.org/kt-rwanda",
)


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    s = open_store(memory=True)
    load_reference_graphs(s)
    ingest_article(s, ARTICLE)
    ingest_article(s, SECOND)
    yield s
    s.close()


def test_entity_view_has_names_kind_country_and_a_dated_timeline(store: Store) -> None:
    view = entity.entity_view(store, KT)
    assert view["id"] == "org/kt"
    assert view["category"] == "organization"
    assert view["kind"] == "company"
    assert "KT" in view["names"]["en"]
    assert view["names"].get("ko"), "the reference data gives KT a Korean name"
    assert view["home_country"]["id"] == "country/KR"
    dates = [f["date"] for f in view["timeline"] if f["date"]]
    assert dates == sorted(dates)
    assert dates[0].startswith("2022") and any(d.startswith("2024") for d in dates)
    assert {f["category"] for f in view["timeline"]} >= {"agreement"}


def test_every_fact_comes_with_its_sentence_and_article(store: Store) -> None:
    view = entity.entity_view(store, KT)
    assert view["facts"]
    for fact in view["facts"]:
        assert fact["evidence"], fact["iri"]
        for ev in fact["evidence"]:
            assert ev["sentence"].strip()
            assert ev["article"]["path"].startswith("/articles/")
    titles = {a["title"] for a in view["articles"]}
    assert titles == {ARTICLE.title, SECOND.title}


def test_partners_are_the_other_parties(store: Store) -> None:
    view = entity.entity_view(store, KT)
    assert all(p["iri"] != KT for p in view["partners"])
    assert all(p["category"] in ("organization", "country") for p in view["partners"])


def test_resolve_accepts_ids_iris_and_bare_slugs(store: Store) -> None:
    assert entity.resolve(store, "org/kt") == KT
    assert entity.resolve(store, "org:kt") == KT
    assert entity.resolve(store, KT) == KT
    assert entity.resolve(store, "kt") == KT
    assert entity.resolve(store, "country/KR").endswith("/country/KR")
    for bad in ("org/does-not-exist", "nope/kt", "org/../../x"):
        with pytest.raises(NotFound):
            entity.resolve(store, bad)


def test_entity_graph_holds_its_triples_and_its_facts(store: Store) -> None:
    g = entity.entity_graph(store, KT)
    assert (URIRef(KT), None, None) in g
    assert any(
        str(s).startswith("https://w3id.org/digicoop/id/agreement/") for s in g.subjects(None, URIRef(KT))
    )
    with pytest.raises(NotFound):
        entity.entity_graph(store, "https://w3id.org/digicoop/id/org/nobody")


def test_summary_counts_what_the_articles_hold(store: Store) -> None:
    counts = entity.summary(store)
    assert counts["articles"] == 2
    assert counts["agreements"] >= 2
    assert counts["organizations"] >= 2
    top = entity.most_connected(store, "organization")
    assert top[0]["iri"] == KT
    assert entity.most_connected(store, "country")
