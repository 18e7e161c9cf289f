"""The facts view: what the knowledge graph holds about one article, in the form of
``facts.schema.json``.

It is read back from the article's named graph with SPARQL SELECTs only, so it shows what the
graph holds and not what the extractor returned. Python here only arranges the rows: refs
(``o1``, ``s1``, ``p1``) are numbered in the order the article first mentions each entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from rdflib import RDFS, SKOS, Literal, URIRef
from rdflib.term import Node

from graph.errors import NotFound
from graph.model import Article, Extraction
from graph.store.base import Row, Store
from graph.triples import (
    AGREEMENT_CLASSES,
    DCO,
    EVENT_KIND_OF_CLASS,
    ORG_CLASSES,
    PROV,
    SCHEMA,
    SITE_CLASSES,
    article_graph,
    article_graph_iri,
    article_iri,
)
from ontology import ID

K = TypeVar("K", bound=str)

_PREFIXES = f"""
PREFIX dco: <{DCO}>
PREFIX schema: <{SCHEMA}>
PREFIX prov: <{PROV}>
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
"""
_COUNTRY_PREFIX = f"{ID}country/"
_PLAIN = {DCO.Organization, DCO.Site, DCO.Agreement, DCO.Event}


def _values(classes: Iterable[URIRef]) -> str:
    return " ".join(f"<{c}>" for c in sorted(set(classes)))


def _kind(types: Iterable[Node], table: Mapping[URIRef, K]) -> K:
    """The kind of the most specific class: a subclass wins over the plain class, and of two
    subclasses (an entity two extractions typed differently) the first in sorted order."""
    found = sorted({t for t in types if isinstance(t, URIRef) and t in table}, key=lambda t: (t in _PLAIN, t))
    return table[found[0]]


class _Reader:
    def __init__(self, store: Store, article_iri: str) -> None:
        self.store = store
        self.article = article_iri
        self.graph = article_graph_iri(article_iri)
        self.text = ""

    def select(self, head: str, pattern: str, tail: str = "") -> list[Row]:
        """Run ``head WHERE { pattern } tail`` with ``pattern`` matched inside the article's named
        graph only, ``?article`` standing for the article."""
        pattern = pattern.replace("?article", f"<{self.article}>")
        return self.store.select(f"{_PREFIXES}{head} WHERE {{ GRAPH <{self.graph}> {{ {pattern} }} }} {tail}")

    def position(self, text: str) -> int:
        found = self.text.find(text)
        return found if found >= 0 else len(self.text)

    def ordered_texts(self, values: Iterable[str]) -> list[str]:
        """Distinct strings in the order the article first writes them."""
        return sorted(set(values), key=lambda v: (self.position(v), v))

    # --- queries ---------------------------------------------------------------------------

    def article_fields(self) -> dict[str, Any]:
        rows = self.select(
            "SELECT ?title ?published ?language ?publisher ?url ?text",
            """?article a dco:Article .
                OPTIONAL { ?article schema:headline ?title }
                OPTIONAL { ?article schema:datePublished ?published }
                OPTIONAL { ?article schema:inLanguage ?language }
                OPTIONAL { ?article dco:publisherName ?publisher }
                OPTIONAL { ?article schema:url ?url }
                OPTIONAL { ?article dco:text ?text }""",
        )
        if not rows:
            raise NotFound(f"No article {self.article} in the knowledge graph.")
        row = rows[0]
        self.text = str(row.get("text", ""))

        def value(name: str) -> str | None:
            return str(row[name]) if name in row else None

        return {
            "title": value("title") or "",
            "published": value("published"),
            "language": value("language") or "en",
            "publisher": value("publisher"),
            "url": value("url"),
        }

    def mentioned(self, classes: Iterable[URIRef]) -> dict[str, list[Node]]:
        """Entities the article mentions with one of ``classes``, and their types."""
        rows = self.select(
            "SELECT ?x ?type",
            f"?article schema:mentions ?x . ?x a ?type . VALUES ?type {{ {_values(classes)} }}",
        )
        types: dict[str, list[Node]] = defaultdict(list)
        for row in rows:
            types[str(row["x"])].append(row["type"])
        return types

    def names(self) -> dict[str, list[str]]:
        """Every entity's names: the preferred label first, then the others as the text orders them."""
        rows = self.select(
            "SELECT ?x ?label ?preferred",
            """{ ?article schema:mentions ?x } UNION { ?x prov:wasDerivedFrom ?article }
            ?x rdfs:label ?label .
            BIND(EXISTS { ?x skos:prefLabel ?label } AS ?preferred)""",
        )
        labels: dict[str, set[str]] = defaultdict(set)
        preferred: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            x, label = str(row["x"]), str(row["label"])
            labels[x].add(label)
            flag = row.get("preferred")
            if isinstance(flag, Literal) and flag.toPython() is True:
                preferred[x].add(label)
        out: dict[str, list[str]] = {}
        for x, all_labels in labels.items():
            first = self.ordered_texts(preferred[x])[:1]
            out[x] = first + [v for v in self.ordered_texts(all_labels) if v not in first]
        return out

    def first_mentions(self) -> dict[str, int]:
        rows = self.select(
            "SELECT ?x (MIN(?start) AS ?first)",
            "{ ?e dco:mentionOf ?x } UNION { ?x dco:evidence ?e } ?e dco:startOffset ?start .",
            "GROUP BY ?x",
        )
        return {str(r["x"]): int(str(r["first"])) for r in rows if "first" in r}

    def links(self, props: Iterable[URIRef], subjects: str) -> dict[str, dict[str, list[str]]]:
        """Objects of ``props`` for the subjects that ``subjects`` (a pattern binding ?x) finds,
        as {subject: {property: [objects]}}."""
        rows = self.select(
            "SELECT ?x ?p ?o",
            f"{subjects} ?x ?p ?o . VALUES ?p {{ {_values(props)} }}",
        )
        out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for row in rows:
            out[str(row["x"])][str(row["p"])].append(str(row["o"]))
        return out

    def facts(self, classes: Iterable[URIRef]) -> dict[str, list[Node]]:
        rows = self.select(
            "SELECT ?x ?type",
            f"?x prov:wasDerivedFrom ?article ; a ?type . VALUES ?type {{ {_values(classes)} }}",
        )
        types: dict[str, list[Node]] = defaultdict(list)
        for row in rows:
            types[str(row["x"])].append(row["type"])
        return types


def _code(iri: str) -> str:
    return iri[len(_COUNTRY_PREFIX) :] if iri.startswith(_COUNTRY_PREFIX) else iri


def facts_from_store(store: Store, article_iri: str) -> dict[str, Any]:
    """The facts view of ``article_iri`` as its named graph holds them (facts.schema.json form).

    Raises NotFound when the store has no such article.
    """
    r = _Reader(store, article_iri)
    article = r.article_fields()
    names = r.names()
    first = r.first_mentions()

    def order(iris: Iterable[str]) -> list[str]:
        def key(iri: str) -> tuple[int, int, str, str]:
            label = names.get(iri, [""])[0]
            return (first.get(iri, len(r.text)), r.position(label) if label else len(r.text), label, iri)

        return sorted(set(iris), key=key)

    org_types = r.mentioned(ORG_CLASSES.values())
    site_types = r.mentioned(SITE_CLASSES.values())
    people = list(r.mentioned([DCO.Person]))
    org_ref = {iri: f"o{i}" for i, iri in enumerate(order(org_types), 1)}
    site_ref = {iri: f"s{i}" for i, iri in enumerate(order(site_types), 1)}
    person_ref = {iri: f"p{i}" for i, iri in enumerate(order(people), 1)}
    org_kinds = {cls: kind for kind, cls in ORG_CLASSES.items()}
    site_kinds = {cls: kind for kind, cls in SITE_CLASSES.items()}
    agreement_kinds = {cls: kind for kind, cls in AGREEMENT_CLASSES.items()}

    entity = "?article schema:mentions ?x ."
    props = r.links(
        [DCO.homeCountry, DCO.partOf, DCO.inCountry, DCO.within, DCO.affiliation, DCO.role], entity
    )

    def one(values: list[str], refs: Mapping[str, str] | None = None) -> str | None:
        if refs is not None:
            found = sorted((refs[v] for v in values if v in refs), key=_ref_key)
            return found[0] if found else None
        return sorted(values)[0] if values else None

    def many(values: list[str], refs: Mapping[str, str]) -> list[str]:
        return sorted({refs[v] for v in values if v in refs}, key=_ref_key)

    def codes(values: list[str]) -> list[str]:
        return sorted({_code(v) for v in values})

    organizations = [
        {
            "ref": ref,
            "names": names.get(iri) or [iri],
            "kind": _kind(org_types[iri], org_kinds),
            "country": one(codes(props[iri][str(DCO.homeCountry)])),
            "part_of": one(props[iri][str(DCO.partOf)], org_ref),
        }
        for iri, ref in org_ref.items()
    ]
    sites = [
        {
            "ref": ref,
            "names": names.get(iri) or [iri],
            "kind": _kind(site_types[iri], site_kinds),
            "country": one(codes(props[iri][str(DCO.inCountry)])),
            "within": one(props[iri][str(DCO.within)], site_ref),
        }
        for iri, ref in site_ref.items()
    ]
    persons = [
        {
            "ref": ref,
            "name": (names.get(iri) or [iri])[0],
            "affiliation": one(props[iri][str(DCO.affiliation)], org_ref),
            "role": one(props[iri][str(DCO.role)]),
        }
        for iri, ref in person_ref.items()
    ]
    countries = sorted(
        _code(str(row["c"]))
        for row in r.select("SELECT DISTINCT ?c", "?article schema:mentions ?c . ?c a dco:Country")
    )

    derived = "?x prov:wasDerivedFrom ?article ."
    agreement_types = r.facts(AGREEMENT_CLASSES.values())
    event_types = r.facts(EVENT_KIND_OF_CLASS)
    project_types = r.facts([DCO.Project])
    fact_props = r.links(
        [
            DCO.party,
            DCO.signedOn,
            DCO.signedAt,
            DCO.topic,
            SCHEMA.name,
            DCO.organizer,
            DCO.participantCountry,
            DCO.participantOrganization,
            DCO.venue,
            DCO.startDate,
            DCO.endDate,
            DCO.operator,
            DCO.partner,
            DCO.funder,
            DCO.projectSite,
            DCO.projectCountry,
            DCO.service,
        ],
        derived,
    )

    def get(iri: str, prop: URIRef) -> list[str]:
        return fact_props[iri][str(prop)]

    agreements = [
        {
            "kind": _kind(agreement_types[iri], agreement_kinds),
            "parties": many(get(iri, DCO.party), org_ref),
            "date": one(get(iri, DCO.signedOn)),
            "place": one(get(iri, DCO.signedAt), site_ref),
            "topics": r.ordered_texts(get(iri, DCO.topic)),
        }
        for iri in order(agreement_types)
        # the view's schema needs a signatory; a partyless agreement stays in the graph only
        if many(get(iri, DCO.party), org_ref)
    ]
    events = [
        {
            "kind": _kind(event_types[iri], EVENT_KIND_OF_CLASS),
            "name": one(get(iri, SCHEMA.name)),
            "organizers": many(get(iri, DCO.organizer), org_ref),
            "participant_countries": codes(get(iri, DCO.participantCountry)),
            "participant_organizations": many(get(iri, DCO.participantOrganization), org_ref),
            "venues": many(get(iri, DCO.venue), site_ref),
            "start": one(get(iri, DCO.startDate)),
            "end": one(get(iri, DCO.endDate)),
            "topics": r.ordered_texts(get(iri, DCO.topic)),
        }
        for iri in order(event_types)
    ]
    projects = [
        {
            "names": names.get(iri) or [iri],
            # the schema's "partners" covers funders too (GUIDELINES: funders, co-implementers)
            "operators": many(get(iri, DCO.operator), org_ref),
            "partners": many(get(iri, DCO.partner) + get(iri, DCO.funder), org_ref),
            "sites": many(get(iri, DCO.projectSite), site_ref),
            "countries": codes(get(iri, DCO.projectCountry)),
            "services": r.ordered_texts(get(iri, DCO.service)),
            "start": one(get(iri, DCO.startDate)),
        }
        for iri in order(project_types)
    ]
    return {
        "article": article,
        "organizations": organizations,
        "people": persons,
        "countries": countries,
        "sites": sites,
        "agreements": agreements,
        "events": events,
        "projects": projects,
    }


def _ref_key(ref: str) -> tuple[str, int]:
    return (ref[:1], int(ref[1:]) if ref[1:].isdigit() else 0)


def facts_for_article(article: Article, extraction: Extraction) -> dict[str, Any]:
    """The facts view of one extraction, as a fresh in-memory knowledge graph holds it."""
    from graph.store import open_store

    iri = article_iri(article)
    store = open_store(memory=True)
    try:
        store.replace_graph(article_graph_iri(iri), article_graph(extraction, iri))
        return facts_from_store(store, iri)
    finally:
        store.close()
