"""Article IRIs: the same article twice is one IRI; a corrected article with a URL keeps its IRI."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from graph.loaders import article_iri, content_hash, load_path
from graph.loaders._identity import normalize_url
from graph.model import Article

IRI = re.compile(r"^https://w3id\.org/digicoop/id/article/[0-9a-f]{16}$")


def _article(text: str, url: str | None = None) -> Article:
    return Article(text=text, title=text.split("\n")[0], language="en", url=url)


def test_iri_shape_and_repeatability(fixtures: Path) -> None:
    first = load_path(fixtures / "ko_page.txt")[0].article
    second = load_path(fixtures / "ko_page.txt")[0].article
    assert first is not None and second is not None
    assert IRI.match(article_iri(first))
    assert article_iri(first) == article_iri(second)


def test_text_iri_ignores_whitespace_and_compatibility_forms() -> None:
    a = _article("Fiji  opens\n\ndata centre")
    b = _article("Fiji opens data centre")
    c = _article("Ｆｉｊｉ opens data centre")  # full-width letters, NFKC-equal
    assert article_iri(a) == article_iri(b) == article_iri(c)
    assert article_iri(a) != article_iri(_article("Fiji opens a data centre"))


def test_corrected_article_with_a_url_keeps_its_iri() -> None:
    original = _article("Tonga signs deal", url="https://news.example/tonga?id=5")
    corrected = replace(original, text="Tonga signs cable deal (corrected)")
    assert article_iri(original) == article_iri(corrected)


def test_url_normalization_drops_tracking_and_fragments() -> None:
    same = [
        "https://News.Example/a/b/?id=5&utm_source=x#top",
        "http://www.news.example:80/a/b?utm_medium=y&id=5",
        "https://news.example/a/b?id=5",
    ]
    assert len({normalize_url(u) for u in same}) == 1
    assert normalize_url("https://news.example/a?id=5") != normalize_url("https://news.example/a?id=6")


def test_content_hash_is_sha256_of_normalized_text() -> None:
    assert content_hash("a  b\n") == content_hash("a b")
    assert len(content_hash("a b")) == 64
