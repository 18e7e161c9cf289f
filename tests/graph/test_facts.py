"""The facts view read back from the graph with SPARQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Graph, Literal, URIRef

from graph.errors import NotFound
from graph.facts import facts_for_article, facts_from_store
from graph.model import Agreement, Evidence, Extraction, Organization, Project
from graph.store import open_store
from graph.store.base import Store
from graph.triples import DCO, SCHEMA, article_graph, article_graph_iri, article_iri
from tests.graph.test_triples import TITLE, make_article, mou_extraction
from tests.support import require_shared

EXPECTED: dict[str, Any] = {
    "article": {
        "title": TITLE,
        "published": "2025-03-06",
        "language": "ko",
        "publisher": "디지털협력신문",
        "url": None,
    },
    "organizations": [
        {
            "ref": "o1",
            "names": ["행정안전부", "행안부"],
            "kind": "government",
            "country": "KR",
            "part_of": None,
        },
        {
            "ref": "o2",
            "names": ["한국지능정보사회진흥원", "NIA"],
            "kind": "government",
            "country": "KR",
            "part_of": None,
        },
        {"ref": "o3", "names": ["디지털정부국"], "kind": "government", "country": "KR", "part_of": "o1"},
    ],
    "people": [{"ref": "p1", "name": "김민수", "affiliation": "o3", "role": "행정안전부 디지털정부국장"}],
    "countries": ["PE", "RW", "UZ"],
    "sites": [
        {"ref": "s1", "names": ["서울"], "kind": "city", "country": "KR", "within": None},
        {"ref": "s2", "names": ["부산"], "kind": "city", "country": "KR", "within": None},
        {"ref": "s3", "names": ["벡스코"], "kind": "venue", "country": "KR", "within": "s2"},
        {"ref": "s4", "names": ["쿠스코주"], "kind": "region", "country": "PE", "within": None},
        {"ref": "s5", "names": ["쿠스코시"], "kind": "city", "country": "PE", "within": "s4"},
    ],
    "agreements": [
        {
            "kind": "mou",
            "parties": ["o1", "o2"],
            "date": "2025-03-04",
            "place": "s1",
            "topics": ["디지털정부 해외 진출"],
        }
    ],
    "events": [
        {
            "kind": "workshop",
            "name": None,
            "organizers": ["o1", "o2"],
            "participant_countries": ["PE", "RW", "UZ"],
            "participant_organizations": [],
            "venues": ["s3"],
            "start": "2025-03-18",
            "end": "2025-03-20",
            "topics": ["디지털정부"],
        }
    ],
    "projects": [
        {
            "names": ["스마트시티 시범사업"],
            "operators": ["o1"],
            "partners": [],
            "sites": ["s5"],
            "countries": ["PE"],
            "services": ["스마트시티"],
            "start": "2026",
        }
    ],
}


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(memory=True)
    yield s
    s.close()


def load(store: Store, extraction: Extraction) -> str:
    iri = article_iri(extraction.article)
    store.replace_graph(article_graph_iri(iri), article_graph(extraction, iri))
    return iri


def test_round_trip_gives_the_expected_facts(store: Store) -> None:
    iri = load(store, mou_extraction())
    assert facts_from_store(store, iri) == EXPECTED


def test_facts_for_article_reads_a_fresh_store() -> None:
    x = mou_extraction()
    assert facts_for_article(x.article, x) == EXPECTED


def test_facts_conform_to_the_evaluation_schema() -> None:
    schema = json.loads(require_shared("eval", "facts.schema.json").read_text(encoding="utf-8"))
    x = mou_extraction()
    jsonschema.validate(facts_for_article(x.article, x), schema)
    jsonschema.validate(facts_for_article(x.article, Extraction(article=x.article)), schema)
    bare = Extraction(article=x.article, agreements=[Agreement("mou", [])], projects=[Project([])])
    facts = facts_for_article(x.article, bare)
    jsonschema.validate(facts, schema)
    assert facts["agreements"] == []


def test_only_the_articles_own_graph_is_read(store: Store) -> None:
    iri = load(store, mou_extraction())
    other = make_article(text="행정안전부는 한국국제협력단과 르완다에서 협력했다.", title="다른 기사")
    load(
        store,
        Extraction(
            article=other,
            organizations=[
                Organization("a", ["행정안전부", "MOIS"], "company", "KR"),
                Organization("b", ["한국국제협력단"], "government", "KR"),
            ],
        ),
    )
    # the ministry is one node in both graphs, yet each article shows only what it says
    assert facts_from_store(store, iri) == EXPECTED
    facts = facts_from_store(store, article_iri(other))
    assert [(o["names"], o["kind"]) for o in facts["organizations"]] == [
        (["행정안전부", "MOIS"], "company"),
        (["한국국제협력단"], "government"),
    ]


def test_a_missing_article_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        facts_from_store(store, "https://w3id.org/digicoop/id/article/0000000000000000")


def test_names_keep_the_preferred_first_then_the_text_order(store: Store) -> None:
    article = make_article(
        text="KOICA는 코이카로 불리는 한국국제협력단(Korea International Cooperation Agency)이다."
    )
    names = ["한국국제협력단", "Korea International Cooperation Agency", "코이카", "KOICA"]
    iri = load(
        store, Extraction(article=article, organizations=[Organization("k", names, "government", "KR")])
    )
    (org,) = facts_from_store(store, iri)["organizations"]
    assert org["names"] == ["한국국제협력단", "KOICA", "코이카", "Korea International Cooperation Agency"]


def test_kinds_come_from_rdf_types_written_by_hand(store: Store) -> None:
    iri = "https://w3id.org/digicoop/id/article/handwritten"
    a, ceremony = URIRef(iri), URIRef("https://w3id.org/digicoop/id/event/handwritten-1")
    g = Graph()
    g.add((a, RDF.type, DCO.Article))
    g.add((a, SCHEMA.headline, Literal("Opening")))
    g.add((a, SCHEMA.inLanguage, Literal("en")))
    g.add((ceremony, RDF.type, DCO.Ceremony))
    g.add((ceremony, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), a))
    store.replace_graph(article_graph_iri(iri), g)
    facts = facts_from_store(store, iri)
    assert facts["article"] == {
        "title": "Opening",
        "published": None,
        "language": "en",
        "publisher": None,
        "url": None,
    }
    assert [e["kind"] for e in facts["events"]] == ["other"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(min_size=1, max_size=200),
    names=st.lists(st.text(min_size=1, max_size=30).filter(str.strip), min_size=1, max_size=4, unique=True),
)
def test_any_names_survive_the_round_trip(store: Store, text: str, names: list[str]) -> None:
    article = make_article(text=text, title=text[:20])
    org = Organization("x", names, "ngo", evidence=[Evidence(0, len(text), "any")])
    iri = load(store, Extraction(article=article, organizations=[org]))
    facts = facts_from_store(store, iri)
    (found,) = facts["organizations"]
    assert found["names"][0] == names[0]
    assert sorted(found["names"]) == sorted(names)
    assert facts["article"]["title"] == text[:20]
