"""Load the example articles at startup, in the background, so the service answers at once.

Every article under ``<examples_dir>/articles`` is ingested unless the store already holds the
same version (same IRI, same content hash), so a restart on a persistent store is quick. Kiwi
and the extractors are imported only when an article actually needs extracting.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from graph import articles
from graph.errors import DigicoopError
from graph.loaders import content_hash, load_paths
from graph.store.base import Store

log = logging.getLogger("digicoop.examples")


@dataclass
class ExamplesSummary:
    ingested: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


def load_examples(store: Store, folder: Path, stop: threading.Event | None = None) -> ExamplesSummary:
    """Ingest every article file under ``folder`` not already stored in the same version."""
    from api.routers.articles import INGEST_LOCK

    summary = ExamplesSummary()
    started = time.monotonic()
    if not folder.is_dir():
        return summary
    for result in load_paths([folder]):
        if stop is not None and stop.is_set():
            break
        if result.article is None:
            summary.failed += 1
            summary.errors.append(f"{result.source}: {result.error}")
            continue
        iri = articles.iri_for(result.article)
        try:
            with INGEST_LOCK:
                if articles.stored_hash(store, iri) == content_hash(result.article.text):
                    summary.unchanged += 1
                    continue
                from graph.pipeline import ingest_article

                ingest_article(store, result.article, iri=iri)
            summary.ingested += 1
        except DigicoopError as exc:
            summary.failed += 1
            summary.errors.append(f"{result.source}: {exc}")
    summary.seconds = time.monotonic() - started
    return summary


class ExamplesLoader:
    """A background thread running :func:`load_examples`; ``stop()`` asks it to finish early."""

    def __init__(self, store: Store, folder: Path) -> None:
        self.store = store
        self.folder = folder
        self.summary: ExamplesSummary | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="digicoop-examples", daemon=True)

    def start(self) -> ExamplesLoader:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self.summary = load_examples(self.store, self.folder, self._stop)
        except Exception:  # the service keeps serving whatever was loaded
            log.exception("loading the examples under %s failed", self.folder)
            return
        s = self.summary
        log.info(
            "examples: %d ingested, %d already stored, %d refused in %.1f s",
            s.ingested,
            s.unchanged,
            s.failed,
            s.seconds,
        )
        for error in s.errors:
            log.warning("example refused: %s", error)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()


def start_examples(store: Store, examples_dir: Path) -> ExamplesLoader | None:
    """Start loading ``examples_dir/articles`` in the background; None when there is nothing to load."""
    folder = Path(examples_dir) / "articles"
    if not folder.is_dir():
        log.info("no example articles under %s", folder)
        return None
    return ExamplesLoader(store, folder).start()
