"""Helpers for tests that need something outside the repository.

Locally a test may skip when a system package or ``../shared`` is missing, saying which;
under CI (``CI=true``) such a skip is turned into a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_shared(*parts: str) -> Path:
    """The path under ``../shared``, or skip saying it is absent (a fresh clone has none)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the project's shared folder beside the clone")
    return path


def require_program(program: str, package: str) -> str:
    found = shutil.which(program)
    if not found:
        pytest.skip(f"{program} not found: install the Debian package '{package}' (make test does, as root)")
    return found
