"""Reports for coordinators: stale entries, gaps (what went unanswered or got 👎), usage,
and centres' status reports (how often, how long on diversion, reporters gone quiet).

Computed from the knowledge base and the store; shown in Slack (``/pmhc-admin``), on the
command line (``python -m bot report``) and as CSV.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rapidfuzz import fuzz, process

from bot.knowledge.loader import STALE_AFTER
from bot.knowledge.model import KnowledgeBase
from bot.search.lexicon import STOPWORDS
from bot.search.text import tokens
from bot.status import TURNS_AWAY, CenterStatus
from bot.store.database import Store

SAME_GAP = 80  # token-set similarity (0-100) at which two questions count as one gap


@dataclass(frozen=True)
class StaleEntry:
    id: str
    name: str
    verified: date | None
    days: int | None  # since verified; None when never verified
    where: str


@dataclass(frozen=True)
class Gap:
    question: str  # the most frequent wording
    count: int
    unanswered: int
    thumbs_down: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class DayStats:
    day: date
    questions: int
    answered: int

    @property
    def answered_rate(self) -> float:
        return self.answered / self.questions if self.questions else 0.0


@dataclass(frozen=True)
class Stats:
    since: datetime
    days: tuple[DayStats, ...]
    top_entries: tuple[tuple[str, int], ...]
    votes: tuple[tuple[str, int, int], ...]  # entry id, up, down

    @property
    def questions(self) -> int:
        return sum(d.questions for d in self.days)

    @property
    def answered_rate(self) -> float:
        total = self.questions
        return sum(d.answered for d in self.days) / total if total else 0.0


def stale_entries(knowledge: KnowledgeBase, today: date) -> list[StaleEntry]:
    """Resources never verified or verified over a year ago, oldest first."""
    found = []
    for resource in knowledge.resources:
        age = (today - resource.verified).days if resource.verified else None
        if age is None or timedelta(days=age) > STALE_AFTER:
            found.append(StaleEntry(resource.id, resource.name, resource.verified, age,
                                    str(resource.where)))  # fmt: skip
    return sorted(found, key=lambda s: (s.verified is not None, s.verified or date.min, s.id))


def group_gaps(unanswered: Iterable[str], thumbs_down: Iterable[str]) -> list[Gap]:
    """Similar questions grouped, most frequent first: exact repeats are counted first, then
    each distinct wording joins the first group whose wording is close enough."""
    kinds: Counter[tuple[str, str]] = Counter()
    wordings: dict[str, Counter[str]] = {}
    for kind, texts in (("unanswered", unanswered), ("down", thumbs_down)):
        for text in texts:
            key = _key(text)  # tokenising is the costly part: once per question
            kinds[(key, kind)] += 1
            wordings.setdefault(key, Counter())[text] += 1

    keys = sorted(wordings, key=lambda k: -sum(wordings[k].values()))
    groups: list[list[str]] = []
    leaders: list[str] = []
    for key in keys:
        found = process.extractOne(key, leaders, scorer=fuzz.token_set_ratio, score_cutoff=SAME_GAP)
        if found:
            groups[found[2]].append(key)
        else:
            leaders.append(key)
            groups.append([key])
    gaps = []
    for members in groups:
        texts = Counter()
        for key in members:
            texts.update(wordings[key])
        gaps.append(
            Gap(
                question=texts.most_common(1)[0][0],
                count=sum(texts.values()),
                unanswered=sum(kinds[(k, "unanswered")] for k in members),
                thumbs_down=sum(kinds[(k, "down")] for k in members),
                examples=tuple(t for t, _ in texts.most_common(3)),
            )
        )
    return sorted(gaps, key=lambda g: (-g.count, g.question))


async def gaps(store: Store, since: datetime, team_id: str | None = None) -> list[Gap]:
    """``team_id``: one workspace's (and rows from before workspaces were kept); None: all."""
    unanswered = await store.unanswered_since(since, team_id)
    down = [v.question for v in await store.votes_since(since, team_id)
            if v.vote == "down" and v.question]  # fmt: skip
    return group_gaps(unanswered, down)


async def stats(store: Store, since: datetime, team_id: str | None = None) -> Stats:
    days = tuple(DayStats(d, n, a) for d, n, a in await store.daily_counts(since, team_id))
    tally: dict[str, list[int]] = {}
    for vote in await store.votes_since(since, team_id):
        counts = tally.setdefault(vote.entry_id or "(no answer)", [0, 0])
        counts[0 if vote.vote == "up" else 1] += 1
    votes = tuple(
        sorted(((e, u, d) for e, (u, d) in tally.items()), key=lambda v: (-v[1] - v[2], v[0]))
    )
    return Stats(since, days, tuple(await store.top_entries(since, team_id=team_id)), votes)


def _key(text: str) -> str:
    return " ".join(t for t in tokens(text) if t not in STOPWORDS) or text.lower().strip()


# --- presentation: plain text and CSV -------------------------------------------------


def stale_text(entries: Sequence[StaleEntry]) -> str:
    if not entries:
        return "Every resource was verified within the last year."
    lines = [f"{len(entries)} resources to check with their providers (oldest first):"]
    for e in entries:
        when = f"verified {e.verified} ({e.days} days ago)" if e.verified else "never verified"
        lines.append(f"  {e.id}: {e.name} — {when} — {e.where}")
    return "\n".join(lines)


def gaps_text(found: Sequence[Gap], days: int, limit: int = 25) -> str:
    if not found:
        return f"No unanswered or 👎 questions in the last {days} days."
    lines = [f"Questions without a good answer in the last {days} days (most asked first):"]
    for gap in found[:limit]:
        detail = f"{gap.unanswered} unanswered, {gap.thumbs_down} 👎"
        lines.append(f"  {gap.count}× “{gap.question}” ({detail})")
    if len(found) > limit:
        lines.append(f"  …and {len(found) - limit} more")
    return "\n".join(lines)


def stats_text(report: Stats, days: int) -> str:
    lines = [
        f"Last {days} days: {report.questions} questions, "
        f"{report.answered_rate:.0%} answered.",
        "Per day (UTC): " + ", ".join(
            f"{d.day:%m-%d} {d.questions} ({d.answered_rate:.0%})" for d in report.days
        ) if report.days else "Per day: none",
        "Top answers: " + (", ".join(f"{e} ({n})" for e, n in report.top_entries) or "none"),
        "Feedback: " + (", ".join(f"{e} 👍{u} 👎{d}" for e, u, d in report.votes) or "none"),
    ]  # fmt: skip
    return "\n".join(lines)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def stale_csv(entries: Sequence[StaleEntry]) -> str:
    return to_csv(("id", "name", "verified", "days", "where"),
                  ((e.id, e.name, e.verified or "", e.days if e.days is not None else "", e.where)
                   for e in entries))  # fmt: skip


def gaps_csv(found: Sequence[Gap]) -> str:
    return to_csv(("question", "count", "unanswered", "thumbs_down", "examples"),
                  ((g.question, g.count, g.unanswered, g.thumbs_down, " | ".join(g.examples))
                   for g in found))  # fmt: skip


def stats_csv(report: Stats) -> str:
    """One table: per-day rows (questions, answered), top answers (count), feedback (👍, 👎)."""
    rows: list[tuple[object, ...]] = [("day", d.day, d.questions, d.answered) for d in report.days]
    rows += [("top_answer", e, n, "") for e, n in report.top_entries]
    rows += [("feedback", e, u, d) for e, u, d in report.votes]
    return to_csv(("section", "key", "questions_count_or_up", "answered_or_down"), rows)


REPORTER_QUIET = timedelta(hours=24)  # a place with reporters and no report for this long


@dataclass(frozen=True)
class PlaceStatus:
    """One place's reports over a period: how many, how long it turned people away."""

    resource_id: str
    name: str
    changes: int
    turned_away: timedelta  # on diversion or closed, within the period
    last_report: datetime | None
    reporters: int

    def quiet(self, now: datetime) -> bool:
        """Reporters are named but nobody has reported for a day: the board goes stale."""
        return self.reporters > 0 and (
            self.last_report is None or now - self.last_report > REPORTER_QUIET
        )


def place_statuses(
    history: Sequence[CenterStatus], reporters: Sequence[tuple[str, str]],
    knowledge: KnowledgeBase, since: datetime, now: datetime,
) -> list[PlaceStatus]:  # fmt: skip
    """Per place with reports or reporters: changes since ``since``, time turned away (a
    report lasts until it expires or the next one), the last report, reporters named."""
    by_place: dict[str, list[CenterStatus]] = {}
    for status in sorted(history, key=lambda s: s.reported_at):
        by_place.setdefault(status.resource_id, []).append(status)
    named = Counter(place for place, _ in reporters)
    rows = []
    for place in sorted(set(by_place) | set(named)):
        reports = by_place.get(place, [])
        away = timedelta(0)
        for number, current in enumerate(reports):
            if current.state not in TURNS_AWAY:
                continue
            following = reports[number + 1] if number + 1 < len(reports) else None
            end = min(current.expires_at, following.reported_at if following else now, now)
            start = max(current.reported_at, since)
            away += max(timedelta(0), end - start)
        entry = knowledge.by_id.get(place)
        rows.append(PlaceStatus(
            place, entry.title if entry else place, len(reports), away,
            reports[-1].reported_at if reports else None, named[place],
        ))  # fmt: skip
    return rows


async def statuses(store: Store, knowledge: KnowledgeBase, since: datetime,
                   now: datetime) -> list[PlaceStatus]:  # fmt: skip
    history = await store.status_history(since)
    return place_statuses(history, await store.reporters(), knowledge, since, now)


def statuses_text(rows: Sequence[PlaceStatus], days: int, now: datetime) -> str:
    if not rows:
        return f"No status reports or reporters in the last {days} days."
    lines = [f"Centre status reports, last {days} days:"]
    for row in rows:
        last = row.last_report.astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M") \
            if row.last_report else "never"  # fmt: skip
        hours = row.turned_away.total_seconds() / 3600
        flag = "  ⚠ reporters quiet for over a day" if row.quiet(now) else ""
        lines.append(f"- {row.name}: {row.changes} reports, {hours:.1f} h on diversion or "
                     f"closed, last {last}, {row.reporters} reporters{flag}")  # fmt: skip
    return "\n".join(lines)


def statuses_csv(rows: Sequence[PlaceStatus], now: datetime) -> str:
    return to_csv(
        ("resource_id", "name", "reports", "hours_turned_away", "last_report", "reporters",
         "reporters_quiet"),
        ((r.resource_id, r.name, r.changes, round(r.turned_away.total_seconds() / 3600, 2),
          r.last_report.isoformat(timespec="minutes") if r.last_report else "", r.reporters,
          r.quiet(now)) for r in rows),
    )  # fmt: skip
