"""A network view ready to draw: the projection cut to what a reader can take in, with analytics,
server-side positions, colours, sizes and a legend, as node-link JSON.

The browser draws it with vis-network (the copy pyvis bundles, served from this site) with physics
off. pyvis's own HTML page is not used: its template loads bootstrap from a CDN even with
``cdn_resources="in_line"``, inserts its heading and select menu as raw HTML, and renders every
tooltip as HTML once one contains a link. Instead the JSON carries plain strings and the page's
script puts them into the DOM with ``textContent`` only; :func:`escaped` is for any caller that
must hand the strings to an HTML sink (a pyvis ``title``, an HTML export).
"""

from __future__ import annotations

import html
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from graph import layout
from graph.cache import cached
from graph.errors import NotFound
from graph.network import (
    KINDS,
    Filters,
    Kind,
    by_year,
    centrality,
    communities,
    ego,
    entity_path,
    load_snapshot,
    node_link,
    project,
    resolve_focus,
    strongest,
    top_pairs,
    top_themes,
)
from graph.store.base import Store

ColorBy = Literal["type", "community"]
SizeBy = Literal["degree", "betweenness", "eigenvector"]

DEFAULT_LIMIT = 150
LABELLED = 60  # nodes that always carry a label; the rest show theirs on hover

TYPE_COLORS: dict[str, str] = {
    "organization": "#1f6feb",
    "country": "#e8590c",
    "site": "#2b8a3e",
    "agreement": "#c2255c",
    "event": "#7048e8",
    "project": "#0c8599",
}
TYPE_NAMES: dict[str, str] = {
    "organization": "Organization",
    "country": "Country",
    "site": "Site",
    "agreement": "Agreement",
    "event": "Event",
    "project": "Project",
}
RELATION_COLORS: dict[str, str] = {
    "agreement": "#c2255c",
    "event": "#7048e8",
    "project": "#0c8599",
    "site": "#2b8a3e",
    "country": "#adb5bd",
}
RELATION_NAMES: dict[str, str] = {
    "agreement": "Agreement",
    "event": "Event",
    "project": "Project",
    "site": "Takes place at",
    "country": "In country",
}
# Colour-blind-friendly categorical palette (Tableau 10) for communities; the rest are grey.
COMMUNITY_COLORS = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
OTHER_COMMUNITY = "#ced4da"


@dataclass
class View:
    """What one request for a network view gets: the graph shown, and its drawing as JSON."""

    graph: nx.Graph
    data: dict[str, Any]
    focus: str | None = None
    notes: list[str] = field(default_factory=list)


def escaped(value: object) -> str:
    """``value`` as text safe in HTML element content and attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


def build_view(
    store: Store,
    *,
    kind: Kind = "organizations",
    focus: str | None = None,
    depth: int = 1,
    filters: Filters | None = None,
    limit: int | None = DEFAULT_LIMIT,
    color_by: ColorBy = "type",
    size_by: SizeBy = "degree",
) -> View:
    """The view the parameters describe. ``focus`` is an id, IRI, name or acronym (raises
    :class:`NotFound` when it names nothing); ``limit`` caps the nodes drawn (``None`` or 0: all)."""
    if kind not in KINDS:
        raise ValueError(f"unknown network kind {kind!r}")
    filters = filters or Filters()
    focus_iri = None
    if focus:
        focus_iri = resolve_focus(store, focus)
        if focus_iri is None:
            raise NotFound(f"No organization, country or site is named '{focus}'.")
    key = (kind, focus_iri, depth, filters, limit, color_by, size_by)
    # An empty set of views whenever the store changes: the views then follow the snapshot.
    views = cached(store, "network-views", lambda _store: _Views())
    return views.get(key, lambda: _build(store, key, focus))


class _Views:
    """Finished views by their parameters, the most recent ``KEEP``: projecting, ranking and
    laying out 10,000 organizations costs seconds that a second visit should not pay again."""

    KEEP = 32

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._views: OrderedDict[tuple[Any, ...], View] = OrderedDict()

    def get(self, key: tuple[Any, ...], build: Callable[[], View]) -> View:
        with self._lock:
            if key in self._views:
                self._views.move_to_end(key)
                return self._views[key]
        view = build()
        with self._lock:
            self._views[key] = view
            while len(self._views) > self.KEEP:
                self._views.popitem(last=False)
        return view


def _build(store: Store, key: tuple[Any, ...], focus: str | None) -> View:
    kind, focus_iri, depth, filters, limit, color_by, size_by = key
    snapshot = cached(store, "network-snapshot", load_snapshot)
    full = project(snapshot, kind, filters)
    g = ego(full, focus_iri, depth) if focus_iri else full
    notes: list[str] = []
    if focus_iri and focus_iri not in g:
        entity = snapshot.entities.get(focus_iri)
        name = entity.label if entity else focus
        notes.append(f"{name} has no cooperation in this view: try another kind of network or fewer filters.")
    total_nodes, total_edges = g.number_of_nodes(), g.number_of_edges()
    summary = _summary(g, full.graph.get("facts", {}))
    if limit and total_nodes > limit:
        keep = strongest(g, limit, [focus_iri] if focus_iri else [])
        g = g.subgraph(keep).copy()
        g.graph = dict(full.graph)
        notes.append(
            f"Showing the {limit} best-connected of {total_nodes} nodes: "
            f"{total_nodes - g.number_of_nodes()} nodes and {total_edges - g.number_of_edges()} edges "
            "are left out."
        )
    # The facts described are those behind the edges shown, not the whole projection's.
    shown_facts = {f for _, _, fs in g.edges(data="facts", default=[]) for f in fs}
    described: Mapping[str, Any] = full.graph.get("facts", {})
    g.graph = {
        "kind": kind,
        "facts": {iri: described[iri] for iri in sorted(shown_facts) if iri in described},
    }
    if kind == "full":
        g.graph["facts"].update({n: described[n] for n in g if n in described})
    metrics = centrality(g)
    groups = communities(g)
    positions = layout.positions(g)
    _decorate(g, metrics, groups, positions, color_by, size_by, focus_iri)
    data = node_link(g)
    data["graph"].update(
        {
            "focus": _focus_info(g, focus_iri, snapshot.entities),
            "depth": depth if focus_iri else None,
            "filters": {
                "theme": filters.theme,
                "country": filters.country,
                "from": filters.date_from,
                "to": filters.date_to,
                "min_weight": filters.min_weight,
            },
            "limit": limit or None,
            "color_by": color_by,
            "size_by": size_by,
            "total_nodes": total_nodes,
            "total_edges": total_edges,
            "shown_nodes": g.number_of_nodes(),
            "shown_edges": g.number_of_edges(),
            "communities": len(set(groups.values())),
            "notes": notes,
            **summary,
            "legend": _legend(g, color_by, groups),
        }
    )
    return View(graph=g, data=data, focus=focus_iri, notes=notes)


def _summary(g: nx.Graph, described: Mapping[str, Any]) -> dict[str, Any]:
    """The most active pairs, themes and years of the whole view (before any cut)."""
    label = {n: d.get("label", str(n)) for n, d in g.nodes(data=True)}
    years: dict[str, int] = {}
    for year, yg in by_year(g).items():
        years[str(year)] = len({f for _, _, fs in yg.edges(data="facts", default=[]) for f in fs})
    return {
        "top_pairs": [
            {"source": a, "target": b, "source_label": label[a], "target_label": label[b], "weight": w}
            for a, b, w in top_pairs(g, 10)
        ],
        "top_themes": [{"theme": t, "facts": n} for t, n in top_themes(_edge_facts_only(g), 10)],
        "years": years,
    }


def _edge_facts_only(g: nx.Graph) -> nx.Graph:
    """``g`` described by the facts behind its edges only (the projection describes every fact kept)."""
    behind = {f for _, _, fs in g.edges(data="facts", default=[]) for f in fs}
    view = nx.Graph()
    view.graph["facts"] = {iri: d for iri, d in g.graph.get("facts", {}).items() if iri in behind}
    return view


def _focus_info(g: nx.Graph, iri: str | None, entities: Mapping[str, Any]) -> dict[str, Any] | None:
    if not iri:
        return None
    entity = entities.get(iri)
    return {
        "iri": iri,
        "label": entity.label if entity else iri.rsplit("/", 1)[-1],
        "name_ko": entity.name_ko if entity else None,
        "name_en": entity.name_en if entity else None,
        "path": entity_path(iri),
        "in_view": iri in g,
    }


def _decorate(
    g: nx.Graph,
    metrics: Mapping[str, Mapping[str, float]],
    groups: Mapping[str, int],
    positions: Mapping[Any, tuple[float, float]],
    color_by: ColorBy,
    size_by: SizeBy,
    focus: str | None,
) -> None:
    top = max((m[size_by] for m in metrics.values()), default=0.0) or 1.0
    ranked = sorted(g, key=lambda n: (-metrics[n][size_by], -g.degree(n), str(n)))
    labelled = set(ranked[:LABELLED]) | ({focus} if focus else set())
    for node, data in g.nodes(data=True):
        m = metrics[node]
        community = groups.get(node, 0)
        data.update(
            degree=round(m["degree"], 4),
            betweenness=round(m["betweenness"], 4),
            eigenvector=round(m["eigenvector"], 4),
            community=community,
            x=positions[node][0],
            y=positions[node][1],
            size=round(7 + 21 * math.sqrt(m[size_by] / top), 1),
            color=_community_color(community) if color_by == "community" else _type_color(data.get("type")),
            show_label=node in labelled,
            focus=node == focus,
        )
    top_weight = max((w for _, _, w in g.edges(data="weight", default=1)), default=1) or 1
    for _, _, data in g.edges(data=True):
        weight = data.get("weight", 1)
        data["width"] = round(1 + 7 * math.sqrt((weight - 1) / top_weight), 1) if top_weight > 1 else 1.5
        data["color"] = RELATION_COLORS.get(data.get("relation", ""), "#868e96")


def _type_color(kind: object) -> str:
    return TYPE_COLORS.get(str(kind), "#868e96")


def _community_color(community: int) -> str:
    return COMMUNITY_COLORS[community] if community < len(COMMUNITY_COLORS) else OTHER_COMMUNITY


def _legend(g: nx.Graph, color_by: ColorBy, groups: Mapping[str, int]) -> dict[str, list[dict[str, str]]]:
    if color_by == "community":
        sizes: dict[int, int] = {}
        for c in groups.values():
            sizes[c] = sizes.get(c, 0) + 1
        nodes = [
            {"label": f"Community {c + 1} ({n} nodes)", "color": _community_color(c)}
            for c, n in sorted(sizes.items())[: len(COMMUNITY_COLORS)]
        ]
        if len(sizes) > len(COMMUNITY_COLORS):
            nodes.append({"label": "Smaller communities", "color": OTHER_COMMUNITY})
    else:
        present = {str(t) for _, t in g.nodes(data="type")}
        nodes = [{"label": TYPE_NAMES[t], "color": c} for t, c in TYPE_COLORS.items() if t in present]
    relations = {str(r) for _, _, r in g.edges(data="relation")}
    edges = [{"label": RELATION_NAMES[r], "color": c} for r, c in RELATION_COLORS.items() if r in relations]
    return {"nodes": nodes, "edges": edges}


def parse_filters(
    theme: str | None = None,
    country: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_weight: int = 1,
) -> Filters:
    """Filters from form values: blanks are no filter."""

    def clean(value: str | None) -> str | None:
        return value.strip() if value and value.strip() else None

    return Filters(clean(theme), clean(country), clean(date_from), clean(date_to), max(1, min_weight))
