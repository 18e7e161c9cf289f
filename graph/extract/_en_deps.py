"""The seams the English extractor reads through: reference data, dates and theme labels.

They are Protocols so that tests can pass small fakes; the defaults load the project's
gazetteer, date finder and SKOS themes lazily, once per process.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Protocol


class EntryLike(Protocol):
    @property
    def iri(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def names(self) -> tuple[str, ...]: ...
    @property
    def country(self) -> str | None: ...
    @property
    def part_of(self) -> str | None: ...
    @property
    def within(self) -> str | None: ...
    @property
    def demonyms(self) -> tuple[str, ...]: ...


class GazetteerLike(Protocol):
    def find_all(self, text: str, category: str | None = None) -> Sequence[tuple[int, int, Any]]: ...
    def lookup(self, name: str, category: str | None = None) -> Sequence[Any]: ...
    def by_iri(self, iri: str) -> Any | None: ...
    def names(self, category: str | None = None) -> Any: ...


class DateMentionLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def end_value(self) -> str | None: ...


DateFinder = Callable[..., Sequence[Any]]


def default_gazetteer() -> GazetteerLike:
    from graph.gazetteer import load_gazetteer

    return load_gazetteer()


def default_date_finder() -> DateFinder:
    from graph.extract.dates import find_dates

    return find_dates


@lru_cache(maxsize=1)
def default_theme_labels() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(slug, label pattern) for every prefLabel/altLabel of the SKOS theme scheme."""
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    from ontology import THEME, ontology_graph

    try:
        graph = ontology_graph()
    except Exception:  # the scheme is optional for extraction: without it no themes are assigned
        return ()
    out: list[tuple[str, re.Pattern[str]]] = []
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for subject, _, label in graph.triples((None, prop, None)):
            if not isinstance(subject, URIRef) or not str(subject).startswith(THEME):
                continue
            text = str(label).strip()
            if len(text) < 2 or getattr(label, "language", None) not in (None, "en"):
                continue
            pattern = re.compile(r"(?<![\w-])" + re.escape(text) + r"(?![\w-])", re.IGNORECASE)
            out.append((str(subject)[len(THEME) :], pattern))
    return tuple(out)
