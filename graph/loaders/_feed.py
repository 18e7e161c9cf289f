"""RSS 2.0, RSS 1.0 and Atom feeds: each item is an article.

Feeds are XML from strangers, so they are parsed with defusedxml and any DTD or entity
declaration is refused outright (no billion laughs, no external entity reads).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from graph.errors import EmptyInput, InputError, UnsupportedFormat
from graph.loaders import _meta
from graph.loaders._html import fragment_paragraphs
from graph.loaders._text import Page, _letters
from graph.model import Language


@dataclass
class Item:
    page: Page
    url: str | None
    # Detected from the item's text: a feed's <language> is often a site-wide default.
    language: Language | None = None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child(el: Any, *names: str) -> Any | None:
    for name in names:
        for child in el:
            if _local(child.tag) == name:
                return child
    return None


def _text(el: Any | None) -> str:
    if el is None:
        return ""
    return "".join(el.itertext()).strip()


def _content_of(el: Any | None) -> str:
    """An Atom content element may hold escaped HTML (type=html) or inline XHTML."""
    if el is None:
        return ""
    if (el.get("type") or "").lower() == "xhtml":
        import xml.etree.ElementTree as ET

        return "".join(ET.tostring(child, encoding="unicode") for child in el)
    return _text(el)


def _atom_link(entry: Any) -> str | None:
    fallback = None
    for child in entry:
        if _local(child.tag) != "link":
            continue
        rel = (child.get("rel") or "alternate").lower()
        href = child.get("href")
        if href and rel == "alternate":
            return str(href)
        fallback = fallback or href
    return fallback


def _strip_tags(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def _item(
    title: str,
    body_html: str,
    summary_html: str,
    date_text: str,
    link: str | None,
    publisher: str | None,
    language: Language | None,
    number: int,
) -> Item:
    title = _strip_tags(title)
    paragraphs = fragment_paragraphs(body_html) if body_html.strip() else []
    if not paragraphs and summary_html.strip():
        paragraphs = fragment_paragraphs(summary_html)
    if paragraphs and _letters(paragraphs[0]) == _letters(title):
        paragraphs = paragraphs[1:]
    if not title and not paragraphs:
        raise EmptyInput(f"feed item {number} has no title and no text")
    if not title:
        title = paragraphs[0][:200]
    page = Page(
        title=title, paragraphs=paragraphs, published=_meta.parse_any_date(date_text), publisher=publisher
    )
    return Item(page=page, url=link.strip() if link else None, language=language)


def parse_feed(data: bytes | str) -> list[Item | InputError]:
    """One entry per feed item: its article, or the error that made that item unusable."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsupportedFormat(
            "the feed declares a DTD or entities (<!DOCTYPE>/<!ENTITY>); digicoop refuses them so that "
            "no external file or URL can be read through the feed"
        ) from exc
    except ParseError as exc:
        line, column = exc.position
        raise UnsupportedFormat(f"the feed is not well-formed XML (line {line}, column {column})") from exc

    kind = _local(root.tag)
    out: list[Item | InputError] = []
    if kind == "feed":
        publisher = _text(_child(root, "title")) or None
        entries = [el for el in root if _local(el.tag) == "entry"]
        for number, entry in enumerate(entries, start=1):
            try:
                out.append(
                    _item(
                        _text(_child(entry, "title")),
                        _content_of(_child(entry, "content")),
                        _content_of(_child(entry, "summary")),
                        _text(_child(entry, "published", "updated", "issued", "modified")),
                        _atom_link(entry),
                        publisher,
                        None,
                        number,
                    )
                )
            except InputError as exc:
                out.append(exc)
    elif kind in ("rss", "rdf"):
        channel = _child(root, "channel")
        publisher = _text(_child(channel, "title")) if channel is not None else ""
        holder = channel if channel is not None and kind == "rss" else root
        items = [el for el in holder if _local(el.tag) == "item"]
        for number, element in enumerate(items, start=1):
            try:
                out.append(
                    _item(
                        _text(_child(element, "title")),
                        _text(_child(element, "encoded")),
                        _text(_child(element, "description")),
                        _text(_child(element, "pubdate", "date", "published")),
                        _text(_child(element, "link")) or None,
                        publisher or None,
                        None,
                        number,
                    )
                )
            except InputError as exc:
                out.append(exc)
    else:
        raise UnsupportedFormat(f"the XML document is not an RSS or Atom feed (its root is <{kind}>)")
    if not out:
        raise EmptyInput("the feed holds no items")
    return out
