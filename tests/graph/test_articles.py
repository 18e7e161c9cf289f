"""Reading articles back from the graph: the list, one article with its mentions, and ids."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from graph import articles
from graph.errors import NotFound
from graph.model import Article
from graph.pipeline import ingest_article
from graph.store import Store, open_store

TEXT = """KT and IOM agree to bring digital classrooms to Bangladesh

Seoul, March 4, 2024 - KT signed a memorandum of understanding with the International Organization \
for Migration (IOM) on Monday to open digital learning centres on islands in Bangladesh.

Under the agreement, KT will supply satellite connectivity and tablets, while IOM will train local \
teachers. The two partners plan to hold a workshop in Dhaka in May 2024 to share early results."""

ARTICLE = Article(
    text=TEXT,
    title="KT and IOM agree to bring digital classrooms to Bangladesh",
    language="en",
    published=date(2024, 3, 5),
    publisher="Test Wire",
    url="https://news.example.org/kt-iom",
)


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(memory=True)
    yield s
    s.close()


def test_read_article_gives_text_mentions_at_their_offsets_and_facts(store: Store) -> None:
    iri = ingest_article(store, ARTICLE).article_iri
    view = articles.read_article(store, iri)
    assert view["id"] == iri.rsplit("/", 1)[-1]
    assert view["title"] == ARTICLE.title
    assert view["published"] == "2024-03-05"
    assert view["text"] == TEXT
    spans = {(m["text"], m["id"]) for m in view["mentions"]}
    assert ("KT", "org/kt") in spans
    assert ("Bangladesh", "country/BD") in spans
    for m in view["mentions"]:
        assert TEXT[m["start"] : m["end"]] == m["text"]
        assert m["path"].startswith("/entities/")
    kinds = {s["category"] for s in view["statements"]}
    assert "agreement" in kinds
    for statement in view["statements"]:
        for ev in statement["evidence"]:
            assert TEXT[ev["start"] : ev["end"]] == ev["sentence"]
    assert view["facts"]["article"]["title"] == ARTICLE.title
    assert view["counts"]["agreements"] >= 1


def test_list_is_newest_first_with_counts(store: Store) -> None:
    older = Article(
        text="Korea and Rwanda met in Kigali.", title="Old", language="en", published=date(2020, 1, 1)
    )
    ingest_article(store, older)
    ingest_article(store, ARTICLE)
    total, items = articles.list_articles(store, limit=1)
    assert total == 2
    assert [i["title"] for i in items] == [ARTICLE.title]
    assert items[0]["counts"]["organizations"] >= 2
    _, rest = articles.list_articles(store, limit=5, offset=1)
    assert [i["title"] for i in rest] == ["Old"]


def test_unknown_and_path_like_ids_are_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        articles.read_article(store, articles.article_iri_of("0000000000000000"))
    for bad in ("../etc/passwd", "a/b", "", "x" * 65, ".."):
        with pytest.raises(NotFound):
            articles.article_iri_of(bad)


def test_mentions_need_word_boundaries_but_allow_korean_particles() -> None:
    text = "Koreans visited Korea. 한국은 KTX가 아니라 KT와 협력했다."
    sentences = [("c", 0, 22), ("k", 0, 22), ("kt", 23, len(text)), ("ko", 23, len(text))]
    names = {"c": ["Korea"], "kt": ["KT"], "ko": ["한국"]}
    found = {(text[s:e], x) for s, e, x in articles.find_mentions(text, sentences, names)}
    assert found == {("Korea", "c"), ("KT", "kt"), ("한국", "ko")}


def test_longer_names_win_where_mentions_overlap() -> None:
    text = "Korea International Cooperation Agency (KOICA) signed."
    names = {"koica": ["Korea International Cooperation Agency", "KOICA"], "kr": ["Korea"]}
    found = articles.find_mentions(text, [("koica", 0, len(text)), ("kr", 0, len(text))], names)
    assert [(text[s:e], x) for s, e, x in found] == [
        ("Korea International Cooperation Agency", "koica"),
        ("KOICA", "koica"),
    ]


def test_segments_keep_every_character_once() -> None:
    text = "KT met IOM. Then more."
    mentions = [{"start": 0, "end": 2, "text": "KT"}, {"start": 7, "end": 10, "text": "IOM"}]
    pieces = articles.segments(text, mentions, [0, 12])
    assert "".join(p.get("text", "") for p in pieces) == text
    assert [p["anchor"] for p in pieces if "anchor" in p] == [0, 12]
    assert [p["text"] for p in pieces if p.get("mention")] == ["KT", "IOM"]
