"""The name index over the reference data: which country, organization or site a name denotes.

Built once per process from :func:`ontology.reference_graph` (the Turtle stays the single source
of truth for names). ``lookup`` answers exact names; ``find_all`` scans a text for every name it
knows, with the boundary rules that Korean and English need:

* a Latin-script name matches only as a whole word ("UN" not inside "UNESCO" or "run"); names of at
  most five characters ("UN", "KT", "Intel") match case-sensitively, longer ones ignore case except
  that a capitalized name keeps its capital ("Turkey", not "turkey"; "UNESCO" also as "Unesco");
* a Hangul name may carry particles ("KT가", "세계은행과"); a name of fewer than three syllables must
  start its word (so "한국" is not found inside "대한국인"), a longer one may sit inside a word;
* whitespace in the text may differ from the name's, and between Hangul letters it is optional
  ("콩고 민주 공화국" and "콩고민주공화국" are the same name).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

import ontology

DCO = Namespace(ontology.NS)
COUNTRY_PREFIX = ontology.ID + "country/"

ORG_KINDS: dict[str, str] = {
    "Company": "company",
    "GovernmentAgency": "government",
    "LocalGovernment": "local_government",
    "InternationalOrganization": "international",
    "NGO": "ngo",
    "ResearchInstitute": "research",
    "University": "academic",
    "Organization": "other",
}
SITE_KINDS: dict[str, str] = {
    "Region": "region",
    "City": "city",
    "County": "county",
    "Island": "island",
    "District": "district",
    "Venue": "venue",
    "Building": "building",
    "Site": "other",
}
CATEGORIES = ("country", "organization", "site")

# How a surface name relates to its entry; lower ranks win when a name is ambiguous.
_PREF, _ACRONYM, _ALT, _DEMONYM = 0, 1, 2, 3

# Postpositions and bound suffixes that may follow a short Hangul name within one word.
_PARTICLE_WORDS = (
    "이",
    "가",
    "은",
    "는",
    "을",
    "를",
    "의",
    "와",
    "과",
    "에",
    "에서",
    "에게",
    "께",
    "께서",
    "한테",
    "서",
    "로",
    "으로",
    "로서",
    "으로서",
    "로써",
    "으로써",
    "로부터",
    "으로부터",
    "부터",
    "까지",
    "도",
    "만",
    "보다",
    "처럼",
    "마다",
    "조차",
    "밖에",
    "뿐",
    "이나",
    "나",
    "이랑",
    "랑",
    "하고",
    "이며",
    "며",
    "이고",
    "이다",
    "였다",
    "이었다",
    "이라는",
    "라는",
    "이란",
    "란",
    "엔",
    "에선",
    "측",
    "간",
    "내",
    "산",
    "형",
    "인",
    "들",
    "쪽",
    "등",
    "및",
)
_PARTICLES = re.compile("(?:" + "|".join(sorted(_PARTICLE_WORDS, key=len, reverse=True)) + ")+")
# One-syllable prefixes that may precede a short Hangul name: 주페루 (in Peru), 대중국 (towards China).
_PREFIXES = frozenset("주대방재친반범")
_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)
_CASE_SENSITIVE_MAX = 5
# Names that are far more often ordinary Korean words: 수단 'means', 오만 'arrogance', 말리 (말리다 'to
# dry'), 조선 'shipbuilding', 빈 'empty' (Vienna), 리우 'Rio'. lookup() still resolves them;
# find_all() does not report them.
COMMON_WORDS = frozenset({"수단", "오만", "말리", "조선", "빈", "리우"})


def normalize(name: str) -> str:
    """NFKC, casefold, and no spaces or punctuation: the form names are compared in."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", name).casefold())


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


def _is_word_char(ch: str) -> bool:
    """A letter or digit of a script other than Hangul: what a Latin name may not touch."""
    return ch.isalnum() and not _is_hangul(ch)


def _fold(text: str) -> str:
    """Lower case, character for character: a letter whose lower case is longer (İ) stays as it is."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _syllables(name: str) -> int:
    return sum(1 for ch in name if _is_hangul(ch))


@dataclass(frozen=True)
class Entry:
    iri: str
    category: str
    kind: str
    names: tuple[str, ...]
    name_ko: str | None
    name_en: str | None
    acronyms: tuple[str, ...]
    country: str | None
    part_of: str | None
    within: str | None
    demonyms: tuple[str, ...] = ()


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    # (rank, entry, name) for every name that ends here
    hits: list[tuple[tuple[int, int, int, str], Entry, str]] = field(default_factory=list)


def _trie_key(name: str) -> str:
    """The name as the scanner walks it: whitespace collapsed, and dropped between Hangul letters."""
    words = name.split()
    key = words[0] if words else ""
    for word in words[1:]:
        key += word if _is_hangul(key[-1]) and _is_hangul(word[0]) else " " + word
    return key


class Gazetteer:
    """Every country, organization and site of the reference data, indexed by name."""

    def __init__(self, entries: Iterable[Entry], ended: dict[str, int] | None = None) -> None:
        """``ended`` maps the IRI of a body renamed since to the year its name ended."""
        self._entries: list[Entry] = sorted(entries, key=lambda e: (CATEGORIES.index(e.category), e.iri))
        ended = ended or {}
        self._by_iri = {e.iri: e for e in self._entries}
        self._by_code = {e.country: e for e in self._entries if e.category == "country" and e.country}
        self._index: dict[str, list[tuple[tuple[int, int, int, str], Entry]]] = {}
        self._exact = _Node()  # case-sensitive names, walked over the text as written
        self._folded = _Node()  # the others, walked over the lower-cased text
        for entry in self._entries:
            for name, how in self._surface(entry):
                rank = (
                    how,
                    # the current body first, then the most recently renamed
                    10_000 - ended[entry.iri] if entry.iri in ended else 0,
                    CATEGORIES.index(entry.category),
                    entry.iri,
                )
                self._index.setdefault(normalize(name), []).append((rank, entry))
                self._insert(name, rank, entry)
        for key, ranked in self._index.items():
            self._index[key] = self._best_first(ranked)
        self._exact_starts = self._starts(self._exact)
        self._folded_starts = self._starts(self._folded)

    @staticmethod
    def _starts(root: _Node) -> re.Pattern[str]:
        """A pattern matching (empty) where a walk of ``root`` can take two steps, or end after one.

        Most positions of a text start no name, and one C-level scan finds the few that may, so
        :meth:`find_all` walks the trie from those alone. Whitespace is allowed where a walk allows it.
        """
        branches = []
        for first, node in sorted(root.children.items()):
            seconds = "".join(re.escape(ch) for ch in sorted(node.children) if ch != " ")
            follow = [f"[{seconds}]", rf"\s+[{seconds}]"] if seconds else []
            if " " in node.children:
                follow.append(r"\s")
            if node.hits:
                follow = [""]
            if follow:
                branches.append(re.escape(first) + "(?:" + "|".join(follow) + ")")
        if not branches:
            return re.compile("(?!)")
        # The class first: it rejects most positions before the branches are tried one by one.
        firsts = "".join(re.escape(ch) for ch in sorted(root.children))
        return re.compile(f"(?=[{firsts}])(?=" + "|".join(branches) + ")")

    @staticmethod
    def _surface(entry: Entry) -> Iterator[tuple[str, int]]:
        preferred = {entry.name_ko, entry.name_en}
        acronyms = set(entry.acronyms)
        for name in entry.names:
            yield name, _PREF if name in preferred else _ACRONYM if name in acronyms else _ALT
        for demonym in entry.demonyms:
            yield demonym, _DEMONYM

    @staticmethod
    def _best_first(
        ranked: list[tuple[tuple[int, int, int, str], Entry]],
    ) -> list[tuple[tuple[int, int, int, str], Entry]]:
        best: dict[str, tuple[tuple[int, int, int, str], Entry]] = {}
        for rank, entry in ranked:
            if entry.iri not in best or rank < best[entry.iri][0]:
                best[entry.iri] = (rank, entry)
        return sorted(best.values(), key=lambda pair: pair[0])

    def _insert(self, name: str, rank: tuple[int, int, int, str], entry: Entry) -> None:
        key = _trie_key(name.strip())
        if not key or key in COMMON_WORDS:
            return
        exact = len(key) <= _CASE_SENSITIVE_MAX and not any(_is_hangul(ch) for ch in key)
        node = self._exact if exact else self._folded
        for ch in key if exact else _fold(key):
            node = node.children.setdefault(ch, _Node())
        node.hits.append((rank, entry, name))

    # ---- queries ----

    def lookup(self, name: str, category: str | None = None) -> list[Entry]:
        """Entries whose name equals ``name`` after :func:`normalize`, the likeliest first."""
        ranked = self._index.get(normalize(name), [])
        return [e for _, e in ranked if category is None or e.category == category]

    def by_iri(self, iri: str) -> Entry | None:
        return self._by_iri.get(iri)

    def country(self, code: str) -> Entry | None:
        return self._by_code.get(code.upper())

    def entries(self, category: str | None = None) -> Iterator[Entry]:
        return (e for e in self._entries if category is None or e.category == category)

    def names(self, category: str | None = None) -> Iterator[tuple[str, Entry]]:
        for entry in self.entries(category):
            for name in entry.names:
                yield name, entry

    def find_all(self, text: str, category: str | None = None) -> list[tuple[int, int, Entry]]:
        """Longest non-overlapping known names in ``text``, left to right, as (start, end, entry).

        An ambiguous name gives its likeliest entry (``lookup`` lists the others). Country
        demonyms ("Rwandan") are found too; ``entry.demonyms`` tells them apart. The few
        :data:`COMMON_WORDS` are not reported. With a ``category``, names are still delimited
        against every known name, so "Korea" in "Korea University" is no country.
        """
        folded = _fold(text)
        found: list[tuple[int, int, Entry]] = []
        i = 0
        # Where a walk of either trie can find a name: the others find none (see _starts).
        exact = {m.start() for m in self._exact_starts.finditer(text)}
        lower = {m.start() for m in self._folded_starts.finditer(folded)}
        for start in sorted(exact | lower):
            if start < i:
                continue
            match = self._match_at(text, folded, start, category, start in exact, start in lower)
            if match is None:
                continue
            end, entry = match
            if entry is not None:
                found.append((start, end, entry))
            i = end
        return found

    def _match_at(
        self,
        text: str,
        folded: str,
        i: int,
        category: str | None,
        exact: bool = True,
        lower: bool = True,
    ) -> tuple[int, Entry | None] | None:
        """The longest name starting at ``i`` and its entry of ``category``.

        The entry is None when that name belongs only to other categories: a country inside an
        organization's name ("Korea" in "Korea University") is part of that name, not a mention.
        ``exact`` and ``lower`` say which tries may hold one there (the other walk would find none).
        """
        first = text[i]
        if first not in self._exact.children and folded[i] not in self._folded.children:
            return None
        by_end: dict[int, list[tuple[tuple[int, int, int, str], Entry, str]]] = {}
        walks = (self._walk(self._exact, text, i) if exact else []) + (
            self._walk(self._folded, folded, i) if lower else []
        )
        for end, hits in walks:
            by_end.setdefault(end, []).extend(hits)
        previous = text[i - 1] if i > 0 else ""
        for end in sorted(by_end, reverse=True):
            fitting = [
                h for h in sorted(by_end[end], key=lambda h: h[0]) if self._fits(text, i, end, h[2], previous)
            ]
            if not fitting:
                continue
            for _rank, entry, _name in fitting:
                if category is None or entry.category == category:
                    return end, entry
            return end, None
        return None

    @staticmethod
    def _walk(
        root: _Node, text: str, i: int
    ) -> list[tuple[int, list[tuple[tuple[int, int, int, str], Entry, str]]]]:
        """Every name ending along the path from ``i``: (end offset, the names' hits)."""
        out: list[tuple[int, list[tuple[tuple[int, int, int, str], Entry, str]]]] = []
        node, j, n = root, i, len(text)
        while j < n:
            ch = text[j]
            if ch.isspace():
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if " " in node.children:
                    node, j = node.children[" "], k
                    continue
                if j > i and k < n and _is_hangul(text[j - 1]) and _is_hangul(text[k]):
                    j = k
                    continue
                break
            child = node.children.get(ch)
            if child is None:
                break
            node, j = child, j + 1
            if node.hits:
                out.append((j, node.hits))
        return out

    @staticmethod
    def _fits(text: str, start: int, end: int, name: str, previous: str) -> bool:
        first, last = text[start], text[end - 1]
        if _is_word_char(first) and previous and _is_word_char(previous):
            return False
        if _is_word_char(last) and end < len(text) and _is_word_char(text[end]):
            return False
        # A capitalized name ("Turkey", "Jordan", "World Bank") needs its capital: "turkey" is food.
        if name[:1].isupper() and not name.isupper() and not first.isupper():
            return False
        short = _syllables(name) < 3
        if short and _is_hangul(first) and previous and _is_hangul(previous):
            j = start - 1
            while j >= 0 and _is_hangul(text[j]):
                j -= 1
            if start - j - 1 != 1 or previous not in _PREFIXES:
                return False
        if short and _is_hangul(last):
            k = end
            while k < len(text) and _is_hangul(text[k]):
                k += 1
            if k > end and not _PARTICLES.fullmatch(text, end, k):
                return False
        return True


def _text(value: object) -> str:
    return str(value).strip()


def _labels(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return sorted((o for o in graph.objects(subject, predicate) if isinstance(o, Literal)), key=str)


def _pref(graph: Graph, subject: URIRef, lang: str) -> str | None:
    for label in _labels(graph, subject, SKOS.prefLabel):
        if label.language == lang:
            return _text(label)
    return None


def _code(iri: object) -> str | None:
    text = str(iri) if iri is not None else ""
    return text[len(COUNTRY_PREFIX) :] if text.startswith(COUNTRY_PREFIX) else None


def _entry(graph: Graph, subject: URIRef, category: str, kind: str) -> Entry:
    name_ko, name_en = _pref(graph, subject, "ko"), _pref(graph, subject, "en")
    acronyms = tuple(sorted(_text(a) for a in graph.objects(subject, DCO.acronym)))
    names: list[str] = [n for n in (name_ko, name_en) if n]
    for predicate in (SKOS.altLabel, RDFS.label):
        names.extend(_text(label) for label in _labels(graph, subject, predicate))
    names.extend(acronyms)
    if category == "country":
        country = _text(graph.value(subject, DCO.isoAlpha2) or "") or _code(subject)
    elif category == "organization":
        country = _code(graph.value(subject, DCO.homeCountry))
    else:
        country = _code(graph.value(subject, DCO.inCountry))
    part_of, within = graph.value(subject, DCO.partOf), graph.value(subject, DCO.within)
    return Entry(
        iri=str(subject),
        category=category,
        kind=kind,
        names=tuple(dict.fromkeys(n for n in names if n)),
        name_ko=name_ko,
        name_en=name_en,
        acronyms=acronyms,
        country=country,
        part_of=str(part_of) if part_of is not None else None,
        within=str(within) if within is not None else None,
        demonyms=tuple(sorted(_text(d) for d in graph.objects(subject, DCO.demonym))),
    )


def build_gazetteer(graph: Graph) -> Gazetteer:
    """A gazetteer over any graph shaped like the reference data."""
    entries: list[Entry] = []
    typed = [(DCO.Country, "country", "country")]
    typed += [(DCO[name], "organization", kind) for name, kind in ORG_KINDS.items()]
    typed += [(DCO[name], "site", kind) for name, kind in SITE_KINDS.items()]
    seen: set[URIRef] = set()
    # Specific kinds come before the plain classes, so a subject typed twice keeps its kind.
    for cls, category, kind in typed:
        for subject in sorted(set(graph.subjects(RDF.type, cls)), key=str):
            if isinstance(subject, URIRef) and subject not in seen:
                seen.add(subject)
                entries.append(_entry(graph, subject, category, kind))
    # Bodies renamed since (a dco:validTo year) rank after the current body of the same name.
    ended: dict[str, int] = {}
    for subject, year in graph.subject_objects(DCO.validTo):
        match = re.match(r"\d{4}", str(year))
        ended[str(subject)] = int(match.group()) if match else 0
    return Gazetteer(entries, ended)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer of the reference data, built once per process."""
    return build_gazetteer(ontology.reference_graph())
