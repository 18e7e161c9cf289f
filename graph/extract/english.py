"""English extraction: an :class:`Article` in, an :class:`Extraction` out (pure; no RDF, no store).

The work is split by what it finds: sentences (:mod:`._en_text`), entities and their
mentions (:mod:`._en_entities`), then agreements, events and projects over those mentions
(:mod:`._en_relations`). The reference data, the date finder and the theme labels are
injected so tests can use small fakes; :func:`extract_english` uses the project's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import cast

from graph.extract._en_deps import (
    DateFinder,
    GazetteerLike,
    default_date_finder,
    default_gazetteer,
    default_theme_labels,
)
from graph.extract._en_entities import Entities, as_org_kind, as_site_kind
from graph.extract._en_relations import Relations
from graph.extract._en_text import split_sentences
from graph.model import (
    Agreement,
    AgreementKind,
    Article,
    CountryMention,
    Event,
    EventKind,
    Extraction,
    Organization,
    Person,
    Project,
    Site,
)

ThemeLabels = Sequence[tuple[str, re.Pattern[str]]]


class EnglishExtractor:
    """Rules over sentences, capitalization, name shapes and the reference data."""

    def __init__(
        self,
        gazetteer: GazetteerLike | None,
        find_dates: DateFinder | None,
        theme_labels: ThemeLabels = (),
    ) -> None:
        self.gazetteer = gazetteer
        self.find_dates = find_dates
        self.theme_labels = _combine(theme_labels)

    def extract(self, article: Article) -> Extraction:
        text = article.text or ""
        sentences = split_sentences(text)
        ents = Entities(text, sentences, self.gazetteer)
        out = Extraction(article=article)
        if not sentences:
            return out
        ents.find_organizations()
        ents.find_countries()
        ents.find_sites()
        ents.find_people()
        rel = Relations(ents, article.published, self.find_dates, self.theme_labels)
        rel.find_agreements()
        rel.find_events()
        rel.find_projects()

        out.organizations = [
            Organization(o.key, o.names, as_org_kind(o.kind), o.country, o.part_of, o.iri, o.evidence)
            for o in ents.orgs.values()
        ]
        out.sites = [
            Site(s.key, s.names, as_site_kind(s.kind), s.country, s.within, s.iri, s.evidence)
            for s in ents.sites.values()
        ]
        out.people = [Person(p.key, p.name, p.affiliation, p.role, p.evidence) for p in ents.people.values()]
        out.countries = [CountryMention(code, ev) for code, ev in ents.countries.items()]
        out.agreements = [
            Agreement(cast(AgreementKind, a.kind), a.parties, a.date, a.place, a.topics, a.themes, a.evidence)
            for a in rel.agreements
        ]
        out.events = [
            Event(
                cast(EventKind, e.kind),
                e.name,
                e.organizers,
                e.participant_countries,
                e.participant_organizations,
                e.venues,
                e.start,
                e.end,
                e.topics,
                e.themes,
                e.evidence,
            )
            for e in rel.events
        ]
        out.projects = [
            Project(
                p.names,
                p.operators,
                p.partners,
                p.funders,
                p.sites,
                p.countries,
                p.services,
                p.start,
                p.themes,
                p.evidence,
            )
            for p in rel.projects
        ]
        return out


def _combine(labels: ThemeLabels) -> list[tuple[str, re.Pattern[str]]]:
    """One scanner per theme instead of one per label: a sentence is read once per theme."""
    by_slug: dict[str, list[re.Pattern[str]]] = {}
    for slug, pattern in labels:
        by_slug.setdefault(slug, []).append(pattern)
    return [
        (slug, re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE))
        for slug, patterns in by_slug.items()
    ]


_DEFAULT: EnglishExtractor | None = None


def default_extractor() -> EnglishExtractor:
    """The extractor over the project's gazetteer, date finder and SKOS themes (built once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = EnglishExtractor(default_gazetteer(), default_date_finder(), default_theme_labels())
    return _DEFAULT


def extract_english(article: Article) -> Extraction:
    """Organizations, countries, sites, people, agreements, events and projects of an English article."""
    return default_extractor().extract(article)
