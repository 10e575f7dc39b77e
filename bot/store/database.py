"""The store: open (and migrate) a database, record usage, read it back for reports."""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import hmac
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Table,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot.privacy import redact, redact_arguments
from bot.status import CenterStatus
from bot.store.schema import (
    admin_actions,
    center_status,
    meta,
    questions,
    seen_deliveries,
    status_reporters,
    status_tokens,
    votes,
    workspace_admins,
    workspace_channels,
    workspace_settings,
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SEEN_KEPT = timedelta(days=1)  # how long a delivery already answered is remembered


@dataclass(frozen=True)
class QuestionRow:
    asked_at: datetime
    surface: str
    text: str
    top_id: str | None
    score: float | None
    answered: bool
    latency_ms: float


@dataclass(frozen=True)
class VoteRow:
    voted_at: datetime
    vote: str
    entry_id: str | None
    question: str | None


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _migrate(connection: Connection) -> None:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


class Store:
    """One database shared by any number of bot processes. Build with ``await Store.open()``."""

    def __init__(self, engine: AsyncEngine, salt: bytes) -> None:
        self.engine = engine
        self._salt = salt
        self._lookups: AsyncEngine | None = None

    @property
    def lookups(self) -> AsyncEngine:
        """A second, small pool on the same database for what Slack's 3-second ack waits
        on (each workspace's token), so it never queues behind the usage writes."""
        if self.engine.url.database in (None, "", ":memory:"):
            return self.engine  # a second engine would open another, empty, database
        if self._lookups is None:
            self._lookups = create_async_engine(self.engine.url, pool_pre_ping=True,
                                                pool_size=4, max_overflow=4)  # fmt: skip
        return self._lookups

    @classmethod
    async def open(cls, url: str, salt: bytes) -> Store:
        """Connect and run migrations; ``salt`` hashes user ids (see ``bot.store.salt``)."""
        parsed = make_url(url)
        sqlite_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (
            None, "", ":memory:"
        )  # fmt: skip
        if sqlite_file:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, pool_pre_ping=True)
        # PostgreSQL serialises migrations with an advisory lock (see migrations/env.py);
        # processes sharing one SQLite file take turns through a lock file beside it
        with _file_lock(Path(f"{parsed.database}.lock") if sqlite_file else None):
            async with engine.begin() as connection:
                await connection.run_sync(_migrate)
                # earlier versions kept the salt here, beside the hashes it protects
                await connection.execute(delete(meta).where(meta.c.key == "salt"))
        return cls(engine, salt)

    async def close(self) -> None:
        await self.engine.dispose()
        if self._lookups is not None:
            await self._lookups.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def user_hash(self, user_id: str) -> str:
        """Who asked, as a salted hash: counts distinct users, identifies nobody."""
        return hmac.new(self._salt, user_id.encode(), hashlib.sha256).hexdigest()[:32]

    async def record_question(
        self, *, asked_at: datetime, surface: str, user_id: str, text: str,
        top_id: str | None, score: float | None, answered: bool, latency_ms: float,
        known: Callable[[str], bool] = lambda word: False, team_id: str | None = None,
    ) -> None:  # fmt: skip
        """``known(word)``: the knowledge base uses the word, so redaction does not take it
        for a name where only a weak sign points to one ("Mercy is on divert")."""
        # milliseconds for a long message: not on the event loop
        redacted = await asyncio.to_thread(redact, text, known)
        row = {
            "asked_at": _utc(asked_at), "surface": surface, "user_hash": self.user_hash(user_id),
            "text": redacted, "top_id": top_id, "score": score, "answered": answered,
            "latency_ms": latency_ms, "team_id": team_id,
        }  # fmt: skip
        async with self.engine.begin() as connection:
            await connection.execute(insert(questions), row)

    async def record_questions(self, rows: Sequence[dict[str, Any]]) -> None:
        """Many questions at once (seeding, imports): the same fields as ``record_question``."""
        prepared = [
            {**{k: v for k, v in row.items() if k != "user_id"},
             "asked_at": _utc(row["asked_at"]), "text": redact(row["text"]),
             "user_hash": self.user_hash(row["user_id"])}
            for row in rows
        ]  # fmt: skip
        async with self.engine.begin() as connection:
            await connection.execute(insert(questions), prepared)

    async def record_vote(
        self, *, voted_at: datetime, user_id: str, vote: str, entry_id: str | None,
        question: str | None, team_id: str | None = None,
    ) -> None:  # fmt: skip
        row = {
            "voted_at": _utc(voted_at), "user_hash": self.user_hash(user_id), "vote": vote,
            "entry_id": entry_id or None, "question": redact(question) if question else None,
            "team_id": team_id,
        }  # fmt: skip
        async with self.engine.begin() as connection:
            await connection.execute(insert(votes), row)

    async def record_admin_action(
        self, *, acted_at: datetime, user_id: str, action: str, allowed: bool,
        detail: str | None = None, team_id: str | None = None,
    ) -> None:  # fmt: skip
        # an admin's arguments may hold what was pasted by mistake ("stats John Smith")
        detail = redact_arguments(detail) if detail else None
        row = {"acted_at": _utc(acted_at), "user_id": user_id, "action": action,
               "allowed": allowed, "detail": detail, "team_id": team_id}  # fmt: skip
        async with self.engine.begin() as connection:
            await connection.execute(insert(admin_actions), row)

    async def record_status(self, status: CenterStatus) -> None:
        """Keep a report; the place's latest is its status."""
        row = {
            "resource_id": status.resource_id, "state": status.state, "beds": status.beds,
            "note": redact(status.note) if status.note else None,
            "reported_at": _utc(status.reported_at), "expires_at": _utc(status.expires_at),
            "reporter": status.reporter, "team_id": status.team_id,
        }  # fmt: skip
        async with self.engine.begin() as connection:
            await connection.execute(insert(center_status), row)

    async def latest_statuses(self) -> dict[str, CenterStatus]:
        """Each place's latest report, expired or not (an answer shows an expired one so)."""
        latest = select(func.max(center_status.c.id)).group_by(center_status.c.resource_id)
        query = select(center_status).where(center_status.c.id.in_(latest.scalar_subquery()))
        async with self.engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return {row["resource_id"]: _status(row) for row in rows}

    async def status_history(self, since: datetime) -> list[CenterStatus]:
        query = select(center_status).where(center_status.c.reported_at >= _utc(since))
        async with self.engine.connect() as connection:
            rows = (await connection.execute(query.order_by(center_status.c.id))).mappings()
            return [_status(row) for row in rows]

    async def add_reporter(self, resource_id: str, reporter: str, *, added_by: str,
                           at: datetime, team_id: str | None = None) -> bool:  # fmt: skip
        """Let ``reporter`` report for ``resource_id`` (named in workspace ``team_id``);
        False if they already could."""
        row = {"resource_id": resource_id, "reporter": reporter, "added_by": added_by,
               "added_at": _utc(at), "team_id": team_id}  # fmt: skip
        async with self.engine.begin() as connection:
            return await self._insert_new(connection, status_reporters, row)

    async def remove_reporter(self, resource_id: str, reporter: str,
                              team_id: str | None = None) -> bool:  # fmt: skip
        """Remove a reporter workspace ``team_id`` named (or one named before workspaces)."""
        where = ((status_reporters.c.resource_id == resource_id)
                 & (status_reporters.c.reporter == reporter)
                 & _of_team(status_reporters, team_id))  # fmt: skip
        async with self.engine.begin() as connection:
            return (await connection.execute(delete(status_reporters).where(where))).rowcount > 0

    async def reporters(
        self, resource_id: str | None = None, team_id: str | None = None
    ) -> list[tuple[str, str]]:
        """(place, reporter) pairs, of one place or of all, that workspace ``team_id`` named
        (None: every workspace's), in order."""
        query = select(status_reporters.c.resource_id, status_reporters.c.reporter).where(
            _of_team(status_reporters, team_id)
        )
        if resource_id is not None:
            query = query.where(status_reporters.c.resource_id == resource_id)
        query = query.order_by(status_reporters.c.resource_id, status_reporters.c.reporter)
        async with self.engine.connect() as connection:
            return [(r[0], r[1]) for r in (await connection.execute(query)).all()]

    async def add_token(self, token_hash: str, resource_id: str, *, created_by: str,
                        at: datetime, team_id: str | None = None) -> None:  # fmt: skip
        row = {"token_hash": token_hash, "resource_id": resource_id, "created_by": created_by,
               "created_at": _utc(at), "revoked_at": None, "team_id": team_id}  # fmt: skip
        async with self.engine.begin() as connection:
            await connection.execute(insert(status_tokens), row)

    async def token_place(self, token_hash: str) -> tuple[str, str | None] | None:
        """The place a live (not revoked) token reports for and the workspace that made it;
        None for any other token."""
        query = select(status_tokens.c.resource_id, status_tokens.c.team_id).where(
            (status_tokens.c.token_hash == token_hash) & status_tokens.c.revoked_at.is_(None)
        )
        async with self.engine.connect() as connection:
            row = (await connection.execute(query)).one_or_none()
        return (row[0], row[1]) if row else None

    async def revoke_tokens(self, resource_id: str, *, at: datetime,
                            team_id: str | None = None) -> int:  # fmt: skip
        """Revoke every live token of ``resource_id`` that workspace ``team_id`` made (or
        that was made before workspaces); how many there were."""
        async with self.engine.begin() as connection:
            done = await connection.execute(
                update(status_tokens)
                .where((status_tokens.c.resource_id == resource_id)
                       & status_tokens.c.revoked_at.is_(None)
                       & _of_team(status_tokens, team_id))
                .values(revoked_at=_utc(at)))  # fmt: skip
        return done.rowcount

    async def add_admin(self, team_id: str, user_id: str, *, added_by: str,
                        at: datetime) -> bool:  # fmt: skip
        """Make ``user_id`` an admin of workspace ``team_id``; False if they were one."""
        row = {"team_id": team_id, "user_id": user_id, "added_by": added_by,
               "added_at": _utc(at)}  # fmt: skip
        async with self.engine.begin() as connection:
            return await self._insert_new(connection, workspace_admins, row)

    async def remove_admin(self, team_id: str, user_id: str) -> bool:
        async with self.engine.begin() as connection:
            return await _delete_key(connection, workspace_admins, team_id=team_id,
                                     user_id=user_id)  # fmt: skip

    async def is_admin(self, team_id: str | None, user_id: str) -> bool:
        if not team_id:
            return False
        query = select(func.count()).where(
            (workspace_admins.c.team_id == team_id) & (workspace_admins.c.user_id == user_id)
        )
        async with self.engine.connect() as connection:
            return bool((await connection.execute(query)).scalar())

    async def areas(self, team_id: str | None) -> tuple[str, ...]:
        """The places workspace ``team_id``'s agency serves; none set: ()."""
        if not team_id:
            return ()
        query = select(workspace_settings.c.areas).where(workspace_settings.c.team_id == team_id)
        async with self.engine.connect() as connection:
            found = (await connection.execute(query)).scalar_one_or_none()
        return tuple(json.loads(found)) if found else ()

    async def set_areas(self, team_id: str, areas: Sequence[str]) -> None:
        async with self.engine.begin() as connection:
            await _delete_key(connection, workspace_settings, team_id=team_id)
            if areas:
                row = {"team_id": team_id, "areas": json.dumps(list(areas))}
                await connection.execute(insert(workspace_settings), row)

    async def channel(self, team_id: str | None, purpose: str) -> str | None:
        """Workspace ``team_id``'s channel for ``purpose``, if it set one."""
        if not team_id:
            return None
        query = select(workspace_channels.c.channel).where(
            (workspace_channels.c.team_id == team_id) & (workspace_channels.c.purpose == purpose)
        )
        async with self.engine.connect() as connection:
            return (await connection.execute(query)).scalar_one_or_none()

    async def set_channel(self, team_id: str, purpose: str, channel: str | None) -> None:
        """Set (``None``: clear) workspace ``team_id``'s channel for ``purpose``."""
        async with self.engine.begin() as connection:
            await _delete_key(connection, workspace_channels, team_id=team_id, purpose=purpose)
            if channel:
                row = {"team_id": team_id, "purpose": purpose, "channel": channel}
                await connection.execute(insert(workspace_channels), row)

    async def installed_bots(self) -> list[tuple[str | None, str | None, bool]]:
        """Every workspace or org that installed the bot by OAuth and has not uninstalled:
        (enterprise id, team id, org-wide), from the installation store's own table."""
        query = text("SELECT DISTINCT enterprise_id, team_id, is_enterprise_install "
                     "FROM slack_bots ORDER BY enterprise_id, team_id")  # fmt: skip
        async with self.engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [(enterprise, team, bool(org_wide)) for enterprise, team, org_wide in rows]

    async def first_delivery(self, keys: Sequence[str], at: datetime) -> bool:
        """Remember ``keys``; True if none was remembered before, by this process or any
        other on the database (its primary key decides a race between two)."""
        fresh = True
        async with self.engine.begin() as connection:
            for key in (key[:200] for key in keys if key):
                row = {"key": key, "seen_at": _utc(at)}
                fresh = await self._insert_new(connection, seen_deliveries, row) and fresh
        return fresh

    async def _insert_new(
        self, connection: AsyncConnection, table: Table, row: dict[str, Any]
    ) -> bool:
        """Insert ``row`` unless its primary key is there already (the database decides,
        so two processes racing insert it once); whether it was inserted."""
        dialect_insert = postgresql_insert if self.dialect == "postgresql" else sqlite_insert
        done = await connection.execute(dialect_insert(table).values(row).on_conflict_do_nothing())
        return done.rowcount == 1

    async def purge(self, before: datetime) -> int:
        """Delete questions and votes older than ``before``; returns how many rows went."""
        async with self.engine.begin() as connection:
            gone = await connection.execute(
                delete(questions).where(questions.c.asked_at < _utc(before))
            )
            gone_votes = await connection.execute(
                delete(votes).where(votes.c.voted_at < _utc(before))
            )
            # a delivery is retried within minutes; a day of memory is plenty
            await connection.execute(delete(seen_deliveries).where(
                seen_deliveries.c.seen_at < _utc(datetime.now(UTC) - SEEN_KEPT)))  # fmt: skip
        return gone.rowcount + gone_votes.rowcount

    async def questions_since(self, since: datetime) -> list[QuestionRow]:
        query = select(
            questions.c.asked_at, questions.c.surface, questions.c.text, questions.c.top_id,
            questions.c.score, questions.c.answered, questions.c.latency_ms,
        ).where(questions.c.asked_at >= _utc(since)).order_by(questions.c.asked_at)  # fmt: skip
        async with self.engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [QuestionRow(_aware(r[0]), *r[1:]) for r in rows]

    async def unanswered_since(self, since: datetime, team_id: str | None = None) -> list[str]:
        query = select(questions.c.text).where(
            questions.c.asked_at >= _utc(since), questions.c.answered.is_(False),
            _of_team(questions, team_id),
        )  # fmt: skip
        async with self.engine.connect() as connection:
            return list((await connection.execute(query)).scalars())

    async def votes_since(self, since: datetime, team_id: str | None = None) -> list[VoteRow]:
        query = select(votes.c.voted_at, votes.c.vote, votes.c.entry_id, votes.c.question).where(
            votes.c.voted_at >= _utc(since), _of_team(votes, team_id)
        )
        async with self.engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [VoteRow(_aware(r[0]), *r[1:]) for r in rows]

    async def daily_counts(
        self, since: datetime, team_id: str | None = None
    ) -> list[tuple[date, int, int]]:
        """(day in UTC, questions, answered) per day, oldest first, counted by the database."""
        day = (
            func.date(questions.c.asked_at)
            if self.dialect == "sqlite"
            else cast(questions.c.asked_at, Date)
        )
        answered = func.sum(case((questions.c.answered.is_(True), 1), else_=0))
        query = (
            select(day.label("day"), func.count(), answered)
            .where(questions.c.asked_at >= _utc(since), _of_team(questions, team_id))
            .group_by(day)
            .order_by(day)
        )
        async with self.engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [(_as_date(d), int(n), int(a or 0)) for d, n, a in rows]

    async def top_entries(
        self, since: datetime, limit: int = 10, team_id: str | None = None
    ) -> list[tuple[str, int]]:
        query = (
            select(questions.c.top_id, func.count().label("n"))
            .where(
                questions.c.asked_at >= _utc(since),
                questions.c.answered.is_(True),
                _of_team(questions, team_id),
            )
            .group_by(questions.c.top_id)
            .order_by(func.count().desc(), questions.c.top_id)
            .limit(limit)
        )
        async with self.engine.connect() as connection:
            return [(r[0], int(r[1])) for r in (await connection.execute(query)).all()]

    async def admin_actions(self, limit: int = 50) -> list[tuple[datetime, str, str, bool]]:
        query = (
            select(admin_actions.c.acted_at, admin_actions.c.user_id, admin_actions.c.action,
                   admin_actions.c.allowed)
            .order_by(admin_actions.c.acted_at.desc())
            .limit(limit)
        )  # fmt: skip
        async with self.engine.connect() as connection:
            return [(_aware(r[0]), r[1], r[2], r[3]) for r in (await connection.execute(query))]


@contextmanager
def _file_lock(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


async def _delete_key(connection: AsyncConnection, table: Table, **key: str) -> bool:
    """Delete the row of ``table`` whose key columns equal ``key``; whether there was one."""
    where = and_(*(table.c[column] == value for column, value in key.items()))
    return (await connection.execute(delete(table).where(where))).rowcount > 0


def _of_team(table: Table, team_id: str | None) -> ColumnElement[bool]:
    """Rows of workspace ``team_id`` and those stored before workspaces were kept (any
    workspace's); every row when ``team_id`` is None (an operator)."""
    if team_id is None:
        return true()
    return or_(table.c.team_id == team_id, table.c.team_id.is_(None))


def _status(row: Any) -> CenterStatus:
    return CenterStatus(
        resource_id=row["resource_id"], state=row["state"], beds=row["beds"], note=row["note"],
        reported_at=_aware(row["reported_at"]), expires_at=_aware(row["expires_at"]),
        reporter=row["reporter"], team_id=row["team_id"],
    )  # fmt: skip


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
