"""GET /agreements, /events, /projects: the cooperation facts, filtered and paginated."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import StoreDep
from graph import browse
from graph.browse import MAX_LIMIT, Agreement, Event, Project, Ref

router = APIRouter(tags=["browse"])

_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Entity = Annotated[str | None, Query(max_length=300)]
Country = Annotated[
    str | None, Query(max_length=300, description="ISO code (KR), id, IRI or name (르완다, Rwanda)")
]
Theme = Annotated[
    str | None, Query(max_length=300, description="Theme slug (smart-city), IRI or name (스마트시티)")
]
Site = Annotated[
    str | None, Query(max_length=300, description="Site id, IRI or name; places inside it count")
]
DateFrom = Annotated[str | None, Query(pattern=_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")]
DateTo = Annotated[str | None, Query(pattern=_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")]
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0)]


class AgreementPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[Agreement]
    filters: dict[str, Ref]


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[Event]
    filters: dict[str, Ref]


class ProjectPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[Project]
    filters: dict[str, Ref]


@router.get("/agreements", summary="Agreements, newest first")
def list_agreements(
    store: StoreDep,
    party: Annotated[
        str | None, Query(max_length=300, description="Organization id, IRI or name (KT, 코이카)")
    ] = None,
    country: Country = None,
    theme: Theme = None,
    site: Site = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> AgreementPage:
    page = browse.agreements(
        store,
        party=party,
        country=country,
        theme=theme,
        site=site,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
        offset=offset,
    )
    return AgreementPage(
        total=page.total, limit=page.limit, offset=page.offset, items=page.items, filters=page.filters
    )


@router.get("/events", summary="Events, latest start first")
def list_events(
    store: StoreDep,
    organizer: Annotated[
        str | None, Query(max_length=300, description="Organizer or participating organization")
    ] = None,
    country: Country = None,
    theme: Theme = None,
    site: Site = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EventPage:
    page = browse.events(
        store,
        organizer=organizer,
        country=country,
        theme=theme,
        site=site,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
        offset=offset,
    )
    return EventPage(
        total=page.total, limit=page.limit, offset=page.offset, items=page.items, filters=page.filters
    )


@router.get("/projects", summary="Projects, latest start first")
def list_projects(
    store: StoreDep,
    operator: Annotated[str | None, Query(max_length=300, description="Operator, partner or funder")] = None,
    country: Country = None,
    theme: Theme = None,
    site: Site = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ProjectPage:
    page = browse.projects(
        store,
        operator=operator,
        country=country,
        theme=theme,
        site=site,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
        offset=offset,
    )
    return ProjectPage(
        total=page.total, limit=page.limit, offset=page.offset, items=page.items, filters=page.filters
    )
