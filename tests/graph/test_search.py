"""Search finds entities by Korean and English names, tolerating spacing, case and one typo."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from graph.errors import NotFound
from graph.search import resolve, search, within_one_edit
from graph.store import Store, open_store
from ontology import GRAPH_ARTICLE, ID
from tests.api.conftest_data import example_store


@pytest.fixture(scope="module")
def store() -> Store:
    return example_store()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("세계 은행", "org/world-bank"),
        ("세계은행", "org/world-bank"),
        ("world bank", "org/world-bank"),
        ("WORLD BANK", "org/world-bank"),
        ("World Bnak", "org/world-bank"),
        ("KOICA", "org/koica"),
        ("코이카", "org/koica"),
        ("르완다", "country/RW"),
        ("Rwnada", "country/RW"),
        ("스마트시티", "theme/smart-city"),
        ("IOM", "org/iom"),
    ],
)
def test_the_entity_a_user_means_comes_first(store: Store, query: str, expected: str) -> None:
    hits = search(store, query)
    assert hits and hits[0].id == expected


def test_a_hit_carries_both_names_and_its_mentions(store: Store) -> None:
    hit = search(store, "세계 은행")[0]
    assert (hit.label_en, hit.label_ko, hit.kind) == ("World Bank", "세계은행", "org")
    assert hit.matched_name == "세계은행" and hit.score == 1.0
    assert hit.mentions >= 1


def test_exact_beats_prefix_beats_substring(store: Store) -> None:
    hits = search(store, "KOICA", limit=10)
    assert hits[0].score > hits[1].score
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_kinds_narrow_the_hits(store: Store) -> None:
    hits = search(store, "르완다", kinds=["org"])
    assert hits and all(h.kind == "org" for h in hits)


def test_nothing_matches_nonsense(store: Store) -> None:
    assert search(store, "zzqqxx") == []
    assert search(store, "  ") == []


def test_short_names_are_not_matched_fuzzily(store: Store) -> None:
    assert all(h.id != "org/kt" for h in search(store, "KX"))


def test_one_edit() -> None:
    assert within_one_edit("rwanda", "rwnada")
    assert within_one_edit("bank", "banks") and within_one_edit("bank", "bunk")
    assert not within_one_edit("bank", "bunks")


def test_resolve_takes_ids_codes_slugs_and_names(store: Store) -> None:
    assert resolve(store, "KR", ["country"]) == ID + "country/KR"
    assert resolve(store, "르완다", ["country"]) == ID + "country/RW"
    assert resolve(store, "org/koica", ["org"]) == ID + "org/koica"
    assert resolve(store, "smart-city", ["theme"]).endswith("/theme/smart-city")
    with pytest.raises(NotFound, match="No country"):
        resolve(store, "Atlantis", ["country"])


def test_the_index_follows_new_graphs() -> None:
    store = open_store(memory=True)
    try:
        assert search(store, "Gadget Works") == []
        g = Graph()
        g.add((URIRef(ID + "org/gadget-works"), SKOS.prefLabel, Literal("Gadget Works", lang="en")))
        store.replace_graph(GRAPH_ARTICLE + "test", g)
        assert search(store, "gadget works")[0].id == "org/gadget-works"
    finally:
        store.close()
