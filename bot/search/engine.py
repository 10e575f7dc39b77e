"""Answering a question: read it (names, the situation, what it asks to use), then route it.

- *look-up* ("stonebridge sobering center address", "how many hours is CIT training"): the
  entries that cover the question best (``ranking.Ranker.lookup``), or a labelled best guess,
  or suggestions.
- *placement* ("where can I take a drunk 16yo at 2am", "she's got nowhere to sleep"): every
  place (or team, or line) that suits, those failing a stated need left out with reasons
  (``ranking.Ranker.placement``).
- a yes/no about one place, two places compared, a place wanted while it is closed: routed
  to the placement with that place in view. Guidance wins when the question is about the
  program or a term it names, and guidance answers it well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

import numpy as np

from bot.answer import Answer, Match
from bot.knowledge.model import GlossaryTerm, KnowledgeBase, Resource
from bot.search import eligibility
from bot.search.index import SHORT, IndexCache, SearchIndex
from bot.search.intent import (
    DOUBTS,
    DOUBTS_OUTRIGHT,
    PROGRAM_FRAME,
    RIGHT_NOW,
    SOMEONE,
    STRONG_PROGRAM_FRAME,
    WANTS_IT_NOW,
    YES_NO,
    asks_for_contact,
    asks_for_information,
)
from bot.search.lexicon import (
    ALTERNATIVES,
    COME_OUT_ALTERNATIVES,
    CUE_WORDS,
    DETAILS_WORDS,
    LEXICON_WORDS,
    NEGATIONS,
    NOT_A_DESTINATION,
    STAFF_SHAKEN,
    STOPWORDS,
    TRANSPORT_DUTY,
)
from bot.search.places import place_names
from bot.search.query import build_query, inside
from bot.search.ranking import Ranker
from bot.search.situation import Situation, hold_names, read_situation
from bot.search.text import (
    correct_words,
    expand_slang,
    fold,
    folded_pattern,
    join_split_words,
    near_word,
    restore_dropped_g,
    word_spans,
    word_tokens,
)
from bot.search.wants import (
    NAMED_KIND,
    also_wanting,
    denied,
    kind_name_spans,
    kind_named_at,
    names_a_kind,
)
from bot.status import Statuses

MAX_QUESTION_CHARS = 2000
GUIDANCE_OVER_PLACEMENT = 0.5  # a guidance look-up this good wins over a placement...
GUIDANCE_FRAMED = 0.3  # ...or this good, when the question is framed as about the program

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CLAUSE_BREAK = re.compile(r"[,.;:!?()]")
# what is said just before a place the person came from ("cleared at", "discharged from")
_CAME_FROM = re.compile(
    r"\b(?:cleared|clearance|discharged|released|walked (?:off|out)|eloped|ran (?:off|away)|"
    r"transferred|seen|evaluated|(?:er |ed )?doc(?:tor)?|left|came|signed|certified|"
    r"examined|screened|sitting|waiting)\b[^,.;]{0,12}"
    r"\b(?:at|from|by)\s+(?:the\s+)?$"
)
# what is said just after a place that cannot take anyone now: "4 west is full", "St B's
# has no beds", "the CSU is on diversion"
_FULL = re.compile(
    r"\s*(?:is|'s|are|was|has|have|says|said|just|now|already|\s)*(?:full|at capacity|"
    r"maxed out|on diversion|diverting|out of beds|"
    r"(?:got )?no (?:open |psych |more )?(?:beds|room)|"
    r"not taking (?:anyone|anybody|patients|people)|closed to (?:new )?(?:admissions|intakes))\b"
)
# what is said just after a place that has seen the person: "screening says", "the ER doc"
_SPOKE = re.compile(r"\s+(?:says|said|told|thinks|doc|doctor|nurse|staff|psychiatrist)\b")
# what is said just before a place the program deals with: "our agreement with St Brendan's"
_PARTNER = re.compile(r"\b(?:with|w/?|between \w+ and)\s+(?:the\s+)?(?:st\.?\s+|saint\s+)?$")
# a yes/no about a place's rules for anyone, not about one person: "does the annex take
# combative people", "will kestrel house take a kid whos high", "can officers drop off there"
_ITS_RULES = folded_pattern(
    r"\b(?:take|takes|accept|accepts|admit|admits|serve|serves|see|sees|able to take|"
    r"allow|allows|deal with|handle) (?:\w+ ){0,2}(?:people|folks|anyone|anybody|someone|"
    r"somebody|kids|juveniles|minors|adults|patients|clients|individuals|those|"
    r"a (?:kid|person|patient|client|juvenile|minor))\b(?! (?:named|called)\b)|"
    r"\b(?:can|could|do|does|will) (?:officers|deputies|cops|police|we|patrol|troopers) "
    r"(?:drop|bring|take) (?:\w+ )?(?:off|people|folks|someone|anyone)\b"
)
_TO = re.compile(r"\b(?:to|into)\s+(?:the\s+)?$")
_TRANSPORT_DUTY = folded_pattern(TRANSPORT_DUTY)
# a partner named at the end of a question about guidance: "...agreement with the hospital"
_PARTNER_TAIL = re.compile(r"\b(?:with|w/?)\s+((?:the |our |a |an )?(?:[\w'.-]+ ?){1,3})\W*$")
# what is said just before a town, not a place in it: "drunk guy in pinebrook"
_IN_TOWN = re.compile(r"\b(?:in|near|around|outside(?: of)?|over in|up in|down in|out in)\s+$")
# a hold's definition saying a clinician issues it once the person is examined
_AFTER_EXAM = re.compile(
    r"\b(?:after|following|once|upon) (?:an?|the|his|her|their|a \w+) (?:\w+ ){0,2}"
    r"(?:exam\w*|evaluat\w*|assessment|pre-?screen\w*|screening)|"
    r"\b(?:physician|doctor|psychiatrist)'?s? (?:emergency )?certificat"
)
# an incident going on now, with the people on hand: "melting down at his group home",
# "staff are overwhelmed", "family says", "caregivers"
_HAPPENING = folded_pattern(
    r"\b(?:melting down|meltdown|having a (?:rough|bad|hard) (?:day|time|night)|"
    r"(?:at|in) (?:his|her|their|the|a) (?:group home|home|house|apartment)|"
    r"(?:group home|staff|family|caregivers?|parents?|mom|dad|wife|husband)(?: \w+){0,2} "
    r"(?:says?|said|asking|want|wants|called|cant|can'?t|are|is)|right now|rn)\b",
)
_NOT_FOR_THE_PERSON = folded_pattern(rf"\b(?:tips|pointers|best practices?|{STAFF_SHAKEN})\b")
ORIGIN_REACH = 40  # characters before a place's name read for where the person came from
# places where a person who comes from them has been examined already
SEEN_AT = frozenset({"emergency_department", "psychiatric_hospital", "crisis_center"})


def _answers_with_guidance(answer: Answer, framed: bool) -> bool:
    """Whether a look-up found guidance that answers the question well: a need read from
    words that also fit guidance ("can the ER tell us if he was admitted") goes there, and
    more readily when the question is ``framed`` as one about the program ("our deputies",
    "are we allowed") and states no one's need now ("need a clinician to come out with us
    friday night" is no question about co-responder models)."""
    if not answer.results or isinstance(answer.results[0].entry, Resource):
        return False
    return answer.results[0].score >= (GUIDANCE_FRAMED if framed else GUIDANCE_OVER_PLACEMENT)


def _alternatives(resource: Resource) -> dict[str, float]:
    """What does the job of ``resource`` when it is closed: its kind's alternatives, and for
    a team or line with no address to go to, the teams and lines that come out or answer."""
    kinds = ALTERNATIVES[resource.kind]
    return dict(kinds) if resource.address else also_wanting(kinds, COME_OUT_ALTERNATIVES)


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

    question: str  # as asked, cleaned
    text: str  # ...folded: what the patterns read
    understood: str  # with cue-word typos fixed
    situation: Situation
    named: list[int]  # rows of the entries named outright
    places: list[int]  # ...of those, the resources
    place_spans: list[tuple[int, int]]  # where places are named, one span a name
    closed: Resource | None  # the place or team asked for, closed when wanted
    full: list[int]  # rows of places said to be full ("4 west is full, which hospital")

    @property
    def names_of_places(self) -> int:
        """How many distinct place names ("the Oak or Birch?": two)."""
        return len(self.place_spans)


class Engine:
    """Answers questions against one knowledge base. Build once per load; thread-safe to read."""

    def __init__(self, knowledge: KnowledgeBase, cache: IndexCache | None = None) -> None:
        """``cache`` lets a rebuilt engine reuse what indexing unchanged entries produced."""
        self.knowledge = knowledge
        self.index = SearchIndex(knowledge, cache)
        self.timezone = knowledge.defaults.timezone or "UTC"
        self.rank = Ranker(knowledge, self.index)
        self._local_holds = hold_names(
            (e.term, e.aliases, e.definition)
            for e in knowledge.entries
            if isinstance(e, GlossaryTerm)
        )
        hold_terms = {term for term, _ in self._local_holds.names}
        self._kind_terms = frozenset(
            row
            for row, e in enumerate(self.index.entries)
            if isinstance(e, GlossaryTerm)
            and any(names_a_kind(n) for n in (e.term, *e.aliases))
            and e.term not in hold_terms  # "ED", the hold
        )
        # holds a clinician issues after an exam ("PEC: signed by a physician after an exam"):
        # the person on one has been examined already, a bed is next
        self._holds_after_exam = frozenset(
            e.term
            for e in knowledge.entries
            if isinstance(e, GlossaryTerm) and _AFTER_EXAM.search(fold(e.definition))
        )
        region = fold(knowledge.defaults.area or "")
        # the towns resources serve, and those they stand in ("12 Main St, Pinebrook")
        self._places = place_names(
            (a for r in knowledge.resources for a in r.area if fold(a) != region),
            (t for t in self.index.criteria.towns if fold(t) != region),
        )

    def serves_any(self, resource_id: str, areas: tuple[str, ...]) -> bool:
        """Whether place ``resource_id`` may serve one of ``areas`` (an agency's), as a
        placement judges it: False only when its ``area`` rules out every one."""
        row = self.index.criteria.row_of.get(resource_id)
        if row is None or not areas:
            return True
        return any(self.index.criteria.serves(a)[row] != eligibility.NO for a in areas)

    def answer(
        self, question: str, *, at: datetime, top: int = 5, resources_only: bool = False,
        statuses: Statuses | None = None, areas: tuple[str, ...] = (),
    ) -> Answer:  # fmt: skip
        """Answer ``question`` as asked at ``at`` (timezone-aware) by an agency serving
        ``areas`` (the default "where"; a place the question names overrides), with what
        places report about tonight (``statuses``: on diversion is left out like closed at
        that hour); ``resources_only`` leaves guidance, FAQs and the glossary out."""
        reading = self._read(clean_question(question), at)
        if statuses or areas:  # what tonight's reports and the asking agency add
            situation = replace(reading.situation, statuses=statuses or {}, areas=areas)
            reading = replace(reading, situation=situation)
        return self._route(reading, max(1, top), resources_only)

    def _read(self, question: str, at: datetime) -> Reading:
        """The question's names, the situation it describes, and what it asks to use."""
        text = fold(question)
        understood = correct_words(
            join_split_words(
                restore_dropped_g(expand_slang(text), self.knows_word),
                self._uses_word,
                STOPWORDS,
            ),
            CUE_WORDS,
            self.knows_word,
        )
        named, spans, origins, full = self.named(understood)
        understood = _blank(understood, [span for span, _ in origins])  # not asked about
        # the person is described outside the names: "Harbor Youth Shelter" is no minor
        unnamed = _blank(understood, spans)
        situation = read_situation(
            unnamed, at.astimezone(ZoneInfo(self.timezone)), self._local_holds, self._places
        )
        if situation.hold in self._holds_after_exam or any(
            self.index.entries[row].kind in SEEN_AT for _, rows in origins for row in rows
        ):
            # "the doc at Sable Lake ER put him on a 72": examined already, a bed is next
            situation = replace(situation, cleared=True)
        named_places = [r for r in named if self.index.criteria.is_resource[r]]
        closed = self._closed_when_wanted(unnamed, situation, named_places)
        if closed is not None:  # "is the MCT out tonight": say so, and what is open instead
            # ...and what else the question names outright or rules out ("he'd go to detox")
            stated = {k: w for k, w in situation.wants.items() if w >= NAMED_KIND or w < 0}
            situation = replace(situation, wants={**_alternatives(closed), **stated})
        elif full:  # "4 west is full, which hospital": another of its kind
            wants = situation.wants
            for row in full:
                wants = also_wanting(wants, _alternatives(self.index.entries[row]))
            situation = replace(situation, wants=wants)
        elif len(named_places) == 1 and not (YES_NO.match(text) or DOUBTS_OUTRIGHT.search(text)):
            team = self.index.entries[named_places[0]]
            if isinstance(team, Resource) and team.kind in NOT_A_DESTINATION:
                # "need MCOT for a 14yo at the school": that team, or one like it, to come out
                # (not "is that a mobile crisis thing?")
                wants = also_wanting(situation.wants, ALTERNATIVES[team.kind])
                situation = replace(situation, wants=wants)
        return Reading(
            question, text, understood, situation, named, named_places, spans, closed, full
        )

    def _route(self, reading: Reading, top: int, resources_only: bool) -> Answer:
        """A placement, a yes/no about one place, or a look-up, as the evidence says."""
        question, situation, named_places = reading.question, reading.situation, reading.places
        text = reading.text
        similar: dict[tuple[str, str | None], dict[str, float]] = {}  # shared by both queries
        query = build_query(
            reading.understood, situation, self.index, situation_soft=True, similar=similar
        )

        # computed at most once, and only on the paths that need it
        @cache
        def place_coverage() -> np.ndarray:
            # only what names a place counts here (name, alias, kind, services, summary), not
            # every word of its details: "suicidal" must not pull a detox centre to the top
            return self.rank.coverage(query, min_weight=SHORT)[0]

        @cache
        def placement() -> Answer | None:
            # a place named in doubt is weighed like any other, not put first
            preferred = [] if DOUBTS.search(text) else named_places
            return self.rank.placement(
                question, situation, query, place_coverage(), top, preferred, reading.full
            )

        asks_about_one = (
            len(named_places) == 1 and bool(YES_NO.match(text)) and reading.closed is None
        )
        # "does the annex take combative people": the place's rules, answered by its entry
        about_its_rules = asks_about_one and bool(_ITS_RULES.search(text))
        if asks_about_one and situation.describes_a_person and not about_its_rules:
            # "can I bring a drunk 17yo to the youth shelter": that place if it takes them;
            # if not, what does, and that place first among those left out, with why
            return self.rank.verdict(
                question, situation, query, place_coverage(), top, named_places[0]
            )
        # "we're a 12-deputy county, what are our options": about the program, not a person
        # ("can we get the RFPD clinician now", "tonight can mobile crisis meet us": a place or
        # team named and wanted now, is not)
        needs_met = max(situation.wants.values(), default=0.0) >= 1.0  # a need stated
        # ...wanted now, or at a moment said ("saturday afternoon, need a clinician w us")
        now_or_then = situation.time_stated or bool(RIGHT_NOW.search(text))
        wanted_now = (reading.closed is not None or bool(named_places) or needs_met) and now_or_then
        # "group home staff asking us what to do, he's melting down": help for him now, from
        # those who give it (an I/DD crisis line), not tips for handling someone like him
        happening = bool(situation.idd) and bool(_HAPPENING.search(text))
        # a need stated (not only a kind named) for someone: "he just needs someone to talk to"
        someones_need = bool(situation.needed) and bool(SOMEONE.search(text))
        about_program = (bool(STRONG_PROGRAM_FRAME.search(text)) and not happening) or (
            bool(PROGRAM_FRAME.search(text))
            and not situation.describes_a_person
            and not wanted_now
            and not situation.transport  # "we'd be driving her over"
            and not situation.medical_emergency  # "we cant wake him up"
            # "he's done with the fentanyl, what do i do w him": his need, not the program's
            and not (needs_met and bool(SOMEONE.search(text)))
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
        # "what is a 5150", "harbor crc address": about a word or a place; "what's open for a
        # sober 30yo" asks for places
        about_a_place = (
            asks_for_information(text) and not situation.placement
        ) or asks_for_contact(text, DETAILS_WORDS)
        # "drunk 16yo at 2am" describes a person; "nowhere to sleep tonight" states a need:
        # a place is wanted, unless guidance answers the question better. A need read from
        # the words of a term the question names ("suicide by cop warning signs") is the
        # term's, not the person's.
        # ...a term that is only a kind's name ("MCT") is the kind, wanted or not
        names_guidance = any(
            not self.index.criteria.is_resource[r] and r not in self._kind_terms
            for r in reading.named
        )
        wanted = situation.describes_a_person or (
            (bool(situation.wants) or situation.medical_emergency) and not names_guidance
        )
        places = None
        if wanted and not about_a_place and not about_program and not about_its_rules:
            places = placement()
            if places is not None and situation.describes_a_person and not query.required:
                return places  # nothing but the person: no guidance to weigh
        # "what should our agreement with St Brendan's cover": the place is what the guidance
        # is about, not a word an entry must have
        # ...and "who drives them to the state hospital after a TDO": where to is the subject
        transport_duty = (
            about_program and bool(reading.place_spans) and bool(_TRANSPORT_DUTY.search(text))
        )
        subjects = tuple(
            span
            for span in reading.place_spans
            if about_program
            and (
                (names_guidance and _PARTNER.search(reading.understood, 0, span[0]))
                or (transport_duty and _TO.search(reading.understood, 0, span[0]))
            )
        )
        # "what goes in a data sharing agreement with the health system": the partner the
        # guidance is about, whoever it is, may be named in it or not
        about_guidance = names_guidance and asks_for_information(text)
        tail = _PARTNER_TAIL.search(reading.understood) if about_guidance else None
        partner = ((tail.start(1), tail.end(1)),) if tail else ()
        # a town is where, not what: with nothing wanted there, it makes no match on its own
        # ("speed limit thru laurel gap"); "need mobile crisis in shad point" wants what
        # serves it
        towns = tuple(
            (start, end)
            for start, end in (
                () if situation.wants else self._places.full_names(reading.understood)
            )
            if not inside(start, end, reading.place_spans)  # "Cane Creek"
        )
        words = build_query(
            reading.understood,
            situation,
            self.index,
            situation_soft=False,
            subjects=subjects,
            optional=partner + towns,
            similar=similar,
        )
        coverage, hits = self.rank.coverage(words)
        if resources_only:
            coverage = coverage * self.index.criteria.is_resource
        asked_about = named_places if asks_about_one else []
        # a kind of place or team wanted now or at a moment said: one closed then is no answer
        open_then = bool(situation.wants) and now_or_then
        lookup = self.rank.lookup(
            question,
            text,
            situation,
            words,
            coverage,
            hits,
            top,
            reading.named,
            asked_about,
            open_then,
        )
        if (
            places is None
            and not lookup.results
            and (
                explicit
                or (open_then and lookup.excluded)
                or (
                    # not "tips for talking to someone w autism", "the guys are shook up
                    # after that little boy drowned"
                    not _NOT_FOR_THE_PERSON.search(text)
                    and (
                        situation.describes_a_person or situation.medical_emergency or someones_need
                    )
                )
            )
        ):
            # framed like guidance, yet nothing answers it so; a person described in words
            # that also ask for a place's details ("can barely get his eyes open"); or the
            # place asked for is closed when wanted: places
            places = placement()
        # "lonely, wants someone to talk to on the phone, anything besides us": her need
        framed = (
            bool(PROGRAM_FRAME.search(text))
            and not wanted_now
            and not happening
            and not someones_need
        )
        # "need a clinician to ride out w us right now": a need for now, not a question
        # about co-responder models, however well their section reads like it
        needed_now = wanted_now and needs_met and not asks_for_information(text)
        if places is None or (_answers_with_guidance(lookup, framed) and not needed_now):
            return lookup
        return places

    def _closed_when_wanted(
        self, question: str, situation: Situation, named: list[int]
    ) -> Resource | None:
        """The one place or team the question asks to use ("need MCT at a house") when it is
        closed at the moment asked, or does not serve the town said; not when it only names
        it ("is the vet center open").
        ``question`` is the question with the place's name blanked out."""
        if len(named) != 1:
            return None
        if not (situation.describes_a_person or WANTS_IT_NOW.search(question)):
            return None  # "is the vet center open", "nami": the place itself, closed or not
        resource = self.index.entries[named[0]]
        assert isinstance(resource, Resource)
        if (
            situation.place
            and self.index.criteria.serves(situation.place)[named[0]] == eligibility.NO
        ):
            return resource  # "is the metro MCT out, need them in Ridgeline": not there
        status = eligibility.status_of(resource, situation.at, self.knowledge.timezone_of(resource))
        return resource if status is not None and status.is_closed else None

    def listing(
        self, kinds: tuple[str, ...], *, at: datetime, statuses: Statuses | None = None
    ) -> Answer:
        """Every resource of ``kinds``, by kind then name, with its state at ``at``."""
        situation = self._no_question(at, statuses)
        resources = sorted(
            (e for e in self.knowledge.resources if e.kind in kinds),
            key=lambda r: (kinds.index(r.kind), r.name),
        )
        results = tuple(
            Match(r, 1.0, eligibility.status_of(r, situation.at, self.knowledge.timezone_of(r)))
            for r in resources
        )
        return Answer(" ".join(kinds), situation, results, area=self.knowledge.defaults.area)

    def entry(
        self, entry_id: str, *, at: datetime, statuses: Statuses | None = None
    ) -> Answer | None:
        """The entry ``entry_id`` on its own, as a look-up of it would show it (a Details
        button, ``details N``); None when the knowledge base no longer has it."""
        entry = self.knowledge.by_id.get(entry_id)
        if entry is None:
            return None
        situation = self._no_question(at, statuses)
        status = (
            eligibility.status_of(entry, situation.at, self.knowledge.timezone_of(entry))
            if isinstance(entry, Resource)
            else None
        )
        return Answer(entry.title, situation, (Match(entry, 1.0, status),),
                      area=self.knowledge.defaults.area)  # fmt: skip

    def _no_question(self, at: datetime, statuses: Statuses | None) -> Situation:
        """The situation of an answer no question was asked for (a listing, a Details
        button): only the moment, in the knowledge base's zone, and tonight's reports."""
        return replace(read_situation("", at.astimezone(ZoneInfo(self.timezone))),
                       statuses=statuses or {})  # fmt: skip

    def _uses_word(self, word: str) -> bool:
        """Whether the knowledge base itself uses ``word``."""
        return all(t in self.index.vocabulary for t in word_tokens(word))

    def knows_word(self, word: str) -> bool:
        """Whether ``word`` (any case, any inflection) is a common word or one the knowledge
        base uses: not a typo to correct, nor a person's name."""
        folded = fold(word)
        return folded in STOPWORDS or folded in LEXICON_WORDS or self._uses_word(folded)

    def named(
        self, question: str
    ) -> tuple[
        list[int], list[tuple[int, int]], list[tuple[tuple[int, int], list[int]]], list[int]
    ]:
        """Rows of the entries the question names outright ("is Harbor CRC open", "the CR
        unit or Ocotillo?"), typos forgiven, in the order named; where in the (folded)
        question each place's name is; where the places the person came from are named
        ("cleared at General"), with their rows; and the rows of places said to be full
        ("4 west is full"). Neither of the last two is among the first rows."""
        asked: list[str] = []
        spans: list[tuple[int, int]] = []
        raw: list[str] = []  # the word as written, with the one after it ("walk in")
        folded = fold(question)
        found_words = word_spans(folded)
        for position, (word, start, end) in enumerate(found_words):
            after = found_words[position + 1][0] if position + 1 < len(found_words) else ""
            for token in word_tokens(word):
                if token in STOPWORDS or token in NEGATIONS:
                    continue
                if token not in self.index.vocabulary:
                    close = self.index.vocabulary.similar(token)
                    token = max(close, key=close.__getitem__) if close else token
                asked.append(token)
                spans.append((start, end))
                raw.append(f"{word} {after}")
        rows: list[int] = []
        found: list[tuple[int, int]] = []
        origins: list[tuple[tuple[int, int], list[int]]] = []
        full: list[int] = []
        towns = self._places.spans(folded)
        kind_names = kind_name_spans(folded)
        for match in self.index.names.find(asked):
            if _CLAUSE_BREAK.search(folded, spans[match.start][1], spans[match.end - 1][0]):
                continue  # "cleared at general, which hospital" names no "General Hospital"
            start, end = spans[match.start][0], spans[match.end - 1][1]
            if any(
                a <= start and end <= b and (b - a > end - start or _IN_TOWN.search(folded, 0, a))
                for a, b in towns
            ):
                continue  # "the Point" is no name inside "in Shad Point", nor "in Pinebrook"
            if any(a <= start and end <= b and b - a > end - start for a, b in kind_names):
                continue  # "the unit" is no name inside "any psych unit"
            if denied(folded, start) and all(
                self.index.criteria.is_resource[int(c)] for c in match.concepts
            ):
                continue  # "somewhere that isn't a hospital" names no hospital to go to
            concepts = match.concepts
            if match.end - match.start == 1:  # one word names a place only as written
                word, after = raw[match.start].split(" ")
                spellings = (word, f"{word}-{after}")  # "walk in" for "walk-in"
                concepts = frozenset(
                    c for c in concepts
                    if any(near_word(w, self.index.one_word_names.get(c, frozenset()))
                           for w in spellings)
                )  # fmt: skip
            places = [c for c in concepts if self.index.criteria.is_resource[int(c)]]
            if places:
                kinds, after = kind_named_at(folded, end)
                if any(self.index.entries[int(c)].kind in kinds for c in places):
                    end = after  # "depot st sobering": the sobering room at Depot St, one name
            span = (start, end)
            if places and (
                _CAME_FROM.search(folded, max(0, span[0] - ORIGIN_REACH), span[0])
                or _SPOKE.match(folded, span[1])
            ):
                # "cleared at General", "walked off from Cypress Bend", "screening says":
                # where the person was, not a place asked about
                origins.append((span, [int(row) for row in places]))
                concepts = concepts - frozenset(places)
            elif places and _FULL.match(folded, span[1]):
                full += [int(row) for row in places]  # not asked for: where else
                concepts = concepts - frozenset(places)
            rows += sorted(int(row) for row in concepts if int(row) not in rows)
            if places and found and not folded[found[-1][1] : span[0]].strip(" -"):
                found[-1] = (found[-1][0], span[1])  # "cornerstone mission": one name
            elif places:
                found.append(span)
        return rows, found, origins, full
