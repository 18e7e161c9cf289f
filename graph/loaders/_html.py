"""An HTML page -> headline, deck, body (with captions), date and publisher.

trafilatura decides which paragraphs are the story (precision first). It drops the
headline, the deck and photo captions, which the guidelines count as body, so those are
recovered from the page's own structure: the ``<h1>``, the blocks between it and the
first story paragraph, and the ``<figcaption>``s. ``<nav>``, ``<aside>``, ``<footer>``
and the ``<title>`` are chrome. Metadata (Open Graph, JSON-LD, ``<time>``) wins over
what the visible text says.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from graph.errors import EmptyInput, UnsupportedFormat
from graph.loaders import _meta
from graph.loaders._chrome import Kind, classify, is_caption, strip_credit
from graph.loaders._text import Page, _letters, parse_page

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "title",
    "head",
)
_CHROME_CLASS = frozenset(
    [
        "related",
        "sidebar",
        "share",
        "sharing",
        "sns",
        "social",
        "comment",
        "comments",
        "banner",
        "advert",
        "advertisement",
        "ads",
        "breadcrumb",
        "breadcrumbs",
        "gnb",
        "lnb",
        "menu",
        "popular",
        "ranking",
        "recommend",
        "recommended",
        "subscribe",
        "newsletter",
        "trending",
        "promo",
        "cookie",
        "cookies",
    ]
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "figcaption",
        "figure",
        "blockquote",
        "section",
        "article",
        "header",
        "main",
        "dd",
        "dt",
        "dl",
        "td",
        "th",
        "tr",
        "table",
        "caption",
        "pre",
        "address",
        "summary",
        "details",
        "hr",
        "center",
    ]
)
_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "webpage",
}


@dataclass(frozen=True)
class Block:
    text: str
    tag: str


def _parse(html: str) -> Any:
    # lxml refuses a str that still declares its encoding.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise UnsupportedFormat("the HTML page could not be parsed") from exc


def _meta_content(tree: Any, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for el in tree.xpath(f"//meta[@{attr}=$n]", n=name):
                content = (el.get("content") or "").strip()
                if content:
                    return content
    return None


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first Article-typed JSON-LD object on the page (looking inside @graph)."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            types = item.get("@type")
            type_list = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in type_list):
                return item
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend(graph)
    return {}


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _class_tokens(el: Any) -> set[str]:
    value = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return set(re.split(r"[\s_\-]+", value)) - {""}


def _clean(tree: Any) -> None:
    for el in list(tree.iter()):
        if not isinstance(el.tag, str):
            if el.getparent() is not None:
                el.drop_tree()
            continue
        chrome = el.tag in _DROP_TAGS or (
            bool(_class_tokens(el) & _CHROME_CLASS) and el.tag not in ("body", "html", "main")
        )
        if chrome and el.getparent() is not None:
            el.drop_tree()


def _blocks(root: Any) -> list[Block]:
    out: list[Block] = []

    def flush(buf: list[str], tag: str) -> None:
        for piece in "".join(buf).split("\n"):
            text = " ".join(piece.split())
            if text:
                out.append(Block(text, tag))
        buf.clear()

    def has_block(el: Any) -> bool:
        return any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in el.iterdescendants())

    def visit(el: Any, tag: str) -> None:
        buf: list[str] = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):
                buf.append(child.tail or "")
                continue
            if child.tag == "br":
                buf.append("\n")
            elif child.tag in _BLOCKS or has_block(child):
                flush(buf, tag)
                visit(child, child.tag if child.tag in _BLOCKS else tag)
            else:
                buf.append(child.text_content())
            buf.append(child.tail or "")
        flush(buf, tag)

    visit(root, root.tag)
    return out


def _footer_copyright(tree: Any) -> str | None:
    for el in tree.xpath("//footer | //*[contains(@class,'copyright')]"):
        for line in el.text_content().splitlines():
            holder = _meta.copyright_holder(line)
            if holder:
                return holder
    return None


def _trafilatura_lines(html: str) -> list[str]:
    extracted = trafilatura.extract(
        html,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_formatting=False,
        output_format="txt",
    )
    return [" ".join(line.split()) for line in (extracted or "").splitlines() if line.strip()]


_DROP_KINDS = {Kind.BYLINE, Kind.END, Kind.WIDGET, Kind.MENU, Kind.TICKER, Kind.CREDIT, Kind.PUBLINE}


def _story(blocks: list[Block], title: str, traf: list[str]) -> list[str]:
    """Deck, body and captions in page order, the body being what trafilatura kept."""
    title_key = _letters(title)
    traf_keys = {_letters(line) for line in traf}
    traf_all = _letters(" ".join(traf))
    start = next((i + 1 for i, b in enumerate(blocks) if _letters(b.text) == title_key), 0)
    kept: list[str] = []
    matched: set[str] = set()
    body_started = False
    for block in blocks[start:]:
        key = _letters(block.text)
        if not key or key == title_key:
            continue
        line = classify(block.text)
        if key in traf_keys or (len(key) >= 20 and key in traf_all):
            matched.add(key)
            body_started = True
            if line.kind not in _DROP_KINDS:
                kept.append(strip_credit(block.text, caption=is_caption(block.text)))
        elif block.tag == "figcaption":
            if line.kind is not Kind.CREDIT:
                kept.append(strip_credit(block.text, caption=True))
        elif (
            not body_started
            and line.kind is Kind.TEXT
            and len(block.text) >= 15
            and not line.bullet
            and not _meta.looks_like_outlet(block.text)
        ):
            kept.append(block.text)
    # When the page's blocks and trafilatura's paragraphs do not line up, trust trafilatura.
    if traf and sum(1 for k in traf_keys if k in matched) < 0.6 * len(traf_keys):
        kept = [t for t in traf if classify(t).kind not in _DROP_KINDS and _letters(t) != title_key]
        kept += [strip_credit(b.text, caption=True) for b in blocks if b.tag == "figcaption"]
    return [k for k in kept if k]


def _choose_title(blocks: list[Block], declared: str | None, title_tag: str) -> str:
    """The headline as printed: the heading that the metadata or the <title> agrees with.

    Many sites put their logo in an <h1>, so the first <h1> alone is not trusted.
    """
    headings = [b.text for b in blocks if b.tag in ("h1", "h2", "h3")]
    h1s = [b.text for b in blocks if b.tag == "h1"]
    if declared:
        ref = _letters(declared)
        for text in h1s + headings:
            key = _letters(text)
            if len(key) >= 4 and (key in ref or ref in key):
                return text
        return declared
    tag_key = _letters(title_tag)
    for text in h1s + headings:
        key = _letters(text)
        if len(key) >= 6 and key in tag_key:
            return text
    long_h1s = [text for text in h1s if len(text) >= 8]
    return long_h1s[0] if long_h1s else ""


def parse_html(html: str) -> tuple[Page, str | None]:
    """The page and its canonical URL (if it declares one)."""
    tree = _parse(html)
    ld = _json_ld(tree)
    title_tag = " ".join((tree.findtext(".//title") or "").split())
    url = _meta_content(tree, "og:url") or next(iter(tree.xpath("//link[@rel='canonical']/@href")), None)
    if not url and isinstance(ld.get("url"), str):
        url = ld["url"]

    published: date | None = _meta.parse_any_date(
        _meta_content(tree, "article:published_time", "og:published_time", "datePublished", "pubdate", "date")
        or ld.get("datePublished")
    )
    if published is None:
        times = tree.xpath("//time[@datetime]/@datetime")
        published = _meta.parse_any_date(times[0]) if times else None
    publisher = _meta_content(tree, "og:site_name") or _ld_name(ld.get("publisher"))
    copyright_holder = _footer_copyright(tree)

    _clean(tree)
    body = tree.find("body") if tree.find("body") is not None else tree
    blocks = _blocks(body)
    title = _choose_title(
        blocks,
        _meta_content(tree, "og:title", "twitter:title")
        or (ld.get("headline") if isinstance(ld.get("headline"), str) else None),
        title_tag,
    )
    page_text = "\n".join(b.text for b in blocks)
    visible = parse_page(page_text)
    if not title:
        title = visible.title or title_tag
    if not title and not blocks:
        raise EmptyInput("the HTML page has no text")

    traf = _trafilatura_lines(html)
    paragraphs = _story(blocks, title, traf) if traf else visible.paragraphs
    if not traf and visible.title and _letters(visible.title) != _letters(title):
        paragraphs = [visible.title, *paragraphs]

    publisher = (
        publisher or visible.publisher or _meta.title_suffix_publisher(title_tag, title) or copyright_holder
    )
    page = Page(
        title=title.strip(),
        paragraphs=paragraphs,
        published=published or visible.published,
        publisher=publisher,
    )
    return page, url


def fragment_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment (a feed item's description), chrome lines left out."""
    if "<" not in fragment:
        return [" ".join(line.split()) for line in fragment.splitlines() if line.strip()]
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return [" ".join(line.split()) for line in fragment.splitlines() if line.strip()]
    _clean(root)
    kept = []
    for block in _blocks(root):
        line = classify(block.text)
        if line.kind in _DROP_KINDS and line.kind is not Kind.PUBLINE:
            continue
        kept.append(strip_credit(block.text, caption=block.tag == "figcaption" or is_caption(block.text)))
    return [k for k in kept if k]
