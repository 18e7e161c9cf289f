"""The name index the extractors link against: lookups and scanning Korean and English text."""

from __future__ import annotations

import time

import pytest
from rdflib import Graph

import ontology
from graph.gazetteer import COMMON_WORDS, Entry, Gazetteer, build_gazetteer, load_gazetteer, normalize

ORG = ontology.ID + "org/"
SITE = ontology.ID + "site/"
COUNTRY = ontology.ID + "country/"


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return load_gazetteer()


def spans(gz: Gazetteer, text: str, category: str | None = None) -> list[tuple[str, str]]:
    """What a reader sees: each matched piece of text and the slug of the entity it names."""
    return [(text[s:e], entry.iri.rsplit("/", 1)[1]) for s, e, entry in gz.find_all(text, category)]


# ---- normalize and lookup ----


def test_normalize_ignores_case_width_spaces_and_punctuation() -> None:
    assert normalize("U.N.") == normalize("UN") == "un"
    assert normalize("World  Bank") == normalize("world-bank") == "worldbank"
    assert normalize("ＫＴ") == "kt"
    assert normalize("한·아세안 센터") == "한아세안센터"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("키르기즈스탄", "KG"),
        ("튀르키예", "TR"),
        ("북한", "KP"),
        ("남아공", "ZA"),
        ("우리나라", "KR"),
        ("대한민국", "KR"),
        ("Republic of Korea", "KR"),
        ("Viet Nam", "VN"),
        ("콩고 민주 공화국", "CD"),
    ],
)
def test_country_names_resolve_to_codes(gz: Gazetteer, name: str, code: str) -> None:
    found = gz.lookup(name, "country")
    assert [e.country for e in found] == [code]
    assert found[0].kind == "country"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("행안부", "mois"),
        ("행정안전부", "mois"),
        ("세계은행", "world-bank"),
        ("월드뱅크", "world-bank"),
        ("국제이주기구", "iom"),
        ("WeGo", "wego"),
        ("WeGO", "wego"),
        ("코이카", "koica"),
        ("KOICA", "koica"),
        ("과기정통부", "msit"),
        ("NIA", "nia"),
        ("성균관대", "skku"),
    ],
)
def test_organization_names_resolve(gz: Gazetteer, name: str, slug: str) -> None:
    found = gz.lookup(name, "organization")
    assert found, name
    assert found[0].iri == ORG + slug


def test_the_current_body_comes_before_its_namesakes(gz: Gazetteer) -> None:
    # 행정안전부 was also the name from 2008 to 2013, and 행정자치부 twice.
    assert [e.iri for e in gz.lookup("행정안전부")] == [ORG + "mois", ORG + "mopas"]
    assert [e.iri for e in gz.lookup("행정자치부")] == [ORG + "moi", ORG + "mogaha"]


def test_category_separates_a_city_from_its_government(gz: Gazetteer) -> None:
    assert [e.category for e in gz.lookup("서울특별시")] == ["organization", "site"]
    assert [e.iri for e in gz.lookup("서울특별시", "site")] == [SITE + "seoul"]
    assert gz.lookup("서울특별시", "organization")[0].kind == "local_government"
    assert gz.lookup("세계은행", "country") == []
    assert gz.lookup("no such body anywhere") == []


def test_entries_carry_what_the_extractor_needs(gz: Gazetteer) -> None:
    kr = gz.country("kr")
    assert kr is not None and kr.iri == COUNTRY + "KR"
    assert kr.name_ko == "대한민국" and kr.name_en == "South Korea"
    assert {"한국", "우리나라", "Korea"} <= set(kr.names)
    assert {"Korean", "South Korean"} <= set(kr.demonyms)

    itu = gz.lookup("ITU")[0]
    assert (itu.kind, itu.part_of, itu.country) == ("international", ORG + "un", None)
    assert "ITU" in itu.acronyms and "ITU" in itu.names

    kt = gz.by_iri(ORG + "kt")
    assert kt is not None and (kt.kind, kt.country, kt.name_ko) == ("company", "KR", "케이티")

    imjado = gz.lookup("임자도", "site")[0]
    assert (imjado.kind, imjado.within, imjado.country) == ("island", SITE + "sinan", "KR")
    assert gz.by_iri(ORG + "nowhere") is None
    assert gz.country("XX") is None


def test_names_lists_every_surface_name(gz: Gazetteer) -> None:
    pairs = list(gz.names())
    assert len({e.iri for _, e in pairs if e.category == "country"}) == 249
    assert len({e.iri for _, e in pairs if e.category == "organization"}) >= 150
    assert ("KOICA", gz.by_iri(ORG + "koica")) in pairs
    assert all(e.category == "site" for _, e in gz.names("site"))
    for name, entry in pairs:
        assert entry in gz.lookup(name), name


# ---- find_all ----


def test_korean_names_with_particles(gz: Gazetteer) -> None:
    text = "KT가 국제이주기구(IOM)와 손잡고 세계은행과 함께 키르기즈스탄에서 사업을 벌인다고 행안부는 밝혔다."
    assert spans(gz, text) == [
        ("KT", "kt"),
        ("국제이주기구", "iom"),
        ("IOM", "iom"),
        ("세계은행", "world-bank"),
        ("키르기즈스탄", "KG"),
        ("행안부", "mois"),
    ]


def test_offsets_point_into_the_text(gz: Gazetteer) -> None:
    text = "오늘 코이카와 르완다 정부가 협약을 맺었다."
    found = gz.find_all(text)
    assert [(s, e) for s, e, _ in found] == [(3, 6), (8, 11)]
    assert [text[s:e] for s, e, _ in found] == ["코이카", "르완다"]
    assert isinstance(found[0][2], Entry)


def test_short_korean_names_do_not_match_inside_other_words(gz: Gazetteer) -> None:
    # 인도 (India) inside a verb, 가나 (Ghana) inside 가나다, 한국 inside 한국어 or an agency's name
    text = "물품을 인도했다. 가나다 순서로 적었다. 한국어 교육은 한국정보화진흥원이 맡았다."
    assert spans(gz, text) == [("한국정보화진흥원", "nia-2009")]
    assert spans(gz, "가나와 인도에 사무소를 열었다", "country") == [("가나", "GH"), ("인도", "IN")]


def test_a_long_korean_name_may_sit_inside_a_word(gz: Gazetteer) -> None:
    assert spans(gz, "주베트남 대사관과 주페루 대사관", "country") == [("베트남", "VN"), ("페루", "PE")]
    assert spans(gz, "행정안전부장관이 참석했다") == [("행정안전부", "mois")]


def test_latin_names_match_whole_words_only(gz: Gazetteer) -> None:
    text = "UNESCO and the UN will run a programme; unesco staff joined. The UNDP office is in Geneva."
    assert spans(gz, text) == [
        ("UNESCO", "unesco"),
        ("UN", "un"),
        ("unesco", "unesco"),
        ("UNDP", "undp"),
        ("Geneva", "geneva"),
    ]


def test_capitalized_names_keep_their_capital(gz: Gazetteer) -> None:
    assert spans(gz, "a turkey dinner in Turkey, a jersey from Jersey") == [
        ("Turkey", "TR"),
        ("Jersey", "JE"),
    ]
    assert spans(gz, "Unesco and the world bank") == [("Unesco", "unesco")]


def test_common_korean_words_are_not_countries_in_text(gz: Gazetteer) -> None:
    assert spans(gz, "협력 수단으로 쓰고 조선 산업을 살린다", "country") == []
    assert [e.country for e in gz.lookup("수단")] == ["SD"]
    assert [e.country for e in gz.lookup("조선")] == ["KP"]
    assert spans(gz, "남수단과 수단 공화국", "country") == [("남수단", "SS"), ("수단 공화국", "SD")]


def test_short_latin_names_are_case_sensitive(gz: Gazetteer) -> None:
    assert spans(gz, "Intel said its apple-shaped intel unit and the un report ...") == [("Intel", "intel")]
    assert spans(gz, "KT's network and kt") == [("KT", "kt")]


def test_longest_match_wins(gz: Gazetteer) -> None:
    text = "The Korea International Cooperation Agency (KOICA) works with the World Bank Group in Korea."
    assert spans(gz, text) == [
        ("Korea International Cooperation Agency", "koica"),
        ("KOICA", "koica"),
        ("World Bank Group", "world-bank"),
        ("Korea", "KR"),
    ]


def test_a_name_inside_a_longer_name_is_not_found_by_category(gz: Gazetteer) -> None:
    text = "Korea University and Telkom Indonesia met officials from Korea and Indonesia."
    assert spans(gz, text, "country") == [("Korea", "KR"), ("Indonesia", "ID")]
    assert spans(gz, text, "organization") == [
        ("Korea University", "korea-university"),
        ("Telkom Indonesia", "telkom-indonesia"),
    ]
    assert spans(gz, "베트남우정통신그룹과 베트남 정부", "country") == [("베트남", "VN")]


def test_spacing_may_differ_from_the_name(gz: Gazetteer) -> None:
    assert spans(gz, "콩고민주공화국과 콩고 민주 공화국", "country") == [
        ("콩고민주공화국", "CD"),
        ("콩고 민주 공화국", "CD"),
    ]
    assert spans(gz, "the World\n  Bank and the Asian Development  Bank") == [
        ("World\n  Bank", "world-bank"),
        ("Asian Development  Bank", "adb"),
    ]


def test_demonyms_name_their_country(gz: Gazetteer) -> None:
    text = "The Rwandan government met Korean and Peruvian officials."
    found = gz.find_all(text, "country")
    assert [(text[s:e], entry.country) for s, e, entry in found] == [
        ("Rwandan", "RW"),
        ("Korean", "KR"),
        ("Peruvian", "PE"),
    ]
    assert all(text[s:e] in entry.demonyms for s, e, entry in found)


def test_category_filter_and_containment(gz: Gazetteer) -> None:
    text = "전라남도 신안군 임자도에 기가 아일랜드가 생겼다."
    assert spans(gz, text, "site") == [("전라남도", "jeonnam"), ("신안군", "sinan"), ("임자도", "imjado")]
    by_slug = {slug: gz.by_iri(SITE + slug) for slug in ("imjado", "sinan")}
    assert by_slug["imjado"] and by_slug["imjado"].within == SITE + "sinan"
    assert by_slug["sinan"] and by_slug["sinan"].within == SITE + "jeonnam"


def test_every_name_is_found_on_its_own(gz: Gazetteer) -> None:
    for name, entry in gz.names():
        if name in COMMON_WORDS:
            continue
        found = gz.find_all(name)
        assert len(found) == 1 and found[0][:2] == (0, len(name)), name
        assert normalize(name) in {normalize(n) for n in found[0][2].names}, (name, entry.iri)


def test_empty_and_odd_text(gz: Gazetteer) -> None:
    assert gz.find_all("") == []
    assert gz.find_all("   \n\t") == []
    # İ lower-cases to two characters; offsets must still index the text as given
    assert spans(gz, "İSTANBUL İstanbul UN") == [
        ("İSTANBUL", "istanbul"),
        ("İstanbul", "istanbul"),
        ("UN", "un"),
    ]
    assert gz.find_all("İstanbul UN")[1] == (9, 11, gz.lookup("UN")[0])


# ---- a gazetteer over any graph ----

TINY = """
@prefix dco: <https://w3id.org/digicoop/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/digicoop/id/org/old> a dco:GovernmentAgency ;
    skos:prefLabel "시험부"@ko, "Ministry of Tests"@en ; dco:acronym "MOT" ;
    dco:validTo "2001"^^xsd:gYear ; dco:successor <https://w3id.org/digicoop/id/org/new> .
<https://w3id.org/digicoop/id/org/new> a dco:GovernmentAgency ;
    skos:prefLabel "시험부"@ko, "Ministry of Trials"@en ; skos:altLabel "MOT"@en .
"""


def test_build_from_any_graph_ranks_current_bodies_and_preferred_names_first() -> None:
    tiny = build_gazetteer(Graph().parse(data=TINY, format="turtle"))
    assert [e.iri.rsplit("/", 1)[1] for e in tiny.lookup("시험부")] == ["new", "old"]
    # an acronym outranks an alternative label, whatever the dates
    assert [e.iri.rsplit("/", 1)[1] for e in tiny.lookup("MOT")] == ["old", "new"]
    assert [(s, e) for s, e, _ in tiny.find_all("시험부는 MOT와")] == [(0, 3), (5, 8)]


# ---- speed ----


def test_loads_and_scans_quickly() -> None:
    started = time.perf_counter()
    fresh = build_gazetteer(ontology.reference_graph())
    built = time.perf_counter() - started
    sentence = "행정안전부와 KOICA는 르완다 키갈리에서 세계은행, UNDP와 함께 전자정부 워크숍을 열었다. "
    text = (sentence * 60)[:5000]
    started = time.perf_counter()
    found = fresh.find_all(text)
    scanned = time.perf_counter() - started
    assert len(found) > 300
    assert built < 2.0, f"building the gazetteer took {built:.2f}s"
    assert scanned < 0.2, f"scanning 5,000 characters took {scanned:.3f}s"
