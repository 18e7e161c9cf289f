"""The ontology's IRIs: ``/ontology`` (the whole vocabulary), ``/ontology/{Term}`` (one term of
``https://w3id.org/digicoop/ontology#``), ``/theme/`` and ``/theme/{slug}`` (the SKOS themes).

Turtle for machines, a readable page for browsers; the Turtle files in ``ontology/`` are served
as parsed, so the pages never disagree with them."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request, Response
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

import ontology
from api.deps import StoreDep
from api.pages import render
from api.routers.entities import RDF_MEDIA, negotiate, rdf_response
from graph import entity
from graph.errors import NotFound

router = APIRouter(tags=["ontology"])

_TERM = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,80}")
_THEME = re.compile(r"[a-z0-9][a-z0-9\-]{0,80}")
ONTOLOGY_IRI = URIRef(ontology.BASE + "ontology")
_KINDS = (
    ("Classes", OWL.Class),
    ("Object properties", OWL.ObjectProperty),
    ("Datatype properties", OWL.DatatypeProperty),
    ("Annotation properties", OWL.AnnotationProperty),
)


@lru_cache(maxsize=1)
def vocabulary() -> Graph:
    """The ontology alone (digicoop.ttl), with its prefixes."""
    g = Graph()
    g.parse(ontology.ONTOLOGY, format="turtle")
    return g


@lru_cache(maxsize=1)
def themes() -> Graph:
    g = Graph()
    g.parse(ontology.THEMES, format="turtle")
    return g


def _texts(g: Graph, node: Node, prop: URIRef) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for value in g.objects(node, prop):
        if isinstance(value, Literal):
            out.setdefault(value.language or "", []).append(str(value))
    return {lang: sorted(v) for lang, v in sorted(out.items())}


def _link(g: Graph, node: Node) -> dict[str, Any]:
    """How to show a related IRI: a local page for our own terms, the IRI otherwise."""
    iri = str(node)
    if iri.startswith(ontology.NS):
        return {
            "iri": iri,
            "label": "dco:" + iri[len(ontology.NS) :],
            "href": "/ontology/" + iri[len(ontology.NS) :],
        }
    if iri.startswith(ontology.THEME):
        return {
            "iri": iri,
            "label": iri[len(ontology.THEME) :] or "themes",
            "href": "/theme/" + iri[len(ontology.THEME) :],
        }
    prefixed = g.namespace_manager.normalizeUri(URIRef(iri)) if isinstance(node, URIRef) else iri
    return {"iri": iri, "label": prefixed, "href": iri if iri.startswith("http") else None}


def term_view(g: Graph, node: URIRef) -> dict[str, Any]:
    types = [_link(g, t) for t in sorted(g.objects(node, RDF.type), key=str)]
    relations: list[dict[str, Any]] = []
    shown = {RDF.type, RDFS.label, RDFS.comment, SKOS.prefLabel, SKOS.altLabel, SKOS.definition}
    for p, o in sorted(g.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
        if p in shown:
            continue
        relations.append(
            {"property": _link(g, p), "value": _link(g, o) if isinstance(o, URIRef) else {"label": str(o)}}
        )
    local = str(node)[len(ontology.NS) :] if str(node).startswith(ontology.NS) else str(node)
    return {
        "iri": str(node),
        "name": local,
        "types": types,
        "labels": _texts(g, node, RDFS.label) or _texts(g, node, SKOS.prefLabel),
        "alt_labels": _texts(g, node, SKOS.altLabel),
        "comments": _texts(g, node, RDFS.comment) or _texts(g, node, SKOS.definition),
        "relations": relations,
        "used_by": [
            _link(g, s)
            for s in sorted({s for s in g.subjects(None, node) if isinstance(s, URIRef)})
            if s != node
        ],
    }


def _subgraph(g: Graph, node: URIRef) -> Graph:
    """The term's own triples (its description)."""
    out = Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns)
    for p, o in g.predicate_objects(node):
        out.add((node, p, o))
    return out


@router.get(
    "/ontology",
    summary="The digicoop ontology (Turtle, JSON-LD or an HTML page)",
    response_model=None,
    responses={200: {"content": {"text/turtle": {}, "application/ld+json": {}, "text/html": {}}}},
)
def get_ontology(request: Request) -> Response:
    g = vocabulary()
    media = negotiate(request, "text/turtle")
    if media in RDF_MEDIA:
        return rdf_response(g, media)
    sections = []
    for title, cls in _KINDS:
        terms = sorted(
            (
                s
                for s in g.subjects(RDF.type, cls)
                if isinstance(s, URIRef) and str(s).startswith(ontology.NS)
            ),
            key=str,
        )
        sections.append({"title": title, "terms": [term_view(g, t) for t in terms]})
    header = {
        "title": _texts(g, ONTOLOGY_IRI, DCTERMS.title),
        "description": _texts(g, ONTOLOGY_IRI, DCTERMS.description),
        "version": str(g.value(ONTOLOGY_IRI, OWL.versionInfo) or ""),
    }
    if media == "application/json":
        return _json({"iri": str(ONTOLOGY_IRI), **header, "sections": sections})
    return render(request, "term.html", {"ontology": header, "sections": sections, "term": None})


def _json(body: dict[str, Any]) -> Response:
    from fastapi.responses import JSONResponse

    return JSONResponse(body)


@router.get("/ontology/{term}", summary="One term of the ontology", response_model=None)
def get_term(term: str, request: Request) -> Response:
    g = vocabulary()
    node = URIRef(ontology.NS + term)
    if not _TERM.fullmatch(term) or (node, None, None) not in g:
        raise NotFound(f"The digicoop ontology has no term '{term[:80]}'; see /ontology for the list.")
    media = negotiate(request, "text/turtle")
    if media in RDF_MEDIA:
        return rdf_response(_subgraph(g, node), media)
    view = term_view(g, node)
    if media == "application/json":
        return _json(view)
    return render(request, "term.html", {"term": view, "sections": [], "ontology": None})


@router.get(
    "/theme/",
    summary="The theme scheme (SKOS)",
    response_model=None,
    responses={200: {"content": {"text/turtle": {}, "application/ld+json": {}, "text/html": {}}}},
)
def get_theme_scheme(request: Request, store: StoreDep) -> Response:
    g = themes()
    node = URIRef(ontology.THEME)
    media = negotiate(request, "text/turtle")
    if media in RDF_MEDIA:
        return rdf_response(g, media)
    listed = entity.theme_counts(store)
    view = term_view(g, node)
    if media == "application/json":
        return _json({**view, "themes": listed})
    return render(request, "term.html", {"term": view, "themes": listed, "sections": [], "ontology": None})


@router.get("/theme", include_in_schema=False, response_model=None)
def get_theme_scheme_bare(request: Request, store: StoreDep) -> Response:
    return get_theme_scheme(request, store)


@router.get("/theme/{slug}", summary="One theme, with the facts tagged with it", response_model=None)
def get_theme(slug: str, request: Request, store: StoreDep) -> Response:
    g = themes()
    node = URIRef(ontology.THEME + slug)
    if not _THEME.fullmatch(slug) or (node, RDF.type, SKOS.Concept) not in g:
        raise NotFound(f"There is no theme '{slug[:80]}'; see /theme/ for the list.")
    media = negotiate(request, "text/turtle")
    if media in RDF_MEDIA:
        return rdf_response(_subgraph(g, node), media)
    view = term_view(g, node)
    facts = entity.facts_with_theme(store, str(node))
    if media == "application/json":
        return _json({**view, "facts": facts})
    return render(request, "term.html", {"term": view, "facts": facts, "sections": [], "ontology": None})
