"""Accumulates the entities and facts of one article while rules fire.

Rules in both languages report what they found here; the builder merges repeated
mentions of one entity (by normalized name or by reference IRI), keeps the names in
the order the text first used them, and records evidence for every mention.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graph.model import (
    Agreement,
    Article,
    CountryMention,
    Event,
    Evidence,
    Extraction,
    Organization,
    OrgKind,
    Person,
    Project,
    Site,
    SiteKind,
)

_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)


# Rules compare the same few names and words over and over.
@lru_cache(maxsize=16384)
def norm(name: str) -> str:
    """The comparison key of a name: NFKC, case folded, no spaces or punctuation."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", name).casefold())


# Korean press shortenings of a name's words: "ITU 아태지역사무소" is "ITU 아시아태평양지역사무소".
_SHORTENED = (("아시아태평양", "아태"),)


def _org_norm(name: str) -> str:
    key = norm(name)
    for full, short in _SHORTENED:
        key = key.replace(full, short)
    return key


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str

    def evidence(self, rule: str, confidence: float) -> Evidence:
        return Evidence(self.start, self.end, rule, confidence)


@dataclass
class Builder:
    article: Article
    orgs: list[Organization] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    countries: dict[str, CountryMention] = field(default_factory=dict)
    agreements: list[Agreement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    # Reference-data parents (org key -> parent IRI): they count only if the article names them.
    ref_parents: dict[str, str] = field(default_factory=dict)
    # Keys of organizations merged into another when an alias showed they were one.
    renamed: dict[str, str] = field(default_factory=dict)
    # Normalized country names the article uses, which make a project name an instance.
    place_words: set[str] = field(default_factory=set)
    # Derived lookups the rules rebuild only when the entities change.
    memo: dict[str, Any] = field(default_factory=dict)
    # Keys are never reused, even after a merge removes an entity.
    _issued: dict[str, int] = field(default_factory=dict)

    def _key(self, prefix: str) -> str:
        self._issued[prefix] = self._issued.get(prefix, 0) + 1
        return f"{prefix}{self._issued[prefix]}"

    # -- entities ---------------------------------------------------------------------------

    def find_org(self, name: str) -> Organization | None:
        key = _org_norm(name)
        if not key:
            return None
        for org in self.orgs:
            if any(_org_norm(n) == key for n in org.names):
                return org
        return None

    def add_org(
        self,
        names: list[str],
        kind: OrgKind,
        evidence: Evidence,
        *,
        country: str | None = None,
        iri: str | None = None,
        part_of: str | None = None,
    ) -> Organization:
        names = [n.strip() for n in names if n and n.strip()]
        found = next((o for o in self.orgs if o.iri == iri), None) if iri else None
        if found is None:
            found = next((o for o in (self.find_org(n) for n in names) if o), None)
        if found is None:
            found = Organization(
                key=self._key("o"), names=[], kind=kind, country=country, iri=iri, part_of=part_of
            )
            self.orgs.append(found)
        else:
            found.iri = found.iri or iri
            found.country = found.country or country
            found.part_of = found.part_of or part_of
        known = {norm(n) for n in found.names}
        for n in names:
            if norm(n) and norm(n) not in known:
                found.names.append(n)
                known.add(norm(n))
        if evidence not in found.evidence:
            found.evidence.append(evidence)
        return found

    def find_site(self, name: str) -> Site | None:
        key = norm(name)
        return next((s for s in self.sites if any(norm(n) == key for n in s.names)), None)

    def add_site(
        self,
        names: list[str],
        kind: SiteKind,
        evidence: Evidence,
        *,
        country: str | None = None,
        iri: str | None = None,
        within: str | None = None,
    ) -> Site:
        found = next((s for s in self.sites if s.iri == iri), None) if iri else None
        if found is None:
            found = next((s for s in (self.find_site(n) for n in names) if s), None)
        if found is None:
            found = Site(key=self._key("s"), names=[], kind=kind, country=country, iri=iri)
            self.sites.append(found)
        found.within = found.within or (within if within != found.key else None)
        found.country = found.country or country
        known = {norm(n) for n in found.names}
        for n in names:
            if norm(n) and norm(n) not in known:
                found.names.append(n)
                known.add(norm(n))
        if evidence not in found.evidence:
            found.evidence.append(evidence)
        return found

    def add_person(
        self, name: str, evidence: Evidence, *, affiliation: str | None = None, role: str | None = None
    ) -> Person:
        key = norm(name)
        for person in self.people:
            if norm(person.name) == key:
                person.affiliation = person.affiliation or affiliation
                person.role = person.role or role
                if evidence not in person.evidence:
                    person.evidence.append(evidence)
                return person
        person = Person(self._key("p"), name, affiliation, role, [evidence])
        self.people.append(person)
        return person

    def add_country(self, code: str, evidence: Evidence) -> None:
        mention = self.countries.setdefault(code, CountryMention(code))
        if evidence not in mention.evidence:
            mention.evidence.append(evidence)

    # -- facts ------------------------------------------------------------------------------

    def add_agreement(self, agreement: Agreement) -> None:
        """Keep one agreement per set of parties: later sentences add detail, not duplicates."""
        parties = set(agreement.parties)
        for known in self.agreements:
            if set(known.parties) == parties:
                known.date = known.date or agreement.date
                known.place = known.place or agreement.place
                _extend(known.topics, agreement.topics)
                _extend(known.themes, agreement.themes)
                _extend(known.evidence, agreement.evidence)
                return
        self.agreements.append(agreement)

    def add_event(self, event: Event) -> Event:
        for known in self.events:
            if _same_event(known, event):
                known.name = known.name or event.name
                if known.start and event.start and len(event.start) > len(known.start):
                    known.start = event.start
                known.end = known.end or event.end
                for attr in (
                    "organizers",
                    "participant_countries",
                    "participant_organizations",
                    "venues",
                    "topics",
                    "themes",
                    "evidence",
                ):
                    _extend(getattr(known, attr), getattr(event, attr))
                known.participant_organizations = [
                    o for o in known.participant_organizations if o not in known.organizers
                ]
                return known
        self.events.append(event)
        return event

    def add_project(self, project: Project) -> Project:
        keys = {norm(n) for n in project.names}
        places = {norm(n) for site in self.sites for n in site.names} | self.place_words
        for known in self.projects:
            if _names_meet(keys, {norm(n) for n in known.names}, places):
                _extend(known.names, project.names)
                for attr in ("operators", "partners", "funders", "sites", "countries", "services", "themes"):
                    _extend(getattr(known, attr), getattr(project, attr))
                known.start = known.start or project.start
                _extend(known.evidence, project.evidence)
                return known
        self.projects.append(project)
        return project

    def resolve_parents(self) -> None:
        by_iri = {o.iri: o.key for o in self.orgs if o.iri}
        for org in self.orgs:
            parent_iri = self.ref_parents.get(org.key)
            if parent_iri and not org.part_of and parent_iri in by_iri:
                org.part_of = by_iri[parent_iri]

    def org_key(self, key: str) -> str:
        while key in self.renamed:
            key = self.renamed[key]
        return key

    def _remap(self, keys: list[str]) -> list[str]:
        return list(dict.fromkeys(self.org_key(k) for k in keys))

    def _merge_undated_events(self) -> None:
        """A headline's undated "workshop held" is the dated workshop the body describes."""
        for event in list(self.events):
            if event.start:
                continue
            dated = [e for e in self.events if e.start and e.kind == event.kind]
            if event.name and len(dated) > 1:
                # "'역량강화 과정' 연다" in the headline, "'2024 글로벌 … 역량강화 과정'" in the body
                dated = [e for e in dated if e.name and norm(event.name) in norm(e.name)]
            if len(dated) == 1:
                target = dated[0]
                target.name = target.name or event.name
                for attr in ("organizers", "participant_countries", "venues", "topics", "themes", "evidence"):
                    _extend(getattr(target, attr), getattr(event, attr))
                self.events.remove(event)

    def build(self) -> Extraction:
        self.resolve_parents()
        for org in self.orgs:
            org.part_of = self.org_key(org.part_of) if org.part_of else None
        for person in self.people:
            person.affiliation = self.org_key(person.affiliation) if person.affiliation else None
        for agreement in self.agreements:
            agreement.parties = self._remap(agreement.parties)
        for event in self.events:
            event.organizers = self._remap(event.organizers)
            event.participant_organizations = [
                k for k in self._remap(event.participant_organizations) if k not in event.organizers
            ]
        for project in self.projects:
            project.operators = self._remap(project.operators)
            project.partners = [k for k in self._remap(project.partners) if k not in project.operators]
            project.funders = self._remap(project.funders)
        self._merge_undated_events()
        used_orgs = {o.key for o in self.orgs}
        for org in self.orgs:
            if org.part_of not in used_orgs or org.part_of == org.key:
                org.part_of = None
        return Extraction(
            article=self.article,
            organizations=self.orgs,
            sites=self.sites,
            people=self.people,
            countries=list(self.countries.values()),
            agreements=self.agreements,
            events=self.events,
            projects=self.projects,
        )


def _extend(target: list, items: list) -> None:
    for item in items:
        if item not in target:
            target.append(item)


def _names_meet(a: set[str], b: set[str], places: set[str]) -> bool:
    """Same project: a shared name, or one name extending the other ("글로벌 X 프로젝트" and
    "X 프로젝트", "X 모헤시칼리" and "X") — unless a place qualifies it first ("르완다 정보접근센터"
    is one centre of the "정보접근센터" programme, a project of its own)."""
    if a & b:
        return True
    for x in a:
        for y in b:
            short, long = (x, y) if len(x) <= len(y) else (y, x)
            if len(short) < 4:
                continue
            if long.startswith(short):
                return True
            if long.endswith(short) and long[: -len(short)] not in places:
                return True
    return False


def _same_event(a: Event, b: Event) -> bool:
    """One event reported twice: the same kind on the same day (a headline and the body name it
    differently), or the same name."""
    if a.kind != b.kind:
        return False
    if a.name and b.name and norm(a.name) == norm(b.name) and _refines(a.start, b.start):
        return True  # a deck's "다음 달 첫 'X 과정'" and the body's "3일부터 'X 과정'"
    if a.start != b.start:
        return False
    if a.start and len(a.start) == 10:
        return True
    if not a.start:
        return bool(set(a.organizers) & set(b.organizers))
    return not (a.name and b.name)


def _refines(a: str | None, b: str | None) -> bool:
    """Two dates of which one narrows the other ("2024-06" and "2024-06-03")."""
    return a is not None and b is not None and (a.startswith(b) or b.startswith(a))
