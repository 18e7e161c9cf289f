"""GET /sparql answered ahead of FastAPI's middleware, routing and dependency solving.

Under load the protocol endpoint is the hot path. The framework's layers (telemetry, error and
body-limit middleware, route matching, dependency solving, the Request and Response objects)
cost about as much CPU as a small query takes in the engine. The lane answers a plain query
with the router's own ``query_answer`` and the same store and settings, and maps errors with
the same problem handlers, so only the way in differs. Anything else (no query, an update,
POST, other paths, a proxy's root path, overridden dependencies in tests) takes the usual way.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import FastAPI, HTTPException, Request
from starlette.datastructures import URL
from starlette.types import ASGIApp, Receive, Scope, Send

from api import problems
from api.routers.sparql import Params, query_answer
from api.settings import Settings
from graph.store import Store, deadline

# Endpoint IRIs (the base IRI of queries) by scheme, Host header and server address: a handful
# in practice. Host headers come from clients, so the memo is emptied when it grows.
_ENDPOINTS: dict[tuple[str, bytes | None, object], str] = {}
_ENDPOINTS_MAX = 256


def _endpoint_iri(scope: Scope, host: bytes | None) -> str:
    server = scope.get("server")
    key = (scope.get("scheme", "http"), host, tuple(server) if server is not None else None)
    found = _ENDPOINTS.get(key)
    if found is None:
        if len(_ENDPOINTS) >= _ENDPOINTS_MAX:
            _ENDPOINTS.clear()
        headers = [(b"host", host)] if host is not None else []
        plain = {"type": "http", "scheme": key[0], "server": key[2], "path": "/sparql", "headers": headers}
        found = _ENDPOINTS[key] = str(URL(scope=plain))
    return found


class SparqlLane:
    """Calls ``app`` (the usual way) for everything it does not answer itself."""

    def __init__(self, app: ASGIApp, service: FastAPI) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        store: Store | None
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["path"] != "/sparql"
            or scope.get("root_path")
            or self.service.root_path
            or self.service.dependency_overrides
            or (store := getattr(self.service.state, "store", None)) is None  # still starting
        ):
            await self.app(scope, receive, send)
            return
        try:
            params = Params(parse_qsl(scope["query_string"].decode(), keep_blank_values=True))
            query = params.one("query")
        except (UnicodeDecodeError, HTTPException):
            query = None
        if query is None or params.all("update"):  # the page, or an error the router words
            await self.app(scope, receive, send)
            return
        accept: str | None = None
        host: bytes | None = None
        for name, value in scope["headers"]:  # the first of each, as Starlette's Headers reads them
            if name == b"accept" and accept is None:
                accept = value.decode("latin-1")
            elif name == b"host" and host is None:
                host = value
        settings: Settings = self.service.state.settings
        scope.setdefault("app", self.service)
        try:
            with deadline(settings.query_timeout):
                body, media = await query_answer(
                    store, settings, query, params, accept or "", _endpoint_iri(scope, host)
                )
        except Exception as exc:  # every error becomes its problem response, as on the usual way
            response = await problems.answer(Request(scope, receive), exc)
            await response(scope, receive, send)
            return
        headers = [
            (b"content-length", str(len(body)).encode()),
            (b"content-type", media.encode("latin-1")),
            (b"vary", b"Accept"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class Service(FastAPI):
    """The FastAPI application with the lane in front of all of its middleware."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._lane = SparqlLane(super().__call__, self)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._lane(scope, receive, send)
