"""Text to comparable tokens: lower case, no accents, light stemming, and concept phrases."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA

_WORD = re.compile(r"[a-z0-9]+(?:['\u2019/.][a-z0-9]+)*(?:-[a-z0-9]+)*")
_INNER_PUNCT = re.compile(r"['\u2019/.]")
_MADE_A_VERB = re.compile(r"['\u2019](?:d|ed)$")  # "CIT'd", "5150'd": the thing itself

# Suffix -> replacement, first match wins; keeps related forms together
# (intoxicated / intoxication -> intoxicate, centers -> center, training -> train).
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("izations", "ize"), ("ization", "ize"), ("izing", "ize"), ("ized", "ize"),
    ("ations", "ate"), ("ation", "ate"), ("ating", "ate"), ("ated", "ate"),
    ("ances", ""), ("ance", ""), ("ically", "ical"),
    ("ally", "al"), ("ies", "y"), ("sses", "ss"), ("ings", ""), ("ing", ""), ("ness", ""),
    ("ly", ""),
    ("ed", ""), ("s", ""),
)  # fmt: skip
_KEEP_S = ("ss", "us", "is", "ys", "as", "os")
CONCEPT_PREFIX = "~"
SHORT_WORD = 5  # below this length, a letter changed makes another word as often as a typo


def fold(text: str) -> str:
    """Lower case without accents: ``"Crisis Receiving Center, Niño"`` -> ``"crisis ... nino"``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# any digit: patterns that need a number (ages, clock times) are tried only when one is there
DIGIT = re.compile(r"\d")


def folded_pattern(regex: str) -> re.Pattern[str]:
    """A pattern written in lower case, for text ``fold`` has lowered. Searching folded text
    instead of ignoring case keeps the regex engine's literal-prefix scans: three times faster."""
    return re.compile(regex)


def spaced(text: str) -> str:
    """``"Co-Responder  Unit "`` -> ``"co responder unit"``: one spelling of a name however
    it is spaced, hyphenated or cased."""
    return " ".join(re.split(r"[\s-]+", fold(text).strip()))


def stem(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(_KEEP_S):
                return word
            return word[: -len(suffix)] + replacement
    return word


def words(text: str) -> list[str]:
    """Raw folded words, hyphenated ones kept whole (``co-responder``, ``i/dd``)."""
    return _WORD.findall(fold(text))


def word_spans(folded: str) -> list[tuple[str, int, int]]:
    """Words of already folded text with their character spans."""
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(folded)]


@lru_cache(maxsize=65536)
def word_tokens(word: str) -> tuple[str, ...]:
    """The tokens of one word: ``"co-responders"`` -> ``("co", "responder")``."""
    parts = (_INNER_PUNCT.sub("", _MADE_A_VERB.sub("", part)) for part in word.split("-"))
    return tuple(stem(part) for part in parts if part)


def tokens(text: str) -> list[str]:
    """Comparable tokens: hyphenated words split, inner punctuation dropped, stemmed."""
    return [token for word in words(text) for token in word_tokens(word)]


def tokens_and_compounds(text: str) -> tuple[list[str], list[str]]:
    """Tokens of a text to index, and its hyphenated words joined (``co-responder`` also
    gives ``coresponder``), so a question typed without the hyphen still matches."""
    found = words(text)
    compounds = [stem(_INNER_PUNCT.sub("", w.replace("-", ""))) for w in found if "-" in w]
    return [token for word in found for token in word_tokens(word)], compounds


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int  # exclusive token index
    concepts: frozenset[str]


@dataclass
class ConceptTable:
    """Phrases (as token tuples) that name a concept; several phrases share one concept."""

    concepts_of: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    # per first token, the lengths of its phrases, longest first: a look-up per length, not
    # a comparison per phrase (ten thousand names share few first words: "Oak ...")
    lengths: dict[str, list[int]] = field(default_factory=dict)
    longest: int = 1

    def add_group(self, concept: str, phrases: Iterable[str]) -> None:
        for phrase in phrases:
            toks = tuple(tokens(phrase))
            if not toks:
                continue
            self.concepts_of.setdefault(toks, set()).add(concept)
            lengths = self.lengths.setdefault(toks[0], [])
            if len(toks) not in lengths:
                lengths.append(len(toks))
                lengths.sort(reverse=True)
            self.longest = max(self.longest, len(toks))

    def find(self, toks: Sequence[str]) -> list[PhraseMatch]:
        """Longest phrases first, left to right, not overlapping."""
        lengths = self.lengths
        if lengths.keys().isdisjoint(toks):
            return []
        matches: list[PhraseMatch] = []
        free_from = 0
        for i, tok in enumerate(toks):
            if i < free_from or tok not in lengths:
                continue
            for n in lengths[tok]:
                if i + n > len(toks):
                    continue
                concepts = self.concepts_of.get(tuple(toks[i : i + n]))
                if concepts:
                    matches.append(PhraseMatch(i, i + n, frozenset(concepts)))
                    free_from = i + n
                    break
        return matches

    def concept_tokens(self, toks: Sequence[str]) -> list[str]:
        return [CONCEPT_PREFIX + c for m in self.find(toks) for c in sorted(m.concepts)]


def near_word(word: str, vocabulary: frozenset[str]) -> bool:
    """``word`` is in ``vocabulary`` or one typo away from a word of it ("adress")."""
    return word in vocabulary or (len(word) >= 5 and bool(_one_typo_away(word, vocabulary)))


# spoken forms typed as said: read as the words they stand for
_SLANG = {"outta": "out of", "gotta": "got to", "tryna": "trying to", "lotta": "lot of",
          "kinda": "kind of", "sorta": "sort of", "eval": "evaluation",
          "evals": "evaluations"}  # fmt: skip
_SLANG_WORD = re.compile(r"\b(?:" + "|".join(_SLANG) + r")\b")


def expand_slang(text: str) -> str:
    """``"ran outta his meds"`` -> ``"ran out of his meds"``."""
    return _SLANG_WORD.sub(lambda m: _SLANG[m.group(0)], text)


# a word with its "g" dropped: "drinkin", "fightin'", "bleedin"
_G_DROPPED = re.compile(r"\b([a-z]{2,}[^aeiou\W]in)'?(?![\w'])")


def restore_dropped_g(text: str, knows: Callable[[str], bool]) -> str:
    """``"he's fightin us, been drinkin"`` -> ``"he's fighting us, been drinking"``: a word
    ending in "in" that ``knows`` does not (not "cabin", "heroin", a name the knowledge base
    uses) is read with its "g"."""
    return _G_DROPPED.sub(
        lambda m: m.group(0) if knows(m.group(1)) else m.group(1) + "g", fold(text)
    )


def join_split_words(
    text: str, knows: Callable[[str], bool], common: frozenset[str] = frozenset()
) -> str:
    """Two words typed apart that make one the knowledge base uses ("tree house" for
    "Treehouse", "light house"), when either alone is not one it knows; never with a
    ``common`` word ("walk in" stays two words)."""
    folded = fold(text)
    found = word_spans(folded)
    pieces: list[str] = []
    last = 0
    for (first, start, _), (second, _, end) in pairwise(found):
        if start < last or not (first.isalpha() and second.isalpha()):
            continue
        if first in common or second in common:
            continue
        joined = first + second
        if len(joined) >= 6 and knows(joined) and not (knows(first) and knows(second)):
            pieces += [folded[last:start], joined]
            last = end
    return "".join([*pieces, folded[last:]]) if pieces else folded


def correct_words(text: str, vocabulary: frozenset[str], keep: Callable[[str], bool]) -> str:
    """Replace words one typo away from a ``vocabulary`` word, unless ``keep(word)``."""
    folded = fold(text)
    pieces: list[str] = []
    last = 0
    for word, start, end in word_spans(folded):
        if len(word) >= 4 and word not in vocabulary and not keep(word):
            fixed = _nearest(word, vocabulary)
            if fixed:
                pieces += [folded[last:start], fixed]
                last = end
    return "".join([*pieces, folded[last:]]) if pieces else folded


def _nearest(word: str, vocabulary: frozenset[str]) -> str | None:
    """The one ``vocabulary`` word a typo away from ``word``; None if none or ambiguous.
    A short word is read as a typo only of a word one letter longer ("drnk", "wher"): one
    letter changed in a short word is more often another word ("seen" / "teen")."""
    close = _one_typo_away(word, vocabulary)
    if len(word) < SHORT_WORD:
        close = tuple(c for c in close if len(c) == len(word) + 1)
    return close[0] if len(close) == 1 else None


@lru_cache(maxsize=8192)
def _one_typo_away(word: str, vocabulary: frozenset[str]) -> tuple[str, ...]:
    return tuple(known for known in vocabulary if OSA.distance(word, known, score_cutoff=1) <= 1)
