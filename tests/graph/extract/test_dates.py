"""Korean and English date expressions, resolved against the publication date."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.extract.dates import (
    DateMention,
    Tense,
    find_dates,
    first_date,
    resolve_day,
    resolve_month,
    resolve_month_day,
    resolve_weekday,
)
from graph.model import Language

JULY = date(2019, 7, 17)  # a Wednesday
AUGUST = date(2019, 8, 7)  # a Wednesday
JANUARY = date(2020, 1, 9)  # a Thursday

Found = list[tuple[str, str, str | None]]

KOREAN: list[tuple[str, date, Tense, Found]] = [
    # absolute forms
    (
        "두 기관은 2015년 10월 8일 서울에서 협약을 맺었다.",
        JULY,
        "past",
        [("2015년 10월 8일", "2015-10-08", None)],
    ),
    ("재단은 2015.10.08 보도자료를 냈다.", JULY, "past", [("2015.10.08", "2015-10-08", None)]),
    ("보고서는 2015-10-08 공개됐다.", JULY, "past", [("2015-10-08", "2015-10-08", None)]),
    ("입력 2015. 10. 8. 오전 9시", JULY, "unknown", [("2015. 10. 8", "2015-10-08", None)]),
    ("센터는 2002년 설립됐다.", JULY, "past", [("2002년", "2002", None)]),
    ("사업은 2014년 10월 시작됐다.", JULY, "past", [("2014년 10월", "2014-10", None)]),
    ("공사는 2017년부터 연수를 운영해 왔다.", JULY, "past", [("2017년", "2017", None)]),
    ("2015~2017년 3년간 지원했다.", JULY, "past", [("2015~2017년", "2015", "2017")]),
    ("2015년 7~8월 현지 조사를 했다.", JULY, "past", [("2015년 7~8월", "2015-07", "2015-08")]),
    (
        "2015년 3월과 2016년 5월에 두 차례 방문했다.",
        JULY,
        "past",
        [("2015년 3월", "2015-03", None), ("2016년 5월", "2016-05", None)],
    ),
    # month and day without a year: the tense decides the year
    ("협약식은 10월 8일 열렸다.", JULY, "past", [("10월 8일", "2018-10-08", None)]),
    ("협약식은 10월 8일 열릴 예정이다.", JULY, "future", [("10월 8일", "2019-10-08", None)]),
    ("행사는 3월 2일 열렸다.", JULY, "past", [("3월 2일", "2019-03-02", None)]),
    ("양측은 12월 5일 서명했다.", JANUARY, "past", [("12월 5일", "2019-12-05", None)]),
    ("양측은 12월 5일 서명했다.", JANUARY, "unknown", [("12월 5일", "2019-12-05", None)]),
    ("사절단은 1월 20일 도착한다.", date(2019, 12, 1), "future", [("1월 20일", "2020-01-20", None)]),
    # a day without a month
    ("회사는 8일 오후 협약을 맺었다고 밝혔다.", JULY, "past", [("8일", "2019-07-08", None)]),
    ("부는 23일 결과를 발표했다.", JULY, "past", [("23일", "2019-06-23", None)]),
    ("부는 17일 결과를 발표했다.", JULY, "past", [("17일", "2019-07-17", None)]),
    ("설명회는 23일 열린다.", JULY, "future", [("23일", "2019-07-23", None)]),
    ("설명회는 23일 서울에서.", JULY, "unknown", [("23일", "2019-07-23", None)]),
    ("16일(현지시간) 뉴욕에서 회담이 열렸다.", JULY, "past", [("16일", "2019-07-16", None)]),
    ("대표단은 3일간 머물렀다.", JULY, "past", []),
    ("착공 10일 만에 멈췄다.", JULY, "past", []),
    # 지난 / 오는
    ("지난 23일 열린 회의에서", JULY, "past", [("지난 23일", "2019-06-23", None)]),
    ("지난 10일 문을 연 센터", JULY, "past", [("지난 10일", "2019-07-10", None)]),
    ("지난 31일 발효됐다.", JULY, "past", [("지난 31일", "2019-05-31", None)]),
    ("오는 19일 개막하는 박람회", JULY, "future", [("오는 19일", "2019-07-19", None)]),
    ("오는 5일 출범한다.", JULY, "future", [("오는 5일", "2019-08-05", None)]),
    ("개정법은 오는 3월 1일 시행된다.", JULY, "future", [("오는 3월 1일", "2020-03-01", None)]),
    ("지난 3월 체결된 협정", JULY, "past", [("지난 3월", "2019-03", None)]),
    # ranges
    (
        "워크숍은 7월 15일부터 18일까지 열렸다.",
        JULY,
        "past",
        [("7월 15일부터 18일까지", "2019-07-15", "2019-07-18")],
    ),
    ("과정은 7월 15일~18일 진행됐다.", JULY, "past", [("7월 15일~18일", "2019-07-15", "2019-07-18")]),
    ("과정은 7월 15∼18일 진행됐다.", JULY, "past", [("7월 15∼18일", "2019-07-15", "2019-07-18")]),
    (
        "박람회는 7월 30일부터 8월 2일까지 열린다.",
        JULY,
        "future",
        [("7월 30일부터 8월 2일까지", "2019-07-30", "2019-08-02")],
    ),
    (
        "연수는 12월 30일부터 1월 2일까지 진행됐다.",
        JANUARY,
        "past",
        [("12월 30일부터 1월 2일까지", "2019-12-30", "2020-01-02")],
    ),
    (
        "지난 28일부터 3일까지 열린 포럼",
        date(2019, 8, 7),
        "past",
        [("지난 28일부터 3일까지", "2019-07-28", "2019-08-03")],
    ),
    (
        "연수는 오는 30일부터 7월 4일까지 열린다.",
        date(2019, 6, 26),
        "future",
        [("오는 30일부터 7월 4일까지", "2019-06-30", "2019-07-04")],
    ),
    (
        "2016년 5월 9일부터 13일까지 열렸다.",
        JULY,
        "past",
        [("2016년 5월 9일부터 13일까지", "2016-05-09", "2016-05-13")],
    ),
    # years and months relative to publication
    ("지난해 10월 열린 포럼에서", JULY, "past", [("지난해 10월", "2018-10", None)]),
    ("지난해 10월 8일 문을 열었다.", JULY, "past", [("지난해 10월 8일", "2018-10-08", None)]),
    ("두 나라는 지난해 협정을 맺었다.", JULY, "past", [("지난해", "2018", None)]),
    ("센터는 올해 3월 문을 열었다.", JULY, "past", [("올해 3월", "2019-03", None)]),
    ("센터는 올 3월 문을 열었다.", JULY, "past", [("올 3월", "2019-03", None)]),
    ("올 들어 가입자가 늘었다.", JULY, "past", []),
    ("이달 말 완공된다.", JULY, "future", [("이달", "2019-07", None)]),
    ("지난달 협약을 맺었다.", JULY, "past", [("지난달", "2019-06", None)]),
    ("지난달 8일 서명했다.", JULY, "past", [("지난달 8일", "2019-06-08", None)]),
    ("다음 달 출범한다.", JULY, "future", [("다음 달", "2019-08", None)]),
    ("내년 상반기 착공할 계획이다.", JULY, "future", [("내년", "2020", None)]),
    ("작년과 재작년", JULY, "past", [("작년", "2018", None), ("재작년", "2017", None)]),
    # days relative to publication
    (
        "그제 도착해 어제 회의를 했고 오늘 서명하며 내일 떠난다.",
        JULY,
        "unknown",
        [
            ("그제", "2019-07-15", None),
            ("어제", "2019-07-16", None),
            ("오늘", "2019-07-17", None),
            ("내일", "2019-07-18", None),
        ],
    ),
    ("이날 행사에는 10개국이 참가했다.", JULY, "past", [("이날", "2019-07-17", None)]),
    ("지난 수요일 회의가 열렸다.", JULY, "past", [("지난 수요일", "2019-07-10", None)]),
    ("지난주 금요일 서명했다.", JULY, "past", [("지난주 금요일", "2019-07-12", None)]),
    ("오는 금요일 개막한다.", JULY, "future", [("오는 금요일", "2019-07-19", None)]),
    # not dates
    ("최근 협약을 체결했다고 밝혔다.", JULY, "past", []),
    ("1990년대부터 협력해 왔다.", JULY, "past", []),
    ("매주 수요일 강의가 열린다.", JULY, "future", []),
    ("그제야 알려졌다.", JULY, "past", []),
    ("오늘날 디지털 격차는 크다.", JULY, "unknown", []),
    ("다음 주 회의를 연다.", JULY, "future", []),
    ("지난 해외 출장에서", JULY, "past", []),
]

ENGLISH: list[tuple[str, date, Tense, Found]] = [
    # absolute forms
    (
        "The memorandum was signed on July 16, 2019 in Geneva.",
        AUGUST,
        "past",
        [("July 16, 2019", "2019-07-16", None)],
    ),
    ("It was signed on 16 July 2019.", AUGUST, "past", [("16 July 2019", "2019-07-16", None)]),
    ("The fund opened in March 2010.", AUGUST, "past", [("March 2010", "2010-03", None)]),
    (
        "Talks began in October 2008 and ended on Sept. 30, 2018.",
        AUGUST,
        "past",
        [("October 2008", "2008-10", None), ("Sept. 30, 2018", "2018-09-30", None)],
    ),
    ("Published 2019-08-07 10:00", AUGUST, "unknown", [("2019-08-07", "2019-08-07", None)]),
    (
        "On Wednesday, July 17, 2019, the centre opened.",
        AUGUST,
        "past",
        [("Wednesday, July 17, 2019", "2019-07-17", None)],
    ),
    (
        "The agency was founded in 2002 and has worked here since 2015.",
        AUGUST,
        "past",
        [("2002", "2002", None), ("2015", "2015", None)],
    ),
    ("The project ran from 2015 to 2017.", AUGUST, "past", [("2015 to 2017", "2015", "2017")]),
    ("the 16th of July", AUGUST, "past", [("16th of July", "2019-07-16", None)]),
    # no year given: the tense decides
    ("The talks took place on 16 July.", AUGUST, "past", [("16 July", "2019-07-16", None)]),
    ("The deal was signed on July 4th.", AUGUST, "past", [("July 4th", "2019-07-04", None)]),
    ("The forum opened on October 2.", AUGUST, "past", [("October 2", "2018-10-02", None)]),
    ("The forum will open on October 2.", AUGUST, "future", [("October 2", "2019-10-02", None)]),
    ("Officials met on Aug. 5.", AUGUST, "past", [("Aug. 5", "2019-08-05", None)]),
    ("They met on Dec. 5 in Hanoi.", JANUARY, "past", [("Dec. 5", "2019-12-05", None)]),
    ("Delegates may attend the session in May.", AUGUST, "past", [("May", "2019-05", None)]),
    ("The network went live last July.", AUGUST, "past", [("last July", "2019-07", None)]),
    # ranges
    ("The course runs from 5 to 25 July.", AUGUST, "past", [("5 to 25 July", "2019-07-05", "2019-07-25")]),
    # weeks: the month where the whole week lies in one, the weekdays of a named week
    ("They signed an MoU last week.", date(2025, 2, 13), "past", [("last week", "2025-02", None)]),
    ("They signed an MoU last week.", date(2025, 3, 3), "past", [("last week", "2025", None)]),
    (
        "A workshop runs from Monday to Wednesday next week.",
        date(2025, 2, 13),
        "future",
        [("Monday to Wednesday next week", "2025-02-17", "2025-02-19")],
    ),
    (
        "The course runs from 30 to 4 January 2020.",
        date(2019, 12, 20),
        "future",
        [("30 to 4 January 2020", "2019-12-30", "2020-01-04")],
    ),
    ("It was held from July 15 to 18.", AUGUST, "past", [("July 15 to 18", "2019-07-15", "2019-07-18")]),
    ("The July 15-18, 2019 workshop", AUGUST, "past", [("July 15-18, 2019", "2019-07-15", "2019-07-18")]),
    (
        "Visits were made between 5 and 7 July.",
        AUGUST,
        "past",
        [("5 and 7 July", "2019-07-05", "2019-07-07")],
    ),
    (
        "The fair ran from 30 July to 2 August 2019.",
        AUGUST,
        "past",
        [("30 July to 2 August 2019", "2019-07-30", "2019-08-02")],
    ),
    (
        "It ran from December 30 to January 2, 2019.",
        AUGUST,
        "past",
        [("December 30 to January 2, 2019", "2018-12-30", "2019-01-02")],
    ),
    # relative to publication
    ("The two sides agreed earlier this month.", AUGUST, "past", [("earlier this month", "2019-08", None)]),
    (
        "It signed last month and launches this month.",
        AUGUST,
        "unknown",
        [("last month", "2019-07", None), ("this month", "2019-08", None)],
    ),
    (
        "The plan started last year and ends next year.",
        AUGUST,
        "unknown",
        [("last year", "2018", None), ("next year", "2020", None)],
    ),
    (
        "It arrived yesterday and opens today.",
        AUGUST,
        "unknown",
        [("yesterday", "2019-08-06", None), ("today", "2019-08-07", None)],
    ),
    ("The ministry said Wednesday it had signed.", AUGUST, "past", [("Wednesday", "2019-08-07", None)]),
    ("The ministry said Monday it had signed.", AUGUST, "past", [("Monday", "2019-08-05", None)]),
    ("The pact was signed on Friday.", AUGUST, "past", [("Friday", "2019-08-02", None)]),
    ("The pact will be signed on Friday.", AUGUST, "future", [("Friday", "2019-08-09", None)]),
    ("They met last Wednesday.", AUGUST, "past", [("last Wednesday", "2019-07-31", None)]),
    ("They meet next Wednesday.", AUGUST, "future", [("next Wednesday", "2019-08-14", None)]),
    ("Both sides will meet next week.", AUGUST, "future", [("next week", "2019-08", None)]),
    # not dates
    ("Usage grew over the last year.", AUGUST, "past", []),
    ("The 2002 World Cup was co-hosted by two countries.", AUGUST, "past", []),
    ("Black Friday sales rose.", AUGUST, "past", []),
    ("We may march in protest.", AUGUST, "past", []),
    ("Some 2,019 people took part in 12 sessions.", AUGUST, "past", []),
]


def _seen(found: list[DateMention]) -> Found:
    return [(m.text, m.value, m.end_value) for m in found]


@pytest.mark.parametrize(("text", "published", "tense", "expected"), KOREAN)
def test_korean(text: str, published: date, tense: Tense, expected: Found) -> None:
    assert _seen(find_dates(text, published, "ko", tense=tense)) == expected


@pytest.mark.parametrize(("text", "published", "tense", "expected"), ENGLISH)
def test_english(text: str, published: date, tense: Tense, expected: Found) -> None:
    assert _seen(find_dates(text, published, "en", tense=tense)) == expected


def test_mentions_carry_offsets_and_kind() -> None:
    text = "양측은 7월 15일부터 18일까지 회의를 열고 20일 협정에 서명했다."
    first, second = find_dates(text, JULY, "ko", tense="past")
    assert text[first.start : first.end] == first.text == "7월 15일부터 18일까지"
    assert (first.kind, second.kind) == ("range", "point")
    assert (second.value, second.end_value) == ("2019-06-20", None)


def test_this_day_follows_the_anchor_when_the_article_names_one() -> None:
    found = find_dates("이날 협약식도 열렸다.", JULY, "ko", anchor=date(2019, 7, 12))
    assert _seen(found) == [("이날", "2019-07-12", None)]


def test_without_a_publication_date_only_absolute_dates_are_resolved() -> None:
    found = find_dates("지난해 협의를 거쳐 2015년 10월 8일 서명했다.", None, "ko", tense="past")
    assert _seen(found) == [("2015년 10월 8일", "2015-10-08", None)]
    assert _seen(find_dates("They met on 16 July and again yesterday.", None, "en")) == []


def test_first_date() -> None:
    found = first_date("The deal, agreed in March 2010, was renewed on 2 May 2015.", AUGUST, "en")
    assert found is not None and found.value == "2010-03"
    assert first_date("No date here.", AUGUST, "en") is None


def test_resolvers_follow_the_direction() -> None:
    assert resolve_day(17, JULY, "before") == date(2019, 6, 17)  # 지난 17일 on the 17th: a month back
    assert resolve_day(17, JULY, "after") == date(2019, 7, 17)
    assert resolve_day(31, date(2019, 3, 10), "future") == date(2019, 3, 31)
    assert resolve_day(30, date(2019, 3, 10), "past") == date(2019, 1, 30)  # February has no 30th
    assert resolve_month_day(2, 29, date(2019, 7, 1), "past") == date(2016, 2, 29)
    assert resolve_month(7, JULY, "before") == (2018, 7)
    assert resolve_month(8, JULY, "unknown") == (2019, 8)
    assert resolve_month(1, date(2019, 12, 1), "unknown") == (2020, 1)
    assert resolve_weekday(2, JULY, "past") == JULY
    assert resolve_weekday(2, JULY, "before") == date(2019, 7, 10)


_TOKENS = [
    "2015", "년", "10", "월", "8", "일", "~", "-", "부터", "까지", "지난", "오는", "지난해", "이달", "이날", "어제",
    "수요일", " ", ".", "July", "16", ",", "2019", "from", "to", "between", "and", "in", "last", "Wednesday",
    "Sept.", "earlier this month", "31", "29", "2", "(현지시간)",
]  # fmt: skip
_DATEISH = st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join)
_ISO = re.compile(r"\d{4}(-\d\d(-\d\d)?)?")


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(), _DATEISH),
    published=st.one_of(st.none(), st.dates()),
    language=st.sampled_from(["ko", "en"]),
    tense=st.sampled_from(["past", "future", "unknown"]),
)
def test_never_raises_and_offsets_slice_to_the_mention(
    text: str, published: date | None, language: Language, tense: Tense
) -> None:
    found = find_dates(text, published, language, tense=tense)
    previous_end = 0
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end and m.end > m.start
        previous_end = m.end
        assert (m.kind == "range") == (m.end_value is not None)
        if published is None or 1900 <= published.year <= 2100:
            assert _ISO.fullmatch(m.value)
            assert m.end_value is None or (_ISO.fullmatch(m.end_value) and m.end_value >= m.value)


def test_long_input_takes_linear_time() -> None:
    text = "2015년 10월 8일부터 " * 2000 + "1 " * 20000 + "July 16 to " * 2000
    began = time.perf_counter()
    assert len(find_dates(text, JULY, "ko")) == 1000  # the dates pair up into ranges
    assert len(find_dates(text, JULY, "en")) >= 1000
    assert time.perf_counter() - began < 10
