"""The reference data: countries, organizations and sites as the knowledge graph holds them."""

from __future__ import annotations

import importlib.util
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

import ontology

DCO = Namespace(ontology.NS)
ORG = ontology.ID + "org/"
SITE = ontology.ID + "site/"
COUNTRY = ontology.ID + "country/"
ROOT = Path(__file__).resolve().parents[2]
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
ORG_CLASSES = [
    DCO.Company,
    DCO.GovernmentAgency,
    DCO.LocalGovernment,
    DCO.InternationalOrganization,
    DCO.NGO,
    DCO.ResearchInstitute,
    DCO.University,
    DCO.Organization,
]
SITE_CLASSES = [DCO.Region, DCO.City, DCO.County, DCO.Island, DCO.District, DCO.Venue, DCO.Building, DCO.Site]


@pytest.fixture(scope="module")
def ref() -> Graph:
    return ontology.reference_graph()


def subjects_of(graph: Graph, classes: list[URIRef]) -> set[URIRef]:
    return {s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}


def orgs(graph: Graph) -> set[URIRef]:
    return subjects_of(graph, ORG_CLASSES)


def sites(graph: Graph) -> set[URIRef]:
    return subjects_of(graph, SITE_CLASSES)


def countries(graph: Graph) -> set[URIRef]:
    return subjects_of(graph, [DCO.Country])


def pref(graph: Graph, subject: URIRef, lang: str) -> str | None:
    for label in graph.objects(subject, SKOS.prefLabel):
        if isinstance(label, Literal) and label.language == lang:
            return str(label)
    return None


def by_label(graph: Graph, name: str) -> set[str]:
    """IRIs of every entity with ``name`` among its labels, in any language."""
    found = set()
    for lang in ("ko", "en"):
        found |= {str(s) for s in graph.subjects(RDFS.label, Literal(name, lang=lang))}
    return found


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---- countries ----


def test_all_249_iso_countries_with_codes(ref: Graph) -> None:
    found = countries(ref)
    assert len(found) == 249
    for country in found:
        code = str(ref.value(country, DCO.isoAlpha2))
        assert str(country) == COUNTRY + code
        assert re.fullmatch(r"[A-Z]{3}", str(ref.value(country, DCO.isoAlpha3)))
        assert re.fullmatch(r"[0-9]{3}", str(ref.value(country, DCO.isoNumeric)))
    assert str(ref.value(URIRef(COUNTRY + "KR"), DCO.isoNumeric)) == "410"
    assert str(ref.value(URIRef(COUNTRY + "AF"), DCO.isoNumeric)) == "004"


def test_countries_file_is_what_the_generator_writes() -> None:
    gen = load_script("gen_countries")
    assert gen.main(["--check"]) == 0, "countries.ttl is stale: run python scripts/gen_countries.py"
    assert gen.render() == gen.render()


def test_alias_table_rejects_unknown_codes(tmp_path: Path) -> None:
    gen = load_script("gen_countries")
    bad = tmp_path / "aliases.tsv"
    bad.write_text("XX\talt\tNowhere\n", encoding="utf-8")
    with pytest.raises(ValueError, match="XX"):
        gen.read_aliases(bad)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("키르기즈스탄", "KG"),
        ("키르기스스탄", "KG"),
        ("튀르키예", "TR"),
        ("터키", "TR"),
        ("북한", "KP"),
        ("남아공", "ZA"),
        ("우리나라", "KR"),
        ("대한민국", "KR"),
        ("한국", "KR"),
        ("대만", "TW"),
        ("라오스", "LA"),
        ("탄자니아", "TZ"),
        ("동티모르", "TL"),
        ("콩고민주공화국", "CD"),
        ("보츠나와", "BW"),
        ("베닌", "BJ"),
        ("스와질란드", "SZ"),
        ("Viet Nam", "VN"),
        ("Türkiye", "TR"),
        ("Ivory Coast", "CI"),
    ],
)
def test_press_names_of_countries(ref: Graph, name: str, code: str) -> None:
    assert by_label(ref, name) == {COUNTRY + code}


def test_country_preferred_names(ref: Graph) -> None:
    kr, kp, tw = URIRef(COUNTRY + "KR"), URIRef(COUNTRY + "KP"), URIRef(COUNTRY + "TW")
    assert pref(ref, kr, "en") == "South Korea"
    assert pref(ref, kr, "ko") == "대한민국"
    assert pref(ref, kp, "ko") == "북한"
    assert pref(ref, tw, "ko") == "대만"
    assert Literal("Republic of Korea", lang="en") in set(ref.objects(kr, SKOS.altLabel))


def test_demonyms_for_many_countries(ref: Graph) -> None:
    with_demonym = {s for s in countries(ref) if (s, DCO.demonym, None) in ref}
    assert len(with_demonym) >= 120
    for code, demonym in [("KR", "Korean"), ("NG", "Nigerian"), ("RW", "Rwandan"), ("PE", "Peruvian")]:
        assert Literal(demonym, lang="en") in set(ref.objects(URIRef(COUNTRY + code), DCO.demonym))


# ---- names of every entity ----


def test_every_country_and_organization_has_korean_and_english_names(ref: Graph) -> None:
    for subject in countries(ref) | orgs(ref) | sites(ref):
        ko, en = pref(ref, subject, "ko"), pref(ref, subject, "en")
        assert ko and HANGUL.search(ko), f"{subject} has no Korean preferred name"
        assert en and not HANGUL.search(en), f"{subject} has no English preferred name"


def test_labels_are_tagged_by_script(ref: Graph) -> None:
    for predicate in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
        for subject, label in ref.subject_objects(predicate):
            assert isinstance(label, Literal)
            expected = "ko" if HANGUL.search(str(label)) else "en"
            assert label.language == expected, f"{subject}: {label!r} should be @{expected}"


def test_every_name_is_an_rdfs_label(ref: Graph) -> None:
    for subject in orgs(ref) | sites(ref) | countries(ref):
        labels = {str(label) for label in ref.objects(subject, RDFS.label)}
        names = {
            str(n) for p in (SKOS.prefLabel, SKOS.altLabel, DCO.acronym) for n in ref.objects(subject, p)
        }
        assert names <= labels, f"{subject}: {names - labels} are not rdfs:labels"
        acronyms = {str(a) for a in ref.objects(subject, DCO.acronym)}
        alts = {str(a) for a in ref.objects(subject, SKOS.altLabel)} | {
            str(p) for p in ref.objects(subject, SKOS.prefLabel)
        }
        assert acronyms <= alts


# ---- organizations ----

REQUIRED_ORGS = [
    "un",
    "itu",
    "undp",
    "unesco",
    "un-habitat",
    "escap",
    "apcict",
    "iom",
    "unicef",
    "who",
    "fao",
    "unido",
    "world-bank",
    "ifc",
    "adb",
    "afdb",
    "idb",
    "aiib",
    "ebrd",
    "oecd",
    "oecd-dac",
    "wego",
    "apt",
    "asean",
    "apec",
    "cis",
    "eu",
    "european-commission",
    "pif",
    "gsma",
    "icann",
    "mois",
    "mospa",
    "moi",
    "mopas",
    "msit",
    "msip",
    "kcc",
    "mke",
    "mic",
    "mofa",
    "mofat",
    "moef",
    "molit",
    "motie",
    "pps",
    "naacc",
    "koica",
    "nia",
    "nia-2009",
    "kisa",
    "kotra",
    "keris",
    "iitp",
    "nipa",
    "kisdi",
    "krihs",
    "lh",
    "k-water",
    "korea-expressway",
    "lx",
    "kexim",
    "edcf",
    "president-office",
    "kt",
    "skt",
    "sk",
    "sk-cc",
    "lg",
    "lg-cns",
    "lg-uplus",
    "samsung-electronics",
    "samsung-sds",
    "naver",
    "naver-cloud",
    "naver-labs",
    "kakao",
    "posco",
    "kepco",
    "microsoft",
    "intel",
    "google",
    "apple",
    "amazon",
    "aws",
    "huawei",
    "ericsson",
    "nokia",
    "cisco",
    "ibm",
    "openai",
    "telkom-indonesia",
    "viettel",
    "kaist",
    "snu",
    "skku",
    "yonsei",
    "korea-university",
    "etri",
    "kdi",
    "smart-cities-council",
]


def test_at_least_150_organizations_including_the_field_regulars(ref: Graph) -> None:
    found = {str(o) for o in orgs(ref)}
    assert len(found) >= 150
    missing = [slug for slug in REQUIRED_ORGS if ORG + slug not in found]
    assert not missing


def test_each_organization_has_one_kind(ref: Graph) -> None:
    for org in orgs(ref):
        kinds = [c for c in ORG_CLASSES if (org, RDF.type, c) in ref]
        assert len(kinds) == 1, f"{org} has kinds {kinds}"
        assert str(org).startswith(ORG)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("행안부", "mois"),
        ("MOIS", "mois"),
        ("안전행정부", "mospa"),
        ("과기정통부", "msit"),
        ("미래부", "msip"),
        ("방통위", "kcc"),
        ("외교통상부", "mofat"),
        ("세계은행", "world-bank"),
        ("월드뱅크", "world-bank"),
        ("국제이주기구", "iom"),
        ("WeGo", "wego"),
        ("세계스마트시티기구", "wego"),
        ("코이카", "koica"),
        ("한국국제협력단", "koica"),
        ("한국정보화진흥원", "nia-2009"),
        ("행복청", "naacc"),
        ("대외경제협력기금", "edcf"),
        ("독립국가연합", "cis"),
        ("성균관대학교", "skku"),
        ("Sungkyunkwan University", "skku"),
        ("오픈AI", "openai"),
        ("케이티", "kt"),
    ],
)
def test_organization_names(ref: Graph, name: str, slug: str) -> None:
    assert ORG + slug in by_label(ref, name)


def test_international_organizations_have_no_home_country(ref: Graph) -> None:
    for org in ref.subjects(RDF.type, DCO.InternationalOrganization):
        assert ref.value(org, DCO.homeCountry) is None, org
    korean = ["mois", "msit", "koica", "nia", "kt", "lh", "kaist", "seoul-mg"]
    for slug in korean:
        assert ref.value(URIRef(ORG + slug), DCO.homeCountry) == URIRef(COUNTRY + "KR"), slug


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        ("itu", "un"),
        ("undp", "un"),
        ("unesco", "un"),
        ("un-habitat", "un"),
        ("escap", "un"),
        ("apcict", "escap"),
        ("edcf", "kexim"),
        ("oecd-dac", "oecd"),
        ("naver-cloud", "naver"),
        ("naver-labs", "naver"),
    ],
)
def test_part_of(ref: Graph, child: str, parent: str) -> None:
    assert ref.value(URIRef(ORG + child), DCO.partOf) == URIRef(ORG + parent)


def test_wikidata_iris_are_well_formed_and_match_same_as(ref: Graph) -> None:
    seen: dict[str, object] = {}
    for org, value in ref.subject_objects(DCO.wikidata):
        assert isinstance(value, Literal)
        assert re.fullmatch(r"http://www\.wikidata\.org/entity/Q[1-9][0-9]*", str(value)), value
        assert (org, OWL.sameAs, URIRef(str(value))) in ref
        assert str(value) not in seen, f"{org} and {seen[str(value)]} share {value}"
        seen[str(value)] = org
    for org, same in ref.subject_objects(OWL.sameAs):
        assert str(ref.value(org, DCO.wikidata)) == str(same)
    assert ref.value(URIRef(ORG + "un"), DCO.wikidata) == Literal(
        "http://www.wikidata.org/entity/Q1065", datatype=URIRef("http://www.w3.org/2001/XMLSchema#anyURI")
    )


def test_predecessor_and_successor_are_symmetric(ref: Graph) -> None:
    pairs = set(ref.subject_objects(DCO.predecessor))
    inverse = {(b, a) for a, b in ref.subject_objects(DCO.successor)}
    assert pairs
    assert pairs == inverse


def test_renamed_bodies_follow_each_other_in_time(ref: Graph) -> None:
    def year(org: Node, prop: URIRef) -> int | None:
        value = ref.value(org, prop)
        return int(str(value)[:4]) if value is not None else None

    for successor, predecessor in ref.subject_objects(DCO.predecessor):
        ended, began = year(predecessor, DCO.validTo), year(successor, DCO.validFrom)
        assert ended is not None and began is not None, (successor, predecessor)
        assert ended <= began
    chain = ["mogaha", "mopas", "mospa", "moi", "mois"]
    for earlier, later in itertools.pairwise(chain):
        assert (URIRef(ORG + later), DCO.predecessor, URIRef(ORG + earlier)) in ref
    for org in orgs(ref):
        start, end = year(org, DCO.validFrom), year(org, DCO.validTo)
        if start is not None and end is not None:
            assert start <= end, org


# ---- sites ----

KOREAN_DIVISIONS = {
    "서울특별시": "City",
    "부산광역시": "City",
    "대구광역시": "City",
    "인천광역시": "City",
    "광주광역시": "City",
    "대전광역시": "City",
    "울산광역시": "City",
    "세종특별자치시": "City",
    "경기도": "Region",
    "강원특별자치도": "Region",
    "충청북도": "Region",
    "충청남도": "Region",
    "전북특별자치도": "Region",
    "전라남도": "Region",
    "경상북도": "Region",
    "경상남도": "Region",
    "제주특별자치도": "Region",
}


def test_korean_first_level_divisions(ref: Graph) -> None:
    for name, kind in KOREAN_DIVISIONS.items():
        found = [s for s in by_label(ref, name) if s.startswith(SITE)]
        assert len(found) == 1, name
        site = URIRef(found[0])
        assert (site, RDF.type, DCO[kind]) in ref
        assert ref.value(site, DCO.inCountry) == URIRef(COUNTRY + "KR")
    for short in ["서울", "부산", "충북", "전남", "경남", "제주", "제주도", "전라북도", "강원도"]:
        assert any(s.startswith(SITE) for s in by_label(ref, short)), short


def test_containment_of_imjado(ref: Graph) -> None:
    imjado, sinan, jeonnam = (URIRef(SITE + s) for s in ("imjado", "sinan", "jeonnam"))
    assert (imjado, RDF.type, DCO.Island) in ref
    assert (sinan, RDF.type, DCO.County) in ref
    assert ref.value(imjado, DCO.within) == sinan
    assert ref.value(sinan, DCO.within) == jeonnam


def ancestors(graph: Graph, site: URIRef) -> Iterator[URIRef]:
    seen = {site}
    parent = graph.value(site, DCO.within)
    while isinstance(parent, URIRef):
        assert parent not in seen, f"containment cycle at {parent}"
        seen.add(parent)
        yield parent
        parent = graph.value(parent, DCO.within)


def test_sites_lie_in_the_country_of_their_container(ref: Graph) -> None:
    abroad = 0
    for site in sites(ref):
        country = ref.value(site, DCO.inCountry)
        for parent in ancestors(ref, site):
            parent_country = ref.value(parent, DCO.inCountry)
            if country is not None and parent_country is not None:
                assert country == parent_country, (site, parent)
        abroad += country is not None and country != URIRef(COUNTRY + "KR")
    assert abroad >= 20
    assert {str(s) for s in by_label(ref, "Kigali")} == {SITE + "kigali"}
    assert ref.value(URIRef(SITE + "kigali"), DCO.inCountry) == URIRef(COUNTRY + "RW")


def test_no_dangling_references(ref: Graph) -> None:
    known = set(ref.subjects(RDF.type, None))
    for predicate in (DCO.partOf, DCO.predecessor, DCO.successor, DCO.homeCountry, DCO.within, DCO.inCountry):
        for _, target in ref.subject_objects(predicate):
            assert target in known, f"{predicate} points to undefined {target}"


# ---- shapes ----


def validate(data: Graph) -> tuple[bool, str]:
    import pyshacl

    if not ontology.SHAPES.exists():
        pytest.skip(f"{ontology.SHAPES.name} is absent: the SHACL shapes have not been written yet")
    conforms, _, text = pyshacl.validate(
        data,
        shacl_graph=ontology.shapes_graph(),
        ont_graph=ontology.ontology_graph(),
        inference="rdfs",
        advanced=True,
        allow_warnings=True,
    )
    return bool(conforms), str(text)


@pytest.mark.slow
def test_reference_data_conforms_to_the_shapes(ref: Graph) -> None:
    conforms, text = validate(ref)
    assert conforms, text


@pytest.mark.slow
def test_a_broken_reference_record_is_caught() -> None:
    data = Graph()
    bad_org = URIRef(ORG + "broken")
    data.add((bad_org, RDF.type, DCO.Company))
    data.add((bad_org, RDFS.label, Literal("Broken Co.", lang="en")))
    data.add((bad_org, DCO.wikidata, Literal("Q42")))
    data.add((URIRef(COUNTRY + "kr"), RDF.type, DCO.Country))
    conforms, text = validate(data)
    assert not conforms
    assert "wikidata" in text
