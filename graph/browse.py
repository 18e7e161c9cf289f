"""Browse the cooperation facts: agreements, events and projects, filtered and paginated.

Filters name entities by id, IRI or name (``party="KT"``, ``country="르완다"``,
``theme="스마트시티"``); :func:`graph.search.resolve` turns each into one IRI, which reaches SPARQL
only inside ``VALUES`` as an IRI that was checked, never as user text. Dates in the graph may be
xsd:date, xsd:gYearMonth or xsd:gYear, so date ranges compare lexical prefixes: "2019" lies in
the range from 2019-03-01, and 2019-03-12 lies in the range up to 2019.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from rdflib import RDF, RDFS, URIRef
from rdflib.term import Node

from graph.errors import InputError
from graph.search import PREFIXES, NameIndex, entity_id, name_index, resolve
from graph.store.base import Store
from graph.triples import AGREEMENT_CLASSES, DCO, EVENT_KIND_OF_CLASS, PROV, SCHEMA

T = TypeVar("T")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SAFE_IRI = re.compile(r"^[^<>\"{}|^`\\\x00-\x20]+$")
MAX_LIMIT = 500

_AGREEMENT_KIND = {cls: kind for kind, cls in AGREEMENT_CLASSES.items()}
_KIND_WORDS = {
    "mou": "MOU",
    "agreement": "Cooperation agreement",
    "partnership": "Partnership agreement",
    "letter_of_intent": "Letter of intent",
    "contract": "Contract",
    "declaration": "Declaration",
    "study_tour": "Study tour",
}


@dataclass(frozen=True)
class Ref:
    """An entity a fact points at, with its names."""

    id: str
    iri: str
    label: str
    label_en: str | None
    label_ko: str | None


@dataclass(frozen=True)
class Evidence:
    sentence: str
    article: str


@dataclass(frozen=True)
class Agreement:
    id: str
    iri: str
    kind: str
    label: str
    date: str | None
    parties: list[Ref]
    places: list[Ref]
    themes: list[Ref]
    topics: list[str]
    articles: list[str]
    evidence: list[Evidence]


@dataclass(frozen=True)
class Event:
    id: str
    iri: str
    kind: str
    label: str
    start: str | None
    end: str | None
    organizers: list[Ref]
    participant_organizations: list[Ref]
    participant_countries: list[Ref]
    venues: list[Ref]
    themes: list[Ref]
    topics: list[str]
    articles: list[str]
    evidence: list[Evidence]


@dataclass(frozen=True)
class Project:
    id: str
    iri: str
    label: str
    start: str | None
    operators: list[Ref]
    partners: list[Ref]
    funders: list[Ref]
    countries: list[Ref]
    sites: list[Ref]
    themes: list[Ref]
    services: list[str]
    articles: list[str]
    evidence: list[Evidence]


@dataclass(frozen=True)
class Page(Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]
    # what each entity filter was resolved to (a name may match more than the user meant)
    filters: dict[str, Ref]


# --- filters --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    classes: tuple[URIRef, ...]
    date: URIRef
    who: str  # binds ?who: an organization taking part
    country: str  # binds ?country
    site: str  # binds ?site


_SPECS: dict[str, _Spec] = {
    "agreement": _Spec(
        tuple(AGREEMENT_CLASSES.values()),
        DCO.signedOn,
        "?f dco:party ?who .",
        # an agreement has no country of its own: its parties' countries and where it was signed
        "{ ?f dco:party/dco:homeCountry ?country } UNION { ?f dco:signedAt/dco:within*/dco:inCountry ?country }",
        "?f dco:signedAt/dco:within* ?site .",
    ),
    "event": _Spec(
        tuple(EVENT_KIND_OF_CLASS),
        DCO.startDate,
        "?f dco:organizer|dco:participantOrganization ?who .",
        "{ ?f dco:participantCountry ?country } UNION { ?f dco:venue/dco:within*/dco:inCountry ?country }",
        "?f dco:venue/dco:within* ?site .",
    ),
    "project": _Spec(
        (DCO.Project,),
        DCO.startDate,
        "?f dco:operator|dco:partner|dco:funder ?who .",
        "{ ?f dco:projectCountry ?country } UNION { ?f dco:projectSite/dco:within*/dco:inCountry ?country }",
        "?f dco:projectSite/dco:within* ?site .",
    ),
}


def check_date(value: str, name: str = "date") -> str:
    """``value`` as YYYY, YYYY-MM or YYYY-MM-DD; InputError when it is none of them."""
    text = value.strip()
    m = _DATE.match(text)
    try:
        if not m:
            raise ValueError(text)
        date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        raise InputError(
            f"'{text[:40]}' is not a date for {name}: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2023-06)."
        ) from None
    return text


def date_filter(var: str, date_from: str | None, date_to: str | None) -> str:
    """A FILTER keeping ``?var`` values within the range, comparing as many leading characters as
    the shorter of the two values has (so a year matches every day in it)."""
    parts = []
    for bound, op in ((date_from, ">="), (date_to, "<=")):
        if bound is None:
            continue
        # check_date leaves only digits and '-', so the literal cannot break out of its quotes
        n = len(bound)
        parts.append(
            f'IF(STRLEN(STR({var})) < {n}, STR({var}) {op} SUBSTR("{bound}", 1, STRLEN(STR({var}))), '
            f'SUBSTR(STR({var}), 1, {n}) {op} "{bound}")'
        )
    return f"FILTER({' && '.join(parts)})" if parts else ""


def iri_term(iri: str) -> str:
    if not _SAFE_IRI.match(iri):
        raise InputError("That identifier cannot be an IRI.")
    return f"<{iri}>"


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES {var} {{ {' '.join(iri_term(i) for i in iris)} }}"


def _where(
    store: Store,
    spec: _Spec,
    *,
    who: str | None,
    country: str | None,
    theme: str | None,
    site: str | None,
    date_from: str | None,
    date_to: str | None,
) -> tuple[str, dict[str, str]]:
    lines = [f"?f a ?type . {_values('?type', spec.classes)}"]
    resolved: dict[str, str] = {}
    for name, text, kind, pattern in (
        ("who", who, "org", spec.who),
        ("country", country, "country", spec.country),
        ("theme", theme, "theme", "?f dco:theme/skos:broader* ?theme ."),
        ("site", site, "site", spec.site),
    ):
        if text:
            resolved[name] = resolve(store, text, (kind,))
            lines.append(f"{pattern} {_values('?' + name, [resolved[name]])}")
    lo = check_date(date_from, "date_from") if date_from else None
    hi = check_date(date_to, "date_to") if date_to else None
    if lo or hi:
        lines.append(f"?f <{spec.date}> ?d . {date_filter('?d', lo, hi)}")
    return "\n  ".join(lines), resolved


def _page(store: Store, spec: _Spec, where: str, limit: int, offset: int) -> tuple[int, list[str]]:
    limit = max(0, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    count = store.select(f"{PREFIXES}SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{\n  {where}\n}}")
    total = int(str(count[0]["n"])) if count and "n" in count[0] else 0
    if not limit or offset >= total:
        return total, []
    rows = store.select(
        f"""{PREFIXES}SELECT ?f (MAX(STR(?when)) AS ?date) WHERE {{
  {where}
  OPTIONAL {{ ?f <{spec.date}> ?when }}
}} GROUP BY ?f ORDER BY DESC(?date) ?f LIMIT {limit} OFFSET {offset}"""
    )
    return total, [str(r["f"]) for r in rows]


# --- details --------------------------------------------------------------------------------

_DETAIL_PROPS = (
    RDF.type,
    RDFS.label,
    SCHEMA.name,
    PROV.wasDerivedFrom,
    DCO.party,
    DCO.signedOn,
    DCO.signedAt,
    DCO.topic,
    DCO.theme,
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
)


@dataclass
class _Facts:
    props: dict[str, dict[URIRef, list[Node]]]
    evidence: dict[str, list[Evidence]]


def _details(store: Store, iris: Sequence[str]) -> _Facts:
    props: dict[str, dict[URIRef, list[Node]]] = defaultdict(lambda: defaultdict(list))
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    if not iris:
        return _Facts(props, evidence)
    values = _values("?f", iris)
    # FILTER IN, not a second VALUES: Oxigraph joins VALUES ?f x VALUES ?p by scanning every triple
    # (1.6 s for 50 facts in 1M triples, benchmarks/scale.py), and walks ?f's triples with FILTER IN.
    wanted = ", ".join(iri_term(str(p)) for p in _DETAIL_PROPS)
    for row in store.select(
        f"{PREFIXES}SELECT ?f ?p ?o WHERE {{ {values} ?f ?p ?o FILTER(?p IN ({wanted})) }}"
    ):
        p = row["p"]
        assert isinstance(p, URIRef)
        props[str(row["f"])][p].append(row["o"])
    rows = store.select(
        f"""{PREFIXES}SELECT DISTINCT ?f ?sentence ?article ?start WHERE {{
  {values} ?f dco:evidence ?e . ?e dco:sentence ?sentence .
  OPTIONAL {{ ?e prov:wasDerivedFrom ?article }} OPTIONAL {{ ?e dco:startOffset ?start }}
}}"""
    )

    def order(row: Mapping[str, Node]) -> tuple[str, int]:
        start = row.get("start")
        return (str(row.get("article", "")), int(str(start)) if start is not None else 0)

    for row in sorted(rows, key=order):
        found = Evidence(str(row["sentence"]), str(row.get("article", "")))
        if found not in evidence[str(row["f"])]:
            evidence[str(row["f"])].append(found)
    return _Facts(props, evidence)


def _ref(index: NameIndex, iri: str) -> Ref:
    return Ref(entity_id(iri), iri, index.label(iri), index.label_en(iri), index.label_ko(iri))


def _refs(index: NameIndex, values: Iterable[Node]) -> list[Ref]:
    iris = sorted({str(v) for v in values if isinstance(v, URIRef)})
    return sorted((_ref(index, i) for i in iris), key=lambda r: (r.label.casefold(), r.iri))


def _texts(values: Iterable[Node]) -> list[str]:
    return sorted({str(v) for v in values})


def _first(values: Iterable[Node]) -> str | None:
    texts = _texts(values)
    return texts[0] if texts else None


def _name(index: NameIndex, iri: str, p: Mapping[URIRef, list[Node]]) -> str | None:
    named = index.entities.get(iri)
    if named is not None and named.names:
        return index.label(iri)
    names = _texts(p.get(SCHEMA.name, []) or p.get(RDFS.label, []))
    return names[0] if names else None


def _kind(types: Iterable[Node], table: Mapping[URIRef, str], plain: URIRef) -> str:
    # the most specific class: a subclass wins over the plain class
    kinds = sorted({table[t] for t in types if isinstance(t, URIRef) and t in table and t != plain})
    return kinds[0] if kinds else table.get(plain, "other")


def _joined(refs: Sequence[Ref]) -> str:
    names = [r.label for r in refs]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def _agreement(index: NameIndex, iri: str, facts: _Facts) -> Agreement:
    p = facts.props[iri]
    kind = _kind(p.get(RDF.type, []), _AGREEMENT_KIND, DCO.Agreement)
    parties = _refs(index, p.get(DCO.party, []))
    word = _KIND_WORDS.get(kind, "Agreement")
    label = _name(index, iri, p) or (f"{word} between {_joined(parties)}" if parties else word)
    return Agreement(
        id=entity_id(iri),
        iri=iri,
        kind=kind,
        label=label,
        date=_first(p.get(DCO.signedOn, [])),
        parties=parties,
        places=_refs(index, p.get(DCO.signedAt, [])),
        themes=_refs(index, p.get(DCO.theme, [])),
        topics=_texts(p.get(DCO.topic, [])),
        articles=_texts(p.get(PROV.wasDerivedFrom, [])),
        evidence=facts.evidence.get(iri, []),
    )


def _event(index: NameIndex, iri: str, facts: _Facts) -> Event:
    p = facts.props[iri]
    kind = _kind(p.get(RDF.type, []), dict(EVENT_KIND_OF_CLASS), DCO.Event)
    organizers = _refs(index, p.get(DCO.organizer, []))
    word = _KIND_WORDS.get(kind, kind.capitalize() if kind != "other" else "Event")
    topics = _texts(p.get(DCO.topic, []))
    fallback = (
        f"{word} on {topics[0]}" if topics else f"{word} by {_joined(organizers)}" if organizers else word
    )
    return Event(
        id=entity_id(iri),
        iri=iri,
        kind=kind,
        label=_name(index, iri, p) or fallback,
        start=_first(p.get(DCO.startDate, [])),
        end=_first(p.get(DCO.endDate, [])),
        organizers=organizers,
        participant_organizations=_refs(index, p.get(DCO.participantOrganization, [])),
        participant_countries=_refs(index, p.get(DCO.participantCountry, [])),
        venues=_refs(index, p.get(DCO.venue, [])),
        themes=_refs(index, p.get(DCO.theme, [])),
        topics=topics,
        articles=_texts(p.get(PROV.wasDerivedFrom, [])),
        evidence=facts.evidence.get(iri, []),
    )


def _project(index: NameIndex, iri: str, facts: _Facts) -> Project:
    p = facts.props[iri]
    operators = _refs(index, p.get(DCO.operator, []))
    fallback = f"Project of {_joined(operators)}" if operators else "Project"
    return Project(
        id=entity_id(iri),
        iri=iri,
        label=_name(index, iri, p) or fallback,
        start=_first(p.get(DCO.startDate, [])),
        operators=operators,
        partners=_refs(index, p.get(DCO.partner, [])),
        funders=_refs(index, p.get(DCO.funder, [])),
        countries=_refs(index, p.get(DCO.projectCountry, [])),
        sites=_refs(index, p.get(DCO.projectSite, [])),
        themes=_refs(index, p.get(DCO.theme, [])),
        services=_texts(p.get(DCO.service, [])),
        articles=_texts(p.get(PROV.wasDerivedFrom, [])),
        evidence=facts.evidence.get(iri, []),
    )


def _filters(index: NameIndex, resolved: dict[str, str], who: str) -> dict[str, Ref]:
    return {(who if name == "who" else name): _ref(index, iri) for name, iri in resolved.items()}


# --- public queries -------------------------------------------------------------------------


def agreements(
    store: Store,
    *,
    party: str | None = None,
    country: str | None = None,
    theme: str | None = None,
    site: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Agreement]:
    """Agreements, newest signature first; ``site`` matches where it was signed (or a place inside)."""
    spec = _SPECS["agreement"]
    where, resolved = _where(
        store, spec, who=party, country=country, theme=theme, site=site, date_from=date_from, date_to=date_to
    )
    total, iris = _page(store, spec, where, limit, offset)
    facts, index = _details(store, iris), name_index(store)
    filters = _filters(index, resolved, "party")
    return Page(total, limit, offset, [_agreement(index, i, facts) for i in iris], filters)


def events(
    store: Store,
    *,
    organizer: str | None = None,
    country: str | None = None,
    theme: str | None = None,
    site: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Event]:
    """Events, latest start first; ``organizer`` matches organizers and participating organizations."""
    spec = _SPECS["event"]
    where, resolved = _where(
        store,
        spec,
        who=organizer,
        country=country,
        theme=theme,
        site=site,
        date_from=date_from,
        date_to=date_to,
    )
    total, iris = _page(store, spec, where, limit, offset)
    facts, index = _details(store, iris), name_index(store)
    filters = _filters(index, resolved, "organizer")
    return Page(total, limit, offset, [_event(index, i, facts) for i in iris], filters)


def projects(
    store: Store,
    *,
    operator: str | None = None,
    country: str | None = None,
    theme: str | None = None,
    site: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Project]:
    """Projects, latest start first; ``operator`` matches operators, partners and funders."""
    spec = _SPECS["project"]
    where, resolved = _where(
        store,
        spec,
        who=operator,
        country=country,
        theme=theme,
        site=site,
        date_from=date_from,
        date_to=date_to,
    )
    total, iris = _page(store, spec, where, limit, offset)
    facts, index = _details(store, iris), name_index(store)
    filters = _filters(index, resolved, "operator")
    return Page(total, limit, offset, [_project(index, i, facts) for i in iris], filters)


@dataclass(frozen=True)
class FactSummary:
    """One fact in a few words: what paths show for each step."""

    id: str
    iri: str
    type: str  # agreement, event or project
    kind: str
    label: str
    date: str | None
    articles: list[str]
    evidence: list[Evidence]


def fact_summaries(store: Store, iris: Iterable[str]) -> dict[str, FactSummary]:
    """Summaries of the agreements, events and projects ``iris`` names (others are left out)."""
    wanted = sorted(set(iris))
    facts, index = _details(store, wanted), name_index(store)
    out: dict[str, FactSummary] = {}
    for iri in wanted:
        types = set(facts.props[iri].get(RDF.type, []))
        if types & set(_SPECS["agreement"].classes):
            a = _agreement(index, iri, facts)
            out[iri] = FactSummary(a.id, iri, "agreement", a.kind, a.label, a.date, a.articles, a.evidence)
        elif types & set(_SPECS["event"].classes):
            e = _event(index, iri, facts)
            out[iri] = FactSummary(e.id, iri, "event", e.kind, e.label, e.start, e.articles, e.evidence)
        elif DCO.Project in types:
            p = _project(index, iri, facts)
            out[iri] = FactSummary(p.id, iri, "project", "project", p.label, p.start, p.articles, p.evidence)
    return out
