"""Dereferenceable entity IRIs: ``/id/{type}/{slug}`` and ``/entities/{id}`` answer browsers with
a page, RDF clients with Turtle or JSON-LD, and everyone else with JSON."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from rdflib import Graph

from api.deps import StoreDep
from api.pages import render
from graph import entity

router = APIRouter(tags=["entities"])

RDF_MEDIA = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
FORMATS = {
    "html": "text/html",
    "json": "application/json",
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "xml": "application/rdf+xml",
}
OFFERED = ("text/html", "application/json", *RDF_MEDIA)


def negotiate(request: Request, default: str) -> str:
    """The media type to answer with: ``?format=`` first, then the Accept header's q-values over
    what is offered (ties go to the order of OFFERED), else ``default``."""
    fmt = request.query_params.get("format", "").lower()
    if fmt in FORMATS:
        return FORMATS[fmt]
    accept = request.headers.get("accept", "")
    best: tuple[float, int, str] | None = None
    wildcard = 0.0
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if media in ("*/*", ""):
            wildcard = max(wildcard, q if media else 0.0)
            continue
        if media in OFFERED and q > 0:
            candidate = (q, -OFFERED.index(media), media)
            if best is None or candidate > best:
                best = candidate
    if best is not None and best[0] >= wildcard:
        return best[2]
    return default


def rdf_response(graph: Graph, media: str) -> Response:
    data = graph.serialize(format=RDF_MEDIA[media])
    body = data.encode("utf-8") if isinstance(data, str) else data
    served = "text/turtle" if media == "application/x-turtle" else media
    return Response(body, media_type=f"{served}; charset=utf-8" if served.startswith("text/") else served)


def _answer(request: Request, store: Any, iri: str, default: str) -> Response | dict[str, Any]:
    media = negotiate(request, default)
    if media in RDF_MEDIA:
        return rdf_response(entity.entity_graph(store, iri), media)
    view = entity.entity_view(store, iri)
    if media == "text/html":
        lang = "ko" if view["names"].get("ko") and not view["names"].get("en") else "en"
        return render(request, "entity.html", {"e": view, "lang": lang})
    return view


@router.get(
    "/id/{type_}/{slug}",
    summary="Dereference an entity IRI (HTML, Turtle, JSON-LD or JSON)",
    response_model=None,
)
def get_by_iri(type_: str, slug: str, request: Request, store: StoreDep) -> Response | dict[str, Any]:
    iri = entity.iri_of(type_, slug)
    if type_ == "article":
        from graph.articles import read_article

        if negotiate(request, "text/turtle") in ("text/html", "application/json"):
            return Response(status_code=303, headers={"Location": f"/articles/{slug}"})
        read_article(store, iri)  # NotFound for an unknown article
    return _answer(request, store, iri, "text/turtle")


@router.get(
    "/entities/{ident:path}",
    summary="One entity with its facts and the sentences behind them",
    response_model=None,
)
def get_entity(ident: str, request: Request, store: StoreDep) -> Response | dict[str, Any]:
    """``ident`` is ``type/slug`` (``org/kt``, ``country/KR``), ``type:slug``, the full IRI, or a
    slug that names one entity."""
    if ident.startswith("theme/"):
        return Response(status_code=307, headers={"Location": "/" + ident})
    iri = entity.resolve(store, ident)
    return _answer(request, store, iri, "application/json")
