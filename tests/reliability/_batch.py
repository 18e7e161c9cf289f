"""A batch of articles for crash tests: the examples copied many times, each copy a little changed.

Each copy gets a sentence of its own (and its own URL where the example has one), so every
copy is a distinct article with a distinct IRI, as a news feed with many similar stories is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from graph.articles import iri_for
from graph.loaders import load_paths
from graph.pipeline import prepare
from tests.support import ROOT

EXAMPLES = ROOT / "examples" / "articles"
_URL = re.compile(r"(https?://[^\s\"'<>]+)")


def _note(copy: int) -> str:
    return f"The ministry said follow-up review number {copy} of the programme would take place next year."


def _changed_json(record: dict[str, object], copy: int) -> dict[str, object]:
    changed = dict(record)
    if isinstance(changed.get("text"), str):
        changed["text"] = f"{changed['text']}\n\n{_note(copy)}"
    if isinstance(changed.get("url"), str):
        changed["url"] = f"{changed['url']}-copy-{copy}"
    return changed


def _changed(path: Path, copy: int) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.dumps(_changed_json(json.loads(raw), copy), ensure_ascii=False)
    if path.suffix == ".jsonl":
        lines = [json.loads(line) for line in raw.splitlines() if line.strip()]
        return "\n".join(json.dumps(_changed_json(r, copy), ensure_ascii=False) for r in lines) + "\n"
    raw = _URL.sub(lambda m: f"{m.group(1)}-copy-{copy}", raw)
    if path.suffix == ".html":
        # Into the first paragraph of the body, where no chrome filter can drop it.
        body = raw.index("<body")
        cut = raw.index("<p>", body) + len("<p>")
        return f"{raw[:cut]}{_note(copy)} {raw[cut:]}"
    # Plain text pages carry site chrome: the sentence goes into the first long paragraph.
    lines = raw.split("\n")
    first = next(i for i, line in enumerate(lines) if len(line) > 120)
    lines[first] = f"{_note(copy)} {lines[first]}"
    return "\n".join(lines)


def write_batch(folder: Path, copies: int) -> list[Path]:
    """Write ``copies`` changed copies of every example article into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for copy in range(copies):
        for path in sorted(EXAMPLES.iterdir()):
            target = folder / f"c{copy:03d}-{path.name}"
            target.write_text(_changed(path, copy), encoding="utf-8")
            written.append(target)
    return written


def expected_triples(folder: Path) -> dict[str, int]:
    """Article IRI -> the triple count of its graph, from a fresh in-memory extraction."""
    expected: dict[str, int] = {}
    for result in load_paths([str(folder)]):
        assert result.article is not None, result.error
        iri = iri_for(result.article)
        expected[iri] = prepare(result.article, iri=iri).result.triples
    return expected
