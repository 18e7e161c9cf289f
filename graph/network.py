"""Cooperation networks: projections of the knowledge graph onto networkx, and their analytics.

Everything starts from one :class:`Snapshot` read from the store with two SPARQL queries (the facts
with their members, dates, themes and articles; then the names and countries of every entity they
touch). The projections are built in Python from it:

* ``organizations``: an edge between two organizations for every agreement, event or project they
  share (weight = number of facts; ``relations``, ``dates`` and ``facts`` = the fact IRIs);
* ``countries``: the same between countries, a fact's countries being its participant and project
  countries and the home countries of its organizations;
* ``organizations+sites``: the organization network plus an edge from an organization to each site
  of its facts (venue, signing place, project site);
* ``full``: the typed graph, facts as nodes linked to their members by role, organizations to their
  home countries and sites to theirs (articles, evidence and people left out).

Every edge keeps the IRIs of the facts that make it; ``graph.graph["facts"]`` describes them (type,
kind, date, name, article), so a view can show what is behind an edge.
"""

from __future__ import annotations

import io
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
from rdflib import RDF, RDFS, SKOS
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from graph.gazetteer import ORG_KINDS, SITE_KINDS, load_gazetteer
from graph.store.base import Store
from graph.triples import AGREEMENT_CLASSES, DCO, EVENT_CLASSES, PROV, SCHEMA
from ontology import GRAPH_REFERENCE, ID, NS, THEME

Kind = Literal["organizations", "countries", "organizations+sites", "full"]
KINDS: tuple[Kind, ...] = ("organizations", "countries", "organizations+sites", "full")
FactType = Literal["agreement", "event", "project"]

ORGANIZATION_ROLES = ("party", "organizer", "participantOrganization", "operator", "partner", "funder")
COUNTRY_ROLES = ("participantCountry", "projectCountry")
SITE_ROLES = ("venue", "signedAt", "projectSite")
ROLES = ORGANIZATION_ROLES + COUNTRY_ROLES + SITE_ROLES

_FACT_CLASSES: dict[str, tuple[FactType, str]] = {}
for _kind, _cls in AGREEMENT_CLASSES.items():
    _FACT_CLASSES[str(_cls)] = ("agreement", _kind)
for _ekind, _cls in EVENT_CLASSES.items():
    _FACT_CLASSES[str(_cls)] = ("event", _ekind)
_FACT_CLASSES[str(DCO.Ceremony)] = ("event", "other")
_FACT_CLASSES[str(DCO.Project)] = ("project", "project")
_PLAIN = {str(DCO.Agreement), str(DCO.Event)}
# The order in which an edge that stands for several kinds of fact gets its colour.
_RELATION_ORDER: tuple[str, ...] = ("agreement", "project", "event", "site")


def _prefixes() -> str:
    return (
        f"PREFIX dco: <{NS}>\nPREFIX prov: <{PROV}>\nPREFIX schema: <{SCHEMA}>\n"
        f"PREFIX rdfs: <{RDFS}>\nPREFIX skos: <{SKOS}>\nPREFIX rdf: <{RDF}>\n"
    )


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(iris))


def _roles() -> str:
    return " ".join(f"dco:{r}" for r in ROLES)


FACTS_QUERY = (
    _prefixes()
    + f"""SELECT ?fact ?cls ?role ?member ?date ?theme ?article ?headline ?url ?published ?name WHERE {{
  VALUES ?cls {{ {_values(_FACT_CLASSES)} }}
  ?fact a ?cls .
  {{ VALUES ?role {{ {_roles()} }} ?fact ?role ?member }}
  UNION {{ ?fact dco:signedOn|dco:startDate ?date }}
  UNION {{ ?fact dco:theme ?theme }}
  UNION {{ ?fact rdfs:label ?name }}
  UNION {{ ?fact prov:wasDerivedFrom ?article .
           OPTIONAL {{ ?article schema:headline ?headline }}
           OPTIONAL {{ ?article schema:url ?url }}
           OPTIONAL {{ ?article schema:datePublished ?published }} }}
}}"""
)

ENTITIES_QUERY = (
    _prefixes()
    + f"""SELECT ?e ?p ?o ?g WHERE {{
  {{ SELECT DISTINCT ?e WHERE {{
      VALUES ?cls {{ {_values(_FACT_CLASSES)} }}
      VALUES ?role {{ {_roles()} }}
      ?fact a ?cls ; ?role ?x .
      ?x (dco:homeCountry|dco:inCountry)? ?e }} }}
  VALUES ?p {{ rdf:type skos:prefLabel dco:acronym dco:homeCountry dco:inCountry }}
  GRAPH ?g {{ ?e ?p ?o }}
}}"""
)


# --- the snapshot --------------------------------------------------------------------------


@dataclass
class Fact:
    """An agreement, event or project with what the networks need of it."""

    iri: str
    type: FactType
    kind: str
    date: str | None = None
    name: str | None = None
    themes: set[str] = field(default_factory=set)
    article: str | None = None
    headline: str | None = None
    url: str | None = None
    members: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def describe(self) -> dict[str, Any]:
        """The fact as a view shows it (plain JSON values)."""
        return {
            "iri": self.iri,
            "type": self.type,
            "kind": self.kind,
            "date": self.date,
            "name": self.name,
            "themes": sorted(t.removeprefix(THEME) for t in self.themes),
            "article": self.article,
            "article_path": article_path(self.article) if self.article else None,
            "headline": self.headline,
            "url": self.url,
        }


@dataclass
class Entity:
    iri: str
    type: str  # organization, country or site
    kind: str
    name_ko: str | None = None
    name_en: str | None = None
    acronym: str | None = None
    country: str | None = None  # IRI of the home country (organizations) or country (sites)

    @property
    def label(self) -> str:
        """A short display name: English, its acronym when the name is long, else Korean."""
        if self.name_en and (len(self.name_en) <= 28 or not self.acronym):
            return self.name_en
        return self.acronym or self.name_ko or self.name_en or self.iri.rsplit("/", 1)[-1]


@dataclass
class Snapshot:
    facts: dict[str, Fact]
    entities: dict[str, Entity]

    def countries_of(self, fact: Fact) -> set[str]:
        found = set().union(*(fact.members.get(r, set()) for r in COUNTRY_ROLES))
        for role in ORGANIZATION_ROLES + SITE_ROLES:
            for member in fact.members.get(role, ()):
                entity = self.entities.get(member)
                if entity and entity.country:
                    found.add(entity.country)
        return found

    def organizations_of(self, fact: Fact) -> set[str]:
        return set().union(*(fact.members.get(r, set()) for r in ORGANIZATION_ROLES))

    def sites_of(self, fact: Fact) -> set[str]:
        return set().union(*(fact.members.get(r, set()) for r in SITE_ROLES))


def _text(node: Node | None) -> str | None:
    return str(node) if node is not None else None


def load_snapshot(store: Store) -> Snapshot:
    """Every fact and the entities it touches, in two queries."""
    facts: dict[str, Fact] = {}
    classes: dict[str, set[str]] = defaultdict(set)
    published: dict[str, str] = {}
    for row in store.select(FACTS_QUERY):
        iri = str(row["fact"])
        classes[iri].add(str(row["cls"]))
        fact = facts.get(iri)
        if fact is None:
            fact = facts[iri] = Fact(iri, *_FACT_CLASSES[str(row["cls"])])
        if "member" in row:
            fact.members[str(row["role"]).removeprefix(NS)].add(str(row["member"]))
        if "date" in row:
            fact.date = min(filter(None, (fact.date, str(row["date"]))))
        if "theme" in row:
            fact.themes.add(str(row["theme"]))
        if "name" in row and not fact.name:
            fact.name = str(row["name"])
        if "article" in row:
            fact.article = str(row["article"])
            fact.headline = _text(row.get("headline"))
            fact.url = _text(row.get("url"))
            if "published" in row:
                published[iri] = str(row["published"])[:10]
    for iri, fact in facts.items():
        # A plain class next to a specific one (typed in two graphs) says less: keep the specific.
        specific = sorted(c for c in classes[iri] if c not in _PLAIN) or sorted(classes[iri])
        fact.type, fact.kind = _FACT_CLASSES[specific[0]]
        # An undated fact is dated by its article: the news is when it became known.
        fact.date = fact.date or published.get(iri)
    return Snapshot(facts, _load_entities(store))


def _entity_type(types: set[str]) -> tuple[str, str] | None:
    local = {t.removeprefix(NS) for t in types if t.startswith(NS)}
    if "Country" in local:
        return "country", "country"
    for table, category in ((ORG_KINDS, "organization"), (SITE_KINDS, "site")):
        kinds = [kind for name, kind in table.items() if name in local]
        if kinds:
            specific = [k for k in kinds if k != "other"]
            return category, (specific or kinds)[0]
    return None


def _load_entities(store: Store) -> dict[str, Entity]:
    types: dict[str, set[str]] = defaultdict(set)
    # (is reference graph, value): the reference data's names win over an article's spelling.
    names: dict[tuple[str, str], list[tuple[bool, str]]] = defaultdict(list)
    acronyms: dict[str, list[str]] = defaultdict(list)
    countries: dict[str, str] = {}
    for row in store.select(ENTITIES_QUERY):
        iri, prop, value = str(row["e"]), str(row["p"]), row["o"]
        in_reference = str(row.get("g", "")) == GRAPH_REFERENCE
        if prop == str(RDF.type):
            types[iri].add(str(value))
        elif prop == str(SKOS.prefLabel) and isinstance(value, RDFLiteral):
            lang = "ko" if value.language == "ko" else "en"
            names[(iri, lang)].append((not in_reference, str(value)))
        elif prop == str(DCO.acronym):
            acronyms[iri].append(str(value))
        elif prop in (str(DCO.homeCountry), str(DCO.inCountry)) and (in_reference or iri not in countries):
            countries[iri] = str(value)
    entities: dict[str, Entity] = {}
    for iri, typeset in types.items():
        typed = _entity_type(typeset)
        if typed is None:
            continue
        ko, en = sorted(names.get((iri, "ko"), [])), sorted(names.get((iri, "en"), []))
        entities[iri] = Entity(
            iri,
            *typed,
            name_ko=ko[0][1] if ko else None,
            name_en=en[0][1] if en else None,
            acronym=min(acronyms[iri], key=len) if acronyms.get(iri) else None,
            country=countries.get(iri),
        )
    return entities


# --- filters and projections ---------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Which facts count. Dates are ISO prefixes (``2019``, ``2019-05``, ``2019-05-03``); a fact
    counts when its period overlaps ``[date_from, date_to]``; an undated fact never does once a date
    is asked for. ``theme`` is a slug or IRI; ``country`` an ISO alpha-2 code or IRI."""

    theme: str | None = None
    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    min_weight: int = 1

    def keeps(self, fact: Fact, snapshot: Snapshot) -> bool:
        if self.theme and _theme_iri(self.theme) not in fact.themes:
            return False
        if self.country and _country_iri(self.country) not in snapshot.countries_of(fact):
            return False
        if self.date_from or self.date_to:
            if not fact.date:
                return False
            start, end = _period(fact.date)
            if self.date_from and end < _period(self.date_from)[0]:
                return False
            if self.date_to and start > _period(self.date_to)[1]:
                return False
        return True


def _theme_iri(value: str) -> str:
    return value if value.startswith(("http://", "https://")) else THEME + value.strip().lower()


def _country_iri(value: str) -> str:
    return value if value.startswith(("http://", "https://")) else f"{ID}country/{value.strip().upper()}"


def _period(value: str) -> tuple[str, str]:
    """The first and last day of an ISO date, month or year, as comparable strings."""
    text = value.strip()[:10]
    parts = text.split("-")
    if len(parts) == 1:
        return f"{text}-01-01", f"{text}-12-31"
    if len(parts) == 2:
        return f"{text}-01", f"{text}-31"
    return text, text


def entity_id(iri: str) -> str:
    """The id of an entity in URLs: its IRI after ``id/`` (``org/kt``, ``country/KR``)."""
    return iri.removeprefix(ID)


def entity_path(iri: str) -> str:
    return "/entities/" + entity_id(iri)


def article_path(iri: str) -> str:
    return "/articles/" + iri.removeprefix(ID + "article/")


def _add_fact_edge(g: nx.Graph, a: str, b: str, fact: Fact, relation: str | None = None) -> None:
    if g.has_edge(a, b):
        data = g.edges[a, b]
    else:
        g.add_edge(a, b, weight=0, facts=[], relations=Counter(), dates=[], themes=Counter())
        data = g.edges[a, b]
    if fact.iri in data["facts"]:
        return
    data["weight"] += 1
    data["facts"].append(fact.iri)
    data["relations"][relation or fact.type] += 1
    data["themes"].update(t.removeprefix(THEME) for t in fact.themes)
    if fact.date:
        data["dates"].append(fact.date)


def _add_entity(g: nx.Graph, snapshot: Snapshot, iri: str) -> bool:
    entity = snapshot.entities.get(iri)
    if entity is None:
        return False
    if iri not in g:
        g.add_node(
            iri,
            type=entity.type,
            kind=entity.kind,
            label=entity.label,
            name_ko=entity.name_ko,
            name_en=entity.name_en,
            acronym=entity.acronym,
            country=entity.country.removeprefix(ID + "country/") if entity.country else None,
            path=entity_path(iri),
        )
    return True


def project(snapshot: Snapshot, kind: Kind = "organizations", filters: Filters | None = None) -> nx.Graph:
    """The projection ``kind`` of the facts that ``filters`` keep (see the module docstring)."""
    if kind not in KINDS:
        raise ValueError(f"unknown network kind {kind!r}; one of {', '.join(KINDS)}")
    filters = filters or Filters()
    g = nx.Graph(kind=kind)
    kept = [f for f in snapshot.facts.values() if filters.keeps(f, snapshot)]
    for fact in kept:
        if kind == "full":
            _add_full(g, snapshot, fact)
            continue
        if kind == "countries":
            members = sorted(c for c in snapshot.countries_of(fact) if _add_entity(g, snapshot, c))
        else:
            members = sorted(o for o in snapshot.organizations_of(fact) if _add_entity(g, snapshot, o))
        for a, b in itertools.combinations(members, 2):
            _add_fact_edge(g, a, b, fact)
        if kind == "organizations+sites":
            for site in sorted(snapshot.sites_of(fact)):
                if _add_entity(g, snapshot, site):
                    for org in members:
                        _add_fact_edge(g, org, site, fact, "site")
    if filters.min_weight > 1:
        g.remove_edges_from([(a, b) for a, b, w in g.edges(data="weight") if w < filters.min_weight])
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    for _, _, data in g.edges(data=True):
        _finish_edge(data)
    g.graph["facts"] = {f.iri: f.describe() for f in kept}
    return g


def _add_full(g: nx.Graph, snapshot: Snapshot, fact: Fact) -> None:
    g.add_node(
        fact.iri,
        type=fact.type,
        kind=fact.kind,
        label=fact.name or f"{fact.kind.replace('_', ' ')} {fact.date or ''}".strip(),
        name_ko=fact.name if fact.name and _is_korean(fact.name) else None,
        name_en=fact.name if fact.name and not _is_korean(fact.name) else None,
        date=fact.date,
        path=entity_path(fact.iri),
    )
    for role, members in sorted(fact.members.items()):
        for member in sorted(members):
            if not _add_entity(g, snapshot, member):
                continue
            _add_fact_edge(g, fact.iri, member, fact)
            g.edges[fact.iri, member].setdefault("roles", set()).add(role)
            entity = snapshot.entities[member]
            country = entity.country
            if (
                country
                and entity.type != "country"
                and _add_entity(g, snapshot, country)
                and not g.has_edge(member, country)
            ):
                g.add_edge(member, country, weight=1, facts=[], relations=Counter({"country": 1}))


def _is_korean(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7af" for ch in text)


def _finish_edge(data: dict[str, Any]) -> None:
    """Plain JSON-friendly values, and the one relation that colours the edge."""
    relations: Counter[str] = data.get("relations", Counter())
    data["relation"] = max(
        relations,
        key=lambda r: (relations[r], -_RELATION_ORDER.index(r) if r in _RELATION_ORDER else -99),
        default="other",
    )
    data["relations"] = dict(sorted(relations.items()))
    data["themes"] = [t for t, _ in Counter(data.get("themes", {})).most_common()]
    data["dates"] = sorted(data.get("dates", []))
    data["roles"] = sorted(data.get("roles", []))
    data.setdefault("facts", [])


def ego(g: nx.Graph, focus: str, depth: int = 1) -> nx.Graph:
    """The nodes within ``depth`` steps of ``focus`` (just ``focus`` when it has no edge here)."""
    if focus not in g:
        sub = nx.Graph(**g.graph)
        return sub
    sub = nx.ego_graph(g, focus, radius=max(1, min(3, depth))).copy()
    sub.graph = dict(g.graph)
    return sub


# --- analytics -----------------------------------------------------------------------------

BETWEENNESS_SAMPLE = 300  # sources sampled by networkx's betweenness above this many nodes

try:  # pragma: no cover - which branch runs depends on the environment
    import igraph
except ImportError:  # pragma: no cover
    igraph = None


def centrality(g: nx.Graph) -> dict[Any, dict[str, float]]:
    """Degree, betweenness and eigenvector centrality of every node (0..1).

    Eigenvector centrality is computed per connected component and scaled by the component's share
    of the nodes, so a disconnected graph has an answer and a pair on its own does not outrank the
    hub of the main component. With python-igraph installed both are exact and compiled (1,000
    nodes in ~0.1 s); networkx alone samples betweenness and iterates for eigenvectors (~8 s)."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    degree = nx.degree_centrality(g) if n > 1 else dict.fromkeys(g, 0.0)
    betweenness, eigen = _igraph_centrality(g) if igraph is not None else _networkx_centrality(g)
    return {
        node: {"degree": degree[node], "betweenness": betweenness[node], "eigenvector": eigen[node]}
        for node in g
    }


def _igraph_centrality(g: nx.Graph) -> tuple[dict[Any, float], dict[Any, float]]:
    assert igraph is not None
    nodes = list(g)
    index = {node: i for i, node in enumerate(nodes)}
    ig = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in g.edges()])
    ig.es["weight"] = [float(w) for _, _, w in g.edges(data="weight", default=1)]
    n = len(nodes)
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0  # networkx's normalization, undirected
    raw = ig.betweenness(directed=False)
    betweenness = {node: raw[i] * scale for i, node in enumerate(nodes)}
    eigen = dict.fromkeys(nodes, 0.0)
    for members in ig.connected_components():
        if len(members) < 2:
            continue
        sub = ig.induced_subgraph(members)
        values = sub.eigenvector_centrality(scale=True, weights="weight")
        top = max(abs(v) for v in values) or 1.0
        for i, value in zip(members, values, strict=True):
            eigen[nodes[i]] = abs(value) / top * len(members) / n
    return betweenness, eigen


def _networkx_centrality(g: nx.Graph) -> tuple[dict[Any, float], dict[Any, float]]:
    n = g.number_of_nodes()
    k = BETWEENNESS_SAMPLE if n > BETWEENNESS_SAMPLE else None
    betweenness = nx.betweenness_centrality(g, k=k, seed=7 if k else None)
    eigen: dict[Any, float] = dict.fromkeys(g, 0.0)
    for component in nx.connected_components(g):
        if len(component) < 2:
            continue
        sub = g.subgraph(component).copy()
        try:
            values = nx.eigenvector_centrality(sub, max_iter=1000, tol=1e-6, weight="weight")
        except nx.PowerIterationFailedConvergence:
            # scipy is not a dependency, so no exact solver: fall back to weighted degree.
            values = dict(sub.degree(weight="weight"))
        top = max(abs(v) for v in values.values()) or 1.0
        for node, value in values.items():
            eigen[node] = abs(value) / top * len(component) / n
    return betweenness, eigen


def communities(g: nx.Graph, seed: int = 42) -> dict[Any, int]:
    """Louvain communities, numbered from 0 by size (largest first); a fixed seed gives stable ids."""
    if g.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(g, weight="weight", seed=seed)
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    return {node: i for i, members in enumerate(ordered) for node in members}


@dataclass(frozen=True)
class Step:
    """One step of a path: from ``source`` to ``target`` through the facts that link them."""

    source: str
    target: str
    facts: tuple[dict[str, Any], ...]


def k_shortest_paths(g: nx.Graph, source: str, target: str, k: int = 3) -> list[list[Step]]:
    """Up to ``k`` shortest simple paths from ``source`` to ``target`` (fewest steps first), each
    step with the facts that make its edge; an empty list when they are not connected."""
    if source not in g or target not in g or source == target:
        return []
    described: Mapping[str, dict[str, Any]] = g.graph.get("facts", {})
    paths: list[list[Step]] = []
    try:
        for nodes in itertools.islice(nx.shortest_simple_paths(g, source, target), k):
            paths.append(
                [
                    Step(a, b, tuple(described.get(f, {"iri": f}) for f in g.edges[a, b].get("facts", [])))
                    for a, b in itertools.pairwise(nodes)
                ]
            )
    except nx.NetworkXNoPath:
        return []
    return paths


def by_year(g: nx.Graph) -> dict[int, nx.Graph]:
    """The network year by year: each edge with only the facts dated in that year."""
    described: Mapping[str, dict[str, Any]] = g.graph.get("facts", {})
    years: dict[int, nx.Graph] = {}
    for a, b, data in g.edges(data=True):
        per_year: dict[int, list[str]] = defaultdict(list)
        for iri in data.get("facts", []):
            date = (described.get(iri) or {}).get("date")
            if date and date[:4].isdigit():
                per_year[int(date[:4])].append(iri)
        for year, facts in per_year.items():
            yg = years.setdefault(year, nx.Graph(year=year, facts=described))
            for node in (a, b):
                yg.add_node(node, **g.nodes[node])
            yg.add_edge(a, b, **{**data, "weight": len(facts), "facts": sorted(facts)})
    return dict(sorted(years.items()))


def top_pairs(g: nx.Graph, n: int = 10) -> list[tuple[str, str, int]]:
    """The ``n`` heaviest edges (the most active cooperation pairs), heaviest first."""
    edges = sorted(g.edges(data="weight"), key=lambda e: (-e[2], str(e[0]), str(e[1])))
    return [(str(a), str(b), int(w)) for a, b, w in edges[:n]]


def top_themes(g: nx.Graph, n: int = 10) -> list[tuple[str, int]]:
    """The themes of the most facts in the network (slugs with their fact counts)."""
    counts: Counter[str] = Counter()
    for fact in g.graph.get("facts", {}).values():
        counts.update(fact.get("themes", []))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def strongest(g: nx.Graph, n: int, keep: Iterable[str] = ()) -> list[str]:
    """The ``n`` best-connected nodes (weighted degree, then degree), ``keep`` first."""
    kept = [k for k in keep if k in g]
    ranked = sorted(
        (node for node in g if node not in kept),
        key=lambda node: (-g.degree(node, weight="weight"), -g.degree(node), str(node)),
    )
    return (kept + ranked)[:n]


# --- focus ---------------------------------------------------------------------------------


def resolve_focus(store: Store, text: str) -> str | None:
    """The IRI that ``text`` names: an IRI, an id (``org/kt``), or a name or acronym known to the
    reference data (gazetteer) or, failing that, to the store's labels."""
    text = text.strip()
    if not text:
        return None
    if text.startswith(("http://", "https://")):
        return text
    head = text.split("/", 1)[0]
    if "/" in text and head in {"org", "country", "site", "person", "agreement", "event", "project"}:
        return ID + text
    entries = load_gazetteer().lookup(text)
    if entries:
        return entries[0].iri
    literal = RDFLiteral(text.casefold()).n3()
    rows = store.select(
        _prefixes()
        + f"""SELECT ?e (COUNT(?fact) AS ?n) WHERE {{
  VALUES ?p {{ skos:prefLabel skos:altLabel rdfs:label dco:acronym }}
  ?e ?p ?label .
  FILTER(LCASE(STR(?label)) = {literal})
  OPTIONAL {{ VALUES ?role {{ {_roles()} }} ?fact ?role ?e }}
}} GROUP BY ?e ORDER BY DESC(?n) STR(?e) LIMIT 1"""
    )
    return str(rows[0]["e"]) if rows else None


# --- exports -------------------------------------------------------------------------------


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return " ".join(f"{k}:{v}" for k, v in value.items())
    if isinstance(value, Iterable):
        return " ".join(str(v) for v in value)
    return str(value)


def exportable(g: nx.Graph) -> nx.Graph:
    """A copy whose attributes are scalars (lists joined by spaces), as GraphML and GEXF need."""
    out = nx.Graph()
    for node, data in g.nodes(data=True):
        out.add_node(node, **{k: v for k, v in ((k, _scalar(v)) for k, v in data.items()) if v is not None})
    for a, b, data in g.edges(data=True):
        out.add_edge(a, b, **{k: v for k, v in ((k, _scalar(v)) for k, v in data.items()) if v is not None})
    return out


def to_graphml(g: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(exportable(g), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_gexf(g: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(exportable(g), buffer, encoding="utf-8")
    return buffer.getvalue()


def node_link(g: nx.Graph) -> dict[str, Any]:
    """Node-link JSON (``nodes`` and ``links``) with the graph's metadata under ``graph``.

    The projections keep only JSON values in their attributes (lists, not sets), so this is
    networkx's own structure, ready for ``json.dumps``."""
    data: dict[str, Any] = nx.node_link_data(g, edges="links")
    return data


def iter_edges_facts(g: nx.Graph) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    """Every edge with the described facts behind it."""
    described: Mapping[str, dict[str, Any]] = g.graph.get("facts", {})
    for a, b, data in g.edges(data=True):
        yield a, b, [described.get(f, {"iri": f}) for f in data.get("facts", [])]


def theme_choices() -> list[tuple[str, str]]:
    """(slug, English label) of every theme in the scheme, by label; for filter menus."""
    from ontology import ontology_graph

    graph = ontology_graph()
    found: list[tuple[str, str]] = []
    for concept in set(graph.subjects(RDF.type, SKOS.Concept)):
        iri = str(concept)
        if not iri.startswith(THEME):
            continue
        labels = [
            str(v) for v in graph.objects(concept, SKOS.prefLabel) if getattr(v, "language", None) == "en"
        ]
        found.append((iri.removeprefix(THEME), labels[0] if labels else iri.removeprefix(THEME)))
    return sorted(found, key=lambda pair: pair[1].casefold())
