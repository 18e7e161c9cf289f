"""Bulk-loading RDF files into named graphs (``digicoop load``), streamed through pyoxigraph.

A file is parsed twice: once to find a syntax error before anything is written (a broken file
loads nothing), then to write. Quads are written graph by graph as they come, so a 1M-triple
N-Quads file needs memory for one graph at a time, not for the file (rdflib needed 3.7 GB).
The first write to a graph replaces what it held; later writes to it in the same file add.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import InputError, UnsupportedFormat
from graph.store import OxigraphStore, Store

# Large graphs go in slices on the embedded store (one transaction each), to bound memory.
SLICE = 100_000
_EXTRA_SUFFIXES = {"owl": ox.RdfFormat.RDF_XML, "json": ox.RdfFormat.JSON_LD}


@dataclass(frozen=True)
class Loaded:
    graph: str
    triples: int


def rdf_format(path: Path) -> ox.RdfFormat:
    suffix = path.suffix.lower().lstrip(".")
    found = ox.RdfFormat.from_extension(suffix) if suffix else None
    found = found or _EXTRA_SUFFIXES.get(suffix)
    if found is None:
        raise UnsupportedFormat(
            f"{path.name}: unknown RDF file type '.{suffix}' (use .ttl, .nt, .nq, .trig, .jsonld, .rdf, .owl)"
        )
    return found


def file_graph(path: Path) -> str:
    """The graph a file's default-graph triples go to when no graph is named."""
    return f"https://w3id.org/digicoop/graph/file/{path.name}"


def _quads(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    try:
        yield from ox.parse(path=str(path), format=fmt)
    except SyntaxError as exc:
        # The parser's message names a line and column of the user's own file.
        raise InputError(f"{path.name}: not readable as {fmt.name}: {exc}") from None


def load_file(store: Store, path: Path, graph: str | None = None) -> list[Loaded]:
    """Load ``path`` into ``graph``, or into the graphs its quads name (default: ``file_graph``)."""
    fmt = rdf_format(path)
    for _ in _quads(path, fmt):
        pass
    default = graph or file_graph(path)
    counts: dict[str, int] = {}
    run: list[ox.Triple] = []
    target: str | None = None
    for quad in _quads(path, fmt):
        name = graph or (quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else default)
        if name != target or (len(run) >= SLICE and isinstance(store, OxigraphStore)):
            if target is not None:
                _write(store, target, run, replace=target not in counts)
                counts[target] = counts.get(target, 0) + len(run)
            target, run = name, []
        run.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    if target is not None:
        _write(store, target, run, replace=target not in counts)
        counts[target] = counts.get(target, 0) + len(run)
    return [Loaded(g, n) for g, n in counts.items()]


def _write(store: Store, graph: str, triples: list[ox.Triple], *, replace: bool) -> None:
    if isinstance(store, OxigraphStore):
        store.write_triples(graph, triples, replace=replace)
        return
    text = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
    if replace:
        store.replace_graph(graph, text)
    else:
        store.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{text}\n}} }}")
