"""Settings from the environment, read in one place."""

from __future__ import annotations

import os
from pathlib import Path


def knowledge_dir() -> Path:
    """The knowledge folder: ``$KNOWLEDGE_DIR``, else ``knowledge/`` in the working directory."""
    return Path(os.environ.get("KNOWLEDGE_DIR") or "knowledge")
