"""Buttons on answers: share in channel, more results, did-you-mean and "also" entries, a
place's details, why others were left out, and feedback. Every follow-up keeps the filter
of the command it came from (``/crisis``: places only)."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond

from bot.render import blocks as ui
from bot.render.describe import PHI_WARNING
from bot.service import Reply
from bot.slack.deps import Deps, workspace
from bot.slack.reply import respond_with

log = logging.getLogger(__name__)
MAX_TOP = 25


def _value(action: dict[str, Any]) -> dict[str, Any]:
    """The JSON a button carries; a tampered or truncated value is just empty."""
    try:
        value = json.loads(action.get("value") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _moment(value: dict[str, Any]) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value.get("at")))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default


def _user(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id", ""))


def _follow(value: dict[str, Any]) -> dict[str, Any]:
    """What the buttons of an answer to a button keep: /crisis's places-only filter."""
    return {"resources_only": True} if value.get("resources_only") else {}


def register(app: AsyncApp, deps: Deps) -> None:
    service = deps.service

    async def again(body: dict[str, Any], context: AsyncBoltContext, value: dict[str, Any],
                    surface: str, top: int = 5) -> Reply:  # fmt: skip
        """The question a button carries, asked again at its moment, through the service."""
        if value.get("listing"):
            return await service.listing(user_id=_user(body), surface=surface,
                                         at=_moment(value), team_id=workspace(context))  # fmt: skip
        return await service.ask(
            str(value.get("q", "")), user_id=_user(body), surface=surface, at=_moment(value),
            top=top, resources_only=bool(value.get("resources_only")), team_id=workspace(context),
        )  # fmt: skip

    async def withheld(respond: AsyncRespond) -> None:
        await respond(text=PHI_WARNING, response_type="ephemeral", replace_original=False)

    @app.action(ui.SHARE)
    async def share(ack: AsyncAck, action: dict[str, Any], body: dict[str, Any],
                    respond: AsyncRespond, context: AsyncBoltContext) -> None:  # fmt: skip
        await ack()
        reply = await again(body, context, _value(action), "share")
        if reply.answer is None:
            await withheld(respond)
            return
        await respond_with(respond, reply.answer, response_type="in_channel",
                           replace_original=False)  # fmt: skip

    @app.action(ui.MORE)
    async def more(ack: AsyncAck, action: dict[str, Any], body: dict[str, Any],
                   respond: AsyncRespond, context: AsyncBoltContext) -> None:  # fmt: skip
        await ack()
        value = _value(action)
        top = min(_int(value.get("top"), 10), MAX_TOP)
        reply = await again(body, context, value, "more", top)
        if reply.answer is None:
            await withheld(respond)
            return
        await respond_with(respond, reply.answer, share=_follow(value), top=top,
                           replace_original=True)  # fmt: skip

    @app.action(ui.WHY)
    async def why(ack: AsyncAck, action: dict[str, Any], body: dict[str, Any],
                  respond: AsyncRespond, context: AsyncBoltContext) -> None:  # fmt: skip
        await ack()
        reply = await again(body, context, _value(action), "why")
        if reply.answer is None:
            await withheld(respond)
            return
        await respond(blocks=ui.render_left_out_blocks(reply.answer), text="Places left out",
                      response_type="ephemeral", replace_original=False)  # fmt: skip

    @app.action(re.compile(rf"^{ui.DETAILS}-\d+$"))
    async def details(ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        value = _value(action)
        answer = await service.entry(str(value.get("id", "")), at=_moment(value))
        if answer is None:
            await respond(text="That entry is no longer in the knowledge base.",
                          response_type="ephemeral", replace_original=False)  # fmt: skip
            return
        await respond(blocks=ui.render_details_blocks(answer.results[0], answer),
                      text=ui.fallback_text(answer), response_type="ephemeral",
                      replace_original=False)  # fmt: skip

    @app.action(re.compile(rf"^{ui.SUGGEST}-\d+$"))
    async def suggestion(ack: AsyncAck, action: dict[str, Any], body: dict[str, Any],
                         respond: AsyncRespond, context: AsyncBoltContext) -> None:  # fmt: skip
        await ack()
        value = _value(action)
        reply = await again(body, context, value, "suggestion")  # its value carries no moment: now
        if reply.answer is None:
            await withheld(respond)
            return
        await respond_with(respond, reply.answer, share=_follow(value), remind=reply.remind,
                           replace_original=False)  # fmt: skip

    @app.action(re.compile(rf"^({ui.FEEDBACK_UP}|{ui.FEEDBACK_DOWN})$"))
    async def feedback(ack: AsyncAck, action: dict[str, Any], body: dict[str, Any],
                       respond: AsyncRespond, context: AsyncBoltContext) -> None:  # fmt: skip
        await ack()
        vote = "up" if action.get("action_id") == ui.FEEDBACK_UP else "down"
        value = _value(action)
        await service.vote(
            user_id=_user(body), vote=vote, entry_id=str(value.get("top") or ""),
            question=str(value.get("q") or ""), team_id=workspace(context),
        )  # fmt: skip
        log.info("feedback %s on %s", vote, value.get("top") or "no answer")
        await respond(
            text="Thanks — your feedback helps the coordinators improve the knowledge base.",
            response_type="ephemeral",
            replace_original=False,
        )
