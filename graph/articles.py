"""Articles as the knowledge graph holds them: the list, one article with its text, the places
where it mentions each entity, and its facts.

An article's id is the last segment of its IRI (``https://w3id.org/digicoop/id/article/<id>``).
Mentions are stored as Evidence nodes that point at a sentence; the exact span of a mention is
found by looking for the entity's names inside that sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from graph.entity import PREFIXES, describe, entity_path, names_of, values
from graph.errors import NotFound
from graph.facts import facts_from_store
from graph.loaders import article_iri as _loader_article_iri
from graph.model import Article
from graph.store.base import Store
from graph.triples import AGREEMENT_CLASSES, EVENT_KIND_OF_CLASS, ORG_CLASSES, article_graph_iri
from ontology import ID

ARTICLE_BASE = f"{ID}article/"
ARTICLE_ID = re.compile(r"[A-Za-z0-9._\-]{1,64}")
_MIN_NAME = 2


def article_id(iri: str) -> str:
    """The id of an article: the last segment of its IRI."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def article_iri_of(ident: str) -> str:
    """The IRI of the article ``ident``; NotFound for an id that cannot be one (a path, a dot-dot,
    anything outside ``[A-Za-z0-9._-]{1,64}``)."""
    if not ARTICLE_ID.fullmatch(ident) or ident in (".", ".."):
        raise NotFound(
            f"There is no article '{ident[:80]}': article ids are 1-64 letters, digits, '.', '_' or '-'."
        )
    return ARTICLE_BASE + ident


def iri_for(article: Article) -> str:
    """The IRI an article gets when it is ingested (see graph.loaders.article_iri)."""
    return _loader_article_iri(article)


def stored_hash(store: Store, iri: str) -> str | None:
    """The content hash of the stored version of article ``iri``; None when it is not stored."""
    rows = store.select(
        PREFIXES + f"SELECT ?h WHERE {{ GRAPH <{article_graph_iri(iri)}> {{ <{iri}> dco:contentHash ?h }} }}"
    )
    return str(rows[0]["h"]) if rows else None


def exists(store: Store, iri: str) -> bool:
    return store.ask(PREFIXES + f"ASK {{ GRAPH <{article_graph_iri(iri)}> {{ <{iri}> a dco:Article }} }}")


def counts(store: Store, iris: Iterable[str]) -> dict[str, dict[str, int]]:
    """Per article: how many organizations, countries, agreements, events, projects and evidence
    nodes its own named graph holds."""
    wanted = sorted(set(iris))
    out: dict[str, dict[str, int]] = {
        a: dict.fromkeys(("organizations", "countries", "agreements", "events", "projects", "evidence"), 0)
        for a in wanted
    }
    if not wanted:
        return out
    graphs = " ".join(f"(<{a}> <{article_graph_iri(a)}>)" for a in wanted)
    rows = store.select(
        PREFIXES
        + f"""SELECT ?a ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES (?a ?g) {{ {graphs} }}
        GRAPH ?g {{
          {{ ?a schema:mentions ?x . ?x a ?t VALUES ?t {{ {values(ORG_CLASSES.values())} }} BIND("organizations" AS ?what) }}
          UNION {{ ?a schema:mentions ?x . ?x a dco:Country BIND("countries" AS ?what) }}
          UNION {{ ?x prov:wasDerivedFrom ?a ; a ?t VALUES ?t {{ {values(AGREEMENT_CLASSES.values())} }} BIND("agreements" AS ?what) }}
          UNION {{ ?x prov:wasDerivedFrom ?a ; a ?t VALUES ?t {{ {values(EVENT_KIND_OF_CLASS)} }} BIND("events" AS ?what) }}
          UNION {{ ?x prov:wasDerivedFrom ?a ; a dco:Project BIND("projects" AS ?what) }}
          UNION {{ ?x a dco:Evidence BIND("evidence" AS ?what) }}
        }} }} GROUP BY ?a ?what"""
    )
    for row in rows:
        out[str(row["a"])][str(row["what"])] = int(str(row["n"]))
    return out


def list_articles(store: Store, *, limit: int = 20, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of articles newest first): id, iri, title, published, language, publisher,
    url, counts."""
    total_rows = store.select(
        PREFIXES + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a dco:Article } }"
    )
    total = int(str(total_rows[0]["n"])) if total_rows else 0
    rows = store.select(
        PREFIXES
        + f"""SELECT ?a (SAMPLE(?t) AS ?title) (MAX(?p) AS ?published) (SAMPLE(?l) AS ?language)
            (SAMPLE(?pub) AS ?publisher) (SAMPLE(?u) AS ?url) WHERE {{
            GRAPH ?g {{ ?a a dco:Article .
              OPTIONAL {{ ?a schema:headline ?t }} OPTIONAL {{ ?a schema:datePublished ?p }}
              OPTIONAL {{ ?a schema:inLanguage ?l }} OPTIONAL {{ ?a dco:publisherName ?pub }}
              OPTIONAL {{ ?a schema:url ?u }} }} }}
        GROUP BY ?a ORDER BY DESC(BOUND(?published)) DESC(STR(?published)) ?a
        LIMIT {int(limit)} OFFSET {int(offset)}"""
    )
    found = counts(store, [str(r["a"]) for r in rows])
    items = []
    for row in rows:
        a = str(row["a"])
        items.append(
            {
                "id": article_id(a),
                "iri": a,
                "title": str(row.get("title", "")),
                "published": str(row["published"]) if "published" in row else None,
                "language": str(row["language"]) if "language" in row else None,
                "publisher": str(row["publisher"]) if "publisher" in row else None,
                "url": str(row["url"]) if "url" in row else None,
                "counts": found[a],
            }
        )
    return total, items


def _boundary_ok(text: str, start: int, end: int, name: str) -> bool:
    """A name found inside a longer word is not a mention of it ("Korea" in "Koreans"); Korean
    particles may follow a name, so only an ASCII-final name needs a right boundary."""
    if start > 0 and text[start - 1].isalnum():
        return False
    if end < len(text) and name[-1].isascii() and name[-1].isalnum():
        after = text[end]
        return not (after.isascii() and after.isalnum())
    return True


def find_mentions(
    text: str, sentences: Iterable[tuple[str, int, int]], names: dict[str, list[str]]
) -> list[tuple[int, int, str]]:
    """Spans (start, end, entity) of entity names inside the sentences each entity's mention
    evidence points at; longer spans win where two overlap."""
    candidates: set[tuple[int, int, str]] = set()
    for entity, s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        for name in names.get(entity, []):
            if len(name) < _MIN_NAME:
                continue
            for match in re.finditer(re.escape(name), sentence):
                start, end = s_start + match.start(), s_start + match.end()
                if _boundary_ok(text, start, end, name):
                    candidates.add((start, end, entity))
    taken: list[tuple[int, int, str]] = []
    covered: set[int] = set()
    for start, end, entity in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0], c[2])):
        if any(i in covered for i in range(start, end)):
            continue
        covered.update(range(start, end))
        taken.append((start, end, entity))
    return sorted(taken)


def read_article(store: Store, iri: str) -> dict[str, Any]:
    """One article: metadata, text, mentions (with offsets and the entity each names), the facts
    view (facts.schema.json) and, per fact, the sentences that state it. NotFound when absent."""
    graph = article_graph_iri(iri)
    rows = store.select(
        PREFIXES
        + f"""SELECT ?title ?published ?language ?publisher ?url ?source ?hash ?text WHERE {{ GRAPH <{graph}> {{
            <{iri}> a dco:Article .
            OPTIONAL {{ <{iri}> schema:headline ?title }} OPTIONAL {{ <{iri}> schema:datePublished ?published }}
            OPTIONAL {{ <{iri}> schema:inLanguage ?language }} OPTIONAL {{ <{iri}> dco:publisherName ?publisher }}
            OPTIONAL {{ <{iri}> schema:url ?url }} OPTIONAL {{ <{iri}> dco:sourceName ?source }}
            OPTIONAL {{ <{iri}> dco:contentHash ?hash }} OPTIONAL {{ <{iri}> dco:text ?text }} }} }} LIMIT 1"""
    )
    if not rows:
        raise NotFound(f"There is no article '{article_id(iri)}' in the knowledge graph.")
    row = rows[0]

    def value(name: str) -> str | None:
        return str(row[name]) if name in row else None

    text = value("text") or ""
    mention_rows = store.select(
        PREFIXES
        + f"""SELECT DISTINCT ?x ?start ?end WHERE {{ GRAPH <{graph}> {{
            ?e dco:mentionOf ?x ; dco:startOffset ?start ; dco:endOffset ?end }} }}"""
    )
    sentences = [(str(r["x"]), int(str(r["start"])), int(str(r["end"]))) for r in mention_rows]
    entities = {s[0] for s in sentences}
    names = {
        x: [n for lang in langs.values() for n in lang] for x, langs in names_of(store, entities).items()
    }
    names = {x: sorted(set(ns), key=lambda n: (-len(n), n)) for x, ns in names.items()}
    cards = describe(store, entities)
    mentions = [
        {
            "start": start,
            "end": end,
            "text": text[start:end],
            "entity": entity,
            "id": cards[entity]["id"],
            "path": cards[entity]["path"],
            "category": cards[entity]["category"],
            "label": cards[entity]["label"],
        }
        for start, end, entity in find_mentions(text, sentences, names)
    ]

    evidence_rows = store.select(
        PREFIXES
        + f"""SELECT DISTINCT ?fact ?type ?sentence ?start ?end ?rule ?confidence WHERE {{ GRAPH <{graph}> {{
            ?fact prov:wasDerivedFrom <{iri}> ; a ?type ; dco:evidence ?ev .
            ?ev dco:sentence ?sentence ; dco:startOffset ?start ; dco:endOffset ?end .
            OPTIONAL {{ ?ev dco:rule ?rule }} OPTIONAL {{ ?ev dco:confidence ?confidence }} }} }}"""
    )
    statements: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[tuple[str, int, int]] = set()
    for r in evidence_rows:
        key = (str(r["fact"]), int(str(r["start"])), int(str(r["end"])))
        if key in seen:
            continue
        seen.add(key)
        statements[key[0]].append(
            {
                "sentence": str(r["sentence"]),
                "start": key[1],
                "end": key[2],
                "rule": str(r["rule"]) if "rule" in r else None,
                "confidence": float(str(r["confidence"])) if "confidence" in r else None,
            }
        )
    fact_cards = describe(store, statements)
    facts_list = sorted(
        (
            {**fact_cards[f], "evidence": sorted(evs, key=lambda e: e["start"])}
            for f, evs in statements.items()
        ),
        key=lambda f: (f["evidence"][0]["start"], f["iri"]),
    )
    return {
        "id": article_id(iri),
        "iri": iri,
        "graph": graph,
        "title": value("title") or "",
        "published": value("published"),
        "language": value("language"),
        "publisher": value("publisher"),
        "url": value("url"),
        "source": value("source"),
        "content_hash": value("hash"),
        "text": text,
        "mentions": mentions,
        "statements": facts_list,
        "facts": facts_from_store(store, iri),
        "counts": counts(store, [iri])[iri],
    }


def segments(text: str, mentions: list[dict[str, Any]], anchors: Iterable[int]) -> list[dict[str, Any]]:
    """The text cut into pieces for a page: plain runs, mentions (with their entity path), and
    anchors where a fact's sentence starts, so a fact can link to the sentence behind it."""
    marks = sorted(set(a for a in anchors if 0 <= a <= len(text)))
    out: list[dict[str, Any]] = []
    pos = 0
    spans = sorted(mentions, key=lambda m: m["start"])

    def plain(upto: int) -> None:
        nonlocal pos
        while marks and marks[0] <= upto:
            at = marks.pop(0)
            if at > pos:
                out.append({"text": text[pos:at]})
                pos = at
            out.append({"anchor": at})
        if upto > pos:
            out.append({"text": text[pos:upto]})
            pos = upto

    for m in spans:
        if m["start"] < pos:
            continue
        plain(m["start"])
        out.append({"text": text[m["start"] : m["end"]], "mention": m})
        pos = m["end"]
        # an anchor inside a mention moves to its end
        while marks and marks[0] < pos:
            marks.pop(0)
    plain(len(text))
    return out


__all__ = [
    "ARTICLE_BASE",
    "ARTICLE_ID",
    "article_id",
    "article_iri_of",
    "counts",
    "entity_path",
    "exists",
    "find_mentions",
    "iri_for",
    "list_articles",
    "read_article",
    "segments",
    "stored_hash",
]
