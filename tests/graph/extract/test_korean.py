"""Korean extraction, one rule family at a time, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

from graph.extract.korean import extract_korean
from graph.model import Article, Extraction, Organization

PUBLISHED = date(2024, 3, 20)


def run(text: str, published: date = PUBLISHED) -> Extraction:
    return extract_korean(Article(text=text, title=text.split("\n")[0], language="ko", published=published))


def org(ex: Extraction, name: str) -> Organization:
    found = [o for o in ex.organizations if name in o.names]
    assert len(found) == 1, [o.names for o in ex.organizations]
    return found[0]


def test_an_alias_in_brackets_names_one_organization() -> None:
    ex = run("한국국제협력단(KOICA·코이카)은 몽골 정부와 협력한다. 코이카는 올해 사업을 늘린다.")
    koica = org(ex, "KOICA")
    assert {"한국국제협력단", "KOICA", "코이카"} <= set(koica.names)
    assert koica.kind == "government" and koica.country == "KR"


def test_a_foreign_ministry_keeps_its_country_in_its_name() -> None:
    ex = run("한국인터넷진흥원은 지난 5일 케냐 정보통신부와 사이버보안 협력 양해각서를 맺었다고 7일 밝혔다.")
    kenya = org(ex, "케냐 정보통신부")
    assert kenya.country == "KE"
    (agreement,) = ex.agreements
    assert set(agreement.parties) == {org(ex, "한국인터넷진흥원").key, kenya.key}
    assert agreement.kind == "mou" and agreement.date == "2024-03-05"  # not the 7th, when it was announced


def test_a_planned_signing_is_not_an_agreement() -> None:
    ex = run("한국수자원공사는 다음 달 필리핀 수자원청과 스마트 물관리 업무협약을 체결할 예정이다.")
    assert ex.agreements == []


def test_each_signer_gets_its_own_agreement() -> None:
    ex = run("구글과 애플도 같은 날 세계은행과 각각 양해각서를 맺었다.")
    bank = org(ex, "세계은행").key
    pairs = {frozenset(a.parties) for a in ex.agreements}
    assert pairs == {frozenset({org(ex, "구글").key, bank}), frozenset({org(ex, "애플").key, bank})}


def test_a_country_that_signs_is_its_government() -> None:
    ex = run("우리나라는 최근 칠레와 전자정부 협력 양해각서를 체결하는 등 협력을 넓히고 있다.")
    (agreement,) = ex.agreements
    names = {tuple(o.names) for o in ex.organizations if o.key in agreement.parties}
    assert names == {("우리나라",), ("칠레",)}


def test_a_workshop_range_with_co_hosts_and_a_venue() -> None:
    ex = run(
        "행정안전부는 세계은행과 공동으로 5월 13일부터 16일까지 부산 벡스코에서 '디지털정부 워크숍'을 "
        "개최한다고 20일 밝혔다."
    )
    (event,) = ex.events
    assert event.kind == "workshop" and event.name == "디지털정부 워크숍"
    assert (event.start, event.end) == ("2024-05-13", "2024-05-16")
    assert set(event.organizers) == {org(ex, "행정안전부").key, org(ex, "세계은행").key}
    venue = next(s for s in ex.sites if s.key in event.venues)
    assert "벡스코" in venue.names[0]


def test_a_recurring_series_is_not_one_event() -> None:
    ex = run("행정안전부는 2017년부터 매년 스마트시티 워크숍을 개최해 왔다.")
    assert ex.events == []


def test_a_person_with_organization_and_title() -> None:
    ex = run('김민준 코이카 르완다 사무소장은 "현지 정부와 협력하겠다"고 말했다.')
    (person,) = ex.people
    assert person.name == "김민준" and person.role == "르완다 사무소장"
    office = next(o for o in ex.organizations if o.key == person.affiliation)
    assert "르완다 사무소" in office.names and office.part_of == org(ex, "코이카").key


def test_a_named_project_with_its_operator_and_start() -> None:
    ex = run("한국지능정보사회진흥원은 2018년 '라오스 전자정부 센터 구축 사업'을 시작했다.")
    (project,) = ex.projects
    assert project.names == ["라오스 전자정부 센터 구축 사업"]
    assert project.operators == [org(ex, "한국지능정보사회진흥원").key]
    assert project.start == "2018"


def test_a_generic_kind_of_work_is_not_a_project() -> None:
    ex = run("두 기관은 교육 프로그램 운영과 해외 사업 발굴에 힘을 모으기로 했다.")
    assert ex.projects == []


def test_an_address_nests_places() -> None:
    ex = run("KT는 전라남도 신안군 임자도에 기가 인프라를 구축했다.")
    by_name = {s.names[0]: s for s in ex.sites}
    assert by_name["임자도"].within == by_name["신안군"].key
    assert by_name["신안군"].within == by_name["전라남도"].key


def test_a_country_list_in_a_footnote_gives_participants() -> None:
    ex = run(
        "과학기술정보통신부는 오는 4월 2일 아시아 5개국*이 참여하는 디지털 포럼을 개최한다.\n\n"
        "* 라오스, 캄보디아, 몽골, 네팔, 스리랑카"
    )
    (event,) = ex.events
    assert set(event.participant_countries) == {"LA", "KH", "MN", "NP", "LK"}
    assert event.start == "2024-04-02"


def test_a_word_inside_another_name_is_not_a_country() -> None:
    ex = run("KT는 임자 기가 아일랜드를 열었다.")
    assert [c.code for c in ex.countries] == []
