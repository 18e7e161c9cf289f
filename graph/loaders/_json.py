"""JSON and JSON Lines articles: ``{"title", "text" or "html", "published", "url", "publisher", "language"}``.

A JSON document holds one object, an array of objects, or an object wrapping an array
(``{"articles": [...]}``); JSON Lines holds one object per line. A line that does not parse
is one bad item, not a bad file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from graph.errors import EmptyInput, InputError, UnsupportedFormat
from graph.loaders import _meta
from graph.loaders._html import parse_html
from graph.loaders._language import normalize_language
from graph.loaders._text import Page, _letters, parse_page
from graph.model import Language

_WRAPPERS = ("articles", "items", "data", "results", "entries")


@dataclass
class Record:
    page: Page
    url: str | None
    language: Language | None


def _records(text: str, lines: bool) -> list[Any | InputError]:
    if lines:
        found: list[Any | InputError] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                found.append(json.loads(line))
            except json.JSONDecodeError as exc:
                found.append(
                    UnsupportedFormat(f"line {number} is not valid JSON ({exc.msg}, column {exc.colno})")
                )
            except RecursionError:
                found.append(UnsupportedFormat(f"line {number} nests JSON arrays or objects too deeply"))
        return found
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnsupportedFormat(
            f"the input is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from exc
    except RecursionError:
        # The decoder recurses once per level: hostile nesting must be a refusal, not a 500.
        raise UnsupportedFormat("the input nests JSON arrays or objects too deeply") from None
    if isinstance(data, dict):
        for key in _WRAPPERS:
            if isinstance(data.get(key), list):
                return list(data[key])
        return [data]
    if isinstance(data, list):
        return list(data)
    raise UnsupportedFormat("the JSON input must be an article object or an array of them")


def _string(record: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def record_to_page(record: Any) -> Record:
    if not isinstance(record, dict):
        raise UnsupportedFormat("a JSON article must be an object with 'title' and 'text' or 'html'")
    title = _string(record, "title", "headline")
    text = _string(record, "text", "body", "content")
    html = _string(record, "html")
    url = _string(record, "url", "link")
    if html:
        page, page_url = parse_html(html)
        url = url or page_url
    elif text and not title:
        page = parse_page(text)
    elif text:
        paragraphs = [" ".join(p.split()) for p in text.splitlines() if p.strip()]
        if paragraphs and _letters(paragraphs[0]) == _letters(title or ""):
            paragraphs = paragraphs[1:]
        page = Page(title=title or "", paragraphs=paragraphs)
    elif title:
        page = Page(title=title, paragraphs=[])
    else:
        raise EmptyInput("the JSON article has no 'title', 'text' or 'html'")
    if title:
        page.title = title
    published = _meta.parse_any_date(
        record.get("published") or record.get("date") or record.get("datePublished")
    )
    if published:
        page.published = published
    publisher = _string(record, "publisher", "site_name", "source_name")
    if publisher:
        page.publisher = publisher
    return Record(
        page=page, url=url, language=normalize_language(record.get("language") or record.get("lang"))
    )


def parse_json(text: str, *, lines: bool = False) -> list[Record | InputError]:
    """One entry per article: its record, or the error that made it unusable."""
    out: list[Record | InputError] = []
    for item in _records(text, lines):
        if isinstance(item, InputError):
            out.append(item)
            continue
        try:
            out.append(record_to_page(item))
        except InputError as exc:
            out.append(exc)
    if not out:
        raise EmptyInput("the JSON input holds no article")
    return out
