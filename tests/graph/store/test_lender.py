"""The lender of idle query processes: first come, first served, to threads and tasks alike."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from graph.store._lender import Lender


def test_an_idle_item_is_lent_at_once_and_comes_back() -> None:
    lender = Lender(["a", "b"])
    assert lender.borrow(0) == "a"
    assert lender.borrow(0) == "b"
    assert lender.borrow(0.01) is None
    lender.give_back("a")
    assert lender.idle() == 1
    assert lender.borrow(0) == "a"


def test_a_thread_waits_until_an_item_is_given_back() -> None:
    lender = Lender(["only"])
    assert lender.borrow(0) == "only"
    got: list[str | None] = []
    waiter = threading.Thread(target=lambda: got.append(lender.borrow(5)))
    waiter.start()
    time.sleep(0.05)
    lender.give_back("only")
    waiter.join(5)
    assert got == ["only"]
    assert lender.idle() == 0


def test_a_task_waits_on_its_loop_and_times_out_without_losing_anything() -> None:
    async def scenario() -> None:
        lender = Lender(["only"])
        held = await lender.aborrow(0)
        assert held == "only"
        assert await lender.aborrow(0.05) is None  # nobody gave it back in time
        waiting = asyncio.create_task(lender.aborrow(5))
        await asyncio.sleep(0.01)
        lender.give_back(held)
        assert await waiting == "only"
        lender.give_back("only")
        assert lender.idle() == 1

    asyncio.run(scenario())


def test_waiters_are_served_in_arrival_order_across_threads_and_tasks() -> None:
    lender: Lender[int] = Lender([])
    order: list[str] = []

    def thread_waiter() -> None:
        item = lender.borrow(5)
        order.append(f"thread:{item}")

    async def scenario() -> None:
        first = asyncio.create_task(lender.aborrow(5))
        await asyncio.sleep(0.02)
        worker = threading.Thread(target=thread_waiter)
        worker.start()
        await asyncio.sleep(0.05)
        third = asyncio.create_task(lender.aborrow(5))
        await asyncio.sleep(0.02)
        # Given back from another thread, as a finished query's process is.
        giver = threading.Thread(target=lambda: [lender.give_back(i) for i in (1, 2, 3)])
        giver.start()
        order.append(f"task:{await first}")
        order.append(f"task:{await third}")
        await asyncio.to_thread(worker.join, 5)
        giver.join(5)

    asyncio.run(scenario())
    assert sorted(order) == ["task:1", "task:3", "thread:2"]


def test_an_item_handed_to_a_cancelled_task_goes_to_the_next_waiter() -> None:
    async def scenario() -> None:
        lender: Lender[str] = Lender([])
        doomed = asyncio.create_task(lender.aborrow(5))
        patient = asyncio.create_task(lender.aborrow(5))
        await asyncio.sleep(0.01)
        lender.give_back("p1")  # handed to the first waiter ...
        doomed.cancel()  # ... whose request goes away before it runs
        with pytest.raises(asyncio.CancelledError):
            await doomed
        assert await patient == "p1"

    asyncio.run(scenario())


def test_a_waiter_whose_loop_has_closed_is_passed_over() -> None:
    lender: Lender[str] = Lender([])
    loop = asyncio.new_event_loop()
    task = loop.create_task(lender.aborrow(5))
    loop.run_until_complete(asyncio.sleep(0.01))  # the task is now waiting
    loop.close()  # as at shutdown, with the task still pending
    lender.give_back("kept")
    assert lender.idle() == 1
    assert not task.done()
