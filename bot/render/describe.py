"""Plain-language pieces shared by every front end: criteria, hours, freshness, notices."""

from __future__ import annotations

from datetime import datetime

from bot.knowledge.hours import HoursStatus
from bot.knowledge.model import Resource
from bot.search.eligibility import describe_change
from bot.search.lexicon import KIND_LABELS
from bot.search.needs import age_range

PHI_REMINDER = (
    "Reminder: do not post names, dates of birth or other health information about the person; "
    "describe the situation only."
)
PHI_WARNING = (
    ":no_entry: That message looks like it carries someone's health information (a name with "
    "a date of birth or record number). Share only the minimum necessary: describe the "
    'situation ("intoxicated 16-year-old on a hold"), never who it is. I did not answer '
    "or keep it; please delete it if others can see it."
)
SAMPLE_NOTICE = "SAMPLE DATA: fictional examples; never act on them."
MIXED_SAMPLE_NOTICE = "SAMPLE DATA: entries marked sample are fictional; never act on them."


def sample_notice(mixed: bool) -> str:
    """The warning over an answer showing sample entries (``mixed``: with real ones)."""
    return MIXED_SAMPLE_NOTICE if mixed else SAMPLE_NOTICE


NO_ANSWER = (
    "I don't know that one. I can answer where to take someone (say age, intoxication, hold, "
    "time), give a place's phone, address, hours and admission criteria, explain PMHC toolkit "
    "topics (CIT, co-responders, MOUs, data, training) and define terms like EDP or 5150."
)
TOO_SLOW = (
    "That question took too long to answer, so I stopped. Please ask it again in fewer words."
)

UNSURE_NOTICE = "Not sure I understood; my best match is below. Did you mean this?"

_UNKNOWN = "not listed"


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in … when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def kind_label(resource: Resource) -> str:
    return KIND_LABELS.get(resource.kind, resource.kind)


def hours_line(resource: Resource, status: HoursStatus | None, moment: datetime) -> str:
    """``24/7 — open now`` / ``Mo-Fr 08:00-17:00 — closed, opens Mon 08:00``."""
    if resource.hours is None:
        return f"hours {_UNKNOWN}"
    text = resource.hours.text
    if status is None or status.state == "unknown":
        return f"{text} (open or closed at that time: unknown)"
    if status.is_open:
        if status.next_change is None:
            return f"{text} — open"
        return f"{text} — open, closes {describe_change(status.next_change, moment)}"
    if status.next_change is None:
        return f"{text} — closed"
    return f"{text} — closed, opens {describe_change(status.next_change, moment)}"


def _yes_no(value: bool | None, yes: str, no: str, topic: str) -> str:
    if value is None:
        return f"{topic}: {_UNKNOWN}"
    return yes if value else no


def criteria_phrases(resource: Resource) -> list[str]:
    """Every admission criterion in plain words; what the knowledge base omits says so."""
    if resource.admission is None:
        return ["admission criteria not listed; call ahead"]
    c = resource.admission
    intoxication = {
        "accepted": "accepts intoxicated people",
        "not_accepted": "does not accept intoxicated people",
        "below_limit": (
            f"accepts intoxicated people below BAC {c.max_bac:.2f}"
            if c.max_bac is not None
            else "accepts intoxicated people below a BAC limit"
        ),
        None: f"intoxication: {_UNKNOWN}",
    }[c.intoxication]
    dropoff = _yes_no(c.law_enforcement_dropoff, "police drop-off: yes", "no police drop-off",
                      "police drop-off")  # fmt: skip
    if c.law_enforcement_dropoff and c.dropoff_minutes is not None:
        dropoff += f" (hand-off about {c.dropoff_minutes} min)"
    violence = {"accepted": "accepts violent/combative people",
                "not_accepted": "does not accept violent/combative people",
                None: f"violence: {_UNKNOWN}"}[c.violence]  # fmt: skip
    phrases = [
        age_range(resource) or f"ages: {_UNKNOWN}",
        intoxication,
        _yes_no(c.medical_clearance, "needs medical clearance first", "no medical clearance needed",
                "medical clearance"),
        _yes_no(c.involuntary, "accepts involuntary holds", "voluntary only (no involuntary holds)",
                "involuntary holds"),
        violence,
        _yes_no(c.idd, "serves people with I/DD", "does not serve people with I/DD", "I/DD"),
        dropoff,
        _yes_no(c.walk_in, "walk-ins welcome", "no walk-ins", "walk-ins"),
    ]  # fmt: skip
    if c.excludes:
        phrases.append("excludes: " + ", ".join(c.excludes))
    return phrases
