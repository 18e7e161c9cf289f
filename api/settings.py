"""Service settings, read from ``DIGICOOP_*`` environment variables (or a ``.env`` file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DIGICOOP_", env_file=".env", extra="ignore")

    store_dir: Path = Field(default=Path("data/store"), description="Folder of the embedded Oxigraph store.")
    memory: bool = Field(default=False, description="Keep the store in memory (nothing is written to disk).")
    endpoint: str | None = Field(
        default=None, description="A remote SPARQL 1.1 query endpoint to use as the store."
    )
    update_endpoint: str | None = Field(
        default=None, description="Its update endpoint, when not the same URL."
    )
    graph_store_endpoint: str | None = Field(
        default=None, description="Its SPARQL Graph Store Protocol endpoint, for fast whole-graph writes."
    )
    endpoint_user: str | None = None
    endpoint_password: SecretStr | None = None
    endpoint_auth: Literal["basic", "digest"] = Field(
        default="basic",
        description="How to send the endpoint credentials (Virtuoso's /sparql-auth wants digest).",
    )
    token: SecretStr | None = Field(
        default=None, description="Bearer token for updates and ingest; none: read-only."
    )
    query_timeout: float = Field(default=30.0, gt=0, description="Seconds a query may run before a 503.")
    max_rows: int = Field(default=10_000, gt=0, description="Most rows a SELECT returns over /sparql.")
    allow_service_endpoints: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="IRIs that SERVICE and LOAD may reach (comma-separated)."
    )
    load_reference: bool = Field(
        default=True, description="Load the ontology, themes and reference data into their graphs at start."
    )
    load_examples: bool = True
    examples_dir: Path = Path("examples")
    max_body_bytes: int = Field(default=5_000_000, gt=0, description="Largest request body accepted.")

    @field_validator("allow_service_endpoints", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        # A comma-separated list is easier to write in an environment variable than JSON.
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value
