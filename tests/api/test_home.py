"""The home page, and the examples loaded in the background at startup."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.examples import load_examples
from graph.store import Store, open_store
from tests.api.test_articles import AUTH, HTML, STORY, make_client


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(memory=True)
    yield s
    s.close()


def test_home_shows_what_the_graph_holds(tmp_path: Path, store: Store) -> None:
    with make_client(tmp_path, store) as client:
        assert client.get("/").json()["counts"]["articles"] == 0
        created = client.post("/articles", json=STORY, headers=AUTH).json()
        counts = client.get("/", headers={"Accept": "application/json"}).json()["counts"]
        assert counts["articles"] == 1
        assert counts["agreements"] >= 1 and counts["organizations"] >= 2 and counts["countries"] >= 1
        r = client.get("/", headers=HTML)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        page = r.text
        assert '<div id="overview-network"></div>' in page
        assert f'href="/articles/{created["id"]}"' in page
        assert 'href="/entities/org/kt"' in page  # most connected organizations
        assert 'href="/entities/country/' in page
        assert 'name="q"' in page


def write_examples(folder: Path) -> None:
    articles = folder / "articles"
    articles.mkdir(parents=True)
    (articles / "kt-iom.txt").write_text(str(STORY["text"]), encoding="utf-8")
    (articles / "broken.pdf").write_bytes(b"%PDF-1.4")


def test_examples_load_in_the_background_and_restarts_skip_them(tmp_path: Path, store: Store) -> None:
    write_examples(tmp_path)
    with make_client(tmp_path, store, load_examples=True) as client:
        assert client.get("/healthz").status_code == 200
        loader = client.app.state.examples  # type: ignore[attr-defined]
        loader.join(60)
        assert loader.summary is not None and loader.summary.ingested == 1
        assert client.get("/articles").json()["total"] == 1
    again = load_examples(store, tmp_path / "articles")
    assert (again.ingested, again.unchanged) == (0, 1)


def test_shipped_examples_load(store: Store) -> None:
    folder = Path(__file__).resolve().parents[2] / "examples" / "articles"
    if not folder.is_dir():
        pytest.skip("examples/articles is absent")
    summary = load_examples(store, folder)
    assert summary.failed == 0, summary.errors
    # a JSON Lines file may hold several articles
    assert summary.ingested >= len([p for p in folder.iterdir() if p.is_file()])


def test_no_examples_when_switched_off(tmp_path: Path, store: Store) -> None:
    write_examples(tmp_path)
    with make_client(tmp_path, store, load_examples=False) as client:
        assert client.app.state.examples is None  # type: ignore[attr-defined]
        assert client.get("/articles").json()["total"] == 0
    shutil.rmtree(tmp_path / "articles")
