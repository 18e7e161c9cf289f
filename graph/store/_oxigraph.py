"""Embedded Oxigraph: on disk (the default) or in memory, driven through pyoxigraph directly.

Queries reach Oxigraph's engine as strings; the default graph of a query is the union of
all named graphs unless the request names its own dataset.

Timeouts: pyoxigraph has no per-query timeout and a running engine call cannot be
interrupted from Python. Each query therefore runs on a worker thread that materialises its
results row by row and checks the deadline between rows, while the caller waits only until
the deadline and then raises QueryTimeout. Streaming queries (joins, cross products, paths
that yield rows as they go) stop at the deadline and free their CPU; a query blocked inside
one engine step (a huge ORDER BY or GROUP BY) would keep its thread busy until that step
ends. So on disk, with ``query_processes``, the protocol queries (``raw_query``: what
/sparql and the named queries run, the text a client controls) go to killable processes
reading a checkpoint of the store instead (see ``_sandbox``); digicoop's own fixed queries
stay on threads. ``araw_query`` awaits either without blocking the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import QueryRefused, QuerySyntaxError, QueryTimeout, StoreError, StoreUnavailable
from graph.store import _results
from graph.store._native_json import native_json
from graph.store._result_cache import ResultCache
from graph.store._results import Cell, Solution
from graph.store._sandbox import Request, Sandbox
from graph.store._sparql import names_dataset, syntax_error
from graph.store._visibility import HiddenGraphs
from graph.store.base import RawResult, Row

log = logging.getLogger(__name__)
T = TypeVar("T")

RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def cell(term: Any) -> Cell:
    if isinstance(term, ox.NamedNode):
        return Cell("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Cell("bnode", term.value)
    if isinstance(term, ox.Literal):
        return Cell("literal", term.value, term.datatype.value, term.language)
    # RDF-star quoted triples are outside digicoop's vocabulary; keep them readable.
    return Cell("literal", str(term))


def json_term(term: Any) -> dict[str, str]:
    """``term`` as a SPARQL 1.1 JSON results term, built straight from the pyoxigraph term."""
    kind = term.__class__
    if kind is ox.NamedNode:
        return {"type": "uri", "value": term.value}
    if kind is ox.Literal:
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        datatype = term.datatype.value
        if datatype == _results.XSD_STRING:
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": datatype}
    if kind is ox.BlankNode:
        return {"type": "bnode", "value": term.value}
    return {"type": "literal", "value": str(term)}


def rdflib_term(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _results.XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return Literal(str(term))


def _named(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise QueryRefused(f"<{iri}> is not a valid absolute IRI.") from None


class _Deadline:
    def __init__(self, seconds: float | None) -> None:
        self.at = time.monotonic() + seconds if seconds else None
        self.cancelled = threading.Event()

    def check(self) -> None:
        if self.cancelled.is_set() or (self.at is not None and time.monotonic() > self.at):
            raise QueryTimeout("The query ran past the time limit and was stopped.")

    def remaining(self) -> float | None:
        return None if self.at is None else max(self.at - time.monotonic(), 0.0)


def _cache_key(request: Request) -> tuple[object, ...]:
    return (
        request.sparql,
        request.media_type,
        tuple(request.default_graph_uris),
        tuple(request.named_graph_uris),
        request.base_iri,
        request.max_rows,
    )


class OxigraphStore:
    """A pyoxigraph Store on disk (``path``) or in memory (``path=None``)."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        timeout: float | None = 30.0,
        workers: int = 16,
        query_processes: int = 0,
        hidden_graphs: Sequence[str] = (),
        result_cache_bytes: int = 0,
        memory_copy_triples: int = 0,
    ) -> None:
        self.path = path
        self._memory_copy_triples = memory_copy_triples
        self._results = ResultCache(result_cache_bytes) if result_cache_bytes > 0 else None
        self.timeout = timeout
        self._hidden = HiddenGraphs(hidden_graphs)
        self._visible: tuple[int, list[ox.NamedNode]] | None = None
        self._generation = 0  # writes so far: a protocol query must see every one before it
        self._counting = threading.Lock()
        self._writing = threading.RLock()  # one writer at a time: see replace_graph
        self._sandbox: Sandbox | None = None
        try:
            if path is None:
                self._store = ox.Store()
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            log.error("cannot open the store at %s: %s", path, exc)
            raise StoreUnavailable(
                f"The store folder {path} cannot be opened: it may be in use by another process, "
                "read-only, or not an Oxigraph store."
            ) from None
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="oxigraph-query")
        if path is not None and query_processes > 0 and timeout:
            self._sandbox = self._open_sandbox(path, query_processes)

    def _open_sandbox(self, path: Path, processes: int) -> Sandbox | None:
        folder = path.with_name(path.name + ".snapshots")
        try:
            return Sandbox(
                self._store,
                folder,
                processes,
                lambda: self._generation,
                self._pool,
                copy_max_triples=self._memory_copy_triples,
            )
        except OSError as exc:
            # Queries still run, in threads: only a stuck one can no longer be killed.
            log.warning("no query processes (cannot write %s: %s); queries run in threads", folder, exc)
            return None

    @property
    def generation(self) -> int:
        """Writes made through this store so far: the one writer of its folder sees them all."""
        return self._generation

    def wait_ready(self, timeout: float = 30.0) -> bool:
        """Wait until the query processes (if any) have started; False when ``timeout`` passed first."""
        return self._sandbox is None or self._sandbox.wait_ready(timeout)

    @classmethod
    def snapshot_reader(cls, path: Path, hidden_graphs: Sequence[str] = ()) -> OxigraphStore:
        """A reader over a checkpoint of a store, for a query process (no threads of its own)."""
        try:
            store = ox.Store.read_only(str(path))
        except OSError as exc:
            log.error("cannot open the checkpoint %s: %s", path, exc)
            raise StoreUnavailable("The store could not be read.") from None
        return cls.reader_over(store, path, hidden_graphs)

    @classmethod
    def reader_over(
        cls, store: ox.Store, path: Path | None, hidden_graphs: Sequence[str] = ()
    ) -> OxigraphStore:
        """A reader over ``store`` (a checkpoint, or its in-memory copy), for a query process."""
        reader = cls.__new__(cls)
        reader.path, reader.timeout, reader._generation, reader._sandbox = path, None, 0, None
        reader._results = None
        reader._hidden, reader._visible = HiddenGraphs(hidden_graphs), None
        reader._store = store
        return reader

    def raw_query_here(self, request: Request, seconds: float | None) -> RawResult:
        """Run a protocol query on this thread, in a query process.

        Results the engine writes (``_native_json``) cannot stop at ``seconds``: such a query past
        its deadline has its process killed. Those written here stop at ``seconds`` themselves.
        """
        result = self._query(
            request.sparql, request.default_graph_uris, request.named_graph_uris, request.base_iri
        )
        if isinstance(result, ox.QuerySolutions) and request.media_type == _results.JSON:
            body = native_json(result, request.max_rows)
            if body is not None:
                return RawResult(body, _results.JSON)
            result = self._query(
                request.sparql, request.default_graph_uris, request.named_graph_uris, request.base_iri
            )
        return self._raw_result(result, request.media_type, request.max_rows, _Deadline(seconds))

    @property
    def pyoxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk loading."""
        return self._store

    # -- running with a deadline -------------------------------------------------------------

    def _submit(self, work: Callable[[_Deadline], T], timeout: float | None) -> tuple[Future[T], _Deadline]:
        deadline = _Deadline(timeout if timeout is not None else self.timeout)

        def call(deadline: _Deadline) -> T:
            try:
                return work(deadline)
            except Exception as exc:
                # pyoxigraph result iterators may only be dropped on the thread that made them;
                # the traceback's frames hold them, so let them go here, not where it is read.
                exc.__traceback__ = None
                exc.__context__ = None
                raise exc from None

        return self._pool.submit(call, deadline), deadline

    def _run(self, work: Callable[[_Deadline], T], timeout: float | None = None) -> T:
        future, deadline = self._submit(work, timeout)
        try:
            return future.result(timeout=deadline.remaining())
        except FutureTimeout:
            deadline.cancelled.set()
            raise QueryTimeout("The query ran past the time limit and was stopped.") from None

    async def _arun(self, work: Callable[[_Deadline], T], timeout: float | None = None) -> T:
        # One hop to a query worker and back to the loop, which never waits on the engine.
        future, deadline = self._submit(work, timeout)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), deadline.remaining())
        except TimeoutError:
            deadline.cancelled.set()
            raise QueryTimeout("The query ran past the time limit and was stopped.") from None
        except asyncio.CancelledError:
            # the client went away: stop a streaming query at its next row
            deadline.cancelled.set()
            raise

    def _query(
        self,
        sparql: str,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        base_iri: str | None = None,
    ) -> Any:
        kwargs: dict[str, Any] = {"base_iri": base_iri}
        if self._hidden:
            self._hidden.check(sparql, (*default_graph_uris, *named_graph_uris))
        if default_graph_uris or named_graph_uris:
            kwargs["default_graph"] = [_named(g) for g in default_graph_uris]
            kwargs["named_graphs"] = [_named(g) for g in named_graph_uris]
        # only a text with FROM in it is lexed: the lexer costs more than most small queries
        elif "FROM" not in sparql.upper() or not names_dataset(sparql):
            if self._hidden:
                visible = self._visible_graphs()
                kwargs["default_graph"] = [ox.DefaultGraph(), *visible]
                kwargs["named_graphs"] = visible
            else:
                kwargs["use_default_graph_as_union"] = True
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise syntax_error(sparql, str(exc)) from None
        except OSError as exc:
            log.error("store read failed: %s", exc)
            raise StoreError("The store could not be read.") from None

    def _visible_graphs(self) -> list[ox.NamedNode]:
        """The named graphs a query may see, listed again only after a write."""
        generation, cached = self._visible or (-1, [])
        if generation != self._generation:
            cached = [
                g
                for g in self._store.named_graphs()
                if isinstance(g, ox.NamedNode) and not self._hidden.hides(g.value)
            ]
            self._visible = (self._generation, cached)
        return cached

    @staticmethod
    def _solutions(result: Any, deadline: _Deadline, max_rows: int | None) -> list[Solution]:
        rows: list[Solution] = []
        names = [v.value for v in result.variables]
        for solution in result:
            deadline.check()
            if max_rows is not None and len(rows) >= max_rows:
                break
            row: Solution = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = cell(term)
            rows.append(row)
        return rows

    @staticmethod
    def _json_solutions(result: Any, deadline: _Deadline, max_rows: int | None) -> bytes:
        # The common format, written without the intermediate cells: the row loop holds the GIL,
        # so its cost is paid by every other request on the event loop as well.
        names = [v.value for v in result.variables]
        bindings: list[dict[str, dict[str, str]]] = []
        for solution in result:
            deadline.check()
            if max_rows is not None and len(bindings) >= max_rows:
                break
            bindings.append(
                {
                    name: json_term(term)
                    for name, term in zip(names, solution, strict=True)
                    if term is not None
                }
            )
        doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()

    @staticmethod
    def _triples(result: Any, deadline: _Deadline) -> list[Any]:
        triples = []
        for triple in result:
            deadline.check()
            triples.append(triple)
        return triples

    # -- the Store protocol ------------------------------------------------------------------

    def select(self, sparql: str) -> list[Row]:
        def work(deadline: _Deadline) -> list[Row]:
            result = self._query(sparql)
            if not isinstance(result, ox.QuerySolutions):
                raise QueryRefused("This call expects a SELECT query.")
            rows: list[Row] = []
            names = [v.value for v in result.variables]
            # Rows repeat their terms (a class, a role, an article on every row of its facts), and
            # an rdflib Literal parses its value when made: each distinct term is made once.
            made: dict[Any, Node] = {}
            for solution in result:
                deadline.check()
                row: Row = {}
                for name, term in zip(names, solution, strict=True):
                    if term is not None:
                        node = made.get(term)
                        if node is None:
                            node = made[term] = rdflib_term(term)
                        row[name] = node
                rows.append(row)
            return rows

        return self._run(work)

    def ask(self, sparql: str) -> bool:
        def work(deadline: _Deadline) -> bool:
            result = self._query(sparql)
            if not isinstance(result, ox.QueryBoolean):
                raise QueryRefused("This call expects an ASK query.")
            return bool(result)

        return self._run(work)

    def construct(self, sparql: str) -> Graph:
        def work(deadline: _Deadline) -> Graph:
            result = self._query(sparql)
            if not isinstance(result, ox.QueryTriples):
                raise QueryRefused("This call expects a CONSTRUCT or DESCRIBE query.")
            g = Graph()
            for t in self._triples(result, deadline):
                g.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
            return g

        return self._run(work)

    def _raw_work(
        self,
        sparql: str,
        media_type: str,
        default_graph_uris: Sequence[str],
        named_graph_uris: Sequence[str],
        base_iri: str | None,
        max_rows: int | None,
    ) -> Callable[[_Deadline], RawResult]:
        def work(deadline: _Deadline) -> RawResult:
            result = self._query(sparql, default_graph_uris, named_graph_uris, base_iri)
            return self._raw_result(result, media_type, max_rows, deadline)

        return work

    def _raw_result(
        self, result: Any, media_type: str, max_rows: int | None, deadline: _Deadline
    ) -> RawResult:
        if isinstance(result, ox.QueryBoolean):
            mt = media_type if media_type in _results.RESULT_TYPES else _results.JSON
            return RawResult(_results.boolean(bool(result), mt), mt)
        if isinstance(result, ox.QuerySolutions):
            mt = media_type if media_type in _results.RESULT_TYPES else _results.JSON
            if mt == _results.JSON:
                return RawResult(self._json_solutions(result, deadline, max_rows), mt)
            names = [v.value for v in result.variables]
            rows = self._solutions(result, deadline, max_rows)
            return RawResult(_results.serialize(names, rows, mt), mt)
        mt = media_type if media_type in RDF_TYPES else "text/turtle"
        triples = self._triples(result, deadline)
        body = ox.serialize(triples, format=RDF_TYPES[mt]) or b""
        return RawResult(body, mt)

    def _request(
        self,
        sparql: str,
        media_type: str,
        default_graph_uris: Sequence[str],
        named_graph_uris: Sequence[str],
        base_iri: str | None,
        max_rows: int | None,
    ) -> Request:
        return Request(
            sparql,
            media_type,
            default_graph_uris,
            named_graph_uris,
            base_iri,
            max_rows,
            self._hidden.patterns,
        )

    def raw_query(
        self,
        sparql: str,
        media_type: str,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        *,
        base_iri: str | None = None,
        max_rows: int | None = None,
    ) -> RawResult:
        request = self._request(sparql, media_type, default_graph_uris, named_graph_uris, base_iri, max_rows)
        generation = self._generation
        kept = self._kept(generation, request)
        if kept is not None:
            return kept
        if self._sandbox is not None:
            result = self._sandbox.query(request, self.timeout or 0.0)
        else:
            result = self._run(
                self._raw_work(sparql, media_type, default_graph_uris, named_graph_uris, base_iri, max_rows)
            )
        self._keep(generation, request, result)
        return result

    async def araw_query(
        self,
        sparql: str,
        media_type: str,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        *,
        base_iri: str | None = None,
        max_rows: int | None = None,
    ) -> RawResult:
        """``raw_query`` for event-loop callers: awaits the query worker, never blocks the loop."""
        request = self._request(sparql, media_type, default_graph_uris, named_graph_uris, base_iri, max_rows)
        generation = self._generation
        kept = self._kept(generation, request)
        if kept is not None:
            return kept
        if self._sandbox is not None:
            # The query process keeps the deadline (killed at it); the loop only waits for its reply.
            result = await self._sandbox.aquery(request, self.timeout or 0.0)
        else:
            result = await self._arun(
                self._raw_work(sparql, media_type, default_graph_uris, named_graph_uris, base_iri, max_rows)
            )
        self._keep(generation, request, result)
        return result

    def _kept(self, generation: int, request: Request) -> RawResult | None:
        return None if self._results is None else self._results.get(generation, _cache_key(request))

    def _keep(self, generation: int, request: Request, result: RawResult) -> None:
        if self._results is not None and generation == self._generation:
            self._results.put(generation, _cache_key(request), request.sparql, result)

    @property
    def result_cache(self) -> ResultCache | None:
        """The kept protocol results (None when off), for statistics."""
        return self._results

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        try:
            with self._writing:
                self._store.update(sparql, base_iri=base_iri)
                with self._counting:
                    self._generation += 1
        except SyntaxError as exc:
            raise syntax_error(sparql, str(exc), what="update") from None
        except OSError as exc:
            log.error("store write failed: %s", exc)
            raise StoreUnavailable("The store could not be written (disk full or read-only?).") from None

    def replace_graph(self, graph_iri: str, graph: Graph | str) -> None:
        node = _named(graph_iri)
        data = graph if isinstance(graph, str) else graph.serialize(format="nt")
        with self._writing:  # nobody creates the graph between the look and the load
            if self._store.contains_named_graph(node):
                # One SPARQL Update is one transaction: readers see the old graph or the new one.
                self.update(
                    f"DROP SILENT GRAPH <{node.value}> ;\nINSERT DATA {{ GRAPH <{node.value}> {{\n{data}\n}} }}"
                )
                return
            # A new graph: one load is one transaction too, and it costs half of INSERT DATA
            # (no SPARQL parse), the biggest share of an ingest's write.
            try:
                self._store.load(data, ox.RdfFormat.N_TRIPLES, to_graph=node)
                with self._counting:
                    self._generation += 1
            except SyntaxError:
                raise QuerySyntaxError("The graph's N-Triples text is not valid N-Triples.") from None
            except OSError as exc:
                log.error("store write failed: %s", exc)
                raise StoreUnavailable("The store could not be written (disk full or read-only?).") from None

    def write_triples(self, graph_iri: str, triples: Sequence[ox.Triple], *, replace: bool) -> None:
        """Bulk-load pyoxigraph triples into a graph (replacing it first when ``replace``).

        Without the SPARQL text ``replace_graph`` needs, and blank nodes keep their identity
        across calls. Not one transaction with the removal: for loading, not for articles.
        """
        node = _named(graph_iri)
        try:
            if replace:
                self._store.remove_graph(node)
            self._store.extend(ox.Quad(t.subject, t.predicate, t.object, node) for t in triples)
        except OSError as exc:
            log.error("store write failed: %s", exc)
            raise StoreUnavailable("The store could not be written (disk full or read-only?).") from None
        finally:
            with self._counting:
                self._generation += 1

    def compact(self) -> None:
        """Flush and compact after a bulk load (its write-ahead log goes at the next open: 1M triples
        leave 1 GB on disk until then, 0.34 GB after)."""
        with contextlib.suppress(OSError):
            self._store.flush()
            self._store.optimize()

    def drop_graph(self, graph_iri: str) -> bool:
        node = _named(graph_iri)
        if not self._store.contains_named_graph(node):
            return False
        self.update(f"DROP SILENT GRAPH <{node.value}>")
        return True

    def graph_iris(self) -> Iterator[str]:
        for g in self._store.named_graphs():
            if isinstance(g, ox.NamedNode) and not self._hidden.hides(g.value):
                yield g.value

    def close(self) -> None:
        if self._sandbox is not None:
            self._sandbox.close()
        self._pool.shutdown(wait=False, cancel_futures=True)
        with contextlib.suppress(OSError):
            self._store.flush()
        del self._store
