"""``/pmhc-admin``: knowledge-base status, reload, validate and reports, for admins only.

Who may use it is declared here, next to the command (``ADMIN_USER_IDS``); everyone
else gets a polite refusal, and every attempt, allowed or not, is logged and stored.
"""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import datetime, timedelta
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot import reports
from bot.knowledge.loader import load_report
from bot.knowledge.model import Resource
from bot.live import rejected_message
from bot.render.blocks import escape
from bot.render.describe import truncate
from bot.slack.deps import Deps, workspace

log = logging.getLogger(__name__)

COMMAND = "/pmhc-admin"
DEFAULT_DAYS = 30
MAX_TEXT = 3500
HELP = (
    "*/pmhc-admin* — for knowledge-base admins:\n"
    "• `status` — version, files, entries, the watcher, last reload and any rejected edit\n"
    "• `reload` — read the knowledge folder again now\n"
    "• `validate` — check the folder and list errors and warnings\n"
    "• `stale` — resources not verified for a year, oldest first\n"
    "• `gaps [days]` — questions that got no answer or 👎, grouped\n"
    "• `stats [days]` — questions per day, answered rate, top answers, feedback\n"
    "• `export [days]` — the reports as CSV files in a direct message to you\n"
    "• `admin add|remove @someone` — this workspace's admins\n"
    "• `area set PLACE, PLACE` | `area clear` | `area` — the places this agency serves\n"
    "• `channel status|admin #channel` | `channel status|admin clear` — where this "
    "workspace hears of status changes, or of rejected knowledge edits\n"
    "• `reporter add|remove PLACE_ID @someone` — who may report a place's status "
    "(`/center-status`); a user group counts its members\n"
    "• `reporters [PLACE_ID]` — who reports for each place\n"
    "• `token [revoke] PLACE_ID` — a token for the place's own system to report its status "
    "(`POST /api/status/PLACE_ID`), shown once; or revoke them all"
)
# what Slack sends for a mention with should_escape: <@U123|name>, <!subteam^S123|@group>
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>"
                      r"|([UWS][A-Z0-9]{2,})")  # fmt: skip
REFUSAL = (
    "Sorry, `/pmhc-admin` is only for the knowledge-base admins. Your program coordinator "
    "can add you (ADMIN_USER_IDS)."
)


async def _reporter(args: list[str], deps: Deps, user: str, team: str | None,
                    now: datetime) -> str:  # fmt: skip
    """``reporter add|remove PLACE_ID @someone``."""
    usage = "Use `/pmhc-admin reporter add PLACE_ID @someone` (or `remove`)."
    if len(args) < 3 or args[0].lower() not in ("add", "remove"):
        return usage
    place = args[1]
    found = _MENTION.fullmatch(args[2])
    if found is None:
        return usage
    who = next(group for group in found.groups() if group)
    resource = deps.assistant.engine.knowledge.by_id.get(place)
    if not isinstance(resource, Resource):
        return f"No place with the id `{escape(place[:80])}` in the knowledge base."
    if args[0].lower() == "add":
        added = await deps.store.add_reporter(place, who, added_by=user, at=now, team_id=team)
        return (f"{_who(who)} can now report the status of {escape(resource.name)}." if added
                else f"{_who(who)} already reports for {escape(resource.name)}.")  # fmt: skip
    removed = await deps.store.remove_reporter(place, who, team)
    return (f"{_who(who)} no longer reports for {escape(resource.name)}." if removed
            else f"{_who(who)} was not a reporter for {escape(resource.name)}.")  # fmt: skip


_CHANNEL = re.compile(r"<#(C[A-Z0-9]+)(?:\|[^>]*)?>|(C[A-Z0-9]{2,})")


_CHANNEL_FOR = {"status": "center status changes", "admin": "rejected knowledge edits"}


async def _channel(args: list[str], deps: Deps, team: str | None) -> str:
    """``channel status|admin #channel`` / ``channel status|admin clear``: where this
    workspace hears of centre status changes, or of rejected knowledge edits."""
    usage = "Use `/pmhc-admin channel status #channel` or `channel admin #channel` (or `clear`)."
    purpose = args[0].lower() if args else ""
    if not team or len(args) != 2 or purpose not in _CHANNEL_FOR:
        return usage
    if args[1].lower() == "clear":
        await deps.store.set_channel(team, purpose, None)
        return f"This workspace no longer has its own channel for {_CHANNEL_FOR[purpose]}."
    found = _CHANNEL.fullmatch(args[1])
    if found is None:
        return usage
    channel = found.group(1) or found.group(2)
    await deps.store.set_channel(team, purpose, channel)
    return f"This workspace's {_CHANNEL_FOR[purpose]} now go to <#{channel}> (invite me there)."


async def _area(args: list[str], deps: Deps, team: str | None) -> str:
    """``area set A, B`` / ``area clear`` / ``area``: the places this agency serves."""
    if not team:
        return "Areas belong to a workspace; this request named none."
    if args and args[0].lower() == "set" and len(args) > 1:
        areas = [a.strip() for a in " ".join(args[1:]).split(",") if a.strip()][:20]
        await deps.service.set_areas(team, areas)
        return (
            f"This workspace serves {escape(', '.join(areas))}: placements leave out "
            "places serving none of it, unless a question names another place."
        )
    if args and args[0].lower() == "clear":
        await deps.service.set_areas(team, [])
        return "This workspace serves anywhere the knowledge base covers."
    areas = await deps.store.areas(team)
    return (f"This workspace serves {escape(', '.join(areas))}." if areas else
            "No area set: `/pmhc-admin area set Cedar Valley, Pine Flats`.")  # fmt: skip


async def _admin(args: list[str], deps: Deps, user: str, team: str | None,
                 now: datetime) -> str:  # fmt: skip
    """``admin add|remove @someone``: this workspace's admins."""
    usage = "Use `/pmhc-admin admin add @someone` (or `remove`)."
    found = _MENTION.fullmatch(args[1]) if len(args) == 2 else None
    who = next((g for g in found.groups() if g), "") if found else ""
    if not found or args[0].lower() not in ("add", "remove") or not who.startswith(("U", "W")):
        return usage
    if not team:
        return "Workspace admins need a workspace; ADMIN_USER_IDS names the deployment's."
    if args[0].lower() == "add":
        added = await deps.store.add_admin(team, who, added_by=user, at=now)
        return f"<@{who}> is {'now' if added else 'already'} an admin of this workspace."
    removed = await deps.store.remove_admin(team, who)
    if removed:
        return f"<@{who}> is no longer an admin of this workspace."
    return f"<@{who}> was not an admin of this workspace (operators stay admins)."


async def _token(args: list[str], deps: Deps, user: str, team: str | None) -> str:
    """``token PLACE_ID`` makes a token for the place's own system; ``token revoke PLACE_ID``
    revokes every one it has."""
    revoke = bool(args) and args[0].lower() == "revoke"
    place = args[1] if revoke and len(args) > 1 else (args[0] if args and not revoke else "")
    resource = deps.assistant.engine.knowledge.by_id.get(place)
    if not isinstance(resource, Resource):
        return "Use `/pmhc-admin token PLACE_ID` (or `token revoke PLACE_ID`) with a place's id."
    if revoke:
        gone = await deps.store.revoke_tokens(place, at=deps.assistant.now(), team_id=team)
        return f"Revoked {gone} token(s) of {escape(resource.name)}."
    token = await deps.service.create_token(place, by=user, team_id=team)
    return (
        f"Token for {escape(resource.name)}'s own system (shown once; keep it secret):\n"
        f'`{token}`\nPOST {{"state": "diversion", "until": ...}} to '
        f"/api/status/{escape(place)} with `Authorization: Bearer` and this token."
    )


def _who(reporter: str) -> str:
    return f"<!subteam^{reporter}>" if reporter.startswith("S") else f"<@{reporter}>"


def _days(args: list[str]) -> int:
    return int(args[0]) if args and args[0].isdigit() and int(args[0]) > 0 else DEFAULT_DAYS


def _code(text: str) -> str:
    return f"```{truncate(escape(text), MAX_TEXT)}```"


async def status_text(deps: Deps) -> str:
    knowledge = deps.assistant.engine.knowledge
    counts = ", ".join(f"{n} {kind}" for kind, n in knowledge.counts().items())
    lines = [
        f"Knowledge version {knowledge.version}: {len(knowledge.files)} files, {counts}, "
        f"{len(knowledge.warnings)} warnings.",
    ]
    if deps.live is not None:
        lines.append(f"Watcher: {deps.live.watcher}.")
    last = deps.live.last if deps.live else None
    if last is not None:
        outcome = "went live" if last.ok else "REJECTED"
        lines.append(
            f"Last reload {last.at:%Y-%m-%d %H:%M} UTC: {outcome} "
            f"({len(last.reread)} files re-read, {last.seconds * 1000:.0f} ms)."
        )
        if not last.ok:
            lines.append(rejected_message(last))
    return "\n".join(lines)


async def reload_text(deps: Deps) -> str:
    if deps.live is None:
        return "This process does not watch a knowledge folder."
    result = await deps.live.reload()
    if not result.ok:
        return rejected_message(result)
    return (f"Reloaded: version {result.version} is live ({len(result.reread)} files re-read, "
            f"{result.seconds * 1000:.0f} ms).")  # fmt: skip


async def validate_text(deps: Deps) -> str:
    folder = deps.live.folder if deps.live else None
    if folder is None:
        return "This process does not watch a knowledge folder."
    report = await asyncio.to_thread(load_report, folder, today=deps.assistant.now().date())
    problems = [str(p) for p in (*report.errors, *report.warnings)]
    verdict = "OK" if report.ok else f"{len(report.errors)} errors"
    return "\n".join([f"{folder}: {verdict}, {len(report.warnings)} warnings.", *problems[:40]])


def register(app: AsyncApp, deps: Deps) -> None:
    @app.command(COMMAND)
    async def admin(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond,
                    client: AsyncWebClient, context: AsyncBoltContext) -> None:  # fmt: skip
        await ack()
        user, team = command.get("user_id", ""), workspace(context)
        words = (command.get("text") or "").split()
        action, args = (words[0].lower(), words[1:]) if words else ("help", [])
        allowed = await deps.is_admin(user, team)
        await deps.store.record_admin_action(
            acted_at=deps.assistant.now(), user_id=user, action=action[:32], allowed=allowed,
            detail=" ".join(args)[:200] or None, team_id=team,
        )  # fmt: skip
        if not allowed:
            log.warning("refused %s %s for non-admin %s", COMMAND, action[:32], user)
            await respond(text=REFUSAL, response_type="ephemeral")
            return
        log.info("%s %s by %s", COMMAND, action[:32], user)
        text = await _run(action, args, deps, client, user, team)
        await respond(text=text, response_type="ephemeral")


async def _run(
    action: str, args: list[str], deps: Deps, client: AsyncWebClient, user: str,
    team: str | None = None,
) -> str:  # fmt: skip
    """One admin command; reports are the workspace ``team``'s (and older rows')."""
    now = deps.assistant.now()
    days = _days(args)
    since = now - timedelta(days=days)
    if action == "status":
        return _code(await status_text(deps))
    if action == "reload":
        return _code(await reload_text(deps))
    if action == "validate":
        return _code(await validate_text(deps))
    if action == "channel":
        return await _channel(args, deps, team)
    if action == "area":
        return await _area(args, deps, team)
    if action == "admin":
        return await _admin(args, deps, user, team, now)
    if action == "reporter":
        return await _reporter(args, deps, user, team, now)
    if action == "token":
        return await _token(args, deps, user, team)
    if action == "reporters":
        pairs = await deps.store.reporters(args[0] if args else None, team)
        if not pairs:
            return "No reporters yet. `/pmhc-admin reporter add PLACE_ID @someone` adds one."
        return "\n".join(f"• `{escape(place)}`: {_who(who)}" for place, who in pairs)
    if action == "stale":
        return _code(reports.stale_text(reports.stale_entries(deps.assistant.engine.knowledge,
                                                              now.date())))  # fmt: skip
    if action == "gaps":
        return _code(reports.gaps_text(await reports.gaps(deps.store, since, team), days))
    if action == "stats":
        return _code(reports.stats_text(await reports.stats(deps.store, since, team), days))
    if action == "export":
        stale = reports.stale_entries(deps.assistant.engine.knowledge, now.date())
        files = [
            ("stale.csv", reports.stale_csv(stale)),
            ("gaps.csv", reports.gaps_csv(await reports.gaps(deps.store, since, team))),
            ("stats.csv", reports.stats_csv(await reports.stats(deps.store, since, team))),
        ]
        dm = (await client.conversations_open(users=user))["channel"]["id"]
        await client.files_upload_v2(
            channel=dm,
            initial_comment=f"PMHC reports for the last {days} days (stale: as of today).",
            file_uploads=[{"filename": f"pmhc-{name}", "content": content, "title": name}
                          for name, content in files],
        )  # fmt: skip
        return "Sent you the reports as CSV files in a direct message."
    return HELP
