"""Alembic environment: migrations run on the connection ``bot.store.database`` hands over."""

from alembic import context
from sqlalchemy import text

from bot.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through bot.store.database.Store.open()")

if connection.dialect.name == "postgresql":
    # several bot processes may start at once against one database: migrate one at a time
    connection.execute(text("SELECT pg_advisory_xact_lock(7415501)"))

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
