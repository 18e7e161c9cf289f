"""Telling page chrome from story text, one line at a time.

A page copied as text keeps its menus, widgets, bylines, tickers, related-news lists,
comment rules and copyright lines. Each line is classified by features that hold across
sites (length, sentence endings, separators, bullets, share of digits, chrome words),
never by the text of a particular page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from graph.loaders import _meta


class Kind(Enum):
    BLANK = "blank"
    TEXT = "text"
    WIDGET = "widget"  # font size, share, print, list buttons
    MENU = "menu"  # navigation, breadcrumbs, login links
    PUBLINE = "publine"  # the line carrying the publication date
    BYLINE = "byline"
    TICKER = "ticker"  # stock, crypto and FX quotes
    CREDIT = "credit"  # a photo credit standing alone
    END = "end"  # the first line of what follows the story: related news, copyright, contacts


_BULLET = re.compile(r"^(?:[•·◦▪■□◆◇○●※▷▶►‣∙*]|-(?=\s)|\d{1,2}[.)](?=\s))\s*")
_SENTENCE_END = re.compile(r"(?:[다요죠음함임됨][.!?]?|[.!?])[\"'”’)\]」』]*$")
_KOREAN_POLITE_END = re.compile(r"(?:니다|세요|습니다)[.!?]?[\"'”’)]*$")

_WIDGET_WORDS = frozenset(
    [
        "가장작게",
        "작게",
        "기본",
        "크게",
        "가장크게",
        "가",
        "글자크기",
        "글씨크기",
        "확대",
        "축소",
        "인쇄",
        "프린트",
        "스크랩",
        "공유",
        "공유하기",
        "목록",
        "댓글",
        "이메일",
        "메일",
        "URL복사",
        "링크복사",
        "복사",
        "카카오톡",
        "페이스북",
        "트위터",
        "네이버",
        "밴드",
        "북마크",
        "저장",
        "닫기",
        "이전",
        "다음",
        "이전기사",
        "다음기사",
        "맨위로",
        "TOP",
        "top",
        "share",
        "print",
        "email",
        "tweet",
        "facebook",
        "twitter",
        "linkedin",
        "whatsapp",
        "copy",
        "link",
        "save",
        "comments",
        "comment",
        "font",
        "size",
        "a+",
        "a-",
        "x",
        "telegram",
        "reddit",
        "line",
    ]
)
_MENU_WORDS = re.compile(
    r"바로가기|로그인|회원가입|로그아웃|전체메뉴|구독신청|sign in|log in|subscribe|skip to", re.I
)
# "·" is left out: it joins names in decks ("KT·IOM·UNDP") far more often than it splits menus.
_MENU_SEPARATORS = re.compile(r"\s*(?:\||›|»|>|\s{2,})\s*")

_END_HEADERS = re.compile(
    r"^(?:관련\s*기사|관련\s*뉴스|주요\s*뉴스|주요\s*기사|많이\s*본\s*(?:뉴스|기사)|인기\s*(?:뉴스|기사)|추천\s*(?:뉴스|기사)|"
    r"최신\s*(?:뉴스|기사)|실시간\s*(?:뉴스|기사|암호화폐|시세)|함께\s*보면\s*좋은(?:\s*(?:기사|뉴스))?|이\s*시각|핫\s*이슈|포토\s*뉴스|"
    r"오늘의\s*(?:뉴스|사진|영상|상승|하락)|이전\s*다음\s*기사|기사\s*제보|댓글\s*\d*$|"
    r"related(?:\s+(?:articles?|news|stories|content))?|read\s+(?:next|more|also)|more\s+from|most\s+(?:read|popular|viewed)|"
    r"trending|recommended|you\s+may\s+also\s+like|latest\s+(?:news|stories)|top\s+stories|comments?|tags?|"
    r"more\s+(?:stories|news|articles)|see\s+also|also\s+read|editor'?s\s+picks?|most\s+shared)"
    r"\s*[:：]?\s*(?:\d+|더보기|more|\+|>)?$",
    re.IGNORECASE,
)
_END_ANYWHERE = re.compile(
    r"ⓒ|©|copyright|무단\s*전재|재배포\s*금지|all rights reserved|게시물\s*운영\s*원칙|저작권자|"
    r"이\s*자료는.*(?:보도\s*자료|전재)|^대표이사$|^이사구성|^최근공시|^(?:좋아요|화나요|슬퍼요|추천해요)\s*\d*$|"
    r"^[(<\[]?끝[)>\]]?$|^#{3}$",
    re.IGNORECASE,
)
# A prefix word and a colon opening a line of links to other stories ("Related: … | …",
# "See also: …", "[관련기사] …"). Only the colon (or the bracket) tells it from a sentence that
# starts with the same word ("Related agencies will join …"), so it is required.
_LINK_PREFIX = re.compile(
    r"^[\[(【<]?\s*(?:"
    r"related(?:\s+(?:articles?|news|stories|story|content|coverage|links?|reading|posts?))?|"
    r"read\s+(?:more|next|also)|also\s+read|see\s+also|further\s+reading|"
    r"recommended(?:\s+(?:reading|stories|articles|for\s+you))?|you\s+(?:may|might)\s+also\s+like|"
    r"more\s+(?:stories|news|articles|coverage)|more\s+(?:from|on)\s+(?:the\s+)?(?-i:[A-Z0-9])[\w'’&.\-]*(?:\s+[\w'’&.\-]+){0,4}|"
    r"tags?|keywords?|filed\s+under|"
    r"관련\s*(?:기사|뉴스)|함께\s*(?:보면|읽으면)\s*좋은(?:\s*(?:기사|뉴스))?|추천\s*(?:기사|뉴스)|"
    r"많이\s*본\s*(?:기사|뉴스)|태그|키워드"
    r")\s*(?:[\])】>]\s*[:：]?|[:：])\s*",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"^\*?\s*(?:담당|문의|연락처|보도\s*문의|contact|media\s+contact|press\s+contact)\s*[:：]", re.I
)

_KO_BYLINE = re.compile(
    r"^(?:\((?:[^)=]*=)?(?P<paren>[^)]+)\)\s*)?(?:(?P<outlet>.+?)\s+)?(?:[가-힣]{1,8}\s*=\s*)?"
    r"(?P<name>[가-힣]{2,4})\s*"
    r"(?:선임|수석|인턴|객원|전문|편집|논설)?(?:기자|특파원|통신원|에디터|위원)(?:\s*(?:\S+@\S+|=))?$"
)
_EN_BYLINE = re.compile(
    r"^(?:by|written by|reporting by)\s+(?P<names>[^,|·]+?)(?:\s*,\s*(?P<outlet>[^,|·]+))?$", re.I
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")

_CREDIT_TAIL = re.compile(
    r"\s*(?:[(\[（]\s*(?:사진|자료|그래픽|영상|이미지|출처|photo|image|courtesy|credit)[^)\]）]*[)\]）]"
    r"|/\s*(?:사진|자료|그래픽)(?:제공)?\s*=.*"
    r"|(?:image|photo|credit|courtesy)\s*:\s*[^.]*"
    r"|\[(?:사진|자료)[^\]]*\])\s*$",
    re.IGNORECASE,
)
_CREDIT_ALONE = re.compile(
    r"^(?:[(\[]?\s*(?:사진|자료|그래픽)(?:제공)?\s*[=:]|/\s*사진|(?:image|photo)\s*:)", re.I
)
_PAREN_TAIL = re.compile(r"\s*\(([A-Z][\w&.\- ]{0,30})\)\s*$")


@dataclass(frozen=True)
class Line:
    raw: str
    content: str  # without the leading bullet
    text: str  # whitespace-normalized, bullet kept
    bullet: bool
    kind: Kind


def split_bullet(line: str) -> tuple[bool, str]:
    match = _BULLET.match(line)
    if match and match.end() < len(line):
        return True, line[match.end() :].strip()
    return False, line


def is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.strip()))


def is_polite_sentence(text: str) -> bool:
    """Site notices end politely (…입니다.); headlines and news sentences do not."""
    return bool(_KOREAN_POLITE_END.search(text.strip()))


def digit_share(text: str) -> float:
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return 0.0
    return sum(ch.isdigit() or ch in ",.%+-▲▼△▽↑↓" for ch in chars) / len(chars)


def is_widget(text: str) -> bool:
    # "[페이스북] [카카오톡] [링크복사] [인쇄] [가-] [가+]": buttons may come in brackets
    tokens = [t.strip("[]()【】<>").rstrip(":：+-") for t in re.split(r"[\s|/]+", text.strip().lower()) if t]
    if not tokens:
        return False
    stripped = [re.sub(r"\d+$", "", t) for t in tokens]
    return all(t in _WIDGET_WORDS or not t for t in stripped)


def is_menu(text: str) -> bool:
    if _MENU_WORDS.search(text) and len(text) < 80 and not is_sentence(text):
        return True
    parts = [p for p in _MENU_SEPARATORS.split(text.strip()) if p]
    if len(parts) >= 3 and all(len(p) <= 14 for p in parts) and not is_sentence(text):
        return True
    # Breadcrumbs: "IT·과학 > 전자정부", "Home › News".
    return bool(re.search(r"\s[>›»]\s", text)) and len(text) < 60 and not is_sentence(text)


def is_ticker(text: str) -> bool:
    text = text.strip()
    if re.fullmatch(r"[+\-]?[\d,.]+\s*%?", text):
        return True
    if (
        re.search(r"코스피|코스닥|kospi|kosdaq|나스닥|다우|원/달러|환율", text, re.I)
        and digit_share(text) > 0.25
    ):
        return not is_sentence(text)
    return digit_share(text) > 0.5 and len(re.findall(r"[▲▼△▽%]", text)) >= 2


def byline(text: str) -> tuple[bool, str | None]:
    """(is it a byline, the outlet it names)."""
    had_email = bool(_EMAIL.search(text))
    text = _EMAIL.sub("", text).strip(" ,·|/()[]<>")
    if not text:
        return had_email, None
    if len(text) > 80:
        return False, None
    match = _KO_BYLINE.match(text)
    if match:
        outlet = match["outlet"] or match["paren"]
        outlet = outlet.strip() if outlet else None
        if outlet and "=" in outlet:
            outlet = outlet.split("=")[-1].strip()
        return True, outlet if outlet and _meta.looks_like_name(outlet) else None
    match = _EN_BYLINE.match(text)
    if match:
        outlet = match["outlet"].strip() if match["outlet"] else None
        return True, outlet if outlet and _meta.looks_like_name(outlet) else None
    return False, None


def is_publine(text: str) -> bool:
    """A short line carrying a date and little else: the page's publication line."""
    if len(text) > 120 or not _meta.find_dates(text):
        return False
    if _meta.DATE_WORDS.search(text):
        return not is_sentence(text) or len(text) < 60
    rest = _meta.strip_dates(text)
    segments = [s.strip() for s in re.split(r"[|·/,]", rest) if s.strip()]
    return all(len(s) <= 30 and not is_sentence(s) for s in segments) and len(rest.split()) <= 8


_TIME_ZONE = re.compile(
    r"(?:[A-Z]{1,4}[SD]T|UTC|GMT|EAT|WAT|CAT|WIB|WITA|WIT|ICT|SGT|HKT|PHT|PKT|MSK|IST|AST)"
    r"(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?"
)


def publine_publisher(text: str) -> str | None:
    """The outlet or ministry a publication line names beside its date ("2019.07.14 행정안전부")."""
    for segment in re.split(r"\s*[|·/]\s*|\s{2,}", text):
        segment = segment.strip()
        if not segment:
            continue
        is_by, outlet = byline(segment)
        if is_by:
            if outlet:
                return outlet
            continue
        rest = " ".join(_meta.strip_dates(segment).split()).strip(" ,:-")
        rest = re.sub(r"^(?:on|at)\b\s*", "", rest, flags=re.IGNORECASE)
        named_like = bool(rest) and (rest[0].isupper() or "가" <= rest[0] <= "힣")
        unusable = not named_like or is_widget(rest) or bool(re.search(r"\d", rest))
        if unusable and not re.match(r"by\s", rest, re.IGNORECASE):
            continue
        if _TIME_ZONE.fullmatch(rest):
            continue  # "11:05 EAT": the clock's zone, not an outlet
        is_by, outlet = byline(rest)
        if is_by:
            if outlet:
                return outlet
            continue
        if _meta.looks_like_name(rest) and not is_sentence(rest):
            return rest
    return None


def is_contact(text: str) -> bool:
    """A contact line ("담당: …", "Media contact: …")."""
    return bool(_CONTACT.match(text.strip()))


def _link_list(text: str) -> str | None:
    """What follows a related-stories prefix ("Related: A | B" -> "A | B"), or None if none."""
    match = _LINK_PREFIX.match(text.strip())
    return text.strip()[match.end() :] if match else None


def is_link_line(text: str) -> bool:
    """Links to other stories set on one line behind a prefix: "Related: … | …", "관련기사: …".

    Only the line goes: such a line also sits between paragraphs, so it does not end the story.
    """
    return bool(_link_list(text))


def is_end(text: str) -> bool:
    text = text.strip()
    if _CONTACT.match(text):
        return True
    if _link_list(text) == "":
        return True  # the prefix alone heads a list of related stories
    if len(text) <= 40 and _END_HEADERS.match(text):
        return True
    return len(text) <= 200 and bool(_END_ANYWHERE.search(text))


def is_credit(text: str) -> bool:
    return bool(_CREDIT_ALONE.match(text.strip())) and len(text) < 60


def strip_credit(text: str, caption: bool = False) -> str:
    """A caption without its trailing photo credit: "(사진제공= KT)", "/사진=…", "Image: …"."""
    previous = None
    while previous != text:
        previous = text
        text = _CREDIT_TAIL.sub("", text).rstrip()
        if caption:
            # A caption's trailing "(KT)" credits the photographer's organization.
            text = _PAREN_TAIL.sub("", text).rstrip()
    return text


def classify(raw: str) -> Line:
    stripped = " ".join(raw.replace("\u00a0", " ").split())
    if not stripped:
        return Line(raw, "", "", False, Kind.BLANK)
    bullet, content = split_bullet(stripped)
    if is_end(content):
        kind = Kind.END
    elif is_link_line(content):
        kind = Kind.MENU  # navigation to other stories, like a menu
    elif is_widget(content):
        kind = Kind.WIDGET
    elif is_ticker(content):
        kind = Kind.TICKER
    elif is_publine(content):
        kind = Kind.PUBLINE
    elif byline(content)[0]:
        kind = Kind.BYLINE
    elif is_menu(content) or is_menu(raw.replace("\u00a0", " ").strip()):
        kind = Kind.MENU
    elif is_credit(content):
        kind = Kind.CREDIT
    else:
        kind = Kind.TEXT
    return Line(raw, content, stripped, bullet, kind)


def is_caption(text: str) -> bool:
    return text.startswith(("▲", "△", "▶", "[사진]", "사진="))


def deck_text(text: str) -> str:
    """A deck printed as "- … -" without its dashes."""
    match = re.fullmatch(r"[-–—]\s*(.+?)\s*[-–—]?", text)
    return match[1] if match else text


_KO_DATELINE = re.compile(
    r"^\s*[(\[](?:[^)\]=]{1,12}=)?\s*(?P<outlet>[^)\]]{2,20}?)\s*(?:[가-힣]{2,4}\s*(?:기자|특파원))?[)\]]\s*"
    r"(?:[가-힣]{2,4}\s*(?:기자|특파원)\s*)?=\s*"
)
_EN_DATELINE = re.compile(
    r"^[A-Z]{3}[A-Z.'\-]*(?:,? [A-Z][A-Za-z.'\-]+){0,3}\s*(?:\((?P<outlet>[A-Za-z .&]{2,30})\))?"
    r"\s*[—–-]{1,2}\s+(?=[A-Z\"“])"
)


def strip_dateline(text: str) -> tuple[str, str | None]:
    """A lead paragraph without its dateline ("(서울=예시통신) 홍길동 기자 = ", "SEOUL (Wire) — ")."""
    match = _KO_DATELINE.match(text)
    if match and match.end() < len(text):
        outlet = match["outlet"].strip()
        return text[match.end() :], outlet if _meta.looks_like_name(outlet) else None
    match = _EN_DATELINE.match(text)
    if match and match.end() < len(text) and len(text[: match.end()]) <= 60:
        outlet = match["outlet"].strip() if match["outlet"] else None
        return text[match.end() :], outlet if outlet and _meta.looks_like_name(outlet) else None
    return text, None
