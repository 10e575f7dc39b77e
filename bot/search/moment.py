"""When a question asks about: "at 2am" (the coming one), "friday night around 9",
"tonight" (before dawn, now), "tomorrow 8am", or the moment it was asked."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.search.text import DIGIT, folded_pattern

Span = tuple[int, int]


_CLOCK = folded_pattern(
    r"\b(?:at\s+|around\s+|@\s*)?(\d{1,2})(?::([0-5]\d))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])"
)
_CLOCK_24 = folded_pattern(r"\b(?:at\s+|around\s+)?([01]?\d|2[0-3]):([0-5]\d)\b")
_MILITARY = folded_pattern(r"\b(?:at\s+|around\s+)?([01]\d|2[0-3])([0-5]\d)\s*(?:hrs|hours|h)\b")
_NAMED_TIMES = (
    (folded_pattern(r"\bnoon\b|\bmidday\b"), time(12, 0)),
    (folded_pattern(r"\bmidnight\b"), time(0, 0)),
    (
        folded_pattern(
            r"\b(tonight|tonite|this evening|late night|overnight|middle of the night)\b"
        ),
        time(23, 0),
    ),
    (folded_pattern(r"\bthis morning|early morning\b"), time(8, 0)),
    (folded_pattern(r"\bthis afternoon\b"), time(15, 0)),
)
_NOW = folded_pattern(r"\b(right now|now|rn|currently|at the moment|atm|asap)\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = folded_pattern(
    r"\b(?:on\s+|this\s+|next\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
    r"(?:\s+(night|morning|evening|afternoon))?\b"
)
_PART_OF_DAY = {"night": time(23, 0), "morning": time(10, 0), "evening": time(19, 0),
                "afternoon": time(15, 0)}  # fmt: skip
_TOMORROW = folded_pattern(r"\b(?:tomorrow|tmrw|tmw)(?:\s+(night|morning|evening|afternoon))?\b")
_NIGHT = folded_pattern(r"\b(tonight|tonite|overnight|middle of the night)\b")
# a time of day that has just passed still means today ("at 10pm" asked at 22:20)...
PAST_GRACE = timedelta(hours=1)
# ...and before dawn, "tonight" is the night already under way
EARLY_MORNING_ENDS = 6


# a time the story is told from, not one asked about: "drinking since noon", "up since 4am",
# "last drink this morning", "discharged from the ER at 3pm"
_SINCE = folded_pattern(
    r"\b(?:since|from|(?:(?:last|first) (?:drink|drank|use|used|dose|ate|meal|seen|saw|slept|"
    r"heard from)|drank|used|discharged|released|happened|started|began|left|got out|"
    r"ran (?:away|off)|took off|walked (?:off|out)|took)(?:\s+[\w']+){0,4}?)\s+"
    r"(?:at\s+|about\s+|around\s+)?(?:\d{1,2}(?::[0-5]\d)?\s*(?:a\.?m\.?|p\.?m\.?)?"
    r"|noon|midday|midnight|this morning|this afternoon|last night|tonight)(?![\w:])"
)


# how long, not when: "a cot overnight", "keep him overnight"
_FOR_THE_NIGHT = folded_pattern(
    r"\b(?:cot|bed|stay|place|spot|room|sleep|crash|somewhere|keep (?:him|her|them))\s+overnight\b"
)


def read_moment(text: str, now: datetime, drop: list[Span]) -> tuple[datetime, bool]:
    """The moment asked about: ``now`` with the day and time of day the question names."""
    text = _SINCE.sub(lambda m: " " * len(m.group(0)), text)
    text = _FOR_THE_NIGHT.sub(lambda m: " " * len(m.group(0)), text)
    day, stated, part_of_day = now, False, None
    if match := _TOMORROW.search(text):
        day, stated = now + timedelta(days=1), True
        part_of_day = _PART_OF_DAY.get(match.group(1) or "")
        drop.append(match.span())
    elif match := _WEEKDAY.search(text):
        index = _WEEKDAYS.index(match.group(1))
        day, stated = now + timedelta(days=(index - now.weekday()) % 7), True
        part_of_day = _PART_OF_DAY.get(match.group(2) or "")
        drop.append(match.span())
    # a clock time needs a digit: most questions have none, and one scan says so
    said = (_clock(text, drop) or _bare_hour(text, drop)) if DIGIT.search(text) else None
    clock = said or _named_time(text, drop) or part_of_day
    if clock is not None:
        if _NIGHT.search(text) and now.hour < EARLY_MORNING_ENDS and not stated:
            return now, True  # "tonight" at 01:30 is now, not 23:00
        moment = day.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
        if clock.hour < 12 and now - moment > PAST_GRACE and _twelve_hour(text):
            moment += timedelta(hours=12)  # "5:30 today" asked at 15:00: half past five pm
        if now - moment > PAST_GRACE:  # "at 2am" asked at 23:00: the coming one
            moment += timedelta(days=7 if stated else 1)
        day, stated = moment, True
    drop.extend(match.span() for match in _NOW.finditer(text))
    return day, stated


def _named_time(text: str, drop: list[Span]) -> time | None:
    for pattern, clock in _NAMED_TIMES:
        if match := pattern.search(text):
            drop.append(match.span())
            return clock
    return None


# "around 9" with no am/pm: read only when the day part says which ("friday night around 9")
_BARE_HOUR = folded_pattern(
    r"\b(?:at|around|about|@|by)\s+(\d{1,2})\b(?!\s*(?:y|yo|year|min|hour|hr|:|\.|%))"
)
_EVENING = folded_pattern(r"\b(?:tonight|tonite|night|evening|pm)\b")
_MORNING = folded_pattern(r"\b(?:morning|am)\b")


def _bare_hour(text: str, drop: list[Span]) -> time | None:
    match = _BARE_HOUR.search(text)
    if not match or not 1 <= int(match.group(1)) <= 12:
        return None
    hour = int(match.group(1)) % 12
    if _EVENING.search(text):
        hour += 12
    elif not _MORNING.search(text):
        return None
    drop.append(match.span())
    return time(hour, 0)


# "5:30" with neither am nor pm nor a part of the day: on a 12-hour clock, either one
_TWELVE_HOUR = folded_pattern(r"(?<![\d:])(?:[1-9]|1[0-2]):[0-5]\d(?![\d:]|\s*(?:a|p)\.?m)")


def _twelve_hour(text: str) -> bool:
    return bool(_TWELVE_HOUR.search(text)) and not (_EVENING.search(text) or _MORNING.search(text))


def _clock(text: str, drop: list[Span]) -> time | None:
    match = _CLOCK.search(text)
    if match:
        hour = int(match.group(1))
        if 1 <= hour <= 12:
            minute = int(match.group(2) or 0)
            pm = match.group(3).startswith("p")
            drop.append(match.span())
            return time((hour % 12) + (12 if pm else 0), minute)
    for pattern in (_CLOCK_24, _MILITARY):
        match = pattern.search(text)
        if match:
            drop.append(match.span())
            hour = int(match.group(1))
            if pattern is _CLOCK_24 and 1 <= hour < 12 and _EVENING.search(text):
                hour += 12  # "11:30 friday night"
            return time(hour, int(match.group(2)))
    return None
