"""Ingest and curation over HTTP as a client sees it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph.store import Store, open_store

TOKEN = "articles-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HTML = {"Accept": "text/html"}
XSS = "<img src=x onerror=alert(1)>"

STORY: dict[str, str] = {
    "title": "KT and IOM agree to bring digital classrooms to Bangladesh",
    "text": (
        "KT and IOM agree to bring digital classrooms to Bangladesh\n\n"
        "Seoul, March 4, 2024 - KT signed a memorandum of understanding with the International "
        "Organization for Migration (IOM) on Monday to open digital learning centres in Bangladesh.\n\n"
        "The two partners plan to hold a workshop in Dhaka in May 2024 to share early results."
    ),
    "published": "2024-03-05",
    "url": "https://news.example.org/kt-iom",
    "publisher": "Test Wire",
    "language": "en",
}


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(memory=True)
    yield s
    s.close()


def make_client(tmp_path: Path, store: Store, **overrides: object) -> TestClient:
    values: dict[str, object] = {
        "memory": True,
        "token": SecretStr(TOKEN),
        "examples_dir": tmp_path,
        "load_reference": True,
    }
    values.update(overrides)
    return TestClient(create_app(Settings(**values), store))  # type: ignore[arg-type]


@pytest.fixture
def client(tmp_path: Path, store: Store) -> Iterator[TestClient]:
    with make_client(tmp_path, store, max_body_bytes=200_000) as c:
        yield c


def post(client: TestClient, body: Mapping[str, object]) -> dict[str, object]:
    r = client.post("/articles", json=body, headers=AUTH)
    assert r.status_code in (200, 201), r.text
    data: dict[str, object] = r.json()
    return data


def problem(r: object) -> dict[str, object]:
    from httpx import Response

    assert isinstance(r, Response)
    assert r.headers["content-type"].startswith("application/problem+json"), r.text
    body: dict[str, object] = r.json()
    assert body["status"] == r.status_code
    assert body.get("detail")
    return body


def test_post_creates_then_is_idempotent_then_a_correction_replaces(client: TestClient, store: Store) -> None:
    r = client.post("/articles", json=STORY, headers=AUTH)
    assert r.status_code == 201
    first = r.json()
    assert first["status"] == "created"
    assert first["iri"].endswith("/article/" + first["id"])
    assert first["facts"] == f"/articles/{first['id']}/facts"
    assert first["counts"]["agreements"] >= 1
    assert r.headers["location"] == f"/articles/{first['id']}"

    before = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]
    again = client.post("/articles", json=STORY, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["status"] == "unchanged"
    assert store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"] == before

    corrected = dict(STORY, text=STORY["text"].replace("in Dhaka", "in Chittagong"))
    r = client.post("/articles", json=corrected, headers=AUTH)
    assert r.status_code == 200
    assert r.json()["status"] == "replaced"
    assert r.json()["id"] == first["id"]
    text = client.get(f"/articles/{first['id']}").json()["text"]
    assert "Chittagong" in text and "Dhaka" not in text
    assert client.get("/articles").json()["total"] == 1


def test_raw_text_and_html_bodies_are_accepted(client: TestClient) -> None:
    r = client.post(
        "/articles",
        content=STORY["text"].encode(),
        headers=AUTH | {"Content-Type": "text/plain; charset=utf-8"},
    )
    assert r.status_code == 201, r.text
    page = (
        "<html><head><title>Naver and Saudi Arabia</title></head><body><article><h1>Naver builds a digital twin "
        "for Riyadh</h1><p>Naver signed a contract with the Saudi Ministry of Municipal and Rural Affairs on "
        "Tuesday to build a digital twin of Riyadh.</p></article></body></html>"
    )
    r = client.post("/articles", content=page.encode(), headers=AUTH | {"Content-Type": "text/html"})
    assert r.status_code == 201, r.text
    assert r.json()["language"] == "en"


def test_token_is_required_to_write(client: TestClient, tmp_path: Path, store: Store) -> None:
    r = client.post("/articles", json=STORY)
    assert r.status_code == 401
    problem(r)
    r = client.post("/articles", json=STORY, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403
    problem(r)
    created = post(client, STORY)
    assert client.delete(f"/articles/{created['id']}").status_code == 401
    with make_client(tmp_path, store, token=None) as readonly:
        assert readonly.post("/articles", json=STORY, headers=AUTH).status_code == 403


@pytest.mark.parametrize(
    ("body", "headers", "status", "words"),
    [
        (b"", {"Content-Type": "text/plain"}, 422, "empty"),
        (
            "これは日本語の記事です。韓国と日本はデジタル協力について話し合いました。".encode(),
            {"Content-Type": "text/plain"},
            422,
            "language",
        ),
        (b"%PDF-1.7 binary", {"Content-Type": "text/plain"}, 415, "PDF"),
        (b"hello", {"Content-Type": "application/pdf"}, 415, "Content-Type"),
        (b'{"title": "", "text": "   "}', {"Content-Type": "application/json"}, 422, ""),
    ],
)
def test_bad_input_is_a_problem_with_a_useful_detail(
    client: TestClient, body: bytes, headers: dict[str, str], status: int, words: str
) -> None:
    r = client.post("/articles", content=body, headers=AUTH | headers)
    assert r.status_code == status, r.text
    detail = str(problem(r)["detail"])
    assert words.lower() in detail.lower()
    assert "Traceback" not in detail


def test_oversized_body_is_413(client: TestClient) -> None:
    r = client.post("/articles", content=b"a " * 150_000, headers=AUTH | {"Content-Type": "text/plain"})
    assert r.status_code == 413
    problem(r)


def test_list_read_facts_and_delete(client: TestClient) -> None:
    created = post(client, STORY)
    ident = created["id"]
    listing = client.get("/articles").json()
    assert listing["total"] == 1
    item = listing["items"][0]
    assert item["id"] == ident and item["title"] == STORY["title"] and item["published"] == "2024-03-05"
    assert item["counts"]["agreements"] >= 1

    article = client.get(f"/articles/{ident}").json()
    assert article["text"] == STORY["text"]
    mention = next(m for m in article["mentions"] if m["text"] == "KT")
    assert article["text"][mention["start"] : mention["end"]] == "KT"
    assert mention["path"] == "/entities/org/kt"

    facts = client.get(f"/articles/{ident}/facts").json()
    assert set(facts) == {
        "article",
        "organizations",
        "people",
        "countries",
        "sites",
        "agreements",
        "events",
        "projects",
    }
    assert facts["article"]["title"] == STORY["title"]
    assert "BD" in facts["countries"]

    r = client.delete(f"/articles/{ident}", headers=AUTH)
    assert r.status_code == 204
    assert client.get(f"/articles/{ident}").status_code == 404
    assert client.get(f"/articles/{ident}/facts").status_code == 404
    assert client.delete(f"/articles/{ident}", headers=AUTH).status_code == 404
    assert client.get("/articles").json()["total"] == 0
    # the reference data stays
    assert client.get("/entities/org/kt").status_code == 200


def test_delete_removes_only_that_article(client: TestClient) -> None:
    one = post(client, STORY)
    other = post(client, dict(STORY, url="https://news.example.org/other", title="Other story"))
    client.delete(f"/articles/{one['id']}", headers=AUTH)
    assert client.get(f"/articles/{other['id']}").status_code == 200


@pytest.mark.parametrize("bad", ["..%2F..%2Fetc%2Fpasswd", "a%2Fb", "x" * 65, "%00", "%2E%2E", "bad!id"])
def test_ids_that_are_not_article_ids_are_not_found(client: TestClient, bad: str) -> None:
    r = client.get(f"/articles/{bad}")
    assert r.status_code in (404, 422)
    if r.status_code == 404:
        assert r.headers["content-type"].startswith("application/problem+json")


def test_article_page_highlights_mentions_linked_to_entities(client: TestClient) -> None:
    ident = post(client, STORY)["id"]
    r = client.get(f"/articles/{ident}", headers=HTML)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in r.headers
    assert '<mark class="mention" data-category="organization"><a href="/entities/org/kt"' in r.text
    assert 'href="/entities/country/BD"' in r.text
    assert 'id="at-' in r.text and 'href="#at-' in r.text  # facts point at their sentences


def test_payloads_in_articles_are_shown_as_text(client: TestClient) -> None:
    story = dict(
        STORY,
        title=f"KT signs {XSS} deal <script>alert(2)</script>",
        text=STORY["text"].replace("Monday", f"Monday {XSS}"),
        url="https://news.example.org/xss",
    )
    ident = post(client, story)["id"]
    for path in (f"/articles/{ident}", "/articles"):
        page = client.get(path, headers=HTML).text
        assert XSS not in page and "<script>alert(2)" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
