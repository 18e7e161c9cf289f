"""What the knowledge graph says about one entity, and what it holds overall, read with SPARQL.

An entity is named by its IRI (``https://w3id.org/digicoop/id/<type>/<slug>``) or by its short id
``<type>/<slug>``. Reads run over the union of all graphs, so an organization's names come from the
reference data and every article that mentions it, and its facts from every article graph.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import NotFound
from graph.store.base import Row, Store
from graph.triples import (
    AGREEMENT_CLASSES,
    DCO,
    EVENT_KIND_OF_CLASS,
    ORG_CLASSES,
    PROV,
    SCHEMA,
    SITE_CLASSES,
)
from ontology import ID, THEME

ENTITY_TYPES = ("org", "country", "site", "person", "agreement", "event", "project", "article", "evidence")
_SLUG = re.compile(r"[A-Za-z0-9._\-]{1,128}")

PREFIXES = f"""PREFIX dco: <{DCO}>
PREFIX schema: <{SCHEMA}>
PREFIX prov: <{PROV}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
PREFIX owl: <{OWL}>
"""

# The roles an entity plays in a fact, named for people (property local name -> role).
ROLES: dict[URIRef, str] = {
    DCO.party: "party",
    DCO.signedAt: "signing place",
    DCO.organizer: "organizer",
    DCO.participantOrganization: "participant",
    DCO.participantCountry: "participant country",
    DCO.venue: "venue",
    DCO.operator: "operator",
    DCO.partner: "partner",
    DCO.funder: "funder",
    DCO.projectSite: "project site",
    DCO.projectCountry: "project country",
}
# Which date a fact is placed at on a timeline.
_DATES = (DCO.signedOn, DCO.startDate)
# The properties of a fact that its page shows, as the list of a FILTER(?p IN (...)).
_LINK_PROPS = ", ".join(
    f"<{p}>" for p in sorted({*ROLES, DCO.topic, DCO.theme, SCHEMA.name, DCO.service, *_DATES, DCO.endDate})
)

_PLAIN = {DCO.Organization, DCO.Site, DCO.Agreement, DCO.Event}
KINDS: dict[URIRef, tuple[str, str]] = {
    **{cls: ("organization", str(kind)) for kind, cls in ORG_CLASSES.items()},
    **{cls: ("site", str(kind)) for kind, cls in SITE_CLASSES.items()},
    **{cls: ("agreement", str(kind)) for kind, cls in AGREEMENT_CLASSES.items()},
    **{cls: ("event", str(kind)) for cls, kind in EVENT_KIND_OF_CLASS.items()},
}
KINDS[DCO.Project] = ("project", "project")
KINDS[DCO.Country] = ("country", "country")
KINDS[DCO.Person] = ("person", "person")
KINDS[DCO.Article] = ("article", "article")
KINDS[DCO.Evidence] = ("evidence", "evidence")
FACT_CATEGORIES = ("agreement", "event", "project")


def values(iris: Iterable[str]) -> str:
    """IRIs as the body of a SPARQL VALUES clause."""
    return " ".join(f"<{i}>" for i in sorted(set(iris)))


# --- ids -------------------------------------------------------------------------------------


def entity_id(iri: str) -> str | None:
    """``org/kt`` for ``https://w3id.org/digicoop/id/org/kt``; None for an IRI outside ``id/``."""
    if not iri.startswith(ID):
        return None
    rest = iri[len(ID) :]
    type_, _, slug = rest.partition("/")
    if type_ in ENTITY_TYPES and _SLUG.fullmatch(slug):
        return f"{type_}/{slug}"
    return None


def entity_path(iri: str) -> str | None:
    """The entity page of ``iri`` in the service (``/entities/org/kt``), or None."""
    found = entity_id(iri)
    if found is None:
        return None
    if found.startswith("article/"):
        return "/articles/" + found.split("/", 1)[1]
    return "/entities/" + found


def iri_of(type_: str, slug: str) -> str:
    """The IRI of ``type_``/``slug``; NotFound for a type or slug that cannot name an entity."""
    if type_ not in ENTITY_TYPES or not _SLUG.fullmatch(slug):
        raise NotFound(f"There is no entity '{type_}/{slug}': ids look like org/kt or country/KR.")
    return f"{ID}{type_}/{slug}"


def resolve(store: Store, ident: str) -> str:
    """The IRI of the entity that ``ident`` names: ``type/slug``, ``type:slug``, a full IRI, or a
    bare slug that names one entity of some type. NotFound when the graph holds no such entity."""
    ident = ident.strip()
    if ident.startswith(ID):
        candidates = [ident]
    elif "/" in ident or ":" in ident:
        type_, _, slug = ident.replace(":", "/", 1).partition("/")
        candidates = [iri_of(type_, slug)]
    elif _SLUG.fullmatch(ident):
        candidates = [f"{ID}{t}/{ident}" for t in ENTITY_TYPES]
        if len(ident) == 2:
            candidates.append(f"{ID}country/{ident.upper()}")
    else:
        return _by_name(store, ident)
    rows = store.select(
        f"SELECT DISTINCT ?x WHERE {{ VALUES ?x {{ {values(candidates)} }} {{ ?x ?p ?o }} UNION {{ ?s ?q ?x }} }}"
    )
    found = sorted(str(r["x"]) for r in rows)
    if not found:
        if "/" not in ident and ":" not in ident:
            return _by_name(store, ident)
        raise NotFound(f"The knowledge graph holds nothing about '{ident}'.")
    # a bare slug shared by two types: the order of ENTITY_TYPES decides (organizations first)
    order = {iri: i for i, iri in enumerate(candidates)}
    return min(found, key=lambda iri: order.get(iri, len(order)))


def _by_name(store: Store, name: str) -> str:
    """An entity named ``name`` (``KT``, ``르완다``), found by the search module when it is there."""
    try:
        from graph.search import resolve as search_resolve
    except ImportError:  # search is optional for entity pages
        raise NotFound(f"There is no entity '{name[:80]}': ids look like org/kt or country/KR.") from None
    return search_resolve(store, name, [t for t in ENTITY_TYPES if t not in ("article", "evidence")])


# --- names and kinds -------------------------------------------------------------------------


def _lang(node: Node) -> str:
    return (node.language or "en") if isinstance(node, Literal) else "en"


def names_of(store: Store, iris: Iterable[str]) -> dict[str, dict[str, list[str]]]:
    """Every name of each entity by language, the preferred one first:
    {iri: {"ko": [...], "en": [...]}}."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    rows = store.select(
        PREFIXES
        + f"""SELECT ?x ?name ?how WHERE {{ VALUES ?x {{ {values(wanted)} }}
        {{ ?x skos:prefLabel ?name BIND(0 AS ?how) }} UNION {{ ?x rdfs:label ?name BIND(1 AS ?how) }}
        UNION {{ ?x skos:altLabel ?name BIND(2 AS ?how) }} UNION {{ ?x schema:headline ?name BIND(3 AS ?how) }} }}"""
    )
    # how often each name is the preferred one across graphs decides which comes first
    score: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for row in rows:
        name = row["name"]
        how = int(str(row["how"]))
        score[str(row["x"])][_lang(name)][str(name)] += 10 if how in (0, 3) else 1
    # a store without the reference graph (a remote engine loaded by hand) still names countries
    missing = [x for x in wanted if x not in score and x.startswith(ID)]
    if missing:
        from ontology import reference_graph

        reference = reference_graph()
        for x in missing:
            for prop, weight in ((SKOS.prefLabel, 10), (RDFS.label, 1), (SKOS.altLabel, 1)):
                for name in reference.objects(URIRef(x), prop):
                    score[x][_lang(name)][str(name)] += weight
    return {
        x: {lang: sorted(c, key=lambda n: (-c[n], len(n), n)) for lang, c in sorted(langs.items())}
        for x, langs in score.items()
    }


def display_name(names: Mapping[str, list[str]] | None, iri: str, prefer: str = "en") -> str:
    """One name to show: the preferred language's first name, else any, else the id."""
    if names:
        for lang in (prefer, "en", "ko", *names):
            if names.get(lang):
                return names[lang][0]
    return entity_id(iri) or iri


def kind_of(types: Iterable[Node]) -> tuple[str, str] | None:
    """(category, kind) of the most specific known class among ``types``: a subclass wins over
    the plain class."""
    known = sorted(
        {t for t in types if isinstance(t, URIRef) and t in KINDS}, key=lambda t: (t in _PLAIN, str(t))
    )
    return KINDS[known[0]] if known else None


def types_of(store: Store, iris: Iterable[str]) -> dict[str, list[Node]]:
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    rows = store.select(f"SELECT DISTINCT ?x ?t WHERE {{ VALUES ?x {{ {values(wanted)} }} ?x a ?t }}")
    out: dict[str, list[Node]] = defaultdict(list)
    for row in rows:
        out[str(row["x"])].append(row["t"])
    return out


def describe(store: Store, iris: Iterable[str]) -> dict[str, dict[str, Any]]:
    """A short card per entity: id, path, category, kind, names, label."""
    wanted = sorted(set(iris))
    names = names_of(store, wanted)
    types = types_of(store, wanted)
    out: dict[str, dict[str, Any]] = {}
    for iri in wanted:
        category, kind = kind_of(types.get(iri, [])) or (None, None)
        if category is None and iri.startswith(THEME):
            category, kind = "theme", "theme"
        label = display_name(names.get(iri), iri)
        if not names.get(iri) and category in FACT_CATEGORIES and kind:
            # agreements carry no name: their kind says what they are
            label = kind.replace("_", " ").upper() if kind == "mou" else kind.replace("_", " ").capitalize()
            if category == "event" and kind == "other":
                label = "Event"
        out[iri] = {
            "iri": iri,
            "id": entity_id(iri),
            "path": entity_path(iri) or (f"/theme/{iri[len(THEME) :]}" if iri.startswith(THEME) else None),
            "category": category,
            "kind": kind,
            "names": names.get(iri, {}),
            "label": label,
        }
    return out


# --- one entity ------------------------------------------------------------------------------


def _select(store: Store, body: str) -> list[Row]:
    return store.select(PREFIXES + body)


def _first(rows: list[Row], name: str) -> str | None:
    found = sorted(str(r[name]) for r in rows if name in r)
    return found[0] if found else None


def entity_view(store: Store, iri: str) -> dict[str, Any]:
    """Everything the pages and the JSON show about one entity.

    Keys: iri, id, category, kind, names, label, home_country, wikidata, part_of, links (its own
    properties, for facts), timeline (its agreements, events, projects by date), partners, facts
    (every fact with the sentence stating it), articles. NotFound when nothing is known.
    """
    if not store.ask(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}"):
        raise NotFound(f"The knowledge graph holds nothing about <{iri}>.")
    card = describe(store, [iri])[iri]
    home = _first(_select(store, f"SELECT ?c WHERE {{ <{iri}> dco:homeCountry|dco:inCountry ?c }}"), "c")
    wikidata = _first(
        _select(
            store,
            f"""SELECT ?w WHERE {{ {{ <{iri}> dco:wikidata ?w }} UNION
            {{ <{iri}> owl:sameAs ?w FILTER(STRSTARTS(STR(?w), "http://www.wikidata.org/")) }} }}""",
        ),
        "w",
    )
    parents = [str(r["p"]) for r in _select(store, f"SELECT DISTINCT ?p WHERE {{ <{iri}> dco:partOf ?p }}")]

    # the facts this entity takes part in, with the role it plays
    fact_rows = _select(
        store,
        f"""SELECT DISTINCT ?fact ?role ?article ?date WHERE {{
            ?fact ?role <{iri}> ; prov:wasDerivedFrom ?article .
            VALUES ?role {{ {values(ROLES)} }}
            OPTIONAL {{ ?fact dco:signedOn|dco:startDate ?date }} }}""",
    )
    facts: dict[str, dict[str, Any]] = {}
    for row in fact_rows:
        fact = str(row["fact"])
        entry = facts.setdefault(fact, {"roles": set(), "articles": set(), "dates": set()})
        entry["roles"].add(ROLES[URIRef(str(row["role"]))])
        entry["articles"].add(str(row["article"]))
        if "date" in row:
            entry["dates"].add(str(row["date"]))

    # an agreement, event or project page shows its own participants and the sentences behind it
    own = card["category"] in FACT_CATEGORIES
    if own:
        rows = _select(
            store,
            f"SELECT DISTINCT ?article ?date WHERE {{ <{iri}> prov:wasDerivedFrom ?article "
            f"OPTIONAL {{ <{iri}> dco:signedOn|dco:startDate ?date }} }}",
        )
        facts[iri] = {
            "roles": {"itself"},
            "articles": {str(r["article"]) for r in rows},
            "dates": {str(r["date"]) for r in rows if "date" in r},
        }

    link_rows = (
        _select(
            store,
            # FILTER IN, not VALUES ?p: joined with VALUES ?fact, Oxigraph scanned every triple for
            # the property list (7 s for a country's 850 facts in 1M triples, benchmarks/scale.py).
            f"""SELECT DISTINCT ?fact ?p ?o WHERE {{ VALUES ?fact {{ {values(facts)} }} ?fact ?p ?o .
            FILTER(?p IN ({_LINK_PROPS})) }}""",
        )
        if facts
        else []
    )
    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in link_rows:
        links[str(row["fact"])][str(row["p"])].append(str(row["o"]))

    evidence_rows = (
        _select(
            store,
            f"""SELECT DISTINCT ?fact ?ev ?sentence ?start ?end ?rule ?confidence ?article WHERE {{
            VALUES ?fact {{ {values(facts)} }} ?fact dco:evidence ?ev .
            ?ev dco:sentence ?sentence ; prov:wasDerivedFrom ?article .
            OPTIONAL {{ ?ev dco:startOffset ?start }} OPTIONAL {{ ?ev dco:endOffset ?end }}
            OPTIONAL {{ ?ev dco:rule ?rule }} OPTIONAL {{ ?ev dco:confidence ?confidence }} }}""",
        )
        if facts
        else []
    )
    sentences: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in evidence_rows:
        sentences[str(row["fact"])].append(
            {
                "sentence": str(row["sentence"]),
                "start": int(str(row["start"])) if "start" in row else None,
                "end": int(str(row["end"])) if "end" in row else None,
                "rule": str(row["rule"]) if "rule" in row else None,
                "confidence": float(str(row["confidence"])) if "confidence" in row else None,
                "article": str(row["article"]),
            }
        )

    participants = {
        str(o) for fact in links.values() for p, objs in fact.items() if URIRef(p) in ROLES for o in objs
    }
    articles = {a for f in facts.values() for a in f["articles"]}
    mention_rows = _select(
        store, f"SELECT DISTINCT ?article WHERE {{ ?article schema:mentions <{iri}> ; a dco:Article }}"
    )
    articles |= {str(r["article"]) for r in mention_rows}
    themes = {o for f in links.values() for o in f.get(str(DCO.theme), [])}
    cards = describe(
        store, set(facts) | participants | articles | themes | set(parents) | ({home} if home else set())
    )
    article_meta = _articles_meta(store, articles)

    timeline: list[dict[str, Any]] = []
    fact_list: list[dict[str, Any]] = []
    partners: Counter[str] = Counter()
    for fact, info in facts.items():
        fcard = cards[fact]
        props = links.get(fact, {})
        others: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for p, objs in sorted(props.items()):
            role = ROLES.get(URIRef(p))
            if role is None:
                continue
            for o in sorted(set(objs)):
                if o != iri and o in cards:
                    others[role].append(cards[o])
                    if not own and cards[o]["category"] in ("organization", "country"):
                        partners[o] += 1
        date = min(info["dates"]) if info["dates"] else None
        item = {
            **fcard,
            "roles": sorted(info["roles"]),
            "date": date,
            "end": min(props.get(str(DCO.endDate), []), default=None),
            "name": min(props.get(str(SCHEMA.name), []), default=None),
            "topics": sorted(set(props.get(str(DCO.topic), []))),
            "services": sorted(set(props.get(str(DCO.service), []))),
            "themes": [cards[t] for t in sorted(set(props.get(str(DCO.theme), []))) if t in cards],
            "participants": {role: people for role, people in sorted(others.items())},
            "articles": [article_meta[a] for a in sorted(info["articles"]) if a in article_meta],
            "evidence": [
                {**ev, "article": article_meta.get(ev["article"], {"iri": ev["article"]})}
                for ev in sorted(sentences.get(fact, []), key=lambda e: (e["article"], e["start"] or 0))
            ],
        }
        fact_list.append(item)
        if fact != iri:
            timeline.append(item)
    timeline.sort(key=lambda f: (f["date"] is None, f["date"] or "", f["label"]))
    fact_list.sort(key=lambda f: (f["date"] is None, f["date"] or "", f["label"]))
    return {
        **card,
        "home_country": cards.get(home) if home else None,
        "wikidata": wikidata,
        "part_of": [cards[p] for p in parents if p in cards],
        "timeline": [f for f in timeline],
        "partners": [
            {**cards[p], "facts": n}
            for p, n in sorted(partners.items(), key=lambda kv: (-kv[1], cards[kv[0]]["label"]))
        ],
        "facts": fact_list,
        "articles": sorted(
            article_meta.values(), key=lambda a: (a.get("published") or "", a["iri"]), reverse=True
        ),
    }


def _articles_meta(store: Store, iris: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    rows = _select(
        store,
        f"""SELECT ?a ?title ?published ?language WHERE {{ VALUES ?a {{ {values(wanted)} }} ?a a dco:Article .
        OPTIONAL {{ ?a schema:headline ?title }} OPTIONAL {{ ?a schema:datePublished ?published }}
        OPTIONAL {{ ?a schema:inLanguage ?language }} }}""",
    )
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        a = str(row["a"])
        out[a] = {
            "iri": a,
            "id": a.rsplit("/", 1)[-1],
            "path": entity_path(a),
            "title": str(row.get("title", "")),
            "published": str(row["published"]) if "published" in row else None,
            "language": str(row["language"]) if "language" in row else None,
        }
    return out


def entity_graph(store: Store, iri: str) -> Graph:
    """The entity's own triples across all graphs, the evidence behind the facts it takes part
    in and those facts' triples: what Turtle and JSON-LD clients get when they dereference it."""
    if not store.ask(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}"):
        raise NotFound(f"The knowledge graph holds nothing about <{iri}>.")
    g = store.construct(
        PREFIXES
        + f"""CONSTRUCT {{ <{iri}> ?p ?o . ?fact ?role <{iri}> . ?fact ?fp ?fo . }} WHERE {{
            {{ <{iri}> ?p ?o }} UNION
            {{ ?fact ?role <{iri}> ; prov:wasDerivedFrom ?article . ?fact ?fp ?fo }} }}"""
    )
    for prefix, ns in (("dco", DCO), ("schema", SCHEMA), ("prov", PROV), ("skos", SKOS)):
        g.bind(prefix, ns, override=True, replace=True)
    return g


# --- the whole graph -------------------------------------------------------------------------


def summary(store: Store) -> dict[str, int]:
    """How many articles, organizations, sites, people, countries, agreements, events and projects
    the article graphs hold (reference-only entities are not counted)."""
    org = values(ORG_CLASSES.values())
    site = values(SITE_CLASSES.values())
    agreement = values(AGREEMENT_CLASSES.values())
    event = values(EVENT_KIND_OF_CLASS)
    rows = _select(
        store,
        f"""SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {{
          {{ ?x a dco:Article BIND("articles" AS ?what) }}
          UNION {{ ?a a dco:Article ; schema:mentions ?x . ?x a ?t VALUES ?t {{ {org} }} BIND("organizations" AS ?what) }}
          UNION {{ ?a a dco:Article ; schema:mentions ?x . ?x a ?t VALUES ?t {{ {site} }} BIND("sites" AS ?what) }}
          UNION {{ ?a a dco:Article ; schema:mentions ?x . ?x a dco:Person BIND("people" AS ?what) }}
          UNION {{ ?a a dco:Article ; schema:mentions ?x . ?x a dco:Country BIND("countries" AS ?what) }}
          UNION {{ ?x prov:wasDerivedFrom ?a ; a ?t VALUES ?t {{ {agreement} }} BIND("agreements" AS ?what) }}
          UNION {{ ?x prov:wasDerivedFrom ?a ; a ?t VALUES ?t {{ {event} }} BIND("events" AS ?what) }}
          UNION {{ ?x prov:wasDerivedFrom ?a ; a dco:Project BIND("projects" AS ?what) }}
        }} GROUP BY ?what""",
    )
    counts = dict.fromkeys(
        ("articles", "organizations", "countries", "agreements", "events", "projects", "sites", "people"), 0
    )
    for row in rows:
        counts[str(row["what"])] = int(str(row["n"]))
    return counts


def most_connected(store: Store, category: str, limit: int = 10) -> list[dict[str, Any]]:
    """The organizations (``category="organization"``) or countries (``"country"``) that take part
    in the most agreements, events and projects; a country counts its own roles and those of its
    organizations."""
    roles = values(ROLES)
    if category == "country":
        pattern = f"""?x a dco:Country . {{ ?fact ?role ?x }} UNION {{ ?fact ?role ?o . ?o dco:homeCountry ?x }}
            VALUES ?role {{ {roles} }}"""
    else:
        pattern = f"?fact ?role ?x . VALUES ?role {{ {roles} }} ?x a ?t . VALUES ?t {{ {values(ORG_CLASSES.values())} }}"
    rows = _select(
        store,
        f"""SELECT ?x (COUNT(DISTINCT ?fact) AS ?n) WHERE {{ ?fact prov:wasDerivedFrom ?article . {pattern} }}
        GROUP BY ?x ORDER BY DESC(?n) STR(?x) LIMIT {int(limit)}""",
    )
    cards = describe(store, [str(r["x"]) for r in rows])
    return [{**cards[str(r["x"])], "facts": int(str(r["n"]))} for r in rows]


def theme_counts(store: Store) -> list[dict[str, Any]]:
    """Every theme of the scheme with its labels and the number of facts tagged with it."""
    rows = _select(
        store,
        f"""SELECT ?theme (COUNT(DISTINCT ?fact) AS ?n) WHERE {{ ?theme a skos:Concept .
            FILTER(STRSTARTS(STR(?theme), "{THEME}"))
            OPTIONAL {{ ?fact dco:theme ?theme ; prov:wasDerivedFrom ?article }} }}
        GROUP BY ?theme ORDER BY DESC(?n) STR(?theme)""",
    )
    names = names_of(store, [str(r["theme"]) for r in rows])
    return [
        {
            "iri": str(r["theme"]),
            "slug": str(r["theme"])[len(THEME) :],
            "path": f"/theme/{str(r['theme'])[len(THEME) :]}",
            "names": names.get(str(r["theme"]), {}),
            "label": display_name(names.get(str(r["theme"])), str(r["theme"])),
            "facts": int(str(r["n"])),
        }
        for r in rows
    ]


def facts_with_theme(store: Store, theme: str, limit: int = 200) -> list[dict[str, Any]]:
    """Agreements, events and projects tagged with ``theme`` (an IRI), newest first."""
    rows = _select(
        store,
        f"""SELECT DISTINCT ?fact ?date WHERE {{ ?fact dco:theme <{theme}> ; prov:wasDerivedFrom ?article .
            OPTIONAL {{ ?fact dco:signedOn|dco:startDate ?date }} }} ORDER BY DESC(?date) LIMIT {int(limit)}""",
    )
    cards = describe(store, [str(r["fact"]) for r in rows])
    seen: set[str] = set()
    out = []
    for r in rows:
        fact = str(r["fact"])
        if fact not in seen:
            seen.add(fact)
            out.append({**cards[fact], "date": str(r["date"]) if "date" in r else None})
    return out
