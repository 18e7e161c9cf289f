"""GET /search: find entities by Korean or English name, acronym or alternative label."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from api.deps import StoreDep
from api.pages import render, wants_html
from graph.search import KINDS, Hit, search

router = APIRouter(tags=["browse"])

Kind = Literal["org", "country", "site", "person", "project", "event", "theme"]
assert set(get_args(Kind)) == set(KINDS)  # one list of kinds: graph.search.KINDS


class SearchResults(BaseModel):
    q: str
    hits: list[Hit]


@router.get(
    "/search",
    response_model=SearchResults,
    summary="Find entities by name",
    description=(
        "Organizations, countries, sites, people, projects, events and themes whose Korean or English "
        "names, acronyms or alternative labels match `q`; tolerant of spacing, case and one typo. "
        "Ranked exact > prefix > substring > fuzzy, then by how many articles mention the entity. "
        "Browsers asking for text/html get a results page."
    ),
    responses={200: {"content": {"text/html": {}}}},
)
def search_entities(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200, description="A name, e.g. 세계 은행, KOICA, Rwanda")] = "",
    kind: Annotated[list[Kind] | None, Query(description="Only entities of these kinds")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Any:
    hits = search(store, q, limit=limit, kinds=kind) if q.strip() else []
    if wants_html(request):
        return render(request, "search.html", {"q": q, "hits": hits})
    return SearchResults(q=q, hits=hits)
