"""Which themes of the SKOS scheme a text is about, read from the scheme's own labels.

"스마트시티", "smart cities" and "smart-city" all reach the same concept because the
scheme lists them as labels; nothing here knows a theme by heart.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib.namespace import SKOS

import ontology


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    graph = ontology.ontology_graph()
    slug_of: dict[str, str] = {}
    for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for concept, label in graph.subject_objects(predicate):
            iri = str(concept)
            if not iri.startswith(ontology.THEME) or iri == ontology.THEME:
                continue
            key = _key(str(label))
            if len(key) >= 2:
                slug_of.setdefault(key, iri[len(ontology.THEME) :])
    labels = sorted(slug_of, key=len, reverse=True)
    # Latin labels must stand as words ("AI" not inside "SAID"); Hangul ones may take particles.
    # Python's re tries every alternative at every position, so the labels are grouped by first
    # letter behind a lookahead on that letter: a position tries only the labels that can start
    # there, in the same order (same matches), and most positions fail the first lookahead at once.
    groups: dict[str, list[str]] = {}
    for name in labels:
        groups.setdefault(name[0], []).append(
            rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])"
            if re.search(r"[a-z]", name)
            else re.escape(name)
        )
    firsts = sorted({ch for label in labels for ch in (label[0], label[0].lower(), label[0].upper())})
    pattern = "|".join(f"(?=[{re.escape(first)}])(?:{'|'.join(group)})" for first, group in groups.items())
    if pattern:
        pattern = "(?=[" + "".join(re.escape(ch) for ch in firsts) + "])(?:" + pattern + ")"
    return re.compile(pattern or r"(?!x)x", re.IGNORECASE), slug_of


def _key(label: str) -> str:
    return re.sub(r"[\s\-_]+", " ", label.strip().casefold())


def themes_in(text: str) -> list[str]:
    """Theme slugs whose labels occur in ``text``, in order of first occurrence."""
    return list(_themes_in(text))


@lru_cache(maxsize=1024)
def _themes_in(text: str) -> tuple[str, ...]:
    if not text:
        return ()
    pattern, slug_of = _matcher()
    found: list[str] = []
    for m in pattern.finditer(re.sub(r"[\-_]", " ", text)):
        slug = slug_of.get(_key(m.group()))
        if slug and slug not in found:
            found.append(slug)
    return tuple(found)
