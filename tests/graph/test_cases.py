"""Golden cases: one folder per article under tests/cases, holding the input and the facts a
careful reader records for it (expected.json, in the form of facts.schema.json).

The facts are computed the way `digicoop facts` computes them (ingest into a fresh store,
read back with SPARQL) and compared fact by fact: an entity is the same when it shares a
name (after folding case, spaces and punctuation); agreements must have the same parties,
kind and date; events the same kind, dates and organizers; projects a shared name or the
same operators; people the same name and role.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

CASES = sorted(p for p in (Path(__file__).resolve().parent.parent / "cases").iterdir() if p.is_dir())
_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)


def _norm(name: str) -> str:
    return _STRIP.sub("", unicodedata.normalize("NFKC", name).casefold())


def _names(entity: dict[str, Any]) -> set[str]:
    raw = entity.get("names") or [entity.get("name", "")]
    return {_norm(n) for n in raw if n}


def _match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> tuple[dict[str, str], list[str]]:
    """Map predicted refs to gold refs one to one; list what is missing or extra."""
    mapping: dict[str, str] = {}
    taken: set[int] = set()
    problems = []
    for p in pred:
        hit = next((i for i, g in enumerate(gold) if i not in taken and _names(p) & _names(g)), None)
        if hit is None:
            problems.append(f"unexpected {p.get('names') or p.get('name')}")
            continue
        taken.add(hit)
        mapping[p["ref"]] = gold[hit]["ref"]
    problems += [f"missing {g.get('names') or g.get('name')}" for i, g in enumerate(gold) if i not in taken]
    return mapping, problems


def _facts(path: Path) -> list[dict[str, Any]]:
    from graph.facts import facts_from_store
    from graph.loaders import load_path
    from graph.pipeline import ingest_article
    from graph.store import open_store

    out = []
    for result in load_path(path):
        assert result.article is not None, result.error
        store = open_store(memory=True)
        try:
            out.append(facts_from_store(store, ingest_article(store, result.article).article_iri))
        finally:
            store.close()
    return out


def differences(gold: dict[str, Any], pred: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for key in ("title", "published", "language", "publisher"):
        if gold["article"].get(key) != pred["article"].get(key):
            problems.append(f"article {key}: {pred['article'].get(key)!r} != {gold['article'].get(key)!r}")
    orgs, found = _match(gold["organizations"], pred["organizations"])
    problems += [f"organization: {p}" for p in found]
    _sites, found = _match(gold["sites"], pred["sites"])
    problems += [f"site: {p}" for p in found]
    people, found = _match(gold.get("people", []), pred.get("people", []))
    problems += [f"person: {p}" for p in found]
    for p in pred.get("people", []):
        g = next((g for g in gold.get("people", []) if g["ref"] == people.get(p["ref"])), None)
        if g is not None and g.get("role") != p.get("role"):
            problems.append(f"person {p['name']}: role {p.get('role')!r} != {g.get('role')!r}")
    if set(gold["countries"]) != set(pred["countries"]):
        problems.append(f"countries: {sorted(pred['countries'])} != {sorted(gold['countries'])}")

    def refs(values: list[str], mapping: dict[str, str]) -> frozenset[str]:
        return frozenset(mapping.get(v, f"?{v}") for v in values)

    expected = {(frozenset(a["parties"]), a["kind"], a["date"]) for a in gold["agreements"]}
    got = {(refs(a["parties"], orgs), a["kind"], a["date"]) for a in pred["agreements"]}
    problems += [f"agreement missing: {sorted(p)} {k} {d}" for p, k, d in expected - got]
    problems += [f"agreement unexpected: {sorted(p)} {k} {d}" for p, k, d in got - expected]
    expected = {(e["kind"], e["start"], e.get("end"), frozenset(e["organizers"])) for e in gold["events"]}
    got = {(e["kind"], e["start"], e.get("end"), refs(e["organizers"], orgs)) for e in pred["events"]}
    problems += [f"event missing: {e}" for e in expected - got]
    problems += [f"event unexpected: {e}" for e in got - expected]
    unmatched = list(gold["projects"])
    for p in pred["projects"]:
        ops = refs(p["operators"], orgs)
        hit = next(
            (
                g
                for g in unmatched
                if _names(p) & _names(g) or (g["operators"] and ops == frozenset(g["operators"]))
            ),
            None,
        )
        if hit is None:
            problems.append(f"project unexpected: {p['names']}")
        else:
            unmatched.remove(hit)
    problems += [f"project missing: {g['names']}" for g in unmatched]
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path) -> None:
    (source,) = [p for p in case.iterdir() if p.name.startswith("input.")]
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    expected = expected if isinstance(expected, list) else [expected]
    predicted = _facts(source)
    assert len(predicted) == len(expected)
    problems = [p for gold, pred in zip(expected, predicted, strict=True) for p in differences(gold, pred)]
    assert problems == []
