"""What form a question takes, whatever it is about: a yes/no question, one about the
program rather than a person, one asking what a word means or for a place's details.
The patterns read folded text (``text.fold``)."""

from __future__ import annotations

from bot.search.lexicon import (
    CONTACT_WORDS,
    DOUBT,
    DOUBT_OUTRIGHT,
    GUIDANCE_FRAME,
    NOT_CONTACT_WORDS,
    STRONG_GUIDANCE,
)
from bot.search.text import folded_pattern, near_word, words

YES_NO = folded_pattern(r"^\s*(can|could|does|do|will|would|is|are|should|may)\b")
# asking to use a place or team now, not about it: "need MCT at a house", "can they come out"
WANTS_IT_NOW = folded_pattern(
    r"\b(need|needs|needed|out|available|working|on duty|come|respond|send|get|go|take|bring|"
    r"heading|headed|going|on (?:my|our) way|eta|en route|taking|bringing|running|walk|still|"
    r"around|up|see (?:a|an|him|her|them|someone|somebody)|fit (?:him|her|them) in)\b",
)
# one person the question is about: "he's done with the fentanyl, what do i do w him"
SOMEONE = folded_pattern(
    r"\b(?:he|she|hes|shes|he's|she's|him|her|dude|guy says|she says|he says)\b|"
    r"(?:\b(?:this|the|a|an|some|old|older|young)\s+|^\W*)(?:guy|man|woman|lady|kid|girl|boy|"
    r"teen|fella|female|male)\b",
)
# ...and wanting it now, even in words that sound like the program's ("can we get X now")
RIGHT_NOW = folded_pattern(
    r"\b(?:right now|now|rn|asap|tonight|currently|at the moment|available|on duty|on call|"
    r"(?:to|on|for) (?:a|the|this) call|(?:to|on) (?:the )?scene|come out|respond)\b",
)
PROGRAM_FRAME = folded_pattern(GUIDANCE_FRAME)
# the officer doubts what they name: "the ER or is there something better", "is detox the spot"
DOUBTS = folded_pattern(DOUBT)
DOUBTS_OUTRIGHT = folded_pattern(DOUBT_OUTRIGHT)  # "is that a mobile crisis thing"
STRONG_PROGRAM_FRAME = folded_pattern(STRONG_GUIDANCE)
# asking what a word means: the glossary's job
DEFINITION = folded_pattern(
    r"^\s*(?:what(?:'s| is| are|s)|what (?:exactly|really) (?:is|are)|define|explain)\b|"
    r"\bwhat (?:counts|qualifies) as\b|"
    r"\b(?:mean|means|meaning|stand(?:s)? for|"
    r"short for|definition|abbreviation|acronym|vs\.?|versus|difference between)\b|"
    r"^\W*\S+(?:\s+\S+){0,2}\s*\?\s*$",  # "tdo?", "a 10-96?": a word or two, asked
)
_INFORMATION = folded_pattern(
    r"^\s*(what|what's|whats|how|why|who|define|explain|tell me about)\b|"
    r"\b(mean|means|meaning|stand for|short for|abbreviation|acronym|definition|vs\.?|"
    r"versus)\b",
)


# the phone as the way help comes or the person's own, not a number asked for: "someone to
# talk to on the phone", "hasnt answered his phone";
# a call as the incident or those who take it: "go over a bad call", "911 call takers"
_NOT_A_NUMBER_ASKED = folded_pattern(
    r"\b(?:on|over|by) (?:the )?phone\b|\b(?:his|her|their|my|your) (?:cell ?)?phone\b|"
    r"\beyes? (?:wide )?open\b|"
    r"\bcall[\s-]*takers?\b|\bcalls? for service\b|"
    r"\b(?:a|the|this|that|bad|rough|tough|hard|last|every|each|same|these|those|our|911|"
    r"mental health|crisis|welfare|repeat) (?:\w+ )?calls?\b(?! (?:for|to|at|him|her|them))",
)


# asking which places are open, not a place's hours: "anywhere open at 2am", "any clinic open"
_ANY_OPEN = folded_pattern(
    r"\b(?:anywhere|anything|anyplace|anyone|anybody|somewhere|someplace|what'?s|whats|"
    r"where'?s|wheres|who'?s|whos|any \w+)(?: (?:still|else))? open\b",
)


def asks_for_contact(question: str, vocabulary: frozenset[str] = CONTACT_WORDS) -> bool:
    """ "Sobering center address" wants the place, not the glossary's definition."""
    asked = _ANY_OPEN.sub(" ", _NOT_A_NUMBER_ASKED.sub(" ", question))
    return any(is_asking_word(word, vocabulary) for word in words(asked))


def is_asking_word(word: str, vocabulary: frozenset[str] = CONTACT_WORDS) -> bool:
    """A word asking for a place's particulars ("phone", "adress"), or with ``SOFT_WORDS`` one
    that only refines a match ("open", "take"), typos forgiven; never a plural count or
    incident ("numbers", "calls")."""
    return word not in NOT_CONTACT_WORDS and near_word(word, vocabulary)


def asks_for_information(question: str) -> bool:
    """ "What is a 5150?" asks about a word, not for a place, though it states a hold."""
    return bool(_INFORMATION.search(question))
