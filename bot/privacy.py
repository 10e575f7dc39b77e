"""Keeping protected health information out of storage and logs.

``redact`` replaces what could identify a person (phone numbers, emails, dates, SSN-like and
record-like numbers, street addresses, names introduced as names) before a question is
stored or logged. ``looks_like_health_record`` spots a message that pairs a name with a date
of birth or a record number, so the bot can remind the channel and keep nothing.
Pure functions; the patterns err on the side of removing too much.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_I = re.IGNORECASE

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_SSN = re.compile(r"\b\d{3}[-\s]\d{2}[-\s]\d{4}\b")
_PHONE = re.compile(
    r"(?<![\w.])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}\b"
    r"|(?<![\w.])\d{3}[.-]\d{4}\b"
    r"|(?<![\w.])\d{10}\b"
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"  # 1/2/03, 01-02-2003
    r"|\b\d{4}-\d{1,2}-\d{1,2}\b"  # 2003-01-02
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}}\b"  # Jan 2, 2003
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+\d{{2,4}}\b"  # 2 Jan 2003
    r"|\b(?:born|dob|d\.o\.b\.?|date of birth)\s*(?:in|on|:)?\s*(?:19|20)\d{2}\b(?![/.-]\d)",
    _I,
)
_RECORD = re.compile(
    r"\b(?:mrn|record|case|chart|patient|account|acct|id|file|report|incident|booking|"
    r"docket|member|medicaid|medicare|policy|license|dl)\s*(?:no\.?|number|num|#)?\s*[:#]?\s*"
    r"[a-z]{0,3}\d[\d-]{3,}\b"
    r"|\b\d[\d-]{5,}\d\b",  # any long run of digits
    _I,
)
_STREET = re.compile(
    r"\b\d{1,6}\s+(?:[nsew]\.?\s+)?(?:[a-z0-9'.-]+\s+){0,3}"
    r"(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|ct|court|pl|place|"
    r"hwy|highway|pkwy|parkway|cir|circle|ter|terrace|trl|trail)\b\.?"
    r"(?:\s*(?:apt|unit|#)\s*\w+)?",
    _I,
)
_NOT_A_NAME = (
    r"(?!(?:and|or|but|he|she|they|who|is|was|has|had|with|at|in|on|the|a|an|from|to|"
    r"for|says|said|dob|born)\b)"
)
_NAME = re.compile(
    r"(?P<lead>\b(?:(?:(?:first|last|full|his|her|their|the|patient'?s?|subject'?s?)\s+)?"
    r"name\s*(?:is|was|:)|named|called|goes by|known as)\s+)"
    rf"(?P<name>{_NOT_A_NAME}[a-z][\w'-]*(?:\s+{_NOT_A_NAME}[a-z][\w'-]*)?)"
    r"|(?P<title>\b(?:mr|mrs|ms|miss|mx|dr)\.?\s+)"
    r"(?P<surname>[a-z][\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*)?)",
    _I,
)
_DOB_WORDS = re.compile(r"\b(?:dob|d\.o\.b|date of birth|born)\b", _I)
_CAPITALISED_PAIR = re.compile(r"(?=\b([A-Z][a-z]+)\s+([A-Z][a-z]+)\b)")  # pairs may overlap

# Applied in this order: the most specific shapes first, so a phone number is not half
# taken for a date, nor an SSN for a phone number.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (_EMAIL, "[email]"),
    (_SSN, "[number]"),
    (_PHONE, "[phone]"),
    (_DATE, "[date]"),
    (_RECORD, "[number]"),
    (_STREET, "[address]"),
)


def redact(text: str) -> str:
    """``text`` with identifying details replaced by ``[phone]``, ``[date]``, ``[name]``..."""
    for pattern, placeholder in _RULES:
        text = pattern.sub(placeholder, text)
    return _NAME.sub(_keep_trigger, text)


def _keep_trigger(match: re.Match[str]) -> str:
    """``"named John Smith"`` -> ``"named [name]"``: the words saying a name follows stay."""
    return (match.group("lead") or match.group("title")) + "[name]"


def looks_like_health_record(text: str, known: Callable[[str], bool] = lambda word: False) -> bool:
    """A name next to a date of birth or record number: someone's details, not a question.

    ``known(word)`` says a word belongs to the knowledge base ("Harbor", "Crisis"), so a
    place's name is not taken for a person's.
    """
    has_name = bool(_NAME.search(text)) or any(
        not (known(first) and known(second)) for first, second in _CAPITALISED_PAIR.findall(text)
    )
    has_identifier = bool(
        _DOB_WORDS.search(text) or _DATE.search(text) or _RECORD.search(text) or _SSN.search(text)
    )
    return has_name and has_identifier
