"""Kill -9 in the middle of a batch ingest into the embedded store, then reopen and finish the batch.

The store promises: every article whose write returned is there whole, no article is there in
part (its named graph is complete or absent), and ingesting the batch again completes it
without duplicates.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.store import Store, open_store
from graph.triples import article_graph_iri
from tests.reliability._batch import expected_triples, write_batch
from tests.support import ROOT

pytestmark = pytest.mark.slow

COPIES = 4
ARTICLE_GRAPHS = "https://w3id.org/digicoop/graph/article/"
DCO = "https://w3id.org/digicoop/ontology#"


def graph_sizes(store: Store) -> dict[str, int]:
    """Named graph IRI -> triple count, for every article graph in the store."""
    rows = store.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPHS}")) }} GROUP BY ?g'
    )
    return {str(r["g"]): int(str(r["n"])) for r in rows}


def ingest_until_killed(store_dir: Path, batch: Path, kill_after: int) -> list[str]:
    """Run the ingest driver, SIGKILL it a moment after ``kill_after`` acknowledgements."""
    driver = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability._ingest_driver", str(store_dir), str(batch)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert driver.stdout is not None
    acked: list[str] = []
    try:
        assert driver.stdout.readline().strip() == "ready"
        while len(acked) < kill_after:
            line = driver.stdout.readline()
            assert line, "the driver ended before it could be killed"
            acked.append(line.strip())
        # Somewhere inside the next article's extraction or write, not at a clean boundary.
        time.sleep(random.uniform(0.0, 0.3))
        os.kill(driver.pid, signal.SIGKILL)
        rest, _ = driver.communicate(timeout=30)
    finally:
        if driver.poll() is None:
            driver.kill()
            driver.wait()
    # Lines already written to the pipe before the kill were acknowledged too.
    acked.extend(line for line in rest.splitlines() if line.strip())
    assert driver.returncode == -signal.SIGKILL
    return acked


def test_kill_9_mid_batch_loses_no_acknowledged_article_and_leaves_none_in_part(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    write_batch(batch, COPIES)
    expected = {article_graph_iri(iri): n for iri, n in expected_triples(batch).items()}
    assert len(expected) >= 50, "the batch should hold many distinct articles"
    store_dir = tmp_path / "store"

    acked = ingest_until_killed(store_dir, batch, kill_after=len(expected) // 3)
    assert len(acked) < len(expected), "the driver finished before the kill: nothing was tested"

    store = open_store(store_dir)
    try:
        sizes = graph_sizes(store)
        for iri in acked:
            graph = article_graph_iri(iri)
            assert sizes.get(graph) == expected[graph], f"acknowledged article {iri} is missing or partial"
        partial = {g: n for g, n in sizes.items() if n != expected.get(g)}
        assert not partial, f"article graphs in part after the crash: {partial}"
    finally:
        store.close()

    # The real command line finishes the batch: it skips what is stored and writes the rest.
    done = subprocess.run(
        [str(Path(sys.executable).parent / "digicoop"), "ingest", "--store", str(store_dir), str(batch)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    store = open_store(store_dir)
    try:
        assert graph_sizes(store) == expected
        articles = store.select(
            f"SELECT ?a (COUNT(DISTINCT ?h) AS ?hashes) (COUNT(DISTINCT ?g) AS ?graphs) "
            f"WHERE {{ GRAPH ?g {{ ?a a <{DCO}Article> ; <{DCO}contentHash> ?h }} }} GROUP BY ?a"
        )
        assert len(articles) == len(expected)
        assert all(int(str(r["hashes"])) == 1 and int(str(r["graphs"])) == 1 for r in articles)
    finally:
        store.close()
