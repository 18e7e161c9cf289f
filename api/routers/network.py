"""Cooperation networks: /network (page), /network.json (node-link), /network.graphml, /network.gexf.

Every form takes the same parameters, so a view seen in the browser can be exported as it is.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.deps import StoreDep
from api.pages import render
from graph.errors import NotFound
from graph.network import KINDS, Kind, theme_choices, to_gexf, to_graphml
from graph.render import DEFAULT_LIMIT, ColorBy, SizeBy, View, build_view, parse_filters

router = APIRouter(tags=["network"])

MAX_LIMIT = 20_000
KindParam = Literal["organizations", "countries", "organizations+sites", "full"]


class ViewParams:
    """The query parameters of every network form."""

    def __init__(
        self,
        focus: Annotated[
            str | None, Query(description="An entity to centre on: id (org/kt), IRI, name or acronym (KT).")
        ] = None,
        depth: Annotated[int, Query(ge=1, le=3, description="Steps from the focus (1-3).")] = 1,
        kind: Annotated[KindParam, Query(description="Which network.")] = "organizations",
        theme: Annotated[
            str | None, Query(description="Only facts of this theme (slug, e.g. smart-city).")
        ] = None,
        country: Annotated[
            str | None, Query(description="Only facts involving this country (ISO code).")
        ] = None,
        date_from: Annotated[
            str | None, Query(alias="from", description="From this date (YYYY[-MM[-DD]]).")
        ] = None,
        date_to: Annotated[
            str | None, Query(alias="to", description="Up to this date (YYYY[-MM[-DD]]).")
        ] = None,
        min_weight: Annotated[
            int, Query(ge=1, le=1000, description="Edges of at least this many facts.")
        ] = 1,
        limit: Annotated[
            int, Query(ge=0, le=MAX_LIMIT, description="Most nodes drawn, the best connected (0: all).")
        ] = DEFAULT_LIMIT,
        color: Annotated[Literal["type", "community"], Query(description="Colour nodes by.")] = "type",
        size: Annotated[
            Literal["degree", "betweenness", "eigenvector"], Query(description="Size nodes by centrality.")
        ] = "degree",
    ) -> None:
        self.focus = focus.strip() if focus and focus.strip() else None
        self.depth = depth
        self.kind: Kind = kind
        self.theme, self.country, self.date_from, self.date_to = theme, country, date_from, date_to
        self.min_weight = min_weight
        self.limit = limit
        self.color: ColorBy = color
        self.size: SizeBy = size

    def query(self, **changes: Any) -> str:
        """This view's query string, with ``changes`` applied (None drops a parameter)."""
        values: dict[str, Any] = {
            "focus": self.focus,
            "depth": self.depth if self.focus else None,
            "kind": self.kind,
            "theme": self.theme,
            "country": self.country,
            "from": self.date_from,
            "to": self.date_to,
            "min_weight": self.min_weight if self.min_weight > 1 else None,
            "limit": self.limit if self.limit != DEFAULT_LIMIT else None,
            "color": self.color if self.color != "type" else None,
            "size": self.size if self.size != "degree" else None,
        }
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v not in (None, "")})

    def view(self, store: StoreDep) -> View:
        return build_view(
            store,
            kind=self.kind,
            focus=self.focus,
            depth=self.depth,
            filters=parse_filters(self.theme, self.country, self.date_from, self.date_to, self.min_weight),
            limit=self.limit or None,
            color_by=self.color,
            size_by=self.size,
        )


Params = Annotated[ViewParams, Depends()]


@router.get(
    "/network",
    response_class=HTMLResponse,
    summary="The cooperation network, drawn",
    responses={404: {"description": "No such focus: the page says so", "content": {"text/html": {}}}},
)
def network_page(request: Request, params: Params, store: StoreDep) -> HTMLResponse:
    context: dict[str, Any] = {
        "params": params,
        "kinds": KINDS,
        "themes": theme_choices(),
        "query": params.query(),
        "all_query": params.query(limit=0),
        "data": None,
        "error": None,
    }
    try:
        view = params.view(store)
    except NotFound as exc:
        context["error"] = str(exc)
        return render(request, "network.html", context, status_code=404)
    context["data"] = view.data
    return render(request, "network.html", context)


@router.get("/network.json", summary="The cooperation network as node-link JSON (with positions)")
def network_json(params: Params, store: StoreDep) -> JSONResponse:
    return JSONResponse(params.view(store).data)


@router.get("/network.graphml", summary="The cooperation network as GraphML", response_class=Response)
def network_graphml(params: Params, store: StoreDep) -> Response:
    return _download(to_graphml(params.view(store).graph), "application/graphml+xml", "graphml")


@router.get("/network.gexf", summary="The cooperation network as GEXF (Gephi)", response_class=Response)
def network_gexf(params: Params, store: StoreDep) -> Response:
    return _download(to_gexf(params.view(store).graph), "application/gexf+xml", "gexf")


def _download(body: bytes, media_type: str, extension: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="digicoop-network.{extension}"',
            "X-Content-Type-Options": "nosniff",
        },
    )
