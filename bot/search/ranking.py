"""Scoring entries for a question already read: how much of it each entry covers (look-up),
how well each place suits the person and the need (placement), and the matches and the places
left out that an answer holds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np
from rapidfuzz import fuzz, process

from bot.answer import Answer, Exclusion, Match
from bot.knowledge.model import RESOURCE_KINDS, GlossaryTerm, KnowledgeBase, Resource
from bot.search import eligibility
from bot.search.eligibility import UNKNOWN
from bot.search.index import SearchIndex, content_tokens
from bot.search.intent import (
    DEFINITION,
    PROGRAM_FRAME,
    STRONG_PROGRAM_FRAME,
    asks_for_contact,
    asks_for_information,
)
from bot.search.lexicon import ALTERNATIVES, DESTINATION_PRIOR, NOT_A_DESTINATION
from bot.search.needs import kind_fit
from bot.search.query import Query
from bot.search.situation import ADULT_AGE, OLDER_AGE, OLDER_THAN, Situation
from bot.search.wants import NAMED_KIND, also_wanting

CONFIDENT = 0.45  # look-up answers below this are not shown...
CONFIDENT_MANY, MANY = 0.3, 3  # ...unless they match at least MANY of the required words
SUGGEST_FROM = 0.25  # ...but may be offered as "did you mean"
UNSURE_FROM, UNSURE_HITS = 0.3, 2  # the best match, if this good, is shown as a guess...
UNSURE_MANY_FROM, UNSURE_MANY_HITS = 0.2, 4  # ...or if it explains this many of the words
UNSURE_CLEAR_FROM, CLEAR_LEAD = 0.15, 1.5  # ...or MANY of them, this far ahead of the next
MAX_SUGGESTIONS = 3
PHRASE_SHARE = 0.2  # share of the look-up score from whole-phrase similarity
RERANK = 40  # candidates compared as whole phrases
MAX_EXCLUDED = 20
CONTACT_BONUS = 0.1  # look-up bonus for resources when the question asks for contact details
SOFT_BOOST = 0.25  # how much optional words can add to (or, missing, take from) a look-up

# Placement score shares: known fit to the needs, suitability of the kind, and the question's
# other words ("needs a bed", "wants detox") when it has any.
WITH_TEXT = (0.22, 0.53, 0.2)
WITHOUT_TEXT = (0.3, 0.7, 0.0)
WANTS_SHARE = 0.7  # of a kind's suitability, when the question states a need kinds meet
SUBSTANCE_ONLY_PENALTY = 0.8  # a clinic for substance use only, for a mental health need
WARM_LINE_SHARE = 0.4  # a warm line, for someone who only wants to talk (or not, in crisis)
NAMED_KIND_SHARE = 0.5  # of a youth place's suitability, from the kind its name says it is
VETERANS_NAMED_BONUS = 0.1  # of kinds alike, the one named for veterans, for a veteran
AGE_ONLY_BONUS = 0.5  # a place for minors (or older people) only, whatever its kind, for one
MAX_SUITABILITY = 1.6
LEGAL_BAC = 0.08  # a place taking people only below this, for someone "drunk", no reading...
STRICT_LIMIT_PENALTY = 0.3  # ...suits this much less
YOUNG_ONLY_PENALTY = 0.3  # a place for young adults only (to 25 at most), for an adult of no age
KIND_GATE = 0.5  # fit and words count in full for kinds suiting half as well as the best
LOGISTICS_SHARE = 0.05  # known to take drop-offs and be open: a tie-break
FARTHER_SHARE = 0.6  # of a place outside the town said, when the closest is wanted
LOCAL_SHARE = 0.85  # of the score of a place serving some towns only, when no town is said
CLEARANCE_FIRST_SHARE = 0.85  # ...of a place needing a medical clearance, for someone without
FIT_CUT = 0.9  # a place scoring below this share of the best is not in a first answer...
SHORT_LIST = 5  # ...of at most this many results (asked for more, every eligible place is)
NAMED_BONUS = 0.3  # a place named in a placement question, when it fits, comes first
NAMED_LOOKUP_BONUS = 0.15  # an entry named outright in a look-up
OFF_KIND_SHARE = 0.85  # a place in a question about the program, a term when no word is asked
OFF_PROGRAM_SHARE = 0.7  # ...a place in one plainly about running the program
# kinds wanted for who the person is (a veteran, a minor, someone with I/DD), not named:
# when none will do, what does their job stands in, as for a kind named
_FOR_WHOM = frozenset({"veterans", "youth", "idd_services"})


def _best(positions: np.ndarray, scores: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` best of ``positions`` by score, best first, ties by row: the same as a full
    sort's first ``k``, without sorting ten thousand places for five."""
    if len(positions) > k:
        threshold = np.partition(scores[positions], len(positions) - k)[len(positions) - k]
        positions = positions[scores[positions] >= threshold]
    order = np.lexsort((rows[positions], -scores[positions]))
    return positions[order][:k]


def _one_asked_for(shown: np.ndarray, is_named: np.ndarray, is_resource: np.ndarray) -> bool:
    """Whether the first of the ``shown`` positions is the one entry the question asks for:
    guidance (a term, a section, an FAQ: one is the answer, the others repeat it), or the
    only place the question names."""
    first = shown[0]
    if not is_resource[first]:
        return True
    return bool(is_named[first]) and not is_named[shown[1:]].any()


def _among(rows: np.ndarray, ids: Sequence[int]) -> np.ndarray:
    """Per row, whether it is one of ``ids``: ``np.isin`` without its sorting, for the few
    entries a question names (forty rows: 3 µs instead of 32)."""
    hit = np.zeros(len(rows), dtype=bool)
    for row in ids:
        hit |= rows == row
    return hit


def _of_kinds(kinds: np.ndarray, wanted: Iterable[int]) -> np.ndarray:
    """Per row, whether its kind (an index into ``RESOURCE_KINDS``) is one of ``wanted``."""
    table = np.zeros(len(RESOURCE_KINDS), dtype=bool)
    table[list(wanted)] = True
    return table[kinds]


class Ranker:
    """Scores the entries of one knowledge base; built with the engine, read-only after."""

    def __init__(self, knowledge: KnowledgeBase, index: SearchIndex) -> None:
        self.knowledge = knowledge
        self.index = index
        kinds = [DESTINATION_PRIOR.get(kind, 0.2) for kind in RESOURCE_KINDS]
        self._kind_prior = np.asarray(kinds, dtype=np.float32)
        self._is_term = np.array([isinstance(e, GlossaryTerm) for e in knowledge.entries])

    def coverage(self, query: Query, *, min_weight: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
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

    def lookup(
        self,
        question: str,
        text: str,
        situation: Situation,
        query: Query,
        coverage: np.ndarray,
        hits: np.ndarray,
        top: int,
        named: list[int],
        asked_about: list[int],
        open_then: bool = False,
    ) -> Answer:
        """Entries that cover the question (``text``: as folded, what the patterns read);
        ``asked_about`` are places a yes/no question
        names ("can the CSU take a 302"): shown with their rules even when they fail it;
        ``open_then``: a place or team is wanted at the moment asked, so those closed then
        are left out."""
        rows = np.flatnonzero(coverage > 0)
        if len(rows) > RERANK:
            rows = rows[np.argpartition(-coverage[rows], RERANK)[:RERANK]]
        scores = self._with_phrase(query, rows, coverage[rows])
        contact, information = asks_for_contact(text), asks_for_information(text)
        is_resource = self.index.criteria.is_resource[rows]
        if contact:
            scores = scores + CONTACT_BONUS * is_resource
        strongly = bool(STRONG_PROGRAM_FRAME.search(text))
        about_program = strongly or bool(PROGRAM_FRAME.search(text))
        defines = bool(DEFINITION.search(text))
        if about_program and not contact:
            # "what should our agreement with Stoneman Regional cover": the place is the
            # subject of guidance, not the answer; "should we get a co-responder" asks how
            # to build one, not for the team next county over
            share = OFF_PROGRAM_SHARE if strongly else OFF_KIND_SHARE
            scores = scores * np.where(is_resource, share, 1.0)
        if not defines:
            # "what does the 40 hr CIT class go over": the course, not the word's definition
            scores = scores * np.where(self._is_term[rows], OFF_KIND_SHARE, 1.0)
        # a place named in a question about it; a term or section in a question asking
        # what it is ("what is CIT", not "CIT or co-responders for a small town")
        is_named = _among(rows, named) & np.where(
            is_resource,
            not about_program,
            np.where(self._is_term[rows], defines, information) & (not contact),
        )
        scores = scores + NAMED_LOOKUP_BONUS * is_named
        order = np.lexsort((rows, -scores))
        rows, scores, is_named = rows[order], scores[order], is_named[order]

        verdicts = eligibility.assess(self.index.criteria, rows, situation, placement=False)
        if open_then:
            # "elm st youth place open now? 14 yo melting down": one closed then is left out,
            # unless named ("is the Annex open": its hours are the answer)
            closed = (verdicts.open_state == eligibility.NO) & ~_among(rows, named)
            verdicts.fails["hours"] = closed & self.index.criteria.is_resource[rows]
        failed = (
            verdicts.excluded
            if situation.states_needs or open_then
            else np.zeros(len(rows), dtype=bool)
        )
        if asked_about:
            failed &= ~_among(rows, asked_about)
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
            best, found = scores[0], hits[rows[0]]
            runner_up = scores[1] if len(scores) > 1 else 0.0
            unsure = bool(
                (best >= UNSURE_FROM and found >= UNSURE_HITS)
                or (best >= UNSURE_MANY_FROM and found >= UNSURE_MANY_HITS)
                # several words found together in one entry, far ahead of any other
                or (best >= UNSURE_CLEAR_FROM and found >= MANY and best >= CLEAR_LEAD * runner_up)
                # an entry named outright ("what a 10-96 is"), far ahead of any other
                or (
                    rows[0] in named
                    and best >= UNSURE_CLEAR_FROM
                    and best >= CLEAR_LEAD * runner_up
                )
            )
            shown = np.array([0]) if unsure else shown
        answer_rows = shown[:top]
        also_rows = answer_rows[:0]
        if (
            not unsure
            and len(answer_rows) > 1
            and _one_asked_for(answer_rows, is_named, self.index.criteria.is_resource[rows])
        ):
            answer_rows, also_rows = answer_rows[:1], answer_rows[1:]
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
            also=tuple(self._match(rows[p], scores[p], verdicts, p, situation) for p in also_rows),
            excluded=self._exclusions(
                np.flatnonzero(confident & failed), rows, verdicts, situation
            ),
            suggestions=suggestions,
            more=max(0, len(shown) - top),
            area=self.knowledge.defaults.area,
        )

    def placement(
        self,
        question: str,
        situation: Situation,
        query: Query,
        coverage: np.ndarray,
        top: int,
        named: list[int],
        full: Sequence[int] = (),
    ) -> Answer | None:
        """Places (or lines and teams, when that is the need) for the person, or None when
        the question is not really about one; ``full``: places the question says are full."""
        required = query.required
        criteria = self.index.criteria
        situation = self._stand_ins(situation)
        candidates = criteria.destination.copy()
        wanted_kinds = [k for k, weight in situation.wants.items() if weight > 0]
        if not (situation.transport or situation.goes):  # lines and teams, when needed
            for kind in wanted_kinds:
                candidates |= criteria.is_resource & (criteria.kind == RESOURCE_KINDS.index(kind))
            # "need MCT at a house", "the I/DD crisis team for a client at his group home":
            # someone to come out or to call, not a place to take the person (the ED stays,
            # for an emergency; an I/DD service, whatever it is, is what was asked for)
            teams = [k for k in wanted_kinds if k != "idd_services"]
            if teams and all(k in NOT_A_DESTINATION for k in teams):
                stays = criteria.kind == RESOURCE_KINDS.index("idd_services")
                if situation.medical_emergency or situation.violent:
                    stays |= criteria.kind == RESOURCE_KINDS.index("emergency_department")
                candidates &= ~criteria.destination | stays
        candidates[named] = True
        candidates[list(full)] = True  # left out, with why
        rows = np.flatnonzero(candidates)
        if (
            required
            and not named  # "the Porch or the respite?": those two, compared
            and not situation.states_needs
            and not situation.wants
            and coverage[rows].max(initial=0) < CONFIDENT
        ):
            # "where do we even begin with a co-responder program": not about a place we know;
            # "where can I take my car for repair": nothing at all (the look-up says so).
            return None
        verdicts = eligibility.assess(criteria, rows, situation, placement=True)
        if full:
            verdicts.fails["full"] = _among(rows, full)
        suitability = self._suitability(rows, situation)
        if any(slot.known for slot in required):  # the question also says what it wants
            fit_share, kind_share, text_share = WITH_TEXT
            text = coverage[rows]
        else:
            fit_share, kind_share, text_share = WITHOUT_TEXT
            text = np.zeros(len(rows), dtype=np.float32)
        # a place of a kind that hardly suits does not win on what else it has going for it
        # (a sobering house that serves the town named, for a team wanted at a house)
        best = suitability[~verdicts.excluded].max(initial=0) or 1.0
        kind_gate = np.minimum(1.0, suitability / (KIND_GATE * best))
        scores = (
            fit_share * verdicts.fit * kind_gate
            + kind_share * suitability
            + text_share * text * kind_gate
            + LOGISTICS_SHARE * verdicts.sure
        )
        if not situation.place:
            # no town said: a place for some towns only is a second choice to one of its
            # kind for all (the city ER before the ER 160 miles north)
            local = criteria.local[rows]
            scores = scores * np.where(self._second(rows, local, verdicts.excluded), LOCAL_SHARE, 1)
        else:
            # a town said: a place whose area only may hold it (a county listed beside other
            # towns) is a second choice to one known to serve it, or serving anywhere
            maybe = criteria.local[rows] & (criteria.serves(situation.place)[rows] == UNKNOWN)
            scores = scores * np.where(maybe, LOCAL_SHARE, 1)
            if situation.nearest:  # "closest place that'll take her": the one in that town
                scores = scores * np.where(self._farther(rows, situation), FARTHER_SHARE, 1)
        if situation.is_minor is None:
            # no age said: a place for minors only is a second choice to one of its kind
            # for all ages (the youth mobile team after the county's)
            youth_only = self._minors_only(rows)
            scores = scores * np.where(
                self._second(rows, youth_only, verdicts.excluded), LOCAL_SHARE, 1
            )
        if "clearance" in verdicts.confirms:
            # straight from the field: a place that needs a medical clearance first is a
            # second stop, after the ER that gives it
            cleared_first = criteria.medical_clearance[rows] == eligibility.YES
            scores = scores * np.where(cleared_first, CLEARANCE_FIRST_SHARE, 1)
        # a place the question names comes first when it fits ("Harbor or Bayview?")
        scores = scores + NAMED_BONUS * _among(rows, named)
        failed = verdicts.excluded
        eligible = np.flatnonzero(~failed)
        shown = _best(eligible, scores, rows, top)
        if len(shown) and top <= SHORT_LIST:
            # a first answer lists only the places that suit about as well as the best; the
            # rest are counted in ``more`` and shown when more are asked for
            shown = shown[scores[shown] >= scores[shown[0]] * FIT_CUT]
        if situation.statuses and len(shown):
            # a place at capacity tonight comes after those taking people (it stays listed)
            full = eligibility.limited(self.index.criteria, rows[shown], situation)
            shown = np.concatenate([shown[~full], shown[full]])
        left_out = _best(np.flatnonzero(failed), scores, rows, MAX_EXCLUDED)
        return Answer(
            placement=True,
            query=question,
            situation=situation,
            results=tuple(self._match(rows[p], scores[p], verdicts, p, situation) for p in shown),
            excluded=self._exclusions(left_out, rows, verdicts, situation),
            more=len(eligible) - len(shown),
            area=self.knowledge.defaults.area,
        )

    def _stand_ins(self, situation: Situation) -> Situation:
        """``situation`` also wanting what does the job of a kind it names when no place of
        that kind will do ("co-responder available?" on a saturday, when the only one works
        weekdays: the mobile crisis team)."""
        criteria, wants = self.index.criteria, situation.wants
        for kind, weight in situation.wants.items():
            if weight < (1.0 if kind in _FOR_WHOM else NAMED_KIND):
                continue
            rows = np.flatnonzero(
                criteria.is_resource & (criteria.kind == RESOURCE_KINDS.index(kind))
            )
            if eligibility.assess(criteria, rows, situation, placement=True).excluded.all():
                wants = also_wanting(wants, ALTERNATIVES[kind])
        return replace(situation, wants=wants) if wants != situation.wants else situation

    def _farther(self, rows: np.ndarray, situation: Situation) -> np.ndarray:
        """Per row: outside the town said, when a place of the kind wanted ("closest crisis
        center"; any kind when none is) stands in it."""
        criteria = self.index.criteria
        named = [RESOURCE_KINDS.index(k) for k, w in situation.wants.items() if w >= 1.0]
        of_kind = _of_kinds(criteria.kind[rows], named) if named else np.ones(len(rows), bool)
        here = criteria.stands_in(situation.place or "")[rows]
        return of_kind & ~here if (of_kind & here).any() else np.zeros(len(rows), bool)

    def _minors_only(self, rows: np.ndarray) -> np.ndarray:
        """Per row: takes no one past the age of a minor."""
        max_age = self.index.criteria.max_age[rows]
        return (max_age >= 0) & (max_age < ADULT_AGE)

    def _second(self, rows: np.ndarray, narrow: np.ndarray, excluded: np.ndarray) -> np.ndarray:
        """Per row: ``narrow`` (serves some towns, or minors, only), and an eligible place of
        its kind is not: a second choice to that one."""
        criteria = self.index.criteria
        # what it does: a youth place named a crisis unit is second to a crisis centre
        kinds = np.where(
            criteria.named_kind[rows] >= 0, criteria.named_kind[rows], criteria.kind[rows]
        )
        return narrow & _of_kinds(kinds, kinds[~narrow & ~excluded])

    def verdict(
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
                placement=True,
                query=question,
                situation=situation,
                results=(self._match(row, 1.0, verdicts, 0, situation),),
                area=self.knowledge.defaults.area,
            )
        others = self.placement(question, situation, query, coverage, top, [])
        asked = self._exclusions(np.array([0]), np.array([row]), verdicts, situation)
        if others is None:
            return Answer(
                question, situation, excluded=asked, area=self.knowledge.defaults.area,
                placement=True,
            )  # fmt: skip
        rest = tuple(x for x in others.excluded if x.resource is not asked[0].resource)
        return replace(others, excluded=asked + rest)

    def _suitability(self, rows: np.ndarray, situation: Situation) -> np.ndarray:
        """How well each place's kind suits the person and the need (0..1): a youth-only
        place suits a minor, a shelter someone with nowhere to sleep, the ED an overdose."""
        criteria = self.index.criteria
        kinds = criteria.kind[rows]
        suitability = self._kind_suitability(kinds, situation)
        named = criteria.named_kind[rows]
        does = named >= 0  # a youth place named a shelter is partly a shelter, for the need
        suitability[does] += NAMED_KIND_SHARE * (
            self._kind_suitability(named[does], situation) - suitability[does]
        )
        if situation.is_minor:
            youth_kind = kinds == RESOURCE_KINDS.index("youth")
            youth_only = self._minors_only(rows)
            suitability[youth_only & ~youth_kind] += AGE_ONLY_BONUS
        if situation.wants.get("outpatient", 0.0) >= 1.0 and not situation.substance_use:
            # "ran out of his seroquel": a mental health clinic, not a buprenorphine clinic
            suitability[criteria.substance_only[rows]] -= SUBSTANCE_ONLY_PENALTY
        if situation.just_talk:  # "lonely, not suicidal, wants to chat": a warm line...
            suitability[criteria.warm_line[rows]] += WARM_LINE_SHARE
            if situation.veteran:  # ...or, for a veteran, veterans who have been there
                suitability[kinds == RESOURCE_KINDS.index("veterans")] += WARM_LINE_SHARE
        elif "suicidal" in situation.conditions:  # ...and a crisis line for a crisis
            suitability[criteria.warm_line[rows]] -= WARM_LINE_SHARE
        if situation.intoxicated and situation.bac is None:
            # "drunk", no reading: most likely past the legal limit, so a place taking people
            # only below it is a long shot (still listed, with the caveat)
            strict = (criteria.intoxication[rows] == 2) & (criteria.max_bac[rows] <= LEGAL_BAC)
            suitability[strict] -= STRICT_LIMIT_PENALTY
        if situation.is_minor is False and situation.age is None:
            # "adult", no age: most likely past a young-adult service's last year (listed
            # further down, not ruled out)
            young = (criteria.max_age[rows] >= ADULT_AGE) & (criteria.max_age[rows] < OLDER_THAN)
            suitability[young] -= YOUNG_ONLY_PENALTY
        if situation.veteran:  # of two crisis lines, the Veterans Crisis Line
            suitability[criteria.for_veterans[rows]] += VETERANS_NAMED_BONUS
        if situation.is_older:  # a geriatric unit for "sixty-something", "elderly"
            suitability[criteria.min_age[rows] >= OLDER_AGE] += AGE_ONLY_BONUS
        return np.clip(suitability, 0, MAX_SUITABILITY) / MAX_SUITABILITY

    def _kind_suitability(self, kinds: np.ndarray, situation: Situation) -> np.ndarray:
        """How well each kind suits the person and what the question wants, unscaled."""
        suitability = self._kind_prior[kinds] + kind_fit(kinds, situation)
        if situation.wants:
            wanted = np.zeros(len(RESOURCE_KINDS), dtype=np.float32)
            for kind, weight in situation.wants.items():
                wanted[RESOURCE_KINDS.index(kind)] = weight
            if wanted.max() > 0:
                suitability = WANTS_SHARE * wanted[kinds] + (1 - WANTS_SHARE) * suitability
            else:  # only kinds doubted ("just drunk. crisis center?"): those suit less
                suitability = suitability + WANTS_SHARE * wanted[kinds]
        return suitability

    def _with_phrase(self, query: Query, rows: np.ndarray, coverage: np.ndarray) -> np.ndarray:
        """Blend in how closely the question reads like an entry's title or sample question."""
        asked = content_tokens(query.text)
        if not asked or not len(rows):
            return coverage.astype(np.float32)
        handles = self.index.handle_tokens
        owners: list[int] = []
        texts: list[str] = []
        for position, row in enumerate(rows.tolist()):  # plain ints index a tuple quickly
            for handle in handles[row]:
                if handle:
                    owners.append(position)
                    texts.append(handle)
        phrase = np.zeros(len(rows), dtype=np.float32)
        if texts:  # one call into rapidfuzz for every handle of every candidate
            ratios = process.cdist([asked], texts, scorer=fuzz.ratio, dtype=np.float32)
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
            eligibility.fit(verdicts, position, entry, situation),
        )

    def _exclusions(
        self, positions: np.ndarray, rows: np.ndarray, verdicts: eligibility.Verdicts,
        situation: Situation,
    ) -> tuple[Exclusion, ...]:  # fmt: skip
        out: list[Exclusion] = []
        for position in positions[:MAX_EXCLUDED]:
            resource = self.index.entries[rows[position]]
            assert isinstance(resource, Resource)
            failed = verdicts.failed_needs(position)
            status = (  # only a place closed at the time needs its hours worked out
                eligibility.status_of(resource, situation.at, self.knowledge.timezone_of(resource))
                if "hours" in failed
                else None
            )
            reasons = tuple(
                eligibility.failure_reason(need, resource, situation, status, situation.at)
                for need in failed
            )
            out.append(Exclusion(resource, reasons))
        return tuple(out)
