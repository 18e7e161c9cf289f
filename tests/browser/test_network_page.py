"""/network in Debian's chromium: it draws what /network.json holds, links to entity pages, follows
its filters, shows hostile names as text, needs nothing but 127.0.0.1, and draws fast."""

from __future__ import annotations

import json
import os
import random
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef

from tests.browser.conftest import XSS, Watched, serve
from tests.support import ROOT

pytestmark = pytest.mark.browser

# The README's screenshot is refreshed only when asked (DIGICOOP_SCREENSHOTS=1), so that a test
# run never changes a tracked file.
SCREENSHOTS = ROOT / "docs" / "screenshots" if os.environ.get("DIGICOOP_SCREENSHOTS") == "1" else None


def get_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=30) as r:
        data: dict[str, Any] = json.loads(r.read())
    return data


def drawn(w: Watched) -> int:
    return int(w.page.get_attribute("#network-canvas", "data-drawn-nodes") or -1)


def node_position(w: Watched, node_id: str) -> tuple[float, float]:
    x, y = w.page.evaluate(
        """(id) => {
            const n = window.digicoopNetwork;
            const d = n.canvasToDOM(n.getPositions([id])[id]);
            const r = document.querySelector('#network-canvas canvas').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y];
        }""",
        node_id,
    )
    return float(x), float(y)


def test_focus_kt_draws_the_json_view_without_console_errors(server: str, watched: Watched) -> None:
    watched.page.goto(f"{server}/network?focus=KT")
    watched.settle()
    data = get_json(f"{server}/network.json?focus=KT")
    assert data["graph"]["focus"]["iri"].endswith("/org/kt")
    assert len(data["nodes"]) > 1
    assert drawn(watched) == len(data["nodes"])
    assert int(watched.page.get_attribute("#network-canvas", "data-drawn-edges") or -1) == len(data["links"])
    assert "KT" in watched.page.inner_text("h1")
    assert watched.errors == []
    assert watched.dialogs == []


def test_clicking_a_node_opens_its_entity_page(server: str, watched: Watched) -> None:
    watched.page.goto(f"{server}/network?focus=KT")
    watched.settle()
    watched.page.evaluate("() => window.digicoopNetwork.fit({animation: false})")
    x, y = node_position(watched, "https://w3id.org/digicoop/id/org/kt")
    with watched.page.expect_navigation():
        watched.page.mouse.click(x, y)
    assert watched.page.url == f"{server}/entities/org/kt"


def test_changing_a_filter_changes_what_is_drawn(server: str, watched: Watched) -> None:
    watched.page.goto(f"{server}/network")
    watched.settle()
    before = drawn(watched)
    assert before == len(get_json(f"{server}/network.json")["nodes"])
    with watched.page.expect_navigation():
        watched.page.select_option("select[name=theme]", "e-government")
    watched.settle()
    assert "theme=e-government" in watched.page.url
    after = drawn(watched)
    assert after == len(get_json(f"{server}/network.json?theme=e-government")["nodes"])
    assert 0 < after < before
    assert watched.errors == []


def test_search_box_focuses_a_node_in_view(server: str, watched: Watched) -> None:
    watched.page.goto(f"{server}/network?focus=KT")
    watched.settle()
    watched.page.fill("#network-search-input", "IOM")
    watched.page.click("#network-search button")
    selected = watched.page.evaluate("() => window.digicoopNetwork.getSelectedNodes()")
    assert selected == ["https://w3id.org/digicoop/id/org/iom"]


def test_hostile_names_and_headlines_stay_text(server: str, watched: Watched) -> None:
    data = get_json(f"{server}/network.json?focus=KT")
    ids = {n["id"] for n in data["nodes"]}
    assert "https://w3id.org/digicoop/id/org/hostile-markup" in ids
    headlines = {f["headline"] for f in data["graph"]["facts"].values()}
    assert any(h and XSS in h for h in headlines)

    for path in ("/network?focus=KT&color=community", "/network?kind=full&limit=0"):
        watched.page.goto(server + path)
        watched.settle()
    watched.page.goto(f"{server}/network?focus=KT")
    watched.settle()
    # The edge behind the hostile article: its facts panel shows the headline as text.
    kt, iom = "https://w3id.org/digicoop/id/org/kt", "https://w3id.org/digicoop/id/org/iom"
    watched.page.evaluate("() => window.digicoopNetwork.fit({animation: false})")
    (x1, y1), (x2, y2) = node_position(watched, kt), node_position(watched, iom)
    watched.page.mouse.click((x1 + x2) / 2, (y1 + y2) / 2)
    details = watched.page.inner_text("#network-details")
    assert XSS in details
    # Its tooltip shows the markup as text too.
    hostile = "https://w3id.org/digicoop/id/org/hostile-markup"
    watched.page.mouse.move(*node_position(watched, hostile))
    watched.page.wait_for_selector("div.vis-tooltip .network-tip", timeout=5_000)
    assert XSS in watched.page.inner_text("div.vis-tooltip")
    assert watched.page.evaluate("() => window.__pwned === undefined && document.title !== 'pwned'")
    assert (
        watched.page.evaluate("() => document.querySelectorAll('img[src=x], #network-details script').length")
        == 0
    )
    assert watched.dialogs == []
    assert watched.errors == []


def test_embedded_views_fill_their_divs(server: str, watched: Watched) -> None:
    # The home and entity pages embed the views with network-embed.js; a stand-in page does the same.
    html = (
        "<!doctype html><html><head><script src='/static/network-embed.js'></script></head><body>"
        "<div id='overview-network'></div><div id='ego-network' data-entity='org/kt'></div></body></html>"
    )
    watched.page.route(f"{server}/embed-test", lambda r: r.fulfill(body=html, content_type="text/html"))
    watched.page.goto(f"{server}/embed-test")
    watched.settle("#ego-network[data-ready=true]")
    watched.settle("#overview-network[data-ready=true]")
    watched.page.wait_for_selector("#ego-network .network-canvas[data-ready=true]", state="attached")
    ego = int(watched.page.get_attribute("#ego-network .network-canvas", "data-drawn-nodes") or -1)
    assert ego == len(get_json(f"{server}/network.json?focus=org/kt&depth=1")["nodes"])
    assert watched.errors == []
    assert watched.outside == []


def test_pages_need_nothing_but_this_server(server: str, watched: Watched) -> None:
    for path in (
        "/network?focus=KT",
        "/network?kind=countries&color=community",
        "/network?kind=full&limit=0",
    ):
        watched.page.goto(server + path)
        watched.settle()
        watched.page.wait_for_load_state("networkidle")
    assert watched.outside == []
    assert watched.errors == []


def test_png_export_and_screenshot(
    server: str, examples_server: str, watched: Watched, tmp_path: Path
) -> None:
    watched.page.goto(f"{server}/network?depth=2&focus=KT&kind=organizations%2Bsites")
    watched.settle()
    with watched.page.expect_download() as download:
        watched.page.click("#network-png")
    path = download.value.path()
    assert path is not None
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    watched.page.goto(f"{examples_server}/network?color=community")
    watched.settle()
    shot = (SCREENSHOTS or tmp_path) / "network.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    watched.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def synthetic_graph(organizations: int, agreements: int, seed: int = 3) -> Graph:
    """Companies and MOUs between random pairs, more often with the first (hub) companies."""
    rng = random.Random(seed)
    id_, dco = "https://w3id.org/digicoop/id/", "https://w3id.org/digicoop/ontology#"
    g = Graph()
    orgs = [URIRef(f"{id_}org/synthetic-{i}") for i in range(organizations)]
    for i, org in enumerate(orgs):
        g.add((org, RDF.type, URIRef(dco + "Company")))
        g.add((org, SKOS.prefLabel, Literal(f"Company {i}", lang="en")))
    for j in range(agreements):
        a = URIRef(f"{id_}agreement/synthetic-{j}")
        g.add((a, RDF.type, URIRef(dco + "MOU")))
        first = orgs[min(int(rng.paretovariate(1.2)) - 1, organizations - 1)]
        for org in (first, rng.choice(orgs)):
            g.add((a, URIRef(dco + "party"), org))
        g.add((a, URIRef(dco + "signedOn"), Literal(f"{2015 + j % 10}-01-01", datatype=XSD.date)))
    return g


@pytest.fixture(scope="module")
def big_server() -> Iterator[str]:
    from graph.store import open_store

    store = open_store(memory=True)
    store.replace_graph("https://w3id.org/digicoop/graph/article/synthetic", synthetic_graph(1500, 5000))
    with serve(store) as url:
        yield url
    store.close()


@pytest.mark.slow
def test_a_thousand_node_view_draws_completely(big_server: str, watched: Watched) -> None:
    # How fast it draws is measured by `make bench`, not asserted here: timing depends on the machine.
    watched.page.goto(f"{big_server}/network?limit=1000")
    watched.settle(timeout=60_000)
    assert drawn(watched) == 1000
    assert watched.page.get_attribute("#network-canvas", "data-draw-ms") is not None
    assert watched.errors == []
