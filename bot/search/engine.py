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
from bot.knowledge.model import RESOURCE_KINDS, GlossaryTerm, KnowledgeBase, Resource
from bot.search import eligibility
from bot.search.index import SHORT, IndexCache, SearchIndex, content_tokens
from bot.search.lexicon import (
    CONTACT_WORDS,
    CUE_WORDS,
    DESTINATION_PRIOR,
    KIND_AFFINITY,
    STOPWORDS,
)
from bot.search.query import Query, build_query
from bot.search.situation import ADULT_AGE, Situation, hold_names, read_situation
from bot.search.text import correct_words, fold, near_word, word_tokens, words

CONFIDENT = 0.45  # look-up answers below this are not shown...
CONFIDENT_MANY, MANY = 0.3, 3  # ...unless they match at least MANY of the required words
SUGGEST_FROM = 0.25  # ...but may be offered as "did you mean"
MAX_SUGGESTIONS = 3
PHRASE_SHARE = 0.2  # share of the look-up score from whole-phrase similarity
RERANK = 40  # candidates compared as whole phrases
MAX_EXCLUDED = 20
MAX_QUESTION_CHARS = 2000
CONTACT_BONUS = 0.1  # look-up bonus for resources when the question asks for contact details
SOFT_BOOST = 0.25  # how much optional words can add to (or, missing, take from) a look-up

# Placement score shares: known fit to the needs, suitability of the kind, and the question's
# other words ("needs a bed", "wants detox") when it has any.
WITH_TEXT = (0.35, 0.15, 0.5)
WITHOUT_TEXT = (0.65, 0.35, 0.0)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_INFORMATION = re.compile(
    r"^\s*(what|what's|whats|how|why|who|define|explain|tell me about)\b|"
    r"\b(mean|means|meaning|stand for|definition|vs\.?|versus)\b",
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

    def __init__(self, knowledge: KnowledgeBase, cache: IndexCache | None = None) -> None:
        """``cache`` lets a rebuilt engine reuse what indexing unchanged entries produced."""
        self.knowledge = knowledge
        self.index = SearchIndex(knowledge, cache)
        self.timezone = knowledge.defaults.timezone or "UTC"
        kinds = [DESTINATION_PRIOR.get(kind, 0.2) for kind in RESOURCE_KINDS]
        self._kind_prior = np.asarray(kinds, dtype=np.float32)
        self._local_holds = hold_names(
            (e.term, e.aliases) for e in knowledge.entries if isinstance(e, GlossaryTerm)
        )

    def answer(
        self, question: str, *, at: datetime, top: int = 5, resources_only: bool = False
    ) -> Answer:
        """Answer ``question`` as asked at ``at`` (timezone-aware); ``resources_only`` leaves
        guidance, FAQs and the glossary out (``/crisis``)."""
        question = clean_question(question)
        understood = correct_words(question, CUE_WORDS, self.knows_word)
        situation = read_situation(
            understood, at.astimezone(ZoneInfo(self.timezone)), self._local_holds
        )
        top = max(1, top)
        query = build_query(understood, situation, self.index, situation_soft=True)
        implicit = (  # "drunk 16yo at 2am": only a person described, so a place is wanted
            situation.describes_a_person
            and not query.required
            and not asks_for_information(question)
            and not asks_for_contact(question)
        )
        if situation.placement or implicit:
            # only what names a place counts here (name, alias, kind, services, summary), not
            # every word of its details: "suicidal" must not pull a detox centre to the top
            coverage, _ = self._coverage(query, min_weight=SHORT)
            answer = self._placement(question, situation, query, coverage, top)
            if answer is not None:
                return answer
        query = build_query(understood, situation, self.index, situation_soft=False)
        coverage, hits = self._coverage(query)
        if resources_only:
            coverage = coverage * self.index.criteria.is_resource
        return self._lookup(question, situation, query, coverage, hits, top)

    def listing(self, kind: str, *, at: datetime) -> Answer:
        """Every resource of ``kind``, by name, with its state at ``at`` (``/crisis`` alone)."""
        situation = read_situation("", at.astimezone(ZoneInfo(self.timezone)))
        resources = sorted(
            (e for e in self.knowledge.resources if e.kind == kind), key=lambda r: r.name
        )
        results = tuple(
            Match(r, 1.0, eligibility.status_of(r, situation.at, self.knowledge.timezone_of(r)))
            for r in resources
        )
        return Answer(kind, situation, results, area=self.knowledge.defaults.area)

    def knows_word(self, word: str) -> bool:
        """Whether ``word`` (any case, any inflection) is a common word or one the knowledge
        base uses: not a typo to correct, nor a person's name."""
        folded = fold(word)
        return folded in STOPWORDS or all(t in self.index.vocabulary for t in word_tokens(folded))

    def _coverage(self, query: Query, *, min_weight: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """Per entry, how much of the question it covers (0..1).

        The required words decide: their idf-weighted share the entry matches. Optional
        (soft) words only refine that: an entry with all of them keeps its share, one with
        none keeps ``1 / (1 + SOFT_BOOST)`` of it; alone, they decide only when the question
        has nothing else ("what is a 5150"). So "veterans crisis line text" prefers the
        Veterans Crisis Line, while "what time does the DMV open" matches nothing.
        Fields weighing less than ``min_weight`` are ignored. Also returns, per entry, how
        many of the required words it matched.
        """
        n = len(self.index.entries)
        required = np.zeros(n, dtype=np.float32)
        soft = np.zeros(n, dtype=np.float32)
        hits = np.zeros(n, dtype=np.int16)
        for slot in query.slots:
            best = np.zeros(n, dtype=np.float32)
            for term, similarity in slot.terms.items():
                postings = self.index.postings[term]
                weights = postings.weights * (postings.weights >= min_weight)
                current = best[postings.rows]
                np.maximum(current, weights * similarity, out=current)
                best[postings.rows] = current
            if slot.soft:
                soft += slot.weight * best
            else:
                required += slot.weight * best
                hits += best > 0
        required_total = sum(s.weight for s in query.required)
        soft_total = sum(s.weight for s in query.slots if s.soft)
        soft_share = soft / soft_total if soft_total else np.zeros(n, dtype=np.float32)
        if not required_total:
            return soft_share, hits
        boost = (1 + SOFT_BOOST * soft_share) / (1 + SOFT_BOOST)
        return required / required_total * boost, hits

    def _lookup(
        self,
        question: str,
        situation: Situation,
        query: Query,
        coverage: np.ndarray,
        hits: np.ndarray,
        top: int,
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
        # a long question in other words than the entry's can still be clear: several of its
        # words found together in one entry count as much as a high share
        confident = (scores >= CONFIDENT) | ((scores >= CONFIDENT_MANY) & (hits[rows] >= MANY))
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
    ) -> Answer | None:
        """Places for the person, or None when the question is not really about one."""
        required = query.required
        criteria = self.index.criteria
        rows = np.flatnonzero(criteria.destination)
        if required and not situation.states_needs and coverage[rows].max(initial=0) < CONFIDENT:
            # "where do we even begin with a co-responder program": not about a place we know;
            # "where can I take my car for repair": nothing at all (the look-up says so).
            return None
        verdicts = eligibility.assess(criteria, rows, situation, placement=True)
        suitability = self._suitability(rows, situation)
        suitability = np.minimum(suitability, 1.5) / 1.5
        if any(slot.known for slot in required):  # the question also says what it wants
            fit_share, kind_share, text_share = WITH_TEXT
            text = coverage[rows]
        else:
            fit_share, kind_share, text_share = WITHOUT_TEXT
            text = np.zeros(len(rows), dtype=np.float32)
        scores = fit_share * verdicts.fit + kind_share * suitability + text_share * text
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

    def _suitability(self, rows: np.ndarray, situation: Situation) -> np.ndarray:
        """How well each place's kind suits the person (a youth-only place suits a minor)."""
        criteria = self.index.criteria
        kinds = criteria.kind[rows]
        suitability = self._kind_prior[kinds].copy()
        for flag, bonus_by_kind in KIND_AFFINITY.items():
            if getattr(situation, flag):
                for kind, bonus in bonus_by_kind.items():
                    suitability[kinds == RESOURCE_KINDS.index(kind)] += bonus
        if situation.is_minor:
            youth_kind = kinds == RESOURCE_KINDS.index("youth")
            youth_only = (criteria.max_age[rows] >= 0) & (criteria.max_age[rows] < ADULT_AGE)
            suitability[youth_only & ~youth_kind] += KIND_AFFINITY["is_minor"]["youth"]
        return suitability

    def _with_phrase(self, query: Query, rows: np.ndarray, coverage: np.ndarray) -> np.ndarray:
        """Blend in how closely the question reads like an entry's title or sample question."""
        asked = content_tokens(query.text)
        if not asked or not len(rows):
            return coverage.astype(np.float32)
        phrase = np.array(
            [
                max((fuzz.token_sort_ratio(asked, h) for h in self.index.handle_tokens[r] if h),
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
