"""Node positions computed on the server, so the browser draws with physics off.

python-igraph's compiled Fruchterman-Reingold lays out 1,000 nodes in ~0.08 s, 3,000 in ~0.25 s and
10,000 in ~0.7 s on a 2-core machine with its grid approximation, which it uses above
:data:`GRID_ABOVE` nodes (igraph's own "auto" switches only at 1,000, where the exact version already
takes ~0.8 s; DrL took 7 s at 3,000); networkx's ``spring_layout`` needs ~15 s for the same, so it is
only the fallback when igraph is not installed, with fewer iterations on large graphs. Layouts are
cached per graph shape (nodes, edges and weights), so a view asked for again, or re-filtered to
the same graph, is not laid out twice.
"""

from __future__ import annotations

import hashlib
import math
import random
import threading
from collections import OrderedDict
from collections.abc import Hashable

import networkx as nx

Positions = dict[Hashable, tuple[float, float]]

GRID_ABOVE = 300
CACHE_SIZE = 64
_cache: OrderedDict[str, Positions] = OrderedDict()
_lock = threading.Lock()
_igraph_lock = threading.Lock()

try:  # pragma: no cover - which branch runs depends on the environment
    import igraph

    HAVE_IGRAPH = True
except ImportError:  # pragma: no cover
    igraph = None
    HAVE_IGRAPH = False


def _key(g: nx.Graph, seed: int) -> str:
    digest = hashlib.sha1(str(seed).encode())
    for node in sorted(map(str, g)):
        digest.update(node.encode() + b"\0")
    for a, b, w in sorted((*sorted((str(a), str(b))), w) for a, b, w in g.edges(data="weight", default=1)):
        digest.update(f"{a}\0{b}\0{w}\1".encode())
    return digest.hexdigest()


def positions(g: nx.Graph, *, seed: int = 7, spread: float = 150.0) -> Positions:
    """``{node: (x, y)}`` in screen units: ~``spread`` units per node along each axis's square root,
    so node density stays about the same whatever the graph's size."""
    if g.number_of_nodes() == 0:
        return {}
    key = _key(g, seed)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    raw = _igraph_layout(g, seed) if HAVE_IGRAPH else _networkx_layout(g, seed)
    result = _scaled(raw, spread * math.sqrt(g.number_of_nodes()))
    with _lock:
        _cache[key] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def _igraph_layout(g: nx.Graph, seed: int) -> Positions:
    assert igraph is not None
    # Nodes in a stable order, so the same graph gets the same picture in every process.
    nodes = sorted(g, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in g.edges()]
    weights = [float(w) for _, _, w in g.edges(data="weight", default=1)]
    ig = igraph.Graph(n=len(nodes), edges=edges)
    grid = "grid" if len(nodes) > GRID_ABOVE else "nogrid"
    # igraph draws its random start from one process-wide generator: a seeded one, under the lock,
    # gives the same picture of the same graph every time (an explicit start layout was 3x slower).
    with _igraph_lock:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            layout = ig.layout_fruchterman_reingold(weights=weights or None, niter=500, grid=grid)
        finally:
            igraph.set_random_number_generator(random)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, layout.coords, strict=True)}


def _networkx_layout(g: nx.Graph, seed: int) -> Positions:
    n = g.number_of_nodes()
    iterations = 50 if n <= 500 else 30 if n <= 2_000 else 15
    raw = nx.spring_layout(g, seed=seed, iterations=iterations, weight="weight")
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


def _scaled(raw: Positions, size: float) -> Positions:
    xs = [x for x, _ in raw.values()]
    ys = [y for _, y in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    factor = size / span
    return {node: (round((x - cx) * factor, 1), round((y - cy) * factor, 1)) for node, (x, y) in raw.items()}


def clear_cache() -> None:
    with _lock:
        _cache.clear()
