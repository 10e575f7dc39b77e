"""The tables, as SQLAlchemy Core metadata (the migrations create them)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT identity.
Id = BigInteger().with_variant(Integer(), "sqlite")

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

questions = Table(
    "questions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("asked_at", DateTime(timezone=True), nullable=False, index=True),
    Column("surface", String(16), nullable=False),  # mention, dm, command, console
    Column("user_hash", String(64), nullable=False),
    Column("text", Text, nullable=False),  # redacted
    Column("top_id", String(200)),
    Column("score", Float),
    Column("answered", Boolean, nullable=False),
    Column("latency_ms", Float, nullable=False),
    Column("team_id", String(32), index=True),  # the workspace; null: any
)

votes = Table(
    "votes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("voted_at", DateTime(timezone=True), nullable=False, index=True),
    Column("user_hash", String(64), nullable=False),
    Column("vote", String(4), nullable=False),  # up, down
    Column("entry_id", String(200)),  # the answer's top result; null when unanswered
    Column("question", Text),  # redacted, so a 👎 can show up among the gaps
    Column("team_id", String(32), index=True),  # the workspace; null: any
)

admin_actions = Table(
    "admin_actions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("acted_at", DateTime(timezone=True), nullable=False, index=True),
    Column("user_id", String(32), nullable=False),  # a staff member's Slack id, for audit
    Column("action", String(32), nullable=False),
    Column("allowed", Boolean, nullable=False),
    Column("detail", Text),
    Column("team_id", String(32), index=True),  # the workspace; null: any
)

# every report a centre (or its system) makes, kept: the latest per place is its status
center_status = Table(
    "center_status",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("resource_id", String(200), nullable=False, index=True),
    Column("state", String(16), nullable=False),  # accepting, limited, diversion, closed
    Column("beds", Integer),
    Column("note", Text),  # redacted
    Column("reported_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("reporter", String(64), nullable=False),  # a staff member's Slack id, or "api"
    Column("team_id", String(32), index=True),  # the workspace; null: any
)

# who may report for a place: a Slack user (U...) or user group (S...)
status_reporters = Table(
    "status_reporters",
    metadata,
    Column("resource_id", String(200), primary_key=True),
    Column("reporter", String(64), primary_key=True),
    Column("added_by", String(64), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("team_id", String(32)),  # the workspace that named them
)

# what a centre's own system reports with: the SHA-256 of a token shown once, for one place
status_tokens = Table(
    "status_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("resource_id", String(200), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("team_id", String(32)),  # the workspace that made it
)

# Slack deliveries already answered (a message's channel and ts, an event id), so a retry
# or a double delivery to any process sharing the database is answered once
seen_deliveries = Table(
    "seen_deliveries",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False, index=True),
)

# a workspace's own admins (the user who installed the bot first); ADMIN_USER_IDS, the
# deployment's operators, are admins of every workspace besides
workspace_admins = Table(
    "workspace_admins",
    metadata,
    Column("team_id", String(32), primary_key=True),
    Column("user_id", String(32), primary_key=True),
    Column("added_by", String(32), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

# a workspace's own settings: the areas its agency serves (the default "where")
workspace_settings = Table(
    "workspace_settings",
    metadata,
    Column("team_id", String(32), primary_key=True),
    Column("areas", Text, nullable=False),  # a JSON list of place names
)

# a workspace's own channels by purpose ("status": where its centre status changes go)
workspace_channels = Table(
    "workspace_channels",
    metadata,
    Column("team_id", String(32), primary_key=True),
    Column("purpose", String(16), primary_key=True),
    Column("channel", String(32), nullable=False),
)
