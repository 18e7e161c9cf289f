"""Arbitrary input never crashes the loaders: it becomes articles or a clear InputError."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.loaders import load_bytes
from graph.loaders._text import parse_page


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_parse_page_never_raises(text: str) -> None:
    page = parse_page(text)
    assert all(p.strip() for p in page.paragraphs)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([None, "a.txt", "a.html", "a.json", "a.jsonl", "a.xml"]))
def test_load_bytes_raises_only_input_errors(data: bytes, filename: str | None) -> None:
    try:
        results = load_bytes(data, filename=filename)
    except InputError as exc:
        assert str(exc)
        return
    for result in results:
        assert (result.article is None) == (result.error is not None)
        if result.article is not None:
            assert result.article.language in ("ko", "en")
            assert result.article.text.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=500))
def test_utf8_text_as_html_or_json(text: str) -> None:
    for filename in ("x.html", "x.json", "x.rss"):
        with contextlib.suppress(InputError):
            load_bytes(text.encode("utf-8"), filename=filename)
