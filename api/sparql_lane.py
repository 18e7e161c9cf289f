"""GET /sparql answered ahead of FastAPI's routing and dependency solving.

Under load the protocol endpoint is the hot path, and the framework's route matching,
dependency solving and middleware cost about 0.2 ms a request: as much CPU as a small query
takes in the engine. The lane calls the same endpoint function with the same store and
settings, and maps errors with the same problem handlers, so only the way in differs.
Anything else (POST, other paths, a proxy's root path, overridden dependencies in tests)
takes the usual way.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from api import problems
from api.routers.sparql import sparql_get
from api.settings import Settings
from graph.store import Store, deadline


class SparqlLane:
    def __init__(self, app: ASGIApp, service: FastAPI) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["path"] != "/sparql"
            or scope.get("root_path")
            or self.service.dependency_overrides
        ):
            await self.app(scope, receive, send)
            return
        store: Store | None = getattr(self.service.state, "store", None)
        settings: Settings = self.service.state.settings
        if store is None:  # still starting: the usual way says so
            await self.app(scope, receive, send)
            return
        scope.setdefault("app", self.service)
        request = Request(scope, receive)
        try:
            with deadline(settings.query_timeout):
                response = await sparql_get(request, store, settings)
        except Exception as exc:  # every error becomes its problem response, as on the usual way
            response = await problems.answer(request, exc)
        await response(scope, receive, send)
