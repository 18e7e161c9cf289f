"""The dataclasses that flow through digicoop: an Article in, an Extraction out.

Extraction code returns these and nothing else; RDF is minted from them in
:mod:`graph.triples` alone. Offsets always index ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Language = Literal["ko", "en"]
OrgKind = Literal[
    "company", "government", "local_government", "international", "ngo", "research", "academic", "other"
]
SiteKind = Literal["region", "city", "county", "island", "district", "venue", "building", "other"]
AgreementKind = Literal[
    "mou", "agreement", "partnership", "letter_of_intent", "contract", "declaration", "other"
]
EventKind = Literal[
    "workshop", "conference", "forum", "seminar", "training", "study_tour", "exhibition", "meeting", "other"
]


@dataclass(frozen=True)
class Article:
    """One news article or press release, with page chrome removed.

    ``text`` is the body the extractor reads (headline and deck first, then the story
    paragraphs separated by blank lines); every offset in an Extraction points into it.
    """

    text: str
    title: str
    language: Language
    published: date | None = None
    publisher: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: the sentence span in ``Article.text``, the rule and its confidence."""

    start: int
    end: int
    rule: str
    confidence: float = 0.8


@dataclass
class Organization:
    key: str  # local reference, unique within one Extraction
    names: list[str]  # preferred first, spelled as the text spells them
    kind: OrgKind = "other"
    country: str | None = None  # ISO 3166-1 alpha-2
    part_of: str | None = None  # key of the parent organization
    iri: str | None = None  # reference-data IRI when linked
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Site:
    key: str
    names: list[str]
    kind: SiteKind = "other"
    country: str | None = None
    within: str | None = None  # key of the containing site
    iri: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Person:
    key: str
    name: str
    affiliation: str | None = None  # organization key
    role: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class CountryMention:
    code: str  # ISO 3166-1 alpha-2
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Agreement:
    kind: AgreementKind
    parties: list[str]  # organization keys
    date: str | None = None  # ISO at the precision the text gives: YYYY, YYYY-MM or YYYY-MM-DD
    place: str | None = None  # site key
    topics: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # theme slugs of the SKOS scheme
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Event:
    kind: EventKind
    name: str | None = None
    organizers: list[str] = field(default_factory=list)
    participant_countries: list[str] = field(default_factory=list)
    participant_organizations: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    topics: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Project:
    names: list[str]
    operators: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    funders: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    start: str | None = None
    themes: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    article: Article
    organizations: list[Organization] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    countries: list[CountryMention] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
