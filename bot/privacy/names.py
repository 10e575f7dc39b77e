"""Names found by where they stand in an officer's message.

Officers type names in lower case and without "named": a name is found after the words
that introduce a person ("subj", "RP", "his mom", titles), next to an age ("maria 15",
"15yo maria"), after verbs that move or reach a person ("take ... to", "texted priya"),
before "'s mom", in brackets after an age, as a sentence's subject, as two capitalised
names in a lower-case message, and anywhere for a name on the list of names that are not
words. Words the bot reads and common English words (``words.ORDINARY``) are never taken
for a name in those places, so "called about her husband" stays as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.privacy.words import COMMON_NAMES, NAMES, ORDINARY

_I = re.IGNORECASE

_TOKEN = re.compile(r"\[[a-z]+\]|[^\W\d_](?:[\w'’-]*[^\W_])?|\d+(?:[/.:-]\d+)*[a-z]*|\S", _I)
# Words after which the next one or two name a person: roles in a report, relatives, titles.
_INTRODUCERS = frozenset(
    """subj subject subjs pt patient juv juvenile caller rp complainant victim suspect client
    consumer resident inmate officer ofc deputy dep sgt sergeant lt lieutenant det detective
    cpl corporal trooper chief capt captain nurse dr doctor mr mrs ms miss mx judge coach
    aunt uncle mom dad mother father son daughter brother sister wife husband bf gf boyfriend
    girlfriend ex fiance fiancee niece nephew cousin grandson granddaughter grandfather
    grandmother grandma grandpa granny stepdad stepmom stepson stepdaughter friend neighbor
    neighbour roommate tenant landlord clinician worker caseworker aka guy man woman lady kid
    girl boy teen male female dude gentleman""".split()
)
# Words after which a person's name may follow ("take kevin to", "omw w/ rico to mercy").
_MOVERS = frozenset(
    """take taking took bring bringing brought transport transporting transported drop
    dropping dropped pick picking picked drive driving drove escort escorting w with""".split()
)
# Verbs whose object is a person: "texted priya", "call back kristen", "reached aunt Thu".
_PERSON_VERBS = frozenset(
    "texted text called call reached contacted paged messaged emailed ask told".split()
)
_PARTICLES = frozenset({"off", "up", "back", "over", "out"})
# A sentence's first words before one of these are its subject: "esperanza stopped taking".
_SUBJECT_VERBS = frozenset(
    """says said stopped is was has had wants went left told took refuses refused asked keeps
    ran called came lives stays needs thinks believes""".split()
)
_AFTER_A_MOVED_NAME = frozenset(
    "to in into at home back off up over from , ? . ! ) ; : 's's".split()
)
_PLACEHOLDER = re.compile(r"\[[a-z]+\]")
_AGE = re.compile(r"(?:\d{1,2}|1[01]\d)(?:yo|y/o|yr|yrs|yoa|s|m|f)?", _I)
_AGE_AFTER = re.compile(r"(?:\d{1,2})(?:yo|y/o|yr|yrs)", _I)
_RELATIONS_AFTER_POSSESSIVE = frozenset(
    """mom dad mother father son daughter brother sister wife husband kid kids baby boyfriend
    girlfriend bf gf family dob phone number cell case car address meds worker caseworker
    therapist doctor pcp psychiatrist third second first last""".split()
)
_SEX_AGE = re.compile(r"[mf]/\d{1,3}|\d{1,3}[mf]|[wbhawi]/[mf]", _I)


def _name_like(word: str, *, strong: bool) -> bool:
    """Whether ``word`` could be a name where a name is expected; ``strong``: the place
    makes a name very likely, so a name that is also a word ("will", "grace") counts."""
    if _PLACEHOLDER.fullmatch(word) or not word[0].isalpha() or len(word) < 2:
        return False
    folded = word.lower().replace("’", "'")
    base = folded.removesuffix("'s")
    if base in COMMON_NAMES:
        return strong
    if any(c.isdigit() for c in base) or base in _INTRODUCERS or base in _MOVERS:
        return False
    parts = [part for part in base.split("-") if part]
    return not (_ordinary(base) or all(_ordinary(part) for part in parts))


def _ordinary(word: str) -> bool:
    """A word of the language (``ORDINARY``), inflected or not."""
    if word in ORDINARY:
        return True
    if word.endswith(("n't", "nt")) and word.rstrip("t").rstrip("'’n") in ORDINARY:
        return True  # "hasn't", "doesnt"
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if stem in ORDINARY or stem + "e" in ORDINARY:
                return True
    # "barricaded", "mentioned", "wearing": a long word so inflected is rarely a name
    # ("mohamed" is a name)
    return (len(word) >= 7 and word.endswith(("ing", "ly", "tion", "ness"))) or (
        len(word) >= 9 and word.endswith("ed")
    )


_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly")


class _Names:
    """One message's words, and which of them are a person's name."""

    def __init__(self, text: str, known: Callable[[str], bool]) -> None:
        self.spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.tokens = [text[start:end] for start, end in self.spans]
        self.lower = [t.lower() for t in self.tokens]
        self.hit = [False] * len(self.tokens)
        self.known = known
        self._like: dict[tuple[int, bool], bool] = {}

    def like(self, at: int, strong: bool = False) -> bool:
        if not 0 <= at < len(self.tokens):
            return False
        key = (at, strong)
        found = self._like.get(key)
        if found is None:  # each word is asked about many times
            # where a name stands, evidence of a person beats the knowledge base's words
            # ("laura 16" is a girl, though "Laura's Law" is a glossary term)
            found = self._like[key] = _name_like(self.tokens[at], strong=strong)
        return found

    def is_age(self, at: int) -> bool:
        """An age, a sex and age ("m/37", "F"), or a date of birth coming: what follows a name."""
        if not 0 <= at < len(self.tokens):
            return False
        word = self.lower[at]
        if _SEX_AGE.fullmatch(word) or word in {"dob", "d.o.b"}:
            return True
        if not _AGE.fullmatch(word):
            return False
        number = int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]
        after = self.lower[at + 1] if at + 1 < len(self.tokens) else ""
        return 1 <= number <= 110 and after not in _NOT_AN_AGE_AFTER

    def skip(self, at: int) -> int:
        """Past punctuation between a word and a name: "subject: siobhan", "ofc. brzezinski"
        (two marks at most: a run of them is no introduction, and each word looks once)."""
        end = min(at + 2, len(self.tokens))
        while at < end and self.tokens[at] in _BETWEEN_WORD_AND_NAME:
            at += 1
        return at

    def take(self, start: int, strong: bool, limit: int = 3) -> int:
        """Mark the name words from ``start`` ("begay, darrell", "walter 'wally' kaminski"
        as one name, an initial with it); how many."""
        at, taken = start, 0
        while taken < limit and self.like(at, strong):
            self.hit[at] = True
            taken += 1
            at += 1
            if self.tokens[at : at + 1] == ["'"] and self.like(at + 1):
                at += 1  # a nickname in quotes goes on the name: "walter 'wally' kaminski"
                continue
            if self.tokens[at : at + 1] == ["'"]:
                at += 1
            if self.tokens[at : at + 1] == [","] and taken == 1 and self._surname_first(at):
                at += 1
            elif at < len(self.tokens) and len(self.tokens[at]) == 1 and self.tokens[at].isalpha():
                self.hit[at] = True  # an initial: "tasha k", "RAYMOND J"
                at += 1
        return taken

    def _surname_first(self, comma: int) -> bool:
        """ "Begay, Darrell m/37", "LEE, DANIEL A/M": a report's SURNAME, FIRST."""
        first, after = comma - 1, comma + 1
        if not self.like(after) or self.tokens[first].isupper() != self.tokens[after].isupper():
            return False
        return self.tokens[first].isupper() or self.is_age(after + 1) or not self.like(after + 2)

    def moved(self, verb: int) -> None:
        """ "take kevin o'brien to", "taking quinn 16 home", "omw w/ rico to mercy"."""
        start = self.skip(verb + 1)
        while start < len(self.tokens) and self.lower[start] in _PARTICLES:
            start += 1  # "dropping off Ngozi", "call back kristen"
        if self.lower[verb] in _PERSON_VERBS:
            self.take(start, strong=False, limit=2)
            return
        end = start
        while self.like(end) and end - start < 3:
            end += 1
        if end == start:
            return
        # "taking quinn 16 home", "transporting dmitri 5150 to mercy"
        numbered = end < len(self.tokens) and self.lower[end][:1].isdigit()
        after = end + 1 if numbered else end
        if after >= len(self.tokens) or self.lower[after] in _AFTER_A_MOVED_NAME:
            self.take(start, strong=False)

    def before_age(self, age: int) -> None:
        """ "maria 15", "hope yazzie 22", "Abdirahman Yusuf m 30s", "for jack, 12yo"."""
        last = age - 1
        apposition = last >= 0 and self.tokens[last] in {",", "("}
        if apposition:
            last -= 1
        if last > 0 and self.lower[last] in {"m", "f"}:
            last -= 1
        if last > 0 and len(self.tokens[last]) == 1 and self.tokens[last].isalpha():
            self.hit[last] = True  # an initial: "tasha k 29", "RAYMOND J, DOB"
            last -= 1
        first = last
        while first >= 0 and last - first < 3 and self.like(first, strong=True):
            first -= 1
        first += 1
        if first > last or self.like(first - 1):
            return
        word_alone = first == last and self.lower[first] in COMMON_NAMES
        if word_alone and first > 0 and not apposition:
            before = self.lower[first - 1]
            if before not in _INTRODUCERS and before not in {",", "(", ":", "."}:
                return  # "the will 2"... a common word in a sentence, not a name
        for k in range(first, last + 1):
            self.hit[k] = True
        if first >= 2 and self.tokens[first - 1] == "," and self.like(first - 2):
            self.hit[first - 2] = True  # "Okonkwo, Chidi  dob ..."

    def in_brackets(self, at: int) -> None:
        """ "16 f (kiara)", "dad (carlos)", and "grace (the daughter) says"."""
        if self.tokens[at] != "(" or at == 0:
            return
        after_a_person = self.is_age(at - 1) or self.lower[at - 1] in _PERSON_OR_SEX
        if self.tokens[at + 2 : at + 3] == [")"] and after_a_person and self.like(at + 1, True):
            self.hit[at + 1] = True
        inside = [w for w in self.lower[at + 1 : at + 4] if w not in {"the", "her", "his", ")"}]
        if inside and inside[0] in _INTRODUCERS and self.like(at - 1, strong=True):
            self.hit[at - 1] = True

    def subject(self, at: int) -> None:
        """A sentence opened by a name and a verb: "esperanza stopped taking", "big mike is"."""
        if self.lower[at] not in _SUBJECT_VERBS or at == 0:
            return
        first = at - 1
        while first >= 0 and at - first <= 2 and self.like(first, strong=True):
            first -= 1
        if first == at - 1:
            return
        # a word opening a sentence is often no name ("Attached is", "water rose"): only
        # one on the list of names counts here
        if not any(self.lower[k].removesuffix("'s") in _LISTED for k in range(first + 1, at)):
            return
        # "St. Brendan's wants": an abbreviation's full stop ends no sentence
        abbreviation = first > 0 and self.lower[first - 1] in {"st", "mt", "ft", "dr"}
        if (
            first < 0
            or (self.tokens[first] in {".", "!", "?", ",", ":", ";"} and not abbreviation)
            or (self.lower[first] in {"says", "said", "fam", "family", "mom", "dad"})
        ):
            for k in range(first + 1, at):
                self.hit[k] = True

    def capitalised_pair(self, at: int) -> None:
        """ "warrant chk on Ignacio Ruiz neg": two capitalised names in a lower-case message."""
        pair = self.tokens[at : at + 2]
        if len(pair) < 2 or not all(w[:1].isupper() and w[1:].islower() for w in pair):
            return
        if at == 0 or self.tokens[at - 1] in {".", "!", "?"}:
            return
        if (
            self.like(at)
            and self.like(at + 1)
            and not any(map(self.known, self.lower[at : at + 2]))
        ):
            self.hit[at] = self.hit[at + 1] = True

    def capitalised(self, at: int) -> None:
        """One capitalised word mid-sentence that is no word of the language: a name ("after
        Nkechi left", "Questions to me or Bilyana"), unless it begins a place's name ("Hale
        Kipa Shelter", "the Kalihi Valley clinic") or the knowledge base uses it."""
        word = self.tokens[at]
        if len(word) < 3 or not (word[0].isupper() and word[1:].islower()) or at == 0:
            return
        if self.tokens[at - 1] in _SENTENCE_STARTS or self.lower[at - 1] in _PLACE_OPENERS:
            return
        run_end = at
        while run_end < len(self.tokens) and self.tokens[run_end][:1].isupper():
            run_end += 1  # "Roberto Clemente Park": a capitalised run ending in a place
        if any(w in _PLACE_NOUNS for w in self.lower[at:run_end]) or (
            run_end < len(self.tokens) and self.lower[run_end] in _PLACE_NOUNS
        ):
            return
        if self.like(at) and not self.known(self.lower[at]):
            self.hit[at] = True

    def listed(self, at: int) -> None:
        """A name on the list of given names and surnames, wherever it stands ("i texted
        priya"), unless it names a place ("Lincoln High", "Marshall County", "San Jose")."""
        word = self.lower[at].removesuffix("'s").removesuffix("’s")
        if word not in NAMES or self.known(word):
            return
        run_end = at + 1
        while run_end < len(self.tokens) and run_end - at < 3 and self.like(run_end):
            run_end += 1
        if run_end < len(self.tokens) and self.lower[run_end] in _PLACE_NOUNS:
            return
        before = self.lower[at - 1] if at else ""
        if before == "." and at > 1:
            before = self.lower[at - 2]
        if before in _PLACE_OPENERS:
            return
        for k in range(at, run_end):
            self.hit[k] = True

    def possessive(self, at: int) -> None:
        """ "gabe's mom", "joe's dob", "nadia's third 5150" (not "st brendan's psych")."""
        word = self.lower[at]
        if not word.endswith(("'s", "’s")) or at + 1 >= len(self.tokens):
            return
        if self.lower[at + 1] not in _RELATIONS_AFTER_POSSESSIVE or not self.like(at, True):
            return
        if at > 0 and self.lower[at - 1] in {"st", "saint"}:
            return
        k = at
        while k >= 0 and at - k < 3 and self.like(k, True):
            self.hit[k] = True
            k -= 1


_PERSON_OR_SEX = _INTRODUCERS | {"m", "f"}
_SENTENCE_STARTS = frozenset({".", "!", "?", ":", ";", "-", "—", "–", '"', "“", "'", "(", "•"})


_LISTED = NAMES | COMMON_NAMES
# Words after a name that make it a place's: "Lincoln High", "Marshall County".
_PLACE_NOUNS = frozenset(
    """county co street st ave avenue road rd park school elementary middle high college
    university hospital center centre house place hall library church clinic station unit
    ward home shelter lodge village heights city town township springs creek river lake bay
    beach valley hill hills mountain ridge point harbor harbour memorial medical regional
    general behavioral health crisis campus court plaza mall market drive boulevard blvd lane
    way square bridge airport academy institute jail detention ranch farm island falls""".split()
)
# ...and before it: "San Jose", "St. Brendan's", "Fort Collins", "Lake Charles".
_PLACE_OPENERS = frozenset(
    "st saint san santa los las el la de del du new fort ft port mount mt lake cape north "
    "south east west upper lower".split()
)
_BETWEEN_WORD_AND_NAME = frozenset({":", ",", "-", "=", ".", "'", "/", "("})
_NOT_AN_AGE_AFTER = frozenset(
    {"am", "pm", "hrs", "hours", "hr", "min", "mins", "minutes", "days", "day", "wks", "weeks",
     "months", ":", "th", "st", "nd", "rd", "mg", "beds", "kids", "times", "x"}
)  # fmt: skip


def find_names(text: str, known: Callable[[str], bool] = lambda word: False) -> str:
    names = _Names(text, known)
    lower = names.lower
    capitals = sum(t[:1].isupper() for t in names.tokens)
    mostly_lower = capitals * 3 < len(names.tokens)
    # a CAD line in capitals says nothing by its capitals
    shouting = sum(t.isupper() and len(t) > 1 for t in names.tokens) * 2 > max(1, capitals)
    for i, word in enumerate(lower):
        following = names.skip(i + 1)
        if lower[following : following + 1] in (["is"], ["was"]) and word in _SAYS_WHO:
            following += 1  # "clinician is shauna", "caller was denise"
        if word in _INTRODUCERS:
            names.take(following, strong=_strong_after(names, following))
        elif word in _MOVERS or word in _PERSON_VERBS:
            names.moved(i)
        if _AGE_AFTER.fullmatch(word):
            names.take(following, strong=False, limit=2)  # "15yo maria"
        if i and names.is_age(i):
            names.before_age(i)
        names.possessive(i)
        names.listed(i)
        names.in_brackets(i)
        names.subject(i)
        if mostly_lower:
            names.capitalised_pair(i)
        if not shouting:
            names.capitalised(i)
    return _replace(text, names.spans, names.hit)


_SAYS_WHO = frozenset({"clinician", "caller", "name", "rp", "subj", "pt", "worker", "son",
                       "daughter", "mom", "dad", "contact"})  # fmt: skip


def _strong_after(names: _Names, at: int) -> bool:
    """After "juv", "subj", "RP": a name that is also a word counts when an age, a comma or
    the end follows ("juv will 14"), not when the sentence goes on ("subj will not go")."""
    after = at + 1
    while after - at < 3 and names.like(after):
        after += 1
    return (
        after >= len(names.tokens)
        or names.tokens[after] in {",", ".", "(", ")", "?"}
        or names.is_age(after)
    )


def _replace(text: str, spans: list[tuple[int, int]], hit: list[bool]) -> str:
    """``text`` with each run of name words ("kevin o'brien", "Begay, Darrell") as one
    ``[name]``."""
    out: list[str] = []
    last = 0
    run_end: int | None = None
    for (start, end), is_name in zip(spans, hit, strict=True):
        if not is_name:
            continue
        if run_end is not None and text[run_end:start].strip(" ,") == "":
            last = run_end = end  # the same name goes on
            continue
        out += [text[last:start], "[name]"]
        last = run_end = end
    out.append(text[last:])
    return "".join(out)


def every_name_like_word(text: str) -> str:
    """``text`` with every word that could be a name as ``[name]``, except option values
    ("--county marshall"): for admin command arguments, where a name is a paste mistake."""
    names = _Names(text, lambda word: False)
    for i in range(len(names.tokens)):
        option_value = names.tokens[max(0, i - 3) : i].count("-") >= 2
        if names.like(i, strong=True) and not option_value:
            names.hit[i] = True
    return _replace(text, names.spans, names.hit)
