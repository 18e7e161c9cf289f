"""Every error as RFC 9457 ``application/problem+json``, mapped in this one place.

Details are written for the client. Text from a library's exception never reaches a
response: digicoop's own errors carry messages written for users (graph.errors), and
anything else becomes a generic 500 whose exception is logged.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph import errors

log = logging.getLogger("digicoop.api")

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://w3id.org/digicoop/problems/"

# The first matching class wins, so subclasses come before their bases.
STATUS: list[tuple[type[errors.DigicoopError], int, str]] = [
    (errors.QuerySyntaxError, 400, "sparql-syntax"),
    (errors.QueryRefused, 400, "query-refused"),
    (errors.QueryError, 400, "query-error"),
    (errors.QueryTimeout, 503, "query-timeout"),
    (errors.StoreUnavailable, 503, "store-unavailable"),
    (errors.StoreError, 503, "store-error"),
    (errors.NotFound, 404, "not-found"),
    (errors.InputTooLarge, 413, "input-too-large"),
    (errors.UnsupportedFormat, 415, "unsupported-format"),
    (errors.UnsupportedLanguage, 422, "unsupported-language"),
    (errors.EmptyInput, 422, "empty-input"),
    (errors.InputError, 400, "bad-input"),
    (errors.DigicoopError, 400, "error"),
]


PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string", "description": "A URI naming the kind of problem."},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string", "description": "What went wrong, written for the client."},
        "errors": {
            "type": "array",
            "description": "For 422: where each invalid part of the request is, and why.",
            "items": {"type": "object"},
        },
    },
}

# Every operation can answer with these, so the OpenAPI document says so once for all of them.
RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {
        "description": "The request cannot be answered as sent (RFC 9457 problem).",
        "content": {MEDIA_TYPE: {"schema": PROBLEM_SCHEMA}},
    },
    503: {
        "description": "The store or a query ran out of time or is unavailable; retry later.",
        "content": {MEDIA_TYPE: {"schema": PROBLEM_SCHEMA}},
    },
}


def problem(
    status: int,
    detail: str | None = None,
    *,
    type_: str = "about:blank",
    title: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": type_,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def status_of(exc: errors.DigicoopError) -> tuple[int, str]:
    # A raise site may choose a more exact status (403 for a refused SERVICE) with ``exc.status``.
    for cls, status, slug in STATUS:
        if isinstance(exc, cls):
            return int(getattr(exc, "status", status)), slug
    return 400, "error"


async def _digicoop(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, errors.DigicoopError)
    status, slug = status_of(exc)
    headers = {"Retry-After": "5"} if status == 503 else None
    if status >= 500:
        log.warning("%s %s: %s", request.method, request.url.path, exc)
    return problem(status, str(exc), type_=TYPE_BASE + slug, headers=headers)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail: str | None = exc.detail if isinstance(exc.detail, str) else None
    if detail == HTTPStatus(exc.status_code).phrase:
        detail = None
    return problem(exc.status_code, detail, headers=dict(exc.headers) if exc.headers else None)


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    # Only where and what: the offending input is not echoed back.
    problems = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()
    ]
    where = "; ".join(f"{'.'.join(p['loc'])}: {p['msg']}" for p in problems[:5])
    return problem(422, f"The request is not valid: {where}", errors=problems)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(500, "An unexpected error occurred on the server; it has been logged.")


async def answer(request: Request, exc: Exception) -> JSONResponse:
    """The problem response for ``exc``, as the installed handlers give it (for code that runs
    outside FastAPI's exception middleware)."""
    if isinstance(exc, errors.DigicoopError):
        return await _digicoop(request, exc)
    if isinstance(exc, StarletteHTTPException):
        return await _http(request, exc)
    return await _unexpected(request, exc)


def install(app: FastAPI) -> None:
    """Map every error to a problem, and document those answers on each route included afterwards."""
    for status, response in RESPONSES.items():
        app.router.responses.setdefault(status, response)
    app.add_exception_handler(errors.DigicoopError, _digicoop)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _unexpected)
