"""Typo-tolerant lookup of a word in the index's vocabulary.

A symmetric-delete index (the SymSpell idea): every word is stored under itself and each
spelling with one letter removed, so a typo is found with a handful of dictionary look-ups
instead of comparing it to every word; rapidfuzz then grades the few candidates.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.search.text import SHORT_WORD, stem

MIN_FUZZY_LENGTH = 4  # shorter words are acronyms or numbers: "ED", "988", "CSU" match exactly
# Longer "words" are codes, web addresses or junk: matched exactly only, since their deletes
# cost length² memory (one 60,000-letter word once took 3.4 GB).
MAX_FUZZY_LENGTH = 40
TWO_SLIPS_SCANNED = 9  # a word this long that matched nothing is compared with similar words


_INFLECTIONS = frozenset({"s", "es", "e", "d", "ed", "ing", "er"})
_SILENT_E_DROPPED = ("ing", "ings")  # endings before which a word's final "e" goes


def _inflected(word: str, other: str) -> bool:
    """Whether one is the other with an ending the stemmer may have left ("hold", "holds")."""
    short, long = sorted((word, other), key=len)
    return long.startswith(short) and long[len(short) :] in _INFLECTIONS


def _fuzzy(word: str) -> bool:
    return MIN_FUZZY_LENGTH <= len(word) <= MAX_FUZZY_LENGTH and not word.isdigit()


def _deletes(word: str) -> tuple[str, ...]:
    """``word`` with each letter removed in turn, in order (not a set: the order words are
    found in must not depend on Python's hash seed, or ties would)."""
    return tuple(dict.fromkeys(word[:i] + word[i + 1 :] for i in range(len(word))))


class FuzzyVocabulary:
    def __init__(self, vocabulary: Iterable[str], base: FuzzyVocabulary | None = None) -> None:
        """``base``: a previous vocabulary whose index is extended rather than rebuilt (a
        reload usually adds a word or two). Words it had that are gone stay in the shared
        index but are never returned, since candidates are checked against ``words``."""
        self.words = frozenset(vocabulary)
        self._lengths: dict[int, tuple[str, ...]] | None = None  # words by length, when needed
        self._by_key: dict[str, list[str]] = base._by_key if base is not None else {}
        for word in sorted(self.words - (base.words if base is not None else frozenset())):
            if not _fuzzy(word):
                continue
            for key in (word, *_deletes(word)):
                self._by_key.setdefault(key, []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)

    def similar(self, word: str, as_typed: str | None = None) -> dict[str, float]:
        """Vocabulary words within one edit (two for long words) of ``word``, with similarity.

        The exact word, when known, scores 1.0; a typo scores the share of letters it got
        right, so one slip in a long word ("stonebrige") counts more than in a short one,
        where it more often makes another word ("park" / "part"). ``as_typed``: the word
        before stemming, tried when its stem finds nothing (stemming "cypres" to "cypre"
        takes it two edits from "cypress").
        """
        found = self._similar(word)
        # "riding" is "ride", "sharing" "share" (the stemmer keeps the "e" of neither)
        if as_typed and as_typed.endswith(_SILENT_E_DROPPED) and word + "e" in self.words:
            found[word + "e"] = 1.0
        if not found and as_typed and as_typed != word:
            found = self._similar(as_typed)
        # in word order: of words alike, the one taken is the same on every start and reload
        return dict(sorted(found.items()))

    def _similar(self, word: str) -> dict[str, float]:
        known = word in self.words
        found: dict[str, float] = {word: 1.0} if known else {}
        if not _fuzzy(word):
            return found
        if not known and word.endswith("in") and (full := stem(word + "g")) in self.words:
            return {full: 1.0}  # the g dropped, as typed: "talkin", "drinkin"
        allowed = 2 if len(word) >= 8 else 1
        for key in (word, *_deletes(word)):
            for candidate in self._by_key.get(key, ()):
                if candidate in found or candidate not in self.words:
                    continue
                if known and not _inflected(word, candidate):
                    continue  # a real word is not a typo of another ("count", "county")
                if len(word) < SHORT_WORD and len(candidate) != len(word) + 1:
                    continue  # a letter changed in "pill" makes "mill" more often than a typo
                distance = OSA.distance(word, candidate, score_cutoff=allowed)
                if distance <= allowed:
                    found[candidate] = 1.0 - distance / max(len(word), len(candidate))
        if not found and len(word) >= TWO_SLIPS_SCANNED:
            # two slips the one-letter index cannot see ("instutite"): compare with the words
            # of about its length, which only a long word that matched nothing costs
            # (a word two letters longer or shorter is more often another word: "personal")
            pool = [w for n in range(len(word) - 1, len(word) + 2) for w in self._of_length(n)]
            for candidate, distance, _ in process.extract(
                word, pool, scorer=OSA.distance, score_cutoff=allowed, limit=None
            ):
                found[candidate] = 1.0 - distance / max(len(word), len(candidate))
        return found

    def _of_length(self, length: int) -> tuple[str, ...]:
        if self._lengths is None:
            lengths: dict[int, list[str]] = {}
            for word in self.words:
                lengths.setdefault(len(word), []).append(word)
            self._lengths = {n: tuple(sorted(words)) for n, words in lengths.items()}
        return self._lengths.get(length, ())
