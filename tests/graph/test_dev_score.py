"""The extraction score on the shared development set must not drop below a floor.

The facts are computed as `digicoop facts` computes them (ingest into a fresh in-memory
store, read back with SPARQL) and scored by the shared scorer itself.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.support import require_shared

# Floors a little under what the extractor reaches, so noise in one article does not fail CI
# but a real regression does.
FLOORS = {"headline_f1": 0.85, "organizations": 0.85, "agreements": 0.85, "countries": 0.85, "events": 0.7}


def _scorer(shared: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("digicoop_dev_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_dev_set_score_holds_its_floor(tmp_path: Path) -> None:
    dev = require_shared("eval", "dev")
    from graph.facts import facts_from_store
    from graph.loaders import load_path
    from graph.pipeline import ingest_article
    from graph.store import open_store

    index = json.loads((dev / "index.json").read_text(encoding="utf-8"))
    for case in index:
        (result,) = load_path(dev / case["file"])
        assert result.article is not None, result.error
        store = open_store(memory=True)
        ingested = ingest_article(store, result.article)
        facts = facts_from_store(store, ingested.article_iri)
        (tmp_path / f"{case['id']}.json").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
        store.close()

    scorer = _scorer(dev.parent.parent)
    tallies = {k: scorer.Tally() for k in scorer.KINDS}
    extra: dict[str, list[int]] = {
        k: []
        for k in (
            "agreement_date",
            "agreement_kind",
            "event_end",
            "event_kind",
            "event_countries_hit",
            "event_countries_gold",
            "event_countries_pred",
        )
    }
    for gold_file in sorted(dev.glob("*.gold.json")):
        art = gold_file.name[: -len(".gold.json")]
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        pred = json.loads((tmp_path / f"{art}.json").read_text(encoding="utf-8"))
        scorer.score_article(gold, pred, tallies, extra)
    f1 = {k: t.prf()[2] for k, t in tallies.items()}
    headline = sum(f1[k] for k in scorer.HEADLINE) / len(scorer.HEADLINE)
    scores = {"headline_f1": headline, **f1}
    low = {k: round(scores[k], 3) for k, floor in FLOORS.items() if scores[k] < floor}
    assert not low, f"below the floor: {low} (floors {FLOORS})"
    assert all(extra["agreement_date"]), "every matched agreement's date must be right"
    assert all(extra["event_end"]), "every matched event's end date must be right"
