"""The assistant every front end talks to: the current engine and the clock.

Front ends (console, Slack) ask here rather than holding an engine, so a reloaded
knowledge base can be swapped in for all of them at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.answer import Answer
from bot.search.engine import Engine
from bot.search.situation import Situation
from bot.status import BOARD_KINDS, Statuses

Clock = Callable[[ZoneInfo], datetime]


class Assistant:
    def __init__(self, engine: Engine, clock: Clock = datetime.now) -> None:
        self.engine = engine
        self._clock = clock

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.engine.timezone)

    def now(self) -> datetime:
        return self._clock(self.zone)

    def ask(
        self, question: str, *, at: datetime | None = None, top: int = 5,
        resources_only: bool = False, statuses: Statuses | None = None,
        areas: tuple[str, ...] = (),
    ) -> Answer:  # fmt: skip
        return self.engine.answer(question, at=at or self.now(), top=top,
                                  resources_only=resources_only, statuses=statuses,
                                  areas=areas)  # fmt: skip

    def entry(
        self, entry_id: str, *, at: datetime | None = None, statuses: Statuses | None = None
    ) -> Answer | None:
        """One entry by id, with its state at ``at`` (a Details button); None if gone."""
        return self.engine.entry(entry_id, at=at or self.now(), statuses=statuses)

    def crisis_centers(
        self, *, at: datetime | None = None, statuses: Statuses | None = None
    ) -> Answer:
        return self.engine.listing(("crisis_center",), at=at or self.now(), statuses=statuses)

    def status_board(
        self, *, at: datetime | None = None, statuses: Statuses | None = None
    ) -> Answer:
        """Every place a status matters for, with its report and whether it is open."""
        return self.engine.listing(BOARD_KINDS, at=at or self.now(), statuses=statuses)

    def too_slow(self, question: str) -> Answer:
        """The answer given when answering ``question`` ran out of time."""
        return Answer(query=question, situation=Situation(at=self.now()), too_slow=True)

    async def ask_async(self, question: str, **options: Any) -> Answer:
        """``ask`` on a worker thread, so the event loop keeps acknowledging Slack meanwhile."""
        return await asyncio.to_thread(self.ask, question, **options)
