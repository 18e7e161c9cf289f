"""Find entities by name: Korean and English names, acronyms and alternative labels.

The whole name index is built in memory from one SPARQL query and kept per store until the set
of named graphs changes, so a search is a scan of a Python list, not a SPARQL regex per request.

Matching works on normalized names (NFKC, casefolded, without spaces or punctuation), so
"세계 은행" finds 세계은행 and "world-bank" finds World Bank. Hits rank exact > prefix > substring >
one-typo matches (edit distance 1, a swap of neighbours counting as one edit, for names of at least four characters, computed by a small
bounded check written here: no fuzzy-matching library is installed), then by how many articles
mention the entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from rdflib import RDFS, SKOS, Literal

from graph.cache import cached
from graph.errors import NotFound
from graph.store.base import Store
from graph.triples import DCO, PROV, SCHEMA, normalize_name
from ontology import GRAPH_REFERENCE, ID, THEME

PREFIXES = f"""PREFIX dco: <{DCO}>
PREFIX schema: <{SCHEMA}>
PREFIX prov: <{PROV}>
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
"""

# The kinds of entity search finds, by the first path segment of their IRI under /id/.
KINDS = ("org", "country", "site", "person", "project", "event", "theme")
_RANK_EXACT, _RANK_PREFIX, _RANK_SUBSTRING, _RANK_FUZZY = 4, 3, 2, 1
_SCORES = {_RANK_EXACT: 1.0, _RANK_PREFIX: 0.8, _RANK_SUBSTRING: 0.6, _RANK_FUZZY: 0.4}
_MIN_FUZZY = 4


def entity_id(iri: str) -> str:
    """The path-safe id of an IRI: ``org/koica`` for .../id/org/koica, ``theme/ai`` for a theme."""
    if iri.startswith(ID):
        return iri[len(ID) :]
    if iri.startswith(THEME):
        return "theme/" + iri[len(THEME) :]
    return iri


def kind_of(iri: str) -> str | None:
    if iri.startswith(THEME) and len(iri) > len(THEME):
        return "theme"
    if iri.startswith(ID):
        return iri[len(ID) :].split("/", 1)[0]
    return None


def iri_of_id(ident: str) -> str:
    """The IRI an id names (the inverse of :func:`entity_id`)."""
    if ident.startswith("theme/"):
        return THEME + ident[len("theme/") :]
    return ID + ident


@dataclass(frozen=True)
class Hit:
    iri: str
    id: str
    kind: str
    label_en: str | None
    label_ko: str | None
    matched_name: str
    score: float
    mentions: int


@dataclass
class _Entity:
    iri: str
    kind: str
    names: set[str] = field(default_factory=set)
    preferred: dict[str, list[tuple[bool, str]]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    mentions: int = 0

    def label(self, lang: str) -> str | None:
        # The reference graph's preferred name wins; article graphs may each name an entity differently.
        if self.preferred.get(lang):
            return sorted(self.preferred[lang], key=lambda p: (not p[0], p[1]))[0][1]
        return min(self.labels[lang]) if self.labels.get(lang) else None


@dataclass
class NameIndex:
    entities: dict[str, _Entity]
    # (normalized name, name as written, entity IRI)
    names: list[tuple[str, str, str]]

    def label_en(self, iri: str) -> str | None:
        e = self.entities.get(iri)
        return e.label("en") if e else None

    def label_ko(self, iri: str) -> str | None:
        e = self.entities.get(iri)
        return e.label("ko") if e else None

    def label(self, iri: str) -> str:
        """A display name: English when there is one, else Korean, else the id."""
        return self.label_en(iri) or self.label_ko(iri) or entity_id(iri)

    def mentions(self, iri: str) -> int:
        e = self.entities.get(iri)
        return e.mentions if e else 0


# --- a cache per store, dropped when its set of graphs changes ------------------------------

T = TypeVar("T")


def _build_index(store: Store) -> NameIndex:
    rows = store.select(
        PREFIXES
        + f"""SELECT ?x ?p ?name ?g ?n WHERE {{
  {{
    GRAPH ?g {{ ?x ?p ?name . VALUES ?p {{ rdfs:label skos:prefLabel skos:altLabel dco:acronym }} }}
    FILTER(isIRI(?x) && (STRSTARTS(STR(?x), "{ID}") || STRSTARTS(STR(?x), "{THEME}")))
  }} UNION {{
    SELECT ?x (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a dco:Article ; schema:mentions ?x }} GROUP BY ?x
  }}
}}"""
    )
    entities: dict[str, _Entity] = {}
    counts: dict[str, int] = {}
    for row in rows:
        x = str(row["x"])
        if "n" in row:
            counts[x] = int(str(row["n"]))
            continue
        kind = kind_of(x)
        if kind not in KINDS:
            continue
        e = entities.setdefault(x, _Entity(x, kind))
        name = row["name"]
        text = str(name).strip()
        if not text:
            continue
        e.names.add(text)
        lang = (name.language if isinstance(name, Literal) else None) or "en"
        lang = "ko" if lang.startswith("ko") else "en"
        if row["p"] == SKOS.prefLabel:
            e.preferred[lang].append((str(row.get("g", "")) == GRAPH_REFERENCE, text))
        elif row["p"] == RDFS.label:
            e.labels[lang].append(text)
    names: list[tuple[str, str, str]] = []
    for iri, e in entities.items():
        e.mentions = counts.get(iri, 0)
        for text in sorted(e.names):
            norm = normalize_name(text)
            if norm:
                names.append((norm, text, iri))
    return NameIndex(entities, names)


def name_index(store: Store) -> NameIndex:
    """Every entity's names and labels, and how many articles mention it (cached per store)."""
    return cached(store, "names", _build_index)


# --- matching -------------------------------------------------------------------------------


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion, substitution or swap of
    two neighbouring characters (optimal string alignment distance <= 1)."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        # a substitution, or two neighbouring letters swapped (the commonest typo)
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    return a[i:] == b[i + 1 :]


def _rank(query: str, name: str) -> int:
    if name == query:
        return _RANK_EXACT
    if name.startswith(query):
        return _RANK_PREFIX
    # two Latin letters ("kt") sit inside too many unrelated names to be worth listing
    if query in name and (len(query) >= 3 or not query.isascii()):
        return _RANK_SUBSTRING
    if len(query) >= _MIN_FUZZY and len(name) >= _MIN_FUZZY and within_one_edit(query, name):
        return _RANK_FUZZY
    return 0


def search(store: Store, q: str, *, limit: int = 20, kinds: Iterable[str] | None = None) -> list[Hit]:
    """Entities whose names match ``q``, best first (see the module docstring for the ranking)."""
    query = normalize_name(q)
    if not query:
        return []
    wanted = set(kinds) if kinds else None
    index = name_index(store)
    best: dict[str, tuple[int, str]] = {}
    for norm, text, iri in index.names:
        rank = _rank(query, norm)
        if not rank:
            continue
        if wanted is not None and index.entities[iri].kind not in wanted:
            continue
        current = best.get(iri)
        # of two names that match equally well, the shorter one is the closer match
        if current is None or (rank, -len(norm)) > (current[0], -len(normalize_name(current[1]))):
            best[iri] = (rank, text)

    def key(item: tuple[str, tuple[int, str]]) -> tuple[int, int, int, str]:
        iri, (rank, text) = item
        return (-rank, -index.entities[iri].mentions, len(text), iri)

    hits = []
    for iri, (rank, text) in sorted(best.items(), key=key)[: max(limit, 0)]:
        e = index.entities[iri]
        hits.append(
            Hit(
                iri=iri,
                id=entity_id(iri),
                kind=e.kind,
                label_en=e.label("en"),
                label_ko=e.label("ko"),
                matched_name=text,
                score=_SCORES[rank],
                mentions=e.mentions,
            )
        )
    return hits


_KIND_NOUN = {
    "org": "organization",
    "country": "country",
    "site": "place",
    "person": "person",
    "project": "project",
    "event": "event",
    "theme": "theme",
}


def resolve(store: Store, ref: str, kinds: Iterable[str]) -> str:
    """The IRI that ``ref`` names: an IRI, an id (``org/koica``), a bare slug or code (``koica``,
    ``KR``, ``smart-city``) or a name search finds (``르완다``, ``스마트시티``).

    Raises NotFound when nothing of the wanted kinds matches.
    """
    kinds = tuple(kinds)
    text = ref.strip()
    index = name_index(store)

    def known(iri: str) -> bool:
        return iri in index.entities and index.entities[iri].kind in kinds

    if text.startswith(("http://", "https://")):
        if known(text) or kind_of(text) in kinds:
            return text
    elif text:
        candidates = [iri_of_id(text)]
        for kind in kinds:
            prefix = "theme/" if kind == "theme" else kind + "/"
            for slug in {text, text.lower(), text.upper()}:
                candidates.append(iri_of_id(prefix + slug))
        for iri in candidates:
            if known(iri):
                return iri
        hits = search(store, text, limit=1, kinds=kinds)
        if hits:
            return hits[0].iri
    nouns = " or ".join(_KIND_NOUN.get(k, k) for k in kinds)
    raise NotFound(
        f"No {nouns} in the knowledge graph matches '{text[:100]}'; try GET /search?q= to find one."
    )
