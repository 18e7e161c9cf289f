"""Bulk-loading RDF files: graph by graph, nothing written from a broken file, blank nodes kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph import rdf_files
from graph.errors import InputError, UnsupportedFormat
from graph.rdf_files import Loaded, file_graph, load_file
from graph.store import Store, open_store

EX = "http://example.org/"


class Proxy:
    """A store that is not the embedded one, so the SPARQL write path is the one exercised."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.fixture(params=["embedded", "sparql-writes"])
def store(request: pytest.FixtureRequest) -> Iterator[Any]:
    inner = open_store(memory=True)
    yield inner if request.param == "embedded" else Proxy(inner)
    inner.close()


def triples_in(store: Any, graph: str) -> set[tuple[str, str, str]]:
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return {(str(r["s"]), str(r["p"]), str(r["o"])) for r in rows}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_quads_go_to_their_graphs_even_when_a_graph_comes_back(store: Any, tmp_path: Path) -> None:
    nq = write(
        tmp_path / "d.nq",
        f"<{EX}a> <{EX}p> <{EX}b> <{EX}g1> .\n"
        f"<{EX}c> <{EX}p> <{EX}d> <{EX}g2> .\n"
        f"<{EX}e> <{EX}p> <{EX}f> <{EX}g1> .\n"
        f"<{EX}h> <{EX}p> <{EX}i> .\n",
    )
    assert sorted(load_file(store, nq), key=lambda x: x.graph) == [
        Loaded(f"{EX}g1", 2),
        Loaded(f"{EX}g2", 1),
        Loaded(file_graph(nq), 1),
    ]
    assert triples_in(store, f"{EX}g1") == {(f"{EX}a", f"{EX}p", f"{EX}b"), (f"{EX}e", f"{EX}p", f"{EX}f")}


def test_loading_again_replaces_a_graph_and_a_named_graph_takes_everything(
    store: Any, tmp_path: Path
) -> None:
    first = write(tmp_path / "a.ttl", f"<{EX}a> <{EX}p> 1 . <{EX}a> <{EX}p> 2 .")
    second = write(tmp_path / "b.trig", f"<{EX}x> {{ <{EX}a> <{EX}p> 3 }} <{EX}y> {{ <{EX}b> <{EX}p> 4 }}")
    load_file(store, first, f"{EX}mine")
    assert len(triples_in(store, f"{EX}mine")) == 2
    assert load_file(store, second, f"{EX}mine") == [Loaded(f"{EX}mine", 2)]
    assert {o for _, _, o in triples_in(store, f"{EX}mine")} == {"3", "4"}


def test_a_broken_file_writes_nothing_and_says_where(store: Any, tmp_path: Path) -> None:
    good = "".join(f"<{EX}s{i}> <{EX}p> <{EX}o> <{EX}g> .\n" for i in range(50))
    broken = write(tmp_path / "broken.nq", good + f'<{EX}s> <{EX}p> "unterminated <{EX}g> .\n')
    with pytest.raises(InputError, match=r"broken\.nq: not readable as N-Quads.*line 51"):
        load_file(store, broken)
    assert triples_in(store, f"{EX}g") == set()


def test_blank_nodes_stay_one_node_across_slices(
    store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rdf_files, "SLICE", 3)
    lines = [f'_:org <{EX}name> "name {i}" .' for i in range(10)]
    load_file(store, write(tmp_path / "b.nt", "\n".join(lines)), f"{EX}g")
    rows = store.select(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) (COUNT(*) AS ?t) WHERE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}"
    )
    assert (str(rows[0]["n"]), str(rows[0]["t"])) == ("1", "10")


def test_json_ld_and_rdf_xml_are_read(store: Any, tmp_path: Path) -> None:
    jsonld = write(tmp_path / "a.jsonld", f'{{"@id": "{EX}kt", "{EX}name": "KT"}}')
    rdfxml = write(
        tmp_path / "b.owl",
        f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{EX}">'
        f'<rdf:Description rdf:about="{EX}iom"><ex:name>IOM</ex:name></rdf:Description></rdf:RDF>',
    )
    assert load_file(store, jsonld) == [Loaded(file_graph(jsonld), 1)]
    assert load_file(store, rdfxml) == [Loaded(file_graph(rdfxml), 1)]


def test_an_unknown_file_type_is_refused(store: Any, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match=r"\.pdf"):
        load_file(store, write(tmp_path / "scan.pdf", "%PDF"))
