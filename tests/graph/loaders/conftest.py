from __future__ import annotations

from pathlib import Path

import pytest

from graph.loaders import load_path
from graph.model import Article

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def load_one(name: str) -> Article:
    """The single article of a fixture file, failing loudly if it did not load."""
    results = load_path(FIXTURES / name)
    assert len(results) == 1, results
    assert results[0].article is not None, results[0].error
    return results[0].article
