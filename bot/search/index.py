"""The search index, built once per knowledge base: weighted postings, concepts, vocabulary.

Every entry is broken into fields (name, aliases, summary...), each with a weight saying how
strongly a word found there means "this entry is about it". A term's posting list holds, per
entry, the best weight it appears with. Glossary terms and their aliases, and the lexicon's
synonym groups, become concept tokens, so "EDP" and "emotionally disturbed person" meet.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from bot.knowledge.model import Entry, Faq, GlossaryTerm, KnowledgeBase, Resource, Section
from bot.search.eligibility import CriteriaTable
from bot.search.lexicon import KIND_LABELS, KIND_WORDS, SYNONYMS
from bot.search.text import CONCEPT_PREFIX, ConceptTable, joined_compounds, tokens
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


class SearchIndex:
    """Everything the matcher needs, derived from one ``KnowledgeBase`` and never changed."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge
        self.entries: tuple[Entry, ...] = knowledge.entries
        self.concepts = build_concepts(knowledge)
        self.criteria = CriteriaTable(self.entries, knowledge.timezone_of)
        self.handles = tuple(entry_handles(e) for e in self.entries)
        self.postings, self.idf = self._postings()
        self.max_idf = math.log(1 + len(self.entries)) if self.entries else 1.0
        self.vocabulary = FuzzyVocabulary(t for t in self.postings if t[0] != CONCEPT_PREFIX)

    def _postings(self) -> tuple[dict[str, Postings], dict[str, float]]:
        token_cache: dict[str, list[str]] = {}
        lists: dict[str, tuple[list[int], list[float]]] = {}
        for row, entry in enumerate(self.entries):
            best: dict[str, float] = {}
            for text, weight in entry_fields(entry):
                if not text:
                    continue
                toks = token_cache.get(text)
                if toks is None:
                    toks = tokens(text)
                    toks += joined_compounds(text) + self.concepts.concept_tokens(toks)
                    token_cache[text] = toks
                for term in toks:
                    if best.get(term, 0.0) < weight:
                        best[term] = weight
            if isinstance(entry, Resource):
                kind = CONCEPT_PREFIX + kind_concept(entry.kind)
                best[kind] = max(best.get(kind, 0.0), KIND)
            for term, weight in best.items():
                rows, weights = lists.setdefault(term, ([], []))
                rows.append(row)
                weights.append(weight)
        n = max(len(self.entries), 1)
        postings = {
            term: Postings(np.asarray(rows, dtype=np.int32), np.asarray(ws, dtype=np.float32))
            for term, (rows, ws) in lists.items()
        }
        idf = {term: math.log(1 + n / len(rows)) for term, (rows, _) in lists.items()}
        return postings, idf
