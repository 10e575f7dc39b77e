"""The search index, built once per knowledge base: weighted postings, concepts, vocabulary.

Every entry is broken into fields (name, aliases, summary...), each with a weight saying how
strongly a word found there means "this entry is about it". A term's posting list holds, per
entry, the best weight it appears with. Glossary terms and their aliases, and the lexicon's
synonym groups, become concept tokens, so "EDP" and "emotionally disturbed person" meet.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from bot.knowledge.model import Entry, Faq, GlossaryTerm, KnowledgeBase, Resource, Section
from bot.search.eligibility import CriteriaTable, criteria_row
from bot.search.lexicon import KIND_LABELS, KIND_WORDS, STOPWORDS, SYNONYMS
from bot.search.text import (
    CONCEPT_PREFIX,
    ConceptTable,
    tokens,
    tokens_and_compounds,
    word_tokens,
    words,
)
from bot.search.vocabulary import FuzzyVocabulary

# How much a match in each field says about the entry (1.0: it names the entry).
NAME, KEYWORD, QUESTION, KIND, SHORT, LONG, MINOR = 1.0, 0.9, 0.9, 0.75, 0.6, 0.35, 0.3


@dataclass(frozen=True)
class Postings:
    rows: np.ndarray  # entry positions, unique
    weights: np.ndarray  # best field weight of the term in that entry


def kind_concept(kind: str) -> str:
    return f"kind:{kind}"


def entry_fields(entry: Entry) -> Iterable[tuple[str, float]]:
    """The searchable text of an entry, field by field, with each field's weight."""
    if isinstance(entry, Resource):
        yield entry.name, NAME
        for alias in entry.aliases:
            yield alias, NAME
        yield KIND_LABELS[entry.kind], KIND
        for text in (entry.summary, *entry.services, *entry.area):
            yield text or "", SHORT
        yield entry.address or "", LONG
        yield entry.details or "", LONG
        yield " ".join(entry.languages), MINOR
        yield entry.criteria.notes or "", MINOR
        for text in entry.criteria.excludes:
            yield text, MINOR
    elif isinstance(entry, Section):
        yield entry.title, NAME
        for text in entry.keywords:
            yield text, KEYWORD
        for text in entry.questions:
            yield text, QUESTION
        yield " ".join(entry.path), SHORT
        yield entry.summary or "", SHORT
        yield entry.body or "", LONG
        for link in entry.links:
            yield link.title, MINOR
    elif isinstance(entry, Faq):
        for text in entry.questions:
            yield text, NAME
        for text in entry.tags:
            yield text, SHORT
        yield entry.answer, LONG
    elif isinstance(entry, GlossaryTerm):
        yield entry.term, NAME
        for alias in entry.aliases:
            yield alias, NAME
        yield entry.definition, LONG


def entry_handles(entry: Entry) -> tuple[str, ...]:
    """Short texts that name or ask for the entry, for whole-phrase similarity."""
    if isinstance(entry, Resource):
        return (entry.name, *entry.aliases)
    if isinstance(entry, Section):
        return (entry.title, *entry.questions, *entry.keywords)
    if isinstance(entry, Faq):
        return entry.questions
    return (entry.term, *entry.aliases)


def entry_names(entry: Entry) -> tuple[str, ...]:
    """What names an entry outright: a place's name and aliases, a term and its aliases, a
    section's title."""
    if isinstance(entry, Resource):
        return (entry.name, *entry.aliases)
    if isinstance(entry, GlossaryTerm):
        return (entry.term, *entry.aliases)
    if isinstance(entry, Section):
        return (entry.title,)
    return ()


# A kind's one-word name ("hospital", "shelter") names no place in particular.
_GENERIC_NAMES = frozenset(
    t
    for phrase in (*(p for ps in KIND_WORDS.values() for p in ps), *KIND_LABELS.values())
    for t in [" ".join(tokens(phrase))]
    if " " not in t
)


def _articles(name: str) -> int:
    return sum(w in ("the", "a", "an") for w in words(name))


def build_names(entries: Sequence[Entry]) -> tuple[ConceptTable, dict[str, frozenset[str]]]:
    """Each entry's names as phrases of content words, the concept being the entry's row;
    and, per row, its one-word names as written ("sobering" names a place, "sober" does not,
    though both stem alike)."""
    names = ConceptTable()
    one_word: dict[str, set[str]] = {}
    for row, entry in enumerate(entries):
        for name in entry_names(entry):
            name_tokens = tokens(name)
            phrase = " ".join(t for t in name_tokens if t not in STOPWORDS)
            if phrase in _GENERIC_NAMES and len(name_tokens) - _articles(name) > 1:
                continue  # "the Wells hospital" less its stop words names every hospital
            names.add_group(str(row), [phrase])
            content = [w for w in words(name) if not all(t in STOPWORDS for t in word_tokens(w))]
            if len(content) == 1:
                one_word.setdefault(str(row), set()).add(content[0])
    return names, {row: frozenset(found) for row, found in one_word.items()}


def build_concepts(knowledge: KnowledgeBase) -> ConceptTable:
    concepts = ConceptTable()
    for kind, phrases in KIND_WORDS.items():
        concepts.add_group(kind_concept(kind), (*phrases, KIND_LABELS[kind]))
    for number, group in enumerate(SYNONYMS):
        concepts.add_group(f"syn:{number}", group)
    for entry in knowledge.entries:
        if isinstance(entry, GlossaryTerm):
            concepts.add_group(f"term:{entry.id}", (entry.term, *entry.aliases))
    return concepts


@dataclass(frozen=True)
class EntryTerms:
    """One entry's terms (numbered) with their field weights, and its handles' tokens."""

    entry: Entry  # kept so the cache key (the entry's identity) cannot be reused
    term_ids: np.ndarray
    weights: np.ndarray
    handle_tokens: tuple[str, ...]
    criteria: tuple[object, ...]  # its row of the criteria table


class IndexCache:
    """What indexing an entry produced, kept across reloads while the entry is unchanged.

    A reload re-reads only changed files, so unchanged entries are the very same objects;
    their terms are reused instead of tokenised again. A change to the glossary (which
    defines concepts) starts the cache afresh.
    """

    def __init__(self) -> None:
        self.reset(None)

    def reset(self, concepts_key: tuple[object, ...] | None) -> None:
        self.concepts_key = concepts_key
        self.term_ids: dict[str, int] = {}  # numbered in order of first sight
        self.entries: dict[int, EntryTerms] = {}
        self.vocabulary: FuzzyVocabulary | None = None

    def numbers(self, terms: Iterable[str], count: int) -> np.ndarray:
        ids = self.term_ids
        return np.fromiter((ids.setdefault(t, len(ids)) for t in terms), np.int32, count)


def _concepts_key(knowledge: KnowledgeBase) -> tuple[object, ...]:
    return tuple((e.term, e.aliases) for e in knowledge.entries if isinstance(e, GlossaryTerm))


class SearchIndex:
    """Everything the matcher needs, derived from one ``KnowledgeBase`` and never changed."""

    def __init__(self, knowledge: KnowledgeBase, cache: IndexCache | None = None) -> None:
        self.knowledge = knowledge
        self.entries: tuple[Entry, ...] = knowledge.entries
        cache = cache or IndexCache()
        key = _concepts_key(knowledge)
        if cache.concepts_key != key:
            cache.reset(key)
        self.concepts = build_concepts(knowledge)
        texts: dict[str, list[str]] = {}  # fields repeat a lot (kinds, areas, services)
        indexed = [self._entry_terms(entry, cache, texts) for entry in self.entries]
        self.criteria = CriteriaTable(
            self.entries,
            knowledge.timezone_of,
            [item.criteria for item in indexed],
            knowledge.defaults.area,
        )
        cache.entries = {id(item.entry): item for item in indexed}  # forget removed entries
        self.handle_tokens = tuple(item.handle_tokens for item in indexed)
        self.names, self.one_word_names = build_names(self.entries)
        self.postings = PostingLists(indexed, list(cache.term_ids))
        self.max_idf = math.log(1 + len(self.entries)) if self.entries else 1.0
        words = frozenset(t for t in self.postings if t[0] != CONCEPT_PREFIX)
        if cache.vocabulary is None or cache.vocabulary.words != words:
            cache.vocabulary = FuzzyVocabulary(words, base=cache.vocabulary)
        self.vocabulary = cache.vocabulary

    def _entry_terms(
        self, entry: Entry, cache: IndexCache, texts: dict[str, list[str]]
    ) -> EntryTerms:
        cached = cache.entries.get(id(entry))
        if cached is not None and cached.entry is entry:
            return cached
        best: dict[str, float] = {}
        for text, weight in entry_fields(entry):
            if not text:
                continue
            toks = texts.get(text)
            if toks is None:
                toks, compounds = tokens_and_compounds(text)
                toks += compounds + self.concepts.concept_tokens(toks)
                texts[text] = toks
            for term in toks:
                if best.get(term, 0.0) < weight:
                    best[term] = weight
        if isinstance(entry, Resource):
            kind = CONCEPT_PREFIX + kind_concept(entry.kind)
            best[kind] = max(best.get(kind, 0.0), KIND)
        return EntryTerms(
            entry,
            cache.numbers(best, len(best)),
            np.fromiter(best.values(), np.float32, len(best)),
            tuple(content_tokens(handle) for handle in entry_handles(entry)),
            criteria_row(entry),
        )


def content_tokens(text: str) -> str:
    """The words that carry meaning, as one comparable string, sorted: a plain ratio of two
    such strings is rapidfuzz's token_sort_ratio, without sorting every name per question."""
    return " ".join(sorted(t for t in tokens(text) if t not in STOPWORDS))


class PostingLists:
    """Every term's posting list, as slices of three shared arrays (rows, weights sorted by
    term); a list is cut out when a question asks for it, not for every term up front."""

    def __init__(self, indexed: Sequence[EntryTerms], names: Sequence[str]) -> None:
        self._entries = max(len(indexed), 1)
        if not indexed:
            self._slot: dict[str, int] = {}
            self._starts = self._counts = np.zeros(0, dtype=np.int64)
            self._rows = np.zeros(0, dtype=np.int32)
            self._weights = np.zeros(0, dtype=np.float32)
            return
        lengths = np.fromiter((len(item.term_ids) for item in indexed), np.int64, len(indexed))
        term_ids = np.concatenate([item.term_ids for item in indexed])
        weights = np.concatenate([item.weights for item in indexed])
        rows = np.repeat(np.arange(len(indexed), dtype=np.int32), lengths)
        # a stable sort of 16-bit keys is a radix sort: several times faster than 32-bit
        keys = term_ids.astype(np.uint16) if len(names) <= 2**16 else term_ids
        order = np.argsort(keys, kind="stable")
        term_ids = term_ids[order]
        self._rows, self._weights = rows[order], weights[order]
        self._starts = np.concatenate(([0], np.flatnonzero(np.diff(term_ids)) + 1))
        self._counts = np.diff(np.append(self._starts, len(term_ids)))
        present = term_ids[self._starts].tolist()
        self._slot = dict(zip([names[t] for t in present], range(len(present)), strict=True))

    def __contains__(self, term: str) -> bool:
        return term in self._slot

    def __iter__(self) -> Iterator[str]:
        return iter(self._slot)

    def __len__(self) -> int:
        return len(self._slot)

    def __getitem__(self, term: str) -> Postings:
        slot = self._slot[term]
        start, count = int(self._starts[slot]), int(self._counts[slot])
        return Postings(self._rows[start : start + count], self._weights[start : start + count])

    def idf(self, term: str) -> float:
        """Inverse document frequency: rarer terms say more about an entry."""
        return math.log(1 + self._entries / int(self._counts[self._slot[term]]))
