"""A question as weighted slots: each asks "does the entry mention this?", typos forgiven."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.search.index import SearchIndex
from bot.search.intent import is_asking_word
from bot.search.lexicon import NEGATIONS, SOFT_WORDS, STOPWORDS
from bot.search.situation import Situation, Span
from bot.search.text import CONCEPT_PREFIX, fold, word_spans, word_tokens
from bot.search.wants import denied

# A word the knowledge base has never seen weighs as much as its rarest word: the question is
# partly about something we know nothing of, which must count against every entry.
UNKNOWN_WORD_WEIGHT = 1.0


@dataclass(frozen=True)
class Slot:
    text: str
    terms: dict[str, float]  # index term -> similarity to what was typed
    weight: float
    soft: bool  # optional evidence: counts when matched, never against an entry

    @property
    def known(self) -> bool:
        return bool(self.terms)


@dataclass(frozen=True)
class Query:
    slots: tuple[Slot, ...]

    @property
    def required(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if not s.soft)

    @property
    def text(self) -> str:
        """The content words, for whole-phrase comparison with titles and sample questions."""
        return " ".join(s.text for s in self.slots)


@dataclass
class _Token:
    text: str
    word: str
    soft: bool
    about_person: bool
    dropped: bool
    contact: bool  # a contact word: it says which details to show, unless part of a phrase


# a number code said as one word: a radio code ("10-96"), a statute ("229.22")
_CODE = re.compile(r"\d+(?:[-.]\d+)+")


def inside(start: int, end: int, spans: Sequence[Span]) -> bool:
    """Whether ``start``..``end`` overlaps any of ``spans``."""
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def build_query(
    question: str,
    situation: Situation,
    index: SearchIndex,
    *,
    situation_soft: bool,
    subjects: tuple[Span, ...] = (),
    optional: tuple[Span, ...] = (),
    similar: dict[tuple[str, str | None], dict[str, float]] | None = None,
) -> Query:
    """Slots for the question's words. With ``situation_soft``, words that describe the person
    ("drunk", "5150") are optional evidence, as when looking for a place; otherwise they are
    as required as any other word ("veterans crisis line", "what is a 5150"). Words within
    ``subjects`` (places a question about the program names) are left out; those within
    ``optional`` count where they match, never against an entry. ``similar`` keeps the
    vocabulary's near words for each word across the queries of one answer."""
    similar = {} if similar is None else similar

    def near(word: str, as_typed: str | None = None) -> dict[str, float]:
        key = (word, as_typed)
        if key not in similar:
            similar[key] = index.vocabulary.similar(word, as_typed)
        return similar[key]

    folded = fold(question)
    toks: list[_Token] = []
    for word, start, end in word_spans(folded):
        dropped = inside(start, end, situation.drop_spans) or inside(start, end, subjects)
        # contact words ("address", "phone") say which details to show, not what to find
        contact = is_asking_word(word)
        about_person = situation_soft and inside(start, end, situation.soft_spans)
        soft = is_asking_word(word, SOFT_WORDS) or about_person or inside(start, end, optional)
        # what the person is not ("not suicidal") is no evidence for a place that mentions it
        dropped = dropped or (about_person and denied(folded, start))
        parts = word_tokens(word)
        if _CODE.fullmatch(word) and not all(t in index.vocabulary for t in parts):
            parts = ()  # "10-96" unknown here says nothing we could match, not "10" and "96"
        toks.extend(_Token(t, word, soft, about_person, dropped, contact) for t in parts)

    slots: list[Slot] = []
    covered: set[int] = set()
    for match in index.concepts.find([t.text for t in toks]):
        group = toks[match.start : match.end]
        if any(t.dropped for t in group) or (
            len(group) == 1 and (group[0].word in STOPWORDS or group[0].contact)
        ):
            continue  # a phrase of such words keeps its meaning: "call takers", "tell us"
        covered.update(range(match.start, match.end))
        terms = {CONCEPT_PREFIX + c: 1.0 for c in match.concepts}
        if len(group) == 1 and group[0].text in index.vocabulary:
            # the word as written, and its inflections; a word read as a concept is no
            # typo of another ("dept" is no "depot")
            terms.update(near(group[0].text))
        text = " ".join(dict.fromkeys(t.word for t in group))
        # a phrase of soft words is no soft word ("call takers" are dispatchers)
        soft = all(t.about_person for t in group) or (len(group) == 1 and group[0].soft)
        slots.append(_slot(text, terms, soft, index))
    for position, tok in enumerate(toks):
        if position in covered or tok.dropped or tok.contact:
            continue
        if tok.word in STOPWORDS or tok.text in STOPWORDS:
            continue
        if tok.text.isdigit() and tok.text not in index.vocabulary:
            continue  # a stray number ("58") says nothing we could match
        if tok.text in NEGATIONS:
            if tok.text in index.vocabulary:  # as written, no typo of another word
                slots.append(_slot(tok.word, {tok.text: 1.0}, tok.soft, index))
            continue
        as_typed = tok.word if tok.word.isalpha() else None  # one plain word: its spelling
        slots.append(_slot(tok.word, near(tok.text, as_typed), tok.soft, index))
    return Query(tuple(_unique(slots)))


def _slot(text: str, terms: dict[str, float], soft: bool, index: SearchIndex) -> Slot:
    terms = {t: sim for t, sim in terms.items() if t in index.postings}
    weight = (
        max(index.postings.idf(t) for t in terms) if terms else index.max_idf * UNKNOWN_WORD_WEIGHT
    )
    return Slot(text, terms, weight, soft)


def _unique(slots: list[Slot]) -> list[Slot]:
    seen: set[str] = set()
    unique: list[Slot] = []
    for slot in slots:
        if slot.text not in seen:
            seen.add(slot.text)
            unique.append(slot)
    return unique
