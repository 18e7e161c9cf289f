"""A real server and a real browser: uvicorn on 127.0.0.1 (a free port, in a thread) over an in-memory
store with the reference data, the example articles and two hostile articles; Debian's chromium
driven by playwright (never ``playwright install``)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef

from tests.support import ROOT, require_program

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
XSS = "<img src=x onerror=alert(1)>"
XSS_ARTICLE = f"""{XSS} KT and IOM sign digital pact <script>alert(2)</script>

Seoul, March 3, 2024 - KT signed a memorandum of understanding with the International Organization
for Migration (IOM) on Monday to build digital classrooms in Bangladesh.
<script>document.title = "pwned"; window.__pwned = true;</script> The partners said
<img src=x onerror="window.__pwned = true"> the programme starts in May.
"""


def hostile_graph() -> tuple[str, Graph]:
    """An organization named with markup, party to an agreement with KT, in an article of its own."""
    id_ = "https://w3id.org/digicoop/id/"
    dco = "https://w3id.org/digicoop/ontology#"
    article = URIRef(id_ + "article/hostile-names")
    org = URIRef(id_ + "org/hostile-markup")
    agreement = URIRef(id_ + "agreement/hostile-names-1")
    g = Graph()
    g.add((article, RDF.type, URIRef(dco + "Article")))
    g.add((article, URIRef("http://schema.org/headline"), Literal(f"Hostile </script>{XSS} headline")))
    g.add((org, RDF.type, URIRef(dco + "Company")))
    g.add((org, SKOS.prefLabel, Literal(f"{XSS}<script>window.__pwned=true</script>", lang="en")))
    g.add((org, RDFS.label, Literal(f"{XSS}<script>window.__pwned=true</script>", lang="en")))
    g.add((agreement, RDF.type, URIRef(dco + "MOU")))
    g.add((agreement, URIRef(dco + "party"), org))
    g.add((agreement, URIRef(dco + "party"), URIRef(id_ + "org/kt")))
    g.add((agreement, URIRef(dco + "signedOn"), Literal("2024-02-01", datatype=XSD.date)))
    g.add((agreement, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), article))
    return "https://w3id.org/digicoop/graph/article/hostile-names", g


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(store: Any) -> Iterator[str]:
    """The app over ``store`` on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(memory=True, load_reference=False, load_examples=False), store)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def examples_store() -> Any:
    """An in-memory store with the reference data and the example articles."""
    from api.app import load_reference_graphs
    from graph.loaders import load_paths
    from graph.pipeline import ingest_article
    from graph.store import open_store

    store = open_store(memory=True)
    load_reference_graphs(store)
    for result in load_paths([ROOT / "examples" / "articles"]):
        if result.article is not None:
            ingest_article(store, result.article)
    return store


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The examples and two hostile articles."""
    from graph.loaders import load_bytes
    from graph.pipeline import ingest_article

    store = examples_store()
    for result in load_bytes(XSS_ARTICLE.encode(), filename="hostile.txt"):
        assert result.article is not None
        ingest_article(store, result.article)
    store.replace_graph(*hostile_graph())
    with serve(store) as url:
        yield url
    store.close()


@pytest.fixture(scope="session")
def examples_server() -> Iterator[str]:
    """The examples alone, as a reader of the README would see them."""
    store = examples_store()
    with serve(store) as url:
        yield url
    store.close()


# Module scope, not session: playwright's sync API runs an event loop on this thread while it is
# open, and tests after the browser ones (asyncio.run) must find none.
@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        require_program("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watched:
    """A page with everything that would mean trouble recorded: console errors, page errors,
    dialogs, and requests that tried to leave 127.0.0.1 (all of them blocked)."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def settle(self, selector: str = "#network-canvas[data-ready=true]", timeout: float = 15_000) -> None:
        self.page.wait_for_selector(selector, state="attached", timeout=timeout)


@pytest.fixture
def watched(chromium: Any) -> Iterator[Watched]:
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    w = Watched(page)

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            r.continue_()
        else:
            w.outside.append(url)
            r.abort()

    context.route("**/*", route)

    def console(m: Any) -> None:
        # The site has no favicon yet (base.html's business); a browser asking for one is no page error.
        if m.type == "error" and not str(m.location.get("url", "")).endswith("/favicon.ico"):
            w.errors.append(m.text)

    page.on("console", console)
    page.on("pageerror", lambda e: w.errors.append(str(e)))

    def dialog(d: Any) -> None:
        w.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    yield w
    context.close()
