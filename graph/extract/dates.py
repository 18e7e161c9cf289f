"""Date expressions in Korean and English news, resolved against the publication date.

:func:`find_dates` returns every date expression of a sentence with its offsets and an ISO value
at the precision the text gives (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``). The per-language
patterns live in :mod:`graph.extract._dates_ko` and :mod:`graph.extract._dates_en`; the calendar
arithmetic they share is here. dateparser is deliberately not used: it reads the Korean "18일"
as eighteen days ago.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from graph.model import Language

Tense = Literal["past", "future", "unknown"]
# Where a date without a year (or month) falls relative to publication. "past" and "future" come
# from the sentence's tense (on or before / on or after publication); "before" and "after" come
# from the expression itself (지난, last: strictly before; 오는, next: on or after).
Direction = Literal["past", "future", "unknown", "before", "after"]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str
    end_value: str | None = None
    kind: Literal["point", "range"] = "point"


@dataclass(frozen=True)
class DateParts:
    """What a date expression states, each field None where the text is silent."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    direction: Direction | None = None  # 지난/오는, last/next: overrides the sentence's tense


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The ISO string at the given precision, or None for an impossible date (2015-02-30)."""
    if month is None:
        return f"{year:04d}" if day is None else None
    if day is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    found = _date(year, month, day)
    return found.isoformat() if found else None


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def resolve_day(day: int, published: date, direction: Direction) -> date | None:
    """Day N of an unnamed month: the publication month unless the direction says otherwise."""
    found = (_date(*shift_month(published.year, published.month, k), day) for k in range(-13, 14))
    candidates = [d.toordinal() for d in found if d is not None]
    same = _ordinal(_date(published.year, published.month, day))
    # The guidelines read a bare "N일" of unknown tense as the publication month, however far.
    window = (10**6, 10**6)
    return _from_ordinal(_pick(candidates, published.toordinal(), direction, same, window))


def resolve_month_day(month: int, day: int, published: date, direction: Direction) -> date | None:
    """Month and day without a year: the publication year, moved a year by the direction."""
    found = (_date(published.year + k, month, day) for k in range(-4, 5))  # 4: February 29
    candidates = [d.toordinal() for d in found if d is not None]
    same = _ordinal(_date(published.year, month, day))
    # Unknown tense: news reports the recent past and announces the coming half year.
    return _from_ordinal(_pick(candidates, published.toordinal(), direction, same, (300, 183)))


def resolve_month(month: int, published: date, direction: Direction) -> tuple[int, int]:
    """A month without a year, as (year, month)."""
    now = published.year * 12 + published.month - 1
    candidates = [(published.year + k) * 12 + month - 1 for k in (-1, 0, 1)]
    same = published.year * 12 + month - 1
    index = _pick(candidates, now, direction, same, (9, 6))
    assert index is not None  # three consecutive years always hold a match
    return index // 12, index % 12 + 1


def resolve_weekday(weekday: int, published: date, direction: Direction) -> date | None:
    """A weekday (Monday = 0) near publication; news of unknown tense reports the past."""
    near = (add_days(published, k) for k in range(-7, 8))
    candidates = [d.toordinal() for d in near if d is not None and d.weekday() == weekday]
    chosen = _pick(candidates, published.toordinal(), "past" if direction == "unknown" else direction, None)
    return _from_ordinal(chosen)


def add_days(day: date, days: int) -> date | None:
    """``day`` moved by ``days``, or None past the ends of the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def week_day(published: date, weeks: int, weekday: int) -> date | None:
    """The weekday (Monday = 0) of the week ``weeks`` away from the publication week (지난주 수요일)."""
    return add_days(published, 7 * weeks + weekday - published.weekday())


def resolve(parts: DateParts, published: date | None, tense: Tense) -> str | None:
    """The ISO value of what the text states, completed from the publication date where needed."""
    if parts.year is not None:
        return iso(parts.year, parts.month, parts.day)
    if published is None:
        return None
    direction = parts.direction or tense
    if parts.month is not None:
        if parts.day is None:
            return iso(*resolve_month(parts.month, published, direction))
        found = resolve_month_day(parts.month, parts.day, published, direction)
        return found.isoformat() if found else None
    if parts.day is not None:
        found = resolve_day(parts.day, published, direction)
        return found.isoformat() if found else None
    return None


def resolve_range(
    first: DateParts, last: DateParts, published: date | None, tense: Tense
) -> tuple[str, str] | None:
    """Start and end of a range; each side borrows what it leaves out from the other."""
    # English states month and year once, at the end ("5 to 25 July 2019"; "July 30 to August 2, 2019").
    borrowed_year = first.year is None and last.year is not None
    if first.day is not None and first.month is None and last.month is not None:
        start_month, start_year = last.month, last.year
        if last.day is not None and first.day > last.day:
            # "오는 30일부터 7월 4일까지": the start is in the month before the stated one
            shifted_year, start_month = shift_month(last.year or 2000, last.month, -1)
            start_year = shifted_year if last.year is not None else None
        first = replace(first, month=start_month)
        if borrowed_year:
            first = replace(first, year=start_year)
            borrowed_year = False
    if borrowed_year:
        first = replace(first, year=last.year)
    start = resolve(first, published, tense)
    if start is None:
        return None
    if borrowed_year and last.month is not None and (first.month or 0) > last.month:
        # December 30 to January 2, 2019
        start = resolve(replace(first, year=(last.year or 0) - 1), published, tense)
        if start is None:
            return None
    # Korean states month and year once, at the start ("2019년 7월 30일부터 8월 2일까지").
    year = int(start[:4])
    month = int(start[5:7]) if len(start) > 4 else None
    end_year = last.year if last.year is not None else year
    end_month = last.month if last.month is not None or last.day is None else month
    end = iso(end_year, end_month, last.day)
    if end is not None and end < start:
        # The borrowed month or year has rolled over ("28일부터 3일까지", "12월 30일부터 1월 2일까지").
        if last.month is None and end_month is not None:
            end = iso(*shift_month(end_year, end_month, 1), last.day)
        elif last.year is None:
            end = iso(end_year + 1, end_month, last.day)
    if end is None or end < start:
        return None
    return start, end


def find_dates(
    text: str,
    published: date | None,
    language: Language,
    *,
    tense: Tense = "unknown",
    anchor: date | None = None,
) -> list[DateMention]:
    """Every date expression in ``text`` (a sentence), left to right and non-overlapping.

    ``tense`` places dates that leave out the year or month (a past "12월 5일" in a January article
    is last December). ``anchor`` is the day that 이날 refers to when the article has named one;
    it defaults to the publication date. Expressions that need the publication date are left
    out when it is unknown.
    """
    # The language modules build on this module's types, so they are imported on first use.
    from graph.extract import _dates_en, _dates_ko

    finder = _dates_ko.candidates if language == "ko" else _dates_en.candidates
    found = [*numeric_candidates(text), *finder(text, published, tense, anchor or published)]
    return select(found)


def first_date(
    text: str, published: date | None, language: Language, *, tense: Tense = "unknown"
) -> DateMention | None:
    found = find_dates(text, published, language, tense=tense)
    return found[0] if found else None


_NUMERIC = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s*(?P<sep>[-./])\s*(?P<m>1[0-2]|0?[1-9])\s*(?P=sep)\s*"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d])"
)


def numeric_candidates(text: str) -> Iterable[DateMention]:
    """2015-10-08, 2015.10.08, 2015. 10. 8 and 2015/10/08, in either language."""
    for m in _NUMERIC.finditer(text):
        value = iso(int(m["y"]), int(m["m"]), int(m["d"]))
        if value:
            yield mention(text, m.start(), m.end(), value)


def mention(text: str, start: int, end: int, value: str, end_value: str | None = None) -> DateMention:
    return DateMention(start, end, text[start:end], value, end_value, "range" if end_value else "point")


def select(candidates: Iterable[DateMention]) -> list[DateMention]:
    """Leftmost-longest: of overlapping candidates keep the one that starts first, then the longest."""
    chosen: list[DateMention] = []
    for candidate in sorted(candidates, key=lambda c: (c.start, c.start - c.end)):
        if not chosen or candidate.start >= chosen[-1].end:
            chosen.append(candidate)
    return chosen


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _ordinal(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


def _from_ordinal(ordinal: int | None) -> date | None:
    return None if ordinal is None else date.fromordinal(ordinal)


def _pick(
    candidates: list[int], now: int, direction: Direction, same: int | None, window: tuple[int, int] = (0, 0)
) -> int | None:
    """The candidate (a day or month ordinal) nearest ``now`` on the side ``direction`` allows.

    With an unknown direction ``same`` (the one in the publication's year or month) wins when it
    lies within ``window`` = (how far back, how far ahead); otherwise the nearest one does.
    """
    if direction == "unknown":
        back, ahead = window
        if same is not None and -back <= same - now <= ahead:
            return same
        return min(candidates, key=lambda c: (abs(c - now), c > now), default=None)
    if direction == "before":
        return max((c for c in candidates if c < now), default=None)
    if direction == "past":
        return max((c for c in candidates if c <= now), default=None)
    return min((c for c in candidates if c >= now), default=None)
