"""Real SPARQL clients against digicoop served by uvicorn on 127.0.0.1."""

from __future__ import annotations

import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from pydantic import SecretStr
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

from api.app import create_app
from api.settings import Settings
from graph.store import open_store

TOKEN = "client-test-token"
ORG = "https://w3id.org/digicoop/id/org/"
# An IRI as a browser writes it: the Hangul slug percent-encoded, which must come back unchanged.
ENCODED = ORG + urllib.parse.quote("한국지능정보사회진흥원")
RAW = ORG + "정보통신산업진흥원"
GRAPH = "https://w3id.org/digicoop/graph/article/client-test"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass
class Live:
    url: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("clients")
    store = open_store(folder / "store", timeout=10)
    settings = Settings(
        store_dir=folder / "store", token=SecretStr(TOKEN), load_examples=False, examples_dir=folder
    )
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, store), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}/sparql"
    data = (
        f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <{ENCODED}> <{LABEL}> "한국지능정보사회진흥원"@ko , "NIA"@en . '
        f'<{RAW}> <{LABEL}> "정보통신산업진흥원"@ko }} }}'
    )
    r = httpx.post(
        url,
        content=data,
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 204, r.text
    try:
        yield Live(url)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        store.close()


def _labels(bindings: list[dict[str, dict[str, str]]]) -> set[str]:
    return {b["label"]["value"] for b in bindings}


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_json(live: Live, method: str) -> None:
    sw = SPARQLWrapper(live.url)
    sw.setMethod(method)
    sw.setReturnFormat(JSON)
    sw.setQuery(f"SELECT ?label WHERE {{ <{ENCODED}> <{LABEL}> ?label }}")
    doc: Any = sw.query().convert()
    assert _labels(doc["results"]["bindings"]) == {"한국지능정보사회진흥원", "NIA"}


def test_sparqlwrapper_select_xml_and_construct_turtle(live: Live) -> None:
    sw = SPARQLWrapper(live.url)
    sw.setReturnFormat(XML)
    sw.setQuery(f"ASK {{ <{RAW}> ?p ?o }}")
    xml = sw.query().convert()
    assert xml.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]
    sw.setReturnFormat(TURTLE)
    sw.setQuery(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    g = Graph().parse(data=sw.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert (URIRef(ENCODED), URIRef(LABEL), Literal("NIA", lang="en")) in g
    assert len(g) == 3


def test_sparqlwrapper_update_needs_the_token(live: Live) -> None:
    sw = SPARQLWrapper(live.url)
    sw.setMethod(POST)
    sw.setQuery(f'INSERT DATA {{ GRAPH <{GRAPH}-2> {{ <{ORG}x> <{LABEL}> "x" }} }}')
    with pytest.raises(Exception, match="401"):
        sw.query()
    sw.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    sw.query()
    assert httpx.get(live.url, params={"query": f"ASK {{ <{ORG}x> ?p ?o }}"}).json()["boolean"] is True


def test_rdflib_sparqlstore(live: Live) -> None:
    g = Graph(store=SPARQLStore(live.url))
    q = f"SELECT ?s ?label WHERE {{ GRAPH <{GRAPH}> {{ ?s <{LABEL}> ?label FILTER(lang(?label) = 'ko') }} }} ORDER BY ?label"
    rows = list(g.query(q))
    assert [(str(r[0]), str(r[1])) for r in rows] == [  # type: ignore[index]
        (RAW, "정보통신산업진흥원"),
        (ENCODED, "한국지능정보사회진흥원"),
    ]
    assert g.query(f"ASK {{ <{ENCODED}> ?p ?o }}").askAnswer is True


def test_rdflib_sparqlupdatestore_with_bearer_header(live: Live) -> None:
    store = SPARQLUpdateStore(live.url, live.url, headers={"Authorization": f"Bearer {TOKEN}"})
    g = Graph(store=store, identifier=URIRef(GRAPH + "-3"))
    g.add((URIRef(ORG + "부산광역시"), URIRef(LABEL), Literal("부산", lang="ko")))
    check = Graph(store=SPARQLStore(live.url))
    assert check.query(f'ASK {{ GRAPH <{GRAPH}-3> {{ <{ORG}부산광역시> ?p "부산"@ko }} }}').askAnswer is True


def test_a_yasgui_form_post_keeps_percent_encoded_korean_iris(live: Live) -> None:
    query = f"SELECT ?s ?label WHERE {{ VALUES ?s {{ <{ENCODED}> <{RAW}> }} ?s <{LABEL}> ?label FILTER(lang(?label) = 'ko') }}"
    # YASGUI encodes the form with encodeURIComponent, so the IRI's own %XX become %25XX.
    body = "query=" + urllib.parse.quote(query, safe="-_.!~*'()") + "&infer=true"
    r = httpx.post(
        live.url,
        content=body.encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
            "Accept": "application/sparql-results+json,*/*;q=0.9",
        },
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    got = {b["s"]["value"]: b["label"]["value"] for b in r.json()["results"]["bindings"]}
    assert got == {ENCODED: "한국지능정보사회진흥원", RAW: "정보통신산업진흥원"}
    assert "%ED%95%9C" in ENCODED


def test_the_query_page_is_served_offline(live: Live) -> None:
    r = httpx.get(live.url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "PREFIX dco: &lt;https://w3id.org/digicoop/ontology#&gt;" in r.text
    # Every script and stylesheet comes from this server: no CDN.
    assert re.findall(r'(?:src|href)="([^"]+)"', r.text) == ["/static/sparql.css", "/static/sparql.js"]
    assert "default-src 'self'" in r.headers["content-security-policy"]
    js = httpx.get(live.url.replace("/sparql", "/static/sparql.js"))
    assert js.status_code == 200 and "fetch(" in js.text
    assert "https://" not in js.text and "http://" not in js.text.replace("https?:\\/\\/", "")
