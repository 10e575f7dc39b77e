"""What every listener needs, passed in at registration instead of read from globals."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from bot.answer import Answer
from bot.assistant import Assistant
from bot.live import LiveKnowledge
from bot.privacy import looks_like_health_record
from bot.store.database import Store

log = logging.getLogger(__name__)


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

    def is_health_record(self, text: str) -> bool:
        """``looks_like_health_record`` with the knowledge base's own words not taken for names."""
        return looks_like_health_record(text, self.assistant.engine.knows_word)

    async def answer(self, question: str, *, surface: str, user_id: str, **options: Any) -> Answer:
        """Answer, then record the question (redacted by the store) with its outcome."""
        started = time.perf_counter()
        answer = await self.assistant.ask_async(question, **options)
        await self.record(question, answer, surface, user_id, time.perf_counter() - started)
        return answer

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
            )  # fmt: skip
        except Exception:  # usage records must never cost the officer an answer
            log.exception("could not record a question")
