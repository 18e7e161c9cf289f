"""Fixtures shared by the whole suite, and the rule that CI runs every test.

Locally a test may skip when a system package or ``../shared`` is missing, saying which;
under CI (``CI=true``) such a skip is turned into a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import IN_CI, require_shared


@pytest.fixture
def shared_dir() -> Path:
    return require_shared()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"skipped under CI, where every test must run: {reason}"
