"""/healthz: is the service up and can it reach its store?"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness and store reachability")
def healthz(store: StoreDep) -> dict[str, str]:
    # A failing store raises StoreUnavailable, which becomes a 503 problem.
    store.ask("ASK {}")
    return {"status": "ok", "store": "ok"}
