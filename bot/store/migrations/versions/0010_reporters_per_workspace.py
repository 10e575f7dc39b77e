"""The workspace that named each status reporter and made each status token, so a workspace
lists, removes and revokes its own only.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("status_reporters", "status_tokens")


def upgrade() -> None:
    for table in TABLES:  # rows from before are any workspace's (a single-workspace bot's)
        op.add_column(table, sa.Column("team_id", sa.String(32)))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("team_id")
