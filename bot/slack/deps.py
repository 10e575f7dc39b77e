"""What every listener needs, passed in at registration instead of read from globals."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.answer import Answer
from bot.assistant import Assistant
from bot.live import LiveKnowledge
from bot.privacy import looks_like_health_record, redact
from bot.store.database import Store

log = logging.getLogger(__name__)

ANSWER_SECONDS = 10.0  # the most one question may take; answers take milliseconds
REMINDED_KEPT = 10_000  # people whose last reminder day is remembered


class RecentlySeen:
    """A bounded memory of delivery keys, so a retried or doubled event is answered once."""

    def __init__(self, size: int = 10_000) -> None:
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def first_time(self, *keys: str) -> bool:
        """True if none of ``keys`` was seen before; remembers them all either way."""
        fresh = not any(key in self._keys for key in keys if key)
        for key in keys:
            if key:
                self._keys[key] = None
                self._keys.move_to_end(key)
        while len(self._keys) > self._size:
            self._keys.popitem(last=False)
        return fresh


@dataclass
class Deps:
    assistant: Assistant
    store: Store
    admins: frozenset[str] = frozenset()
    live: LiveKnowledge | None = None  # reloading, when the knowledge folder is watched
    seen: RecentlySeen = field(default_factory=RecentlySeen)
    answer_seconds: float = ANSWER_SECONDS
    # who was reminded today not to post health details (Slack ids only, in memory)
    reminded: OrderedDict[str, date] = field(default_factory=OrderedDict)
    # Answers are CPU work on threads: no more at once than there are cores, so the event
    # loop (which acknowledges Slack within its 3 s) is not crowded out of the GIL.
    _answering: asyncio.Semaphore = field(
        default_factory=lambda: asyncio.Semaphore(os.cpu_count() or 1)
    )

    def reminds(self, user_id: str, question: str) -> bool:
        """Whether an answer to ``user_id`` carries the reminder not to post health details:
        their first answer of the day, or a question that looks like it names someone."""
        today = self.assistant.now().date()
        first_today = self.reminded.get(user_id) != today
        self.reminded[user_id] = today
        self.reminded.move_to_end(user_id)
        while len(self.reminded) > REMINDED_KEPT:
            self.reminded.popitem(last=False)
        return first_today or redact(question, self.assistant.engine.knows_word) != question

    def is_health_record(self, text: str) -> bool:
        """``looks_like_health_record`` with the knowledge base's own words not taken for names."""
        return looks_like_health_record(text, self.assistant.engine.knows_word)

    async def screen(self, text: str) -> bool:
        """``is_health_record`` off the event loop (a long message takes milliseconds)."""
        return await asyncio.to_thread(self.is_health_record, text)

    async def answer(self, question: str, *, surface: str, user_id: str, **options: Any) -> Answer:
        """Answer, then record the question (redacted by the store) with its outcome.

        An answer that takes longer than ``answer_seconds`` is given up on: the person is
        told so at once rather than left waiting (the worker thread finishes on its own).
        """
        started = time.perf_counter()
        answer = await self.ask(question, **options)
        await self.record(question, answer, surface, user_id, time.perf_counter() - started)
        return answer

    async def ask(self, question: str, **options: Any) -> Answer:
        """``assistant.ask`` within the time allowed for one question."""
        try:
            async with self._answering:
                return await asyncio.wait_for(
                    self.assistant.ask_async(question, **options), self.answer_seconds
                )
        except TimeoutError:
            log.warning("a question took more than %.0f s; told the asker", self.answer_seconds)
            return self.assistant.too_slow(question)

    async def crisis_centers(self, *, user_id: str) -> Answer:
        """The ``/crisis`` listing, recorded like a question."""
        started = time.perf_counter()
        answer = await self.assistant.crisis_centers_async()
        await self.record("/crisis", answer, "command", user_id, time.perf_counter() - started)
        return answer

    async def record(
        self, question: str, answer: Answer, surface: str, user_id: str, seconds: float
    ) -> None:
        top = answer.results[0] if answer.results else None
        try:
            await self.store.record_question(
                asked_at=self.assistant.now(), surface=surface, user_id=user_id, text=question,
                top_id=top.entry.id if top else None, score=top.score if top else None,
                answered=answer.answered, latency_ms=seconds * 1000,
                known=self.assistant.engine.knows_word,  # its places are not names
            )  # fmt: skip
        except Exception:  # usage records must never cost the officer an answer
            log.exception("could not record a question")
