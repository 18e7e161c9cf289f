"""GET /queries and /queries/{name}: the named queries of the query folder, run with parameters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from api.deps import SettingsDep, StoreDep
from api.pages import render, wants_html
from api.settings import Settings
from graph import named_queries
from graph.named_queries import NamedQuery, Parameter
from graph.store import RESULT_TYPES

router = APIRouter(tags=["queries"])
JSON_RESULTS, _, CSV, _ = RESULT_TYPES


class QueryInfo(BaseModel):
    name: str
    title: str
    description: str
    parameters: list[Parameter]
    sparql: str


class QueryResults(BaseModel):
    name: str
    vars: list[str]
    rows: list[dict[str, str | None]]


def _folder(settings: Settings) -> Path:
    return settings.examples_dir / "queries"


def _info(q: NamedQuery) -> QueryInfo:
    return QueryInfo(
        name=q.name, title=q.title, description=q.description, parameters=q.parameters, sparql=q.sparql
    )


@router.get(
    "/queries",
    response_model=list[QueryInfo],
    summary="The named queries",
    responses={200: {"content": {"text/html": {}}}},
)
def list_queries(request: Request, settings: SettingsDep) -> Any:
    queries = [_info(q) for q in named_queries.load(_folder(settings)).values()]
    if wants_html(request):
        return render(request, "queries.html", {"queries": queries})
    return queries


@router.get(
    "/queries/{name}",
    response_model=QueryResults,
    summary="Run a named query",
    description=(
        "Runs the query file `{name}.rq`. Its parameters (listed at /queries) come from query "
        "parameters of the same name, e.g. `/queries/agreements_by_country?country=country/RW`. "
        "`format=csv` returns CSV."
    ),
    responses={200: {"content": {"text/csv": {}}}},
)
def run_query(
    name: str,
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    format: Annotated[Literal["json", "csv"], Query(description="json (default) or csv")] = "json",
) -> Any:
    query = named_queries.get(name, _folder(settings))
    values = {k: v for k, v in request.query_params.items() if k != "format"}
    text = named_queries.bind(query, values)
    if format == "csv":
        result = store.raw_query(text, CSV, max_rows=settings.max_rows)
        return Response(result.body, media_type="text/csv; charset=utf-8")
    result = store.raw_query(text, JSON_RESULTS, max_rows=settings.max_rows)
    data = json.loads(result.body)
    variables: list[str] = data.get("head", {}).get("vars", [])
    rows = [
        {v: (b[v]["value"] if v in b else None) for v in variables}
        for b in data.get("results", {}).get("bindings", [])
    ]
    return QueryResults(name=name, vars=variables, rows=rows)
