"""GET /paths: how two entities are connected, step by step with the evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import StoreDep
from graph.browse import Ref
from graph.paths import MAX_K, MAX_LEN, Path, paths

router = APIRouter(tags=["browse"])


class Paths(BaseModel):
    source: Ref
    target: Ref
    paths: list[Path]


@router.get(
    "/paths",
    summary="Shortest cooperation paths between two entities",
    description=(
        "Each step joins two entities that share an agreement, event or project (with its label, "
        "date and evidence sentences), or an organization and its country, a site and the place "
        "around it. `from` and `to` take ids, IRIs or names (KT, 국제이주기구)."
    ),
)
def connection_paths(
    store: StoreDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=300)],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=300)],
    k: Annotated[int, Query(ge=1, le=MAX_K)] = 3,
    max_len: Annotated[int, Query(ge=1, le=MAX_LEN)] = 4,
) -> Paths:
    found = paths(store, source, target, k=k, max_len=max_len)
    return Paths(source=found.source, target=found.target, paths=found.paths)
