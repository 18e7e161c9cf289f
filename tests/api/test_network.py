"""/network, /network.json, /network.graphml and /network.gexf as a client sees them."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from rdflib import SKOS, Literal, URIRef

from api.app import create_app
from api.settings import Settings
from graph.store import Store, open_store
from tests.graph.test_network import org, small_graph

HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    s = open_store(memory=True)
    g = small_graph()
    g.add((URIRef(org("delta")), SKOS.altLabel, Literal(HOSTILE)))
    g.set((URIRef(org("delta")), SKOS.prefLabel, Literal(HOSTILE, lang="en")))
    s.replace_graph("https://w3id.org/digicoop/graph/article/a1", g)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(Settings(memory=True, load_reference=False, load_examples=False), store)
    with TestClient(app) as c:
        yield c


def test_json_view_with_parameters(client: TestClient) -> None:
    r = client.get("/network.json", params={"focus": "Gamma Ministry", "depth": 2})
    assert r.status_code == 200
    data = r.json()
    assert {n["id"] for n in data["nodes"]} == {org("gamma"), org("beta"), org("alpha")}
    assert data["graph"]["focus"]["path"] == "/entities/org/gamma"
    assert data["graph"]["depth"] == 2
    r = client.get("/network.json", params={"kind": "countries", "from": "2019", "to": "2019"})
    ids = {n["id"].rsplit("/", 1)[-1] for n in r.json()["nodes"]}
    assert ids == {"KR", "VN", "LA"}
    assert len(client.get("/network.json", params={"min_weight": 2}).json()["nodes"]) == 2
    assert len(client.get("/network.json", params={"limit": 1}).json()["nodes"]) == 1
    themed = client.get(
        "/network.json", params={"theme": "e-government", "kind": "organizations+sites"}
    ).json()
    assert {n["type"] for n in themed["nodes"]} == {"organization", "site"}


def test_bad_parameters_are_422_and_unknown_focus_404(client: TestClient) -> None:
    assert client.get("/network.json", params={"depth": 4}).status_code == 422
    assert client.get("/network.json", params={"kind": "people"}).status_code == 422
    r = client.get("/network.json", params={"focus": "Nobody Inc"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "Nobody Inc" in r.json()["detail"]
    page = client.get("/network", params={"focus": "<b>Nobody</b>"})
    assert page.status_code == 404
    assert "&lt;b&gt;Nobody&lt;/b&gt;" in page.text
    assert "<b>Nobody</b>" not in page.text


def test_page_embeds_escaped_json_and_loads_only_local_scripts(client: TestClient) -> None:
    r = client.get("/network", params={"focus": "org/delta"})
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    html = r.text
    assert HOSTILE not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the name is there, as text
    assert "<img src=x" not in html
    # Every script is an external file from this site, or the inert JSON data block.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    for attributes, body in scripts:
        if 'type="application/json"' in attributes:
            assert "<" not in body
        else:
            assert body.strip() == ""
            assert re.search(r'src="/static/[\w/.-]+\.js"', attributes)
    assert 'href="/network.graphml?focus=org%2Fdelta' in html
    assert "vis-network/vis-network.min.js" in html
    assert client.get("/static/vis-network/vis-network.min.js").status_code == 200
    assert client.get("/static/network-embed.js").status_code == 200


def test_a_cut_view_links_to_the_full_graph(client: TestClient) -> None:
    html = client.get("/network", params={"limit": 2}).text
    assert "Showing the 2 best-connected of 5 nodes" in html
    assert 'href="/network?kind=organizations&amp;limit=0"' in html


def test_exports(client: TestClient) -> None:
    r = client.get("/network.graphml", params={"kind": "countries"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/graphml+xml")
    assert "attachment" in r.headers["content-disposition"]
    g = nx.read_graphml(io.BytesIO(r.content))
    assert "https://w3id.org/digicoop/id/country/KR" in g
    r = client.get("/network.gexf", params={"focus": "org/alpha"})
    assert r.headers["content-type"].startswith("application/gexf+xml")
    g = nx.read_gexf(io.BytesIO(r.content))
    assert org("alpha") in g and g.number_of_nodes() == 3
    exported = nx.read_graphml(
        io.BytesIO(client.get("/network.graphml", params={"focus": "org/delta"}).content)
    )
    assert exported.nodes[org("delta")]["label"] == HOSTILE  # data files keep the name as it is
