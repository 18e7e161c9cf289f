"""The ontology's own IRIs: the vocabulary, each term, the theme scheme and each theme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import OWL, RDF, Graph, URIRef

from graph.store import open_store
from tests.api.test_articles import HTML, make_client

DCO = "https://w3id.org/digicoop/ontology#"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = open_store(memory=True)
    with make_client(Path(tmp_path_factory.mktemp("ex")), store) as c:
        yield c
    store.close()


def test_ontology_is_turtle_for_machines(client: TestClient) -> None:
    r = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef(DCO + "Agreement"), RDF.type, OWL.Class) in g
    assert client.get("/ontology").headers["content-type"].startswith("text/turtle")
    jsonld = client.get("/ontology", headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(g)


def test_ontology_page_lists_classes_and_properties_with_both_languages(client: TestClient) -> None:
    r = client.get("/ontology", headers=HTML)
    assert r.status_code == 200
    page = r.text
    assert "Classes" in page and "Object properties" in page
    assert 'href="/ontology/Agreement"' in page and 'href="/ontology/party"' in page
    assert "협정" in page  # a Korean label


def test_each_term_dereferences(client: TestClient) -> None:
    r = client.get("/ontology/Agreement", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef(DCO + "Agreement"), RDF.type, OWL.Class) in g
    page = client.get("/ontology/Agreement", headers=HTML).text
    assert "dco:Agreement" in page and 'lang="ko"' in page
    assert client.get("/ontology/party", headers=HTML).status_code == 200


@pytest.mark.parametrize(
    "path", ["/ontology/NoSuchTerm", "/ontology/%2E%2E", "/theme/no-such-theme", "/theme/Bad%20Slug"]
)
def test_unknown_terms_are_404(client: TestClient, path: str) -> None:
    r = client.get(path, headers=HTML)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")


def test_themes_dereference(client: TestClient) -> None:
    page = client.get("/theme/smart-city", headers=HTML).text
    assert "스마트시티" in page and "smart city" in page
    r = client.get("/theme/smart-city", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef("https://w3id.org/digicoop/theme/smart-city"), None, None) in g
    scheme = client.get("/theme/", headers=HTML)
    assert scheme.status_code == 200 and 'href="/theme/e-government"' in scheme.text
