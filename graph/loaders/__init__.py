"""Bytes or files in, :class:`graph.model.Article` out.

Public surface::

    load_bytes(data, filename=None, media_type=None) -> list[LoadResult]
    load_path(path) -> list[LoadResult]
    load_paths(patterns) -> Iterator[LoadResult]      # files, folders (recursive), globs
    article_iri(article) -> str                        # stable IRI from the URL, else the text
    content_hash(text) -> str
    MAX_BYTES

Formats: plain text (a web page copied as text, chrome and all), HTML, JSON / JSON Lines
and RSS / Atom, chosen by extension or media type and sniffed from the content otherwise.

Errors: an input that cannot be read at all (too large, binary, undecodable, empty, a
feed with a DTD) raises an :class:`graph.errors.InputError` from ``load_bytes`` and
``load_path``; an input holding several articles reports each bad one as a
``LoadResult`` with ``error`` set and keeps the good ones. ``load_paths`` never raises
for a bad file: it yields an error result for it and goes on.
"""

from __future__ import annotations

import glob
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from graph.errors import EmptyInput, InputError, InputTooLarge, UnsupportedFormat
from graph.loaders._feed import parse_feed
from graph.loaders._html import parse_html
from graph.loaders._identity import article_iri, content_hash, normalize_url
from graph.loaders._json import parse_json
from graph.loaders._language import detect_language
from graph.loaders._text import Page, compose_text, parse_page
from graph.model import Article, Language

__all__ = [
    "MAX_BYTES",
    "LoadResult",
    "article_iri",
    "content_hash",
    "load_bytes",
    "load_path",
    "load_paths",
    "normalize_url",
]

MAX_BYTES = 20 * 1024 * 1024

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_REFUSED_EXTENSIONS = frozenset(
    [
        ".pdf",
        ".doc",
        ".docx",
        ".hwp",
        ".hwpx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".zip",
        ".gz",
        ".tar",
        ".7z",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".mp3",
        ".mp4",
        ".exe",
    ]
)
_MEDIA_TYPES = {
    "text/plain": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
}
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0", "an old Office/HWP document"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
)


@dataclass(frozen=True)
class LoadResult:
    """One article read from an input, or why it could not be read.

    ``exception`` keeps the typed error (an :class:`InputError`) for callers that map
    error kinds to responses; ``error`` is its message, written for the user.
    """

    source: str
    article: Article | None
    error: str | None = None
    exception: InputError | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.article is not None


def _decode(data: bytes, declared: str | None = None) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnsupportedFormat("the input has a UTF-16 byte-order mark but is not valid UTF-16") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    # Older Korean pages are served in EUC-KR; CP949 is its superset.
    candidates = [c for c in (declared, "cp949") if c]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_korean(text):
            return text
    raise UnsupportedFormat(
        f"the input is not valid UTF-8 (bad byte at offset {bad}) and is not Korean CP949/EUC-KR text either; "
        "save it as UTF-8"
    )


def _looks_like_korean(text: str) -> bool:
    """Random bytes also decode as CP949, but as a soup of Hanja and rare syllables with control codes."""
    wide = [ch for ch in text if ord(ch) > 0x7F and ch.isalpha()]
    hangul = sum(1 for ch in wide if "가" <= ch <= "힣")
    return hangul >= 2 and hangul >= 0.9 * len(wide) and _control_share(text) < 0.01


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls / len(text)


def _declared_charset(data: bytes) -> str | None:
    match = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", data[:4096], re.IGNORECASE)
    if not match:
        match = re.search(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", data[:200])
    return match[1].decode("ascii").lower() if match else None


def _check_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormat(
                f"the input is {what}, not an article: send text, HTML, JSON or an RSS/Atom feed"
            )
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormat(
            "the input is binary data (it contains NUL bytes), not an article: send text, HTML, JSON or a feed"
        )


def _sniff(text: str) -> str:
    head = text.lstrip()[:4096].lower()
    if head.startswith(("{", "[")):
        try:
            json.loads(text)
            return "json"
        except RecursionError:
            return "json"  # refused by the JSON parser, which names the nesting
        except ValueError:
            lines = [line for line in text.splitlines() if line.strip()]
            return (
                "jsonl" if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines) else "json"
            )
    if re.match(r"<\?xml|<rss\b|<feed\b|<rdf:rdf\b", head) or re.match(r"<!doctype\s+(rss|feed|rdf)", head):
        return "html" if re.search(r"<html\b", head) else "feed"
    if re.match(r"<!doctype\s+html|<html\b", head) or re.search(r"<(body|article|p|div|h1)\b[^>]*>", head):
        return "html"
    if head.startswith("<!doctype") or "<!entity" in head:
        return "feed"  # refused by the feed parser with a clear message
    return "text"


def _format(data_text: str, filename: str | None, media_type: str | None) -> str:
    if media_type:
        found = _MEDIA_TYPES.get(media_type.split(";")[0].strip().lower())
        if found:
            return found
    if filename:
        suffix = Path(filename).suffix.lower()
        if suffix in _REFUSED_EXTENSIONS:
            raise UnsupportedFormat(
                f"'{suffix}' files are not supported: digicoop reads .txt, .html, .json, .jsonl and RSS/Atom feeds"
            )
        if suffix in _EXTENSIONS:
            return _EXTENSIONS[suffix]
    return _sniff(data_text)


def _article(page: Page, *, url: str | None, source: str | None, language: Language | None) -> Article:
    text = compose_text(page.title, page.paragraphs)
    if not text.strip():
        raise EmptyInput("no article text found: the input holds only page chrome or nothing at all")
    detected = language or detect_language(text)
    published: date | None = page.published
    return Article(
        text=text,
        title=page.title.strip() or text.split("\n", 1)[0],
        language=detected,
        published=published,
        publisher=page.publisher,
        url=url,
        source=source,
    )


def _results(
    entries: list[tuple[Page, str | None, Language | None] | InputError], label: str, source: str | None
) -> list[LoadResult]:
    results: list[LoadResult] = []
    many = len(entries) > 1
    for number, entry in enumerate(entries, start=1):
        item_source = f"{label}#{number}" if many else label
        if isinstance(entry, InputError):
            results.append(LoadResult(item_source, None, str(entry), entry))
            continue
        page, url, language = entry
        try:
            results.append(LoadResult(item_source, _article(page, url=url, source=source, language=language)))
        except InputError as exc:
            results.append(LoadResult(item_source, None, str(exc), exc))
    return results


def load_bytes(
    data: bytes, *, filename: str | None = None, media_type: str | None = None
) -> list[LoadResult]:
    """Every article in ``data``; raises InputError when the input as a whole cannot be read."""
    if len(data) > MAX_BYTES:
        raise InputTooLarge(
            f"the input is {len(data) / 1024 / 1024:.1f} MB; digicoop reads at most {MAX_BYTES // (1024 * 1024)} MB "
            "per file"
        )
    if not data.strip():
        raise EmptyInput("the input is empty")
    _check_binary(data)
    label = filename or "<input>"
    source = Path(filename).name if filename else None
    declared = _declared_charset(data)
    text = _decode(data, declared)
    if not text.strip():
        raise EmptyInput("the input is empty")
    if _control_share(text) > 0.05:
        raise UnsupportedFormat("the input is binary data (full of control codes), not an article")
    kind = _format(text, filename, media_type)

    entries: list[tuple[Page, str | None, Language | None] | InputError] = []
    if kind == "feed":
        for item in parse_feed(data if not data.startswith(b"\xef\xbb\xbf") else data[3:]):
            entries.append(item if isinstance(item, InputError) else (item.page, item.url, item.language))
    elif kind in ("json", "jsonl"):
        for record in parse_json(text, lines=kind == "jsonl"):
            entries.append(
                record if isinstance(record, InputError) else (record.page, record.url, record.language)
            )
    elif kind == "html":
        page, url = parse_html(text)
        entries.append((page, url, None))
    else:
        entries.append((parse_page(text), None, None))
    return _results(entries, label, source)


def load_path(path: str | Path) -> list[LoadResult]:
    """Every article in one file; raises InputError when the file as a whole cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise EmptyInput(f"{path} is not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputTooLarge(
            f"{path.name} is {size / 1024 / 1024:.1f} MB; digicoop reads at most {MAX_BYTES // (1024 * 1024)} MB per file"
        )
    return load_bytes(path.read_bytes(), filename=str(path))


def _expand(pattern: str | Path) -> list[Path] | None:
    path = Path(pattern)
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in _EXTENSIONS
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    matches = sorted(Path(p) for p in glob.glob(str(pattern), recursive=True))
    if not matches:
        return None
    files: list[Path] = []
    for match in matches:
        files.extend(_expand(match) or [])
    return files


def load_paths(patterns: Iterable[str | Path]) -> Iterator[LoadResult]:
    """Articles from files, folders (recursively) and glob patterns; bad files become error results."""
    seen: set[Path] = set()
    for pattern in patterns:
        files = _expand(pattern)
        if files is None:
            exc = EmptyInput(f"no file matches '{pattern}'")
            yield LoadResult(str(pattern), None, str(exc), exc)
            continue
        for file in files:
            resolved = file.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            try:
                yield from load_path(file)
            except InputError as exc:
                yield LoadResult(str(file), None, str(exc), exc)
