"""Answering a question: situation, text relevance and eligibility combined into a ranking.

Two ways to rank:
- *look-up* ("stonebridge sobering center address", "how many hours is CIT training"): how
  much of the question an entry covers, weighted by how rare each word is and where in the
  entry it appears; below a confidence threshold there is no answer, only suggestions.
- *placement* ("where can I take a drunk 16yo at 2am"): every place that takes people is a
  candidate; those failing a stated need, closed at the moment asked, or refusing police
  drop-offs are left out with reasons; the rest are ranked by how many needs they are known
  to meet, how well their kind suits the situation, and any words the question adds.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
from rapidfuzz import fuzz

from bot.answer import Answer, Exclusion, Match
from bot.knowledge.model import RESOURCE_KINDS, KnowledgeBase, Resource
from bot.search import eligibility
from bot.search.index import SearchIndex
from bot.search.lexicon import CONTACT_WORDS, DESTINATION_PRIOR, KIND_AFFINITY, STOPWORDS
from bot.search.query import Query, build_query
from bot.search.situation import Situation, read_situation
from bot.search.text import near_word, tokens, words

CONFIDENT = 0.5  # look-up answers below this are not shown
SUGGEST_FROM = 0.25  # ...but may be offered as "did you mean"
MAX_SUGGESTIONS = 3
PHRASE_SHARE = 0.2  # share of the look-up score from whole-phrase similarity
RERANK = 40  # candidates compared as whole phrases
MAX_EXCLUDED = 20
MAX_QUESTION_CHARS = 2000
CONTACT_BONUS = 0.1  # look-up bonus for resources when the question asks for contact details
SOFT_MISS = 0.5  # share of an optional word's weight that counts against entries lacking it

# Placement score: known fit to the needs, suitability of the kind, words of the question.
FIT_SHARE, KIND_SHARE, TEXT_SHARE = 0.45, 0.25, 0.3

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


_INFORMATION = re.compile(
    r"^\s*(what|what's|whats|how|why|who|define|explain|meaning|tell me about)\b|\bmean\b|"
    r"\bstand for\b|\bdefinition\b",
    re.IGNORECASE,
)


def asks_for_contact(question: str) -> bool:
    """ "Sobering center address" wants the place, not the glossary's definition."""
    return any(near_word(word, CONTACT_WORDS) for word in words(question))


def asks_for_information(question: str) -> bool:
    """ "What is a 5150?" asks about a word, not for a place, though it states a hold."""
    return bool(_INFORMATION.search(question))


def clean_question(question: str) -> str:
    return " ".join(_CONTROL.sub(" ", question[:MAX_QUESTION_CHARS]).split())


class Engine:
    """Answers questions against one knowledge base. Build once per load; thread-safe to read."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge
        self.index = SearchIndex(knowledge)
        zone = knowledge.defaults.timezone or "UTC"
        self.timezone = zone
        kinds = [DESTINATION_PRIOR.get(kind, 0.2) for kind in RESOURCE_KINDS]
        self._kind_prior = np.asarray(kinds, dtype=np.float32)
        self._handle_tokens = tuple(
            tuple(_content(handle) for handle in handles) for handles in self.index.handles
        )

    def answer(self, question: str, *, at: datetime, top: int = 5) -> Answer:
        """Answer ``question`` as asked at ``at`` (timezone-aware)."""
        question = clean_question(question)
        situation = read_situation(question, at.astimezone(ZoneInfo(self.timezone)))
        query = build_query(question, situation, self.index)
        coverage = self._coverage(query)
        top = max(1, top)
        if situation.placement or (
            situation.states_needs and not query.required and not asks_for_information(question)
        ):
            return self._placement(question, situation, query, coverage, top)
        return self._lookup(question, situation, query, coverage, top)

    def _coverage(self, query: Query) -> np.ndarray:
        """Per entry, the weighted share of the question it covers (0..1).

        Optional (soft) words count fully when an entry has them and at ``SOFT_MISS`` of
        their weight against one that lacks them: "veterans crisis line text" prefers the
        Veterans Crisis Line to the Crisis Text Line, yet "address" sinks nothing.
        """
        n = len(self.index.entries)
        required = np.zeros(n, dtype=np.float32)
        soft = np.zeros(n, dtype=np.float32)
        soft_total = 0.0
        for slot in query.slots:
            best = np.zeros(n, dtype=np.float32)
            for term, similarity in slot.terms.items():
                postings = self.index.postings[term]
                current = best[postings.rows]
                np.maximum(current, postings.weights * similarity, out=current)
                best[postings.rows] = current
            if slot.soft:
                soft += slot.weight * best
                soft_total += slot.weight
            else:
                required += slot.weight * best
        denominator = sum(s.weight for s in query.required) + SOFT_MISS * (soft_total - soft) + soft
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(denominator > 0, (required + soft) / denominator, 0.0)

    def _lookup(
        self, question: str, situation: Situation, query: Query, coverage: np.ndarray, top: int
    ) -> Answer:
        rows = np.flatnonzero(coverage > 0)
        if len(rows) > RERANK:
            rows = rows[np.argpartition(-coverage[rows], RERANK)[:RERANK]]
        scores = self._with_phrase(query, rows, coverage[rows])
        if asks_for_contact(question):
            scores = scores + CONTACT_BONUS * self.index.criteria.is_resource[rows]
        order = np.lexsort((rows, -scores))
        rows, scores = rows[order], scores[order]

        verdicts = eligibility.assess(self.index.criteria, rows, situation, placement=False)
        failed = verdicts.excluded if situation.states_needs else np.zeros(len(rows), dtype=bool)
        confident = scores >= CONFIDENT
        shown = np.flatnonzero(confident & ~failed)
        answer_rows = shown[:top]
        suggestions: tuple[str, ...] = ()
        if not len(shown):
            near = np.flatnonzero((scores >= SUGGEST_FROM) & ~failed)[:MAX_SUGGESTIONS]
            suggestions = tuple(self.index.entries[rows[p]].title for p in near)
        return Answer(
            query=question,
            situation=situation,
            results=tuple(
                self._match(rows[p], scores[p], verdicts, p, situation) for p in answer_rows
            ),
            excluded=self._exclusions(
                np.flatnonzero(confident & failed), rows, verdicts, situation
            ),
            suggestions=suggestions,
            more=max(0, len(shown) - top),
            area=self.knowledge.defaults.area,
        )

    def _placement(
        self, question: str, situation: Situation, query: Query, coverage: np.ndarray, top: int
    ) -> Answer:
        required = query.required
        criteria = self.index.criteria
        rows = np.flatnonzero(criteria.destination)
        if required and not situation.states_needs and coverage[rows].max(initial=0) < CONFIDENT:
            # "where can I take my car for repair": somewhere, but nothing we know about.
            return Answer(question, situation, area=self.knowledge.defaults.area)
        verdicts = eligibility.assess(criteria, rows, situation, placement=True)
        suitability = self._kind_prior[criteria.kind[rows]].copy()
        for need, bonus_by_kind in KIND_AFFINITY.items():
            if _states(situation, need):
                for kind, bonus in bonus_by_kind.items():
                    suitability[criteria.kind[rows] == RESOURCE_KINDS.index(kind)] += bonus
        text = coverage[rows] if required else np.zeros(len(rows), dtype=np.float32)
        scores = FIT_SHARE * verdicts.fit + KIND_SHARE * np.minimum(suitability, 1.5) / 1.5
        scores = scores + TEXT_SHARE * text
        order = np.lexsort((rows, -scores))
        failed = verdicts.excluded[order]
        shown = order[~failed]
        return Answer(
            query=question,
            situation=situation,
            results=tuple(
                self._match(rows[p], scores[p], verdicts, p, situation) for p in shown[:top]
            ),
            excluded=self._exclusions(order[failed], rows, verdicts, situation),
            more=max(0, len(shown) - top),
            area=self.knowledge.defaults.area,
        )

    def _with_phrase(self, query: Query, rows: np.ndarray, coverage: np.ndarray) -> np.ndarray:
        """Blend in how closely the question reads like an entry's title or sample question."""
        asked = _content(query.text)
        if not asked or not len(rows):
            return coverage.astype(np.float32)
        phrase = np.array(
            [
                max((fuzz.token_sort_ratio(asked, h) for h in self._handle_tokens[r] if h),
                    default=0.0) / 100
                for r in rows
            ],
            dtype=np.float32,
        )  # fmt: skip
        return (1 - PHRASE_SHARE) * coverage + PHRASE_SHARE * phrase * (coverage > 0)

    def _match(
        self, row: int, score: float, verdicts: eligibility.Verdicts, position: int,
        situation: Situation,
    ) -> Match:  # fmt: skip
        entry = self.index.entries[row]
        if not isinstance(entry, Resource):
            return Match(entry, float(score))
        return Match(
            entry,
            float(score),
            eligibility.status_of(entry, situation.at, self.knowledge.timezone_of(entry)),
            eligibility.caveats(verdicts.unknown_needs(position), entry, situation),
        )

    def _exclusions(
        self, positions: np.ndarray, rows: np.ndarray, verdicts: eligibility.Verdicts,
        situation: Situation,
    ) -> tuple[Exclusion, ...]:  # fmt: skip
        out: list[Exclusion] = []
        for position in positions[:MAX_EXCLUDED]:
            resource = self.index.entries[rows[position]]
            assert isinstance(resource, Resource)
            status = eligibility.status_of(
                resource, situation.at, self.knowledge.timezone_of(resource)
            )
            reasons = tuple(
                eligibility.failure_reason(need, resource, situation, status, situation.at)
                for need in verdicts.failed_needs(position)
            )
            out.append(Exclusion(resource, reasons))
        return tuple(out)


def _states(situation: Situation, flag: str) -> bool:
    return bool(getattr(situation, flag))


def _content(text: str) -> str:
    return " ".join(t for t in tokens(text) if t not in STOPWORDS)
