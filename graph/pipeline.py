"""One article into the knowledge graph: extract, mint, validate, and replace its named graph.

Re-ingesting an article replaces its whole named graph in one store transaction, so a
corrected version keeps no stale fact and an unchanged one changes nothing.
"""

from __future__ import annotations

import gc
import importlib
import logging
import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from graph.model import Article
from graph.store.base import Store
from graph.triples import (
    AGREEMENT_CLASSES,
    DCO,
    EVENT_CLASSES,
    ORG_CLASSES,
    SCHEMA,
    SITE_CLASSES,
    MintedGraph,
    article_graph_iri,
    article_iri,
    mint_article_graph,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    """What one ingest stored. ``conforms`` is None when no SHACL validator was available."""

    article_iri: str
    graph_iri: str
    triples: int
    organizations: int
    sites: int
    people: int
    countries: int
    agreements: int
    events: int
    projects: int
    evidence: int
    conforms: bool | None = None
    messages: list[str] = field(default_factory=list)


def _validator() -> Callable[[Graph], Any] | None:
    """graph.validate.validate when that module exists; ingest works without it."""
    try:
        module = importlib.import_module("graph.validate")
    except ModuleNotFoundError as exc:
        if exc.name != "graph.validate":
            raise
        return None
    validate: Callable[[Graph], Any] | None = getattr(module, "validate", None)
    return validate


@dataclass(frozen=True)
class Prepared:
    """An article extracted and minted, ready to write: what crosses a process boundary.

    The graph travels as N-Triples text, which pickles far faster than an rdflib Graph.
    """

    result: IngestResult
    ntriples: str


def prepare(article: Article, *, iri: str | None = None, validate: bool = False) -> Prepared:
    """Extract and mint one article (pure: no store), ready for :func:`store_prepared`."""
    from graph.extract import extract

    iri = iri or article_iri(article)
    data = mint_article_graph(extract(article), iri)
    conforms: bool | None = None
    messages: list[str] = []
    validator = _validator() if validate else None
    if validator is not None:
        report = validator(data.graph())
        conforms = bool(report.conforms)
        messages = [str(m) for m in report.messages]
        if not conforms:
            log.warning("graph of %s does not conform to the shapes: %s", iri, "; ".join(messages))
    types = _types(data)
    article_node = URIRef(iri)
    mentioned = {o for s, p, o in _with_predicate(data, SCHEMA.mentions) if s == article_node}
    result = IngestResult(
        article_iri=iri,
        graph_iri=article_graph_iri(iri),
        triples=len(data),
        organizations=_count(types, ORG_CLASSES.values()),
        sites=_count(types, SITE_CLASSES.values()),
        people=_count(types, [DCO.Person]),
        countries=len(mentioned & types.get(DCO.Country, set())),
        agreements=_count(types, AGREEMENT_CLASSES.values()),
        events=_count(types, EVENT_CLASSES.values()),
        projects=_count(types, [DCO.Project]),
        evidence=_count(types, [DCO.Evidence]),
        conforms=conforms,
        messages=messages,
    )
    return Prepared(result, data.ntriples())


def store_prepared(store: Store, prepared: Prepared) -> IngestResult:
    """Make a prepared article the whole content of its named graph, in one transaction."""
    store.replace_graph(prepared.result.graph_iri, prepared.ntriples)
    return prepared.result


def ingest_article(
    store: Store, article: Article, *, iri: str | None = None, validate: bool = False
) -> IngestResult:
    """Extract ``article``, mint its graph, optionally validate it against the shapes, and make
    it the whole content of the article's named graph (one transaction).

    ``iri`` overrides the article IRI (default: :func:`graph.triples.article_iri`). A graph that
    does not conform is still stored (one faulty fact must not lose an article); the result says
    so in ``conforms`` and ``messages``, which callers should show. SHACL validation costs far
    more than extraction, so it runs only when asked (``validate=True``, the API's
    ``DIGICOOP_VALIDATE``): the test suite holds the minted graphs to the shapes.
    """
    return store_prepared(store, prepare(article, iri=iri, validate=validate))


def _prepare_one(job: tuple[Article, str | None]) -> Prepared:
    article, iri = job
    return prepare(article, iri=iri)


def _warm_up() -> None:
    # Load the reference data and Kiwi once per worker, before the first article arrives.
    from graph.extract._ko_text import kiwi
    from graph.gazetteer import load_gazetteer
    from ontology import ontology_graph, reference_graph

    load_gazetteer()
    kiwi()
    ontology_graph()  # themes and minting read the scheme and the reference labels
    reference_graph()
    # The reference data, Kiwi and the ontology live as long as the worker: keep the garbage
    # collector from walking them again on every full collection (about 2% of extraction time).
    gc.freeze()


def ingest_many(
    store: Store, jobs: Iterable[tuple[Article, str | None]], *, workers: int = 1
) -> Iterator[IngestResult]:
    """Ingest many articles, yielding each result as it is written.

    With ``workers > 1``, extraction and minting run in that many processes (they are pure)
    while this process writes, one article per transaction, in the order given.
    """
    items = list(jobs)
    if workers <= 1 or len(items) < 2:
        for article, iri in items:
            yield ingest_article(store, article, iri=iri)
        return
    context = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_up) as pool:
        for prepared in pool.map(_prepare_one, items, chunksize=2):
            yield store_prepared(store, prepared)


def delete_article(store: Store, article_iri: str) -> bool:
    """Remove an article and every fact it contributed; False when it was not stored."""
    return store.drop_graph(article_graph_iri(article_iri))


def _types(data: MintedGraph) -> dict[Node, set[Node]]:
    """The subjects of each ``rdf:type`` in ``data``."""
    typed: dict[Node, set[Node]] = {}
    for s, _p, o in _with_predicate(data, RDF.type):
        typed.setdefault(o, set()).add(s)
    return typed


def _with_predicate(data: MintedGraph, predicate: URIRef) -> list[tuple[Node, Node, Node]]:
    """The triples of ``data`` whose predicate is ``predicate``."""
    # rdflib compares terms in Python; minting reuses one object per predicate, so each distinct
    # predicate object is compared once (by id: every one is alive while ``data`` is).
    same: dict[int, bool] = {}
    found = []
    for triple in data:
        key = id(triple[1])
        flag = same.get(key)
        if flag is None:
            flag = same[key] = triple[1] == predicate
        if flag:
            found.append(triple)
    return found


def _count(types: dict[Node, set[Node]], classes: Iterable[URIRef]) -> int:
    """Distinct nodes typed with one of ``classes``."""
    return len(set().union(*(types.get(cls, set()) for cls in classes)))
