"""schemathesis against the service's own OpenAPI document, in process: no 5xx, responses match it.

The app runs on an in-memory store holding the reference data and two example articles, so
lookups meet real entities as well as missing ones. Writes carry the token, so generated
bodies reach ingest and SPARQL Update, not only the authentication check.
"""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from pydantic import SecretStr
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app, load_reference_graphs
from api.settings import Settings
from graph.loaders import load_paths
from graph.pipeline import ingest_article
from graph.store import Store, open_store
from tests.reliability._batch import EXAMPLES

TOKEN = "fuzz-token"
EXAMPLES_PER_OPERATION = 25


def fuzz_store() -> Store:
    store = open_store(memory=True, timeout=5)
    load_reference_graphs(store)
    for path in sorted(EXAMPLES.glob("*.json"))[:2]:
        for result in load_paths([str(path)]):
            assert result.article is not None
            ingest_article(store, result.article)
    return store


APP = create_app(
    Settings(
        memory=True,
        token=SecretStr(TOKEN),
        examples_dir=Path("no-examples"),
        load_examples=False,
        max_body_bytes=200_000,
        max_rows=50,
    ),
    fuzz_store(),
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# derandomize: the same examples on every run, so a failure here is reproducible and never flaky.
FUZZ = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
ALL_CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    status_code_conformance,
]

# Pages that answer in several media types, checked apart from the JSON operations.
UNDOCUMENTED_MEDIA = "^/(ontology|theme/|network)$"


@schema.exclude(path_regex=UNDOCUMENTED_MEDIA, method="GET").parametrize()
@FUZZ
def test_every_operation_answers_without_5xx_and_as_documented(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=AUTH, checks=ALL_CHECKS, excluded_checks=[])


@schema.include(path_regex=UNDOCUMENTED_MEDIA, method="GET").parametrize()
@FUZZ
def test_pages_with_undocumented_media_types_still_answer_without_5xx(case: schemathesis.Case) -> None:
    case.call_and_validate(
        headers=AUTH,
        checks=[not_a_server_error, response_schema_conformance, status_code_conformance],
        excluded_checks=[content_type_conformance],
    )


@schema.include(path_regex=UNDOCUMENTED_MEDIA, method="GET").parametrize()
@FUZZ
def test_pages_answer_in_a_documented_media_type(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=AUTH, checks=[content_type_conformance], excluded_checks=[])
