"""The FastAPI application: ``create_app()`` builds it, its lifespan opens and fills the store."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from rdflib import Graph
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

import ontology
from api import problems, routers
from api.examples import start_examples
from api.settings import Settings
from api.sparql_lane import Service
from graph.errors import DigicoopError
from graph.store import Store, deadline, open_store

log = logging.getLogger("digicoop.api")
HERE = Path(__file__).resolve().parent


def store_from_settings(settings: Settings) -> Store:
    auth: httpx.Auth | None = None
    if settings.endpoint and settings.endpoint_user:
        password = settings.endpoint_password.get_secret_value() if settings.endpoint_password else ""
        if settings.endpoint_auth == "digest":
            auth = httpx.DigestAuth(settings.endpoint_user, password)
        else:
            auth = httpx.BasicAuth(settings.endpoint_user, password)
    return open_store(
        settings.store_dir,
        memory=settings.memory,
        endpoint=settings.endpoint,
        update_endpoint=settings.update_endpoint,
        graph_store=settings.graph_store_endpoint,
        auth=auth,
        timeout=settings.query_timeout,
        query_processes=settings.query_processes,
        hidden_graphs=settings.hidden_graphs,
        result_cache_bytes=int(settings.result_cache_mb * 1_000_000),
        memory_copy_triples=settings.memory_copy_triples,
    )


def _ontology() -> Graph:
    present = [p for p in (ontology.ONTOLOGY, ontology.THEMES) if p.exists()]
    if len(present) == 2:
        return ontology.ontology_graph()
    g = Graph()
    for path in present:
        g.parse(path, format="turtle")
    return g


def load_reference_graphs(store: Store) -> None:
    """Put the ontology, themes and reference data in their named graphs (whatever exists yet)."""
    for iri, build in (
        (ontology.GRAPH_ONTOLOGY, _ontology),
        (ontology.GRAPH_REFERENCE, ontology.reference_graph),
    ):
        g = build()
        if len(g):
            store.replace_graph(iri, g)
            log.info("loaded %d triples into <%s>", len(g), iri)


class BodyLimit:
    """Refuse a declared Content-Length over the limit before any of the body is read."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for name, value in scope["headers"]:
                if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                    response = problems.problem(
                        413, f"The request body is larger than the limit of {self.limit} bytes."
                    )
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


class RequestDeadline:
    """One budget of ``seconds`` per request for all its calls to a remote store.

    A request that makes several queries (a search, a page, an ingest) then answers by the query
    timeout, rather than after one timeout per query when the engine hangs."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Worker threads run in a copy of this context, so the endpoint's store calls see it.
        with deadline(self.seconds):
            await self.app(scope, receive, send)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The service. A ``store`` given here is used as is and left open at shutdown."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        opened = store if store is not None else await run_in_threadpool(store_from_settings, settings)
        app.state.store = opened
        try:
            if settings.load_reference:
                await run_in_threadpool(load_reference_graphs, opened)
        except DigicoopError as exc:
            # The service still starts: /healthz reports the store, and it is tried again per request.
            log.warning("could not load the ontology and reference graphs: %s", exc)
        loader = start_examples(opened, settings.examples_dir) if settings.load_examples else None
        app.state.examples = loader
        # What start-up built (ontology, reference data, templates) lives as long as the process:
        # move it out of the collector's sight so full collections stop pausing requests.
        gc.freeze()
        try:
            yield
        finally:
            if loader is not None:
                await run_in_threadpool(loader.stop)
            if own:
                await run_in_threadpool(opened.close)

    app = Service(
        title="digicoop",
        summary="A knowledge graph of international digital cooperation, from Korean and English news.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    if store is not None:
        app.state.store = store
    problems.install(app)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(RequestDeadline, seconds=settings.query_timeout)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in routers.discover():
        app.include_router(router)
    return app
