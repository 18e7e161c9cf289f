"""A read-only store folder or a full disk: a clear error at start or on write, and no corruption.

Tests may run as root, for whom file modes do not stop writes; the read-only cases then run
their subprocess with CAP_DAC_OVERRIDE dropped (util-linux ``setpriv``), so the folder's mode
binds root as it binds anyone. A full disk is played by a file size limit (RLIMIT_FSIZE) on the
writing process: the engine's log then fails to grow exactly as on a full disk.
"""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.loaders import load_paths
from graph.pipeline import ingest_article
from graph.store import open_store
from graph.triples import article_graph_iri
from tests.reliability._batch import EXAMPLES, expected_triples, write_batch
from tests.reliability.test_crash import graph_sizes
from tests.support import ROOT, require_program

DRIVER = [sys.executable, "-m", "tests.reliability._ingest_driver"]
DIGICOOP = str(Path(sys.executable).parent / "digicoop")


def as_user(command: list[str]) -> list[str]:
    """``command`` run so that file modes bind it, even when the tests run as root."""
    if os.geteuid() != 0:
        return command
    setpriv = require_program("setpriv", "util-linux")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]


def set_writable(folder: Path, writable: bool) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        write = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
        path.chmod(mode | stat.S_IWUSR if writable else mode & ~write)


@pytest.fixture
def read_only_store(tmp_path: Path) -> Iterator[Path]:
    """A store holding two example articles, its folder then made read-only."""
    folder = tmp_path / "store"
    store = open_store(folder)
    for path in sorted(EXAMPLES.glob("*.txt"))[:2]:
        (result,) = load_paths([str(path)])
        assert result.article is not None
        ingest_article(store, result.article)
    store.close()
    set_writable(folder, False)
    try:
        yield folder
    finally:
        set_writable(folder, True)


def test_a_read_only_store_folder_is_a_clear_error_at_start_and_is_left_intact(
    read_only_store: Path, tmp_path: Path
) -> None:
    store = open_store(read_only_store)
    before = graph_sizes(store)
    store.close()
    assert len(before) == 2

    run = subprocess.run(
        as_user([*DRIVER, str(read_only_store), str(EXAMPLES)]),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stdout.startswith("error StoreUnavailable:")
    assert "read-only" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr

    set_writable(read_only_store, True)
    store = open_store(read_only_store)
    try:
        assert graph_sizes(store) == before
    finally:
        store.close()


def test_the_command_line_says_so_without_a_traceback(read_only_store: Path, tmp_path: Path) -> None:
    run = subprocess.run(
        as_user([DIGICOOP, "ingest", "--store", str(read_only_store), str(EXAMPLES)]),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode != 0
    assert "read-only" in run.stderr
    assert "Traceback" not in run.stderr


def _disk_of_one_megabyte() -> None:
    # Python ignores SIGXFSZ, so a write past the limit fails with EFBIG as on a full disk.
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


@pytest.mark.slow
def test_a_full_disk_is_a_clear_error_on_write_and_loses_nothing_acknowledged(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    write_batch(batch, 1)
    folder = tmp_path / "store"
    run = subprocess.run(
        [*DRIVER, str(folder), str(batch)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_disk_of_one_megabyte,
    )
    lines = run.stdout.splitlines()
    assert run.returncode == 2, run.stdout + run.stderr
    assert lines[0] == "ready"
    assert lines[-1] == "error StoreUnavailable: The store could not be written (disk full or read-only?)."
    acked = lines[1:-1]
    assert acked, "the limit left no room for a single article: nothing was tested"
    assert "Traceback" not in run.stderr

    expected = expected_triples(batch)
    store = open_store(folder)
    try:
        sizes = graph_sizes(store)
        assert len(sizes) == len(acked)
        for iri in acked:
            assert sizes[article_graph_iri(iri)] == expected[iri]
        # With room again, the same store takes the rest of the batch.
        for result in load_paths([str(batch)]):
            assert result.article is not None
            ingest_article(store, result.article)
        assert sorted(graph_sizes(store).values()) == sorted(expected.values())
    finally:
        store.close()
