"""Minting RDF from an Extraction: IRIs, names, dates, evidence and determinism."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.model import (
    Agreement,
    Article,
    CountryMention,
    Event,
    Evidence,
    Extraction,
    Organization,
    Person,
    Project,
    Site,
)
from graph.triples import (
    DCO,
    PROV,
    SCHEMA,
    article_graph,
    article_graph_iri,
    article_iri,
    date_literal,
    organization_iri,
    site_iri,
)

TITLE = "행정안전부·한국지능정보사회진흥원, 페루와 디지털정부 협력 강화"
SENTENCES = [
    TITLE,
    "행정안전부(행안부)는 한국지능정보사회진흥원(NIA)과 디지털정부 해외 진출을 위한 업무협약을 "
    "3월 4일 서울에서 체결했다고 6일 밝혔다.",
    "양 기관은 이번 협약으로 전자정부 컨설팅과 공무원 연수를 함께 추진한다.",
    "두 기관은 오는 18일부터 20일까지 부산 벡스코에서 페루, 르완다, 우즈베키스탄 공무원이 참여하는 "
    "디지털정부 워크숍을 공동 개최한다.",
    "또 행정안전부는 페루 쿠스코주 쿠스코시에서 스마트시티 시범사업을 내년부터 운영한다.",
    '김민수 행정안전부 디지털정부국장은 "협력의 성과를 나누겠다"고 말했다.',
]
TEXT = "\n\n".join([SENTENCES[0], " ".join(SENTENCES[1:3]), SENTENCES[3], " ".join(SENTENCES[4:])])


def ev(text: str, sentence: str, rule: str = "test.rule", confidence: float = 0.9) -> Evidence:
    start = text.index(sentence)
    return Evidence(start, start + len(sentence), rule, confidence)


def make_article(text: str = TEXT, **changes: object) -> Article:
    article = Article(
        text=text,
        title=TITLE,
        language="ko",
        published=date(2025, 3, 6),
        publisher="디지털협력신문",
        source="mou.txt",
    )
    return replace(article, **changes)  # type: ignore[arg-type]


def mou_extraction(article: Article | None = None) -> Extraction:
    """A Korean MOU between two agencies, a workshop with three countries and a project at a
    city within a region, as an extractor would return them."""
    article = article or make_article()
    t = article.text

    def at(i: int, rule: str = "test.rule") -> list[Evidence]:
        return [ev(t, SENTENCES[i], rule)]

    return Extraction(
        article=article,
        organizations=[
            Organization("mois", ["행정안전부", "행안부"], "government", "KR", evidence=at(0) + at(1)),
            Organization("nia", ["한국지능정보사회진흥원", "NIA"], "government", "KR", evidence=at(0)),
            Organization("bureau", ["디지털정부국"], "government", "KR", part_of="mois", evidence=at(5)),
        ],
        sites=[
            Site("seoul", ["서울"], "city", "KR", evidence=at(1)),
            Site("busan", ["부산"], "city", "KR", evidence=at(3)),
            Site("bexco", ["벡스코"], "venue", "KR", within="busan", evidence=at(3)),
            Site("cusco-region", ["쿠스코주"], "region", "PE", evidence=at(4)),
            Site("cusco", ["쿠스코시"], "city", "PE", within="cusco-region", evidence=at(4)),
        ],
        people=[Person("kim", "김민수", "bureau", "행정안전부 디지털정부국장", evidence=at(5))],
        countries=[
            CountryMention("PE", at(0)),
            CountryMention("RW", at(3)),
            CountryMention("UZ", at(3)),
        ],
        agreements=[
            Agreement(
                "mou",
                ["mois", "nia"],
                "2025-03-04",
                "seoul",
                topics=["디지털정부 해외 진출"],
                themes=["e-government"],
                evidence=at(1, "ko.agreement.signed"),
            )
        ],
        events=[
            Event(
                "workshop",
                organizers=["mois", "nia"],
                participant_countries=["PE", "RW", "UZ"],
                venues=["bexco"],
                start="2025-03-18",
                end="2025-03-20",
                topics=["디지털정부"],
                themes=["e-government", "capacity-building"],
                evidence=at(3, "ko.event.hosted"),
            )
        ],
        projects=[
            Project(
                ["스마트시티 시범사업"],
                operators=["mois"],
                sites=["cusco"],
                countries=["PE"],
                services=["스마트시티"],
                start="2026",
                themes=["smart-city"],
                evidence=at(4, "ko.project.operates"),
            )
        ],
    )


def minted(extraction: Extraction | None = None) -> tuple[Graph, str]:
    extraction = extraction or mou_extraction()
    iri = article_iri(extraction.article)
    return article_graph(extraction, iri), iri


def test_article_node_carries_the_metadata_and_text() -> None:
    g, iri = minted()
    a = URIRef(iri)
    assert g.value(a, RDF.type) == DCO.Article
    assert g.value(a, SCHEMA.headline) == Literal(TITLE)
    assert g.value(a, SCHEMA.datePublished) == Literal("2025-03-06", datatype=XSD.date)
    assert g.value(a, SCHEMA.inLanguage) == Literal("ko")
    assert g.value(a, DCO.publisherName) == Literal("디지털협력신문")
    assert g.value(a, DCO.sourceName) == Literal("mou.txt")
    assert str(g.value(a, DCO.text)) == TEXT
    assert len(str(g.value(a, DCO.contentHash))) == 64


def test_minting_twice_gives_the_identical_graph() -> None:
    first, _ = minted()
    second, _ = minted()
    assert isomorphic(first, second)
    assert set(first) == set(second)  # no blank nodes: identical, not merely isomorphic


def test_every_evidence_offset_slices_the_text_to_its_sentence() -> None:
    g, iri = minted()
    evidence = set(g.subjects(RDF.type, DCO.Evidence))
    assert len(evidence) >= 12
    for node in evidence:
        start, end = int(str(g.value(node, DCO.startOffset))), int(str(g.value(node, DCO.endOffset)))
        assert TEXT[start:end] == str(g.value(node, DCO.sentence))
        assert str(g.value(node, DCO.sentence)) in SENTENCES
        assert g.value(node, PROV.wasDerivedFrom) == URIRef(iri)
        assert g.value(node, DCO.confidence) == Literal("0.9", datatype=XSD.decimal)


def test_agreement_evidence_states_the_agreement_itself() -> None:
    g, iri = minted()
    (agreement,) = g.subjects(RDF.type, DCO.MOU)
    assert str(agreement).startswith("https://w3id.org/digicoop/id/agreement/")
    (evidence,) = g.objects(agreement, DCO.evidence)
    assert g.value(evidence, RDF.subject) == agreement
    assert g.value(evidence, RDF.predicate) == RDF.type
    assert g.value(evidence, RDF.object) == DCO.MOU
    assert g.value(evidence, DCO.rule) == Literal("ko.agreement.signed")
    assert (evidence, RDF.type, RDF.Statement) in g
    assert g.value(agreement, PROV.wasDerivedFrom) == URIRef(iri)
    assert g.value(agreement, DCO.signedOn) == Literal("2025-03-04", datatype=XSD.date)
    assert g.value(agreement, DCO.theme) == URIRef("https://w3id.org/digicoop/theme/e-government")
    assert g.value(agreement, DCO.topic) == Literal("디지털정부 해외 진출", lang="ko")


def test_names_are_labels_tagged_by_script_with_the_first_preferred() -> None:
    g, _ = minted()
    nia = organization_iri(mou_extraction().organizations[1])
    assert set(g.objects(nia, RDFS.label)) == {
        Literal("한국지능정보사회진흥원", lang="ko"),
        Literal("NIA", lang="en"),
    }
    assert list(g.objects(nia, SKOS.prefLabel)) == [Literal("한국지능정보사회진흥원", lang="ko")]
    assert (nia, DCO.acronym, Literal("NIA")) in g
    assert (nia, RDF.type, DCO.GovernmentAgency) in g
    assert (nia, DCO.homeCountry, URIRef("https://w3id.org/digicoop/id/country/KR")) in g


def test_countries_are_mentioned_and_typed() -> None:
    g, iri = minted()
    mentioned = set(g.objects(URIRef(iri), SCHEMA.mentions)) & set(g.subjects(RDF.type, DCO.Country))
    assert {str(c).rsplit("/", 1)[1] for c in mentioned} == {"PE", "RW", "UZ"}


def test_dates_are_typed_by_precision() -> None:
    assert date_literal("2025-03-04") == Literal("2025-03-04", datatype=XSD.date)
    assert date_literal("2025-03") == Literal("2025-03", datatype=XSD.gYearMonth)
    assert date_literal("2025") == Literal("2025", datatype=XSD.gYear)
    assert date_literal("2025-02-30") is None
    assert date_literal("next year") is None
    assert date_literal(None) is None


def test_the_same_organization_named_the_same_way_is_one_node_across_articles() -> None:
    other = make_article(text="한국지능정보사회진흥원은 르완다 정부와 협력한다.", title="다른 기사")
    here = Organization("a", ["한국지능정보사회진흥원", "NIA"], "government", "KR")
    there = Organization("zz", ["한국 지능정보사회진흥원"], "government", "KR")
    assert organization_iri(here) == organization_iri(there)
    g1, iri1 = minted()
    g2, iri2 = minted(Extraction(article=other, organizations=[there]))
    assert iri1 != iri2
    assert organization_iri(here) in set(g1.objects(URIRef(iri1), SCHEMA.mentions))
    assert organization_iri(here) in set(g2.objects(URIRef(iri2), SCHEMA.mentions))


def test_organization_iris() -> None:
    english = Organization("a", ["Smart Cities Council"], "other")
    assert str(organization_iri(english)) == "https://w3id.org/digicoop/id/org/smart-cities-council"
    korean = organization_iri(Organization("a", ["행정안전부"], "government", "KR"))
    assert (
        str(korean).startswith("https://w3id.org/digicoop/id/org/h")
        and len(str(korean).rsplit("/")[-1]) == 13
    )
    linked = Organization("a", ["KOICA"], "government", "KR", iri="https://w3id.org/digicoop/id/org/koica")
    assert str(organization_iri(linked)) == "https://w3id.org/digicoop/id/org/koica"
    peru = Organization("a", ["페루"], "government", "PE")
    assert str(organization_iri(peru)) == "https://w3id.org/digicoop/id/org/gov-pe"
    assert str(organization_iri(Organization("a", ["알제리 정부"], "government", "DZ"))).endswith("/gov-dz")
    # a ministry is not its country's government, nor is a name that is another country's
    assert not str(organization_iri(Organization("a", ["페루"], "government", "KR"))).endswith("gov-kr")
    assert not str(organization_iri(Organization("a", ["페루"], "company", "PE"))).endswith("gov-pe")


def test_sites_with_the_same_name_in_two_countries_are_two_nodes() -> None:
    assert site_iri(Site("a", ["San Jose"], "city", "US")) != site_iri(Site("b", ["San Jose"], "city", "CR"))
    assert str(site_iri(Site("a", ["Jakarta"], "city", "ID"))).endswith("/site/jakarta-id")


def test_article_iri_comes_from_the_url_or_the_text() -> None:
    a = make_article(url="https://news.example/a/1")
    assert article_iri(a) == article_iri(replace(a, text=TEXT + " 정정."))
    b = make_article()
    assert article_iri(b) == article_iri(replace(b, text=TEXT.replace("\n\n", "\n \n")))
    assert article_iri(b) != article_iri(replace(b, text=TEXT + " 정정."))
    iri = article_iri(b)
    assert article_graph_iri(iri) == "https://w3id.org/digicoop/graph/article/" + iri.rsplit("/", 1)[1]


def test_changing_the_text_changes_only_what_depends_on_it() -> None:
    before, iri = minted()
    # one sentence appended at the end: offsets of every earlier sentence stay as they were
    longer = make_article(text=TEXT + " 행사는 온라인으로도 중계된다.")
    after = article_graph(mou_extraction(longer), iri)
    a = URIRef(iri)
    changed = {(p, o) for s, p, o in before ^ after}
    assert {p for p, _ in changed} == {DCO.text, DCO.contentHash}
    assert set(before.subjects()) == set(after.subjects())
    assert str(after.value(a, DCO.text)).endswith("중계된다.")


def test_unknown_keys_and_bad_codes_are_left_out() -> None:
    article = make_article()
    x = Extraction(
        article=article,
        organizations=[Organization("a", ["행정안전부"], "government", "Korea")],
        countries=[CountryMention("xx1")],
        agreements=[Agreement("mou", ["a", "missing"], "sometime")],
    )
    g, _ = minted(x)
    (agreement,) = g.subjects(RDF.type, DCO.MOU)
    assert len(list(g.objects(agreement, DCO.party))) == 1
    assert g.value(agreement, DCO.signedOn) is None
    assert not set(g.subjects(RDF.type, DCO.Country))


def test_moving_the_sentences_moves_only_the_evidence() -> None:
    before, iri = minted()
    shifted = make_article(text="[속보] " + TEXT)
    after = article_graph(mou_extraction(shifted), iri)
    evidence = set(before.subjects(RDF.type, DCO.Evidence)) | set(after.subjects(RDF.type, DCO.Evidence))
    for s, p, o in before ^ after:
        assert (
            s in evidence
            or (s == URIRef(iri) and p in {DCO.text, DCO.contentHash})
            or (p, o in evidence) == (DCO.evidence, True)
        )
    # entities and facts keep their IRIs; only their evidence links point at new spans
    kept = set(before.subjects()) - evidence
    assert kept == set(after.subjects()) - evidence
    for node in after.subjects(RDF.type, DCO.Evidence):
        start, end = (int(str(after.value(node, p))) for p in (DCO.startOffset, DCO.endOffset))
        assert shifted.text[start:end] == str(after.value(node, DCO.sentence))


def conforms(data: Graph) -> tuple[bool, str]:
    """The shapes' verdict, through graph.validate once it exists (pyshacl directly until then)."""
    try:
        from graph.validate import validate  # type: ignore[import-not-found, unused-ignore]
    except ModuleNotFoundError:
        import pyshacl

        from ontology import ontology_graph, shapes_graph

        ok, _, text = pyshacl.validate(
            data + ontology_graph(), shacl_graph=shapes_graph(), inference="none", advanced=True
        )
        return bool(ok), str(text)
    report = validate(data)
    return bool(report.conforms), "\n".join(str(m) for m in report.messages)


def test_the_minted_graph_conforms_to_the_shapes() -> None:
    ok, text = conforms(minted()[0])
    assert ok, text


def test_incomplete_facts_are_left_out_so_the_graph_still_conforms() -> None:
    x = mou_extraction()
    x.organizations.append(Organization("blank", [" "], "company"))
    x.agreements.append(Agreement("mou", ["blank"], "2025"))
    x.projects.append(Project([], operators=["mois"]))
    x.events[0].themes.append("not-a-theme")
    g, _ = minted(x)
    assert len(set(g.subjects(RDF.type, DCO.MOU))) == 1
    assert len(set(g.subjects(RDF.type, DCO.Project))) == 1
    assert len(set(g.objects(None, DCO.theme))) == 3
    ok, text = conforms(g)
    assert ok, text
