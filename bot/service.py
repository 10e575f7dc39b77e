"""The one way every front end asks: console, command line, each Slack listener and button.

``Service.ask`` applies, in one place and in this order: the privacy guard (a message that
pairs a name with a birth date or record number is neither answered nor kept), the answer
within its time budget (on a worker thread, so an event loop keeps acknowledging) with what
centres report about tonight, and the record (redacted by the store). It also decides when
the reminder not to post health details goes with an answer, takes centres' reports from
those allowed to make them, and keeps who those are. Front ends only draw what it returns.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import os
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.answer import Answer
from bot.assistant import Assistant
from bot.knowledge.model import Resource
from bot.privacy import looks_like_health_record, redact
from bot.status import (
    API_REPORTER,
    DEFAULT_TTL,
    CenterStatus,
    Report,
    Statuses,
    parse_report,
    report_from_fields,
)
from bot.status import describe as describe_status
from bot.store.database import Store

log = logging.getLogger(__name__)

ANSWER_SECONDS = 10.0  # the most one question may take; answers take milliseconds
REMINDED_KEPT = 10_000  # people whose last reminder day is remembered
LISTING = "/crisis"  # how the list of every crisis centre is recorded
STATUS_REFRESH = 2.0  # seconds a read of every centre's status is reused
TOKEN_PREFIX = "pmhc_"  # a status API token; only its SHA-256 is stored


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Reported:
    """The outcome of a status report: the status kept (None if refused) and what to say."""

    status: CenterStatus | None
    message: str


def _which_place(mine: list[str]) -> str:
    if not mine:
        return "Say which place (its id, e.g. `harbor-crc diversion for 4h`)."
    return "You report for several places; say which: " + ", ".join(f"`{p}`" for p in mine)


@dataclass(frozen=True)
class Reply:
    """What a front end shows: the answer, or nothing when the question was withheld."""

    answer: Answer | None  # None: it looked like someone's health record; not answered, not kept
    remind: bool = False  # show the reminder not to post health details


class Service:
    def __init__(
        self, assistant: Assistant, store: Store | None = None, *,
        answer_seconds: float = ANSWER_SECONDS, status_ttl: timedelta = DEFAULT_TTL,
    ) -> None:  # fmt: skip
        """``store``: where questions and votes are recorded; None records nothing."""
        self.assistant = assistant
        self.store = store
        self.answer_seconds = answer_seconds
        # Answers are CPU work on threads: no more at once than there are cores, so an event
        # loop (which acknowledges Slack within its 3 s) is not crowded out of the GIL.
        self._answering = asyncio.Semaphore(os.cpu_count() or 1)
        self._reminded: OrderedDict[str, date] = OrderedDict()  # Slack ids only, in memory
        self.status_ttl = status_ttl
        self._statuses: Statuses = {}
        self._statuses_read = -math.inf
        self._areas: dict[str, tuple[float, tuple[str, ...]]] = {}  # workspace -> (read, areas)

    async def ask(
        self, question: str, *, user_id: str, surface: str, at: datetime | None = None,
        top: int = 5, resources_only: bool = False, record: bool = True,
        team_id: str | None = None,
    ) -> Reply:  # fmt: skip
        """Guard, answer within the time budget, record (``record=False``: a tool's question,
        not usage; ``team_id``: the workspace it came from), and say whether to remind."""
        health_record, names_someone = await asyncio.to_thread(self._screen, question)
        if health_record:
            log.info("withheld a %s message that looked like health information", surface)
            return Reply(None)
        started = time.perf_counter()
        answer = await self._answer(question, at=at, top=top, resources_only=resources_only,
                                    statuses=await self.statuses(),
                                    areas=await self.areas(team_id))  # fmt: skip
        if record:
            await self._record(question, answer, surface, user_id,
                               time.perf_counter() - started, team_id)  # fmt: skip
        return Reply(answer, self.reminds(user_id, names_someone))

    async def listing(
        self, *, user_id: str, surface: str, at: datetime | None = None,
        team_id: str | None = None,
    ) -> Reply:  # fmt: skip
        """Every crisis centre, open or closed (``/crisis`` alone), recorded like a question."""
        started = time.perf_counter()
        answer = await asyncio.to_thread(self.assistant.crisis_centers, at=at,
                                         statuses=await self.statuses())  # fmt: skip
        await self._record(LISTING, answer, surface, user_id, time.perf_counter() - started,
                           team_id)  # fmt: skip
        return Reply(answer, self.reminds(user_id, names_someone=False))

    async def entry(self, entry_id: str, *, at: datetime | None = None) -> Answer | None:
        """One entry by id, as a Details button shows it; None when it is gone."""
        return self.assistant.entry(entry_id, at=at, statuses=await self.statuses())

    async def board(self) -> Answer:
        """Every place whose status matters, with its latest report and whether it is open."""
        return await asyncio.to_thread(self.assistant.status_board,
                                       statuses=await self.statuses())  # fmt: skip

    async def statuses(self) -> Statuses:
        """Each place's latest report, read at most every ``STATUS_REFRESH`` seconds, so a
        report made through another process applies here within that."""
        if self.store is not None and time.monotonic() - self._statuses_read > STATUS_REFRESH:
            try:
                self._statuses = await self.store.latest_statuses()
                self._statuses_read = time.monotonic()
            except Exception:  # answering goes on with the reports last read
                log.exception("could not read centre statuses")
        return self._statuses

    async def areas(self, team_id: str | None) -> tuple[str, ...]:
        """The places the asking workspace's agency serves, re-read at most every
        ``STATUS_REFRESH`` seconds (an admin may have just set them, in any process)."""
        if self.store is None or not team_id:
            return ()
        read_at, areas = self._areas.get(team_id, (-math.inf, ()))
        if time.monotonic() - read_at > STATUS_REFRESH:
            try:
                areas = await self.store.areas(team_id)
                self._areas[team_id] = (time.monotonic(), areas)
            except Exception:
                log.exception("could not read a workspace's areas")
        return areas

    async def set_areas(self, team_id: str, areas: Sequence[str]) -> None:
        assert self.store is not None
        await self.store.set_areas(team_id, areas)
        self._areas.pop(team_id, None)

    async def report(
        self, text: str, *, user_id: str, admin: bool = False,
        member_of: Callable[[str], Awaitable[bool]] | None = None, team_id: str | None = None,
    ) -> Reported:  # fmt: skip
        """Take a report typed as ``[PLACE] STATE [beds N] [for 4h | until 18:00] [note]``
        from ``user_id``: an admin, or a reporter for the place (``member_of(group)`` says
        whether they are in a user group named as one). Refusals are logged, not kept."""
        now = self.assistant.now()
        parsed = parse_report(text, now, self.status_ttl)
        if isinstance(parsed, str):
            return Reported(None, parsed)
        if self.store is None:
            return Reported(None, "Statuses need the database (DATABASE_URL); none is open.")
        mine = await self.places_of(user_id, member_of, team_id)
        place = parsed.resource_id
        if place is None:
            if len(mine) != 1:
                return Reported(None, _which_place(mine))
            place = mine[0]
        resource = self.assistant.engine.knowledge.by_id.get(place)
        if not isinstance(resource, Resource):
            return Reported(None, f"No place with the id `{place[:80]}` in the knowledge base.")
        if not admin and place not in mine:
            log.warning("refused a status for %s from %s: not a reporter", place, user_id)
            return Reported(None, f"You are not a reporter for {resource.name}; an admin can "
                                  "add you (`/pmhc-admin reporter add`).")  # fmt: skip
        return await self._keep(place, parsed, now, reporter=user_id, team_id=team_id)

    async def report_fields(
        self, place: str, fields: object, team_id: str | None = None
    ) -> Reported:
        """A report from a centre's own system (JSON fields), for the place its token is for
        (made in workspace ``team_id``)."""
        now = self.assistant.now()
        parsed = report_from_fields(fields, now, self.status_ttl)
        if isinstance(parsed, str):
            return Reported(None, parsed)
        return await self._keep(place, parsed, now, reporter=API_REPORTER, team_id=team_id)

    async def create_token(self, place: str, *, by: str, team_id: str | None = None) -> str:
        """A new token for ``place``'s own system; shown once, only its hash is kept."""
        assert self.store is not None
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        await self.store.add_token(token_hash(token), place, created_by=by,
                                   at=self.assistant.now(), team_id=team_id)  # fmt: skip
        return token

    async def token_place(self, token: str) -> tuple[str, str | None] | None:
        """The place a live token reports for, and the workspace that made it."""
        if self.store is None or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        return await self.store.token_place(token_hash(token))

    async def _keep(
        self, place: str, report: Report, now: datetime, *, reporter: str,
        team_id: str | None = None,
    ) -> Reported:  # fmt: skip
        assert self.store is not None
        resource = self.assistant.engine.knowledge.by_id.get(place)
        if not isinstance(resource, Resource):
            return Reported(None, f"No place with the id `{place[:80]}` in the knowledge base.")
        status = CenterStatus(place, report.state, now, report.expires_at, report.beds,
                              report.note, reporter, team_id)  # fmt: skip
        await self.store.record_status(status)
        self._statuses_read = -math.inf  # the next answer reads it back
        log.info("status of %s set to %s by %s", place, report.state, reporter)
        return Reported(status, f"{resource.name}: {describe_status(status, now)}.")

    async def places_of(
        self, user_id: str, member_of: Callable[[str], Awaitable[bool]] | None,
        team_id: str | None = None,
    ) -> list[str]:  # fmt: skip
        """The places ``user_id`` reports for in workspace ``team_id``, directly or through
        a user group."""
        assert self.store is not None
        places = []
        for place, reporter in await self.store.reporters(team_id=team_id):
            if reporter == user_id or (
                reporter.startswith("S") and member_of is not None and await member_of(reporter)
            ):
                places.append(place)
        return sorted(set(places))

    async def vote(
        self, *, user_id: str, vote: str, entry_id: str, question: str,
        team_id: str | None = None,
    ) -> None:  # fmt: skip
        if self.store is None:
            return
        try:
            await self.store.record_vote(
                voted_at=self.assistant.now(),
                user_id=user_id,
                vote=vote,
                entry_id=entry_id,
                question=question,
                team_id=team_id,
            )
        except Exception:  # feedback must never cost anyone an answer
            log.exception("could not record a vote")

    def _screen(self, text: str) -> tuple[bool, bool]:
        """Whether ``text`` looks like someone's health record (a name with a birth date or
        record number), and whether it seems to name anyone at all; the knowledge base's own
        words are not taken for names. CPU work: callers run it on a worker thread."""
        known = self.assistant.engine.knows_word
        return looks_like_health_record(text, known), redact(text, known) != text

    def reminds(self, user_id: str, names_someone: bool) -> bool:
        """Whether an answer to ``user_id`` carries the reminder not to post health details:
        their first answer of the day, or a question that seems to name someone."""
        today = self.assistant.now().date()
        first_today = self._reminded.get(user_id) != today
        self._reminded[user_id] = today
        self._reminded.move_to_end(user_id)
        while len(self._reminded) > REMINDED_KEPT:
            self._reminded.popitem(last=False)
        return first_today or names_someone

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
        self, question: str, answer: Answer, surface: str, user_id: str, seconds: float,
        team_id: str | None = None,
    ) -> None:  # fmt: skip
        if self.store is None:
            return
        top = answer.results[0] if answer.results else None
        try:
            await self.store.record_question(
                asked_at=self.assistant.now(), surface=surface, user_id=user_id, text=question,
                top_id=top.entry.id if top else None, score=top.score if top else None,
                answered=answer.answered, latency_ms=seconds * 1000,
                known=self.assistant.engine.knows_word,  # its places are not names
                team_id=team_id,
            )  # fmt: skip
        except Exception:  # usage records must never cost the officer an answer
            log.exception("could not record a question")
