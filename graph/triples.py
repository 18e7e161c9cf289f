"""Mint RDF from an Extraction: the one place where extracted facts become IRIs and triples.

Everything here follows the shared vocabulary (``dco:``). Minting is deterministic: the same
Extraction of the same article always gives the same triples (no blank nodes, no clock, no
counters that depend on anything but the Extraction), so re-ingesting an article replaces
its named graph with an identical one.

IRIs of entities that the extractor did not link to reference data are derived from their
names, so the same organization named the same way in two articles is one node.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

from graph.model import (
    AgreementKind,
    Article,
    EventKind,
    Evidence,
    Extraction,
    Organization,
    OrgKind,
    Person,
    Site,
    SiteKind,
)
from ontology import GRAPH_ARTICLE, ID, THEME
from ontology.namespace import DCO

log = logging.getLogger(__name__)

SCHEMA = Namespace("http://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")

ORG_CLASSES: dict[OrgKind, URIRef] = {
    "company": DCO.Company,
    "government": DCO.GovernmentAgency,
    "local_government": DCO.LocalGovernment,
    "international": DCO.InternationalOrganization,
    "ngo": DCO.NGO,
    "research": DCO.ResearchInstitute,
    "academic": DCO.University,
    "other": DCO.Organization,
}
SITE_CLASSES: dict[SiteKind, URIRef] = {
    "region": DCO.Region,
    "city": DCO.City,
    "county": DCO.County,
    "island": DCO.Island,
    "district": DCO.District,
    "venue": DCO.Venue,
    "building": DCO.Building,
    "other": DCO.Site,
}
AGREEMENT_CLASSES: dict[AgreementKind, URIRef] = {
    "mou": DCO.MOU,
    "agreement": DCO.CooperationAgreement,
    "partnership": DCO.PartnershipAgreement,
    "letter_of_intent": DCO.LetterOfIntent,
    "contract": DCO.Contract,
    "declaration": DCO.Declaration,
    "other": DCO.Agreement,
}
# "other" is minted as plain dco:Event: the extractor's "other" is not necessarily a ceremony.
EVENT_CLASSES: dict[EventKind, URIRef] = {
    "workshop": DCO.Workshop,
    "conference": DCO.Conference,
    "forum": DCO.Forum,
    "seminar": DCO.Seminar,
    "training": DCO.Training,
    "study_tour": DCO.StudyTour,
    "exhibition": DCO.Exhibition,
    "meeting": DCO.Meeting,
    "other": DCO.Event,
}
# Reading back, a class not minted here (dco:Ceremony from reference data or a hand-written
# graph) still has a kind.
EVENT_KIND_OF_CLASS: dict[URIRef, EventKind] = {cls: kind for kind, cls in EVENT_CLASSES.items()}
EVENT_KIND_OF_CLASS[DCO.Ceremony] = "other"

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,11}$")
_GOVERNMENT_WORDS = re.compile(r"(?i)\bgovernment(?:\s+of)?\b|\s*정부$")
_LEADING_THE = re.compile(r"(?i)^\s*the\s+")


# --- names, slugs and hashes -------------------------------------------------------------


def language_of(text: str) -> str:
    """The language tag of a name or phrase by its script: Hangul -> ko, anything else -> en."""
    return "ko" if _HANGUL.search(text) else "en"


@lru_cache(maxsize=4096)
def tagged(text: str) -> Literal:
    return Literal(text, lang=language_of(text))


def normalize_name(name: str) -> str:
    """The form under which two spellings of a name count as the same (NFKC, casefold, no
    spaces or punctuation)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZSC")


def normalize_text(text: str) -> str:
    """The article text as hashed: NFKC with whitespace runs collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ascii_slug(name: str) -> str | None:
    """A readable slug for an all-ASCII name (``Smart Cities Council`` -> ``smart-cities-council``);
    None for names in another script, which are hashed instead."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    if not folded.isascii():
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:80].rstrip("-") or None


def name_slug(name: str) -> str:
    """The slug of an entity named ``name``: readable when ASCII, else ``h`` + 12 hex of the hash
    of the normalized name."""
    return ascii_slug(name) or "h" + sha256_hex(normalize_name(name))[:12]


# --- IRIs ----------------------------------------------------------------------------------


def article_iri(article: Article) -> str:
    """The stable IRI of an article; see :func:`graph.loaders.article_iri` (one definition)."""
    from graph.loaders import article_iri as loader_iri

    return loader_iri(article)


@lru_cache(maxsize=256)  # asked again for every evidence node of the article
def article_slug(article_iri: str) -> str:
    """The last part of an article IRI minted by :func:`article_iri`; any other IRI is hashed."""
    prefix = f"{ID}article/"
    rest = article_iri[len(prefix) :] if article_iri.startswith(prefix) else ""
    if rest and re.fullmatch(r"[A-Za-z0-9._\-]+", rest):
        return rest
    return "h" + sha256_hex(article_iri)[:16]


def article_graph_iri(article_iri: str) -> str:
    """The named graph holding one article's facts:
    ``https://w3id.org/digicoop/graph/article/<article-slug>``.

    Every module that reads or writes an article's facts derives the graph from the article IRI
    with this function, and nothing else."""
    return GRAPH_ARTICLE + article_slug(article_iri)


def country_iri(code: str) -> URIRef:
    return URIRef(f"{ID}country/{code.upper()}")


def theme_iri(slug: str) -> URIRef:
    return URIRef(THEME + slug)


@lru_cache(maxsize=1)
def _theme_scheme() -> frozenset[URIRef]:
    """The concepts of the theme scheme; a slug outside it would point at nothing."""
    try:
        from ontology import ontology_graph

        concepts = ontology_graph().subjects(RDF.type, SKOS.Concept)
        return frozenset(c for c in concepts if isinstance(c, URIRef) and str(c).startswith(THEME))
    except Exception as exc:  # the ontology files are optional for minting: a broken file must not stop it
        log.debug("theme scheme unavailable: %s", exc)
        return frozenset()


def is_theme(slug: str) -> bool:
    scheme = _theme_scheme()
    return theme_iri(slug) in scheme if scheme else bool(re.fullmatch(r"[a-z0-9\-]+", slug))


@lru_cache(maxsize=512)
def _country_names(code: str) -> frozenset[str]:
    """Normalized names of a country: pycountry's English names and Korean translation, and the
    labels that the reference data gives it."""
    names: set[str] = set()
    try:
        import gettext

        import pycountry

        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    names.add(value)
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"])
            names.add(translation.gettext(country.name))
    except (ImportError, OSError, LookupError):  # pragma: no cover - pycountry is a dependency
        pass
    try:
        from ontology import reference_graph

        reference = reference_graph()
        for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            names.update(str(o) for o in reference.objects(country_iri(code), prop))
    except Exception as exc:  # reference data is optional for minting: a broken file must not stop it
        log.debug("reference data unavailable for country names: %s", exc)
    return frozenset(normalize_name(n) for n in names if n)


def _names_a_country(name: str, code: str) -> bool:
    bare = _LEADING_THE.sub("", _GOVERNMENT_WORDS.sub(" ", name)).strip()
    return bool(bare) and normalize_name(bare) in _country_names(code)


def organization_iri(org: Organization) -> URIRef:
    """The reference IRI when linked; ``id/org/gov-<cc>`` for a country's government named only by
    its country; else ``id/org/<slug of the preferred name>``."""
    if org.iri:
        return URIRef(org.iri)
    code = (org.country or "").upper()
    if (
        org.kind == "government"
        and _COUNTRY_CODE.match(code)
        and org.part_of is None
        and org.names
        and all(_names_a_country(n, code) for n in org.names)
    ):
        return URIRef(f"{ID}org/gov-{code.lower()}")
    return URIRef(f"{ID}org/{name_slug(org.names[0] if org.names else org.key)}")


def site_iri(site: Site) -> URIRef:
    """The reference IRI when linked; else from the preferred name and the country, since place
    names repeat across countries far more than organization names do."""
    if site.iri:
        return URIRef(site.iri)
    name = site.names[0] if site.names else site.key
    code = (site.country or "").upper()
    ascii_part = ascii_slug(name)
    if ascii_part:
        slug = f"{ascii_part}-{code.lower()}" if code else ascii_part
    else:
        slug = "h" + sha256_hex(normalize_name(name) + "|" + code)[:12]
    return URIRef(f"{ID}site/{slug}")


def person_iri(person: Person, affiliation: URIRef | None) -> URIRef:
    key = normalize_name(person.name) + "|" + (str(affiliation) if affiliation else "")
    return URIRef(f"{ID}person/h{sha256_hex(key)[:12]}")


def fact_iri(kind: str, article_iri: str, index: int) -> URIRef:
    """An agreement, event or project of one article: ``id/<kind>/<article-slug>-<n>``."""
    return URIRef(f"{ID}{kind}/{article_slug(article_iri)}-{index}")


def evidence_iri(article_iri: str, *parts: object) -> URIRef:
    """An Evidence node, named by the hash of what it states, so that an unchanged statement keeps
    its IRI when the rest of the article changes."""
    key = "|".join(str(p) for p in (article_iri, *parts))
    return URIRef(f"{ID}evidence/{article_slug(article_iri)}-{sha256_hex(key)[:12]}")


class _Terms:
    """The terms of a namespace, each built once: rdflib builds and checks a new URIRef on every
    attribute access (``DCO.sentence``), and minting asks for the same few terms thousands of times."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = URIRef(getattr(self._namespace, name))
        setattr(self, name, term)
        return term


_DCO, _RDF, _RDFS, _SKOS = _Terms(DCO), _Terms(RDF), _Terms(RDFS), _Terms(SKOS)
_SCHEMA, _PROV, _XSD = _Terms(SCHEMA), _Terms(PROV), _Terms(XSD)


# --- literals ------------------------------------------------------------------------------


def date_literal(value: str | None) -> Literal | None:
    """An ISO date at the precision given, typed xsd:date, xsd:gYearMonth or xsd:gYear; None for
    a missing or impossible date (a fact keeps its other properties without it)."""
    if not value:
        return None
    m = _ISO_DATE.match(value.strip())
    if not m:
        log.warning("not an ISO date, left out: %r", value)
        return None
    year, month, day = m.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        log.warning("impossible date, left out: %r", value)
        return None
    if day:
        return Literal(f"{year}-{month}-{day}", datatype=_XSD.date)
    if month:
        return Literal(f"{year}-{month}", datatype=_XSD.gYearMonth)
    return Literal(year, datatype=_XSD.gYear)


@lru_cache(maxsize=4096)
def _integer(value: int) -> Literal:
    return Literal(value, datatype=_XSD.integer)


@lru_cache(maxsize=1024)
def _plain(text: str) -> Literal:
    return Literal(text)


@lru_cache(maxsize=1024)
def _confidence(value: float) -> Literal:
    clamped = min(1.0, max(0.0, float(value)))
    return Literal(Decimal(f"{clamped:.3f}").normalize(), datatype=_XSD.decimal)


# --- the article graph ---------------------------------------------------------------------


class _Minter:
    def __init__(self, extraction: Extraction, article_iri: str) -> None:
        self.x = extraction
        self.article_iri = article_iri
        self.article = URIRef(article_iri)
        # Triples in a plain dict (ordered, no duplicates): an rdflib Graph costs more to fill than
        # all the rest of minting, and the pipeline only needs the triples and their N-Triples text.
        self.triples: dict[tuple[Node, Node, Node], None] = {}
        self.pref_languages: dict[Node, set[str | None]] = {}
        self.orgs: dict[str, URIRef] = {}
        self.sites: dict[str, URIRef] = {}

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.triples[(s, p, o)] = None

    def run(self) -> MintedGraph:
        self.mint_article()
        # An entity needs a name (the shapes ask for one) and a fact its core: an agreement
        # without a signatory or a project without a name is left out rather than half-stated.
        orgs = [o for o in self.x.organizations if _names(o.names)]
        sites = [s for s in self.x.sites if _names(s.names)]
        self.orgs = {o.key: organization_iri(o) for o in orgs}
        self.sites = {s.key: site_iri(s) for s in sites}
        for org in orgs:
            self.mint_organization(org)
        for site in sites:
            self.mint_site(site)
        for person in self.x.people:
            if person.name.strip():
                self.mint_person(person)
        for mention in self.x.countries:
            code = mention.code.upper()
            if _COUNTRY_CODE.match(code):
                node = self.country(code)
                self.add(self.article, _SCHEMA.mentions, node)
                self.mint_mentions(node, mention.evidence)
        for i, agreement in enumerate(self.x.agreements, 1):
            if not any(key in self.orgs for key in agreement.parties):
                log.warning("agreement %d names no known party, left out", i)
                continue
            node = fact_iri("agreement", self.article_iri, i)
            cls = AGREEMENT_CLASSES.get(agreement.kind, _DCO.Agreement)
            self.fact(node, cls, agreement.evidence)
            self.refs(node, _DCO.party, self.orgs, agreement.parties)
            self.add(node, _DCO.signedOn, date_literal(agreement.date))
            if agreement.place:
                self.add(node, _DCO.signedAt, self.sites.get(agreement.place))
            self.topics_and_themes(node, agreement.topics, agreement.themes)
        for i, event in enumerate(self.x.events, 1):
            node = fact_iri("event", self.article_iri, i)
            self.fact(node, EVENT_CLASSES.get(event.kind, _DCO.Event), event.evidence)
            if event.name:
                self.add(node, _SCHEMA.name, tagged(event.name))
                self.add(node, _RDFS.label, tagged(event.name))
            self.refs(node, _DCO.organizer, self.orgs, event.organizers)
            self.refs(node, _DCO.participantOrganization, self.orgs, event.participant_organizations)
            self.countries(node, _DCO.participantCountry, event.participant_countries)
            self.refs(node, _DCO.venue, self.sites, event.venues)
            self.add(node, _DCO.startDate, date_literal(event.start))
            self.add(node, _DCO.endDate, date_literal(event.end))
            self.topics_and_themes(node, event.topics, event.themes)
        for i, project in enumerate(self.x.projects, 1):
            if not _names(project.names):
                log.warning("project %d has no name, left out", i)
                continue
            node = fact_iri("project", self.article_iri, i)
            self.fact(node, _DCO.Project, project.evidence)
            self.labels(node, project.names)
            self.refs(node, _DCO.operator, self.orgs, project.operators)
            self.refs(node, _DCO.partner, self.orgs, project.partners)
            self.refs(node, _DCO.funder, self.orgs, project.funders)
            self.refs(node, _DCO.projectSite, self.sites, project.sites)
            self.countries(node, _DCO.projectCountry, project.countries)
            for service in project.services:
                self.add(node, _DCO.service, Literal(service))
            self.add(node, _DCO.startDate, date_literal(project.start))
            self.topics_and_themes(node, [], project.themes)
        return MintedGraph(tuple(self.triples))

    def mint_article(self) -> None:
        a, art = self.article, self.x.article
        self.add(a, _RDF.type, _DCO.Article)
        self.add(a, _SCHEMA.headline, Literal(art.title))
        if art.published:
            self.add(a, _SCHEMA.datePublished, Literal(art.published.isoformat(), datatype=_XSD.date))
        self.add(a, _SCHEMA.inLanguage, Literal(art.language))
        if art.publisher:
            self.add(a, _DCO.publisherName, Literal(art.publisher))
        if art.url and re.match(r"(?i)https?://", art.url):
            self.add(a, _SCHEMA.url, Literal(art.url.strip(), datatype=_XSD.anyURI))
        if art.source:
            self.add(a, _DCO.sourceName, Literal(art.source))
        self.add(a, _DCO.text, Literal(art.text))
        self.add(a, _DCO.contentHash, Literal(sha256_hex(normalize_text(art.text))))

    def labels(self, node: URIRef, names: Iterable[str]) -> None:
        seen: set[str] = set()
        for i, name in enumerate(n for n in names if n and n.strip()):
            if name in seen:
                continue
            seen.add(name)
            label = tagged(name)
            self.add(node, _RDFS.label, label)
            # Two entries of one extraction can be one node (two spellings of a country's
            # government): the first keeps the preferred label, one per language tag.
            taken = self.pref_languages.setdefault(node, set())
            if i == 0 and label.language not in taken:
                self.add(node, _SKOS.prefLabel, label)
                taken.add(label.language)
            elif (node, _SKOS.prefLabel, label) not in self.triples:
                self.add(node, _SKOS.altLabel, label)

    def mint_organization(self, org: Organization) -> None:
        node = self.orgs[org.key]
        self.add(self.article, _SCHEMA.mentions, node)
        self.add(node, _RDF.type, ORG_CLASSES.get(org.kind, _DCO.Organization))
        self.labels(node, org.names)
        for name in org.names[1:]:
            if _ACRONYM.match(name) and sum(ch.isupper() for ch in name) >= 2:
                self.add(node, _DCO.acronym, Literal(name))
        code = (org.country or "").upper()
        if _COUNTRY_CODE.match(code):
            self.add(node, _DCO.homeCountry, self.country(code))
        if org.part_of and org.part_of in self.orgs and self.orgs[org.part_of] != node:
            self.add(node, _DCO.partOf, self.orgs[org.part_of])
        self.mint_mentions(node, org.evidence)

    def mint_site(self, site: Site) -> None:
        node = self.sites[site.key]
        self.add(self.article, _SCHEMA.mentions, node)
        self.add(node, _RDF.type, SITE_CLASSES.get(site.kind, _DCO.Site))
        self.labels(node, site.names)
        code = (site.country or "").upper()
        if _COUNTRY_CODE.match(code):
            self.add(node, _DCO.inCountry, self.country(code))
        if site.within and site.within in self.sites and self.sites[site.within] != node:
            self.add(node, _DCO.within, self.sites[site.within])
        self.mint_mentions(node, site.evidence)

    def mint_person(self, person: Person) -> None:
        affiliation = self.orgs.get(person.affiliation) if person.affiliation else None
        node = person_iri(person, affiliation)
        self.add(self.article, _SCHEMA.mentions, node)
        self.add(node, _RDF.type, _DCO.Person)
        self.labels(node, [person.name])
        self.add(node, _DCO.affiliation, affiliation)
        if person.role:
            self.add(node, _DCO.role, tagged(person.role))
        self.mint_mentions(node, person.evidence)

    def country(self, code: str) -> URIRef:
        node = country_iri(code)
        self.add(node, _RDF.type, _DCO.Country)
        return node

    def countries(self, node: URIRef, prop: URIRef, codes: Iterable[str]) -> None:
        for code in codes:
            if _COUNTRY_CODE.match(code.upper()):
                self.add(node, prop, self.country(code.upper()))

    def refs(self, node: URIRef, prop: URIRef, table: dict[str, URIRef], keys: Iterable[str]) -> None:
        for key in keys:
            if key in table:
                self.add(node, prop, table[key])
            else:
                log.warning("unknown key %r for %s, left out", key, prop)

    def topics_and_themes(self, node: URIRef, topics: Iterable[str], themes: Iterable[str]) -> None:
        for topic in topics:
            if topic.strip():
                self.add(node, _DCO.topic, tagged(topic))
        for theme in themes:
            if is_theme(theme):
                self.add(node, _DCO.theme, theme_iri(theme))
            else:
                log.warning("no theme %r in the scheme, left out", theme)

    def fact(self, node: URIRef, cls: URIRef, evidence: list[Evidence]) -> None:
        self.add(node, _RDF.type, cls)
        self.add(node, _PROV.wasDerivedFrom, self.article)
        for ev in evidence:
            ev_node = self.evidence(ev, node, "statement", str(cls))
            self.add(ev_node, _RDF.type, _RDF.Statement)
            self.add(ev_node, _RDF.subject, node)
            self.add(ev_node, _RDF.predicate, _RDF.type)
            self.add(ev_node, _RDF.object, cls)
            self.add(node, _DCO.evidence, ev_node)

    def mint_mentions(self, node: URIRef, evidence: list[Evidence]) -> None:
        for ev in evidence:
            ev_node = self.evidence(ev, node, "mention")
            self.add(ev_node, _DCO.mentionOf, node)

    def evidence(self, ev: Evidence, about: URIRef, *what: str) -> URIRef:
        text = self.x.article.text
        start = max(0, min(ev.start, len(text)))
        end = max(start, min(ev.end, len(text)))
        node = evidence_iri(self.article_iri, about, *what, start, end, ev.rule)
        self.add(node, _RDF.type, _DCO.Evidence)
        self.add(node, _PROV.wasDerivedFrom, self.article)
        self.add(node, _DCO.sentence, _plain(text[start:end]))  # one sentence has many evidence nodes
        self.add(node, _DCO.startOffset, _integer(start))
        self.add(node, _DCO.endOffset, _integer(end))
        self.add(node, _DCO.rule, _plain(ev.rule))
        self.add(node, _DCO.confidence, _confidence(ev.confidence))
        return node


def _names(names: Iterable[str]) -> list[str]:
    return [n for n in names if n and n.strip()]


@dataclass(frozen=True)
class MintedGraph:
    """The triples of one article's named graph, as minted (no duplicates)."""

    triples: tuple[tuple[Node, Node, Node], ...]

    def __len__(self) -> int:
        return len(self.triples)

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        return iter(self.triples)

    def ntriples(self) -> str:
        """N-Triples text, term for term what rdflib's ``Graph.serialize(format="nt")`` writes."""
        # Each term written once: the same nodes and predicates recur on most lines. Keyed by id,
        # since rdflib hashes and compares terms in Python (every term is alive while self is).
        written: dict[int, str] = {}
        for triple in self.triples:
            for term in triple:
                if id(term) not in written:
                    written[id(term)] = _quoteLiteral(term) if isinstance(term, Literal) else term.n3()
        return "".join(
            [f"{written[id(s)]} {written[id(p)]} {written[id(o)]} .\n" for s, p, o in self.triples]
        )

    def graph(self) -> Graph:
        data = Graph()
        for prefix, ns in (("dco", DCO), ("schema", SCHEMA), ("prov", PROV), ("skos", SKOS)):
            data.bind(prefix, ns)
        for triple in self.triples:
            data.add(triple)
        return data


def mint_article_graph(extraction: Extraction, article_iri: str) -> MintedGraph:
    """The triples of :func:`article_graph` without building an rdflib Graph (the ingest path)."""
    return _Minter(extraction, article_iri).run()


def article_graph(extraction: Extraction, article_iri: str) -> Graph:
    """All triples that one article contributes, for its named graph (see :func:`article_graph_iri`).

    The Article node; every organization, site, person and country mentioned (``schema:mentions``)
    with its kind as ``rdf:type``, its names as the article spells them, and its relations; the
    agreements, events and projects; and one ``dco:Evidence`` per stated sentence, which slices
    ``dco:text`` at ``dco:startOffset``..``dco:endOffset``.
    """
    return mint_article_graph(extraction, article_iri).graph()
