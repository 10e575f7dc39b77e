"""Settings from the environment, read and checked in one place.

Each problem is one sentence naming the variable; secret values are never echoed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from bot.store.salt import MIN_SALT_CHARS, load_or_create_salt

_SLACK_ID = re.compile(r"[UW][A-Z0-9]{2,}")

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/bot.db"
DEFAULT_SALT_FILE = Path("data/user-hash.salt")
DEFAULT_RETENTION_DAYS = 90
DEFAULT_STATUS_TTL_HOURS = 8  # a centre's report expires after this unless it says otherwise
_DATABASE_SCHEMES = ("sqlite+aiosqlite", "postgresql+asyncpg")

Mode = Literal["socket", "http", "oauth", "console"]


class ConfigError(Exception):
    """The environment is not usable; ``problems`` holds one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems))


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path
    bot_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    slack_api_url: str = DEFAULT_SLACK_API_URL
    port: int = DEFAULT_PORT
    database_url: str = field(default=DEFAULT_DATABASE_URL, repr=False)
    retention_days: int = DEFAULT_RETENTION_DAYS
    admin_user_ids: frozenset[str] = frozenset()
    admin_channel: str | None = None
    user_hash_salt: str | None = field(default=None, repr=False)
    salt_file: Path = DEFAULT_SALT_FILE
    status_ttl_hours: int = DEFAULT_STATUS_TTL_HOURS
    status_channel: str | None = None
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)

    def salt(self) -> bytes:
        """What user ids are hashed with: ``USER_HASH_SALT``, else the salt file's."""
        if self.user_hash_salt:
            return self.user_hash_salt.encode()
        return load_or_create_salt(self.salt_file)

    @property
    def mode(self) -> Mode:
        """Installs by OAuth with a client id and secret (many workspaces, over HTTP), Socket
        Mode with an app token, HTTP with one bot token and signing secret, else console."""
        if self.client_id and self.client_secret and self.signing_secret:
            return "oauth"
        if self.app_token:
            return "socket"
        if self.bot_token and self.signing_secret:
            return "http"
        return "console"


def knowledge_dir(env: Mapping[str, str] | None = None) -> Path:
    """The knowledge folder: ``$KNOWLEDGE_DIR``, else ``knowledge/`` in the working directory."""
    env = os.environ if env is None else env
    return Path(env.get("KNOWLEDGE_DIR") or "knowledge")


def load_settings(env: Mapping[str, str] | None = None, *, need: Mode | None = None) -> Settings:
    """Read the environment; raise ``ConfigError`` listing every problem.

    ``need`` states the mode the caller is about to run ("http" for ``serve``), so missing
    credentials for it are reported instead of silently falling back to the console.
    """
    env = os.environ if env is None else env
    problems: list[str] = []

    def text(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    bot_token, secret, app_token = (
        text("SLACK_BOT_TOKEN"), text("SLACK_SIGNING_SECRET"), text("SLACK_APP_TOKEN")
    )  # fmt: skip
    if bot_token and not bot_token.startswith("xoxb-"):
        problems.append("SLACK_BOT_TOKEN must be a bot token starting with xoxb-.")
    if app_token and not app_token.startswith("xapp-"):
        problems.append("SLACK_APP_TOKEN must be an app-level token starting with xapp-.")
    if app_token and not bot_token:
        problems.append("SLACK_APP_TOKEN is set, so SLACK_BOT_TOKEN (xoxb-...) is needed too.")
    oauth = bool(text("SLACK_CLIENT_ID") and text("SLACK_CLIENT_SECRET"))
    if need == "http":
        if not bot_token and not oauth:
            problems.append(
                "SLACK_BOT_TOKEN is not set; HTTP mode needs the bot token (xoxb-...) or "
                "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install by OAuth."
            )
        if not secret:
            problems.append("SLACK_SIGNING_SECRET is not set; HTTP mode needs it to verify Slack.")
    client_id, client_secret = text("SLACK_CLIENT_ID"), text("SLACK_CLIENT_SECRET")
    if bool(client_id) != bool(client_secret):
        problems.append("Set both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install by OAuth.")
    elif client_id and not secret:
        problems.append("SLACK_SIGNING_SECRET is not set; installing by OAuth serves HTTP and "
                        "needs it to verify Slack.")  # fmt: skip
    if bot_token and not secret and not app_token and not oauth:
        problems.append(
            "SLACK_SIGNING_SECRET is not set; set it for HTTP mode, or SLACK_APP_TOKEN for "
            "Socket Mode."
        )
    api_url = text("SLACK_API_URL") or DEFAULT_SLACK_API_URL
    parsed = urlparse(api_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        problems.append(f"SLACK_API_URL must be an http(s) URL such as {DEFAULT_SLACK_API_URL}.")
    if not api_url.endswith("/"):
        api_url += "/"
    port = DEFAULT_PORT
    raw_port = text("PORT")
    if raw_port is not None:
        if raw_port.isdigit() and 0 < int(raw_port) < 65536:
            port = int(raw_port)
        else:
            problems.append(f"PORT must be a number from 1 to 65535 (got {raw_port[:20]!r}).")
    folder = knowledge_dir(env)
    if not folder.is_dir():
        problems.append(f"KNOWLEDGE_DIR {str(folder)!r} is not a folder.")
    database_url = text("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not database_url.startswith(tuple(f"{scheme}://" for scheme in _DATABASE_SCHEMES)):
        problems.append(
            "DATABASE_URL must be an SQLAlchemy URL starting with sqlite+aiosqlite:// or "
            "postgresql+asyncpg://."
        )
    retention = DEFAULT_RETENTION_DAYS
    raw_retention = text("QUERY_RETENTION_DAYS")
    if raw_retention is not None:
        if raw_retention.isdigit() and int(raw_retention) > 0:
            retention = int(raw_retention)
        else:
            problems.append(
                f"QUERY_RETENTION_DAYS must be a whole number of days (got {raw_retention[:20]!r})."
            )
    admins = frozenset(u.strip() for u in (text("ADMIN_USER_IDS") or "").split(",") if u.strip())
    bad_ids = sorted(u for u in admins if not _SLACK_ID.fullmatch(u))
    if bad_ids:
        problems.append(
            f"ADMIN_USER_IDS must be Slack user ids like U012ABCDEF, comma-separated "
            f"(got {', '.join(bad_ids)[:60]!r})."
        )
    salt = text("USER_HASH_SALT")
    if salt is not None and len(salt) < MIN_SALT_CHARS:
        problems.append(
            f"USER_HASH_SALT must be at least {MIN_SALT_CHARS} characters "
            "(python3 -c 'import secrets; print(secrets.token_hex(32))' makes one)."
        )
    status_ttl = DEFAULT_STATUS_TTL_HOURS
    raw_ttl = text("STATUS_TTL_HOURS")
    if raw_ttl is not None:
        if raw_ttl.isdigit() and 0 < int(raw_ttl) <= 24:
            status_ttl = int(raw_ttl)
        else:
            problems.append(f"STATUS_TTL_HOURS must be 1 to 24 hours (got {raw_ttl[:20]!r}).")
    if problems:
        raise ConfigError(problems)
    return Settings(
        folder,
        bot_token,
        secret,
        app_token,
        api_url,
        port,
        database_url,
        retention,
        admins,
        text("ADMIN_CHANNEL"),
        salt,
        Path(text("USER_HASH_SALT_FILE") or DEFAULT_SALT_FILE),
        status_ttl,
        text("STATUS_CHANNEL"),
        client_id,
        client_secret,
    )
