"""The SPARQL 1.1 Protocol at /sparql: query, update, content negotiation, and a page for browsers."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from api.deps import BodyDep, Credentials, SettingsDep, StoreDep, check_token
from api.settings import Settings
from graph.store import RDF_TYPES, RESULT_TYPES, Store, add_using, check_outbound, query_form
from graph.store.base import araw_query

router = APIRouter(tags=["SPARQL"])
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")

JSON_RESULTS, XML_RESULTS, CSV, TSV = RESULT_TYPES
TURTLE = "text/turtle"

RESULT_ALIASES = {
    "application/json": JSON_RESULTS,
    "text/javascript": JSON_RESULTS,
    "application/javascript": JSON_RESULTS,
    "application/xml": XML_RESULTS,
    "text/xml": XML_RESULTS,
}
GRAPH_ALIASES = {
    "application/x-turtle": TURTLE,
    "text/n3": TURTLE,
    "text/rdf+n3": TURTLE,
    "text/plain": "application/n-triples",
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
    "application/json": "application/ld+json",
    "text/x-nquads": "application/n-quads",
    "application/x-trig": "application/trig",
}
FORMAT_NAMES = {
    "json": (JSON_RESULTS, "application/ld+json"),
    "xml": (XML_RESULTS, "application/rdf+xml"),
    "rdf": (XML_RESULTS, "application/rdf+xml"),
    "n3": (None, TURTLE),
    "csv": (CSV, None),
    "tsv": (TSV, None),
    "turtle": (None, TURTLE),
    "ttl": (None, TURTLE),
    "nt": (None, "application/n-triples"),
    "ntriples": (None, "application/n-triples"),
    "n-triples": (None, "application/n-triples"),
    "nquads": (None, "application/n-quads"),
    "n-quads": (None, "application/n-quads"),
    "trig": (None, "application/trig"),
    "rdfxml": (None, "application/rdf+xml"),
    "rdf+xml": (None, "application/rdf+xml"),
    "jsonld": (None, "application/ld+json"),
    "json-ld": (None, "application/ld+json"),
}

PREFIXES = {
    "dco": "https://w3id.org/digicoop/ontology#",
    "schema": "http://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "prov": "http://www.w3.org/ns/prov#",
}
EXAMPLES = {
    "Agreements and their parties": """SELECT ?agreement ?label ?party ?date WHERE {
  ?agreement a/rdfs:subClassOf* dco:Agreement ;
             dco:party ?party .
  OPTIONAL { ?agreement rdfs:label ?label }
  OPTIONAL { ?agreement dco:signedOn ?date }
}
ORDER BY DESC(?date)
LIMIT 100""",
    "Organizations with Korean and English names": """SELECT ?org ?ko ?en WHERE {
  ?org a/rdfs:subClassOf* dco:Organization .
  OPTIONAL { ?org skos:prefLabel ?ko FILTER(lang(?ko) = "ko") }
  OPTIONAL { ?org skos:prefLabel ?en FILTER(lang(?en) = "en") }
}
LIMIT 100""",
    "Themes": """SELECT ?theme ?label WHERE {
  ?theme a skos:Concept ; skos:prefLabel ?label .
}
ORDER BY ?label""",
    "Named graphs and their sizes": """SELECT ?g (COUNT(*) AS ?triples) WHERE {
  GRAPH ?g { ?s ?p ?o }
}
GROUP BY ?g
ORDER BY DESC(?triples)""",
}


def accept_list(header: str) -> list[tuple[str, float]]:
    """Media ranges by preference: higher q first, then the order the client wrote them."""
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, i, media))
    return [(media, -neg_q) for neg_q, _, media in sorted(ranges)]


def negotiate(accept: str, offered: tuple[str, ...], aliases: dict[str, str], default: str) -> str:
    if not accept.strip():
        return default
    for media, _ in accept_list(accept):
        if media in offered:
            return media
        if media in aliases:
            return aliases[media]
        if media == "*/*":
            return default
        if media.endswith("/*"):
            main = media[:-1]
            if default.startswith(main):
                return default
            for candidate in offered:
                if candidate.startswith(main):
                    return candidate
    raise HTTPException(
        406,
        f"None of the requested media types can be produced; this result is available as {', '.join(offered)}.",
    )


def choose_media_type(form: str | None, accept: str, format_params: list[str]) -> str:
    graph = form in ("CONSTRUCT", "DESCRIBE")
    offered = tuple(RDF_TYPES) if graph else RESULT_TYPES
    aliases = GRAPH_ALIASES if graph else RESULT_ALIASES
    default = TURTLE if graph else JSON_RESULTS
    # SPARQLWrapper and others also send format/output; honour the ones that fit, ignore the rest.
    for value in format_params:
        value = value.strip().lower()
        if value in offered:
            return value
        if value in aliases:
            return aliases[value]
        if value in FORMAT_NAMES:
            chosen = FORMAT_NAMES[value][1 if graph else 0]
            if chosen:
                return chosen
    return negotiate(accept, offered, aliases, default)


class Params:
    """The protocol's parameters, from the URL and, for a form POST, from the body."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.values: dict[str, list[str]] = {}
        for key, value in pairs:
            self.values.setdefault(key, []).append(value)

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])

    def one(self, key: str) -> str | None:
        found = self.all(key)
        if len(found) > 1:
            raise HTTPException(400, f"Send one '{key}' parameter per request, not {len(found)}.")
        return found[0] if found else None


def _content_type(request: Request) -> tuple[str, str | None]:
    header = request.headers.get("content-type", "")
    fields = [f.strip() for f in header.split(";")]
    charset = None
    for param in fields[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return fields[0].lower(), charset


def _utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, f"The {what} is not valid UTF-8.") from None


def _endpoint_iri(request: Request) -> str:
    return str(request.url.replace(query=""))


# The usual query opens with a plain prologue and its form keyword; this reads those the way
# graph.store's lexer does, and anything else (a string, a variable, an odd spacing) goes to it.
# Atomic groups: a comment must never give back the words it holds.
_PLAIN_FORM = re.compile(
    r"""(?>\s+|\#[^\n\r]*|BASE\s*<[^<>"{}|^`\\\x00-\x20]*>
    |PREFIX\s+(?:[^\W\d][\w.\-]*)?:\s*<[^<>"{}|^`\\\x00-\x20]*>)*
    (SELECT|ASK|CONSTRUCT|DESCRIBE)(?=[\s{*?$(<\#]|\Z)""",
    re.IGNORECASE | re.VERBOSE,
)


def _query_form(text: str) -> str | None:
    plain = _PLAIN_FORM.match(text)
    return plain.group(1).upper() if plain else query_form(text)


def _check_outbound(text: str, allowed: list[str]) -> None:
    # Lexing the whole text costs more than the engine takes for a small query: only texts
    # that can hold the keywords (in the lexer's own upper-casing) are lexed.
    upper = text.upper()
    if "SERVICE" in upper or "LOAD" in upper:
        check_outbound(text, allowed)


async def query_answer(
    store: Store, settings: Settings, query: str, params: Params, accept: str, endpoint_iri: str
) -> tuple[bytes, str]:
    """The body and Content-Type answering ``query``, whichever way the request came in."""
    _check_outbound(query, settings.allow_service_endpoints)
    media_type = choose_media_type(_query_form(query), accept, params.all("format") + params.all("output"))
    result = await araw_query(
        store,
        query,
        media_type,
        params.all("default-graph-uri"),
        params.all("named-graph-uri"),
        base_iri=endpoint_iri,
        max_rows=settings.max_rows,
    )
    media = result.media_type
    if media.startswith("text/") or media.endswith(("json", "xml")) or media.startswith("application/n-"):
        media += "; charset=utf-8"
    return result.body, media


async def _run_query(
    request: Request, store: StoreDep, settings: Settings, query: str, params: Params
) -> Response:
    accept = request.headers.get("accept", "")
    body, media = await query_answer(store, settings, query, params, accept, _endpoint_iri(request))
    return Response(body, headers={"Content-Type": media, "Vary": "Accept"})


async def _run_update(
    request: Request,
    store: StoreDep,
    settings: Settings,
    credentials: Credentials,
    update: str,
    params: Params,
) -> Response:
    check_token(settings, credentials)
    check_outbound(update, settings.allow_service_endpoints)
    update = add_using(update, params.all("using-graph-uri"), params.all("using-named-graph-uri"))
    await run_in_threadpool(store.update, update, base_iri=_endpoint_iri(request))
    return Response(status_code=204)


def _page(request: Request, settings: Settings) -> HTMLResponse:
    examples = dict(EXAMPLES)
    folder = settings.examples_dir / "queries"
    if settings.load_examples and folder.is_dir():
        for path in sorted(folder.glob("*.rq")):
            examples[path.stem.replace("_", " ").replace("-", " ")] = path.read_text(encoding="utf-8")
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    response = templates.TemplateResponse(
        request,
        "sparql.html",
        {"prologue": prologue, "examples": examples, "first": next(iter(EXAMPLES.values()))},
    )
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'"
    )
    response.headers["Vary"] = "Accept"
    return response


def _wants_html(request: Request) -> bool:
    for media, _ in accept_list(request.headers.get("accept", "")):
        if media in ("text/html", "application/xhtml+xml"):
            return True
        if media in RESULT_TYPES or media in RDF_TYPES or media in RESULT_ALIASES or media == "*/*":
            return False
    return False


@router.get(
    "/sparql",
    summary="SPARQL query (GET), or the query page for browsers",
    response_class=Response,
    responses={200: {"content": {t: {} for t in (*RESULT_TYPES, *RDF_TYPES, "text/html")}}},
)
async def sparql_get(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    params = Params(parse_qsl(request.url.query, keep_blank_values=True))
    if params.all("update"):
        raise HTTPException(400, "Updates must be sent by POST, never by GET.")
    query = params.one("query")
    if query is None:
        if _wants_html(request):
            return await run_in_threadpool(_page, request, settings)
        raise HTTPException(400, "Send a SPARQL query in the 'query' parameter.")
    return await _run_query(request, store, settings, query, params)


@router.post(
    "/sparql",
    summary="SPARQL query or update (POST: form, sparql-query or sparql-update body)",
    response_class=Response,
    responses={
        200: {"content": {t: {} for t in (*RESULT_TYPES, *RDF_TYPES)}},
        204: {"description": "Updated"},
    },
)
async def sparql_post(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    credentials: Credentials,
    body: BodyDep,
) -> Response:
    url_pairs = parse_qsl(request.url.query, keep_blank_values=True)
    media, charset = _content_type(request)
    if charset not in (None, "utf-8", "utf8"):
        raise HTTPException(415, "SPARQL requests must be encoded in UTF-8.")
    if media == "application/x-www-form-urlencoded":
        text = _utf8(body, "form body")
        params = Params(url_pairs + parse_qsl(text, keep_blank_values=True))
        query, update = params.one("query"), params.one("update")
        if query is not None and update is not None:
            raise HTTPException(400, "Send either 'query' or 'update', not both.")
        if query is not None:
            return await _run_query(request, store, settings, query, params)
        if update is not None:
            return await _run_update(request, store, settings, credentials, update, params)
        raise HTTPException(400, "The form needs a 'query' or an 'update' parameter.")
    params = Params(url_pairs)
    if media == "application/sparql-query":
        return await _run_query(request, store, settings, _utf8(body, "query"), params)
    if media == "application/sparql-update":
        return await _run_update(request, store, settings, credentials, _utf8(body, "update"), params)
    raise HTTPException(
        415,
        "Send a query as application/sparql-query or application/x-www-form-urlencoded, "
        "or an update as application/sparql-update.",
    )
