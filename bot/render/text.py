"""Answer -> plain text, for the console chat and ``ask`` without ``--json``."""

from __future__ import annotations

from datetime import date

from bot.answer import Answer, Match
from bot.knowledge.model import Faq, GlossaryTerm, Resource, Section
from bot.render.describe import (
    MAX_EXCLUDED_SHOWN,
    NO_ANSWER,
    PHI_REMINDER,
    SAMPLE_NOTICE,
    TOO_SLOW,
    UNSURE_NOTICE,
    contact_parts,
    criteria_phrases,
    hours_line,
    kind_label,
    verified_note,
)

SAMPLE_BADGE = "[SAMPLE DATA]"


def render_text(answer: Answer, *, today: date | None = None) -> str:
    today = today or answer.at.date()
    lines: list[str] = []
    if answer.shows_example_data:
        lines += [SAMPLE_NOTICE, ""]
    if answer.unsure:
        lines.append(UNSURE_NOTICE)
    elif answer.situation.placement and answer.results:
        lines.append(f"Places that can take this person at {answer.at:%a %H:%M}:")
    for number, match in enumerate(answer.results, start=1):
        lines += _match_lines(number, match, answer, today, full=number == 1)
        lines.append("")
    if not answer.results:
        if answer.excluded:
            lines.append("No place in the knowledge base fits every need stated.")
        else:
            lines.append(TOO_SLOW if answer.too_slow else NO_ANSWER)
    if answer.more:
        lines.append(f"({answer.more} more; ask with a higher --top to see them)")
    if answer.excluded:
        lines.append("Left out:")
        for left_out in answer.excluded[:MAX_EXCLUDED_SHOWN]:
            badge = f" {SAMPLE_BADGE}" if left_out.resource.example else ""
            lines.append(f"  • {left_out.resource.name}{badge}: {'; '.join(left_out.reasons)}")
        if len(answer.excluded) > MAX_EXCLUDED_SHOWN:
            lines.append(f"  …and {len(answer.excluded) - MAX_EXCLUDED_SHOWN} more")
    if answer.suggestions:
        lines.append(
            ("Or: " if answer.unsure else "Did you mean: ") + " | ".join(answer.suggestions)
        )
    if answer.area and answer.results:
        lines.append(f"Area: {answer.area}")
    lines += ["", PHI_REMINDER]
    return "\n".join(lines).strip() + "\n"


def _match_lines(number: int, match: Match, answer: Answer, today: date, full: bool) -> list[str]:
    entry = match.entry
    if isinstance(entry, Resource):
        return _resource_lines(number, match, entry, answer, today)
    if isinstance(entry, Section):
        lines = [f"{number}. {entry.title}"]
        if entry.path:
            lines.append("   " + " › ".join(entry.path))
        if entry.summary:
            lines.append(_indent(entry.summary))
        if full and entry.body:
            lines.append(_indent(entry.body))
        lines += [f"   → {link.title}: {link.url}" for link in entry.links]
        return lines
    if isinstance(entry, Faq):
        lines = [f"{number}. {entry.questions[0]}", _indent(entry.answer)]
        return lines + [f"   → {link.title}: {link.url}" for link in entry.links]
    assert isinstance(entry, GlossaryTerm)
    also = f" (also: {', '.join(entry.aliases)})" if entry.aliases else ""
    return [f"{number}. {entry.term}{also}", _indent(entry.definition)]


def _resource_lines(
    number: int, match: Match, resource: Resource, answer: Answer, today: date
) -> list[str]:
    badge = f" {SAMPLE_BADGE}" if resource.example else ""
    lines = [f"{number}. {resource.name} — {kind_label(resource)}{badge}"]
    if resource.summary:
        lines.append(_indent(resource.summary))
    contact = contact_parts(resource)
    if contact:
        lines.append("   " + " · ".join(contact))
    if resource.address:
        lines.append(f"   {resource.address}")
    lines.append("   Hours: " + hours_line(resource, match.status, answer.at))
    lines.append("   Takes: " + " · ".join(criteria_phrases(resource)))
    if resource.criteria.notes:
        lines.append(_indent("Note: " + resource.criteria.notes))
    lines += [f"   ⚠ {caveat}" for caveat in match.caveats]
    lines.append("   " + verified_note(resource, today))
    return lines


def _indent(text: str) -> str:
    return "\n".join("   " + line if line.strip() else "" for line in text.strip().splitlines())
