"""Network views: what is cut, how it is coloured and sized, and that names stay plain data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.errors import NotFound
from graph.network import Filters
from graph.render import COMMUNITY_COLORS, TYPE_COLORS, build_view, escaped
from graph.store import Store, open_store
from tests.graph.test_network import org, small_graph


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    s = open_store(memory=True)
    s.replace_graph("https://w3id.org/digicoop/graph/article/a1", small_graph())
    yield s
    s.close()


def test_a_view_is_node_link_json_with_positions_sizes_and_colours(store: Store) -> None:
    view = build_view(store)
    nodes = {n["id"]: n for n in view.data["nodes"]}
    assert set(nodes) == {org(s) for s in ("alpha", "beta", "gamma", "delta", "epsilon")}
    for node in nodes.values():
        assert isinstance(node["x"], float) and isinstance(node["y"], float)
        assert node["color"] == TYPE_COLORS["organization"]
    # The best connected is drawn largest; the loner smallest.
    assert nodes[org("alpha")]["size"] > nodes[org("epsilon")]["size"]
    links = view.data["links"]
    assert len(links) == 3
    heavy = next(link for link in links if link["weight"] == 2)
    assert heavy["width"] > min(link["width"] for link in links)
    assert view.data["graph"]["legend"]["edges"] == [
        {"label": "Agreement", "color": "#c2255c"},
        {"label": "Event", "color": "#7048e8"},
        {"label": "Project", "color": "#0c8599"},
    ]
    # Only the facts behind the edges drawn are described.
    assert set(view.data["graph"]["facts"]) == {f for link in links for f in link["facts"]}


def test_a_large_view_is_cut_to_its_best_connected_nodes_and_says_so(store: Store) -> None:
    view = build_view(store, limit=2)
    assert {n["id"] for n in view.data["nodes"]} == {org("alpha"), org("beta")}
    graph = view.data["graph"]
    assert (graph["shown_nodes"], graph["total_nodes"]) == (2, 5)
    assert graph["notes"] == ["Showing the 2 best-connected of 5 nodes: 3 nodes and 2 edges are left out."]
    assert len(build_view(store, limit=None).data["nodes"]) == 5


def test_focus_by_name_with_depth(store: Store) -> None:
    view = build_view(store, focus="Gamma Ministry", depth=1)
    assert view.focus == org("gamma")
    assert {n["id"] for n in view.data["nodes"]} == {org("gamma"), org("beta")}
    focus = view.data["graph"]["focus"]
    assert (focus["label"], focus["path"], focus["in_view"]) == (
        "Gamma Ministry",
        "/entities/org/gamma",
        True,
    )
    assert [n["focus"] for n in view.data["nodes"] if n["id"] == org("gamma")] == [True]
    deeper = build_view(store, focus="org/gamma", depth=2)
    assert len(deeper.data["nodes"]) == 3


def test_unknown_focus_is_not_found_and_a_focus_outside_the_view_is_explained(store: Store) -> None:
    with pytest.raises(NotFound, match="no-such-thing"):
        build_view(store, focus="no-such-thing")
    view = build_view(store, focus="org/gamma", filters=Filters(theme="smart-city"))
    assert view.data["nodes"] == []
    assert "has no cooperation in this view" in view.data["graph"]["notes"][0]


def test_colour_by_community(store: Store) -> None:
    view = build_view(store, color_by="community")
    colours = {n["id"]: n["color"] for n in view.data["nodes"]}
    assert set(colours.values()) <= set(COMMUNITY_COLORS)
    assert colours[org("alpha")] != colours[org("epsilon")]
    assert view.data["graph"]["legend"]["nodes"][0]["label"].startswith("Community 1")


def test_names_are_data_not_markup(store: Store) -> None:
    # The view keeps names as they are (the page puts them in with textContent); escaped() is for
    # any HTML sink.
    assert escaped('<img src=x onerror="alert(1)">') == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert escaped(None) == ""


def test_a_view_names_its_most_active_pairs_themes_and_years(store: Store) -> None:
    graph = build_view(store, limit=2).data["graph"]
    assert graph["top_pairs"][0] == {
        "source": org("alpha"),
        "target": org("beta"),
        "source_label": "Alpha Telecom",
        "target_label": "Beta Agency",
        "weight": 2,
    }
    assert graph["top_themes"] == [{"theme": "smart-city", "facts": 2}, {"theme": "e-government", "facts": 1}]
    assert graph["years"] == {"2019": 1, "2021": 1, "2022": 2}


def test_a_view_asked_again_is_served_from_memory_until_the_store_changes() -> None:
    s = open_store(memory=True)
    s.replace_graph("urn:g", small_graph())
    first = build_view(s, limit=2)
    assert build_view(s, limit=2) is first  # not projected, ranked and laid out again
    assert build_view(s, limit=3) is not first
    s.replace_graph("urn:g2", f'<{org("later")}> <http://www.w3.org/2000/01/rdf-schema#label> "Later"@en .')
    assert build_view(s, limit=2) is not first
    s.close()
