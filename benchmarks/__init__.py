"""``make bench``: digicoop's speed beside a baseline measured in the same run.

Each benchmark returns a :class:`Section`: rows of measurements (ours and the baselines), the
targets from the issues with whether they were met, and notes. ``python -m benchmarks`` prints
them as tables and writes them to ``bench-results/latest.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

Value = float | int | str | None


@dataclass
class Target:
    """One goal from an issue: what it asks, what was measured, and whether it was met."""

    name: str
    goal: str
    measured: str
    met: bool | None  # None: could not be measured in this run


@dataclass
class Section:
    title: str
    columns: list[str]
    rows: list[dict[str, Value]] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, name: str, values: Mapping[str, Value], note: str | None = None) -> None:
        row: dict[str, Value] = {"name": name, **values}
        if note:
            row["note"] = note
        self.rows.append(row)

    def row(self, name: str) -> dict[str, Value]:
        for row in self.rows:
            if row["name"] == name:
                return row
        raise KeyError(name)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


__all__ = ["Section", "Target", "Value"]
