"""Korean date expressions: 2015년 10월 8일, 지난 23일, 오는 3월 1일, 7월 15일부터 18일까지, 지난해 10월, 이날."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from graph.extract.dates import (
    DateMention,
    DateParts,
    Direction,
    Tense,
    add_days,
    mention,
    resolve,
    resolve_range,
    resolve_weekday,
    shift_month,
    week_day,
)

_YEAR = r"(?:19|20)\d\d"
_MONTH = r"(?:1[0-2]|0?[1-9])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
# "N일간", "N일째", "N일 동안", "N일 전": a duration or a count of days, not a day of the month;
# "N일본" is a number before 일본 (Japan).
_NOT_DAY = r"(?!간|째|차|본|\s*(?:동안|전|후|뒤|만에|이상|이내|가량|정도))"
_YEAR_WORDS = {"재작년": -2, "지난해": -1, "작년": -1, "올해": 0, "금년": 0, "내년": 1, "내후년": 2}
# "올" is short for 올해 only before a month (올 3월); elsewhere it is another word.
_YEAR_OFFSETS = {**_YEAR_WORDS, "올": 0}
_MONTH_WORDS = {"지난달": -1, "이달": 0, "이번달": 0, "다음달": 1, "내달": 1}
_DIRECTIONS: dict[str, Direction] = {"지난": "before", "오는": "after"}
_WEEKDAY_NOTE = r"(?:\s?\([월화수목금토일]\))?"  # 15일(월): the weekday belongs to the date
_DASH = r"[~∼～\-–—]"
_START = r"(?<![\d.가-힣])(?=\S)"


def _atom(p: str, *, month: bool = True, day: bool = True) -> str:
    """A year, month and day, each optional, in that order; ``p`` prefixes the group names.

    A day directly after a year without a month ("2015년 3일") is not a date, hence the
    conditional: a day follows a month, or stands alone.
    """
    parts = [
        rf"(?:(?P<{p}dir>지난|오는)\s+(?=\d))?",
        rf"(?P<{p}Y>(?P<{p}y>{_YEAR})년(?!대|간|째)|(?P<{p}ry>{'|'.join(_YEAR_WORDS)}|올(?=\s*{_MONTH}월)))?",
    ]
    if month:
        months = r"지난\s?달|이번\s?달|이달|다음\s?달|내달"
        parts.append(rf"(?P<{p}M>\s*(?:(?<!\d)(?P<{p}m>{_MONTH})월(?!간)|(?P<{p}rm>{months})(?!러)))?")
    if day:
        lead = rf"(?({p}M)\s*|(?({p}Y)(?!)|))" if month else rf"(?({p}Y)(?!)|)"
        parts.append(rf"(?:{lead}(?<!\d)(?P<{p}d>{_DAY})일{_NOT_DAY}{_WEEKDAY_NOTE})?")
    return "".join(parts)


_RANGE = re.compile(rf"{_START}(?P<a>{_atom('a')})(?:\s*(?:부터|{_DASH})\s*(?P<b>{_atom('b')})(?:\s*까지)?)?")
# 7월 15~18일, 2015년 7~8월, 2015~2017년: the unit is written once, after the second number.
_DAY_RANGE = re.compile(
    rf"{_START}(?P<a>{_atom('a', day=False)})\s*(?<![\d.])(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})일{_NOT_DAY}"
)
_MONTH_RANGE = re.compile(
    rf"{_START}(?P<a>{_atom('a', month=False, day=False)})\s*(?<![\d.])(?P<m1>{_MONTH})\s*{_DASH}\s*(?P<m2>{_MONTH})월"
)
_YEAR_RANGE = re.compile(rf"(?<![\d.])(?P<y1>{_YEAR})년?\s*{_DASH}\s*(?P<y2>{_YEAR})년(?!대)")
_WEEKDAY = re.compile(
    r"(?<![가-힣])(?<!매주 )(?:(?P<mod>지난\s?주|이번\s?주|다음\s?주|지난|오는|이번)\s*)?(?P<wd>[월화수목금토일])요일"
)
# 그제야/그제서야 mean "only then", 오늘날 "nowadays".
_DAY_WORDS = re.compile(r"(?<![가-힣])(?P<w>그저께|그제|어제|오늘|내일|이날)(?!날|야|서야)")
_DAY_OFFSETS = {"그저께": -2, "그제": -2, "어제": -1, "오늘": 0, "내일": 1}
_WEEK_OFFSETS = {"지난주": -1, "이번주": 0, "다음주": 1}


def candidates(text: str, published: date | None, tense: Tense, anchor: date | None) -> Iterator[DateMention]:
    yield from _ranges(text, published, tense)
    yield from _unit_ranges(text, published, tense)
    for m in _YEAR_RANGE.finditer(text):
        if m["y1"] < m["y2"]:
            yield mention(text, m.start(), m.end(), m["y1"], m["y2"])
    yield from _words(text, published, tense, anchor)


def _ranges(text: str, published: date | None, tense: Tense) -> Iterator[DateMention]:
    for m in _RANGE.finditer(text):
        if not m["a"]:
            continue
        first = _parts(m, "a", published)
        if first is None:
            continue
        if m["b"]:
            last = _parts(m, "b", published)
            span = resolve_range(first, last, published, tense) if last else None
            if span is not None:
                yield mention(text, m.start(), m.end(), *span)
                continue
            if last is not None and (value := resolve(last, published, tense)):
                yield mention(text, m.start("b"), m.end("b"), value)
        if value := resolve(first, published, tense):
            yield mention(text, m.start("a"), m.end("a"), value)


def _unit_ranges(text: str, published: date | None, tense: Tense) -> Iterator[DateMention]:
    for pattern, unit in ((_DAY_RANGE, "d"), (_MONTH_RANGE, "m")):
        for m in pattern.finditer(text):
            given = _parts(m, "a", published)
            if given is None:
                continue
            if unit == "d":
                first = DateParts(given.year, given.month, int(m["d1"]), given.direction)
                last = DateParts(day=int(m["d2"]))
            else:
                first = DateParts(given.year, int(m["m1"]), None, given.direction)
                last = DateParts(month=int(m["m2"]))
            span = resolve_range(first, last, published, tense)
            if span is not None:
                yield mention(text, m.start(), m.end(), *span)


def _words(text: str, published: date | None, tense: Tense, anchor: date | None) -> Iterator[DateMention]:
    if published is None:
        return
    for m in _DAY_WORDS.finditer(text):
        word = m["w"]
        day = anchor if word == "이날" else add_days(published, _DAY_OFFSETS[word])
        if day is not None:
            yield mention(text, m.start(), m.end(), day.isoformat())
    for m in _WEEKDAY.finditer(text):
        weekday = "월화수목금토일".index(m["wd"])
        modifier = re.sub(r"\s", "", m["mod"] or "")
        if modifier in _WEEK_OFFSETS:
            found = week_day(published, _WEEK_OFFSETS[modifier], weekday)
        else:
            found = resolve_weekday(weekday, published, _DIRECTIONS.get(modifier, tense))
        if found is not None:
            yield mention(text, m.start(), m.end(), found.isoformat())


def _parts(m: re.Match[str], p: str, published: date | None) -> DateParts | None:
    """The fields an atom states; None when it needs the publication date and there is none."""
    year = int(m[f"{p}y"]) if m[f"{p}y"] else None
    month = int(m[f"{p}m"]) if m.groupdict().get(f"{p}m") else None
    if m[f"{p}ry"] or m.groupdict().get(f"{p}rm"):
        if published is None:
            return None
        if m[f"{p}ry"]:
            year = published.year + _YEAR_OFFSETS[m[f"{p}ry"]]
        if m.groupdict().get(f"{p}rm"):
            delta = _MONTH_WORDS[re.sub(r"\s", "", m[f"{p}rm"])]
            year, month = shift_month(published.year, published.month, delta)
    day = int(m[f"{p}d"]) if m.groupdict().get(f"{p}d") else None
    return DateParts(year, month, day, _DIRECTIONS.get(m[f"{p}dir"] or ""))
