"""The OWL ontology and the SKOS theme scheme: complete, labelled in two languages, consistent."""

from __future__ import annotations

import re
from pathlib import Path

import owlrl
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef

from ontology import NS, ONTOLOGY, THEME, THEMES, ontology_graph, reference_files, reference_graph

DCO = Namespace(NS)
DCTERMS = Namespace("http://purl.org/dc/terms/")
ERRORS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # where owlrl records inconsistencies
CASES = Path(__file__).parent / "shape_cases"
ONTOLOGY_IRI = URIRef("https://w3id.org/digicoop/ontology")

# The binding vocabulary (vocab.md), by kind.
CLASSES = {
    "Organization": None,
    "Company": "Organization",
    "GovernmentAgency": "Organization",
    "LocalGovernment": "Organization",
    "InternationalOrganization": "Organization",
    "NGO": "Organization",
    "ResearchInstitute": "Organization",
    "University": "Organization",
    "Country": None,
    "Site": None,
    "Region": "Site",
    "City": "Site",
    "County": "Site",
    "Island": "Site",
    "District": "Site",
    "Venue": "Site",
    "Building": "Site",
    "Agreement": None,
    "MOU": "Agreement",
    "CooperationAgreement": "Agreement",
    "PartnershipAgreement": "Agreement",
    "LetterOfIntent": "Agreement",
    "Contract": "Agreement",
    "Declaration": "Agreement",
    "Event": None,
    "Workshop": "Event",
    "Conference": "Event",
    "Forum": "Event",
    "Seminar": "Event",
    "Training": "Event",
    "StudyTour": "Event",
    "Exhibition": "Event",
    "Meeting": "Event",
    "Ceremony": "Event",
    "Project": None,
    "Person": None,
    "Article": None,
    "Evidence": None,
}
OBJECT_PROPERTIES = [
    "homeCountry", "partOf", "predecessor", "successor", "within", "inCountry", "affiliation", "party",
    "signedAt", "theme", "organizer", "participantCountry", "participantOrganization", "venue", "operator",
    "partner", "funder", "projectSite", "projectCountry", "evidence", "mentionOf",
]  # fmt: skip
DATATYPE_PROPERTIES = [
    "acronym", "wikidata", "validFrom", "validTo", "isoAlpha2", "isoAlpha3", "isoNumeric", "demonym", "role",
    "signedOn", "topic", "startDate", "endDate", "service", "publisherName", "text", "sourceName",
    "contentHash", "sentence", "startOffset", "endOffset", "rule", "confidence",
]  # fmt: skip
THEME_SLUGS = [
    "smart-city", "e-government", "digital-inclusion", "connectivity", "ai", "data", "cybersecurity",
    "e-learning", "telemedicine", "smart-farming", "fintech", "blockchain", "ar-vr", "e-procurement", "cloud",
    "iot", "5g", "digital-identity", "open-government", "capacity-building", "smart-transport",
    "space-satellite", "semiconductors", "ict-general",
]  # fmt: skip
TERM_KINDS = [OWL.Class, RDFS.Datatype, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def themes() -> Graph:
    return Graph().parse(THEMES, format="turtle")


def dco_terms(graph: Graph) -> set[URIRef]:
    return {
        term
        for kind in TERM_KINDS
        for term in graph.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and str(term).startswith(NS)
    }


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    """The language tags of the literals (an empty string for an untagged one)."""
    return [o.language or "" for o in graph.objects(subject, predicate) if isinstance(o, Literal)]


# ---------------------------------------------------------------------------------------------
# The ontology
# ---------------------------------------------------------------------------------------------


def test_ontology_header_says_what_it_is(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert sorted(languages(onto, ONTOLOGY_IRI, DCTERMS.title)) == ["en", "ko"]
    assert {"en", "ko"} <= set(languages(onto, ONTOLOGY_IRI, DCTERMS.description))
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    assert onto.value(ONTOLOGY_IRI, DCTERMS.creator) is not None


def test_loader_returns_ontology_and_themes_together() -> None:
    graph = ontology_graph()
    assert (DCO.Agreement, RDF.type, OWL.Class) in graph
    assert (URIRef(THEME + "smart-city"), RDF.type, SKOS.Concept) in graph


@pytest.mark.parametrize(("name", "parent"), sorted(CLASSES.items()))
def test_vocabulary_class_is_declared_under_its_parent(onto: Graph, name: str, parent: str | None) -> None:
    assert (DCO[name], RDF.type, OWL.Class) in onto
    if parent:
        assert (DCO[name], RDFS.subClassOf, DCO[parent]) in onto


@pytest.mark.parametrize("name", OBJECT_PROPERTIES)
def test_vocabulary_object_property_is_declared(onto: Graph, name: str) -> None:
    assert (DCO[name], RDF.type, OWL.ObjectProperty) in onto


@pytest.mark.parametrize("name", DATATYPE_PROPERTIES)
def test_vocabulary_datatype_property_is_declared(onto: Graph, name: str) -> None:
    assert (DCO[name], RDF.type, OWL.DatatypeProperty) in onto


def test_cameo_code_is_an_annotation_so_classes_may_carry_it(onto: Graph) -> None:
    assert (DCO.cameoCode, RDF.type, OWL.AnnotationProperty) in onto
    assert onto.value(DCO.cameoCode, RDFS.domain) is None


def test_every_term_has_english_and_korean_labels_and_a_comment(onto: Graph) -> None:
    terms = dco_terms(onto)
    assert len(terms) >= len(CLASSES) + len(OBJECT_PROPERTIES) + len(DATATYPE_PROPERTIES)
    problems = []
    for term in sorted(terms):
        labels = languages(onto, term, RDFS.label)
        if sorted(labels) != ["en", "ko"]:
            problems.append(f"{term}: labels {labels}")
        if "en" not in languages(onto, term, RDFS.comment):
            problems.append(f"{term}: no English rdfs:comment")
    assert problems == []


def test_every_class_and_property_is_aligned_to_a_shared_vocabulary(onto: Graph) -> None:
    def external(node: object) -> bool:
        return isinstance(node, URIRef) and not str(node).startswith(NS)

    unaligned = []
    for term in sorted(dco_terms(onto)):
        if (term, RDF.type, OWL.Class) in onto:
            links = [*onto.objects(term, RDFS.subClassOf), *onto.objects(term, SKOS.closeMatch)]
        elif (term, RDF.type, OWL.ObjectProperty) in onto or (term, RDF.type, OWL.DatatypeProperty) in onto:
            links = [*onto.objects(term, RDFS.subPropertyOf), *onto.objects(term, SKOS.closeMatch)]
        else:
            continue
        # A subclass counts as aligned through its parent.
        parents = [p for p in onto.objects(term, RDFS.subClassOf) if str(p).startswith(NS)]
        if not any(external(link) for link in links) and not parents:
            unaligned.append(term)
    assert unaligned == []


def test_cameo_codes_join_with_gdelt(onto: Graph) -> None:
    codes = {(s, str(o)) for s, o in onto.subject_objects(DCO.cameoCode)}
    assert all(re.fullmatch(r"[0-9]{2,4}", code) for _, code in codes)
    # Signing an agreement of any kind is CAMEO 057.
    agreement_kinds = [DCO.Agreement, *onto.subjects(RDFS.subClassOf, DCO.Agreement)]
    assert len(agreement_kinds) == 7
    for kind in agreement_kinds:
        assert (kind, "057") in codes, kind
    assert (DCO.Project, "061") in codes
    assert (DCO.funder, "071") in codes


def test_schema_org_is_referenced_over_http(onto: Graph) -> None:
    iris = {str(node) for triple in onto for node in triple if isinstance(node, URIRef)}
    assert not any(iri.startswith("https://schema.org/") for iri in iris)
    assert "http://schema.org/Organization" in iris


# ---------------------------------------------------------------------------------------------
# Consistency under OWL RL
# ---------------------------------------------------------------------------------------------


def contradictions(graph: Graph) -> list[str]:
    """What an OWL RL closure of ``graph`` finds wrong (the graph is expanded in place)."""
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    found = [str(m) for m in graph.objects(None, ERRORS.error)]
    found += [f"{s} is owl:Nothing" for s in graph.subjects(RDF.type, OWL.Nothing)]
    return sorted(found)


def test_owl_rl_closure_of_ontology_and_themes_adds_no_contradiction() -> None:
    graph = Graph()
    graph += ontology_graph()
    assert contradictions(graph) == []


def test_owl_rl_closure_over_example_data_adds_no_contradiction() -> None:
    # The conforming examples use every class and property the way digicoop data does.
    graph = Graph()
    graph += ontology_graph()
    for path in sorted(CASES.glob("*/valid.ttl")):
        graph.parse(path, format="turtle")
    assert contradictions(graph) == []


@pytest.mark.slow
def test_owl_rl_closure_over_reference_data_adds_no_contradiction() -> None:
    if not reference_files():
        pytest.skip("ontology/reference/ holds no Turtle yet")
    graph = Graph()
    graph += ontology_graph()
    graph += reference_graph()
    assert contradictions(graph) == []


def test_contradiction_check_sees_a_planted_contradiction() -> None:
    graph = Graph()
    graph += ontology_graph()
    graph.add((DCO.Person, OWL.disjointWith, DCO.Organization))
    both = URIRef("https://w3id.org/digicoop/id/person/test")
    graph.add((both, RDF.type, DCO.Person))
    graph.add((both, RDF.type, DCO.Company))
    assert contradictions(graph) != []


# ---------------------------------------------------------------------------------------------
# Themes
# ---------------------------------------------------------------------------------------------

SCHEME = URIRef(THEME)


def concept(slug: str) -> URIRef:
    return URIRef(THEME + slug)


def normalize(label: str) -> str:
    return " ".join(label.casefold().split())


def test_every_theme_slug_exists_in_the_scheme(themes: Graph) -> None:
    declared = {str(c)[len(THEME) :] for c in themes.subjects(RDF.type, SKOS.Concept)}
    assert declared == set(THEME_SLUGS)
    for slug in THEME_SLUGS:
        assert (concept(slug), SKOS.inScheme, SCHEME) in themes


@pytest.mark.parametrize("slug", THEME_SLUGS)
def test_theme_has_one_preferred_label_per_language_and_definitions(themes: Graph, slug: str) -> None:
    assert sorted(languages(themes, concept(slug), SKOS.prefLabel)) == ["en", "ko"]
    assert {"en", "ko"} <= set(languages(themes, concept(slug), SKOS.definition))
    alt = languages(themes, concept(slug), SKOS.altLabel)
    assert alt.count("en") >= 3 and alt.count("ko") >= 3


def test_no_label_belongs_to_two_themes(themes: Graph) -> None:
    owners: dict[str, set[str]] = {}
    for predicate in (SKOS.prefLabel, SKOS.altLabel):
        for subject, label in themes.subject_objects(predicate):
            if (subject, RDF.type, SKOS.Concept) in themes:
                owners.setdefault(normalize(str(label)), set()).add(str(subject))
    assert {label: sorted(s) for label, s in owners.items() if len(s) > 1} == {}


def test_top_concepts_and_broader_links_are_coherent(themes: Graph) -> None:
    top = set(themes.objects(SCHEME, SKOS.hasTopConcept))
    assert top == set(themes.subjects(SKOS.topConceptOf, SCHEME))
    for narrower, broader in themes.subject_objects(SKOS.broader):
        assert (broader, RDF.type, SKOS.Concept) in themes
        assert narrower not in top
    # Every concept is reachable from the top.
    for slug in THEME_SLUGS:
        assert concept(slug) in top or themes.value(concept(slug), SKOS.broader) in top


@pytest.mark.parametrize(
    ("spelling", "slug"),
    [
        ("스마트시티", "smart-city"),
        ("스마트 시티", "smart-city"),
        ("스마트도시", "smart-city"),
        ("smart city", "smart-city"),
        ("smart cities", "smart-city"),
        ("smart-city", "smart-city"),
        ("전자정부", "e-government"),
        ("e-government", "e-government"),
        ("e-gov", "e-government"),
        ("digital government", "e-government"),
        ("디지털정부", "e-government"),
        ("정보격차", "digital-inclusion"),
        ("digital divide", "digital-inclusion"),
        ("broadband", "connectivity"),
        ("초고속", "connectivity"),
        ("기가", "connectivity"),
        ("인터넷", "connectivity"),
        ("인공지능", "ai"),
        ("AI", "ai"),
        ("artificial intelligence", "ai"),
        ("나라장터", "e-procurement"),
        ("지능형교통체계", "smart-transport"),
        ("원격의료", "telemedicine"),
        ("스마트팜", "smart-farming"),
        ("사이버보안", "cybersecurity"),
        ("빅데이터", "data"),
        ("5G", "5g"),
        ("메타버스", "ar-vr"),
    ],
)
def test_press_spellings_meet_in_one_theme(themes: Graph, spelling: str, slug: str) -> None:
    matches = {
        subject
        for predicate in (SKOS.prefLabel, SKOS.altLabel)
        for subject, label in themes.subject_objects(predicate)
        if normalize(str(label)) == normalize(spelling)
    }
    assert matches == {concept(slug)}


def test_labels_are_tagged_by_script(themes: Graph) -> None:
    hangul = re.compile(r"[\uac00-\ud7a3]")
    wrong = [
        str(label)
        for predicate in (SKOS.prefLabel, SKOS.altLabel)
        for label in themes.objects(None, predicate)
        if isinstance(label, Literal) and (label.language == "ko") != bool(hangul.search(str(label)))
    ]
    assert wrong == []


def test_no_blank_theme_nodes(themes: Graph) -> None:
    assert not any(isinstance(s, BNode) for s in themes.subjects(RDF.type, SKOS.Concept))
