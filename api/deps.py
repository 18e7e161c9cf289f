"""Dependencies the routers declare: the store, the settings, the bearer token, the body."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.settings import Settings
from graph.errors import InputTooLarge
from graph.store import Store

_bearer = HTTPBearer(auto_error=False, description="The token set in DIGICOOP_TOKEN.")


# Plain reads of app.state: async, so FastAPI does not hand each one to a worker thread.
async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def check_token(settings: Settings, credentials: HTTPAuthorizationCredentials | None) -> None:
    if settings.token is None:
        raise HTTPException(403, "This endpoint is read-only: no token is configured for updates.")
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            401, "This request needs 'Authorization: Bearer <token>'.", headers={"WWW-Authenticate": "Bearer"}
        )
    if not secrets.compare_digest(
        credentials.credentials.encode(), settings.token.get_secret_value().encode()
    ):
        raise HTTPException(403, "The bearer token is not valid.")


async def require_token(
    settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    check_token(settings, credentials)


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
TokenDep = Depends(require_token)


async def read_body(request: Request, settings: SettingsDep) -> bytes:
    """The request body, refused with 413 as soon as it passes ``max_body_bytes``."""
    limit = settings.max_body_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise InputTooLarge(f"The request body is larger than the limit of {limit} bytes.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise InputTooLarge(f"The request body is larger than the limit of {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


BodyDep = Annotated[bytes, Depends(read_body)]
