"""What the bot posts on its own, outside an answer: a centre's status change to every
workspace that wants it, and a rejected knowledge edit to the admins."""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.errors import SlackApiError

from bot.live import Notify, ReloadResult, rejected_message
from bot.render.blocks import escape
from bot.service import Reported
from bot.slack.deps import Deps
from bot.slack.workspaces import Installed, Workspaces
from bot.store.database import Store

log = logging.getLogger(__name__)


async def announce_status(
    deps: Deps, reported: Reported, *, by: str | None = None, from_workspace: str | None = None
) -> int:
    """Post a status change to each workspace's status channel (``/pmhc-admin channel
    status``; in single-token mode ``STATUS_CHANNEL`` when none is set), except where the
    place serves none of the workspace's areas. ``by``: the Slack user who reported it,
    named only in their own workspace; None: the centre's own system. How many were posted;
    a failure to post is logged and loses nothing (the report is kept)."""
    if reported.status is None or deps.workspaces is None:
        return 0
    place, workspaces = reported.status.resource_id, deps.workspaces

    async def announce_in(workspace: Installed) -> bool:
        channel = await _channel(deps.store, workspaces, workspace, "status", deps.status_channel)
        areas = await deps.service.areas(workspace.key)
        if not channel or not deps.assistant.engine.serves_any(place, areas):
            return False
        who = ("the center's system" if by is None else
               f"<@{by}>" if workspace.key == from_workspace else "center staff")  # fmt: skip
        return await _post(workspace, channel, f"{escape(reported.message)} (reported by {who})")

    try:
        posted = await asyncio.gather(*map(announce_in, await workspaces.all()))
    except Exception:  # the database is down: the report itself is kept already
        log.exception("could not announce a status change")
        return 0
    return sum(posted)


def admin_notifier(
    workspaces: Workspaces, store: Store, channel: str | None, admins: frozenset[str]
) -> Notify:
    """Tell each workspace's admin channel (``/pmhc-admin channel admin``) that an edit was
    rejected. With one token, its workspace's admins hear it there, else in ``ADMIN_CHANNEL``,
    else each operator (``ADMIN_USER_IDS``) by direct message. Installed by OAuth, only
    workspaces that chose an admin channel are told: most agencies do not edit the files."""

    async def notify(result: ReloadResult) -> None:
        text = escape(rejected_message(result))
        for workspace in await workspaces.all():
            target = await _channel(store, workspaces, workspace, "admin", channel)
            if target is not None:
                await _post(workspace, target, text)
            elif not workspaces.many:
                for admin in sorted(admins):
                    await _post(workspace, admin, text)  # a user id opens their DM with the bot

    return notify


async def _channel(store: Store, workspaces: Workspaces, workspace: Installed, purpose: str,
                   deployments: str | None) -> str | None:  # fmt: skip
    """The workspace's own channel for ``purpose``; with one token, else the deployment's
    (``STATUS_CHANNEL``, ``ADMIN_CHANNEL``), which names no workspace once there are many."""
    own = await store.channel(workspace.key, purpose)
    return own if own is not None or workspaces.many else deployments


async def _post(workspace: Installed, channel: str, text: str) -> bool:
    try:
        await workspace.client.chat_postMessage(channel=channel, text=text, unfurl_links=False)
    except SlackApiError as error:  # not invited, archived, uninstalled meanwhile
        log.warning("could not post to a channel of %s: %s", workspace.key,
                    error.response.get("error"))  # fmt: skip
        return False
    except Exception:  # Slack unreachable after the retries
        log.exception("could not post to a channel of %s", workspace.key)
        return False
    return True
