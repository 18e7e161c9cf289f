"""SPARQL JSON results written by the engine, within the row cap, for query processes.

Writing results row by row in Python costs about a seventh of a small query's time; the engine
writes them for nearly nothing. It cannot stop at the row cap, though, so it writes into a
buffer that refuses more than ``LIMIT`` bytes: a result that large goes back to the row-by-row
writer, which stops at the cap, and memory stays bounded either way.
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12

LIMIT = 1 << 20


class _Full(Exception):
    pass


class _Buffer(io.BytesIO):
    def __init__(self, limit: int | None) -> None:
        super().__init__()
        self.limit = limit

    def write(self, chunk: Buffer, /) -> int:
        if self.limit is not None and self.tell() + len(memoryview(chunk)) > self.limit:
            raise _Full
        return super().write(chunk)


def native_json(result: ox.QuerySolutions, max_rows: int | None) -> bytes | None:
    """``result`` as SPARQL JSON with at most ``max_rows`` rows, or None when it runs past
    ``LIMIT`` bytes (``result`` is then spent: the query must run again)."""
    buffer = _Buffer(None if max_rows is None else LIMIT)
    try:
        result.serialize(output=buffer, format=ox.QueryResultsFormat.JSON)
    except _Full:
        return None
    body = buffer.getvalue()
    # A row takes at least three bytes ("{},"): a shorter body is within the cap unread.
    if max_rows is None or len(body) < 3 * max_rows + 2:
        return body
    doc = json.loads(body)
    bindings = doc["results"]["bindings"]
    if len(bindings) <= max_rows:
        return body
    doc["results"]["bindings"] = bindings[:max_rows]
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
