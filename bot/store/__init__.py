"""Persistence: questions (redacted), feedback votes and admin actions, in SQL.

SQLite by default, PostgreSQL when ``DATABASE_URL`` says so; Alembic migrations run at
start. Nothing here sees raw question text: callers pass it through ``bot.privacy``.
"""
