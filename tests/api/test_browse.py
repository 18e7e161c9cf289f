"""GET /agreements, /events, /projects: filters, pagination and errors."""

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


def test_koica_agreements_list_the_mou_with_minict(client: TestClient) -> None:
    body = client.get("/agreements", params={"party": "KOICA"}).json()
    assert body["filters"]["party"]["id"] == "org/koica"
    assert body["total"] == len(body["items"]) >= 2
    mou = next(a for a in body["items"] if a["date"] == "2019-03-12")
    assert mou["kind"] == "mou"
    assert {p["label"] for p in mou["parties"]} >= {"MINICT", "Korea International Cooperation Agency"}
    assert "양해각서" in mou["evidence"][0]["sentence"]


def test_pagination(client: TestClient) -> None:
    all_items = client.get("/agreements", params={"limit": 100}).json()
    page = client.get("/agreements", params={"limit": 3, "offset": 3}).json()
    assert page["total"] == all_items["total"] and page["limit"] == 3 and page["offset"] == 3
    assert [a["iri"] for a in page["items"]] == [a["iri"] for a in all_items["items"][3:6]]


def test_events_and_projects_by_country_name(client: TestClient) -> None:
    events = client.get("/events", params={"country": "Rwanda", "date_from": "2019"}).json()
    assert events["total"] >= 1 and all(e["start"] >= "2019" for e in events["items"])
    projects = client.get("/projects", params={"country": "르완다", "theme": "e-government"}).json()
    assert [p["label"] for p in projects["items"]] == ["르완다 전자정부 서비스 고도화 사업"]


def test_unknown_entity_is_a_404_problem(client: TestClient) -> None:
    r = client.get("/agreements", params={"party": "Nonexistent Corporation of Nowhere"})
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert "/search" in r.json()["detail"]


@pytest.mark.parametrize(("value", "status"), [("2019-13", 400), ("March 2019", 422)])
def test_bad_dates_are_client_errors(client: TestClient, value: str, status: int) -> None:
    r = client.get("/events", params={"date_from": value})
    assert r.status_code == status and r.headers["content-type"] == "application/problem+json"
