"""The ``digicoop`` command line: serve, ingest, facts, query, load, export."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer(
    help="digicoop: a knowledge graph of international digital cooperation.", no_args_is_help=True
)
err = Console(stderr=True)

StoreDir = Annotated[Path | None, typer.Option("--store", help="Folder of the embedded Oxigraph store.")]
Memory = Annotated[bool, typer.Option("--memory", help="Keep the graph in memory only.")]
Endpoint = Annotated[str | None, typer.Option("--endpoint", help="A remote SPARQL 1.1 query endpoint.")]
UpdateEndpoint = Annotated[
    str | None, typer.Option("--update-endpoint", help="Its update endpoint, if different.")
]


def _settings(store: Path | None, memory: bool, endpoint: str | None, update_endpoint: str | None):
    from api.settings import Settings

    overrides: dict[str, object] = {}
    if store is not None:
        overrides["store"] = store
    if memory:
        overrides["memory"] = True
    if endpoint:
        overrides["endpoint"] = endpoint
    if update_endpoint:
        overrides["update_endpoint"] = update_endpoint
    return Settings(**overrides)  # type: ignore[arg-type]


def _open(settings):
    from api.app import store_from_settings

    return store_from_settings(settings)


@app.command()
def serve(
    store: StoreDir = None,
    memory: Memory = False,
    endpoint: Endpoint = None,
    update_endpoint: UpdateEndpoint = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    no_examples: Annotated[
        bool, typer.Option("--no-examples", help="Do not load examples/ at start.")
    ] = False,
) -> None:
    """Run the HTTP service (SPARQL, JSON endpoints and pages)."""
    import uvicorn

    from api.app import create_app

    settings = _settings(store, memory, endpoint, update_endpoint)
    if no_examples:
        settings = settings.model_copy(update={"load_examples": False})
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@app.command()
def facts(
    files: Annotated[list[Path], typer.Argument(help="Article files (text, HTML, JSON, JSONL, RSS/Atom).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for <stem>.json files.")],
) -> None:
    """Write the facts the graph holds about each article, as in facts.schema.json.

    Each file is ingested into a fresh in-memory store and its facts are read back with
    SPARQL, so the output shows what the knowledge graph holds.
    """
    from graph.facts import facts_from_store
    from graph.loaders import load_path
    from graph.pipeline import ingest_article
    from graph.store import open_store

    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in files:
        results = load_path(path)
        articles = [r for r in results if r.article is not None]
        for r in results:
            if r.error:
                err.print(f"[red]{r.source}[/red]: {r.error}")
                failed += 1
        for index, result in enumerate(articles):
            assert result.article is not None
            store = open_store(memory=True)
            try:
                ingested = ingest_article(store, result.article)
                document = facts_from_store(store, ingested.article_iri)
            finally:
                store.close()
            stem = path.stem if len(articles) == 1 else f"{path.stem}-{index + 1}"
            (out / f"{stem}.json").write_text(
                json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8"
            )
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs of articles.")],
    store: StoreDir = None,
    memory: Memory = False,
    endpoint: Endpoint = None,
    update_endpoint: UpdateEndpoint = None,
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
) -> None:
    """Extract and store every article found under PATHS, with a progress bar and a summary."""
    from graph.loaders import load_paths
    from graph.pipeline import ingest_article

    settings = _settings(store, memory, endpoint, update_endpoint)
    backend = _open(settings)
    ok = failed = 0
    results = list(load_paths(paths))
    try:
        with Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
        ) as progress:
            task = progress.add_task("ingest", total=len(results))
            for result in results:
                if result.article is None:
                    err.print(f"[red]{result.source}[/red]: {result.error}")
                    failed += 1
                else:
                    ingest_article(backend, result.article)
                    ok += 1
                progress.advance(task)
    finally:
        backend.close()
    del workers  # extraction runs in this process; see the README's scaling notes
    err.print(f"{ok} article(s) ingested, {failed} refused")
    raise typer.Exit(1 if failed and not ok else 0)


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or @FILE to read it from a file.")],
    store: StoreDir = None,
    memory: Memory = False,
    endpoint: Endpoint = None,
    fmt: Annotated[str, typer.Option("--format", help="json, csv, tsv or xml")] = "csv",
) -> None:
    """Run a SPARQL query against the store and print the result."""
    media = {
        "json": "application/sparql-results+json",
        "csv": "text/csv",
        "tsv": "text/tab-separated-values",
        "xml": "application/sparql-results+xml",
        "turtle": "text/turtle",
    }
    text = Path(sparql[1:]).read_text(encoding="utf-8") if sparql.startswith("@") else sparql
    backend = _open(_settings(store, memory, endpoint, None))
    try:
        result = backend.raw_query(text, media.get(fmt, "text/csv"))
    finally:
        backend.close()
    sys.stdout.buffer.write(result.body)


@app.command()
def load(
    files: Annotated[
        list[Path], typer.Argument(help="RDF files: Turtle, N-Triples, N-Quads, TriG, JSON-LD.")
    ],
    graph: Annotated[
        str | None, typer.Option("--graph", help="Named graph IRI (default: one per file).")
    ] = None,
    store: StoreDir = None,
    memory: Memory = False,
    endpoint: Endpoint = None,
) -> None:
    """Bulk-load RDF files into a named graph."""
    from rdflib import Graph

    backend = _open(_settings(store, memory, endpoint, None))
    try:
        for path in files:
            data = Graph()
            data.parse(path)
            target = graph or f"https://w3id.org/digicoop/graph/file/{path.name}"
            backend.replace_graph(target, data)
            err.print(f"{path}: {len(data)} triples into <{target}>")
    finally:
        backend.close()


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="trig, nquads or jsonld")] = "trig",
    store: StoreDir = None,
    memory: Memory = False,
    endpoint: Endpoint = None,
) -> None:
    """Write every named graph to standard output."""
    media = {"trig": "application/trig", "nquads": "application/n-quads", "jsonld": "application/ld+json"}
    if fmt not in media:
        raise typer.BadParameter("choose trig, nquads or jsonld", param_hint="--format")
    backend = _open(_settings(store, memory, endpoint, None))
    try:
        result = backend.raw_query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", media[fmt])
    finally:
        backend.close()
    sys.stdout.buffer.write(result.body)


if __name__ == "__main__":
    app()
