"""Named queries: parameters filled safely, and every shipped query runs on the example data."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InputError
from graph.named_queries import bind, load, parse
from graph.store import Store
from tests.api.conftest_data import QUERIES, example_store


@pytest.fixture(scope="module")
def store() -> Store:
    return example_store()


QUERY = """# title: Test query
# description: Labels of one thing.
# param thing_iri: the thing [default: org/koica]
# param word: a word
SELECT ?label WHERE {
  ?_thing_iri <http://www.w3.org/2000/01/rdf-schema#label> ?label .
  FILTER(CONTAINS(STR(?label), ?_word) || "?_word" = "x") # ?_word in a comment stays
  OPTIONAL { ?x <http://example.org/p> ?__extra }
}"""


def test_the_header_describes_the_query() -> None:
    q = parse("test", QUERY)
    assert q.title == "Test query" and q.description == "Labels of one thing."
    params = {p.name: p for p in q.parameters}
    assert set(params) == {"thing", "word", "extra"}
    assert (params["thing"].type, params["thing"].default, params["thing"].required) == (
        "iri",
        "org/koica",
        False,
    )
    assert params["word"].required and params["word"].description == "a word"
    assert not params["extra"].required


def test_values_become_escaped_terms_only_where_variables_are() -> None:
    text = bind(parse("test", QUERY), {"word": 'a" } DROP ALL #'})
    assert "<https://w3id.org/digicoop/id/org/koica>" in text
    assert 'CONTAINS(STR(?label), "a\\" } DROP ALL #")' in text
    assert '"?_word" = "x"' in text and "# ?_word in a comment stays" in text
    assert "?__extra" in text


def test_bad_values_are_refused() -> None:
    q = parse("test", QUERY)
    with pytest.raises(InputError, match="needs the parameter 'word'"):
        bind(q, {})
    with pytest.raises(InputError, match="IRI"):
        bind(q, {"word": "x", "thing": "<http://evil> } DROP ALL {"})


def test_at_least_eight_queries_ship_and_each_returns_rows(store: Store) -> None:
    queries = load(QUERIES)
    assert len(queries) >= 8
    for name, query in queries.items():
        assert query.title and query.description, name
        rows = store.select(bind(query, {}))
        assert rows, f"{name} returns nothing on the example data"


def test_a_folder_without_queries_lists_none(tmp_path: Path) -> None:
    (tmp_path / "update.rq").write_text("INSERT DATA { <a:b> <a:c> <a:d> }", encoding="utf-8")
    assert load(tmp_path) == {} and load(tmp_path / "absent") == {}
