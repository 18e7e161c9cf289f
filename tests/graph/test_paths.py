"""Paths between two entities go through the facts they share, with the evidence."""

from __future__ import annotations

from itertools import pairwise

import pytest

from graph.errors import InputError, NotFound
from graph.paths import paths
from graph.store import Store
from tests.api.conftest_data import example_store


@pytest.fixture(scope="module")
def store() -> Store:
    return example_store()


def test_kt_and_iom_are_joined_by_their_mou(store: Store) -> None:
    connection = paths(store, "KT", "IOM")
    assert (connection.source.label, connection.target.id) == ("KT Corporation", "org/iom")
    found = connection.paths
    assert found
    first = found[0]
    assert first.length == 1
    step = first.steps[0]
    assert (step.source.id, step.target.id) == ("org/kt", "org/iom")
    assert step.via is not None and step.via.type == "agreement" and step.via.kind == "mou"
    assert step.via.evidence and step.via.evidence[0].sentence
    # The examples hold two KT–IOM MOUs (2015 in Seoul, 2016 with Bangladesh): both are one step.
    one_step = {p.steps[0].via.date for p in found if p.length == 1 and p.steps[0].via is not None}
    assert {"2015-10-08", "2016-05"} <= one_step


def test_paths_come_shortest_first_and_at_most_k(store: Store) -> None:
    found = paths(store, "KOICA", "르완다", k=2).paths
    assert len(found) == 2
    assert [p.length for p in found] == sorted(p.length for p in found)
    assert found[0].steps[-1].target.id == "country/RW"


def test_longer_paths_chain_steps(store: Store) -> None:
    found = paths(store, "KT", "Asian Development Bank", k=1, max_len=4).paths
    assert found and found[0].length >= 2
    steps = found[0].steps
    assert all(a.target.iri == b.source.iri for a, b in pairwise(steps))
    assert steps[0].source.id == "org/kt" and steps[-1].target.id == "org/adb"


def test_no_path_within_the_bound_is_an_empty_list(store: Store) -> None:
    assert paths(store, "KT", "Asian Development Bank", max_len=1).paths == []


def test_errors(store: Store) -> None:
    with pytest.raises(NotFound):
        paths(store, "KT", "Atlantis Telecom Authority")
    with pytest.raises(InputError):
        paths(store, "KT", "케이티")
