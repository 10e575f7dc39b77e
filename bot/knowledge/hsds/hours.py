"""HSDS schedules (iCalendar-like rows) to OpenStreetMap ``opening_hours``, the knowledge
base's hours syntax.

HSDS gives times as wall-clock ``HH:MM[:SS]`` with at most a UTC offset, never a zone, so
the times are read as local to the zone the importer is told (an offset is dropped). A
closing time before the opening time runs past midnight (``19:00-07:00``), as in OSM.
``00:00``-``23:59`` on every day, with no dates, is ``24/7``. Several rows add up (OSM's
``,``), so two rows for the same day both count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.knowledge.hsds.source import Row

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_OSM_DAY = {day: day.title() for day in DAYS}
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_NTH_DAY = re.compile(r"([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ALL_DAY = ("00:00", "23:59")


@dataclass(frozen=True)
class Hours:
    """``text`` in OSM syntax (None: unknown), and why rows could not be read (problems,
    each naming its row) or were left out (notes for the reviewer)."""

    text: str | None
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def opening_hours(rows: Sequence[Row], today: date) -> Hours:
    """The opening hours ``rows`` describe, as of ``today`` (a date range already over is
    dropped; an open start already past needs no date)."""
    rules: list[str] = []
    problems: list[str] = []
    notes: list[str] = []
    whole_week_all_day = False
    for row in rows:
        rule = _rule(row, today, problems, notes)
        if rule is None:
            continue
        if rule == _week(ALL_DAY):
            whole_week_all_day = True
        rules.append(rule)
    if problems:
        return Hours(None, tuple(problems), tuple(notes))
    if not rules:
        return Hours(None, (), tuple(notes))
    if whole_week_all_day:
        return Hours("24/7", (), tuple(notes))
    return Hours(", ".join(dict.fromkeys(rules)), (), tuple(notes))


def _week(times: tuple[str, str]) -> str:
    return f"Mo-Su {times[0]}-{_closing(times)}"


def _closing(times: tuple[str, str]) -> str:
    return "24:00" if times == ALL_DAY else times[1]


def _rule(row: Row, today: date, problems: list[str], notes: list[str]) -> str | None:
    known = len(problems)
    opens, closes = _time(row, "opens_at", problems), _time(row, "closes_at", problems)
    if opens is None or closes is None:
        if len(problems) == known:  # nothing malformed, just not said
            notes.append(f"{row.where}: no opening or closing time; hours left unknown")
        return None
    freq = (row.get("freq") or "WEEKLY").upper()
    byday = [d.strip().upper() for d in row.get("byday").split(",") if d.strip()]
    if freq not in ("WEEKLY", "MONTHLY"):
        problems.append(f"{row.where}: freq {row.get('freq')!r} is not WEEKLY or MONTHLY")
        return None
    if row.get("bymonthday") or row.get("byweekno") or row.get("byyearday"):
        notes.append(f"{row.where}: bymonthday/byweekno/byyearday have no OSM form here; "
                     "hours left unknown")  # fmt: skip
        return None
    days = (_weekdays if freq == "WEEKLY" else _monthly)(byday, row, problems)
    if days is None:
        return None
    span = _dates(row, today, problems)
    if span is None:
        return None
    if span == "over":
        notes.append(f"{row.where}: its dates are over; left out")
        return None
    times = f"{opens}-{_closing((opens, closes))}"
    return " ".join(part for part in (span, days, times) if part)


def _time(row: Row, column: str, problems: list[str]) -> str | None:
    value = row.get(column)
    if not value:
        return None
    found = _TIME.fullmatch(value)
    if found is None or int(found[1]) > 24 or int(found[2]) > 59:
        problems.append(f"{row.where}: {column} {value!r} is not a time (HH:MM)")
        return None
    return f"{int(found[1]):02d}:{found[2]}"


def _weekdays(byday: list[str], row: Row, problems: list[str]) -> str | None:
    if not byday:
        return "Mo-Su"
    unknown = [d for d in byday if d not in DAYS]
    if unknown:
        problems.append(f"{row.where}: byday {row.get('byday')!r} names no weekday "
                        "(MO..SU)")  # fmt: skip
        return None
    return day_ranges(sorted(set(byday), key=DAYS.index))


def day_ranges(days: Sequence[str]) -> str:
    """``MO,TU,WE`` -> ``Mo-We``; two in a row are listed (``Sa,Su``); all seven ``Mo-Su``."""
    runs: list[list[str]] = []
    for day in days:
        if runs and DAYS.index(day) == DAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{_OSM_DAY[run[0]]}-{_OSM_DAY[run[-1]]}")
        else:
            parts.extend(_OSM_DAY[d] for d in run)
    return ",".join(parts)


def _monthly(byday: list[str], row: Row, problems: list[str]) -> str | None:
    parts = []
    for item in byday:
        found = _NTH_DAY.fullmatch(item)
        if found is None or not found[1]:
            problems.append(f"{row.where}: MONTHLY byday {item!r} is not like 1SA or -1FR")
            return None
        parts.append(f"{_OSM_DAY[found[2]]}[{int(found[1])}]")
    if not parts:
        problems.append(f"{row.where}: MONTHLY needs byday such as 1SA or -1FR")
        return None
    return ",".join(parts)


def _dates(row: Row, today: date, problems: list[str]) -> str | None:
    """The rule's date prefix: "" for none, "over" for a range already ended."""
    start = _date(row, ("valid_from", "dtstart"), problems)
    end = _date(row, ("valid_to", "until"), problems)
    if start is False or end is False:
        return None
    if end is not None and end < today:
        return "over"
    if start is not None and start > today:
        return f"{_osm_date(start)}-{_osm_date(end)}" if end else f"{_osm_date(start)}+"
    if end is not None:
        return f"{_osm_date(start or today)}-{_osm_date(end)}"
    return ""


def _date(row: Row, columns: tuple[str, ...], problems: list[str]) -> date | bool | None:
    """The first of ``columns`` set, as a date; False when one is not a date."""
    values = [(c, row.get(c)) for c in columns if row.get(c)]
    if not values:
        return None
    column, value = values[0]
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        problems.append(f"{row.where}: {column} {value!r} is not a date (YYYY-MM-DD)")
        return False


def _osm_date(day: date) -> str:
    return f"{day.year} {_MONTHS[day.month - 1]} {day.day:02d}"


_RULE = re.compile(
    r"(?:(?P<from>\d{4} [A-Z][a-z]{2} \d{2})(?:-(?P<to>\d{4} [A-Z][a-z]{2} \d{2})|(?P<on>\+)) )?"
    r"(?:(?P<days>[A-Za-z0-9,\[\]-]+) )?"
    r"(?P<times>\d{2}:\d{2}-\d{2}:\d{2}(?:,\d{2}:\d{2}-\d{2}:\d{2})*)"
)
_DAY_RANGE = re.compile(r"(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?")
_NTH = re.compile(r"(Mo|Tu|We|Th|Fr|Sa|Su)\[(-?[1-5])\]")


def schedule_rows(text: str) -> list[dict[str, str]] | None:
    """HSDS schedule fields for OSM ``text``, or None when its form has no HSDS rows
    (public holidays, week numbers, comments...): the exact text travels as an attribute."""
    if text.strip() == "24/7":
        return [_row(DAYS, "WEEKLY", "00:00", "24:00")]
    rows = []
    for rule in re.split(r";\s*|,\s+", text.strip()):
        found = _RULE.fullmatch(rule.strip())
        if found is None:
            return None
        days, freq = _days(found["days"])
        if days is None:
            return None
        for span in found["times"].split(","):
            opens, closes = span.split("-")
            row = _row(days, freq, opens, closes)
            if found["from"]:
                row["valid_from"] = _iso(found["from"])
            if found["to"]:
                row["valid_to"] = _iso(found["to"])
            rows.append(row)
    return rows


def _days(text: str | None) -> tuple[list[str] | None, str]:
    if not text:
        return list(DAYS), "WEEKLY"
    if "[" in text:
        nth = [_NTH.fullmatch(part) for part in text.split(",")]
        if not all(nth):
            return None, "MONTHLY"
        return [f"{int(m[2])}{m[1].upper()}" for m in nth if m], "MONTHLY"
    days: list[str] = []
    for part in text.split(","):
        found = _DAY_RANGE.fullmatch(part)
        if found is None:
            return None, "WEEKLY"
        first = DAYS.index(found[1].upper())
        last = DAYS.index((found[2] or found[1]).upper())
        span = range(first, last + 1) if last >= first else [*range(first, 7), *range(last + 1)]
        days += [DAYS[i] for i in span]
    return list(dict.fromkeys(days)), "WEEKLY"


def _row(days: Sequence[str], freq: str, opens: str, closes: str) -> dict[str, str]:
    closes = "23:59" if closes == "24:00" else closes  # HSDS's way of saying "to midnight"
    return {"freq": freq, "wkst": "MO", "byday": ",".join(days),
            "opens_at": f"{opens}:00", "closes_at": f"{closes}:00"}  # fmt: skip


def _iso(osm: str) -> str:
    year, month, day = osm.split()
    return f"{year}-{_MONTHS.index(month) + 1:02d}-{day}"
