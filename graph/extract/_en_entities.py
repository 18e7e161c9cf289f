"""English entities: organizations, countries, sites and people, with their mentions.

Organizations come from the reference data and from name shapes (a capitalized run
around a head noun such as Ministry, University or Corp.), joined by alias pairs
("Long Name (ACR)"), short forms and explicit national governments. Every mention keeps
its character span so that the relation rules can ask which entities a clause names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from graph.extract._en_deps import GazetteerLike
from graph.extract._en_text import FUNCTION_WORDS, MONTHS, WEEKDAYS, Sentence
from graph.model import Evidence, OrgKind, SiteKind

# Head nouns of organization names, with the kind they suggest when nothing better is known.
_HEAD_KIND: dict[str, str] = {
    **dict.fromkeys(["University", "College", "Polytechnic", "School"], "academic"),
    **dict.fromkeys(
        [
            "Ministry",
            "Agency",
            "Department",
            "Authority",
            "Administration",
            "Office",
            "Bureau",
            "Directorate",
            "Commission",
            "Service",
            "Cabinet",
            "Parliament",
            "Assembly",
            "Division",
            "Embassy",
            "Consulate",
        ],
        "government",
    ),
    **dict.fromkeys(
        [
            "Corporation",
            "Corp",
            "Inc",
            "Ltd",
            "Co",
            "Company",
            "Group",
            "Telecom",
            "Electronics",
            "Holdings",
            "LLC",
            "PLC",
            "GmbH",
            "Securities",
            "Motors",
            "Motor",
            "Insurance",
            "Semiconductor",
            "Display",
            "Chemical",
            "Industries",
            "Engineering",
            "Construction",
            "Pharmaceuticals",
            "Biologics",
            "Networks",
            "Systems",
            "Solutions",
            "Solution",
            "Technologies",
            "Airlines",
            "Entertainment",
            "Telekom",
            "Telecommunications",
        ],
        "company",
    ),
    **dict.fromkeys(["Institute", "Institution", "Laboratory", "Labs"], "research"),
    **dict.fromkeys(["Foundation", "Association", "Society"], "ngo"),
    **dict.fromkeys(
        [
            "Organization",
            "Organisation",
            "Union",
            "Bank",
            "Forum",
            "Alliance",
            "Federation",
            "Secretariat",
            "Council",
            "Committee",
            "Consortium",
            "Coalition",
            "Centre",
            "Center",
            "Hub",
            "Board",
            "Network",
            "Community",
        ],
        "other",
    ),
}
_ABBREV_HEADS = frozenset({"Corp", "Inc", "Ltd", "Co"})
# Heads whose "of ..." complement is a portfolio: the body belongs to the country before it.
_PORTFOLIO_HEADS = frozenset({"Ministry", "Department"})
_UNIT_HEADS = frozenset(
    {
        "Institute",
        "Bureau",
        "Office",
        "Department",
        "Division",
        "Centre",
        "Center",
        "Laboratory",
        "Labs",
        "Committee",
        "Secretariat",
        "Directorate",
        "Unit",
        "Team",
    }
)
_INTERNATIONAL = re.compile(
    r"\b(?:World|International|United Nations|Global|Asian|African|European|Pacific|Asia|Africa|Regional|"
    r"Islamic|Arab|Commonwealth|Nations|Multilateral|Inter-American|ASEAN)\b"
)
_EVENTISH_HEADS = frozenset({"Forum"})
_VENUE_WORDS = frozenset({"Convention", "Exhibition", "Conference", "Hotel", "Trade", "Shopping", "Data"})
_EVENT_HEADS = r"\b(?:Forum|Summit|Conference|Workshop|Seminar|Expo|Exhibition|Meeting|Congress|Symposium|Festival|Fair|Week)$"
# "the e-Governance Academy (eGA), a Tallinn-based non-profit": the apposition says what the name is
_DESCRIBED_KINDS = {
    "non-profit": "ngo",
    "nonprofit": "ngo",
    "ngo": "ngo",
    "charity": "ngo",
    "think tank": "research",
    "think-tank": "research",
    "research institute": "research",
    "state agency": "government",
    "government agency": "government",
    "public agency": "government",
}
_DESCRIBED_AFTER = re.compile(
    r"\b(?:the\s+)?(?P<name>(?:(?:[a-z]{1,2}-)?[A-Z][\w-]*\s+(?:(?:of|for|and)\s+)?){0,6}(?:[a-z]{1,2}-)?[A-Z][\w-]*)"
    r"(?:\s*\(\s*(?P<acr>[A-Za-z]{2,9})\s*\))?,\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<what>non-?profit|NGO|charity|think[ -]tank|research institute|(?:state|government|public) agency)\b"
)
_HOTEL_STYLE = re.compile(
    r"((?:\s+(?:Le|La|Les|Del|De|Du))?(?:\s+[A-Z][\w-]*){1,2})(?=\s+(?:in|on|at|by|near)\b|[,.;)])"
)
_POSSESSED_VENUE = re.compile(
    r"\bat\s+(?:the\s+)?[\w-]+['’]s\s+(?P<venue>(?:[A-Z][\w-]*\s+){1,3}(?:Centre|Center|Hall|Auditorium))\b"
)
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w .'-]*){0,2}\s*(?:—|--|–)")
_VENUE_NAME = re.compile(r"\b(?:Convention|Exhibition|Conference|Congress|Trade)\s+(?:Centre|Center|Hall)$")
_VENUE_HEADS = (
    "Hotel",
    "Hall",
    "Stadium",
    "Tower",
    "Plaza",
    "Complex",
    "Building",
    "Campus",
    "Square",
    "Resort",
)
# Words that cannot stand alone for an organization even when they open its name.
_GENERIC_FIRST = frozenset(
    [
        "World",
        "Global",
        "International",
        "National",
        "Asian",
        "African",
        "European",
        "Pacific",
        "United",
        "Korea",
        "Korean",
        "Smart",
        "Digital",
        "General",
        "Central",
        "Federal",
        "Royal",
        "State",
        "Ministry",
        "Department",
        "Office",
        "Agency",
        "University",
        "Institute",
        "Centre",
        "Center",
        "Council",
        "Bank",
        "Asia",
        "Africa",
        "America",
        "American",
        "Information",
        "Science",
        "Technology",
        "Data",
        "Social",
        "Economic",
        "Public",
        "Green",
        "Open",
        "Civil",
        "Future",
        "Development",
        "Foreign",
        "Regional",
        "Trade",
        "Financial",
        "Industrial",
        "Business",
        "Research",
        "Education",
        "Health",
        "Energy",
        "Islands",
        "Island",
        "City",
        "Cities",
        "Sustainable",
        "Training",
        "Communication",
        "Communications",
        "Telecommunications",
        "Internet",
        "Mobile",
        "Business",
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Seoul",
    ]
)
_PORTFOLIO = frozenset(
    [
        "Affairs",
        "Trade",
        "Science",
        "Technology",
        "Energy",
        "Industry",
        "Finance",
        "Health",
        "Education",
        "Defense",
        "Defence",
        "Justice",
        "Interior",
        "Agriculture",
        "Economy",
        "Planning",
        "Innovation",
        "ICT",
        "Youth",
        "Culture",
        "Sports",
        "Tourism",
        "Environment",
        "Labor",
        "Labour",
        "Security",
        "Communications",
        "Information",
        "Foreign",
        "Home",
        "Digital",
        "Transport",
        "Land",
        "Infrastructure",
        "Fisheries",
        "Oceans",
        "Telecommunications",
        "Posts",
        "Municipal",
        "Rural",
        "Housing",
        "Safety",
        "Technologies",
    ]
)
_TITLE_WORDS = frozenset(
    [
        "CEO",
        "President",
        "Chairman",
        "Chairwoman",
        "Vice",
        "Chief",
        "Head",
        "Director",
        "Minister",
        "Secretary",
        "Dr",
        "Mr",
        "Ms",
        "Mrs",
        "Professor",
    ]
)
# "Identification Department of the National Police": a unit of two or more words, then its body
_UNIT_OF_BODY = re.compile(
    r"(?P<unit>(?:[A-Z][\w-]*\s+)+(?P<head>[A-Z][\w-]*))\s+of\s+the\s+"
    r"(?P<body>(?:City|Municipality|Province|Prefecture)\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
    r"|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+)$"
)
# "the City of Ulaanbaatar signed": a city named that way acts as its government
_CITY_OF = re.compile(r"\b(?:City|Municipality|Province|Prefecture)\s+of\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)")
# "National Police", "National Assembly": a country's institution, named without its country
_GENERIC_NATIONAL = re.compile(r"National [A-Z][a-z]+")
_TOKEN = re.compile(r"[’']s\b|\w+(?:-\w+)*|&|[^\w\s]")
_ACRONYM_UNIT = re.compile(r"^ ([A-Z]{2,5})\b(?![ ]+[A-Z])(?!['’]s)(?!-)")
_CORP_TAIL = re.compile(r"^(?:,?\s+(?:Corp\.|Corporation|Inc\.|Co\.,?\s*Ltd\.|Co\.|Ltd\.|Company|Group))")


@dataclass
class OrgRec:
    key: str
    names: list[str]
    kind: str = "other"
    country: str | None = None
    part_of: str | None = None
    iri: str | None = None
    head: str | None = None
    from_gazetteer: bool = False
    government: bool = False
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class SiteRec:
    key: str
    names: list[str]
    kind: str = "other"
    country: str | None = None
    within: str | None = None
    iri: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class PersonRec:
    key: str
    name: str
    affiliation: str | None = None
    role: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    key: str
    text: str


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    text: str


def _tokens(text: str, offset: int = 0) -> list[Tok]:
    return [Tok(m.start() + offset, m.end() + offset, m.group(0)) for m in _TOKEN.finditer(text)]


def _is_cap(token: str) -> bool:
    if not token or not token[0].isalnum():
        return False
    if token[0].isupper():
        return True
    # "e-Government", "iPhone"-like words: a short lower-case prefix before a capital
    return bool(re.match(r"^[a-z]{1,2}-?[A-Z]", token))


def _is_acronym(token: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}s?", token))


def word_pattern(name: str, case_sensitive: bool = True) -> re.Pattern[str]:
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + re.escape(name) + r"(?!\w)", flags)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


class Entities:
    """All entities of one article, built in a fixed order of passes."""

    def __init__(self, text: str, sentences: list[Sentence], gazetteer: GazetteerLike | None) -> None:
        self.text = text
        self.sentences = sentences
        self.gaz = gazetteer
        self.orgs: dict[str, OrgRec] = {}
        self.org_mentions: list[Mention] = []
        self.sites: dict[str, SiteRec] = {}
        self.site_mentions: list[Mention] = []
        self.countries: dict[str, list[Evidence]] = {}
        self.country_mentions: list[Mention] = []
        self.people: dict[str, PersonRec] = {}
        self._text_parents: set[str] = set()  # organizations the text itself names as a parent
        self._poss_units: set[str] = set()
        self._proper_spans: list[tuple[int, int]] = []  # organization proper names (no countries inside)
        self._country_names: dict[str, str] = {}  # surface form -> alpha-2
        self._demonyms: dict[str, str] = {}
        self._regexes: tuple[re.Pattern[str] | None, re.Pattern[str] | None] = (None, None)
        self._load_countries()

    # -- helpers ----------------------------------------------------------------------------

    def sentence_at(self, offset: int) -> Sentence:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return self.sentences[-1] if self.sentences else Sentence(0, len(self.text), self.text, 0)

    def _evidence(self, offset: int, rule: str, confidence: float) -> Evidence:
        sentence = self.sentence_at(offset)
        return Evidence(sentence.start, sentence.end, rule, confidence)

    def _gaz_find(self, category: str) -> list[tuple[int, int, Any]]:
        if self.gaz is None:
            return []
        return list(self.gaz.find_all(self.text, category))

    def _gaz_lookup(self, name: str, category: str) -> Any | None:
        if self.gaz is None:
            return None
        found = list(self.gaz.lookup(name, category))
        return found[0] if found else None

    def _load_countries(self) -> None:
        if self.gaz is not None:
            self._country_names, self._demonyms, self._regexes = _country_lexicon(self.gaz)

    def country_code(self, word: str) -> str | None:
        return self._country_names.get(word) or self._demonyms.get(word)

    def _country_regex(self, with_demonyms: bool) -> re.Pattern[str] | None:
        return self._regexes[1 if with_demonyms else 0]

    # -- organizations ----------------------------------------------------------------------

    def _new_org(self, names: list[str], rule: str, offset: int, **kw: Any) -> OrgRec:
        n = len(self.orgs) + 1
        while f"org{n}" in self.orgs:
            n += 1  # merges delete records, so the count alone can hit a live key
        key = f"org{n}"
        rec = OrgRec(key=key, names=list(names), **kw)
        rec.evidence.append(self._evidence(offset, rule, 0.8))
        self.orgs[key] = rec
        return rec

    def _org_by_iri(self, iri: str) -> OrgRec | None:
        return next((o for o in self.orgs.values() if o.iri == iri), None)

    def org_by_name(self, name: str) -> OrgRec | None:
        low = _norm(name)
        return next((o for o in self.orgs.values() if any(_norm(n) == low for n in o.names)), None)

    def _add_name(self, org: OrgRec, name: str, first: bool = False) -> None:
        name = name.strip()
        if not name or any(n == name for n in org.names):
            return
        if first:
            org.names.insert(0, name)
        else:
            org.names.append(name)

    def _link(self, org: OrgRec, entry: Any) -> None:
        org.iri = entry.iri
        org.kind = entry.kind
        org.country = entry.country
        org.from_gazetteer = True
        if entry.part_of:
            org.head = org.head  # parent resolved later, once every organization is known

    def find_organizations(self) -> None:
        spans: list[tuple[int, int, str, Any]] = []  # start, end, surface, entry or None
        acronym_units: list[tuple[str, str]] = []  # unit name, group name
        for start, end, entry in self._gaz_find("organization"):
            tail = _CORP_TAIL.match(self.text[end:])
            if tail and re.match(r"^[A-Z]", self.text[start:end]):
                end += tail.end()
            previous = spans[-1] if spans else None
            if (
                previous is not None
                and self.text[previous[1] : start] == " "
                and previous[2][:1].isupper()
                and self.text[start : start + 1].isupper()
                and previous[3].kind == entry.kind == "company"
            ):
                # two known names side by side name a third body: "Sony Ericsson"
                spans[-1] = (previous[0], end, self.text[previous[0] : end], "Company")
                continue
            if re.match(r"^\s+(?:Hotel|Hotels|Resort)\b", self.text[end:]):
                continue  # "the Harbour Hotel": a hotel brand in a venue name names the venue only
            spans.append((start, end, self.text[start:end], entry))
            unit = _ACRONYM_UNIT.match(self.text[end:])
            if entry.kind == "company" and unit and self._gaz_lookup(unit.group(1), "organization") is None:
                # "Acme IDC": a group name with an acronym after it names one of the group's companies
                spans.append((start, end + unit.end(), self.text[start : end + unit.end()], "Company"))
                acronym_units.append((self.text[start : end + unit.end()], self.text[start:end]))
        known = [(a, b) for a, b, _, _ in spans]
        shapes = self._shape_spans()
        unit_parents: list[tuple[str, str]] = []  # unit name, parent name
        for start, end, head in shapes:
            if any(start < a and b == end for a, b in known):
                continue  # "Rivals SK Telecom Co.": the reference name is the organization
            if self._only_in_scheme_names(self.text[start:end]):
                continue  # "the Global Public Administration Scholarship" names a programme, not a body
            split = _UNIT_OF_BODY.match(self.text, start, end)
            if split and split.group("head") in _UNIT_HEADS and self._body_name(split.group("body")):
                # "the Identification Department of the National Police": a unit, then its body
                unit_name, body = split.group("unit"), split.group("body")
                spans.append((start, start + len(unit_name), unit_name, head))
                last = body.split()[-1]
                spans.append((split.start("body"), end, body, last if last in _HEAD_KIND else head))
                unit_parents.append((unit_name, body))
                continue
            spans.append((start, end, self.text[start:end], head))
        spans = [s for s in spans if not self._only_inside(s, shapes)]
        # the longest reading wins where two overlap; the shorter one inside still counts as named
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        for start, _end, surface, info in spans:
            surface = _strip_possessive(surface)
            if isinstance(info, str) or info is None:
                entry = self._gaz_lookup(surface, "organization")
                org = self._org_by_iri(entry.iri) if entry is not None else self.org_by_name(surface)
                if org is None:
                    org = self._new_org(
                        [surface], "en.org.shape", start, kind=_HEAD_KIND.get(info or "", "other"), head=info
                    )
                    if entry is not None:
                        self._link(org, entry)
                    elif info is not None:
                        org.kind = _shape_kind(surface, info)
                else:
                    self._add_name(org, surface, first=len(surface) > len(org.names[0]))
            else:
                org = self._org_by_iri(info.iri) or self.org_by_name(surface)
                if org is None:
                    org = self._new_org([surface], "en.org.gazetteer", start)
                    self._link(org, info)
                else:
                    self._add_name(org, surface, first=len(surface) > len(org.names[0]))
                    if org.iri is None:
                        self._link(org, info)
            if not org.government:
                self._proper_spans.append((start, start + len(surface)))
        for unit_name, group_name in [*acronym_units, *unit_parents]:
            unit_org, group = self.org_by_name(unit_name), self.org_by_name(group_name)
            if unit_org is not None and group is not None and unit_org is not group:
                unit_org.part_of = group.key
                self._text_parents.add(group.key)
        self._exchanges()
        self._listed_examples()
        self._described()
        self._list_members()
        self._coordinated_firms()
        self._alias_pairs()
        self._governments()
        self._local_governments()
        self._short_forms()
        self._possessive_units()
        self._scan_mentions()
        self._units()
        if self._group_short_forms():
            self._scan_mentions()
        if self._org_countries():
            self._scan_mentions()

    def _body_name(self, body: str) -> bool:
        """True when the words after "of the" name a body of their own ("National Police"), not a
        portfolio ("Interior") or a place."""
        if _CITY_OF.fullmatch(body):
            return True
        words = body.split()
        return (
            len(words) >= 2
            and not all(w in _PORTFOLIO or w in FUNCTION_WORDS for w in words)
            and self.country_code(body) is None
            and self._gaz_lookup(body, "site") is None
        )

    def _shape_spans(self) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        for sentence in self.sentences:
            toks = _tokens(sentence.text, sentence.start)
            for i, tok in enumerate(toks):
                if tok.text not in _HEAD_KIND:
                    continue
                if tok.text in _ABBREV_HEADS and not self.text.startswith(".", tok.end):
                    continue
                if tok.text in ("Centre", "Center") and i > 0 and toks[i - 1].text in _VENUE_WORDS:
                    continue
                if tok.text in ("Centre", "Center") and any(
                    v.end("venue") == tok.end
                    for v in _POSSESSED_VENUE.finditer(self.text, sentence.start, tok.end)
                ):
                    continue  # "signed at the university's Delta Centre": premises, a place
                found = self._grow(toks, i, sentence)
                if found is None:
                    continue
                start, end = found
                if tok.text in _EVENTISH_HEADS and self._eventish(start, end):
                    continue
                if re.match(r"^\s+(?:Project|Programme|Program|Initiative)\b", self.text[end:]):
                    continue  # "the Delta Health Network Project" names a project, not a body
                if re.search(
                    r"\bMinister\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w-]*,?\s+)*(?:(?:and|&)\s+(?:the\s+)?)?$",
                    self.text[max(0, start - 80) : start],
                ):
                    continue  # "Minister of Telecommunications and Information Society": a title's portfolio
                # the head is the last head noun before any "of"/"for" complement: "Cloud Solutions Division"
                core = re.split(r"\s+(?:of|for|on)\s+", self.text[start:end])[0]
                heads = [w.rstrip(".") for w in core.split() if w.rstrip(".") in _HEAD_KIND]
                out.append((start, end, heads[-1] if heads else tok.text))
        # keep the longest of overlapping spans
        out.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        kept: list[tuple[int, int, str]] = []
        for span in out:
            if not any(_overlaps((span[0], span[1]), (k[0], k[1])) for k in kept):
                kept.append(span)
        return sorted(kept)

    def _only_inside(self, span: tuple[int, int, str, Any], shapes: list[tuple[int, int, str]]) -> bool:
        """A reference name that the text only writes as the front of a longer body's name.

        "Pacific Union Commission" is its own body; the union is not named unless the text writes
        it elsewhere. Units ("KT Research Institute") keep their parent, which they belong to.
        """
        if isinstance(span[3], str) or span[3] is None:
            return False
        outer = [(a, b) for a, b, head in shapes if a <= span[0] and span[1] < b and head not in _UNIT_HEADS]
        if not outer:
            return False
        for m in word_pattern(span[2]).finditer(self.text):
            if not _inside(
                (m.start(), m.end()), [(a, b) for a, b, _ in shapes if (a, b) != (m.start(), m.end())]
            ):
                return False
        return True

    def _adjacent(self, a: Tok, b: Tok) -> bool:
        gap = self.text[a.end : b.start]
        return gap in (" ", "") or (gap.isspace() and "\n" not in gap)

    def _grow(self, toks: list[Tok], i: int, sentence: Sentence) -> tuple[int, int] | None:
        j = i
        while j > 0:
            prev = toks[j - 1]
            if not self._adjacent(prev, toks[j]):
                break
            if _is_cap(prev.text) and prev.text not in ("I",):
                if j - 1 + 1 < len(toks) and toks[j].text.lower() in ("'s", "’s"):
                    break
                j -= 1
                continue
            if (
                prev.text in ("and", "&")
                and j >= 2
                and _is_cap(toks[j - 2].text)
                and not _is_acronym(toks[j - 2].text)
                and toks[j - 2].text not in _HEAD_KIND
                and self._adjacent(toks[j - 2], prev)
                and self.country_code(toks[j - 2].text) is None
                and self._gaz_lookup(toks[j - 2].text, "organization") is None
                # "Carlos M. Villareal and LS Marine Solution": a person's surname, not part of the name
                and not (j >= 4 and toks[j - 3].text == "." and re.fullmatch(r"[A-Z]", toks[j - 4].text))
            ):
                j -= 2
                continue
            if (
                prev.text in ("'s", "’s")
                and j >= 2
                and toks[j - 2].text == "People"
                and self._adjacent(toks[j - 2], prev)
            ):
                j -= 2  # "People's Committee", "People's Bank": the possessive is part of the name
                continue
            if (
                prev.text in _NAME_PARTICLES
                and j >= 2
                and _is_cap(toks[j - 2].text)
                and self._adjacent(toks[j - 2], prev)
            ):
                j -= 2  # "Surigao del Norte State University": a particle inside a place name
                continue
            break
        while j < i and (toks[j].text in FUNCTION_WORDS or toks[j].text in ("and", "&")):
            j += 1
        k = i
        # corporate suffix chains: "Electronics Co., Ltd."
        while k + 1 < len(toks) and toks[k + 1].text in _HEAD_KIND and self._adjacent(toks[k], toks[k + 1]):
            k += 1
        complement = False
        while k + 2 < len(toks):
            conn = toks[k + 1]
            if (
                conn.text == "in"
                and toks[k].text == "Office"
                and self._adjacent(toks[k], conn)
                and (self.country_code(toks[k + 2].text) or self._gaz_lookup(toks[k + 2].text, "site"))
            ):
                k += 2  # "UNDP Pacific Office in Fiji": a field office is named by where it is
                break
            if conn.text not in ("of", "for", "on", "and", "&") or not self._adjacent(toks[k], conn):
                break
            if conn.text == "on" and toks[i].text not in ("Commission", "Committee", "Council", "Forum"):
                break  # "Board on AI education" is a topic, "Commission on Human Rights" a name
            if conn.text in ("and", "&") and not complement:
                break  # "Hyundai Engineering and Doosan": 'and' after the head joins another body
            if conn.text == "of":
                nxt = (
                    toks[k + 3].text if toks[k + 2].text == "the" and k + 3 < len(toks) else toks[k + 2].text
                )
                if nxt in ("Republic", "Kingdom", "State", "Federation") or (
                    complement and self.country_code(nxt)
                ):
                    break  # "Ministry of Digital Technologies of the Republic of Uzbekistan": the country follows
                # ("Export-Import Bank of Korea", "National Bank of Cambodia": the country names the body)
            complement = True
            m = k + 2
            if toks[m].text == "the" and conn.text in ("of", "for", "on", "and") and m + 1 < len(toks):
                m += 1  # "Regional Office for Asia and the Pacific"
            if not _is_cap(toks[m].text) or toks[m].text in MONTHS or toks[m].text in WEEKDAYS:
                break
            run_end = m
            while (
                run_end + 1 < len(toks)
                and _is_cap(toks[run_end + 1].text)
                and self._adjacent(toks[run_end], toks[run_end + 1])
            ):
                run_end += 1
            run = [t.text for t in toks[m : run_end + 1]]
            # "Ministry of Information and Communication Technologies", "... Digital Economy and Society":
            # in a ministry's portfolio these words are no heads of other bodies
            portfolio_head = toks[i].text in _PORTFOLIO_HEADS
            if conn.text in ("and", "&") and (
                any(
                    w in _HEAD_KIND and not (portfolio_head and (w in _PORTFOLIO or w == "Society"))
                    for w in run
                )
                or self._gaz_lookup(" ".join(run), "organization") is not None
                or (run_end + 1 < len(toks) and toks[run_end + 1].text in ("'s", "’s"))
            ):
                break
            if run_end + 1 < len(toks) and toks[run_end + 1].text in ("'s", "’s"):
                break
            k = run_end
        end = toks[k].end
        if toks[k].text in _ABBREV_HEADS and self.text.startswith(".", end):
            end += 1
        if toks[i].text in _PORTFOLIO_HEADS:
            # "the Mongolian Ministry of Health": the adjective is a country mention, not part of the name
            while j < i and self.country_code(toks[j].text):
                j += 1
            if complement:
                # "Ministry of Posts, Telecommunications and Digital Economy": a portfolio listed with commas
                cap_run = r"[A-Z][\w-]*(?:[ ][A-Z][\w-]*)*"
                listed = re.match(
                    rf"^(?:,[ ]{cap_run})+,?[ ](?:and|&)[ ](?:the[ ])?{cap_run}", self.text[end:]
                )
                listed_words = re.findall(r"\w+", listed.group(0)) if listed else []
                if listed and not any(w in _HEAD_KIND and w not in _PORTFOLIO for w in listed_words):
                    end += listed.end()
        words = [t for t in toks[j : k + 1] if _is_cap(t.text)]
        if len(words) < 2:
            return None
        return toks[j].start, end

    def _eventish(self, start: int, end: int) -> bool:
        """A '... Forum' that the text holds, attends or dates anywhere is a meeting, not a body."""
        name = self.text[start:end]
        if re.search(r"\d|\b(?:Annual|Global|International)\b", name):
            return True
        for m in word_pattern(name).finditer(self.text):
            before = self.text[max(0, m.start() - 30) : m.start()].lower()
            after = self.text[m.end() : m.end() + 30].lower()
            if re.search(
                r"(?:at|during|attend(?:ed|s)?|host(?:ed|s)?|held|holds|of|opened|organi[sz]ed|joined|"
                r"participated in|took part in)\s+the\s+$"
                r"|\b\d{4}\s+$|\b\d+(?:st|nd|rd|th)\s+$",
                before,
            ) or re.match(
                r"^\s+(?:was|is|will be)\s+held|^\s+took place|^\s+(?:on|in|from)\s+\d|^\s+\d{4}"
                r"|^,?\s+(?:organi[sz]ed|hosted|co-hosted|convened)\s+by\b|^,\s+(?:held|which was held)\s+(?:in|at|on)\b",
                after,
            ):
                return True
        return False

    def _alias_pairs(self) -> None:
        for org in list(self.orgs.values()):
            for name in list(org.names):
                for m in re.finditer(
                    re.escape(name) + r"\s*\(\s*([A-Za-z][A-Za-z0-9&-]{1,11})\s*\)", self.text
                ):
                    acr = m.group(1)
                    if sum(c.isupper() for c in acr) >= 2:
                        self._merge_alias(org, acr, m.start(1))
                        self._comma_front(org, name, m.start(), acr)
        # "ACR (Long Name)" and "Long Name (ACR)" where the long name has no head noun
        for m in re.finditer(
            r"((?:[A-Z][\w-]*\s+){1,8}[A-Z][\w-]*)\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)", self.text
        ):
            long_name, acr = _trim_function_words(m.group(1)), m.group(2)
            if self.org_by_name(long_name) or self.org_by_name(acr):
                continue
            if _VENUE_NAME.search(long_name):
                continue  # "United Nations Conference Centre (UNCC)": a place, not a body
            if re.search(r"\b(?:Programme|Program|Project|Initiative|Platform|Strategy|Plan)$", long_name):
                continue  # "the Pacific Digital Public Services Programme (PDPS)": a project's name
            if _PROGRAMME_AFTER.match(self.text, m.end()):
                continue  # "the Digital Skills for All (DSA) programme" names a project, not a body
            if _initials_fit(long_name, acr) and not self.country_code(long_name):
                at = m.start(1) + m.group(1).index(long_name)
                org = self._new_org([long_name, acr], "en.org.alias", at, kind=_shape_kind(long_name, None))
                self._proper_spans.append((at, m.end(1)))
                entry = self._gaz_lookup(acr, "organization") or self._gaz_lookup(long_name, "organization")
                if entry is not None:
                    self._link(org, entry)
        self._complement_aliases()
        name_words = r"(?:[A-Z][\w-]*|of|for|and|the|de|du|des|la|fur|für|zur)"
        for m in re.finditer(
            r"(?<![\w-])([A-Z][A-Za-z&]{1,9})\s*\(\s*([A-Z][\w-]*(?:\s+" + name_words + r"){1,10})\s*\)",
            self.text,
        ):
            acr, long_name = m.group(1), m.group(2)
            if sum(c.isupper() for c in acr) < 2 or not _initials_fit(long_name, acr):
                continue
            existing = self.org_by_name(acr) or self.org_by_name(long_name)
            if existing is not None:
                self._add_name(existing, acr)
                self._add_name(existing, long_name)
                continue
            org = self._new_org(
                [acr, long_name], "en.org.alias", m.start(), kind=_shape_kind(long_name, None)
            )
            self._proper_spans.append((m.start(2), m.end(2)))
            entry = self._gaz_lookup(acr, "organization") or self._gaz_lookup(long_name, "organization")
            if entry is not None:
                self._link(org, entry)

    def _only_in_scheme_names(self, surface: str) -> bool:
        """A name written only ever as the front of a scheme's name ('... Scholarship') is no body of its own."""
        ends = [m.end() for m in re.finditer(re.escape(surface), self.text)]
        return bool(ends) and all(_NAMED_SCHEME_AFTER.match(self.text, e) for e in ends)

    def _comma_front(self, org: OrgRec, name: str, at: int, acr: str) -> None:
        """'the Korea Minting, Security Printing & ID Card Operating Corporation (KOMSCO)': a name with a comma
        inside, told by the acronym starting with the front part rather than with the part after the comma."""
        front = re.search(
            r"\b(?:the|The)\s+((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*),\s+$", self.text[max(0, at - 60) : at]
        )
        if front is None or acr[0] != front.group(1)[0] or acr[0] == name[0]:
            return
        if (
            self.org_by_name(front.group(1))
            or self._known_site(front.group(1))
            or self.country_code(front.group(1))
        ):
            return
        full = f"{front.group(1)}, {name}"
        if full not in org.names:
            self._add_name(org, full, first=True)
            if name in org.names:
                org.names.remove(name)  # the tail alone is never written as the body's name

    def _complement_aliases(self) -> None:
        """'Ghana Investment Fund for Electronic Communications (GIFEC)': a name with a 'for'/'of'
        complement that its acronym spells out is one body, even without a known head noun.

        A bare 'X Fund (ACR)' stays a financing facility (a project); the complement naming a
        mission ("Fund for ...") and the acronym covering it mark an institution.
        """
        cap = r"[A-Z][\w-]*"
        for m in re.finditer(
            rf"((?:{cap}\s+)+(?:(?:of|for|on|and)\s+(?:the\s+)?(?:{cap}\s+)*)+{cap})\s*\(\s*([A-Z][A-Za-z&]{{1,9}})\s*\)",
            self.text,
        ):
            acr = m.group(2)
            if _PROGRAMME_AFTER.match(self.text, m.end()):
                continue
            words = list(re.finditer(r"\S+", m.group(1)))
            starts = [w for w in words if w.group(0)[0] == acr[0]]
            long_name = next(
                (
                    m.group(1)[w.start() :]
                    for w in reversed(starts)
                    if re.search(r"\s(?:of|for)\s", m.group(1)[w.start() :])
                    and _initials_fit(m.group(1)[w.start() :], acr)
                    and len(_initials(m.group(1)[w.start() :])) == sum(c.isupper() for c in acr)
                ),
                None,
            )
            if long_name is None or self.country_code(long_name) or self.org_by_name(long_name):
                continue
            at = m.start(1) + m.group(1).rindex(long_name)
            existing = self.org_by_name(acr)
            if existing is not None:
                if existing.names[0] in long_name:
                    self._add_name(existing, long_name, first=True)
                continue
            head = next(
                (w for w in reversed(re.split(r"\s+(?:of|for)\s+", long_name)[0].split()) if w in _HEAD_KIND),
                None,
            )
            org = self._new_org([long_name, acr], "en.org.alias", at, kind=_shape_kind(long_name, head))
            self._proper_spans.append((at, at + len(long_name)))
            entry = self._gaz_lookup(acr, "organization") or self._gaz_lookup(long_name, "organization")
            if entry is not None:
                self._link(org, entry)

    def _merge_alias(self, org: OrgRec, acr: str, offset: int) -> None:
        other = self.org_by_name(acr)
        if other is not None and other is not org:
            for n in other.names:
                self._add_name(org, n)
            if other.iri and not org.iri:
                org.iri, org.kind, org.country, org.from_gazetteer = (
                    other.iri,
                    other.kind,
                    other.country,
                    True,
                )
            del self.orgs[other.key]
        else:
            self._add_name(org, acr)
        if not org.iri:
            entry = self._gaz_lookup(acr, "organization")
            if entry is not None:
                self._link(org, entry)
        org.evidence.append(self._evidence(offset, "en.org.alias", 0.9))

    def _governments(self) -> None:
        demonyms = "|".join(re.escape(d) for d in sorted(self._demonyms, key=len, reverse=True))
        countries = "|".join(
            re.escape(c) for c in sorted(self._country_names, key=len, reverse=True) if len(c) > 2
        )
        patterns: list[tuple[re.Pattern[str], str]] = []
        if demonyms:
            patterns.append(
                (re.compile(r"(?<![\w-])(" + demonyms + r")\s+[Gg]overnment\b"), "en.org.government")
            )
        if countries:
            patterns.append(
                (
                    re.compile(r"\b[Gg]overnment\s+of\s+(?:the\s+)?(" + countries + r")(?!\w)"),
                    "en.org.government",
                )
            )
            patterns.append(
                (re.compile(r"(?<=\bthe )(" + countries + r")\s+[Gg]overnment\b"), "en.org.government")
            )
        for pattern, rule in patterns:
            for m in pattern.finditer(self.text):
                code = self.country_code(m.group(1))
                if code is None:
                    continue
                surface = m.group(0)
                org = next((o for o in self.orgs.values() if o.government and o.country == code), None)
                if org is None:
                    org = self._new_org(
                        [surface], rule, m.start(), kind="government", country=code, government=True
                    )
                else:
                    self._add_name(org, surface)

    def government_for(self, code: str, surface: str, offset: int) -> OrgRec:
        """The government organization of a country, named by the country form the text uses."""
        org = next((o for o in self.orgs.values() if o.government and o.country == code), None)
        if org is None:
            org = self._new_org(
                [surface], "en.org.country_actor", offset, kind="government", country=code, government=True
            )
        else:
            self._add_name(org, surface)
        return org

    def _exchanges(self) -> None:
        """'shares fell on the Tokyo Stock Exchange': a market that lists shares is a company."""
        for m in re.finditer(
            r"\b(?:on|listed on|traded on|debut on)\s+the\s+((?:[A-Z][\w&-]*[ ]){1,3}Exchange)\b", self.text
        ):
            name = m.group(1)
            if self.org_by_name(name) is None:
                self._new_org([name], "en.org.exchange", m.start(1), kind="company")
            self._proper_spans.append((m.start(1), m.end(1)))

    def drop_country_actor(self, key: str) -> None:
        """Forget a government made up for a country once the text turns out to name its real signatory."""
        if any(p.affiliation == key for p in self.people.values()):
            return
        if any(o.part_of == key for o in self.orgs.values()):
            return
        self.orgs.pop(key, None)
        self.org_mentions = [m for m in self.org_mentions if m.key != key]

    def _listed_examples(self) -> None:
        """Names listed after 'companies such as' / 'rival makers like' are organizations of that kind."""
        kinds = {
            "agencies": "government",
            "organizations": "other",
            "organisations": "other",
            "universities": "academic",
            "institutes": "research",
        }
        pattern = re.compile(
            r"\b(companies|firms|makers|manufacturers|operators|carriers|rivals|competitors|vendors|players|"
            r"giants|banks|agencies|organi[sz]ations|universities|institutes)\s+(?:[\w-]+\s+){0,4}?"
            r"(?:such as|including|like)\s+((?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}(?:,\s+(?:and\s+)?|\s+and\s+))+"
            r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})"
        )
        for m in pattern.finditer(self.text):
            kind = kinds.get(m.group(1), "company")
            offset = m.start(2)
            for item in re.finditer(r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}", m.group(2)):
                name = item.group(0).rstrip(".")
                start = offset + item.start()
                if (
                    self.org_by_name(name)
                    or self.country_code(name)
                    or name in FUNCTION_WORDS
                    or any(s <= start < e for s, e in self._proper_spans)
                ):
                    continue
                entry = self._gaz_lookup(name, "organization")
                org = self._new_org([name], "en.org.listed", start, kind=kind)
                if entry is not None:
                    self._link(org, entry)
                self._proper_spans.append((start, start + len(name)))

    def _described(self) -> None:
        """A capitalized name right after a describing noun: 'telecom operator Telkom Indonesia'."""
        kinds = {
            "agency": "government",
            "ministry": "government",
            "regulator": "government",
            "university": "academic",
            "institute": "research",
            "organisation": "other",
            "organization": "other",
            "body": "other",
            "foundation": "ngo",
            "charity": "ngo",
            "ngo": "ngo",
        }
        pattern = re.compile(
            r"\b(company|firm|operator|carrier|provider|maker|manufacturer|giant|startup|start-up|developer|"
            r"tracker|consultancy|conglomerate|lender|insurer|retailer|agency|regulator|university|institute|organi[sz]ation|body|"
            r"foundation|charity|NGO)\s+((?:[A-Z][\w&-]*)(?:\s+[A-Z][\w&-]*){0,3}(?:\s+(?:Corp|Inc|Co|Ltd)\.)?)"
        )
        for m in pattern.finditer(self.text):
            name = _strip_possessive(m.group(2))
            first = name.split()[0]
            start = m.start(2)
            shorter = next(
                (
                    o
                    for o in self.orgs.values()
                    if o.names[0] != name
                    and name.startswith(o.names[0] + " ")
                    and (start, start + len(o.names[0])) in self._proper_spans
                ),
                None,
            )
            if shorter is not None and not shorter.from_gazetteer:
                self._add_name(shorter, name, first=True)
                self._proper_spans.append((start, start + len(name)))
                continue
            if (
                first in FUNCTION_WORDS
                or first in _TITLE_WORDS
                or self.country_code(first)
                or self.org_by_name(name)
                or any(s <= start < e for s, e in self._proper_spans)
                or self._gaz_lookup(name, "site") is not None
            ):
                continue
            entry = self._gaz_lookup(name, "organization")
            org = self._new_org(
                [name], "en.org.described", start, kind=kinds.get(m.group(1).lower(), "company")
            )
            if entry is not None:
                self._link(org, entry)
            self._proper_spans.append((start, start + len(name)))
        self._described_after()

    def _described_after(self) -> None:
        """A name the next words call a body: 'the e-Governance Academy (eGA), a Tallinn-based non-profit'."""
        for m in _DESCRIBED_AFTER.finditer(self.text):
            name, acr = m.group("name"), m.group("acr")
            start = m.start("name")
            if self.country_code(name) or self._gaz_lookup(name, "site") is not None:
                continue
            org = self.org_by_name(name) or (self.org_by_name(acr) if acr else None)
            if org is None:
                org = self._new_org(
                    [name], "en.org.described", start, kind=_DESCRIBED_KINDS[m.group("what").lower()]
                )
                entry = self._gaz_lookup(name, "organization")
                if entry is not None:
                    self._link(org, entry)
            if acr and _initials_fit(name, acr):
                self._add_name(org, acr)
            self._proper_spans.append((start, start + len(name)))

    def _list_members(self) -> None:
        """'Samsung C&T, Hyundai Engineering and Doosan Enerbility': unknown names listed with known firms."""
        item = r"[A-Z][\w&-]*(?:[ ][A-Z][\w&.-]*){0,3}"
        for m in re.finditer(rf"(?<![\w-])((?:{item},[ ])+{item},?[ ]and[ ]{item})", self.text):
            items = [(i.start() + m.start(1), i.group(0).rstrip(".")) for i in re.finditer(item, m.group(1))]
            known = [self.org_by_name(name) for _, name in items]
            firms = [k for k in known if k is not None and not k.government]
            if not firms or len(firms) == len(items):
                continue
            kinds = {k.kind for k in firms}
            for (start, name), org in zip(items, known, strict=True):
                if org is not None or name in FUNCTION_WORDS or name.split()[0] in FUNCTION_WORDS:
                    continue
                if self.country_code(name) or self._gaz_lookup(name, "site") is not None:
                    break  # a list of places or countries, not of organizations
                if any(s <= start < e for s, e in self._proper_spans):
                    continue
                self._new_org(
                    [name], "en.org.listed", start, kind=kinds.pop() if len(kinds) == 1 else "other"
                )
                self._proper_spans.append((start, start + len(name)))

    def _coordinated_firms(self) -> None:
        """'Honor and Xiaomi have launched': an unknown name joined by 'and' to a known company."""
        known = [o for o in self.orgs.values() if o.kind == "company" and not o.government]
        if not known:
            return
        names = "|".join(re.escape(n) for o in known for n in sorted(o.names, key=len, reverse=True))
        word = r"([A-Z][a-z]{2,})"
        for m in re.finditer(
            rf"(?<![\w-])(?:{word}\s+and\s+(?:{names})|(?:{names})\s+and\s+{word})(?![\w-])(?!\s+[A-Z])",
            self.text,
        ):
            name = m.group(1) or m.group(2)
            start = m.start(1) if m.group(1) else m.start(2)
            before = self.text[max(0, start - 20) : start]
            if m.group(1) and re.search(r"(?:^|[.!?\n]\s*|[A-Z][\w-]*\s+)$", before):
                continue  # sentence-initial or part of a longer capitalized run
            if (
                name in FUNCTION_WORDS
                or name in _GENERIC_FIRST
                or name in MONTHS
                or name in WEEKDAYS
                or self.country_code(name)
                or self.org_by_name(name)
                or self._gaz_lookup(name, "site") is not None
                or _inside((start, start + len(name)), self._proper_spans)
            ):
                continue
            entry = self._gaz_lookup(name, "organization")
            org = self._new_org([name], "en.org.coordinated", start, kind="company")
            if entry is not None:
                self._link(org, entry)
            self._proper_spans.append((start, start + len(name)))

    def _local_governments(self) -> None:
        """'the Khovd provincial government', 'the City of Ulaanbaatar': a local government named by its place."""
        for m in _CITY_OF.finditer(self.text):
            place = m.group(1)
            if self.country_code(place) or _inside((m.start(), m.end()), self._proper_spans):
                continue
            name = m.group(0)
            org = self.org_by_name(name) or self._new_org(
                [name], "en.org.local_government", m.start(), kind="local_government"
            )
            org.kind = "local_government"
            site = self._gaz_lookup(place, "site")
            if site is not None and site.country and org.country is None:
                org.country = site.country
        for m in re.finditer(
            r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s+(?:provincial|regional|municipal|city|metropolitan|"
            r"state|county|district|prefectural)\s+government\b",
            self.text,
        ):
            place = _trim_function_words(m.group(1))
            if place in FUNCTION_WORDS or self.country_code(place) or self.org_by_name(place):
                continue
            at = m.start(1) + m.group(1).index(place)
            name = self.text[at : m.end()]
            if self.org_by_name(name) is None:
                self._new_org([name], "en.org.local_government", at, kind="local_government")

    def _possessive_units(self) -> None:
        """'head of Orbit's Cloud Platform Division': a named unit written after its parent's possessive."""
        for org in list(self.orgs.values()):
            if org.government:
                continue
            for name in org.names:
                for m in re.finditer(
                    r"\b(?:of|at|in)\s+(?:the\s+)?"
                    + re.escape(name)
                    + r"(?:'s|’s)\s+((?:[A-Z][\w-]*|[a-z]{1,2}[A-Z][\w-]*)(?:\s+(?:and\s+|&\s+|of\s+)?"
                    r"(?:[A-Z][\w-]*|[a-z]{1,2}[A-Z][\w-]*)){1,6})",
                    self.text,
                ):
                    unit = m.group(1)
                    start = m.start(1)
                    if self.org_by_name(unit) or _inside((start, m.end(1)), self._proper_spans):
                        continue
                    if self._gaz_lookup(unit, "site") is not None or self.country_code(unit.split()[0]):
                        continue
                    rec = self._new_org([unit], "en.org.unit", start, kind=org.kind, country=org.country)
                    rec.part_of = org.key
                    self._poss_units.add(rec.key)
                    self._proper_spans.append((start, m.end(1)))

    def _group_short_forms(self) -> bool:
        """'Samsung' beside 'Samsung Electronics' is the short form, unless several firms share the prefix."""
        merged = False
        for short in list(self.orgs.values()):
            if short.kind != "company" or short.government or short.key not in self.orgs:
                continue
            if short.key in self._text_parents or any(
                _CORP_TAIL.match(" " + n.split(" ", 1)[1]) for n in short.names if " " in n
            ):
                continue  # the text names the parent itself: "the cloud arm of Naver Corp."
            longer = [
                o
                for o in self.orgs.values()
                if o is not short
                and o.kind == "company"
                and o.head not in _UNIT_HEADS
                and any(o.names[0].startswith(n + " ") for n in short.names)
            ]
            if len(longer) != 1:
                continue
            target = longer[0]
            for name in short.names:
                self._add_name(target, name)
            target.evidence.extend(short.evidence)
            if target.part_of == short.key:
                target.part_of = None
            for other in self.orgs.values():
                if other.part_of == short.key:
                    other.part_of = target.key
            del self.orgs[short.key]
            merged = True
        return merged

    def _place_country(self, name: str) -> str | None:
        """'Ho Chi Minh City People's Committee': a local government lies in its place's country."""
        words = name.split()
        for n in range(len(words) - 1, 0, -1):
            entry = self._gaz_lookup(" ".join(words[:n]), "site")
            if entry is not None and getattr(entry, "country", None):
                return str(entry.country)
        return None

    def _starts_with_place(self, name: str, first: str) -> bool:
        """'Ho' is not a short form of 'Ho Chi Minh City People's Committee': it is a piece of the place."""
        words = name.split()
        return (
            any(self._gaz_lookup(" ".join(words[:n]), "site") is not None for n in range(2, len(words)))
            and words[0] == first
        )

    def _short_forms(self) -> None:
        for org in list(self.orgs.values()):
            full = org.names[0]
            candidates: list[str] = []
            tail = re.match(r"^(.*?)(?:,?\s+(?:Corp\.|Corporation|Inc\.|Co\.,?\s*Ltd\.|Co\.|Ltd\.))$", full)
            if tail:
                candidates.append(tail.group(1))
            words = full.split()
            if len(words) >= 2 and not org.government and org.kind != "local_government":
                candidates.append(words[0])
                if org.head == "University" and words[-1] == "University" and len(words) > 2:
                    candidates.append(" ".join(words[:-1]))
            for cand in candidates:
                if (
                    cand in org.names
                    or cand in _GENERIC_FIRST
                    or cand in FUNCTION_WORDS
                    or self.country_code(cand)
                    or len(cand) < 2
                    or not _is_cap(cand)
                    or self.org_by_name(cand) is not None
                    or self._gaz_lookup(cand, "site") is not None
                    or self._starts_with_place(full, cand)
                ):
                    continue
                rest = full[len(cand) :]
                for m in word_pattern(cand).finditer(self.text):
                    if rest and self.text.startswith(rest, m.end()):
                        continue
                    if _inside((m.start(), m.end()), self._proper_spans):
                        continue
                    self._add_name(org, cand)
                    break

    def _scan_mentions(self) -> None:
        found: list[Mention] = []
        for org in self.orgs.values():
            for name in org.names:
                case_sensitive = len(name) <= 5 or name.isupper() or not org.government
                for m in word_pattern(name, case_sensitive).finditer(self.text):
                    found.append(Mention(m.start(), m.end(), org.key, m.group(0)))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        taken: list[Mention] = []
        for mention in found:
            if taken and taken[-1].end > mention.start:
                continue
            taken.append(mention)
        self.org_mentions = taken

    def org_at(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.org_mentions if start <= m.start and m.end <= end]

    def mention_ending_at(self, offset: int) -> Mention | None:
        return next((m for m in self.org_mentions if m.end == offset), None)

    def resolve_anaphor(self, noun: str, before: int) -> OrgRec | None:
        """'the university', 'the centre', 'the company': the latest organization of that head."""
        noun = noun.lower()
        heads = {"centre": ("Centre", "Center"), "center": ("Centre", "Center")}.get(
            noun, (noun.capitalize(),)
        )
        best: OrgRec | None = None
        for mention in self.org_mentions:
            if mention.start >= before:
                break
            org = self.orgs[mention.key]
            name = org.names[0]
            if (
                org.head in heads
                or any(re.search(rf"\b{h}\b", name) for h in heads)
                or (noun in ("company", "firm", "operator", "carrier") and org.kind == "company")
                or (
                    noun in ("organisation", "organization") and org.kind in ("international", "ngo", "other")
                )
            ):
                best = org
        return best

    def _units(self) -> None:
        text = self.text
        unit_noun = (
            r"(?:institute|agency|body|arm|unit|subsidiary|affiliate|division|centre|center|commission|organ|"
            r"office|branch|bureau|department|programme|organi[sz]ation)"
        )
        for mention in self.org_mentions:
            org = self.orgs[mention.key]
            # "X's Y Institute" / "the university's Y Institute"
            before = text[max(0, mention.start - 60) : mention.start]
            poss = re.search(r"(?:the\s+([a-z]+)|(\S+))(?:'s|’s)\s+$", before)
            if poss and org.part_of is None and org.head in _UNIT_HEADS:
                parent: OrgRec | None = None
                if poss.group(1):
                    parent = self.resolve_anaphor(poss.group(1), mention.start)
                else:
                    owner = self.mention_ending_at(mention.start - len(poss.group(0)) + len(poss.group(2)))
                    parent = self.orgs[owner.key] if owner else None
                if parent is not None and parent is not org:
                    org.part_of = parent.key
            after = text[mention.end : mention.end + 160]
            for pattern in (
                rf"^\s*(?:\([^)]*\)\s*)?,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{unit_noun}\s+(?:of|under|within)\s+(?:the\s+)?",
                r"^\s*(?:\([^)]*\)\s*)?,\s+(?:the\s+)?(?=\S+(?:'s|’s)\s)",
                rf"^\s*(?:\([^)]*\)\s*)?,\s+an?\s+(?=\S+\s+{unit_noun}\b)",
            ):
                m = re.match(pattern, after)
                if not m:
                    continue
                at = mention.end + m.end()
                owner = next((x for x in self.org_mentions if x.start == at), None)
                if owner is None or owner.key == org.key:
                    continue
                tail = text[owner.end : owner.end + 80]
                if pattern.startswith(r"^\s*(?:\([^)]*\)\s*)?,\s+(?:the"):
                    if not re.match(rf"^(?:'s|’s)\s+(?:[a-z-]+\s+){{0,6}}?{unit_noun}\b", tail):
                        continue
                elif "(?=" in pattern and not re.match(rf"^\s+{unit_noun}\b", tail):
                    continue
                if org.part_of is None and self.orgs[owner.key].part_of != org.key:
                    org.part_of = owner.key
                break
        # a unit named with its parent's name at the front: "KT Economic Research Institute"
        for org in self.orgs.values():
            if org.part_of or org.head not in _UNIT_HEADS:
                continue
            for other in self.orgs.values():
                if other is org or other.government:
                    continue
                if any(org.names[0].startswith(n + " ") for n in other.names):
                    org.part_of = other.key
                    break
        for org in self.orgs.values():
            if org.part_of and not org.from_gazetteer:
                parent = self.orgs.get(org.part_of)
                if parent is None:
                    continue
                if org.head in ("Institute", "Laboratory", "Labs", "Institution"):
                    org.kind = "academic" if parent.kind == "academic" else "research"
                else:
                    org.kind = parent.kind
        # a unit written after a possessive ("Acme's Cloud Division") may name its parent by a short form
        self._text_parents = {
            o.part_of for o in self.orgs.values() if o.part_of and o.key not in self._poss_units
        }
        # reference data knows parents the text may also name
        for org in self.orgs.values():
            if org.part_of is None and org.iri and self.gaz is not None:
                entry = self.gaz.by_iri(org.iri)
                parent_iri = getattr(entry, "part_of", None) if entry is not None else None
                parent = self._org_by_iri(parent_iri) if parent_iri else None
                if parent is not None and parent is not org:
                    org.part_of = parent.key

    def _org_countries(self) -> bool:
        """Set each organization's home country; True when a longer name was found on the way."""
        renamed = False
        regex = self._country_regex(with_demonyms=True)
        for mention in self.org_mentions:
            org = self.orgs[mention.key]
            if org.country or org.kind == "international" or org.from_gazetteer:
                continue
            poss = None
            if regex is not None:
                # "Kenya's Ministry of Health"; a ministry also takes a plain adjective: "the Kenyan Ministry of Health"
                owner = r"(?:'s|’s)\s+$" if org.head not in _PORTFOLIO_HEADS else r"(?:'s|’s)?\s+$"
                poss = re.search(
                    "(" + regex.pattern + ")" + owner,
                    self.text[max(0, mention.start - 40) : mention.start],
                )
            follow = (
                re.match(
                    r"^\s+of\s+(?:the\s+)?(?:(?:Republic|Kingdom|State|Federation)\s+of\s+(?:the\s+)?)?("
                    + regex.pattern
                    + ")",
                    self.text[mention.end : mention.end + 60],
                )
                if regex is not None
                else None
            )
            if poss and self.country_code(poss.group(1)):
                org.country = self.country_code(poss.group(1))
            elif follow and self.country_code(follow.group(1)):
                org.country = self.country_code(follow.group(1))
                if org.head in _PORTFOLIO_HEADS:
                    # "Ministry of Finance of Mongolia": the country phrase is written as part of the name
                    self._add_name(org, self.text[mention.start : mention.end + follow.end()], first=True)
                    renamed = True
            elif regex is not None:
                m = regex.search(org.names[0])
                if m:
                    org.country = self.country_code(m.group(0))
            if org.country is None and org.kind == "local_government":
                org.country = self._place_country(org.names[0])
            if org.country is None and org.kind == "government" and _GENERIC_NATIONAL.fullmatch(org.names[0]):
                org.country = self._national_country(mention)
        for org in self.orgs.values():
            if org.part_of and not org.country:
                parent = self.orgs.get(org.part_of)
                if parent is not None and parent.kind != "international":
                    org.country = parent.country
            if org.kind == "international":
                org.country = None
        return renamed

    def _national_country(self, mention: Mention) -> str | None:
        """ "the National Police": a national body unnamed by country is that of the government body
        it works with in the sentence, else of the country last named before it."""
        sentence = self.sentence_at(mention.start)
        for other in self.org_mentions:
            org = self.orgs[other.key]
            if (
                other.key != mention.key
                and sentence.start <= other.start < sentence.end
                and org.kind == "government"
                and org.country
            ):
                return org.country
        regex = self._country_regex(with_demonyms=True)
        hits = list(regex.finditer(self.text, 0, mention.start)) if regex is not None else []
        return self.country_code(hits[-1].group(0)) if hits else None

    # -- countries --------------------------------------------------------------------------

    def find_countries(self) -> None:
        regex = self._country_regex(with_demonyms=True)
        hits: list[tuple[int, int, str]] = []
        if regex is not None:
            for m in regex.finditer(self.text):
                code = self.country_code(m.group(0))
                if code:
                    hits.append((m.start(), m.end(), code))
        for start, end, code in sorted(hits):
            if _inside((start, end), self._proper_spans):
                continue
            if any(m.start <= start < m.end for m in self.country_mentions):
                continue
            self.country_mentions.append(Mention(start, end, code, self.text[start:end]))
            self.countries.setdefault(code, []).append(self._evidence(start, "en.country", 0.9))

    def countries_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.country_mentions if start <= m.start and m.end <= end]

    # -- sites ------------------------------------------------------------------------------

    def _districts_of_known_places(self) -> None:
        """'in Gangseo District of Busan': a named district of a known place lies in it and in its country."""
        for m in re.finditer(
            r"\b(?:in|at|of)\s+(?:the\s+)?([A-Z][\w-]*\s+(?:District|County|Province))\s+of\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)",
            self.text,
        ):
            parent = self._known_site(m.group(2))
            if (
                parent is None
                or self._known_site(m.group(1))
                or _inside((m.start(1), m.end(1)), self._proper_spans)
            ):
                continue
            site = self._add_site(
                m.group(1), m.start(1), "district", "en.site.district_of", country=parent.country
            )
            site.within = site.within or parent.key

    def _add_site(
        self,
        name: str,
        start: int,
        kind: str,
        rule: str,
        *,
        country: str | None = None,
        iri: str | None = None,
    ) -> SiteRec:
        site = next((s for s in self.sites.values() if (iri and s.iri == iri) or name in s.names), None)
        if site is None:
            site = SiteRec(f"site{self._site_seq()}", [name], kind, country, None, iri)
            self.sites[site.key] = site
        site.evidence.append(self._evidence(start, rule, 0.8))
        self.site_mentions.append(Mention(start, start + len(name), site.key, name))
        return site

    def _site_seq(self) -> int:
        # keys stay unique after a merge removed a site
        return max((int(k[4:]) for k in self.sites), default=0) + 1

    def _blocked_place(self, name: str) -> bool:
        first = name.split()[0]
        return (
            first in FUNCTION_WORDS
            or name in MONTHS
            or self.country_code(name) is not None
            or self.org_by_name(name) is not None
            or bool(re.search(r"\d", name))
        )

    def find_sites(self) -> None:
        text = self.text
        for start, end, entry in self._gaz_find("site"):
            if _inside((start, end), self._proper_spans) and not re.match(r"^-based", text[end : end + 6]):
                continue
            if (start == 0 or text[start - 1] == "\n") and _DATELINE.match(text, start, end + 60):
                continue  # "QUEZON CITY —": the release's dateline, not a place in the story
            self._add_site(
                text[start:end], start, entry.kind, "en.site.gazetteer", country=entry.country, iri=entry.iri
            )
        self._districts_of_known_places()
        cap_run = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w-]*){0,3}"
        # "the Telkom Indonesia headquarters"
        for m in re.finditer(
            r"\b(the|at|in|to|from)\s+("
            + cap_run
            + r")\s+(headquarters|head office|campus|office building)\b",
            text,
        ):
            name = m.group(2) + " " + m.group(3)
            owner = self.org_by_name(_strip_possessive(m.group(2)))
            if m.group(1) != "the" and owner is None:
                continue  # "at Orbit headquarters" names a building only when Orbit is an organization
            self._add_site(
                name, m.start(2), "building", "en.site.headquarters", country=owner.country if owner else None
            )
        # venues: "at the Grand Hyatt Hotel", "Sejong Government Complex"
        for m in re.finditer(
            r"\b(?:at|in)\s+(?:the\s+)?((?:[A-Z][\w-]*\s+(?:(?:and|&)\s+(?=[A-Z]))?){0,5}(?:"
            + "|".join(_VENUE_HEADS)
            + r"|Convention Cent(?:er|re)|Exhibition Cent(?:er|re)))\b",
            text,
        ):
            name = _trim_function_words(m.group(1))
            at = m.start(1) + m.group(1).index(name)
            if any(x.start <= at and at + len(name) <= x.end for x in self.site_mentions):
                continue  # already known under a longer name
            branch = re.match(r"^ ([A-Z][\w-]*)\b", text[m.end() :])
            known_city = branch is not None and (
                self._gaz_lookup(branch.group(1), "site") is not None or self.country_code(branch.group(1))
            )
            if known_city and branch is not None and name.split()[-1] in _VENUE_HEADS:
                name += " " + branch.group(1)  # "the Grand Hotel Lisbon": a hotel branch is named by its city
            elif name.split()[-1] == "Hotel" and (styled := _HOTEL_STYLE.match(text, m.end())):
                name += styled.group(1)  # "the Raffles Hotel Le Royal in central Phnom Penh"
            if len(name.split()) >= 2 and not self._known_site(name):
                self._add_site(name, at, "venue", "en.site.venue")
        # "inside the Saigon Hi-Tech Park": technology and industrial estates are sites
        for m in re.finditer(
            r"(?<![\w-])((?:[A-Z][\w-]*[ ]){1,3}(?:Hi-Tech|High-Tech|Technology|Tech|Science|Industrial|Software|"
            r"Innovation|Business|Economic|Free[ ]Trade|Special[ ]Economic)[ ](?:Park|Zone|Estate|Complex))\b",
            text,
        ):
            name = _trim_function_words(m.group(1))
            if name not in m.group(1):
                continue
            start = m.start(1) + m.group(1).index(name)
            if _inside((start, start + len(name)), self._proper_spans) or self._known_site(name):
                continue
            if not any(x.start <= start and start + len(name) <= x.end for x in self.site_mentions):
                self._add_site(name, start, "venue", "en.site.estate")
        self._regions()
        self._region_short_forms()
        self._listed_places()
        # islands: "X, on Y island", "X on the island of Y"
        for m in re.finditer(
            r"\b(?:on\s+)?(?:the\s+island\s+of\s+(" + cap_run + r")|(" + cap_run + r")\s+[Ii]sland\b)", text
        ):
            name = m.group(1) or m.group(2)
            if self._blocked_place(name) or re.match(
                r"^\s+(?:countries|states|nations|economies|nation)\b", text[m.end() :]
            ):
                continue
            start = m.start(1) if m.group(1) else m.start(2)
            if any(x.start <= start and m.end() < x.end for x in self.site_mentions):
                continue  # "the Taumeasina Island Resort": the front of a venue's name, not a place
            site = self._known_site(name) or self._add_site(name, start, "island", "en.site.island")
            if site.kind == "other":
                site.kind = "island"
        # the place that the island clause describes: "Nusantara, on Borneo island"
        for m in re.finditer(
            r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}),?\s+on\s+(?:the\s+island\s+of\s+[A-Z]|[A-Z][\w-]*\s+[Ii]sland\b)",
            text,
        ):
            name = m.group(1)
            if self._blocked_place(name) or self._known_site(name):
                continue
            if _inside((m.start(1), m.end(1)), self._proper_spans):
                continue
            self._add_site(name, m.start(1), "city", "en.site.island_place")
        # "held/signed/located ... in Seoul", "its facility in Incheon"
        trigger = re.compile(
            r"\b(?:held|hold|holds|signed|signing|located|based|hosted|host|hosts|opened|took place|take place|"
            r"takes place|rolled out|piloted|deployed|installed|workshop|seminar|conference|forum|meeting|"
            r"headquartered|facility|facilities|office|offices|headquarters|venue|visit|visited|arrived|"
            r"gathered|convened|launched|built|set up|"
            # settlements counted "in" a place: "200 villages in Aceh"
            r"villages|towns|barangays|municipalities|communities|provinces|districts|townships)\b"
        )
        for sentence in self.sentences:
            for m in re.finditer(r"\b(?:in|at)\s+(the\s+)?(" + cap_run + r")", sentence.text):
                name = _strip_possessive(m.group(2)).rstrip(".")
                if m.group(1) and (len(name.split()) < 2 or re.search(_EVENT_HEADS, name)):
                    continue  # "at the Ritz Carlton Lisbon" is a venue; "in the West" is not a place
                if any(x.start <= sentence.start + m.start(2) < x.end for x in self.site_mentions):
                    continue  # the front of a known name: "Dar" of "Dar es Salaam"
                name = re.split(r"\s+(?=[A-Z][a-z]+day\b)", name)[0]
                if self._blocked_place(name) or self._known_site(name):
                    continue
                start = sentence.start + m.start(2)
                if _inside((start, start + len(name)), self._proper_spans):
                    continue
                capital = re.match(
                    r"^,\s+(?:the|its)\s+(?:\w+\s+)?(?:capital|city|port|town)\b", sentence.text[m.end(2) :]
                )
                if not trigger.search(sentence.text[: m.start()]) and not capital:
                    continue
                site = self._add_site(name, start, "venue" if m.group(1) else "city", "en.site.locative")
                short = re.match(r"\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)", sentence.text[m.end(2) :])
                if short and _initials_fit(name, short.group(1)) and short.group(1) not in site.names:
                    site.names.append(short.group(1))  # "United Nations Conference Centre (UNCC)"
        for m in _POSSESSED_VENUE.finditer(text):  # "at the university's Delta Centre in Tartu"
            if not self._known_site(m.group("venue")):
                self._add_site(m.group("venue"), m.start("venue"), "venue", "en.site.premises")
        # mentions of known site names elsewhere, for place look-ups
        for site in list(self.sites.values()):
            for name in site.names:
                for m in word_pattern(name).finditer(text):
                    if not any(x.start == m.start() for x in self.site_mentions) and not _inside(
                        (m.start(), m.end()), self._proper_spans
                    ):
                        self.site_mentions.append(Mention(m.start(), m.end(), site.key, name))
        self.site_mentions.sort(key=lambda x: x.start)
        self._containment()

    def _regions(self) -> None:
        """'in the Kaya region', 'the Sool and Sanaag provinces': places named with their level."""
        level = r"(region|province|state|district|county|prefecture|governorate)"
        place = r"([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)"
        for m in re.finditer(rf"\b(?:the\s+|in\s+){place}\s+{level}\b(?!\s+(?:of|government)\b)", self.text):
            name = m.group(1)
            if self._blocked_place(name) or _inside((m.start(1), m.end(1)), self._proper_spans):
                continue
            site = self._known_site(name) or self._add_site(
                name + " " + m.group(2), m.start(1), "region", "en.site.region"
            )
            if name not in site.names:
                site.names.append(name)
        for m in re.finditer(
            rf"\b{place}((?:,\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)*),?\s+and\s+{place}\s+{level}s\b", self.text
        ):
            found = [(m.group(1), m.start(1)), (m.group(3), m.start(3))]
            found += [
                (x.group(0), m.start(2) + x.start())
                for x in re.finditer(r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?", m.group(2))
            ]
            for name, start in found:
                name = _trim_function_words(name)
                if self._blocked_place(name) or self._known_site(name):
                    continue
                self._add_site(name, start, "region", "en.site.region")
        # "across the provinces of Sulu and Basilan", "the state of Kerala": the level word comes first
        joined = r"[A-Z][\w'-]*(?:\s+(?:(?:de|del|de la|da|do|di|el|al)\s+)?[A-Z][\w'-]*){0,2}"
        for m in re.finditer(
            rf"\bthe\s+{level}s?\s+of\s+({joined}(?:,\s+{joined})*(?:,?\s+and\s+{joined})?)", self.text
        ):
            for x in re.finditer(joined, m.group(2)):
                name, start = x.group(0), m.start(2) + x.start()
                if self._blocked_place(name) or self._known_site(name):
                    continue
                if _inside((start, start + len(name)), self._proper_spans):
                    continue
                self._add_site(name, start, "region", "en.site.region")

    def _region_short_forms(self) -> None:
        """'the Kaya region ... Kaya was chosen': the bare name refers back to the region the text named.

        The reference data may also hold a city of that name; the text's own usage decides, unless
        it writes 'the city of X' or 'X city'.
        """
        for region in list(self.sites.values()):
            full = re.match(r"^(.+?)\s+(?:[Rr]egion|[Pp]rovince)$", region.names[0])
            if full is None:
                continue
            short = full.group(1)
            other = next((s for s in self.sites.values() if s is not region and short in s.names), None)
            if other is None or re.search(
                rf"\bcity\s+of\s+{re.escape(short)}\b|\b{re.escape(short)}\s+[Cc]ity\b", self.text
            ):
                continue
            if short not in region.names:
                region.names.append(short)
            region.evidence.extend(other.evidence)
            del self.sites[other.key]
            self.site_mentions = [
                Mention(x.start, x.end, region.key, x.text) if x.key == other.key else x
                for x in self.site_mentions
            ]

    def _listed_places(self) -> None:
        """'Riyadh, Hail and Tabuk': unknown names listed with known places of one country are places."""
        item = r"[A-Z][\w'-]*(?:[ ][A-Z][\w'-]*){0,2}"
        for m in re.finditer(rf"(?<![\w-])((?:{item},[ ])+{item},?[ ]and[ ]{item})(?![\w-])", self.text):
            items = [(m.start(1) + i.start(), i.group(0)) for i in re.finditer(item, m.group(1))]
            known = [self._known_site(name) for _, name in items]
            places = [
                k for k in known if k is not None and k.kind in ("city", "region", "county", "district")
            ]
            countries = {k.country for k in places}
            if not places or len(countries) != 1:
                continue
            for (start, name), site in zip(items, known, strict=True):
                if site is not None or self._blocked_place(name):
                    continue
                if _inside((start, start + len(name)), self._proper_spans):
                    continue
                self._add_site(name, start, places[0].kind, "en.site.listed", country=places[0].country)

    def _known_site(self, name: str) -> SiteRec | None:
        return next((s for s in self.sites.values() if name in s.names), None)

    def _containment(self) -> None:
        rank = {"building": 0, "venue": 0, "district": 1, "city": 2, "county": 2, "island": 3, "region": 3}
        text = self.text
        for mention in self.site_mentions:
            site = self.sites[mention.key]
            if site.within:
                continue
            after = text[mention.end : mention.end + 40]
            m = re.match(r"^(?:,?\s+on\s+(?:the\s+island\s+of\s+)?|\s+in\s+|,\s+)", after)
            if not m:
                continue
            at = mention.end + m.end()
            outer = next((x for x in self.site_mentions if x.start == at), None)
            if outer is None or outer.key == site.key:
                continue
            parent = self.sites[outer.key]
            if rank.get(parent.kind, 2) > rank.get(site.kind, 2) and parent.within != site.key:
                site.within = parent.key
                if site.country is None:
                    site.country = parent.country
        for site in self.sites.values():
            if site.country is None and site.within:
                site.country = self.sites[site.within].country

    def sites_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.site_mentions if start <= m.start and m.end <= end]

    # -- people -----------------------------------------------------------------------------

    def find_people(self) -> None:
        text = self.text
        low, up = "a-zà-öø-ÿ", "A-ZÀ-ÖØ-Þ"  # letters with diacritics: "Hana Müller", "Élise"
        word = rf"[{up}][{low}]+(?:-[A-Za-z][{low}]+)?"
        name = rf"((?:{word}|[A-Z]\.)(?:[ ]+(?:{word}|[A-Z]\.)){{1,3}})"
        titles = (
            r"(?:Dr\.|Mr\.|Ms\.|Mrs\.|Prof\.|Professor|(?:Vice\s+|Prime\s+|Deputy\s+)?(?:President|Minister)|"
            r"Ambassador|Secretary[- ]General|Chairman|Chairwoman|CEO|Director[- ]General|Governor|Mayor|"
            r"Commissioner|Administrator|Chief\s+Executive|Vice\s+Chairman|Under[- ]?[Ss]ecretary)"
        )
        role_words = (
            r"(?:president|vice president|chief|head|director|minister|secretary|chair|chairman|chairwoman|ceo|"
            r"manager|officer|professor|ambassador|governor|mayor|founder|spokesperson|spokesman|spokeswoman|"
            r"deputy|executive|leader|commissioner|administrator|author|researcher|senior|vice|general|partner|"
            r"team|representative|coordinator|adviser|advisor|engineer|analyst|scientist|economist|specialist|"
            r"consultant)"
        )
        covered: list[int] = []
        for org in list(self.orgs.values()):
            office = re.match(r"^(?:Ministry|Department)\s+((?:of|for)\s+.+)$", org.names[0])
            if office is None:
                continue
            # "Minister of Rural Affairs and Housing Name": the listed ministry tells where the name starts
            for m in re.finditer(
                r"\b((?:Vice\s+|Deputy\s+|Prime\s+)?(?:Minister|Secretary)\s+"
                + re.escape(office.group(1))
                + r")[ ]+"
                + name,
                text,
            ):
                covered.append(m.start())
                self._add_person(m.group(2), m.start(2), m.group(1), None, "en.person.title")
                person = next((p for p in self.people.values() if p.name == m.group(2)), None)
                if person is not None:
                    person.affiliation = person.affiliation or org.key
        for m in re.finditer(
            r"\b((?:Vice\s+|Deputy\s+|Prime\s+)?(?:Minister|Secretary|Director|Commissioner)\s+(?:of|for)\s+"
            r"[\w&, ]+?)[ ]+" + name + r"(?![ ]+[A-Z])",
            text,
        ):
            if m.start() in covered:
                continue
            role, person_name, at = m.group(1), m.group(2), m.start(2)
            words = person_name.split()
            # "Minister of ICT and Innovation Paula Ingabire": portfolio words are not the name
            while len(words) > 2 and (
                words[0] in _PORTFOLIO or re.search(r"(?:tion|ment|ics|ity|ogy|ure)$", words[0])
            ):
                role += " " + words[0]
                at += len(words[0]) + 1
                words.pop(0)
            self._add_person(" ".join(words), at, role, None, "en.person.title")
        portfolio = "|".join(sorted(_PORTFOLIO, key=len, reverse=True))
        # "chief financial officer Name told": a lower-case corporate title right before the name
        for m in re.finditer(
            r"\b(chief\s+(?:executive|financial|operating|technology|information|digital)\s+officer|"
            r"spokes(?:person|man|woman))[ ]+" + name,
            text,
        ):
            self._add_person(m.group(2), m.start(2), m.group(1), None, "en.person.title")
        for m in re.finditer(titles + r"[ ]+" + name, text):
            role = m.group(0)[: m.start(1) - m.start()].strip()
            # "Land, Infrastructure and Transport Minister Name": the portfolio is part of the title
            lead = re.search(
                rf"(?<![\w-])((?:(?:{portfolio})(?:,\s+|\s+and\s+|\s+))+)$",
                text[max(0, m.start() - 80) : m.start()],
            )
            if lead and re.search(r"\bMinister\b", role):
                role = lead.group(1) + role
            local = self._local_office(m.start(), role)
            if local is not None:
                role = local[0] + " " + role
            self._add_person(m.group(1), m.start(1), role, None, "en.person.title")
            if local is not None and local[1] is not None:
                person = next((p for p in self.people.values() if p.name == m.group(1)), None)
                if person is not None:
                    person.affiliation = person.affiliation or local[1]
        for m in re.finditer(
            r"(?:^|(?<=[\s\"“(]))"
            + name
            + r"(?:\s*\([^)]*\))?,\s+(?:the\s+|an?\s+)?([^,.;:]{2,90}?)(?=[,.;:]|\s+said|\s+told|\s+and\s+[A-Z])",
            text,
            re.MULTILINE,
        ):
            role = m.group(2).strip()
            if not re.match(
                # the owner before the title may be a name of several words: "the World Bank's senior adviser"
                r"^(?:(?:[A-Z][\w&-]*\s+){0,3}\S+(?:'s|’s)\s+)?(?:[\w-]+\s+){0,3}?" + role_words + r"\b",
                role,
                re.IGNORECASE,
            ):
                continue
            role_end = m.end(2)
            for mention in self.org_mentions:
                if mention.start < role_end < mention.end:
                    role_end = mention.end  # "... of the Climate and Energy Department": 'and' inside a name
            self._add_person(m.group(1), m.start(1), None, (m.start(2), role_end), "en.person.apposition")
        for mention in self.org_mentions:
            pm = re.match(
                r"^(?:'s|’s)?\s+((?:[A-Z][a-z]+\s+|C[EFOT]O\s+){1,3})" + name,
                text[mention.end : mention.end + 80],
            )
            if pm and re.search(titles.replace("(?:Dr", "(?:Secretary|C[EFOT]O|Dr"), pm.group(1)):
                self._add_person(
                    pm.group(2), mention.end + pm.start(2), pm.group(1).strip(), None, "en.person.title"
                )
                person = next((p for p in self.people.values() if p.name == pm.group(2)), None)
                if person is not None:
                    person.affiliation = person.affiliation or mention.key

    def _local_office(self, at: int, role: str) -> tuple[str, str | None] | None:
        """'Seoul Vice Mayor Name': the place (and a 'Vice') before a mayor's title, and that place's government."""
        if not re.search(r"\b(?:Mayor|Governor)$", role):
            return None
        m = re.search(
            r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}?)\s+((?:Vice|Deputy)\s+)?$",
            self.text[max(0, at - 50) : at],
        )
        if m is None or not self._known_site(m.group(1)):
            return None
        place = m.group(1) + ("" if m.group(2) is None else " " + m.group(2).strip())
        gov = next(
            (
                o.key
                for o in self.orgs.values()
                if o.kind == "local_government" and o.names[0].startswith(m.group(1) + " ")
            ),
            None,
        )
        return place, gov

    def _add_person(
        self, name: str, start: int, role: str | None, role_span: tuple[int, int] | None, rule: str
    ) -> None:
        name = name.strip()
        words = name.split()
        if not words or any(w in FUNCTION_WORDS or w in MONTHS for w in words) or self.country_code(words[0]):
            return
        if (
            self.org_by_name(name)
            or self._known_site(name)
            or _inside((start, start + len(name)), self._proper_spans)
        ):
            return
        if re.search(r"\bBy\s+$", self.text[max(0, start - 4) : start]):
            return
        affiliation: str | None = None
        if role_span is not None:
            r_start, r_end = role_span
            orgs = self.org_at(r_start, r_end)
            if orgs:
                affiliation = orgs[-1].key
            role_text = self.text[r_start:r_end]
            for o in orgs:
                role_text = role_text.replace(o.text + "'s ", "").replace(o.text + "’s ", "")
            # "chief executive of the Savanna Data Foundation" -> "chief executive"
            if orgs and role_text.startswith(orgs[-1].text + " "):
                role_text = role_text[len(orgs[-1].text) + 1 :]  # "a Delta Telecom engineer" -> "engineer"
            if orgs and orgs[-1].text in role_text and not role_text.startswith(orgs[-1].text):
                role_text = role_text.split(orgs[-1].text)[0]
                role_text = re.sub(r"\s+(?:of|at|for)\s+(?:the\s+)?$", "", role_text)
            role = role_text.strip() or None
        elif role and re.search(r"\b(?:President|Minister)\b", role):
            # "Rwandan Minister ...": the government of that country, when the text lists it
            before = re.search(
                r"([A-Z][a-z]+)\s+" + re.escape(role) + r"\s+$",
                self.text[max(0, start - len(role) - 40) : start],
            )
            code = self.country_code(before.group(1)) if before else None
            gov = next((o for o in self.orgs.values() if o.government and o.country == code), None)
            affiliation = gov.key if gov else None
        person = next((p for p in self.people.values() if p.name == name), None)
        if person is None:
            person = PersonRec(f"person{len(self.people) + 1}", name)
            self.people[person.key] = person
        person.evidence.append(self._evidence(start, rule, 0.75))
        person.role = person.role or role
        person.affiliation = person.affiliation or affiliation


_Lexicon = tuple[dict[str, str], dict[str, str], tuple[re.Pattern[str] | None, re.Pattern[str] | None]]
_LEXICONS: dict[int, tuple[object, _Lexicon]] = {}


def _country_lexicon(gazetteer: GazetteerLike) -> _Lexicon:
    """English country names and demonyms of the reference data, with their scanners (built once per gazetteer)."""
    cached = _LEXICONS.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    lexicon = _build_lexicon(gazetteer)
    if len(_LEXICONS) > 8:
        _LEXICONS.clear()
    _LEXICONS[id(gazetteer)] = (gazetteer, lexicon)
    return lexicon


def _build_lexicon(gazetteer: GazetteerLike) -> _Lexicon:
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for name, entry in gazetteer.names("country"):
        if re.search(r"[A-Za-z]", name) and entry.country:
            names[name] = entry.country
            for demonym in getattr(entry, "demonyms", ()) or ():
                demonyms[demonym] = entry.country

    def scanner(forms: list[str]) -> re.Pattern[str] | None:
        # two-letter codes count only in capitals and not as a currency: "US peer", not "US$4 million" or "US dollars"
        short = sorted(f for f in forms if len(f) == 2 and f.isupper() and f.isascii())
        forms = sorted((f for f in forms if len(f) > 2), key=len, reverse=True)
        if not forms:
            return None
        alts = "|".join(re.escape(f) for f in forms)
        if short:
            alts += "|(?:" + "|".join(short) + r")(?![$/.])(?!\s+dollars?\b)"
        return re.compile(r"(?<![\w-])(?:" + alts + r")(?!\w)")

    return names, demonyms, (scanner(list(names)), scanner([*names, *demonyms]))


def _initials_fit(long_name: str, acronym: str) -> bool:
    """True when the acronym's letters follow the capitals of the long name in order ("GIZ", "DGIZ")."""
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", long_name) if w[0].isupper()).upper()
    letters = [c for c in acronym.upper() if c.isalpha()]
    if len(letters) < 2 or len(initials) < 2:
        return False
    it = iter(initials)
    return all(c in it for c in letters) and letters[0] in initials[:2]


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", name) if w[0].isupper())


def _norm(name: str) -> str:
    return re.sub(r"[\s\W_]+", "", name.casefold())


def _strip_possessive(name: str) -> str:
    return re.sub(r"(?:'s|’s|')$", "", name.strip())


# lower-case particles of Romance and Germanic place and family names
_NAME_PARTICLES = frozenset(
    {"del", "de", "da", "do", "dos", "das", "di", "du", "des", "la", "van", "von", "der"}
)
# a name and its acronym followed by a programme noun: "the X (ACR) programme" is the project's name
_NAMED_SCHEME_AFTER = re.compile(
    r"[ ](?:Scholarships?|Programme|Program|Project|Initiative|Scheme|Award|Prize)\b"
)
_PROGRAMME_AFTER = re.compile(r"\s+(?:programme|program|project|initiative|scheme)\b")


def _trim_function_words(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0] in FUNCTION_WORDS:
        words.pop(0)
    return " ".join(words)


def _shape_kind(name: str, head: str | None) -> str:
    kind = _HEAD_KIND.get(head or "", "other")
    international = bool(_INTERNATIONAL.search(name))
    if (
        head
        in (
            "Organization",
            "Organisation",
            "Union",
            "Bank",
            "Forum",
            "Alliance",
            "Federation",
            "Fund",
            "Secretariat",
            "Hub",
            "Centre",
            "Center",
            "Network",
            "Community",
        )
        and international
    ):
        return "international"
    if head == "Bank":
        return "company"
    if re.search(r"\bPeople['’]s\s+Committee$", name):
        return "local_government"  # the executive of a province or city in Vietnam, Laos and China
    if head in ("Institute",) and re.search(r"\bUniversity\b", name):
        return "academic"
    return kind


def as_org_kind(kind: str) -> OrgKind:
    allowed = (
        "company",
        "government",
        "local_government",
        "international",
        "ngo",
        "research",
        "academic",
        "other",
    )
    return cast(OrgKind, kind if kind in allowed else "other")


def as_site_kind(kind: str) -> SiteKind:
    allowed = ("region", "city", "county", "island", "district", "venue", "building", "other")
    return cast(SiteKind, kind if kind in allowed else "other")
