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
        overrides["store_dir"] = store
    if memory:
        overrides["memory"] = True
    if endpoint:
        overrides["endpoint"] = endpoint
    if update_endpoint:
        overrides["update_endpoint"] = update_endpoint
    return Settings(**overrides)  # type: ignore[arg-type]


def _open(settings):
    from api.app import store_from_settings
    from graph.errors import DigicoopError

    try:
        # One command, one user: a runaway query is stopped with Ctrl-C, not a killed process.
        return store_from_settings(settings.model_copy(update={"query_processes": 0}))
    except DigicoopError as exc:  # say what is wrong, without a traceback
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None


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
    access_log: Annotated[bool, typer.Option("--access-log", help="Log every request.")] = False,
) -> None:
    """Run the HTTP service (SPARQL, JSON endpoints and pages)."""
    import logging

    import uvicorn

    from api.app import create_app

    # the service's own messages (examples loaded, reference graphs) beside uvicorn's
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
    service_log = logging.getLogger("digicoop")
    service_log.addHandler(handler)
    service_log.setLevel(logging.INFO)
    settings = _settings(store, memory, endpoint, update_endpoint)
    if no_examples:
        settings = settings.model_copy(update={"load_examples": False})
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", access_log=access_log)


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
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes (writes stay in this one).")] = 1,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract articles already stored unchanged.")
    ] = False,
) -> None:
    """Extract and store every article found under PATHS, with a progress bar and a summary.

    An article already stored with the same text is skipped; one with the same URL and a new
    text replaces its old facts.
    """
    from graph import articles as stored
    from graph.loaders import content_hash, load_paths
    from graph.model import Article
    from graph.pipeline import ingest_many

    settings = _settings(store, memory, endpoint, update_endpoint)
    results = list(load_paths(paths))
    backend = _open(settings)
    counts = {"created": 0, "replaced": 0, "unchanged": 0, "refused": 0, "failed": 0}
    todo: list[tuple[str, Article, bool]] = []
    try:
        for result in results:
            if result.article is None:
                err.print(f"[red]{result.source}[/red]: {result.error}")
                counts["refused"] += 1
                continue
            iri = stored.iri_for(result.article)
            previous = stored.stored_hash(backend, iri)
            if previous == content_hash(result.article.text) and not force:
                counts["unchanged"] += 1
                continue
            todo.append((iri, result.article, previous is not None))
        with Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
        ) as progress:
            task = progress.add_task("ingest", total=len(todo))

            def stored_one(replaced: bool) -> None:
                counts["replaced" if replaced else "created"] += 1
                progress.advance(task)

            jobs = [(article, iri) for iri, article, _replaced in todo]
            for (_iri, _article, replaced), _result in zip(
                todo, ingest_many(backend, jobs, workers=workers), strict=True
            ):
                stored_one(replaced)
    finally:
        backend.close()
    err.print(
        f"{counts['created']} new, {counts['replaced']} replaced, {counts['unchanged']} unchanged, "
        f"{counts['refused']} refused"
    )
    raise typer.Exit(
        1 if counts["refused"] and not (counts["created"] or counts["replaced"] or counts["unchanged"]) else 0
    )


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
        list[Path], typer.Argument(help="RDF files: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML.")
    ],
    graph: Annotated[
        str | None,
        typer.Option("--graph", help="Named graph IRI (default: one per file; N-Quads/TriG keep their own)."),
    ] = None,
    store: StoreDir = None,
    memory: Memory = False,
    endpoint: Endpoint = None,
) -> None:
    """Bulk-load RDF files into named graphs."""
    from graph.errors import InputError
    from graph.rdf_files import load_file
    from graph.store import OxigraphStore

    backend = _open(_settings(store, memory, endpoint, None))
    failed = 0
    try:
        for path in files:
            try:
                loaded = load_file(backend, path, graph)
            except InputError as exc:
                err.print(f"[red]{exc}[/red]")
                failed += 1
                continue
            for part in loaded:
                err.print(f"{path}: {part.triples} triples into <{part.graph}>")
        if isinstance(backend, OxigraphStore):
            backend.compact()
    finally:
        backend.close()
    raise typer.Exit(1 if failed else 0)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="trig, nquads or jsonld")] = "trig",
    store: StoreDir = None,
    memory: Memory = False,
    endpoint: Endpoint = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Write every named graph, graph names kept, to standard output (or --out)."""
    from rdflib import Dataset, URIRef

    formats = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
    if fmt not in formats:
        raise typer.BadParameter("choose trig, nquads or jsonld", param_hint="--format")
    settings = _settings(store, memory, endpoint, None).model_copy(update={"query_timeout": 3600.0})
    backend = _open(settings)
    try:
        rows = backend.select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    finally:
        backend.close()
    ds = Dataset()
    for row in rows:
        ds.graph(URIRef(str(row["g"]))).add((row["s"], row["p"], row["o"]))
    data = ds.serialize(format=formats[fmt])
    body = data.encode("utf-8") if isinstance(data, str) else data
    if out is not None:
        out.write_bytes(body)
        err.print(f"{len(rows)} quads written to {out}")
    else:
        sys.stdout.buffer.write(body)


if __name__ == "__main__":
    app()
