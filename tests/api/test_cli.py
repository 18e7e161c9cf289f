"""The digicoop command line, driven as a user would (typer's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from typer.testing import CliRunner

from api.cli import app
from tests.api.test_articles import STORY

runner = CliRunner()


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kt-iom.json").write_text(json.dumps(STORY), encoding="utf-8")
    (folder / "rwanda.txt").write_text(
        "KT opens smart village centre in Rwanda\n\nKigali, June 2, 2022 - KT signed a partnership agreement "
        "with the Rwanda Information Society Authority on Thursday to build a smart village.",
        encoding="utf-8",
    )
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not an article")
    return folder


def test_ingest_then_again_then_export_keeps_named_graphs(tmp_path: Path, articles: Path) -> None:
    store = tmp_path / "store"
    # a folder yields the files digicoop reads; a file named explicitly is tried and refused
    r = runner.invoke(app, ["ingest", str(articles), str(articles / "scan.pdf"), "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert "2 new" in r.output and "1 refused" in r.output and "scan.pdf" in r.output
    r = runner.invoke(app, ["ingest", str(articles), "--store", str(store), "--workers", "2"])
    assert r.exit_code == 0, r.output
    assert "0 new" in r.output and "2 unchanged" in r.output

    out = tmp_path / "dump.trig"
    r = runner.invoke(app, ["export", "--format", "trig", "--store", str(store), "--out", str(out)])
    assert r.exit_code == 0, r.output
    ds = Dataset()
    ds.parse(out, format="trig")
    names = {str(g.identifier) for g in ds.graphs()}
    assert sum(n.startswith("https://w3id.org/digicoop/graph/article/") for n in names) == 2

    r = runner.invoke(app, ["export", "--format", "nquads", "--store", str(store)])
    assert r.exit_code == 0
    assert "<https://w3id.org/digicoop/graph/article/" in r.stdout
    r = runner.invoke(app, ["export", "--format", "jsonld", "--store", str(store)])
    assert r.exit_code == 0
    assert '"@graph"' in r.stdout
    assert runner.invoke(app, ["export", "--format", "xml", "--store", str(store)]).exit_code != 0


def test_ingest_with_workers_extracts_in_processes(tmp_path: Path, articles: Path) -> None:
    store = tmp_path / "store"
    r = runner.invoke(app, ["ingest", str(articles), "--store", str(store), "--workers", "2"])
    assert r.exit_code == 0, r.output
    assert "2 new" in r.output
    q = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/digicoop/ontology#Article> }"
    r = runner.invoke(app, ["query", q, "--store", str(store), "--format", "csv"])
    assert r.exit_code == 0
    assert r.stdout.splitlines()[-1].strip() == "2"


def test_load_puts_rdf_in_named_graphs(tmp_path: Path) -> None:
    ttl = tmp_path / "extra.ttl"
    ttl.write_text(
        "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n", encoding="utf-8"
    )
    nq = tmp_path / "more.nq"
    nq.write_text(
        "<http://example.org/c> <http://example.org/p> <http://example.org/d> <http://example.org/g1> .\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    r = runner.invoke(app, ["load", str(ttl), "--graph", "http://example.org/mine", "--store", str(store)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["load", str(nq), "--store", str(store)])
    assert r.exit_code == 0, r.output
    out = tmp_path / "dump.nq"
    assert (
        runner.invoke(
            app, ["export", "--format", "nquads", "--store", str(store), "--out", str(out)]
        ).exit_code
        == 0
    )
    ds = Dataset()
    ds.parse(out, format="nquads")
    mine = ds.graph(URIRef("http://example.org/mine"))
    assert (URIRef("http://example.org/a"), None, None) in mine
    assert (URIRef("http://example.org/c"), None, None) in ds.graph(URIRef("http://example.org/g1"))
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    assert runner.invoke(app, ["load", str(bad), "--store", str(store)]).exit_code == 1
