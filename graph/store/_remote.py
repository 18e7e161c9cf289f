"""Any SPARQL 1.1 Query/Update endpoint (Virtuoso, Fuseki, GraphDB, QLever, ``oxigraph serve``).

The engine must treat the default graph as the union of the named graphs (Virtuoso does by
default; ``oxigraph serve --union-default-graph``; Fuseki ``tdb2:unionDefaultGraph``).
Results are fetched in one format every engine speaks (SPARQL JSON, N-Triples/Turtle) and
re-serialized here, so every protocol format and the row cap work whatever the engine.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib import Graph

from graph.errors import QueryRefused, QuerySyntaxError, QueryTimeout, StoreError, StoreUnavailable
from graph.store import _results
from graph.store._budget import time_left
from graph.store._oxigraph import RDF_TYPES
from graph.store._results import Solution
from graph.store._sparql import has_position, query_form, syntax_error
from graph.store.base import RawResult, Row

log = logging.getLogger(__name__)

_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, text/plain;q=0.5"
Auth = httpx.Auth | tuple[str, str] | None
INSERT_DATA_LIMIT = 1000
CONNECT_TIMEOUT = 10.0


class RemoteStore:
    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        *,
        graph_store: str | None = None,
        auth: Auth = None,
        timeout: float | None = 30.0,
    ) -> None:
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.graph_store = graph_store
        self.timeout = timeout
        connect = min(timeout, CONNECT_TIMEOUT) if timeout else CONNECT_TIMEOUT
        self._client = httpx.Client(
            auth=auth,
            timeout=httpx.Timeout(timeout, connect=connect),
            headers={"User-Agent": "digicoop"},
        )

    # -- HTTP ----------------------------------------------------------------------------------

    def _timeout(self, what: str) -> httpx.Timeout:
        left = time_left()
        if left is None:
            return self._client.timeout
        if left <= 0:
            raise QueryTimeout(f"The SPARQL endpoint did not answer the {what} in time.")
        if self.timeout:
            left = min(left, self.timeout)
        return httpx.Timeout(left, connect=min(left, CONNECT_TIMEOUT))

    def _post(
        self, url: str, data: dict[str, str | list[str]], accept: str, what: str, text: str
    ) -> httpx.Response:
        try:
            response = self._client.post(
                url, data=data, headers={"Accept": accept}, timeout=self._timeout(what)
            )
        except httpx.TimeoutException:
            raise QueryTimeout(f"The SPARQL endpoint did not answer the {what} in time.") from None
        except httpx.HTTPError as exc:
            log.warning("SPARQL endpoint %s unreachable: %s", url, exc)
            raise StoreUnavailable("The SPARQL endpoint behind digicoop is not reachable.") from None
        if response.is_success:
            return response
        body = response.text[:2000]
        log.warning("SPARQL endpoint %s answered %s: %s", url, response.status_code, body)
        if response.status_code in (401, 403):
            raise StoreUnavailable("The SPARQL endpoint behind digicoop refused its credentials.")
        if "SP031" in body or "exceeded" in body.lower():
            raise StoreError(
                f"The SPARQL endpoint cannot run a {what} this large; split it into smaller ones."
            )
        if response.status_code == 400 or "syntax" in body.lower() or "SP030" in body:
            if has_position(body):
                raise syntax_error(text, body, what)
            raise QuerySyntaxError(f"The SPARQL endpoint behind digicoop rejected this {what} as invalid.")
        if response.status_code in (408, 504):
            raise QueryTimeout(f"The SPARQL endpoint did not answer the {what} in time.")
        raise StoreUnavailable(f"The SPARQL endpoint behind digicoop failed ({response.status_code}).")

    def _query(
        self,
        sparql: str,
        accept: str,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
    ) -> httpx.Response:
        data: dict[str, str | list[str]] = {"query": sparql}
        if default_graph_uris:
            data["default-graph-uri"] = list(default_graph_uris)
        if named_graph_uris:
            data["named-graph-uri"] = list(named_graph_uris)
        return self._post(self.endpoint, data, accept, "query", sparql)

    def _json(self, response: httpx.Response) -> dict[str, Any]:
        try:
            doc = json.loads(response.content)
        except ValueError:
            raise StoreUnavailable("The SPARQL endpoint sent results digicoop cannot read.") from None
        if not isinstance(doc, dict):
            raise StoreUnavailable("The SPARQL endpoint sent results digicoop cannot read.")
        return doc

    def _solutions(
        self, doc: dict[str, Any], max_rows: int | None = None
    ) -> tuple[list[str], list[Solution]]:
        if "results" not in doc:
            raise QueryRefused("This call expects a SELECT query.")
        names = list(doc.get("head", {}).get("vars", []))
        bindings = doc["results"].get("bindings", [])
        if max_rows is not None:
            bindings = bindings[:max_rows]
        return names, [{k: _results.from_json_term(v) for k, v in b.items()} for b in bindings]

    def _quads(self, response: httpx.Response) -> list[Any]:
        media = response.headers.get("content-type", "text/turtle").split(";")[0].strip()
        fmt = ox.RdfFormat.N_TRIPLES if media in ("application/n-triples", "text/plain") else None
        fmt = fmt or ox.RdfFormat.from_media_type(media) or ox.RdfFormat.TURTLE
        try:
            return [q.triple for q in ox.parse(response.content, format=fmt)]
        except SyntaxError:
            raise StoreUnavailable("The SPARQL endpoint sent a graph digicoop cannot read.") from None

    # -- the Store protocol ----------------------------------------------------------------------

    def select(self, sparql: str) -> list[Row]:
        _, rows = self._solutions(self._json(self._query(sparql, _results.JSON)))
        return [{k: _results.to_rdflib(v) for k, v in row.items()} for row in rows]

    def ask(self, sparql: str) -> bool:
        doc = self._json(self._query(sparql, _results.JSON))
        if "boolean" not in doc:
            raise QueryRefused("This call expects an ASK query.")
        return bool(doc["boolean"])

    def construct(self, sparql: str) -> Graph:
        response = self._query(sparql, _GRAPH_ACCEPT)
        g = Graph()
        data = ox.serialize(self._quads(response), format=ox.RdfFormat.N_TRIPLES) or b""
        g.parse(data=data.decode(), format="nt")
        return g

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
        text = f"BASE <{base_iri}>\n{sparql}" if base_iri else sparql
        form = query_form(sparql)
        if form in ("SELECT", "ASK") or form is None:
            mt = media_type if media_type in _results.RESULT_TYPES else _results.JSON
            doc = self._json(self._query(text, _results.JSON, default_graph_uris, named_graph_uris))
            if "boolean" in doc:
                return RawResult(_results.boolean(bool(doc["boolean"]), mt), mt)
            names, rows = self._solutions(doc, max_rows)
            return RawResult(_results.serialize(names, rows, mt), mt)
        mt = media_type if media_type in RDF_TYPES else "text/turtle"
        response = self._query(text, _GRAPH_ACCEPT, default_graph_uris, named_graph_uris)
        return RawResult(ox.serialize(self._quads(response), format=RDF_TYPES[mt]) or b"", mt)

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        text = f"BASE <{base_iri}>\n{sparql}" if base_iri else sparql
        self._post(self.update_endpoint, {"update": text}, "*/*", "update", text)

    def replace_graph(self, graph_iri: str, graph: Graph | str) -> None:
        # One request, one transaction on engines that run an update request atomically.
        data = graph if isinstance(graph, str) else graph.serialize(format="nt")
        size = data.count("\n") if isinstance(graph, str) else len(graph)
        if self.graph_store and size > INSERT_DATA_LIMIT:
            # Virtuoso compiles INSERT DATA to SQL and gives up past ~1,000 triples (slowly); a Graph
            # Store Protocol PUT loads any size fast. Its replace is not atomic on Virtuoso (a reader
            # may see the graph empty for a moment), so small graphs, every article's, keep INSERT DATA.
            self._put(graph_iri, data.encode())
            return
        self.update(
            f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{data}\n}} }}"
        )

    def _put(self, graph_iri: str, data: bytes) -> None:
        assert self.graph_store is not None
        try:
            response = self._client.put(
                self.graph_store,
                params={"graph": graph_iri},
                content=data,
                headers={"Content-Type": "application/n-triples"},
                timeout=self._timeout("write"),
            )
        except httpx.TimeoutException:
            raise QueryTimeout("The graph store did not answer the write in time.") from None
        except httpx.HTTPError as exc:
            log.warning("graph store %s unreachable: %s", self.graph_store, exc)
            raise StoreUnavailable("The SPARQL endpoint behind digicoop is not reachable.") from None
        if not response.is_success:
            log.warning(
                "graph store %s answered %s: %s", self.graph_store, response.status_code, response.text[:2000]
            )
            if response.status_code in (401, 403):
                raise StoreUnavailable("The SPARQL endpoint behind digicoop refused its credentials.")
            raise StoreUnavailable(f"The graph store behind digicoop failed ({response.status_code}).")

    def drop_graph(self, graph_iri: str) -> bool:
        existed = self.ask(f"ASK {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
        if existed:
            self.update(f"DROP SILENT GRAPH <{graph_iri}>")
        return existed

    def graph_iris(self) -> Iterator[str]:
        # GROUP BY rather than DISTINCT, the same answer: Virtuoso runs DISTINCT ?g over every quad
        # (over a second for 10k triples) but GROUP BY ?g from its graph index (milliseconds).
        for row in self.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
            yield str(row["g"])

    def close(self) -> None:
        self._client.close()
