"""Ingest a folder into an embedded store and print each article IRI once its write returned.

Run as ``python -m tests.reliability._ingest_driver STORE FOLDER``: a printed (flushed) line is
the acknowledgement a crash test holds the store to. A digicoop error ends it with a line
``error <class>: <message>`` and exit status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from graph.articles import iri_for
from graph.errors import DigicoopError
from graph.loaders import load_paths
from graph.pipeline import ingest_article
from graph.store import open_store


def main(store_dir: str, folder: str) -> int:
    try:
        store = open_store(Path(store_dir))
        print("ready", flush=True)
        for result in load_paths([folder]):
            assert result.article is not None, result.error
            iri = iri_for(result.article)
            ingest_article(store, result.article, iri=iri)
            print(iri, flush=True)
    except DigicoopError as exc:
        # What a user would be told: the class and the message, never a library's traceback.
        print(f"error {type(exc).__name__}: {exc}", flush=True)
        return 2
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
