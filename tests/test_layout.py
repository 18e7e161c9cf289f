"""The project's shape: imports run api -> graph -> ontology, and the generic top-level
names resolve to this repository, not to some other installed distribution."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"ontology": 0, "graph": 1, "api": 2}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_imports_run_one_way(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in _imports(path):
            if name in LAYERS and LAYERS[name] > LAYERS[package]:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_graph_never_imports_the_web_framework() -> None:
    for path in sorted((ROOT / "graph").rglob("*.py")):
        assert not _imports(path) & {"fastapi", "starlette", "uvicorn"}, path


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_top_level_names_resolve_to_this_repository(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__file__ is not None
    assert Path(module.__file__).resolve().parent == ROOT / name


def test_console_script_is_installed() -> None:
    dist = importlib.metadata.distribution("digicoop")
    (script,) = dist.entry_points.select(group="console_scripts", name="digicoop")
    assert script.value == "api.cli:app"


@pytest.mark.slow
def test_wheel_holds_only_our_packages(tmp_path: Path) -> None:
    """`tests`, `scripts` or `examples` must never be installed as top-level packages."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("digicoop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        top = {
            name.split("/")[0] for name in archive.namelist() if not name.split("/")[0].endswith(".dist-info")
        }
        assert top == {"graph", "api", "ontology"}
        assert "ontology/digicoop.ttl" in archive.namelist()
