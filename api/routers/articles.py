"""Ingest and curation over HTTP: POST, list, read, facts and DELETE of articles."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.deps import BodyDep, SettingsDep, StoreDep, TokenDep
from api.pages import render, wants_html
from graph import articles
from graph.errors import InputError, NotFound, QueryTimeout, UnsupportedFormat
from graph.loaders import LoadResult, content_hash, load_bytes
from graph.store import deadline, deadline_paused, time_left
from graph.store.base import Store

router = APIRouter(tags=["articles"])

# Writes of articles run one at a time: extraction keeps per-process analyzers (Kiwi) that are
# not known to be thread-safe, and the examples loader shares this lock.
INGEST_LOCK = threading.Lock()


@contextmanager
def ingest_lock(timeout: float | None) -> Iterator[None]:
    """INGEST_LOCK, waited for at most ``timeout`` seconds (None: as long as it takes).

    While the store hangs, the writer holding the lock waits out its own timeout: the writers
    queued behind it must not add theirs on top of it."""
    if not INGEST_LOCK.acquire(timeout=-1 if timeout is None else max(timeout, 0.0)):
        raise QueryTimeout("digicoop is busy storing other articles and could not take this one in time.")
    try:
        yield
    finally:
        INGEST_LOCK.release()


_ACCEPTED_TYPES = {
    "application/json",
    "text/plain",
    "text/html",
    "application/xhtml+xml",
    "application/x-ndjson",
    "application/jsonl",
    "application/x-jsonlines",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
}


def ingest_one(
    store: Store, result: LoadResult, *, validate: bool = False, timeout: float | None = None
) -> dict[str, Any]:
    """Store one loaded article unless the same version is already stored.

    ``status`` is "created" (new), "replaced" (a corrected version of a stored article: same IRI,
    other text) or "unchanged" (nothing was written). ``timeout``: seconds this article may wait
    for the store and for other writers (a batch gives each of its articles that much); the
    extraction's own time is not counted."""
    with nullcontext() if timeout is None else deadline(timeout):
        return _ingest_one(store, result, validate=validate)


def _ingest_one(store: Store, result: LoadResult, *, validate: bool) -> dict[str, Any]:
    from graph.pipeline import prepare, store_prepared

    article = result.article
    assert article is not None
    iri = articles.iri_for(article)
    with ingest_lock(time_left()):
        previous = articles.stored_hash(store, iri)
        if previous == content_hash(article.text):
            status = "unchanged"
            conforms: bool | None = None
            messages: list[str] = []
        else:
            with deadline_paused():
                prepared = prepare(article, iri=iri, validate=validate)
            outcome = store_prepared(store, prepared)
            status = "created" if previous is None else "replaced"
            conforms, messages = outcome.conforms, outcome.messages
    ident = articles.article_id(iri)
    body: dict[str, Any] = {
        "status": status,
        "id": ident,
        "iri": iri,
        "title": article.title,
        "language": article.language,
        "counts": articles.counts(store, [iri])[iri],
        "href": f"/articles/{ident}",
        "facts": f"/articles/{ident}/facts",
    }
    if conforms is not None:
        body["conforms"] = conforms
        body["messages"] = messages
    return body


def _media_type(request: Request) -> str | None:
    declared = request.headers.get("content-type")
    if not declared:
        return None
    media = declared.split(";")[0].strip().lower()
    if media not in _ACCEPTED_TYPES:
        raise UnsupportedFormat(
            f"Content-Type '{media[:60]}' is not accepted: send application/json "
            '({"title", "text" or "html", "published", "url", "publisher", "language"}), text/plain or text/html.'
        )
    return media


@router.post(
    "/articles",
    summary="Ingest an article (JSON, text or HTML)",
    status_code=201,
    dependencies=[TokenDep],
    responses={
        200: {"description": "The same article was already stored, or a corrected version replaced it."},
        201: {"description": "The article was new and is now stored."},
    },
)
def post_article(request: Request, body: BodyDep, store: StoreDep, settings: SettingsDep) -> JSONResponse:
    """Extract one article (or each article of a JSON Lines or feed body) into its named graph.

    Idempotent: the same article again changes nothing (200, ``status: unchanged``); a corrected
    version with the same URL replaces the old facts (200, ``status: replaced``).
    """
    media = _media_type(request)
    results = load_bytes(body, media_type=media)
    good = [r for r in results if r.ok]
    if not good:
        failed = results[0] if results else None
        if failed is not None and failed.exception is not None:
            raise failed.exception
        raise InputError(failed.error if failed and failed.error else "No article found in the request body.")
    validate = settings.validate_ingest
    done = [ingest_one(store, r, validate=validate, timeout=settings.query_timeout) for r in good]
    created = any(d["status"] == "created" for d in done)
    headers = {"Location": done[0]["href"]}
    if len(results) == 1:
        return JSONResponse(done[0], status_code=201 if created else 200, headers=headers)
    errors = [{"source": r.source, "detail": r.error} for r in results if not r.ok]
    return JSONResponse(
        {"articles": done, "errors": errors}, status_code=201 if created else 200, headers=headers
    )


@router.get("/articles", summary="The stored articles, newest first", response_model=None)
def get_articles(
    request: Request,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response | dict[str, Any]:
    total, items = articles.list_articles(store, limit=limit, offset=offset)
    more = offset + len(items) < total
    page: dict[str, Any] = {
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": items,
        "next": f"/articles?limit={limit}&offset={offset + limit}" if more else None,
        "previous": f"/articles?limit={limit}&offset={max(0, offset - limit)}" if offset > 0 else None,
    }
    if wants_html(request):
        return render(request, "articles.html", {"page": page})
    return page


@router.get(
    "/articles/{article_id}", summary="One article: metadata, text, mentions, facts", response_model=None
)
def get_article(article_id: str, request: Request, store: StoreDep) -> Response | dict[str, Any]:
    iri = articles.article_iri_of(article_id)
    view = articles.read_article(store, iri)
    if wants_html(request):
        anchors = [e["start"] for s in view["statements"] for e in s["evidence"]]
        entities = {m["entity"]: m for m in view["mentions"]}
        context = {
            "article": view,
            "entities": sorted(entities.values(), key=lambda m: (m["category"] or "", m["label"])),
            "segments": articles.segments(view["text"], view["mentions"], anchors),
            "lang": view["language"] or "en",
        }
        return render(request, "article.html", context)
    return view


@router.get("/articles/{article_id}/facts", summary="The facts view of one article (facts.schema.json)")
def get_article_facts(article_id: str, store: StoreDep) -> dict[str, Any]:
    from graph.facts import facts_from_store

    iri = articles.article_iri_of(article_id)
    if not articles.exists(store, iri):
        raise NotFound(f"There is no article '{article_id}' in the knowledge graph.")
    return facts_from_store(store, iri)


@router.delete(
    "/articles/{article_id}",
    summary="Remove an article and the facts it contributed",
    status_code=204,
    dependencies=[TokenDep],
)
async def delete_article(article_id: str, store: StoreDep) -> Response:
    from graph.pipeline import delete_article as drop

    iri = articles.article_iri_of(article_id)

    def work() -> bool:
        with ingest_lock(time_left()):
            return drop(store, iri)

    if not await run_in_threadpool(work):
        raise NotFound(f"There is no article '{article_id}' in the knowledge graph.")
    return Response(status_code=204)
