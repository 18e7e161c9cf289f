"""GET /paths: how two entities are connected."""

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


def test_kt_to_iom_goes_through_their_mou(client: TestClient) -> None:
    r = client.get("/paths", params={"from": "KT", "to": "국제이주기구"})
    assert r.status_code == 200
    body = r.json()
    assert body["target"]["id"] == "org/iom" and body["target"]["label_ko"] == "국제이주기구"
    step = body["paths"][0]["steps"][0]
    assert step["source"]["id"] == "org/kt" and step["target"]["id"] == "org/iom"
    assert step["via"]["kind"] == "mou" and step["via"]["date"] in {"2015-10-08", "2016-05"}
    assert step["via"]["evidence"][0]["sentence"]


def test_missing_and_unknown_ends(client: TestClient) -> None:
    assert client.get("/paths", params={"from": "KT"}).status_code == 422
    r = client.get("/paths", params={"from": "KT", "to": "Atlantis Telecom Authority"})
    assert r.status_code == 404 and r.json()["detail"]
