"""The store contract: the same behaviour from the embedded, in-memory and remote backends."""

from __future__ import annotations

import csv
import io
import json
import threading
import uuid

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from graph.errors import QuerySyntaxError, StoreError
from graph.store import Store


@pytest.fixture
def ns() -> Namespace:
    return Namespace(f"http://test.example/{uuid.uuid4().hex}/")


def article(ns: Namespace, n: int = 3, tag: str = "a") -> Graph:
    g = Graph()
    for i in range(n):
        g.add((ns[f"org{i}"], RDFS.label, Literal(f"기관 {tag}{i}", lang="ko")))
        g.add((ns[f"org{i}"], ns.number, Literal(i, datatype=XSD.integer)))
    g.add((ns.mou, ns.signedOn, Literal("2024-05-02", datatype=XSD.date)))
    return g


def count(store: Store, graph_iri: str) -> int:
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"])  # type: ignore[call-overload]


def test_a_written_graph_is_seen_in_the_union_default_graph(store: Store, ns: Namespace) -> None:
    store.replace_graph(ns.g1, article(ns))
    rows = store.select(f"SELECT ?label WHERE {{ <{ns.org1}> <{RDFS.label}> ?label }}")
    assert rows == [{"label": Literal("기관 a1", lang="ko")}]
    rows = store.select(f"SELECT ?d WHERE {{ <{ns.mou}> <{ns.signedOn}> ?d }}")
    assert rows[0]["d"] == Literal("2024-05-02", datatype=XSD.date)
    assert str(ns.g1) in set(store.graph_iris())


def test_the_default_graph_joins_across_named_graphs(store: Store, ns: Namespace) -> None:
    facts, labels = Graph(), Graph()
    facts.add((ns.mou, ns.party, ns.kr))
    labels.add((ns.kr, RDFS.label, Literal("Korea", lang="en")))
    store.replace_graph(ns.facts, facts)
    store.replace_graph(ns.labels, labels)
    rows = store.select(f"SELECT ?l WHERE {{ <{ns.mou}> <{ns.party}> ?c . ?c <{RDFS.label}> ?l }}")
    assert [str(r["l"]) for r in rows] == ["Korea"]


def test_replace_graph_replaces_the_whole_graph(store: Store, ns: Namespace) -> None:
    store.replace_graph(ns.g1, article(ns, 5))
    store.replace_graph(ns.g1, article(ns, 2, tag="b"))
    assert count(store, ns.g1) == 5
    labels = {
        str(r["l"]) for r in store.select(f"SELECT ?l WHERE {{ GRAPH <{ns.g1}> {{ ?s <{RDFS.label}> ?l }} }}")
    }
    assert labels == {"기관 b0", "기관 b1"}


def test_drop_graph_says_whether_the_graph_existed(store: Store, ns: Namespace) -> None:
    store.replace_graph(ns.g1, article(ns))
    store.replace_graph(ns.g2, article(ns, 1))
    assert store.drop_graph(ns.g1) is True
    assert store.drop_graph(ns.g1) is False
    assert count(store, ns.g1) == 0
    assert count(store, ns.g2) == 3
    assert str(ns.g1) not in set(store.graph_iris())


def test_ask_and_construct(store: Store, ns: Namespace) -> None:
    g = article(ns, 2)
    store.replace_graph(ns.g1, g)
    assert store.ask(f"ASK {{ <{ns.org0}> ?p ?o }}") is True
    assert store.ask(f"ASK {{ <{ns.nobody}> ?p ?o }}") is False
    built = store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ns.g1}> {{ ?s ?p ?o }} }}")
    assert isomorphic(built, g)


def test_update_writes_into_a_named_graph(store: Store, ns: Namespace) -> None:
    store.update(f'INSERT DATA {{ GRAPH <{ns.g1}> {{ <{ns.s}> <{ns.p}> "서울"@ko }} }}')
    assert store.ask(f'ASK {{ <{ns.s}> <{ns.p}> "서울"@ko }}')
    store.update(f"DROP SILENT GRAPH <{ns.g1}>")
    assert not store.ask(f"ASK {{ <{ns.s}> ?p ?o }}")


def test_malformed_sparql_says_where_it_broke(store: Store) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        store.select("SELECT * WHERE { ?s ?p }")
    message = str(caught.value)
    assert "line 1" in message
    assert "Virtuoso" not in message and "SP030" not in message


def test_raw_query_serializes_every_results_format(store: Store, ns: Namespace) -> None:
    store.replace_graph(ns.g1, article(ns, 3))
    q = f"SELECT ?s ?l WHERE {{ GRAPH <{ns.g1}> {{ ?s <{RDFS.label}> ?l }} }} ORDER BY ?s"
    doc = json.loads(store.raw_query(q, "application/sparql-results+json").body)
    assert doc["head"]["vars"] == ["s", "l"]
    assert doc["results"]["bindings"][0]["l"] == {"type": "literal", "value": "기관 a0", "xml:lang": "ko"}
    rows = list(csv.reader(io.StringIO(store.raw_query(q, "text/csv").body.decode())))
    assert rows[0] == ["s", "l"] and rows[1] == [str(ns.org0), "기관 a0"]
    tsv = store.raw_query(q, "text/tab-separated-values").body.decode().splitlines()
    assert tsv[0] == "?s\t?l" and tsv[1] == f'<{ns.org0}>\t"기관 a0"@ko'
    xml = store.raw_query(q, "application/sparql-results+xml").body.decode()
    assert '<literal xml:lang="ko">기관 a0</literal>' in xml
    capped = json.loads(store.raw_query(q, "application/sparql-results+json", max_rows=2).body)
    assert len(capped["results"]["bindings"]) == 2


@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/n-quads", "nquads"),
        ("application/trig", "trig"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_raw_query_serializes_graphs(
    store: Store, ns: Namespace, media_type: str, rdflib_format: str
) -> None:
    g = article(ns, 2)
    store.replace_graph(ns.g1, g)
    result = store.raw_query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ns.g1}> {{ ?s ?p ?o }} }}", media_type
    )
    assert result.media_type == media_type
    parsed = Graph()
    parsed.parse(data=result.body, format=rdflib_format)
    assert isomorphic(parsed, g)


def test_raw_query_honours_the_protocol_dataset(store: Store, ns: Namespace) -> None:
    store.replace_graph(ns.g1, article(ns, 1))
    store.replace_graph(ns.g2, article(ns, 2, tag="b"))
    q = f"SELECT ?l WHERE {{ ?s <{RDFS.label}> ?l }}"
    doc = json.loads(store.raw_query(q, "application/sparql-results+json", [str(ns.g1)]).body)
    assert [b["l"]["value"] for b in doc["results"]["bindings"]] == ["기관 a0"]
    ask = f"ASK {{ GRAPH ?g {{ <{ns.org1}> ?p ?o }} }}"
    assert b"true" in store.raw_query(ask, "application/sparql-results+json", [], [str(ns.g2)]).body
    assert b"false" in store.raw_query(ask, "application/sparql-results+json", [], [str(ns.g1)]).body


def test_a_reader_never_sees_half_a_graph(store: Store, ns: Namespace) -> None:
    big_a, big_b = article(ns, 60, "a"), article(ns, 60, "b")
    store.replace_graph(ns.g1, big_a)
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.add(count(store, ns.g1))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(15):
            store.replace_graph(ns.g1, big_b if i % 2 else big_a)
    finally:
        stop.set()
        reader.join()
    assert seen == {len(big_a)}


def test_a_graph_of_thousands_of_triples_replaces_whole(
    store: Store, ns: Namespace, request: pytest.FixtureRequest
) -> None:
    if request.node.callspec.params["store"] == "virtuoso":
        # Without its Graph Store endpoint, Virtuoso cannot take this much INSERT DATA: a clear error.
        with pytest.raises(StoreError, match="split it"):
            store.replace_graph(ns.g1, article(ns, 1500))
        return
    store.replace_graph(ns.g1, article(ns, 1500))
    store.replace_graph(ns.g1, article(ns, 1200, tag="b"))
    assert count(store, ns.g1) == 2401
    assert store.ask(f'ASK {{ <{ns.org1199}> <{RDFS.label}> "기관 b1199"@ko }}')
    assert not store.ask(f"ASK {{ <{ns.org1499}> ?p ?o }}")


def test_a_new_graph_appears_whole_or_not_at_all(store: Store, ns: Namespace) -> None:
    # A graph written for the first time takes another path in the embedded store (a load, not
    # an update): it must be just as atomic.
    data = article(ns, 60)
    graphs = [ns[f"new{i}"] for i in range(10)]
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            for g in graphs:
                seen.add(count(store, g))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for g in graphs:
            store.replace_graph(g, data)
    finally:
        stop.set()
        reader.join()
    assert seen <= {0, len(data)}
    assert all(count(store, g) == len(data) for g in graphs)


def test_text_that_is_not_n_triples_writes_nothing(store: Store, ns: Namespace) -> None:
    store.replace_graph(ns.g1, article(ns, 2))
    for graph in (ns.g1, ns.g2):  # an existing graph, and a new one
        with pytest.raises(QuerySyntaxError):
            store.replace_graph(graph, f'<{ns.a}> <{ns.b}> "unterminated .\n')
    assert count(store, ns.g1) == 5
    assert count(store, ns.g2) == 0
