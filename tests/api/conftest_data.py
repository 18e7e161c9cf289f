"""One in-memory store with the reference data and the example articles, shared by the tests of
search, browse, paths and named queries (built once per session; tests must not change it)."""

from __future__ import annotations

from functools import lru_cache

from api.app import load_reference_graphs
from graph.loaders import load_paths
from graph.pipeline import ingest_article
from graph.store import Store, open_store
from tests.support import ROOT

EXAMPLES = ROOT / "examples"
ARTICLES = EXAMPLES / "articles"
QUERIES = EXAMPLES / "queries"


@lru_cache(maxsize=1)
def example_store() -> Store:
    store = open_store(memory=True)
    load_reference_graphs(store)
    for result in load_paths([ARTICLES]):
        assert result.article is not None, result.error
        ingest_article(store, result.article)
    return store
