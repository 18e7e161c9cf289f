"""Entity IRIs dereference: a page for browsers, Turtle/JSON-LD for RDF clients, JSON for the rest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from graph.store import Store, open_store
from tests.api.test_articles import AUTH, HTML, STORY, XSS, make_client

KT = "https://w3id.org/digicoop/id/org/kt"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store: Store = open_store(memory=True)
    with make_client(Path(tmp_path_factory.mktemp("ex")), store) as c:
        for story in (
            STORY,
            dict(
                STORY,
                url="https://news.example.org/xss",
                title=f"KT expands classrooms {XSS}",
                text=STORY["text"].replace("Monday", f"Monday {XSS}"),
            ),
        ):
            assert c.post("/articles", json=story, headers=AUTH).status_code == 201
        yield c
    store.close()


def test_browser_gets_the_entity_page(client: TestClient) -> None:
    for path in ("/id/org/kt", "/entities/org/kt", "/entities/org:kt", "/entities/kt"):
        r = client.get(path, headers=HTML)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        page = r.text
        assert "<h1>KT</h1>" in page
        assert 'lang="ko"' in page  # the Korean names from the reference data
        assert 'href="/entities/country/KR"' in page
        assert '<div id="ego-network" data-entity="org/kt"></div>' in page
        assert "Agreements, events and projects" in page
        assert 'href="/articles/' in page


def test_json_has_the_same_information(client: TestClient) -> None:
    r = client.get("/entities/org/kt", headers={"Accept": "application/json"})
    assert r.status_code == 200
    body = r.json()
    assert body["iri"] == KT
    assert body["kind"] == "company"
    assert body["home_country"]["id"] == "country/KR"
    assert body["timeline"] and body["facts"]
    sentences = [ev["sentence"] for f in body["facts"] for ev in f["evidence"]]
    assert any("memorandum of understanding" in s for s in sentences)
    dates = [f["date"] for f in body["timeline"] if f["date"]]
    assert dates == sorted(dates)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")],
)
def test_rdf_clients_get_rdf(client: TestClient, accept: str, fmt: str) -> None:
    r = client.get("/id/org/kt", headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(accept)
    g = Graph().parse(data=r.text, format=fmt)
    assert (URIRef(KT), None, None) in g


def test_plain_clients_get_turtle_at_the_iri_and_json_at_entities(client: TestClient) -> None:
    assert client.get("/id/org/kt").headers["content-type"].startswith("text/turtle")
    assert client.get("/entities/org/kt").headers["content-type"].startswith("application/json")
    assert client.get("/entities/org/kt?format=ttl").headers["content-type"].startswith("text/turtle")
    r = client.get("/id/org/kt", headers={"Accept": "text/html;q=0.5, text/turtle;q=0.9"})
    assert r.headers["content-type"].startswith("text/turtle")


@pytest.mark.parametrize("path", ["/id/org/nobody-at-all", "/entities/org/nobody-at-all", "/id/spaceship/x"])
def test_unknown_entities_are_404_problems(client: TestClient, path: str) -> None:
    for headers in ({}, HTML):
        r = client.get(path, headers=headers)
        assert r.status_code == 404
        assert r.headers["content-type"].startswith("application/problem+json")


def test_fact_pages_show_their_participants_and_sentences(client: TestClient) -> None:
    body = client.get("/entities/org/kt").json()
    agreement = next(f for f in body["timeline"] if f["category"] == "agreement")
    page = client.get(agreement["path"], headers=HTML).text
    assert 'href="/entities/org/kt"' in page
    assert "memorandum of understanding" in page


def test_payloads_are_escaped_on_entity_pages(client: TestClient) -> None:
    page = client.get("/entities/org/kt", headers=HTML).text
    assert XSS not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    data = client.get("/entities/org/kt").json()
    assert XSS in json.dumps(data)  # JSON carries the text as it is; escaping is the page's job
