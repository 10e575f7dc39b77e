"""``/center-status``: crisis centres report tonight's state; everyone else sees the board.

Alone, from a place's reporter, it opens a form (place, state, beds, for how long, note);
from anyone else, or with ``board``, it shows every place's latest report. As text,
``/center-status [PLACE] accepting|limited|diversion|closed [beds N] [for 4h | until 18:00]
[note]``. Either way the service checks who may report (a place's reporters, a user
group's members, admins) and refuses anyone else politely; each change is announced in
every workspace's status channel (``bot.slack.notify``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.blocks import escape, fallback_text, render_blocks
from bot.service import Reported
from bot.slack.deps import Deps, workspace
from bot.slack.notify import announce_status

log = logging.getLogger(__name__)

COMMAND = "/center-status"
BOARD_WORDS = frozenset({"", "board", "status"})


def register(app: AsyncApp, deps: Deps) -> None:
    @app.command(COMMAND)
    async def center_status(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                            client: AsyncWebClient, context: AsyncBoltContext) -> None:  # fmt: skip
        await ack()
        text = (command.get("text") or "").strip()
        user, team = command.get("user_id", ""), workspace(context)
        if not text:  # a reporter gets the form for their place(s); anyone else the board
            mine = await deps.service.places_of(user, group_member(client, user), team)
            if mine:
                await client.views_open(trigger_id=command.get("trigger_id", ""),
                                        view=status_form(mine, deps))  # fmt: skip
                return
        if text.lower() in BOARD_WORDS:
            await show_board(respond, deps)
            return

        reported = await report_as(deps, client, text, user, team)
        await respond(text=escape(reported.message), response_type="ephemeral")
        await announce_status(deps, reported, by=user, from_workspace=team)

    @app.view(FORM)
    async def submitted(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient,
                        context: AsyncBoltContext) -> None:  # fmt: skip
        user, team = str((body.get("user") or {}).get("id", "")), workspace(context)
        values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
        picked = {block: next(iter(inputs.values()), {}) for block, inputs in values.items()
                  if isinstance(inputs, dict) and inputs}  # fmt: skip
        beds = (picked.get("beds", {}).get("value") or "").strip()
        if beds and not beds.isdigit():
            await ack(response_action="errors", errors={"beds": "A whole number, or empty."})
            return
        words = [_chosen(picked.get("place")), _chosen(picked.get("state"))]
        words += ["beds", beds] if beds else []
        words += ["for", f"{_chosen(picked.get('hours'))}h"] if _chosen(picked.get("hours")) else []
        words.append((picked.get("note", {}).get("value") or "").strip())
        reported = await report_as(deps, client, " ".join(w for w in words if w), user, team)
        if reported.status is None:
            await ack(response_action="errors", errors={"state": reported.message[:150]})
            return
        await ack()
        await client.chat_postMessage(channel=user, text=escape(reported.message))
        await announce_status(deps, reported, by=user, from_workspace=team)


FORM = "center_status_form"
HOURS = (1, 2, 4, 8, 12, 24)


def _chosen(element: dict[str, Any] | None) -> str:
    option = (element or {}).get("selected_option") or {}
    return str(option.get("value") or "")


def status_form(places: list[str], deps: Deps) -> dict[str, Any]:
    """The modal a reporter fills in: place, state, beds, for how long, note."""
    knowledge = deps.assistant.engine.knowledge

    def option(text: str, value: str) -> dict[str, Any]:
        return {"text": {"type": "plain_text", "text": text[:75]}, "value": value}

    names = [option(knowledge.by_id[p].title if p in knowledge.by_id else p, p) for p in places]
    states = [option(label, state) for state, label in STATE_CHOICES]
    ttl_hours = int(deps.status_ttl.total_seconds() // 3600)
    hours = [option(f"{h} hours" if h > 1 else "1 hour", str(h)) for h in HOURS]
    default = next((o for o in hours if o["value"] == str(ttl_hours)), hours[3])

    def block(block_id: str, label: str, element: dict[str, Any], optional: bool = False):
        return {"type": "input", "block_id": block_id, "optional": optional,
                "label": {"type": "plain_text", "text": label},
                "element": {"action_id": block_id, **element}}  # fmt: skip

    return {
        "type": "modal", "callback_id": FORM,
        "title": {"type": "plain_text", "text": "Center status"},
        "submit": {"type": "plain_text", "text": "Report"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            block("place", "Place", {"type": "static_select", "options": names,
                                     "initial_option": names[0]}),
            block("state", "Tonight", {"type": "radio_buttons", "options": states}),
            block("beds", "Beds available", {"type": "plain_text_input"}, optional=True),
            block("hours", "For", {"type": "static_select", "options": hours,
                                   "initial_option": default}, optional=True),
            block("note", "Note (no names or health details)",
                  {"type": "plain_text_input", "max_length": 300}, optional=True),
        ],
    }  # fmt: skip


STATE_CHOICES = (
    ("accepting", "Accepting"),
    ("limited", "At capacity: call first"),
    ("diversion", "On diversion: no police drop-offs"),
    ("closed", "Closed"),
)


async def report_as(
    deps: Deps, client: AsyncWebClient, text: str, user: str, team: str | None
) -> Reported:
    """A report typed (or clicked) by ``user`` in workspace ``team``, with what Slack knows
    of them: whether they are an admin here, which user groups they are in."""
    return await deps.service.report(
        text, user_id=user, admin=await deps.is_admin(user, team),
        member_of=group_member(client, user), team_id=team,
    )  # fmt: skip


def group_member(client: AsyncWebClient, user: str) -> Callable[[str], Awaitable[bool]]:
    """Whether ``user`` is in a Slack user group (a group named as a place's reporter)."""

    async def member_of(group: str) -> bool:
        try:
            found = await client.usergroups_users_list(usergroup=group)
        except SlackApiError:
            return False
        return user in (found.get("users") or [])

    return member_of


async def show_board(respond: AsyncRespond, deps: Deps) -> None:
    """Every place whose status matters, with its latest report and whether it is open."""
    answer = await deps.service.board()
    await respond(blocks=render_blocks(answer), text=fallback_text(answer),
                  response_type="ephemeral")  # fmt: skip
