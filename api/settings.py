"""Service settings, read from ``DIGICOOP_*`` environment variables (or a ``.env`` file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
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
    # One more than the two cores measured on: a process waiting for its next query from the
    # event loop would otherwise leave a core idle (about 10% more queries per second).
    query_processes: int = Field(
        default=3,
        ge=0,
        description="Processes that run /sparql and named queries over a snapshot of the embedded store, "
        "so a query past its time limit is killed and its CPU freed; 0 runs them in threads.",
    )
    result_cache_mb: float = Field(
        default=64.0,
        ge=0,
        description="Megabytes of /sparql and named-query results kept until the next write "
        "(embedded store only; 0 keeps none).",
    )
    # Each query process holds its own copy: about 45 MB per 100k triples.
    memory_copy_triples: int = Field(
        default=250_000,
        ge=0,
        description="Largest embedded store (in triples) that each query process copies into memory "
        "once it has gone a few seconds unwritten; queries then run about twice as fast (0: never).",
    )
    max_rows: int = Field(default=10_000, gt=0, description="Most rows a SELECT returns over /sparql.")
    allow_service_endpoints: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="IRIs that SERVICE and LOAD may reach (comma-separated)."
    )
    hidden_graphs: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Named graphs queries may not see (comma-separated IRIs; a trailing * makes a prefix).",
    )
    load_reference: bool = Field(
        default=True, description="Load the ontology, themes and reference data into their graphs at start."
    )
    load_examples: bool = True
    # Not named ``validate``: that is pydantic's own (deprecated) BaseModel.validate, which made a
    # getattr(settings, "validate", False) always true and every POST /articles run SHACL.
    validate_ingest: bool = Field(
        default=False,
        validation_alias=AliasChoices("validate_ingest", "DIGICOOP_VALIDATE"),
        description="Check each ingested article's graph against the SHACL shapes (slow).",
    )
    examples_dir: Path = Path("examples")
    max_body_bytes: int = Field(default=5_000_000, gt=0, description="Largest request body accepted.")

    @field_validator("allow_service_endpoints", "hidden_graphs", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        # A comma-separated list is easier to write in an environment variable than JSON.
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value
