"""Where digicoop's ontology, shapes, themes and reference data live, and how to load them.

The Turtle files beside this module are the source of truth; Python here only finds them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

HERE = Path(__file__).resolve().parent
ONTOLOGY = HERE / "digicoop.ttl"
THEMES = HERE / "themes.ttl"
SHAPES = HERE / "shapes.ttl"
REFERENCE_DIR = HERE / "reference"

BASE = "https://w3id.org/digicoop/"
NS = BASE + "ontology#"
ID = BASE + "id/"
THEME = BASE + "theme/"
GRAPH_ONTOLOGY = BASE + "graph/ontology"
GRAPH_REFERENCE = BASE + "graph/reference"
GRAPH_ARTICLE = BASE + "graph/article/"


def reference_files() -> list[Path]:
    return sorted(REFERENCE_DIR.glob("*.ttl"))


def _parse(paths: list[Path]) -> Graph:
    g = Graph()
    for path in paths:
        g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The OWL ontology and the SKOS theme scheme (cached; do not mutate)."""
    return _parse([ONTOLOGY, THEMES])


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return _parse([SHAPES])


@lru_cache(maxsize=1)
def reference_graph() -> Graph:
    """Countries, organizations and sites (cached; do not mutate)."""
    return _parse(reference_files())
