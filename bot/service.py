"""The one way every front end asks: console, command line, each Slack listener and button.

``Service.ask`` applies, in one place and in this order: the privacy guard (a message that
pairs a name with a birth date or record number is neither answered nor kept), the answer
within its time budget (on a worker thread, so an event loop keeps acknowledging), and the
record (redacted by the store). It also decides when the reminder not to post health details
goes with an answer. Front ends only draw what it returns; none holds an engine or a store.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.answer import Answer
from bot.assistant import Assistant
from bot.privacy import looks_like_health_record, redact
from bot.store.database import Store

log = logging.getLogger(__name__)

ANSWER_SECONDS = 10.0  # the most one question may take; answers take milliseconds
REMINDED_KEPT = 10_000  # people whose last reminder day is remembered
LISTING = "/crisis"  # how the list of every crisis centre is recorded


@dataclass(frozen=True)
class Reply:
    """What a front end shows: the answer, or nothing when the question was withheld."""

    answer: Answer | None  # None: it looked like someone's health record; not answered, not kept
    remind: bool = False  # show the reminder not to post health details

    @property
    def withheld(self) -> bool:
        return self.answer is None


class Service:
    def __init__(
        self, assistant: Assistant, store: Store | None = None, *,
        answer_seconds: float = ANSWER_SECONDS,
    ) -> None:  # fmt: skip
        """``store``: where questions and votes are recorded; None records nothing."""
        self.assistant = assistant
        self.store = store
        self.answer_seconds = answer_seconds
        # Answers are CPU work on threads: no more at once than there are cores, so an event
        # loop (which acknowledges Slack within its 3 s) is not crowded out of the GIL.
        self._answering = asyncio.Semaphore(os.cpu_count() or 1)
        self._reminded: OrderedDict[str, date] = OrderedDict()  # Slack ids only, in memory

    async def ask(
        self, question: str, *, user_id: str, surface: str, at: datetime | None = None,
        top: int = 5, resources_only: bool = False, record: bool = True,
    ) -> Reply:  # fmt: skip
        """Guard, answer within the time budget, record (``record=False``: a tool's question,
        not usage), and say whether to remind."""
        if await asyncio.to_thread(self.is_health_record, question):
            log.info("withheld a %s message that looked like health information", surface)
            return Reply(None)
        started = time.perf_counter()
        answer = await self._answer(question, at=at, top=top, resources_only=resources_only)
        if record:
            await self._record(question, answer, surface, user_id, time.perf_counter() - started)
        return Reply(answer, self.reminds(user_id, question))

    async def listing(self, *, user_id: str, surface: str, at: datetime | None = None) -> Reply:
        """Every crisis centre, open or closed (``/crisis`` alone), recorded like a question."""
        started = time.perf_counter()
        answer = await asyncio.to_thread(self.assistant.crisis_centers, at=at)
        await self._record(LISTING, answer, surface, user_id, time.perf_counter() - started)
        return Reply(answer, self.reminds(user_id, ""))

    def entry(self, entry_id: str, *, at: datetime | None = None) -> Answer | None:
        """One entry by id, as a Details button shows it; None when it is gone."""
        return self.assistant.entry(entry_id, at=at)

    async def vote(self, *, user_id: str, vote: str, entry_id: str, question: str) -> None:
        if self.store is None:
            return
        try:
            await self.store.record_vote(
                voted_at=self.assistant.now(),
                user_id=user_id,
                vote=vote,
                entry_id=entry_id,
                question=question,
            )
        except Exception:  # feedback must never cost anyone an answer
            log.exception("could not record a vote")

    def is_health_record(self, text: str) -> bool:
        """``looks_like_health_record`` with the knowledge base's own words not taken for names."""
        return looks_like_health_record(text, self.assistant.engine.knows_word)

    def reminds(self, user_id: str, question: str) -> bool:
        """Whether an answer to ``user_id`` carries the reminder not to post health details:
        their first answer of the day, or a question that looks like it names someone."""
        today = self.assistant.now().date()
        first_today = self._reminded.get(user_id) != today
        self._reminded[user_id] = today
        self._reminded.move_to_end(user_id)
        while len(self._reminded) > REMINDED_KEPT:
            self._reminded.popitem(last=False)
        return first_today or redact(question, self.assistant.engine.knows_word) != question

    async def _answer(self, question: str, **options: Any) -> Answer:
        """``assistant.ask`` within the time allowed for one question: past it, the person is
        told so at once rather than left waiting (the worker thread finishes on its own)."""
        try:
            async with self._answering:
                return await asyncio.wait_for(
                    self.assistant.ask_async(question, **options), self.answer_seconds
                )
        except TimeoutError:
            log.warning("a question took more than %.0f s; told the asker", self.answer_seconds)
            return self.assistant.too_slow(question)

    async def _record(
        self, question: str, answer: Answer, surface: str, user_id: str, seconds: float
    ) -> None:
        if self.store is None:
            return
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
