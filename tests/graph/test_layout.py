"""Server-side positions: deterministic, cached, and fast enough for thousands of nodes."""

from __future__ import annotations

import time

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


def test_three_thousand_nodes_lay_out_in_seconds() -> None:
    g = nx.barabasi_albert_graph(3000, 2, seed=1)
    layout.clear_cache()
    started = time.perf_counter()
    positions = layout.positions(g)
    elapsed = time.perf_counter() - started
    assert len(positions) == 3000
    # networkx's spring_layout takes ~15 s here; igraph well under 1 s (2 s leaves room for a busy CI).
    assert elapsed < (2.0 if layout.HAVE_IGRAPH else 30.0), elapsed
