"""GET /search: JSON for clients, a results page for browsers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.api.conftest_data import EXAMPLES, example_store


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(Settings(memory=True, load_reference=False, examples_dir=EXAMPLES), example_store())
    with TestClient(app) as c:
        yield c


def test_search_finds_the_world_bank_by_its_spaced_korean_name(client: TestClient) -> None:
    r = client.get("/search", params={"q": "세계 은행"})
    assert r.status_code == 200
    first = r.json()["hits"][0]
    assert first["id"] == "org/world-bank" and first["label_en"] == "World Bank"


def test_kind_filter_and_limit(client: TestClient) -> None:
    hits = client.get("/search", params={"q": "르완다", "kind": "org", "limit": 2}).json()["hits"]
    assert 1 <= len(hits) <= 2 and all(h["kind"] == "org" for h in hits)


def test_browsers_get_a_page(client: TestClient) -> None:
    r = client.get("/search", params={"q": "<b>KOICA</b>"}, headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in r.headers
    assert "<b>KOICA</b>" not in r.text and "&lt;b&gt;KOICA&lt;/b&gt;" in r.text
    r = client.get("/search", params={"q": "코이카"}, headers={"Accept": "text/html"})
    assert "Korea International Cooperation Agency" in r.text and "/entities/org/koica" in r.text


def test_an_empty_query_has_no_hits(client: TestClient) -> None:
    assert client.get("/search").json() == {"q": "", "hits": []}


def test_search_is_in_the_openapi_docs(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert {"SearchResults", "Hit"} <= set(schemas)


def test_an_unknown_kind_is_a_422(client: TestClient) -> None:
    r = client.get("/search", params={"q": "KT", "kind": "planet"})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
