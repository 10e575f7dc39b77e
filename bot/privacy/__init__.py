"""Keeping protected health information out of storage and logs.

``redact`` replaces what could identify a person before a question is stored or logged;
``looks_like_health_record`` spots a message that pairs a name with a date of birth or a
record number, so the bot can remind the channel and keep nothing. Pure functions:
``shapes`` finds details by their form (phones, dates, plates, addresses...), ``names``
finds names by where they stand, ``words`` holds the word lists both use.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.privacy.names import every_name_like_word, find_names
from bot.privacy.shapes import (
    CAPITALISED_PAIR,
    DATE,
    DOB_WORDS,
    NAMED,
    RECORD,
    SSN,
    replace_shapes,
)

_ADMIN_COMMAND = "/pmhc-admin"


def redact(text: str, known: Callable[[str], bool] = lambda word: False) -> str:
    """``text`` with identifying details replaced by ``[phone]``, ``[date]``, ``[name]``...;
    ``known(word)``: the word is the knowledge base's ("harbor", "ruth"), never a name."""
    text = replace_shapes(text)
    if text.lstrip().lower().startswith(_ADMIN_COMMAND):
        return every_name_like_word(text)
    return find_names(text, known)


def redact_arguments(text: str) -> str:
    """An admin command's arguments: options, numbers and command words stay; any other
    word that could be a name goes, since it was pasted by mistake ("stats John Smith")."""
    return every_name_like_word(replace_shapes(text))


def looks_like_health_record(text: str, known: Callable[[str], bool] = lambda word: False) -> bool:
    """A name next to a date of birth or record number: someone's details, not a question.

    ``known(word)`` says a word belongs to the knowledge base ("Harbor", "Crisis"), so a
    place's name is not taken for a person's.
    """
    has_name = (
        bool(NAMED.search(text))
        or "[name]" in find_names(text, known)
        or any(
            not (known(first) and known(second)) for first, second in CAPITALISED_PAIR.findall(text)
        )
    )
    has_identifier = bool(
        DOB_WORDS.search(text) or DATE.search(text) or RECORD.search(text) or SSN.search(text)
    )
    return has_name and has_identifier
