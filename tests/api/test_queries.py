"""GET /queries and /queries/{name}."""

from __future__ import annotations

import csv
import io
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


def test_the_list_describes_each_query(client: TestClient) -> None:
    queries = {q["name"]: q for q in client.get("/queries").json()}
    assert len(queries) >= 8
    country = queries["agreements_by_country"]
    assert country["title"] == "Agreements by country"
    assert country["parameters"][0]["name"] == "country" and country["parameters"][0]["type"] == "iri"


def test_the_list_as_a_page(client: TestClient) -> None:
    r = client.get("/queries", headers={"Accept": "text/html"})
    assert r.status_code == 200 and "Agreements by country" in r.text


def test_a_query_runs_with_its_parameter(client: TestClient) -> None:
    body = client.get("/queries/agreements_by_country", params={"country": "country/RW"}).json()
    assert body["vars"][:2] == ["agreement", "date"]
    assert "2019-03-12" in {row["date"] for row in body["rows"]}
    assert all("코이카" in (row["parties"] or "") for row in body["rows"])


def test_csv(client: TestClient) -> None:
    r = client.get("/queries/organization_timeline", params={"org": "org/kt", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and {"date", "fact", "kind"} <= set(rows[0])


def test_errors(client: TestClient) -> None:
    assert client.get("/queries/no_such_query").status_code == 404
    r = client.get("/queries/articles_mentioning", params={"entity": "not an iri"})
    assert r.status_code == 400 and "IRI" in r.json()["detail"]
