"""Korean extraction: an Article in, an Extraction out (pure; no RDF, no store)."""

from __future__ import annotations

from graph.extract._builder import Builder
from graph.extract._ko_entities import entities
from graph.extract._ko_relations import Context, relations
from graph.extract._ko_text import sentences
from graph.model import Article, Extraction


def extract_korean(article: Article) -> Extraction:
    builder = Builder(article)
    ctx = Context(published=article.published)
    for sentence in sentences(article.text):
        mentions = entities(sentence, builder)
        relations(sentence, mentions, builder, ctx)
    return builder.build()
