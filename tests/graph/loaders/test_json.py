"""JSON and JSON Lines articles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from graph.errors import UnsupportedFormat
from graph.loaders import load_bytes, load_path


def test_json_array_with_text_and_html_records(fixtures: Path) -> None:
    first, second = load_path(fixtures / "articles.json")
    assert first.source.endswith("articles.json#1") and second.source.endswith("articles.json#2")
    a = first.article
    assert a is not None
    assert (a.title, a.published, a.publisher, a.language) == (
        "KOICA opens ICT training centre in Dhaka",
        date(2022, 5, 10),
        "Example Development News",
        "en",
    )
    assert a.url == "https://example.org/news/koica-dhaka"
    assert a.text.split("\n\n")[0] == a.title
    b = second.article
    assert b is not None
    assert b.title == "조달청, 페루에 전자조달 노하우 전수"
    assert b.published == date(2020, 2, 3)
    assert b.publisher == "예시뉴스"
    assert b.language == "ko"
    assert "나라장터" in b.text


def test_jsonl_with_a_broken_line_keeps_the_good_ones(fixtures: Path) -> None:
    results = load_path(fixtures / "articles.jsonl")
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error is not None and "line 2" in results[1].error
    assert isinstance(results[1].exception, UnsupportedFormat)
    assert results[0].article is not None and results[0].article.language == "ko"
    assert results[2].article is not None and results[2].article.published == date(2021, 9, 3)


def test_language_field_overrides_detection_only_for_ko_or_en() -> None:
    record = {"title": "Short note", "text": "KT 5G", "language": "ko"}
    [result] = load_bytes(json.dumps(record).encode(), filename="a.json")
    assert result.article is not None and result.article.language == "ko"
    record["language"] = "fr"
    [result] = load_bytes(json.dumps(record).encode(), filename="a.json")
    assert result.article is not None and result.article.language == "en"


def test_json_without_article_fields_is_a_clear_item_error() -> None:
    [result] = load_bytes(b'{"id": 3}', filename="x.json")
    assert result.article is None
    assert result.error == "the JSON article has no 'title', 'text' or 'html'"


def test_malformed_json_document_raises() -> None:
    try:
        load_bytes(b'{"title": "x", ', filename="x.json")
    except UnsupportedFormat as exc:
        assert "not valid JSON" in str(exc)
    else:
        raise AssertionError("malformed JSON was accepted")
