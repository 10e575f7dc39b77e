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
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
from rapidfuzz import fuzz, process

from bot.answer import Answer, Exclusion, Match
from bot.knowledge.model import RESOURCE_KINDS, GlossaryTerm, KnowledgeBase, Resource
from bot.search import eligibility
from bot.search.index import SHORT, IndexCache, SearchIndex, content_tokens
from bot.search.lexicon import (
    ALTERNATIVES,
    COME_OUT_ALTERNATIVES,
    CONTACT_WORDS,
    CUE_WORDS,
    DESTINATION_PRIOR,
    DETAILS_WORDS,
    GUIDANCE_FRAME,
    LEXICON_WORDS,
    NOT_A_DESTINATION,
    STOPWORDS,
    STRONG_GUIDANCE,
)
from bot.search.needs import kind_fit
from bot.search.places import place_names
from bot.search.query import Query, build_query
from bot.search.situation import ADULT_AGE, Situation, hold_names, read_situation
from bot.search.text import correct_words, fold, near_word, word_spans, word_tokens, words

CONFIDENT = 0.45  # look-up answers below this are not shown...
CONFIDENT_MANY, MANY = 0.3, 3  # ...unless they match at least MANY of the required words
SUGGEST_FROM = 0.25  # ...but may be offered as "did you mean"
UNSURE_FROM, UNSURE_HITS = 0.3, 2  # the best match, if this good, is shown as a guess
MAX_SUGGESTIONS = 3
PHRASE_SHARE = 0.2  # share of the look-up score from whole-phrase similarity
RERANK = 40  # candidates compared as whole phrases
MAX_EXCLUDED = 20
MAX_QUESTION_CHARS = 2000
CONTACT_BONUS = 0.1  # look-up bonus for resources when the question asks for contact details
SOFT_BOOST = 0.25  # how much optional words can add to (or, missing, take from) a look-up

# Placement score shares: known fit to the needs, suitability of the kind, and the question's
# other words ("needs a bed", "wants detox") when it has any.
WITH_TEXT = (0.22, 0.53, 0.2)
WITHOUT_TEXT = (0.3, 0.7, 0.0)
WANTS_SHARE = 0.6  # of a kind's suitability, when the question states a need kinds meet
YOUTH_ONLY_BONUS = 0.5  # a place for minors only, whatever its kind, for a minor
MAX_SUITABILITY = 1.6
LOGISTICS_SHARE = 0.05  # known to take drop-offs and be open: a tie-break
FIT_CUT = 0.9  # a place scoring below this share of the best is not in a first answer...
SHORT_LIST = 5  # ...of at most this many results (asked for more, every eligible place is)
NAMED_BONUS = 0.3  # a place named in a placement question, when it fits, comes first
NAMED_LOOKUP_BONUS = 0.15  # an entry named outright in a look-up
GUIDANCE_OVER_PLACEMENT = 0.5  # a guidance look-up this good wins over a placement...
GUIDANCE_FRAMED = 0.3  # ...or this good, when the question is framed as about the program
OFF_KIND_SHARE = 0.85  # a place in a question about the program, a term when no word is asked

_YES_NO = re.compile(r"^\s*(can|could|does|do|will|would|is|are|should|may)\b", re.IGNORECASE)
# asking to use a place or team now, not about it: "need MCT at a house", "can they come out"
_WANTS_IT_NOW = re.compile(
    r"\b(need|needs|needed|out|available|working|on duty|come|respond|send|get|go|take|bring|"
    r"heading|headed|going|on (?:my|our) way|eta|en route|taking|bringing|running|walk|still|"
    r"around|up)\b",
    re.IGNORECASE,
)
_GUIDANCE_FRAME = re.compile(GUIDANCE_FRAME, re.IGNORECASE)
_STRONG_GUIDANCE = re.compile(STRONG_GUIDANCE, re.IGNORECASE)
# asking what a word means: the glossary's job
_DEFINITION = re.compile(
    r"^\s*(?:what(?:'s| is| are|s)|define|explain)\b|\b(?:mean|means|meaning|stand(?:s)? for|"
    r"short for|definition|abbreviation|acronym|vs\.?|versus|difference between)\b|\?\s*$",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_INFORMATION = re.compile(
    r"^\s*(what|what's|whats|how|why|who|define|explain|tell me about)\b|"
    r"\b(mean|means|meaning|stand for|short for|abbreviation|acronym|definition|vs\.?|"
    r"versus)\b",
    re.IGNORECASE,
)


def asks_for_contact(question: str, vocabulary: frozenset[str] = CONTACT_WORDS) -> bool:
    """ "Sobering center address" wants the place, not the glossary's definition."""
    return any(near_word(word, vocabulary) for word in words(question))


def asks_for_information(question: str) -> bool:
    """ "What is a 5150?" asks about a word, not for a place, though it states a hold."""
    return bool(_INFORMATION.search(question))


def _answers_with_guidance(answer: Answer, question: str) -> bool:
    """Whether a look-up found guidance that answers the question well: a need read from
    words that also fit guidance ("can the ER tell us if he was admitted") goes there, and
    more readily when the question is framed as one about the program ("our deputies",
    "other agencies", "are we allowed")."""
    if not answer.results or isinstance(answer.results[0].entry, Resource):
        return False
    framed = bool(_GUIDANCE_FRAME.search(question))
    return answer.results[0].score >= (GUIDANCE_FRAMED if framed else GUIDANCE_OVER_PLACEMENT)


def _best(positions: np.ndarray, scores: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` best of ``positions`` by score, best first, ties by row: the same as a full
    sort's first ``k``, without sorting ten thousand places for five."""
    if len(positions) > k:
        threshold = np.partition(scores[positions], len(positions) - k)[len(positions) - k]
        positions = positions[scores[positions] >= threshold]
    order = np.lexsort((rows[positions], -scores[positions]))
    return positions[order][:k]


def _alternatives(resource: Resource) -> dict[str, float]:
    """What does the job of ``resource`` when it is closed: its kind's alternatives, and for
    a team or line with no address to go to, the teams and lines that come out or answer."""
    wants = dict(ALTERNATIVES[resource.kind])
    if not resource.address:
        for kind, weight in COME_OUT_ALTERNATIVES.items():
            wants[kind] = max(wants.get(kind, 0.0), weight)
    return wants


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans turned to spaces (positions kept)."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def clean_question(question: str) -> str:
    return " ".join(_CONTROL.sub(" ", question[:MAX_QUESTION_CHARS]).split())


@dataclass(frozen=True)
class Reading:
    """What the engine read in a question before deciding how to answer it."""

    question: str
    understood: str  # with cue-word typos fixed
    situation: Situation
    named: list[int]  # rows of the entries named outright
    places: list[int]  # ...of those, the resources
    names_of_places: int  # how many distinct place names ("the Oak or Birch?": two)
    closed: Resource | None  # the place or team asked for, closed when wanted


class Engine:
    """Answers questions against one knowledge base. Build once per load; thread-safe to read."""

    def __init__(self, knowledge: KnowledgeBase, cache: IndexCache | None = None) -> None:
        """``cache`` lets a rebuilt engine reuse what indexing unchanged entries produced."""
        self.knowledge = knowledge
        self.index = SearchIndex(knowledge, cache)
        self.timezone = knowledge.defaults.timezone or "UTC"
        kinds = [DESTINATION_PRIOR.get(kind, 0.2) for kind in RESOURCE_KINDS]
        self._kind_prior = np.asarray(kinds, dtype=np.float32)
        self._is_term = np.array([isinstance(e, GlossaryTerm) for e in knowledge.entries])
        self._local_holds = hold_names(
            (e.term, e.aliases, e.definition)
            for e in knowledge.entries
            if isinstance(e, GlossaryTerm)
        )
        region = fold(knowledge.defaults.area or "")
        self._places = place_names(
            a for r in knowledge.resources for a in r.area if fold(a) != region
        )

    def answer(
        self, question: str, *, at: datetime, top: int = 5, resources_only: bool = False
    ) -> Answer:
        """Answer ``question`` as asked at ``at`` (timezone-aware); ``resources_only`` leaves
        guidance, FAQs and the glossary out (``/crisis``)."""
        reading = self._read(clean_question(question), at)
        return self._route(reading, max(1, top), resources_only)

    def _read(self, question: str, at: datetime) -> Reading:
        """The question's names, the situation it describes, and what it asks to use."""
        understood = correct_words(question, CUE_WORDS, self.knows_word)
        named, spans = self.named(understood)
        # the person is described outside the names: "Harbor Youth Shelter" is no minor
        unnamed = _blank(understood, spans)
        situation = read_situation(
            unnamed, at.astimezone(ZoneInfo(self.timezone)), self._local_holds, self._places
        )
        named_places = [r for r in named if self.index.criteria.is_resource[r]]
        closed = self._closed_when_wanted(unnamed, situation, named_places)
        if closed is not None:  # "is the MCT out tonight": say so, and what is open instead
            situation = replace(situation, wants=_alternatives(closed))
        elif len(named_places) == 1 and not _YES_NO.match(question):
            team = self.index.entries[named_places[0]]
            if isinstance(team, Resource) and team.kind in NOT_A_DESTINATION:
                # "need MCOT for a 14yo at the school": that team, or one like it, to come out
                wants = {**situation.wants}
                for kind, weight in ALTERNATIVES[team.kind].items():
                    wants[kind] = max(wants.get(kind, 0.0), weight)
                situation = replace(situation, wants=wants)
        return Reading(question, understood, situation, named, named_places, len(spans), closed)

    def _route(self, reading: Reading, top: int, resources_only: bool) -> Answer:
        """A placement, a yes/no about one place, or a look-up, as the evidence says."""
        question, situation, named_places = reading.question, reading.situation, reading.places
        query = build_query(reading.understood, situation, self.index, situation_soft=True)

        def placement() -> Answer | None:
            # only what names a place counts here (name, alias, kind, services, summary), not
            # every word of its details: "suicidal" must not pull a detox centre to the top
            coverage = self._coverage(query, min_weight=SHORT)[0]
            return self._placement(question, situation, query, coverage, top, named_places)

        asks_about_one = (
            len(named_places) == 1 and bool(_YES_NO.match(question)) and reading.closed is None
        )
        if asks_about_one and situation.describes_a_person:
            # "can I bring a drunk 17yo to the youth shelter": that place if it takes them;
            # if not, what does, and that place first among those left out, with why
            coverage = self._coverage(query, min_weight=SHORT)[0]
            return self._verdict(question, situation, query, coverage, top, named_places[0])
        # "we're a 12-deputy county, what are our options": about the program, not a person
        about_program = bool(_STRONG_GUIDANCE.search(question)) or (
            bool(_GUIDANCE_FRAME.search(question)) and not situation.describes_a_person
        )
        # "can the CSU take someone on a 302": about that place's rules, answered by its entry
        # "the Oak or Birch?": two places named are compared for the person, as a placement
        explicit = (
            (situation.placement and not asks_about_one)
            or reading.closed is not None
            or reading.names_of_places >= 2  # two names, not one name several places share
        )
        if explicit and not about_program and (answer := placement()) is not None:
            return answer
        about_a_place = asks_for_information(question) or asks_for_contact(question, DETAILS_WORDS)
        # "drunk 16yo at 2am" describes a person; "nowhere to sleep tonight" states a need:
        # a place is wanted, unless guidance answers the question better. A need read from
        # the words of a term the question names ("suicide by cop warning signs") is the
        # term's, not the person's.
        names_guidance = any(not self.index.criteria.is_resource[r] for r in reading.named)
        wanted = situation.describes_a_person or (
            (bool(situation.wants) or situation.medical_emergency) and not names_guidance
        )
        places = None
        if wanted and not about_a_place and not about_program:
            places = placement()
            if places is not None and situation.describes_a_person and not query.required:
                return places  # nothing but the person: no guidance to weigh
        words = build_query(reading.understood, situation, self.index, situation_soft=False)
        coverage, hits = self._coverage(words)
        if resources_only:
            coverage = coverage * self.index.criteria.is_resource
        asked_about = named_places if asks_about_one else []
        lookup = self._lookup(
            question, situation, words, coverage, hits, top, reading.named, asked_about
        )
        if explicit and places is None and not lookup.results:
            places = placement()  # framed like guidance, yet nothing answers it so: places
        if places is None or _answers_with_guidance(lookup, question):
            return lookup
        return places

    def _closed_when_wanted(
        self, question: str, situation: Situation, named: list[int]
    ) -> Resource | None:
        """The one place or team the question asks to use ("need MCT at a house") when it is
        closed at the moment asked; not when it only names it ("is the vet center open").
        ``question`` is the question with the place's name blanked out."""
        if len(named) != 1:
            return None
        if not (situation.describes_a_person or _WANTS_IT_NOW.search(question)):
            return None  # "is the vet center open", "nami": the place itself, closed or not
        resource = self.index.entries[named[0]]
        assert isinstance(resource, Resource)
        status = eligibility.status_of(resource, situation.at, self.knowledge.timezone_of(resource))
        return resource if status is not None and status.is_closed else None

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
        return (
            folded in STOPWORDS
            or folded in LEXICON_WORDS
            or all(t in self.index.vocabulary for t in word_tokens(folded))
        )

    def named(self, question: str) -> tuple[list[int], list[tuple[int, int]]]:
        """Rows of the entries the question names outright ("is Harbor CRC open", "the CR
        unit or Ocotillo?"), typos forgiven, in the order named; and where in the (folded)
        question each place's name is."""
        asked: list[str] = []
        spans: list[tuple[int, int]] = []
        raw: list[str] = []  # the word as written, with the one after it ("walk in")
        found_words = word_spans(fold(question))
        for position, (word, start, end) in enumerate(found_words):
            after = found_words[position + 1][0] if position + 1 < len(found_words) else ""
            for token in word_tokens(word):
                if token in STOPWORDS:
                    continue
                if token not in self.index.vocabulary:
                    close = self.index.vocabulary.similar(token)
                    token = max(close, key=close.__getitem__) if close else token
                asked.append(token)
                spans.append((start, end))
                raw.append(f"{word} {after}")
        rows: list[int] = []
        found: list[tuple[int, int]] = []
        for match in self.index.names.find(asked):
            concepts = match.concepts
            if match.end - match.start == 1:  # one word names a place only as written
                word, after = raw[match.start].split(" ")
                spellings = (word, f"{word}-{after}")  # "walk in" for "walk-in"
                concepts = frozenset(
                    c for c in concepts
                    if any(near_word(w, self.index.one_word_names.get(c, frozenset()))
                           for w in spellings)
                )  # fmt: skip
            rows += sorted(int(row) for row in concepts if int(row) not in rows)
            if any(self.index.criteria.is_resource[int(row)] for row in concepts):
                found.append((spans[match.start][0], spans[match.end - 1][1]))
        return rows, found

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
        named: list[int],
        asked_about: list[int],
    ) -> Answer:
        """Entries that cover the question; ``asked_about`` are places a yes/no question
        names ("can the CSU take a 302"): shown with their rules even when they fail it."""
        rows = np.flatnonzero(coverage > 0)
        if len(rows) > RERANK:
            rows = rows[np.argpartition(-coverage[rows], RERANK)[:RERANK]]
        scores = self._with_phrase(query, rows, coverage[rows])
        if asks_for_contact(question):
            scores = scores + CONTACT_BONUS * self.index.criteria.is_resource[rows]
        is_resource = self.index.criteria.is_resource[rows]
        about_program = bool(_GUIDANCE_FRAME.search(question))
        if about_program and not asks_for_contact(question):
            # "what should our agreement with Stoneman Regional cover": the place is the
            # subject of guidance, not the answer
            scores = scores * np.where(is_resource, OFF_KIND_SHARE, 1.0)
        if not _DEFINITION.search(question):
            # "what does the 40 hr CIT class go over": the course, not the word's definition
            scores = scores * np.where(self._is_term[rows], OFF_KIND_SHARE, 1.0)
        # a place named in a question about it; a term or section in a question asking
        # what it is ("what is CIT", not "CIT or co-responders for a small town")
        is_named = np.isin(rows, named) & np.where(
            is_resource,
            not asks_for_information(question) and not about_program,
            asks_for_information(question) and not asks_for_contact(question),
        )
        scores = scores + NAMED_LOOKUP_BONUS * is_named
        order = np.lexsort((rows, -scores))
        rows, scores = rows[order], scores[order]

        verdicts = eligibility.assess(self.index.criteria, rows, situation, placement=False)
        failed = verdicts.excluded if situation.states_needs else np.zeros(len(rows), dtype=bool)
        failed &= ~np.isin(rows, asked_about)
        # a long question in other words than the entry's can still be clear: several of its
        # words found together in one entry count as much as a high share
        confident = (
            (scores >= CONFIDENT)
            | ((scores >= CONFIDENT_MANY) & (hits[rows] >= MANY))
            | (is_named & (scores >= SUGGEST_FROM))
        )
        shown = np.flatnonzero(confident & ~failed)
        unsure = False
        if not len(shown) and len(rows) and not failed[0]:
            # not sure, but the best match explains several of the question's words and
            # well enough: shown, labelled as a guess, rather than nothing
            unsure = bool(scores[0] >= UNSURE_FROM and hits[rows[0]] >= UNSURE_HITS)
            shown = np.array([0]) if unsure else shown
        answer_rows = shown[:top]
        suggestions: tuple[str, ...] = ()
        if not len(shown) or unsure:
            near = np.flatnonzero((scores >= SUGGEST_FROM) & ~failed)[int(unsure) :]
            suggestions = tuple(self.index.entries[rows[p]].title for p in near[:MAX_SUGGESTIONS])
        return Answer(
            unsure=unsure,
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
        self,
        question: str,
        situation: Situation,
        query: Query,
        coverage: np.ndarray,
        top: int,
        named: list[int],
    ) -> Answer | None:
        """Places (or lines and teams, when that is the need) for the person, or None when
        the question is not really about one."""
        required = query.required
        criteria = self.index.criteria
        candidates = criteria.destination.copy()
        candidates[named] = True
        if not situation.transport:  # lines and teams too, when that is what is needed
            for kind in (k for k, weight in situation.wants.items() if weight > 0):
                candidates |= criteria.is_resource & (criteria.kind == RESOURCE_KINDS.index(kind))
        rows = np.flatnonzero(candidates)
        if (
            required
            and not situation.states_needs
            and not situation.wants
            and coverage[rows].max(initial=0) < CONFIDENT
        ):
            # "where do we even begin with a co-responder program": not about a place we know;
            # "where can I take my car for repair": nothing at all (the look-up says so).
            return None
        verdicts = eligibility.assess(criteria, rows, situation, placement=True)
        suitability = self._suitability(rows, situation)
        if any(slot.known for slot in required):  # the question also says what it wants
            fit_share, kind_share, text_share = WITH_TEXT
            text = coverage[rows]
        else:
            fit_share, kind_share, text_share = WITHOUT_TEXT
            text = np.zeros(len(rows), dtype=np.float32)
        scores = (
            fit_share * verdicts.fit
            + kind_share * suitability
            + text_share * text
            + LOGISTICS_SHARE * verdicts.sure
        )
        # a place the question names comes first when it fits ("Harbor or Bayview?")
        scores = scores + NAMED_BONUS * np.isin(rows, named)
        failed = verdicts.excluded
        eligible = np.flatnonzero(~failed)
        shown = _best(eligible, scores, rows, top)
        if len(shown) and top <= SHORT_LIST:
            # a first answer lists only the places that suit about as well as the best; the
            # rest are counted in ``more`` and shown when more are asked for
            shown = shown[scores[shown] >= scores[shown[0]] * FIT_CUT]
        left_out = _best(np.flatnonzero(failed), scores, rows, MAX_EXCLUDED)
        return Answer(
            query=question,
            situation=situation,
            results=tuple(self._match(rows[p], scores[p], verdicts, p, situation) for p in shown),
            excluded=self._exclusions(left_out, rows, verdicts, situation),
            more=len(eligible) - len(shown),
            area=self.knowledge.defaults.area,
        )

    def _verdict(
        self,
        question: str,
        situation: Situation,
        query: Query,
        coverage: np.ndarray,
        top: int,
        row: int,
    ) -> Answer:
        """The place asked about by name ("can the CSU take someone on a 302"): first when it
        takes the person; when it does not, the places that do, and it first among those left
        out, with why."""
        verdicts = eligibility.assess(
            self.index.criteria, np.array([row]), situation, placement=True
        )
        if not verdicts.excluded[0]:
            return Answer(
                query=question,
                situation=situation,
                results=(self._match(row, 1.0, verdicts, 0, situation),),
                area=self.knowledge.defaults.area,
            )
        others = self._placement(question, situation, query, coverage, top, [])
        asked = self._exclusions(np.array([0]), np.array([row]), verdicts, situation)
        if others is None:
            return Answer(question, situation, excluded=asked, area=self.knowledge.defaults.area)
        rest = tuple(x for x in others.excluded if x.resource is not asked[0].resource)
        return replace(others, excluded=asked + rest)

    def _suitability(self, rows: np.ndarray, situation: Situation) -> np.ndarray:
        """How well each place's kind suits the person and the need (0..1): a youth-only
        place suits a minor, a shelter someone with nowhere to sleep, the ED an overdose."""
        criteria = self.index.criteria
        kinds = criteria.kind[rows]
        suitability = self._kind_prior[kinds] + kind_fit(kinds, situation)
        if situation.wants:
            wanted = np.zeros(len(RESOURCE_KINDS), dtype=np.float32)
            for kind, weight in situation.wants.items():
                wanted[RESOURCE_KINDS.index(kind)] = weight
            suitability = WANTS_SHARE * wanted[kinds] + (1 - WANTS_SHARE) * suitability
        if situation.is_minor:
            youth_kind = kinds == RESOURCE_KINDS.index("youth")
            youth_only = (criteria.max_age[rows] >= 0) & (criteria.max_age[rows] < ADULT_AGE)
            suitability[youth_only & ~youth_kind] += YOUTH_ONLY_BONUS
        return np.clip(suitability, 0, MAX_SUITABILITY) / MAX_SUITABILITY

    def _with_phrase(self, query: Query, rows: np.ndarray, coverage: np.ndarray) -> np.ndarray:
        """Blend in how closely the question reads like an entry's title or sample question."""
        asked = content_tokens(query.text)
        if not asked or not len(rows):
            return coverage.astype(np.float32)
        handles = self.index.handle_tokens
        owners = [i for i, r in enumerate(rows) for h in handles[r] if h]
        texts = [h for r in rows for h in handles[r] if h]
        phrase = np.zeros(len(rows), dtype=np.float32)
        if texts:  # one call into rapidfuzz for every handle of every candidate
            ratios = process.cdist([asked], texts, scorer=fuzz.token_sort_ratio, dtype=np.float32)
            np.maximum.at(phrase, np.asarray(owners), ratios[0] / 100)
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
