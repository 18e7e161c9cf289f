"""The home page: what the graph holds, the newest articles, the most connected organizations and
countries, the themes; the same counts as JSON for clients that do not ask for HTML."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from api.deps import StoreDep
from api.pages import render, wants_html
from graph import articles, entity

router = APIRouter(tags=["home"])


@router.get("/", summary="What the knowledge graph holds", response_model=None)
def home(request: Request, store: StoreDep) -> Response | dict[str, Any]:
    counts = entity.summary(store)
    if not wants_html(request):
        return {
            "counts": counts,
            "links": {"articles": "/articles", "ontology": "/ontology", "sparql": "/sparql"},
        }
    _, newest = articles.list_articles(store, limit=8)
    context = {
        "counts": counts,
        "newest": newest,
        "organizations": entity.most_connected(store, "organization", limit=10),
        "countries": entity.most_connected(store, "country", limit=10),
        "themes": [t for t in entity.theme_counts(store) if t["facts"]],
    }
    return render(request, "home.html", context)
