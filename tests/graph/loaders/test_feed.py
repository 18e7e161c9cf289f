"""RSS and Atom feeds: one article per item, bad items reported, entities refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.errors import EmptyInput, UnsupportedFormat
from graph.loaders import load_bytes, load_path


def test_rss_items_with_one_broken_item(fixtures: Path) -> None:
    results = load_path(fixtures / "feed.rss")
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error == "feed item 2 has no title and no text"
    assert isinstance(results[1].exception, EmptyInput)
    first = results[0].article
    assert first is not None
    assert first.title == "Korea and Kenya sign digital government MOU"
    assert first.published == date(2024, 5, 14)
    assert first.publisher == "Global ICT Bulletin"
    assert first.url == "https://bulletin.example/2024/korea-kenya-mou"
    # content:encoded wins over the teaser description; the caption stays, its credit goes.
    assert "teaser" not in first.text
    assert "Officials at the signing in Nairobi." in first.text.split("\n\n")
    assert "Photo:" not in first.text
    third = results[2].article
    assert third is not None and "<p>" not in third.text and "twelve countries" in third.text


def test_atom_entries(fixtures: Path) -> None:
    first, second = load_path(fixtures / "feed.atom")
    assert first.article is not None and second.article is not None
    assert first.article.language == "ko"
    assert first.article.published == date(2024, 4, 1)  # published, not updated
    assert first.article.url == "https://policy.example/news/5g-uzbekistan"
    assert first.article.text.split("\n\n")[1].startswith("과학기술정보통신부는 1일")
    assert second.article.language == "en"
    assert second.article.published == date(2024, 3, 28)
    assert second.article.publisher == "예시정책뉴스"


def test_external_entity_feed_is_refused(fixtures: Path) -> None:
    with pytest.raises(UnsupportedFormat, match="DTD or entities"):
        load_path(fixtures / "xxe.xml")


def test_entity_bomb_without_extension_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><rss>&lol2;</rss>'
    with pytest.raises(UnsupportedFormat, match="DTD or entities"):
        load_bytes(bomb)


def test_malformed_feed_says_where() -> None:
    with pytest.raises(UnsupportedFormat, match="not well-formed XML"):
        load_bytes(b"<rss><channel><item><title>x</channel></rss>", filename="bad.rss")


def test_xml_that_is_not_a_feed() -> None:
    with pytest.raises(UnsupportedFormat, match="not an RSS or Atom feed"):
        load_bytes(b"<?xml version='1.0'?><catalog><book/></catalog>")
