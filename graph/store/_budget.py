"""One time budget per request, shared by every call it makes to a remote store.

A request that makes several queries (a search, a page, an ingest) then answers by the query
timeout, rather than after one timeout per query when the engine hangs. The budget lives in a
context variable: worker threads started for the request run in a copy of its context.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# The monotonic time by which the current request must be answered: every endpoint call made for
# it shares what is left, so a request of several queries still ends at its deadline.
_deadline: ContextVar[float | None] = ContextVar("digicoop_remote_deadline", default=None)


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Within this block, calls to a remote endpoint share one budget of ``seconds`` (None: none).

    A nested block replaces the outer deadline (a batch gives each of its items a fresh budget).
    Calls past the deadline raise ``QueryTimeout`` without reaching the endpoint."""
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


@contextmanager
def deadline_paused() -> Iterator[None]:
    """The time spent in this block (work that does not wait on the endpoint) is not charged to
    the current deadline."""
    started = time.monotonic()
    try:
        yield
    finally:
        end = _deadline.get()
        if end is not None:
            _deadline.set(end + time.monotonic() - started)


def time_left() -> float | None:
    """Seconds left before the current deadline, or None when no deadline is set."""
    end = _deadline.get()
    return None if end is None else end - time.monotonic()
