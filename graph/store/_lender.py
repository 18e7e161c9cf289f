"""Idle query processes lent first come, first served, to threads and event-loop tasks alike.

A ``queue.Queue`` serves only threads: an event-loop task had to borrow a thread to wait on it,
and under load that hand-off (a thread woken, the GIL passed back and forth, a callback to the
loop) cost more than the query itself. Here a task waits on a future of its own loop, a thread
on an event, and whoever returns an item hands it straight to the longest waiter.
"""

from __future__ import annotations

import asyncio
import collections
import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class _Waiter(Generic[T]):
    __slots__ = ("delivered", "event", "future", "item", "loop")

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self.loop = loop
        self.future: asyncio.Future[None] | None = loop.create_future() if loop is not None else None
        self.event = threading.Event() if loop is None else None
        self.delivered = False
        self.item: T | None = None

    def deliver(self, item: T) -> bool:
        """Give ``item`` to this waiter (the lender's lock held); False if its loop has closed."""
        if self.event is not None:
            self.item, self.delivered = item, True
            self.event.set()
            return True
        assert self.loop is not None and self.future is not None
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            _wake(self.future)
        else:
            try:
                self.loop.call_soon_threadsafe(_wake, self.future)
            except RuntimeError:  # the loop is closed: nobody is waiting there any more
                return False
        self.item, self.delivered = item, True
        return True


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class Lender(Generic[T]):
    """Items (query processes) lent one caller at a time; ``give_back`` returns them."""

    def __init__(self, items: list[T] | None = None) -> None:
        self._idle: collections.deque[T] = collections.deque(items or ())
        self._waiters: collections.deque[_Waiter[T]] = collections.deque()
        self._lock = threading.Lock()

    def borrow(self, timeout: float) -> T | None:
        """An idle item, waiting up to ``timeout`` seconds on this thread; None when none came."""
        with self._lock:
            if self._idle and not self._waiters:
                return self._idle.popleft()
            waiter: _Waiter[T] = _Waiter()
            self._waiters.append(waiter)
        assert waiter.event is not None
        waiter.event.wait(max(timeout, 0.0))
        with self._lock:
            if not waiter.delivered:
                self._waiters.remove(waiter)
                return None
        return waiter.item

    async def aborrow(self, timeout: float) -> T | None:
        """``borrow`` for an event-loop task: waits on the loop, never on a thread."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._idle and not self._waiters:
                return self._idle.popleft()
            waiter: _Waiter[T] = _Waiter(loop)
            self._waiters.append(waiter)
        assert waiter.future is not None
        try:
            async with asyncio.timeout(max(timeout, 0.0)):
                await waiter.future
        except TimeoutError:
            pass
        except asyncio.CancelledError:
            # The request went away: an item handed over meanwhile goes to the next waiter.
            with self._lock:
                if not waiter.delivered:
                    self._waiters.remove(waiter)
                    raise
            assert waiter.item is not None
            self.give_back(waiter.item)
            raise
        with self._lock:
            if not waiter.delivered:
                self._waiters.remove(waiter)
                return None
        return waiter.item

    def give_back(self, item: T) -> None:
        """Return ``item``: to the longest waiter, or to the idle ones."""
        with self._lock:
            while self._waiters:
                if self._waiters.popleft().deliver(item):
                    return
            self._idle.append(item)

    def idle(self) -> int:
        with self._lock:
            return len(self._idle)
