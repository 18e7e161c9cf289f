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


def test_people_signing_give_date_and_place_to_the_agreement_already_read() -> None:
    ex = run(
        "제목\n\n한국조폐공사가 케냐 내무부와 신분증 발급 시스템 계약을 맺었다.\n\n"
        "한국조폐공사는 지난달 20일 나이로비에서 박영수 사장과 존 키마니 케냐 내무부 장관이 "
        "계약서에 서명했다고 8일 밝혔다.",
        published=date(2024, 1, 8),
    )
    (agreement,) = ex.agreements
    assert agreement.kind == "contract"
    assert set(agreement.parties) == {org(ex, "한국조폐공사").key, org(ex, "케냐 내무부").key}
    assert agreement.date == "2023-12-20"  # 지난달 in January is last December
    assert agreement.place is not None
    assert [s.names[0] for s in ex.sites if s.key == agreement.place] == ["나이로비"]


def test_a_signing_ceremony_sentence_gives_its_place() -> None:
    ex = run(
        "제목\n\n한국전력은 가나 에너지부, 세계은행과 전력망 현대화 협약을 체결했다고 3일 밝혔다.\n\n"
        "협약식은 지난달 28일 아크라 켐핀스키호텔에서 열렸으며 한국전력 사장, 가나 에너지부 장관, "
        "세계은행 국장이 협약서에 서명했다."
    )
    (agreement,) = ex.agreements
    assert agreement.date == "2024-02-28"
    assert agreement.place is not None


def test_countries_listed_as_taking_part_join_the_event_just_read() -> None:
    ex = run(
        "제목\n\n행정안전부는 오는 25일 서울에서 '디지털정부 연수'를 연다.\n\n"
        "이번 연수에는 가나, 케냐, 우간다 등 3개국 공무원 20명이 참가한다."
    )
    (event,) = ex.events
    assert set(event.participant_countries) == {"GH", "KE", "UG"}
    unnamed = run(
        "제목\n\n행정안전부는 오는 25일 서울에서 '디지털정부 연수'를 연다.\n\n"
        "가나, 케냐, 우간다 등 3개국 공무원 20명이 참석한다."
    )
    assert set(unnamed.events[0].participant_countries) == {"GH", "KE", "UG"}


def test_a_country_in_an_event_name_is_not_a_participant() -> None:
    ex = run("제목\n\n오는 25일 서울에서 '케냐 디지털 협력 포럼'이 열린다.")
    (event,) = ex.events
    assert event.participant_countries == []


def test_an_adopted_declaration_is_an_agreement_but_a_planned_one_is_not() -> None:
    ex = run("제목\n\n서울시와 자카르타시는 지난해 12월 스마트시티 협력 공동선언문을 채택했다.")
    (agreement,) = ex.agreements
    assert agreement.kind == "declaration" and agreement.date == "2023-12"
    assert len(agreement.parties) == 2
    planned = run("제목\n\n서울시와 자카르타시는 다음 달 스마트시티 협력 공동선언문을 채택할 예정이다.")
    assert planned.agreements == []


# --- Sites by suffix, venues abroad and names with short parts (helper_ko_ent) ---------------


def site(ex: Extraction, name: str):
    found = [s for s in ex.sites if name in s.names]
    assert len(found) == 1, [s.names for s in ex.sites]
    return found[0]


def test_suffix_named_islands_in_an_address_nest_in_their_province() -> None:
    ex = run("한국국제협력단은 인도네시아 말루쿠주 부루섬과 세람섬 등에 태양광 발전소를 세운다고 밝혔다.")
    province = site(ex, "말루쿠주")
    assert province.kind == "region" and province.country == "ID"
    for island in ("부루섬", "세람섬"):
        found = site(ex, island)
        assert found.kind == "island" and found.within == province.key and found.country == "ID"


def test_a_suffix_named_city_with_a_locative_takes_the_country_of_the_sentence() -> None:
    ex = run("행정안전부는 지난 5일 페루 아레키파시에서 전자정부 설명회를 열었다.")
    assert site(ex, "아레키파시").country == "PE"


def test_common_words_with_a_place_suffix_are_not_places() -> None:
    ex = run("코이카는 해당 섬에서 교육을 진행했다. 인근 섬과 각 시에서도 참여했다. 이번주에 결과를 낸다.")
    assert ex.sites == []


def test_a_venue_abroad_takes_the_country_of_its_city() -> None:
    ex = run("양측은 지난 3일 캄보디아 프놈펜 왕실궁에서 회의를 열었다.")
    venue = site(ex, "프놈펜 왕실궁")
    assert venue.country == "KH" and venue.within == site(ex, "프놈펜").key


def test_a_venue_word_before_a_noun_only_describes_it() -> None:
    ex = run("공사는 동남아시아 공항 시장을 넓히겠다고 밝혔다.")
    assert not any("공항" in n for s in ex.sites for n in s.names)


def test_names_with_one_syllable_parts_before_a_foreign_title() -> None:
    ex = run(
        "협약식에는 박정훈 KISA 원장과 쩐 반 꽝 베트남 정보통신부 차관, "
        "다나카 히로시 ADB 동아시아국장이 참석했다."
    )
    people = {p.name: p for p in ex.people}
    assert {"박정훈", "쩐 반 꽝", "다나카 히로시"} <= set(people)
    assert people["쩐 반 꽝"].affiliation == org(ex, "베트남 정보통신부").key
    assert people["박정훈"].affiliation == org(ex, "KISA").key


def test_a_modifier_before_a_title_is_not_a_name() -> None:
    ex = run("신임 KISA 원장과 현 베트남 정보통신부 차관이 만났다.")
    assert ex.people == []


def test_counted_premises_are_not_one_venue() -> None:
    ex = run("정보화진흥원은 라오스 비엔티안 주민센터 4곳에 키오스크를 설치한다.")
    assert not any("주민센터" in n for s in ex.sites for n in s.names)


def test_a_college_after_its_university_is_a_unit_of_a_university_named_after_a_place() -> None:
    ex = run(
        "코이카는 필리핀 민다나오주 다바오섬에서 사업을 한다. 교육은 민다나오주립대학교 공과대학이 맡는다."
    )
    university = org(ex, "민다나오주립대학교")
    college = org(ex, "공과대학")
    assert university.country == "PH" and college.part_of == university.key


def test_contact_and_attachment_lines_of_a_press_release_name_nothing() -> None:
    ex = run(
        "정보화진흥원은 연수를 연다고 밝혔다.\n붙임: 연수 세부 일정 1부.\n"
        "한국정보화진흥원 국제협력본부 교류협력팀 팀장 김하나 (053-230-1234)"
    )
    assert not any("국제협력본부" in n for o in ex.organizations for n in o.names)
    assert not any("세부" in n for s in ex.sites for n in s.names)


def test_a_mayor_signs_for_the_city_government() -> None:
    ex = run(
        "대구시는 베트남 다낭시와 협력한다. 대구시는 지난 5일 김철수 대구시 행정부시장과 "
        "응우옌 반 남 다낭 시장이 '관광 협력 업무협약'을 체결했다고 6일 밝혔다."
    )
    assert len(ex.agreements) == 1
    assert set(ex.agreements[0].parties) == {org(ex, "대구시").key, org(ex, "다낭시").key}


def test_a_city_hall_and_a_room_in_it_are_sites() -> None:
    ex = run("대구시는 지난 5일 대구시청 국제회의실에서 다낭시와 업무협약을 체결했다고 밝혔다.")
    hall = site(ex, "대구시청")
    assert hall.kind == "building"
    assert site(ex, "대구시청 국제회의실").within == hall.key


def test_a_listed_topic_is_not_a_project() -> None:
    ex = run("두 기관은 ▲전력망 구축 ▲에너지 데이터 플랫폼 운영 경험 공유 등에서 협력한다.")
    assert ex.projects == []


def test_an_unsuffixed_partner_of_a_signed_agreement_is_an_organization() -> None:
    ex = run(
        "정보통신산업진흥원(NIPA)은 카자흐스탄 아스타나허브(Astana Hub)와 '창업 지원 업무협약'을 맺었다."
    )
    hub = org(ex, "아스타나허브")
    assert "Astana Hub" in hub.names
    assert set(ex.agreements[0].parties) == {org(ex, "NIPA").key, hub.key}


def test_a_declaration_and_an_earlier_memorandum_of_one_pair_are_two_agreements() -> None:
    ex = run(
        "과기정통부는 지난 3일 카자흐스탄 디지털발전부와 '디지털 협력 공동선언문'을 채택했다고 밝혔다. "
        "과기정통부와 카자흐스탄 디지털발전부는 2021년 5월 '정보통신 협력 양해각서'를 체결한 바 있다."
    )
    assert sorted(a.kind for a in ex.agreements) == ["declaration", "mou"]


def test_a_policy_centre_of_an_organization_is_its_unit_and_hosts() -> None:
    ex = run("행안부는 유엔개발계획(UNDP) 서울정책센터와 함께 오는 14일 연수를 공동 개최한다고 밝혔다.")
    centre = org(ex, "UNDP 서울정책센터")
    assert centre.part_of == org(ex, "UNDP").key
    assert org(ex, "UNDP").key not in ex.events[0].organizers


def test_a_generic_data_centre_is_not_a_venue() -> None:
    ex = run("회사는 하반기 AI 데이터센터 수요가 늘 것으로 보고 있다고 말했다.")
    assert ex.sites == []


def test_a_quoted_facility_someone_runs_is_a_project() -> None:
    ex = run("코이카는 5개국에서 운영 중인 '디지털혁신센터'를 통해 자문을 이어간다.")
    assert [p.names[0] for p in ex.projects] == ["디지털혁신센터"]


def test_a_delegation_touring_a_site_on_a_date_is_a_study_visit() -> None:
    ex = run(
        "대구시는 다낭시와 협력한다. 다낭 대표단은 지난 4일 대구 수성구의 스마트 공장을 찾아 "
        "자동화 설비를 둘러봤다."
    )
    visits = [e for e in ex.events if e.kind == "study_tour"]
    assert len(visits) == 1 and visits[0].organizers == []
    assert visits[0].participant_organizations == [org(ex, "다낭시").key]


def test_two_events_reported_in_one_sentence_are_two_events() -> None:
    ex = run(
        "코이카는 지난 11일 하노이에서 착수보고회를 열었고, 이어 12일에는 다낭에서 주민 설명회를 가졌다."
    )
    assert sorted(e.start for e in ex.events) == ["2024-03-11", "2024-03-12"]
    assert all(e.organizers == [org(ex, "코이카").key] for e in ex.events)
    assert any(e.name == "착수보고회" for e in ex.events)


def test_a_numbered_sitting_of_a_committee_is_a_meeting() -> None:
    ex = run("과기정통부와 APT는 지난해 11월 방콕에서 열린 제12차 APT 관리위원회에서 선언문을 채택했다.")
    meeting = next(e for e in ex.events if e.kind == "meeting")
    assert meeting.name == "제12차 APT 관리위원회" and meeting.start == "2023-11"
    assert not any("관리위원회" in n for s in ex.sites for n in s.names)


def test_a_project_named_only_in_a_speakers_words_is_not_reported() -> None:
    ex = run('김 차관은 "우리 기업이 라오스 스마트 행정 사업에 참여하도록 돕겠다"고 말했다.')
    assert ex.projects == []


def test_a_quoted_fund_with_its_acronym_is_a_project_and_takes_no_date_of_this_project() -> None:
    ex = run(
        "코이카는 라오스 전자조달 구축 사업을 추진한다. 이 사업은 세계은행이 조성한 "
        "'아시아 디지털 협력기금(ADCF)'에서 재원을 받아 내년부터 3년간 추진된다."
    )
    projects = {p.names[0]: p for p in ex.projects}
    assert projects["아시아 디지털 협력기금"].names == ["아시아 디지털 협력기금", "ADCF"]
    assert projects["아시아 디지털 협력기금"].start is None
    assert projects["라오스 전자조달 구축 사업"].start == "2025"


def test_an_event_the_subject_only_attends_is_hosted_by_the_body_in_its_name() -> None:
    ex = run("LG유플러스는 오는 6월 인도네시아 자카르타에서 열리는 'APT 5G 정책 포럼'에서 사례를 발표한다.")
    (forum,) = ex.events
    assert forum.organizers == [org(ex, "APT").key]
    assert forum.participant_organizations == [org(ex, "LG유플러스").key]
    assert forum.participant_countries == []  # the country only places the city


def test_a_signing_ceremony_told_after_the_agreement_adds_no_agreement() -> None:
    ex = run(
        "한국전력은 지난 4일 하노이에서 베트남전력공사(EVN)와 스마트그리드 협력 양해각서를 맺었다고 "
        "6일 밝혔다. 협약식에서는 김민수 한국전력 해외사업본부장과 응우옌 반 EVN 부사장이 서명했다."
    )
    (agreement,) = ex.agreements
    assert agreement.date == "2024-03-04"


def test_an_earlier_memorandum_told_in_a_relative_clause_is_an_agreement() -> None:
    ex = run(
        "센터는 지난해 9월 한국인터넷진흥원과 케냐 정보통신부가 맺은 사이버보안 협력 양해각서의 "
        "첫 성과로 문을 열었다."
    )
    (agreement,) = ex.agreements
    assert agreement.kind == "mou" and agreement.date == "2023-09"
    assert set(agreement.parties) == {org(ex, "한국인터넷진흥원").key, org(ex, "케냐 정보통신부").key}


def test_a_deck_and_the_body_telling_one_named_course_make_one_event() -> None:
    ex = run(
        "NIA, 라오스 공무원 연수…다음 달 'AI 행정 과정'\n"
        "한국지능정보사회진흥원(NIA)은 다음 달 8일부터 라오스 공무원 20명을 대상으로 'AI 행정 과정' 연수를 연다."
    )
    (course,) = ex.events
    assert course.start == "2024-04-08" and course.organizers == [org(ex, "NIA").key]


def test_a_press_short_form_names_a_body_written_out_earlier() -> None:
    ex = run(
        "한국수출입은행은 22일 필리핀 정부와 차관 계약을 맺었다. "
        "수은과 필리핀 정보통신기술부는 오는 28일 마닐라에서 착수회의를 연다."
    )
    meeting = next(e for e in ex.events if e.kind == "meeting")
    assert org(ex, "한국수출입은행").key in meeting.organizers


def test_a_hotel_brand_of_several_words_is_one_venue() -> None:
    ex = run("KT는 지난 4일 자카르타의 물리아 그랜드 호텔에서 현지 통신사와 업무협약을 맺었다.")
    assert any(s.names[0] == "물리아 그랜드 호텔" for s in ex.sites), [s.names for s in ex.sites]


def test_the_shortened_asia_pacific_names_the_same_office() -> None:
    ex = run(
        "KT는 ITU 아태지역사무소와 협력한다. KT는 지난 4일 ITU 아시아태평양지역사무소와 "
        "디지털 포용 업무협약을 맺었다."
    )
    office = org(ex, "ITU 아태지역사무소")
    assert "ITU 아시아태평양지역사무소" in office.names


def test_a_project_referred_back_to_with_a_time_word_is_no_new_project() -> None:
    ex = run(
        "코이카는 '캄보디아 전자조달 구축사업'을 추진한다. 세계은행도 지난달 같은 사업에 2천만 달러를 지원했다."
    )
    assert [p.names[0] for p in ex.projects] == ["캄보디아 전자조달 구축사업"]


def test_a_district_told_after_its_city_is_a_site_within_it() -> None:
    ex = run("NIA는 지난 10일 몽골 울란바토르시 바양골구에 있는 정보센터에서 개소식을 열었다.")
    district = next(s for s in ex.sites if s.names[0] == "바양골구")
    city = next(s for s in ex.sites if s.names[0].startswith("울란바토르"))
    assert district.kind == "district" and district.within == city.key


def test_a_place_name_that_is_also_a_common_word_needs_to_be_used_as_a_place() -> None:
    ex = run("두 기관은 필리핀 세부에서 만나 세부 일정을 확정했다.")
    assert [s.names[0] for s in ex.sites] == ["세부"]


def test_a_group_head_is_a_person_of_that_group() -> None:
    ex = run('박지훈 KT 클라우드전략그룹장은 "고객이 먼저다"라고 말했다.')
    (person,) = ex.people
    assert person.name == "박지훈" and person.role == "클라우드전략그룹장"


def test_a_city_named_with_its_short_form_in_brackets_signs_as_its_government() -> None:
    ex = run("제목\n\n부산광역시(부산시)가 베트남 다낭시와 스마트항만 분야 업무협약(MOU)을 맺었다.")
    (agreement,) = ex.agreements
    busan = org(ex, "부산광역시")
    assert busan.kind == "local_government" and "부산시" in busan.names
    assert set(agreement.parties) == {busan.key, org(ex, "다낭시").key}


def test_a_record_of_discussions_binds_the_two_governments() -> None:
    ex = run(
        "제목\n\n코이카와 라오스 기술통신부는 지난 3월 디지털 행정 사업을 위한 "
        "협의의사록(Record of Discussions·R/D)에 서명했다.",
        published=date(2024, 6, 10),
    )
    (agreement,) = ex.agreements
    assert agreement.kind == "agreement" and agreement.date == "2024-03"
    assert set(agreement.parties) == {org(ex, "코이카").key, org(ex, "라오스 기술통신부").key}


def test_a_common_noun_ending_like_a_ministry_is_not_one() -> None:
    ex = run("제목\n\n한국인터넷진흥원은 분산서비스거부(DDoS) 공격에 대응하는 훈련을 열었다.")
    assert [o.names[0] for o in ex.organizations] == ["한국인터넷진흥원"]


def test_and_glued_to_a_unit_is_not_part_of_its_name() -> None:
    ex = run("제목\n\n실무 협의는 행정안전부 국제협력관실과 폴란드 디지털부 국제협력국이 맡았다.")
    units = {o.names[0] for o in ex.organizations if o.part_of}
    assert units == {"행정안전부 국제협력관실", "디지털부 국제협력국"}


def test_a_latin_name_described_as_a_body_is_an_organization() -> None:
    ex = run(
        "제목\n\n한국전자통신연구원(ETRI)과 독일 국립연구기관 DLR은 위성통신 공동연구 양해각서(MOU)를 맺었다."
    )
    dlr = org(ex, "DLR")
    assert dlr.kind == "research" and dlr.country == "DE"
    (agreement,) = ex.agreements
    assert set(agreement.parties) == {org(ex, "한국전자통신연구원").key, dlr.key}


def test_a_city_hall_where_something_happens_is_a_building_not_a_party() -> None:
    ex = run(
        "부산시는 베트남 다낭시와 스마트시티 협력을 넓힌다. 두 도시는 지난 5일 다낭시청에서 업무협약을 맺었다."
    )
    hall = site(ex, "다낭시청")
    assert (hall.kind, hall.country) == ("building", "VN")
    assert not any("다낭시청" in o.names for o in ex.organizations)


def test_a_city_hall_that_acts_is_its_government() -> None:
    ex = run("부산시는 베트남 다낭시와 교류한다. 다낭시청은 부산시와 지난 5일 업무협약을 맺었다.")
    hall = org(ex, "다낭시청")
    assert (hall.kind, hall.country) == ("local_government", "VN")


def test_a_foreign_ministry_glued_to_its_subject_particle_keeps_its_country() -> None:
    ex = run("행정안전부와 칠레 디지털부가 전자정부 협력을 넓힌다. 디지털부 장관은 서울을 찾았다.")
    chile = org(ex, "칠레 디지털부")
    assert chile.country == "CL" and "디지털부" in chile.names
    assert len([o for o in ex.organizations if "디지털부" in o.names]) == 1


def test_a_college_named_only_by_its_field_is_not_a_body() -> None:
    ex = run("울란바토르대학교가 의과대학 건물 한 층을 내줬다. 한국대학교 공과대학과도 협력한다.")
    assert not any(o.names == ["의과대학"] for o in ex.organizations)
    assert org(ex, "한국대학교 공과대학").part_of == org(ex, "한국대학교").key


def test_a_product_line_is_no_place() -> None:
    ex = run("삼성전자는 갤럭시 스마트폰에 통역 기능을 넣었다. 갤럭시 Z 시리즈도 같은 기능을 쓴다.")
    assert not any("갤럭시" in n for s in ex.sites for n in s.names)
    assert not any("갤럭시" in n for o in ex.organizations for n in o.names)


def test_a_centre_named_only_by_a_generic_acronym_is_no_venue() -> None:
    ex = run("정부는 지난해 카자흐스탄에 ICT 협력센터를 세웠다.")
    assert not any("ICT 협력센터" in s.names for s in ex.sites)


def test_countries_attending_after_the_hosts_take_part() -> None:
    ex = run(
        "과기정통부는 3일 서울에서 '제1차 한-태평양 디지털장관회의'를 열었다고 4일 밝혔다.\n\n"
        "회의는 과기정통부와 태평양도서국포럼(PIF)이 공동 주최했으며 피지, 통가, 투발루 등 10개국 대표단이 참석했다."
    )
    (meeting,) = ex.events
    assert set(meeting.participant_countries) == {"FJ", "TO", "TV"}
    assert len(meeting.organizers) == 2


def test_a_venue_with_a_latin_short_form_in_brackets_is_where_it_happened() -> None:
    ex = run("과기정통부는 3일 제주국제컨벤션센터(ICC JEJU)에서 '디지털장관회의'를 열었다고 4일 밝혔다.")
    (meeting,) = ex.events
    (venue,) = [s for s in ex.sites if s.key in meeting.venues]
    assert "ICC JEJU" in venue.names


def test_a_province_in_the_genitive_contains_the_island_after_it() -> None:
    ex = run("이 사업은 필리핀 팔라완주의 쿠요섬 학교 20곳을 초고속 인터넷으로 연결한다.")
    by_name = {s.names[0]: s for s in ex.sites}
    assert by_name["쿠요섬"].within == by_name["팔라완주"].key
    assert by_name["쿠요섬"].country == "PH"


def test_a_vietnamese_province_named_with_seong_is_a_place_and_stays_one() -> None:
    ex = run(
        "경기도는 지난 19일 베트남 빈즈엉성 투저우못시에서 협약을 맺었다고 21일 밝혔다.\n\n"
        "기념식은 빈즈엉성 행정센터에서 열렸다."
    )
    names = {n for s in ex.sites for n in s.names}
    assert {"빈즈엉성", "투저우못시", "빈즈엉성 행정센터"} <= names
    assert "행정센터" not in names


def test_a_quoted_consortium_keeps_its_whole_name() -> None:
    ex = run("KT와 LG CNS가 꾸린 '코리아 디지털 컨소시엄'이 무선 백홀망 구축을 맡는다.")
    assert org(ex, "코리아 디지털 컨소시엄").kind == "other"


def test_a_delegation_is_no_unit_of_the_body_that_sends_it() -> None:
    ex = run("참가자들은 오는 10월 싱가포르에서 열리는 '국제사이버주간'에 KISA 대표단과 함께 참가한다.")
    assert [o.names for o in ex.organizations if "대표단" in " ".join(o.names)] == []


def test_a_headline_course_is_the_body_course_whose_name_holds_it() -> None:
    ex = run(
        "KISA, 14개국 실무자 초청 '사이버보안 역량강화 과정' 연다\n\n"
        "KISA는 오는 10일부터 21일까지 서울에서 '2024 글로벌 사이버보안 역량강화 과정'을 운영한다고 5일 밝혔다.\n\n"
        "지난해 11월에는 나주에서 '제7차 정보보호 연수 과정'을 열었다."
    )
    names = sorted(e.name or "" for e in ex.events)
    assert names == ["2024 글로벌 사이버보안 역량강화 과정", "제7차 정보보호 연수 과정"]


def test_products_in_a_sales_report_are_not_projects() -> None:
    ex = run(
        "클라우드 매출은 17% 증가했다. 생성형 AI 플랫폼 '패브릭스'를 쓰는 기업 고객도 늘었다.\n\n"
        "LG CNS도 AI 서비스 사업을 키우고 있다."
    )
    assert ex.projects == []


def test_the_same_hotel_is_the_place_told_before() -> None:
    ex = run(
        "과기정통부는 지난 14일 타슈켄트의 힐튼 타슈켄트 시티 호텔에서 우즈베키스탄 디지털기술부와 양해각서를 체결했다고 16일 밝혔다.\n\n"
        "같은 날 같은 호텔에서는 정보통신산업진흥원(NIPA)이 우즈베키스탄 IT파크와 업무협약을 맺었다."
    )
    places = {a.place for a in ex.agreements}
    assert len(ex.agreements) == 2 and len(places) == 1 and None not in places


def test_one_subject_signs_with_each_country_it_lists() -> None:
    ex = run("NIA는 지난해 베트남, 캄보디아와도 각각 디지털정부 협력 MOU를 맺는 등 협력 범위를 넓히고 있다.")
    nia = org(ex, "NIA").key
    partners = sorted(
        o.country for a in ex.agreements for o in ex.organizations if o.key in a.parties and o.key != nia
    )
    assert partners == ["KH", "VN"]
    assert all(
        nia in a.parties and a.date == "2023" and a.topics == ["디지털정부 협력"] for a in ex.agreements
    )


def test_that_year_is_the_year_just_named_and_a_present_name_in_brackets_is_an_alias() -> None:
    ex = run(
        "NIA와 라오스의 인연은 2019년으로 거슬러 올라간다. "
        "NIA는 그해 라오스 우정통신부(현 기술통신부)와 협약을 맺고 비엔티안에 센터를 열었다."
    )
    (agreement,) = ex.agreements
    assert agreement.date == "2019"
    ministry = org(ex, "라오스 우정통신부")
    assert "기술통신부" in ministry.names and ministry.country == "LA"
    assert [o.names for o in ex.organizations if o.country == "KR" and "기술통신부" in o.names] == []


def test_a_planned_signing_still_tells_the_day_place_and_sides_of_what_follows() -> None:
    ex = run(
        "NIA는 오는 3일 비엔티안의 돈찬 팰리스 호텔에서 라오스 기술통신부와 MOU를 체결할 예정이라고 27일 밝혔다.\n\n"
        "양 기관은 같은 날 같은 장소에서 '한-라오스 디지털정부 협력 포럼'도 공동 개최한다.",
        published=date(2024, 6, 27),
    )
    assert ex.agreements == []
    (forum,) = ex.events
    assert forum.start == "2024-07-03" and len(forum.organizers) == 2 and len(forum.venues) == 1


def test_a_course_opened_one_day_runs_until_the_day_told_with_kkaji() -> None:
    ex = run(
        "전남도는 '2023 스마트농업 역량강화 과정'을 지난 11일 개강해 다음 달 5일까지 운영한다고 14일 밝혔다.\n\n"
        "전남도는 13일 목포 신안비치호텔에서 연수에 참가한 탄자니아 모로고로주 정부 대표단과 "
        "'스마트농업 교류 협력 의향서(LOI)'를 체결했다.",
        published=date(2023, 9, 14),
    )
    (course,) = ex.events
    assert (course.start, course.end) == ("2023-09-11", "2023-10-05")
    (letter,) = ex.agreements
    assert letter.kind == "letter_of_intent" and org(ex, "모로고로주 정부").key in letter.parties


def test_listed_participating_countries_the_next_day_and_an_institutes_main_campus() -> None:
    ex = run(
        "KISDI는 지난 9일부터 오는 20일까지 진천 KISDI 본원에서 '2024 ICT 정책 연수'를 진행한다고 12일 밝혔다.\n\n"
        "참가국은 캄보디아, 라오스, 몽골이다.\n\n"
        "KISDI는 이튿날인 10일 연수생들이 판교의 네이버 사옥을 찾아 둘러보는 현장 견학도 마련했다.",
        published=date(2024, 9, 12),
    )
    course = next(e for e in ex.events if e.kind == "training")
    assert set(course.participant_countries) == {"KH", "LA", "MN"}
    assert any(n.endswith("KISDI 본원") for s in ex.sites if s.key in course.venues for n in s.names)
    tour = next(e for e in ex.events if e.kind == "study_tour")
    assert (tour.name, tour.start) == (None, "2024-09-10")


def test_a_school_named_with_its_foreign_city_and_an_event_before_the_signing() -> None:
    ex = run(
        "ETRI는 지난 19일 ETRI 본원에서 타슈켄트 정보기술대학교(TUIT)와 양해각서(MOU)를 체결했다고 21일 밝혔다.\n\n"
        "MOU 체결에 앞서 같은 장소에서는 두 기관이 공동 주최한 '한-우즈벡 AI 워크숍'이 열렸다.",
        published=date(2024, 6, 21),
    )
    school = org(ex, "TUIT")
    assert school.country == "UZ" and "타슈켄트 정보기술대학교" in school.names
    (workshop,) = ex.events
    (agreement,) = ex.agreements
    assert workshop.start == agreement.date == "2024-06-19"
    assert workshop.venues == [agreement.place]


def test_korean_cities_beyond_the_metropolitan_ones_are_known_places_and_governments() -> None:
    ex = run(
        "목포시는 지난 5일 베트남 껀터시와 스마트시티 업무협약을 맺었다고 7일 밝혔다.\n\n"
        "협약식은 목포 신안비치호텔에서 열렸다. 라오스의 정부 부처 관계자도 참석했다."
    )
    mokpo = org(ex, "목포시")
    assert mokpo.kind == "local_government" and mokpo.country == "KR"
    names = {n for s in ex.sites for n in s.names}
    assert "목포" in names
    assert not any("정부" in n for n in names)  # "의 정부" is no city of 의정부
