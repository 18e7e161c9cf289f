"""How two entities are connected: the shortest cooperation paths between them.

The graph behind it is bipartite: entities on one side, the facts that join them (agreements,
events, projects) on the other, read with one SPARQL query and kept per store until its set of
graphs changes. Structural links (an organization's home country, a site's country or the
place it lies within, an organization's parent) join two entities directly; they weigh a little
more than a step through a shared fact, so of two equally short connections the one through a
fact comes first. Paths come from ``networkx.shortest_simple_paths``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

import networkx as nx

from graph.browse import FactSummary, Ref, fact_summaries
from graph.errors import InputError, NotFound
from graph.search import PREFIXES, NameIndex, cached, entity_id, name_index, resolve
from graph.store.base import Store

# A step through a fact costs 1 + 1 (entity -> fact -> entity); a structural link a bit more.
_FACT_EDGE = 1.0
_LINK_EDGE = 2.5
_ENTITY_KINDS = ("org", "country", "site", "person")
_FACT_ROLES = {
    "party": "party",
    "organizer": "organizer",
    "participantOrganization": "participant",
    "participantCountry": "participant country",
    "venue": "venue",
    "signedAt": "place of signing",
    "operator": "operator",
    "partner": "partner",
    "funder": "funder",
    "projectSite": "site",
    "projectCountry": "country",
}
_LINKS = {
    "homeCountry": "home country",
    "inCountry": "in country",
    "within": "within",
    "partOf": "part of",
    "affiliation": "affiliation",
}
MAX_K = 20
MAX_LEN = 6
# Yen's algorithm may list many paths longer than allowed before the cost bound stops it
_MAX_CANDIDATES = 500


@dataclass(frozen=True)
class Step:
    """One hop: ``source`` and ``target`` share the fact ``via`` (or are linked by ``relation``)."""

    source: Ref
    target: Ref
    relation: str
    via: FactSummary | None


@dataclass(frozen=True)
class Path:
    length: int
    steps: list[Step]


@dataclass(frozen=True)
class Connection:
    """The two entities ``from`` and ``to`` resolved to, and the paths between them."""

    source: Ref
    target: Ref
    paths: list[Path]


def _build(store: Store) -> nx.Graph:
    roles = " ".join(f"dco:{p}" for p in _FACT_ROLES)
    links = " ".join(f"dco:{p}" for p in _LINKS)
    rows = store.select(
        PREFIXES
        + f"""SELECT DISTINCT ?s ?p ?o ?fact WHERE {{
  {{ ?s ?p ?o . VALUES ?p {{ {roles} }} BIND(true AS ?fact) }}
  UNION
  {{ ?s ?p ?o . VALUES ?p {{ {links} }} FILTER(isIRI(?o)) }}
}}"""
    )
    g = nx.Graph()
    for row in rows:
        s, p, o = str(row["s"]), str(row["p"]).rsplit("#", 1)[-1], str(row["o"])
        if "fact" in row:
            g.add_node(s, fact=True)
            g.add_node(o, fact=False)
            g.add_edge(s, o, weight=_FACT_EDGE, role=_FACT_ROLES[p])
        elif s != o:
            g.add_node(s, fact=False)
            g.add_node(o, fact=False)
            if not g.has_edge(s, o):
                g.add_edge(s, o, weight=_LINK_EDGE, role=_LINKS[p])
    return g


def cooperation_graph(store: Store) -> nx.Graph:
    """The entity–fact graph (cached per store)."""
    return cached(store, "paths", _build)


def _entity_hops(g: nx.Graph, nodes: list[str]) -> int:
    return sum(1 for n in nodes[1:] if not g.nodes[n].get("fact"))


def _node_paths(g: nx.Graph, source: str, target: str, max_len: int) -> Iterator[list[str]]:
    # Paths come cheapest first; a path of more entity hops than allowed can be followed by a
    # shorter one only within the slack the link weight leaves, so stop a little past the bound.
    ceiling = max_len * _LINK_EDGE
    try:
        candidates = nx.shortest_simple_paths(g, source, target, weight="weight")
        for nodes in islice(candidates, _MAX_CANDIDATES):
            cost = nx.path_weight(g, nodes, weight="weight")
            if cost > ceiling:
                return
            if _entity_hops(g, nodes) <= max_len:
                yield nodes
    except nx.NetworkXNoPath:
        return


def _ref(index: NameIndex, iri: str) -> Ref:
    return Ref(entity_id(iri), iri, index.label(iri), index.label_en(iri), index.label_ko(iri))


def paths(store: Store, from_: str, to: str, *, k: int = 3, max_len: int = 4) -> Connection:
    """Up to ``k`` shortest cooperation paths from ``from_`` to ``to`` (ids, IRIs or names), each of
    at most ``max_len`` hops between entities; no paths when they are not connected that closely.

    Raises NotFound when either end names nothing, InputError when both name the same entity.
    """
    if not 1 <= k <= MAX_K or not 1 <= max_len <= MAX_LEN:
        raise InputError(f"k must be 1..{MAX_K} and max_len 1..{MAX_LEN}.")
    source, target = resolve(store, from_, _ENTITY_KINDS), resolve(store, to, _ENTITY_KINDS)
    if source == target:
        raise InputError("'from' and 'to' name the same entity; give two different ones.")
    g = cooperation_graph(store)
    index = name_index(store)
    for end, text in ((source, from_), (target, to)):
        if end not in g:
            raise NotFound(f"'{text[:100]}' ({entity_id(end)}) takes part in no agreement, event or project.")
    found = list(islice(_node_paths(g, source, target, max_len), k))
    facts = fact_summaries(store, {n for nodes in found for n in nodes if g.nodes[n].get("fact")})
    out = []
    for nodes in found:
        steps: list[Step] = []
        entity = nodes[0]
        i = 1
        while i < len(nodes):
            node = nodes[i]
            if g.nodes[node].get("fact"):
                nxt = nodes[i + 1]
                role = f"{g.edges[entity, node]['role']} / {g.edges[node, nxt]['role']}"
                steps.append(Step(_ref(index, entity), _ref(index, nxt), role, facts.get(node)))
                entity, i = nxt, i + 2
            else:
                steps.append(
                    Step(_ref(index, entity), _ref(index, node), g.edges[entity, node]["role"], None)
                )
                entity, i = node, i + 1
        out.append(Path(len(steps), steps))
    return Connection(_ref(index, source), _ref(index, target), out)
