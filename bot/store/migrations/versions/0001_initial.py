"""Questions, votes, admin actions and meta.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "questions",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("surface", sa.String(16), nullable=False),
        sa.Column("user_hash", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("top_id", sa.String(200)),
        sa.Column("score", sa.Float),
        sa.Column("answered", sa.Boolean, nullable=False),
        sa.Column("latency_ms", sa.Float, nullable=False),
    )
    op.create_index("ix_questions_asked_at", "questions", ["asked_at"])
    op.create_table(
        "votes",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("voted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_hash", sa.String(64), nullable=False),
        sa.Column("vote", sa.String(4), nullable=False),
        sa.Column("entry_id", sa.String(200)),
        sa.Column("question", sa.Text),
    )
    op.create_index("ix_votes_voted_at", "votes", ["voted_at"])
    op.create_table(
        "admin_actions",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("acted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("allowed", sa.Boolean, nullable=False),
        sa.Column("detail", sa.Text),
    )
    op.create_index("ix_admin_actions_acted_at", "admin_actions", ["acted_at"])


def downgrade() -> None:
    for table in ("admin_actions", "votes", "questions", "meta"):
        op.drop_table(table)
