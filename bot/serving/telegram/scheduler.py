"""Fair turns for chats: each chat's updates wait in that chat's own queue and are handled in
order, one at a time; chats with something waiting take turns (round robin) for a fixed
number of workers. A chat that sends faster than it can be answered costs the others at most
one answer's time per turn, and beyond a limit its excess is dropped (and it is told once).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)

Item = TypeVar("Item")


@dataclass(frozen=True)
class Job(Generic[Item]):
    """One update to handle: the chat whose turn it takes, and whether it asks for an answer
    (only those count toward the flood limit)."""

    chat: Hashable
    item: Item
    asks: bool = True


class Scheduler(Generic[Item]):
    """Runs `handle` on each submitted job, chats in turn, each chat's jobs in order.
    `finished` is called for every job once handled or dropped; `flooded(chat)` once when a
    chat's waiting questions pass `flood_limit` (and again only after its queue empties)."""

    def __init__(self, handle: Callable[[Item], Awaitable[None]],
                 finished: Callable[[Item], None], flooded: Callable[[Hashable], Awaitable[None]],
                 workers: int, flood_limit: int) -> None:
        self._handle, self._finished, self._flooded = handle, finished, flooded
        self._workers_wanted = workers
        self.flood_limit = flood_limit
        self._queues: dict[Hashable, deque[Job[Item]]] = {}
        self._asking: dict[Hashable, int] = {}  # waiting jobs that ask, per chat
        self._dropped: dict[Hashable, int] = {}  # per chat in its current flood
        self._turns: deque[Hashable] = deque()  # chats with work and no job running
        self._ready = asyncio.Condition()
        self._workers: list[asyncio.Task] = []
        self._running: set[asyncio.Task] = set()
        self._accepting = True

    @property
    def waiting(self) -> int:
        return sum(len(q) for q in self._queues.values())

    def start(self) -> None:
        """Start the workers (once; later calls do nothing)."""
        if not self._workers:
            self._workers = [asyncio.create_task(self._work(), name=f"chat-worker-{i}")
                             for i in range(self._workers_wanted)]

    async def submit(self, job: Job[Item]) -> None:
        """Queue a job behind its chat's earlier ones, or drop it if the chat floods."""
        queue = self._queues.get(job.chat)
        if job.asks and self._asking.get(job.chat, 0) >= self.flood_limit:
            self._drop(job)
            return
        if queue is None:
            queue = self._queues[job.chat] = deque()
            self._turns.append(job.chat)  # a chat with no queue has no job running either
        queue.append(job)
        self._asking[job.chat] = self._asking.get(job.chat, 0) + job.asks
        async with self._ready:
            self._ready.notify()

    def _drop(self, job: Job[Item]) -> None:
        dropped = self._dropped.get(job.chat, 0)
        self._dropped[job.chat] = dropped + 1
        if not dropped:
            logger.warning("Chat %s sends faster than it can be answered: more than %d "
                           "questions waiting; dropping the rest until it catches up", job.chat,
                           self.flood_limit)
            task = asyncio.create_task(self._flooded(job.chat))
            self._running.add(task)
            task.add_done_callback(self._running.discard)
        self._finished(job.item)

    async def _work(self) -> None:
        while self._accepting:
            async with self._ready:
                await self._ready.wait_for(lambda: bool(self._turns) or not self._accepting)
                if not self._accepting:
                    return
                chat = self._turns.popleft()
            queue = self._queues[chat]
            job = queue.popleft()
            self._asking[chat] -= job.asks
            task = asyncio.current_task()
            self._running.add(task)
            try:
                await self._handle(job.item)
            except Exception:  # noqa: BLE001 - one update's failure must not stop the worker
                logger.exception("Handling an update failed")
            finally:
                self._running.discard(task)
            self._finished(job.item)
            if queue:
                self._turns.append(chat)  # to the back: every other chat waiting goes first
                async with self._ready:
                    self._ready.notify()
            else:
                del self._queues[chat], self._asking[chat]
                dropped = self._dropped.pop(chat, 0)
                if dropped:
                    logger.warning("Chat %s caught up; %d question(s) were dropped", chat,
                                   dropped)

    async def stop(self, grace: float) -> int:
        """Start nothing new; give the jobs running `grace` seconds, then cancel them. Return
        how many jobs were left unhandled (their `finished` is not called)."""
        self._accepting = False
        waiting = self.waiting
        self._turns.clear()
        busy = [t for t in self._workers if t in self._running]
        idle = [t for t in self._workers if t not in self._running]
        for task in idle:
            task.cancel()
        done, late = await asyncio.wait(busy, timeout=grace) if busy else (set(), set())
        for task in [*late, *(t for t in self._running if t not in self._workers)]:
            task.cancel()
        await asyncio.gather(*self._workers, *self._running, return_exceptions=True)
        return waiting + len(late)
