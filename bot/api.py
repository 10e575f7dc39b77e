"""The status API, for a crisis centre's own system (its bed board, its EHR) to report
without Slack: ``POST /api/status/PLACE`` with ``{"state", "beds", "until", "note"}`` and
``GET /api/status`` for every place's report, each with a bearer token that
``/pmhc-admin token PLACE`` makes (one place per token; stored hashed; revocable).

401: no token, or one unknown or revoked; 403: a token for another place; 422: a body that
is not a report (one sentence says why); 429: more than ``PER_MINUTE`` requests a minute
from one token. Served beside ``/slack/events`` in HTTP mode.
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.service import Reported, Service, token_hash

log = logging.getLogger(__name__)

STATUS_PATH = "/api/status"
PER_MINUTE = 60
MAX_BODY = 4096


class _Limiter:
    """At most ``PER_MINUTE`` requests in any minute per token (kept by the token's hash)."""

    def __init__(self) -> None:
        self._seen: defaultdict[str, deque[float]] = defaultdict(deque)

    def allows(self, key: str, now: float) -> bool:
        seen = self._seen[key]
        while seen and seen[0] <= now - 60:
            seen.popleft()
        if len(seen) >= PER_MINUTE:
            return False
        seen.append(now)
        return True


def status_routes(
    service: Service, on_change: Callable[[Reported], Awaitable[None]]
) -> list[web.RouteDef]:
    """The API's routes; ``on_change`` hears of each status kept (the status channel)."""
    limiter = _Limiter()

    async def place_of(request: web.Request) -> tuple[str, str | None] | web.Response:
        """The place the request's token reports for and the workspace that made it."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return _refuse(401, "Send the token as 'Authorization: Bearer pmhc_...'.")
        if not limiter.allows(token_hash(token), time.monotonic()):
            return _refuse(429, f"At most {PER_MINUTE} requests a minute per token.",
                           headers={"Retry-After": "60"})  # fmt: skip
        granted = await service.token_place(token)
        if granted is None:
            return _refuse(401, "Unknown or revoked token.")
        return granted

    async def report(request: web.Request) -> web.Response:
        granted = await place_of(request)
        if isinstance(granted, web.Response):
            return granted
        place, team = granted
        if request.match_info["place"] != place:
            return _refuse(403, "This token reports for another place.")
        try:
            fields = json.loads(await request.text())
        except (ValueError, UnicodeDecodeError):
            return _refuse(422, "The body must be JSON.")
        reported = await service.report_fields(place, fields, team)
        if reported.status is None:
            return _refuse(422, reported.message)
        await on_change(reported)
        return web.json_response({"ok": True, "status": _json(reported)}, status=201)

    async def board(request: web.Request) -> web.Response:
        granted = await place_of(request)
        if isinstance(granted, web.Response):
            return granted
        now = service.assistant.now()
        live = [s for s in (await service.statuses()).values() if s.live(now)]
        return web.json_response({"statuses": [
            {"resource_id": s.resource_id, "state": s.state, "beds": s.beds, "note": s.note,
             "reported_at": s.reported_at.isoformat(timespec="minutes"),
             "expires_at": s.expires_at.isoformat(timespec="minutes"),
             "hl7_capacity": s.hl7_capacity(), "service_capacity": s.hsds_capacity()}
            for s in sorted(live, key=lambda s: s.resource_id)
        ]})  # fmt: skip

    return [web.post(STATUS_PATH + "/{place}", report), web.get(STATUS_PATH, board)]


def _json(reported: Reported) -> dict[str, object]:
    status = reported.status
    assert status is not None
    return {"resource_id": status.resource_id, "state": status.state, "beds": status.beds,
            "expires_at": status.expires_at.isoformat(timespec="minutes"),
            "said": reported.message}  # fmt: skip


def _refuse(status: int, reason: str, headers: dict[str, str] | None = None) -> web.Response:
    log.warning("refused a request to %s: %s (%d)", STATUS_PATH, reason, status)
    return web.json_response({"error": reason}, status=status, headers=headers)
