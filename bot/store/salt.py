"""The secret user ids are hashed with, kept apart from the hashes.

With the salt in the same database as the hashes, anyone holding a copy of the database
could hash every member's Slack id and see who asked what. It comes from the environment
(``USER_HASH_SALT``) or from a file outside the database, made on first use.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

MIN_SALT_CHARS = 16


def load_or_create_salt(path: Path) -> bytes:
    """The salt kept in ``path``; a new random one is written there (owner-only) if there is
    none. Safe when several processes start at once: the first to create the file wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32) + "\n")
    for _ in range(50):  # another process may have created it and not yet written it
        value = path.read_text().strip()
        if len(value) >= MIN_SALT_CHARS:
            return value.encode()
        time.sleep(0.02)
    raise ValueError(f"{path} holds no salt of at least {MIN_SALT_CHARS} characters")
