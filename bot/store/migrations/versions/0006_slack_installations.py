"""Slack installations (one bot token per workspace or org) and OAuth states, as slack_sdk's
SQLAlchemy stores define them, so every bot process shares them.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NAMES = ("slack_bots", "slack_installations", "slack_oauth_states")


def _tables(metadata: sa.MetaData) -> list[sa.Table]:
    return [
        SQLAlchemyInstallationStore.build_bots_table(metadata, NAMES[0]),
        SQLAlchemyInstallationStore.build_installations_table(metadata, NAMES[1]),
        SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, NAMES[2]),
    ]


def upgrade() -> None:
    metadata = sa.MetaData()
    for table in _tables(metadata):
        table.create(op.get_bind())


def downgrade() -> None:
    for name in NAMES:
        op.drop_table(name)
