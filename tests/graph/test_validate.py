"""graph.validate: what a caller sees when an article graph is or is not well-formed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from graph.validate import ValidationReport, validate
from ontology.namespace import DCO, THEME

ID = Namespace("https://w3id.org/digicoop/id/")
SCHEMA = Namespace("http://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")

TEXT = (
    "행안부, 우즈베키스탄과 전자정부 협력 MOU\n\n"
    "행정안전부는 12일 타슈켄트에서 우즈베키스탄 디지털기술부와 전자정부 협력 양해각서를 맺었다."
)
SENTENCE = TEXT.split("\n\n")[1]
ARTICLE = ID["article/mois-uz-2025"]
MOIS = ID["org/mois"]
UZ_MIN = ID["org/uz-digital-ministry"]
AGREEMENT = ID["agreement/mois-uz-2025-mou"]
EVIDENCE = ID["evidence/mois-uz-2025-s1"]


def article_graph(start: int | None = None, end: int | None = None) -> Graph:
    """A Korean article with one MOU, built the way graph.triples is meant to build it."""
    start = TEXT.index(SENTENCE) if start is None else start
    end = start + len(SENTENCE) if end is None else end
    g = Graph()
    g.add((ARTICLE, RDF.type, DCO.Article))
    g.add((ARTICLE, SCHEMA.headline, Literal(TEXT.split("\n\n")[0], lang="ko")))
    g.add((ARTICLE, SCHEMA.inLanguage, Literal("ko")))
    g.add((ARTICLE, DCO.text, Literal(TEXT)))
    g.add((ARTICLE, SCHEMA.datePublished, Literal("2025-06-12", datatype=XSD.date)))
    for org, name, kind in [
        (MOIS, "행정안전부", DCO.GovernmentAgency),
        (UZ_MIN, "우즈베키스탄 디지털기술부", DCO.GovernmentAgency),
    ]:
        g.add((org, RDF.type, kind))
        g.add((org, RDFS.label, Literal(name, lang="ko")))
        g.add((ARTICLE, SCHEMA.mentions, org))
    g.add((AGREEMENT, RDF.type, DCO.MOU))
    g.add((AGREEMENT, DCO.party, MOIS))
    g.add((AGREEMENT, DCO.party, UZ_MIN))
    g.add((AGREEMENT, DCO.signedOn, Literal("2025-06", datatype=XSD.gYearMonth)))
    g.add((AGREEMENT, DCO.theme, THEME["e-government"]))
    g.add((AGREEMENT, PROV.wasDerivedFrom, ARTICLE))
    g.add((AGREEMENT, DCO.evidence, EVIDENCE))
    g.add((EVIDENCE, RDF.type, DCO.Evidence))
    g.add((EVIDENCE, RDF.subject, AGREEMENT))
    g.add((EVIDENCE, RDF.predicate, DCO.party))
    g.add((EVIDENCE, RDF.object, MOIS))
    g.add((EVIDENCE, PROV.wasDerivedFrom, ARTICLE))
    g.add((EVIDENCE, DCO.sentence, Literal(SENTENCE)))
    g.add((EVIDENCE, DCO.startOffset, Literal(start)))
    g.add((EVIDENCE, DCO.endOffset, Literal(end)))
    g.add((EVIDENCE, DCO.rule, Literal("ko.agreement.mou")))
    g.add((EVIDENCE, DCO.confidence, Literal(Decimal("0.85"))))
    return g


def test_well_formed_korean_article_conforms() -> None:
    report = validate(article_graph())
    assert isinstance(report, ValidationReport)
    assert report.conforms, report.messages
    assert report.messages == []


def test_offsets_count_python_characters() -> None:
    # One character off: the span no longer spells the sentence.
    start = TEXT.index(SENTENCE)
    report = validate(article_graph(start + 1, start + 1 + len(SENTENCE)))
    assert not report.conforms
    assert any(
        "dco:sentence must equal that span" in m and "evidence/mois-uz-2025-s1" in m for m in report.messages
    )


def test_span_past_the_end_of_the_text_is_reported() -> None:
    report = validate(article_graph(0, len(TEXT) + 5))
    assert not report.conforms


def test_data_graph_is_left_untouched() -> None:
    data = article_graph()
    before = set(data)
    validate(data)
    assert set(data) == before


def test_subclass_instances_count_as_organizations_but_countries_do_not() -> None:
    data = article_graph()
    country = ID["country/UZ"]
    data.add((country, RDF.type, DCO.Country))
    data.add((AGREEMENT, DCO.party, country))
    report = validate(data)
    assert not report.conforms
    assert report.messages == [
        "<https://w3id.org/digicoop/id/agreement/mois-uz-2025-mou> dco:party: "
        "An agreement has at least one dco:party, an organization."
    ]


def test_confidence_must_be_a_decimal_not_a_float() -> None:
    data = article_graph()
    data.set((EVIDENCE, DCO.confidence, Literal(0.85)))  # rdflib makes a Python float xsd:double
    report = validate(data)
    assert not report.conforms
    assert any("dco:confidence" in m for m in report.messages)


def test_unknown_theme_is_reported() -> None:
    data = article_graph()
    data.add((AGREEMENT, DCO.theme, URIRef("https://w3id.org/digicoop/theme/quantum-gravity")))
    report = validate(data)
    assert not report.conforms
    assert any("dco:theme" in m for m in report.messages)


@pytest.mark.parametrize("language", ["fr", "kor"])
def test_article_language_is_ko_or_en(language: str) -> None:
    data = article_graph()
    data.set((ARTICLE, SCHEMA.inLanguage, Literal(language)))
    assert not validate(data).conforms
