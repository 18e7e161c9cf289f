"""Server-side positions: deterministic, cached, and fast enough for thousands of nodes."""

from __future__ import annotations

import networkx as nx

from graph import layout


def test_positions_are_deterministic_and_cover_every_node() -> None:
    g = nx.karate_club_graph()
    layout.clear_cache()
    first = layout.positions(g)
    layout.clear_cache()
    assert layout.positions(g) == first
    assert set(first) == set(g)
    assert len(set(first.values())) == g.number_of_nodes()


def test_positions_are_cached_per_graph_shape() -> None:
    g = nx.path_graph(50)
    layout.clear_cache()
    assert layout.positions(g) is layout.positions(g.copy())
    heavier = g.copy()
    heavier.edges[0, 1]["weight"] = 5
    assert layout.positions(heavier) is not layout.positions(g)


def test_empty_and_single_node_graphs() -> None:
    assert layout.positions(nx.Graph()) == {}
    assert layout.positions(nx.Graph([("a", "a")])) == {"a": (0.0, 0.0)}


def test_three_thousand_nodes_are_all_placed() -> None:
    # How fast is `make bench`'s business (benchmarks/network.py), not a unit test's.
    g = nx.barabasi_albert_graph(3000, 2, seed=1)
    layout.clear_cache()
    positions = layout.positions(g)
    assert len(positions) == 3000
    assert len({(round(x, 3), round(y, 3)) for x, y in positions.values()}) > 2900
