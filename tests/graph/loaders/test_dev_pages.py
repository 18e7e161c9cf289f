"""The shared dev pages: title, date, publisher and language read as the gold files record them."""

from __future__ import annotations

import json

import pytest

from graph.loaders import load_path
from tests.support import require_shared


def _cases() -> list[str]:
    return [
        "en-01",
        "en-05",
        "en-10",
        "en-12",
        "ko-01",
        "ko-03",
        "ko-08",
        "ko-12",
        "ko-17",
        "seed-000",
        "seed-002",
    ]


@pytest.mark.parametrize("case", _cases())
def test_dev_article_fields_match_gold(case: str) -> None:
    folder = require_shared("eval", "dev")
    [page] = [p for p in folder.glob(f"{case}.*") if p.suffix in (".txt", ".html")]
    gold = json.loads((folder / f"{case}.gold.json").read_text(encoding="utf-8"))["article"]
    [result] = load_path(page)
    article = result.article
    assert article is not None, result.error
    got = {
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "publisher": article.publisher,
        "language": article.language,
    }
    assert got == {key: gold[key] for key in got}
    assert article.text.startswith(article.title + "\n\n")
    for chrome in (
        "ⓒ",
        "©",
        "무단전재",
        "관련기사",
        "주요 뉴스",
        "게시물 운영원칙",
        "담당 :",
        "사진제공",
        "사진=",
        "코스피",
    ):
        assert chrome not in article.text


def test_seed_copies_get_the_dev_iris() -> None:
    from graph.loaders import article_iri

    seeds = require_shared("seeds")
    dev = require_shared("eval", "dev")
    iris_seed = {article_iri(r.article) for p in seeds.glob("*.txt") for r in load_path(p) if r.article}
    iris_dev = {article_iri(r.article) for p in dev.glob("seed-*.txt") for r in load_path(p) if r.article}
    assert iris_seed == iris_dev and len(iris_seed) == 2
