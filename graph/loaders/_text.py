"""A whole web page copied as plain text -> headline, deck, body, date and publisher.

The page is read as a sequence of classified lines (see :mod:`graph.loaders._chrome`):
the publication line anchors the header, the headline is the headline-shaped line just
above it (or the first one after it), and the story runs from there to the first line
that opens the page's trailing chrome (related news, copyright, contacts, comment rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from graph.loaders import _meta
from graph.loaders._chrome import (
    Kind,
    Line,
    byline,
    classify,
    deck_text,
    digit_share,
    is_caption,
    is_contact,
    is_polite_sentence,
    is_sentence,
    publine_publisher,
    strip_credit,
    strip_dateline,
)

_MAX_HEADLINE = 200
_PRESS_RELEASE = re.compile(r"이\s*자료는\s*(.+?)(?:의|에서)\s*보도\s*자료")
_DISPLAY_BULLETS = ("•", "◦", "▪", "·", "∙", "‣")


@dataclass
class Page:
    title: str
    paragraphs: list[str]  # deck and body, without the headline
    published: date | None = None
    publisher: str | None = None
    notes: list[str] = field(default_factory=list)


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _same_headline(text: str, title_key: str) -> bool:
    key = _letters(text)
    return bool(key) and SequenceMatcher(None, key, title_key).ratio() >= 0.8


_TICKER = re.compile(r"\s*[\[【(]\s*(속보|긴급|1보|breaking|BREAKING|Breaking)\s*[\]】)]")
# A release's own label: the issuer's name above it is a masthead, and the headline follows the
# release's date and contact lines.
_RELEASE_LABEL = re.compile(
    r"(?:보도\s*(?:참고\s*)?자료|press\s+release|news\s+release|media\s+release)", re.I
)


def _section_label(text: str) -> bool:
    """A desk or section label set in capitals above a headline ("GOV TECH", "WORLD")."""
    words = text.split()
    return (
        1 <= len(words) <= 3
        and text.upper() == text
        and any(ch.isalpha() for ch in text)
        and not any(ch.isdigit() for ch in text)
        and not re.search(r"[.!?,:]", text)
    )


def _headline_like(line: Line) -> bool:
    if line.kind is not Kind.TEXT or line.bullet:
        return False
    text = line.content
    return (
        8 <= len(text) <= _MAX_HEADLINE
        and not is_polite_sentence(text)
        and not is_caption(text)
        and digit_share(text) < 0.5
    )


def _body_paragraph(line: Line) -> bool:
    return line.kind is Kind.TEXT and len(line.content) >= 40 and is_sentence(line.content)


def _shown(line: Line) -> str:
    """The text a kept line contributes: decks lose their dashes, list glyphs are dropped."""
    if re.match(r"[-–—]\s", line.text):
        text = deck_text(line.text)
    elif line.bullet and line.text.startswith(_DISPLAY_BULLETS):
        text = line.content
    else:
        text = line.text
    return strip_credit(text, caption=is_caption(text))


def _find_publine(lines: list[Line]) -> int | None:
    first_body = next((i for i, line in enumerate(lines) if _body_paragraph(line)), len(lines))
    before = [i for i in range(first_body) if lines[i].kind is Kind.PUBLINE]
    worded = [i for i in before if _meta.DATE_WORDS.search(lines[i].content)]
    if worded:
        return worded[0]
    if before:
        return before[0]
    # Some sites print the date under the story; only a worded line is trusted there.
    for i, line in enumerate(lines):
        if line.kind is Kind.END:
            break
        if line.kind is Kind.PUBLINE and _meta.DATE_WORDS.search(line.content):
            return i
    return None


def _issuer(lines: list[Line], label: int) -> str | None:
    """The name printed just above a release's label ("행정안전부" over "보도자료")."""
    for line in reversed(lines[:label]):
        if line.kind is Kind.BLANK:
            continue
        if line.kind is Kind.TEXT and _meta.looks_like_name(line.content) and not is_sentence(line.content):
            return line.content
        return None
    return None


def _fallback_title(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines):
        if line.kind is Kind.TEXT and not line.bullet:
            return i
    return None


def parse_page(text: str) -> Page:
    lines = [classify(raw) for raw in text.splitlines()]
    pub_idx = _find_publine(lines)
    outlets: list[str] = []  # named by bylines or mastheads, best first
    mastheads: list[str] = []

    run: list[int] = []
    if pub_idx is not None:
        j = pub_idx - 1
        skipped = 0
        while j >= 0 and len(run) < 3:
            line = lines[j]
            if line.kind is Kind.BLANK:
                pass
            elif not run and skipped < 2 and line.kind is not Kind.END and len(line.content) < 8:
                skipped += 1  # a stray widget label between the headline and the date line
            elif line.kind in (Kind.BYLINE, Kind.PUBLINE):
                outlet = byline(line.content)[1] or (
                    publine_publisher(line.content) if line.kind is Kind.PUBLINE else None
                )
                if outlet:
                    outlets.append(outlet)
            elif line.kind is Kind.TEXT and _meta.looks_like_outlet(line.content):
                mastheads.append(line.content)
                if run:
                    break
            elif _headline_like(line):
                run.append(j)
            else:
                break
            j -= 1
    if len(run) >= 2 and _TICKER.match(lines[run[-1]].content):
        run.pop()  # a breaking-news ticker above the headline belongs to the site, not the story
    if len(run) >= 2 and _section_label(lines[run[-1]].content):
        run.pop()
    labels = [i for i in range(pub_idx or 0) if _RELEASE_LABEL.fullmatch(lines[i].content)]
    release = bool(labels)
    if labels:
        issuer = _issuer(lines, labels[-1])
        if issuer:
            mastheads.append(issuer)
        if run and labels[-1] > max(run):
            run = []  # issuer, label, date: the headline comes after the date
    if run:
        title_idx = run[-1]
        deck_before = sorted(run[:-1])
    else:
        deck_before = []
        start = pub_idx + 1 if pub_idx is not None else 0
        title_idx_found = None
        for i in range(start, len(lines)):
            line = lines[i]
            if line.kind is Kind.END:
                if release and is_contact(line.content):
                    continue  # "담당: …" sits between a release's date line and its headline
                break
            if line.kind is Kind.TEXT and _meta.looks_like_outlet(line.content) and not line.bullet:
                mastheads.append(line.content)
                continue
            if _headline_like(line):
                title_idx_found = i
                break
        if title_idx_found is None:
            title_idx_found = _fallback_title(lines)
        if title_idx_found is None:
            return Page(title="", paragraphs=[])
        title_idx = title_idx_found

    title_line = lines[title_idx]
    title = title_line.content
    if len(title) > _MAX_HEADLINE:
        title = re.split(r"(?<=[.!?다])\s", title, maxsplit=1)[0][:_MAX_HEADLINE]
    title_key = _letters(title)

    paragraphs = [_shown(lines[i]) for i in deck_before]
    if len(title_line.content) > _MAX_HEADLINE:
        paragraphs.insert(0, title_line.content)

    start = max(title_idx, pub_idx if pub_idx is not None else -1) + 1
    seen_body = False
    pending_bullets: list[Line] = []
    end_idx = len(lines)
    for i in range(start, len(lines)):
        line = lines[i]
        if line.kind is Kind.BLANK:
            continue
        if line.kind is Kind.END:
            if seen_body:
                end_idx = i
                break
            continue
        if line.kind is Kind.BYLINE:
            outlet = byline(line.content)[1]
            if outlet:
                outlets.append(outlet)
            continue
        if line.kind is not Kind.TEXT:
            continue
        if _letters(line.content) == title_key or (not seen_body and _same_headline(line.content, title_key)):
            continue  # the headline printed a second time, perhaps with other punctuation
        if line.bullet and not is_sentence(line.content) and line.text.startswith(_DISPLAY_BULLETS):
            pending_bullets.append(line)
            if seen_body and len(pending_bullets) >= 3:
                # A list of short bulleted headlines after the story: "more news" without a header.
                end_idx = i
                pending_bullets.clear()
                break
            continue
        paragraphs.extend(_shown(b) for b in pending_bullets)
        pending_bullets.clear()
        if not seen_body and _meta.looks_like_outlet(line.content):
            mastheads.append(line.content)
            continue
        shown, wire = strip_dateline(_shown(line))
        if wire:
            outlets.append(wire)
        paragraphs.append(shown)
        if _body_paragraph(line):
            seen_body = True
    paragraphs.extend(_shown(b) for b in pending_bullets)

    published = _meta.publication_date(lines[pub_idx].content) if pub_idx is not None else None
    publisher = _as_written_elsewhere(
        _publisher(lines, pub_idx, title_idx, end_idx, outlets, mastheads), lines
    )
    return Page(
        title=title,
        paragraphs=_dedupe([p for p in paragraphs if p]),
        published=published,
        publisher=publisher,
    )


def _publisher(
    lines: list[Line],
    pub_idx: int | None,
    title_idx: int,
    end_idx: int,
    outlets: list[str],
    mastheads: list[str],
) -> str | None:
    if pub_idx is not None:
        named = publine_publisher(lines[pub_idx].content)
        if named:
            return named
    if outlets:
        return outlets[0]
    if mastheads:
        return mastheads[0]
    top = [i for i in range(title_idx) if lines[i].kind is not Kind.BLANK]
    if top:
        first = lines[top[0]]
        following = lines[top[1]] if len(top) > 1 else None
        masthead = _meta.looks_like_outlet(first.content) or (
            following is not None and following.kind is Kind.MENU
        )
        if first.kind is Kind.TEXT and _meta.looks_like_name(first.content) and masthead:
            return first.content
    for line in lines[end_idx:]:
        holder = _meta.copyright_holder(line.content) if line.kind is Kind.END else None
        if holder:
            return holder
    for line in lines[end_idx:]:
        match = _PRESS_RELEASE.search(line.content)
        if match and _meta.looks_like_name(match[1].strip("“”\"' ")):
            return match[1].strip("“”\"' ")
    return None


def _as_written_elsewhere(name: str | None, lines: list[Line]) -> str | None:
    """An all-capitals masthead ("DAILY LEDGER") in the case the page itself uses elsewhere.

    Mastheads are set in capitals for display; the copyright or about line writes the name as
    the outlet spells it, and that spelling is the publisher.
    """
    if not name or not name.isupper():
        return name
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
    for line in lines:
        for match in pattern.finditer(line.content):
            if not match[0].isupper():
                return match[0]
    return name


def _dedupe(paragraphs: list[str]) -> list[str]:
    kept: list[str] = []
    for paragraph in paragraphs:
        if kept and _letters(kept[-1]) == _letters(paragraph):
            continue
        kept.append(paragraph)
    return kept


def compose_text(title: str, paragraphs: list[str]) -> str:
    """Article.text: the headline, then deck and body paragraphs, blank-line separated."""
    parts = _dedupe([p.strip() for p in [title, *paragraphs] if p and p.strip()])
    return "\n\n".join(parts)
