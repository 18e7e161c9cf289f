"""Extraction: pure functions from an Article to the dataclasses of :mod:`graph.model`."""

from __future__ import annotations

from graph.model import Article, Extraction


def extract(article: Article) -> Extraction:
    """The organizations, places, people and cooperation facts an article reports."""
    if article.language == "ko":
        from graph.extract.korean import extract_korean

        return extract_korean(article)
    from graph.extract.english import extract_english

    return extract_english(article)


__all__ = ["extract"]
