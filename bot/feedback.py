"""👍 / 👎 votes on answers, kept in memory until persistence arrives (issue 4)."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Vote = Literal["up", "down"]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedbackVote:
    at: datetime
    vote: Vote
    entry_id: str  # the answer's top result; "" when nothing was answered
    surface: str


class FeedbackLog:
    """Votes in arrival order; no user ids and no question text are kept."""

    def __init__(self) -> None:
        self.votes: list[FeedbackVote] = []

    def record(self, vote: FeedbackVote) -> None:
        self.votes.append(vote)
        log.info("feedback %s on %s (%s)", vote.vote, vote.entry_id or "no answer", vote.surface)

    def tally(self) -> Counter[tuple[str, Vote]]:
        return Counter((v.entry_id, v.vote) for v in self.votes)
