"""The ingest path's minted triples (graph.triples.mint_article_graph): the same graph as
article_graph, written as N-Triples without an rdflib Graph, and counted the same way."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import isomorphic

from graph.pipeline import prepare
from graph.store import open_store
from graph.triples import DCO, article_graph, article_iri, mint_article_graph
from tests.graph.test_triples import make_article, mou_extraction


def test_minted_ntriples_parse_to_the_article_graph() -> None:
    extraction = mou_extraction()
    iri = article_iri(extraction.article)
    minted = mint_article_graph(extraction, iri)
    expected = article_graph(extraction, iri)

    parsed = Graph().parse(data=minted.ntriples(), format="nt")

    assert isomorphic(parsed, expected)
    assert len(minted) == len(expected) == len(set(minted))


def test_minted_ntriples_are_rdflibs_own_lines() -> None:
    extraction = mou_extraction()
    iri = article_iri(extraction.article)
    written = article_graph(extraction, iri).serialize(format="nt")

    lines = mint_article_graph(extraction, iri).ntriples().splitlines()

    assert sorted(lines) == sorted(line for line in written.splitlines() if line)


def test_prepared_counts_match_what_the_store_holds() -> None:
    article = make_article()
    prepared = prepare(article)
    store = open_store(memory=True)
    try:
        store.replace_graph(prepared.result.graph_iri, prepared.ntriples)
        graph = f"<{prepared.result.graph_iri}>"
        rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        people = store.select(
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH {graph} {{ ?x a <{DCO.Person}> }} }}"
        )
    finally:
        store.close()
    assert int(str(rows[0]["n"])) == prepared.result.triples
    assert int(str(people[0]["n"])) == prepared.result.people >= 1
