"""English date expressions: July 16, 2019; 16 July; from 5 to 25 July; March 2010; in 2002; last month; on Wednesday."""

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
    iso,
    mention,
    resolve,
    resolve_range,
    resolve_weekday,
    shift_month,
)

_MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
    "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Month names are matched as capitalised words only: "may" and "march" are also verbs.
_FULL = list(_MONTHS)[:12]  # the abbreviations may end in a period, the full names never do
_ABBREVIATED = sorted(set(_MONTHS) - set(_FULL), key=len, reverse=True)
_MON = r"(?:(?:{})\b|(?:{})\b\.?)".format("|".join(_FULL), "|".join(_ABBREVIATED))
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?:19|20)\d\d(?![\d,]\d)"
_WEEKDAY = r"(?:{})\b".format("|".join(_WEEKDAYS))
_LEAD = rf"(?P<lead>{_WEEKDAY},?\s+)?"  # "Wednesday, July 17" is one date
# A connector for ranges; "and" only after "between".
_TO = r"(?(btw)\s+and\s+|(?:\s*[-–—]\s*|\s+(?:to|through|until|till)\s+))"
_FROM = r"(?:(?P<btw>\b(?i:between)\s+)|\b(?i:from)\s+)?"

_PATTERNS = [
    # 5 to 25 July 2019; 30 July to 2 August; 15-18 July
    re.compile(
        rf"{_FROM}(?<![\d,.])(?P<d1>{_DAY})(?:\s+(?P<m1>{_MON})(?:,?\s+(?P<y1>{_YEAR}))?)?{_TO}"
        rf"(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MON})(?:,?\s+(?P<y2>{_YEAR}))?"
    ),
    # July 15 to 18; July 15-18, 2019; July 30 to August 2
    re.compile(
        rf"{_FROM}(?P<m1>{_MON})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?{_TO}"
        rf"(?:(?P<m2>{_MON})\s+)?(?P<d2>{_DAY})(?:,?\s+(?P<y2>{_YEAR}))?"
    ),
    # from 2015 to 2017; between 2015 and 2017
    re.compile(rf"(?:(?P<btw>\b(?i:between)\s+)|\b(?i:from)\s+)(?P<y1>{_YEAR}){_TO}(?P<y2>{_YEAR})"),
    # (Wednesday,) July 16(, 2019)
    re.compile(rf"{_LEAD}(?P<m1>{_MON})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?"),
    # (Wednesday,) 16 (of) July (2019)
    re.compile(rf"{_LEAD}(?<![\d,.])(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MON})(?:,?\s+(?P<y1>{_YEAR}))?"),
    # March 2010
    re.compile(rf"(?P<m1>{_MON}),?\s+(?P<y1>{_YEAR})"),
    # "in March next year", "March of last year": the year word moves the month's year
    re.compile(rf"(?P<m1>{_MON})\s+(?:of\s+)?(?P<yw>(?i:next|last|this))\s+year\b"),
    # in October, last July, mid-July: a month alone needs a word that makes it a time
    re.compile(
        rf"\b(?:(?P<dir>(?i:last|next|this))|(?i:in|since|from|until|till|by|during|through|before|after"
        rf"|early|mid|late|end\s+of|beginning\s+of|start\s+of))[\s-]+(?P<m1>{_MON})(?!,?\s*\d)"
    ),
    # in 2002, since 2015, by 2030: a year alone needs the same
    re.compile(
        rf"\b(?i:in|since|from|until|till|by|during|through|before|after|early|mid|late|of|year)[\s-]+"
        rf"(?P<y1>{_YEAR})(?!\s*[-–]\s*\d|\s*(?:%|percent))"
    ),
]
_RELATIVE = re.compile(
    r"(?<!the\s)(?<!past\s)\b(?P<w>(?:(?:earlier|later)\s+)?(?:this|last|next)\s+(?:month|year|week)|yesterday|today|tomorrow)\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    rf"(?<!Black\s)(?<!Cyber\s)(?<!Good\s)(?<!Super\s)\b(?:(?P<mod>(?i:last|this|next))\s+)?(?P<wd>{_WEEKDAY})"
)
_WEEKDAY_OF_WEEK = re.compile(
    rf"\b(?P<wd>{_WEEKDAY})(?:\s+(?:to|through|until|-|–)\s+(?P<wd2>{_WEEKDAY}))?\s+(?P<which>(?i:last|this|next))\s+week\b"
)
_DIRECTIONS: dict[str, Direction] = {"last": "before", "next": "after"}


def _week(published: date, delta: int) -> str:
    """The month of last, this or next week where the whole week lies in one month, else its year."""
    monday = add_days(published, 7 * delta - published.weekday())
    sunday = add_days(monday, 6) if monday else None
    if monday is None or sunday is None:
        return ""
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return iso(monday.year, monday.month) or ""
    return (iso(monday.year) or "") if monday.year == sunday.year else ""


def candidates(text: str, published: date | None, tense: Tense, anchor: date | None) -> Iterator[DateMention]:
    del anchor  # English has no formulaic "that day" to resolve
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            found = _from_match(text, m, published, tense)
            if found is not None:
                yield found
    if published is not None:
        yield from _relative(text, published, tense)


def _from_match(text: str, m: re.Match[str], published: date | None, tense: Tense) -> DateMention | None:
    groups = m.groupdict()
    # Prepositions (in, from, between) are context, not part of the mention; last/next are.
    begin = min(m.start(g) for g in ("lead", "dir", "m1", "d1", "y1") if groups.get(g) is not None)
    first = _parts(groups, "1")
    if groups.get("yw") is not None and published is not None:
        delta = {"last": -1, "this": 0, "next": 1}[groups["yw"].lower()]
        first = DateParts(published.year + delta, first.month, None, None)
    if groups.get("y2") is not None or groups.get("d2") is not None:
        span = resolve_range(first, _parts(groups, "2"), published, tense)
        return mention(text, begin, m.end(), *span) if span else None
    value = resolve(first, published, tense)
    return mention(text, begin, m.end(), value) if value else None


def _parts(groups: dict[str, str | None], n: str) -> DateParts:
    def number(name: str) -> int | None:
        raw = groups.get(name)
        return int(re.sub(r"\D", "", raw)) if raw else None

    month = groups.get(f"m{n}")
    direction = _DIRECTIONS.get((groups.get("dir") or "").lower()) if n == "1" else None
    return DateParts(
        number(f"y{n}"), _MONTHS[month.rstrip(".")] if month else None, number(f"d{n}"), direction
    )


def _relative(text: str, published: date, tense: Tense) -> Iterator[DateMention]:
    for m in _RELATIVE.finditer(text):
        words = m["w"].lower().split()
        if words[-1] in ("yesterday", "today", "tomorrow"):
            offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[words[-1]]
            moved = add_days(published, offset)
            value = moved.isoformat() if moved else ""
        else:
            delta = {"last": -1, "this": 0, "next": 1}[words[-2]]
            if words[-1] == "year":
                value = iso(published.year + delta) or ""
            elif words[-1] == "week":
                value = _week(published, delta)
            else:
                value = iso(*shift_month(published.year, published.month, delta)) or ""
        if value:
            yield mention(text, m.start("w"), m.end("w"), value)
    for m in _WEEKDAY_OF_WEEK.finditer(text):  # "on Monday next week", "from Monday to Wednesday next week"
        delta = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
        monday = add_days(published, 7 * delta - published.weekday())
        first = add_days(monday, _WEEKDAYS.index(m["wd"])) if monday else None
        last = add_days(monday, _WEEKDAYS.index(m["wd2"])) if monday and m["wd2"] else None
        if first is not None:
            yield mention(text, m.start(), m.end(), first.isoformat(), last.isoformat() if last else None)
    for m in _WEEKDAY_RE.finditer(text):
        weekday = _WEEKDAYS.index(m["wd"])
        modifier = (m["mod"] or "").lower()
        if modifier == "next":  # "next Wednesday" is never the day of publication
            tomorrow = add_days(published, 1)
            found = resolve_weekday(weekday, tomorrow, "after") if tomorrow else None
        elif modifier == "this" and tense != "past":
            found = resolve_weekday(weekday, published, "after")
        else:
            found = resolve_weekday(weekday, published, _DIRECTIONS.get(modifier, tense))
        if found is not None:
            yield mention(text, m.start(), m.end(), found.isoformat())
