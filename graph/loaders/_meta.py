"""Reading a page's own statements about itself: publication date, publisher, headline.

Korean and English news pages print these in a handful of shapes ("입력 2015-10-08 09:00",
"2019.07.14 행정안전부", "April 28, 2011 | By Kevin Lim", "By X, Outlet", "ⓒ Outlet").
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_NUMERIC = re.compile(r"(?<!\d)(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d)")
_KOREAN = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_MONTH_FIRST = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_TIME = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?|KST|UTC|GMT)?|\b(?:오전|오후)\s*\d{1,2}:\d{2}"
)

# Words that introduce the date a page was published (or, second best, updated).
PUBLISHED_WORDS = re.compile(
    r"(입력|등록|승인|게재|발행|작성|기사입력|송고|published|posted|first published|date)\s*[:：]?\s*$",
    re.IGNORECASE,
)
UPDATED_WORDS = re.compile(
    r"(수정|업데이트|최종수정|updated|modified|last updated)\s*[:：]?\s*$", re.IGNORECASE
)
DATE_WORDS = re.compile(
    r"최종\s*수정|기사\s*입력|입력|등록|승인|게재|발행|작성|송고|수정|업데이트|"
    r"\b(?:first published|last updated|published|posted|updated|modified|date)\b",
    re.IGNORECASE,
)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if 1990 <= year <= 2100 else None


def find_dates(text: str) -> list[tuple[int, int, date]]:
    """Every calendar date written in ``text``: (start, end, date), in reading order."""
    found: list[tuple[int, int, date]] = []
    for match in _NUMERIC.finditer(text):
        d = _make(int(match[1]), int(match[2]), int(match[3]))
        if d:
            found.append((match.start(), match.end(), d))
    for match in _KOREAN.finditer(text):
        d = _make(int(match[1]), int(match[2]), int(match[3]))
        if d:
            found.append((match.start(), match.end(), d))
    for match in _MONTH_FIRST.finditer(text):
        d = _make(int(match[3]), _MONTHS[match[1].lower()], int(match[2]))
        if d:
            found.append((match.start(), match.end(), d))
    for match in _DAY_FIRST.finditer(text):
        d = _make(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
        if d:
            found.append((match.start(), match.end(), d))
    found.sort(key=lambda item: item[0])
    return found


def publication_date(line: str) -> date | None:
    """The date a publication line gives: the one after 입력/Published first, else the first."""
    dates = find_dates(line)
    if not dates:
        return None
    for start, _end, found in dates:
        if PUBLISHED_WORDS.search(line[:start]):
            return found
    for start, _end, found in dates:
        if not UPDATED_WORDS.search(line[:start]):
            return found
    return dates[0][2]


def strip_dates(line: str) -> str:
    """The line with its dates, times and date words removed (what names the publisher, if anything)."""
    for start, end, _found in reversed(find_dates(line)):
        line = line[:start] + " " + line[end:]
    line = _TIME.sub(" ", line)
    line = DATE_WORDS.sub(" ", line)
    return line


def parse_any_date(value: object) -> date | None:
    """A date from metadata: ISO 8601, RFC 822 (RSS) or any shape :func:`find_dates` knows."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    dates = find_dates(text)
    return dates[0][2] if dates else None


# How outlet names end, in Korean and English; a short line ending so is a masthead.
_OUTLET_SUFFIX = re.compile(
    r"(뉴스|일보|신문|경제|투데이|데일리|타임스|타임즈|저널|미디어|방송|통신|매일|헤럴드|리뷰|포스트|넷|닷컴|브리핑|"
    r"News|Times|Herald|Post|Review|Journal|Daily|Tribune|Gazette|Insider|Today|Media|Wire|Monitor|"
    r"Report|Observer|Chronicle|Telegraph|Express|Press|Standard|Weekly|Magazine|Agency|Online|Network|"
    r"Urbanist|Briefing)$"
)
_NAME_CHARS = re.compile(r"^[\w&'’.\- ]+$")


def looks_like_outlet(text: str) -> bool:
    """A short proper name that ends like a news outlet's name."""
    text = text.strip()
    if not (2 <= len(text) <= 30) or not _NAME_CHARS.match(text):
        return False
    if len(text.split()) > 5 or text.endswith("."):
        return False
    return bool(_OUTLET_SUFFIX.search(text))


def looks_like_name(text: str) -> bool:
    """A short name-shaped string (an outlet or a ministry), not a phrase or a sentence."""
    text = text.strip()
    if not (2 <= len(text) <= 30) or not _NAME_CHARS.match(text):
        return False
    if len(text.split()) > 5 or sum(ch.isdigit() for ch in text) > 2:
        return False
    return not re.search(r"(다|요|까)\.?$", text)


_COPYRIGHT = re.compile(
    r"(?:ⓒ|©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]?\s*(?:\d{4})?)?\s*(?:by\s+)?"
    r"(?:ⓒ|©)?\s*([^.,|·]+?)\s*(?:[.,|·]|all rights|무단|$)",
    re.IGNORECASE,
)


def copyright_holder(line: str) -> str | None:
    match = _COPYRIGHT.search(line)
    if not match:
        return None
    name = match[1].strip(" '\"")
    return name if looks_like_name(name) else None


_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|:|·|/)\s+")


def title_suffix_publisher(title_tag: str, headline: str | None) -> str | None:
    """The site name in ``<title>Headline | Site</title>`` (either side of the separator)."""
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title_tag.strip()) if p.strip()]
    if len(parts) < 2:
        return None
    candidates = [parts[-1], parts[0]]
    if headline:
        norm = " ".join(headline.split())
        candidates = [p for p in (parts[-1], parts[0]) if " ".join(p.split()) != norm]
        if not any(" ".join(p.split()) in norm or norm in " ".join(p.split()) for p in parts):
            return None
    for candidate in candidates:
        if looks_like_name(candidate):
            return candidate
    return None
