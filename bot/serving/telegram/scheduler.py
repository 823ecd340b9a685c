"""Fair turns for chats and for the members of a group: each member's updates wait in that
member's own queue (a private chat has one member) and are handled in order; a chat handles
one update at a time (its sending budget is one: Telegram allows about 20 messages a minute
in a group), its members taking turns, the one answered least since the chat was last idle
first (then the one waiting longest); chats with something waiting take turns (round robin)
for a fixed number of workers. A member who sends faster than they can be answered costs
the others at most one answer's time, and beyond a limit their excess is dropped (and they
are told once); nobody else's question is dropped for it.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)

Item = TypeVar("Item")


@dataclass(frozen=True)
class Job(Generic[Item]):
    """One update to handle: the chat whose turn it takes, the member of a group who sent it
    (None in a private chat), and whether it asks for an answer (only those count toward the
    flood limit)."""

    chat: Hashable
    item: Item
    asks: bool = True
    member: Hashable = None


@dataclass
class _Chat(Generic[Item]):
    """What a chat has waiting: each member's queue (jobs with their arrival number), and
    how many answers each member got since the chat was last idle."""

    queues: dict[Hashable, deque[tuple[int, Job[Item]]]] = field(default_factory=dict)
    served: dict[Hashable, int] = field(default_factory=dict)

    def next_member(self) -> Hashable:
        """The member whose turn it is: answered least, then waiting longest."""
        return min(self.queues, key=lambda m: (self.served.get(m, 0), self.queues[m][0][0]))


class Scheduler(Generic[Item]):
    """Runs `handle` on each submitted job, chats in turn, each chat's members in turn, each
    member's jobs in order. `finished` is called for every job once handled or dropped;
    `flooded(item)` once when a member's waiting questions pass `flood_limit` (with the first
    update dropped; again only after their queue empties)."""

    def __init__(self, handle: Callable[[Item], Awaitable[None]],
                 finished: Callable[[Item], None], flooded: Callable[[Item], Awaitable[None]],
                 workers: int, flood_limit: int) -> None:
        self._handle, self._finished, self._flooded = handle, finished, flooded
        self._workers_wanted = workers
        self.flood_limit = flood_limit
        self._chats: dict[Hashable, _Chat[Item]] = {}
        self._asking: dict[tuple[Hashable, Hashable], int] = {}  # waiting jobs that ask
        self._dropped: dict[tuple[Hashable, Hashable], int] = {}  # in the member's flood
        self._turns: deque[Hashable] = deque()  # chats with work and no job running
        self._arrivals = itertools.count()
        self._ready = asyncio.Condition()
        self._workers: list[asyncio.Task] = []
        self._running: set[asyncio.Task] = set()
        self._accepting = True

    @property
    def waiting(self) -> int:
        return sum(len(q) for chat in self._chats.values() for q in chat.queues.values())

    def start(self) -> None:
        """Start the workers (once; later calls do nothing)."""
        if not self._workers:
            self._workers = [asyncio.create_task(self._work(), name=f"chat-worker-{i}")
                             for i in range(self._workers_wanted)]

    async def submit(self, job: Job[Item]) -> None:
        """Queue a job behind its member's earlier ones, or drop it if the member floods."""
        who = (job.chat, job.member)
        if job.asks and self._asking.get(who, 0) >= self.flood_limit:
            self._drop(job)
            return
        chat = self._chats.get(job.chat)
        if chat is None:
            chat = self._chats[job.chat] = _Chat()
            self._turns.append(job.chat)  # a chat with nothing queued has no job running
        chat.queues.setdefault(job.member, deque()).append((next(self._arrivals), job))
        self._asking[who] = self._asking.get(who, 0) + job.asks
        async with self._ready:
            self._ready.notify()

    def _drop(self, job: Job[Item]) -> None:
        who = (job.chat, job.member)
        dropped = self._dropped.get(who, 0)
        self._dropped[who] = dropped + 1
        if not dropped:
            logger.warning("%s sends faster than it can be answered: more than %d questions "
                           "waiting; dropping the rest until it catches up", _name(*who),
                           self.flood_limit)
            task = asyncio.create_task(self._flooded(job.item))
            self._running.add(task)
            task.add_done_callback(self._running.discard)
        self._finished(job.item)

    async def _work(self) -> None:
        while self._accepting:
            async with self._ready:
                await self._ready.wait_for(lambda: bool(self._turns) or not self._accepting)
                if not self._accepting:
                    return
                key = self._turns.popleft()
            chat = self._chats[key]
            member = chat.next_member()
            queue = chat.queues[member]
            _, job = queue.popleft()
            self._asking[key, member] -= job.asks
            task = asyncio.current_task()
            self._running.add(task)
            try:
                await self._handle(job.item)
            except Exception:  # noqa: BLE001 - one update's failure must not stop the worker
                logger.exception("Handling an update failed")
            finally:
                self._running.discard(task)
            self._finished(job.item)
            chat.served[member] = chat.served.get(member, 0) + job.asks
            if not queue:
                del chat.queues[member], self._asking[key, member]
                dropped = self._dropped.pop((key, member), 0)
                if dropped:
                    logger.warning("%s caught up; %d question(s) were dropped",
                                   _name(key, member), dropped)
            if chat.queues:
                self._turns.append(key)  # to the back: every other chat waiting goes first
                async with self._ready:
                    self._ready.notify()
            else:
                del self._chats[key]

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


def _name(chat: Hashable, member: Hashable) -> str:
    """Who floods, for a log line: "Chat 42", or "User 7 in chat -100"."""
    return f"Chat {chat}" if member is None else f"User {member} in chat {chat}"
