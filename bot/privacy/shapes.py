"""Identifying details recognisable by their shape: phone numbers, emails and handles,
dates, SSN-, record- and plate-like numbers, street addresses, and names introduced as names.

``replace_shapes`` applies them all; the words saying what a value is stay ("case #
[number]", "DOB [date]").
"""

from __future__ import annotations

import re
from collections.abc import Callable

_I = re.IGNORECASE

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = re.compile(
    r"(?<![\w@])@[a-z0-9_.]{2,30}\b"
    r"|\b(?:https?://)?(?:www\.)?(?:facebook|fb|instagram|tiktok|twitter|x|snapchat|linkedin)"
    r"\.com/\S+"
    r"|\b[a-z]+_[a-z0-9_]+\b",  # "lilbee_2008": words joined by _ are handles, not speech
    _I,
)
SSN = re.compile(r"\b\d{3}[-\s]\d{2}[-\s]\d{4}\b")
_PHONE = re.compile(
    r"(?<![\w.])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}\b"
    r"|(?<![\w.:/-])\d{3}[\s.-]\d{4}\b(?![:/-]\d)"
    r"|(?<![\w.])\d{10}\b"
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# dates that are not a person's: "/pmhc-admin stats --since ...", "the MOU expires ..."
_NOT_AN_ARGUMENT = (
    r"(?<!--since )(?<!--until )(?<!--from )(?<!expires )(?<!expired )(?<!due )(?<!until )"
    r"(?<!due by )(?<!ends )(?<!week of )(?<!starting )(?<!through )(?<!effective )"
)
DATE = re.compile(
    rf"{_NOT_AN_ARGUMENT}\b\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})\b"  # 1/2/03, 01-02-2003
    rf"|{_NOT_AN_ARGUMENT}\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b"  # 2003-01-02
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}}\b"  # Jan 2, 2003
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+\d{{2,4}}\b"  # 2 Jan 2003
    # a month and day alone are still a person's date ("admitted June 3"); lower-case "may"
    # is the verb ("may 2 officers go")
    rf"|{_NOT_AN_ARGUMENT}\b(?!may\b){_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    r"(?![:.]\d|\s*(?:am|pm)\b)"
    rf"|{_NOT_AN_ARGUMENT}(?-i:\bMay\s+\d{{1,2}}(?:st|nd|rd|th)?\b)"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?!may\b){_MONTHS}(?![a-z])"
    r"|(?-i:\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?May\b)"
    # a day and month tied to the person: "admitted on 2/3", "released 11/20"
    r"|(?P<lead>\b(?:on|admitted|released|discharged|dob|born)\s+)(?:0?[1-9]|1[0-2])/"
    r"(?:0?[1-9]|[12]\d|3[01])\b(?!/)"
    # any other month and day: "the 5/11 call"; not a fraction ("1/2 a bottle")
    # nor a score ("pain 7/10")
    rf"|{_NOT_AN_ARGUMENT}(?<![\d/.,:-])\b(?!(?:1/[234]|2/3|3/4|10/4)\b|\d+/10\b)"
    r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])\b(?![/.,:]?\d)",
    _I,
)
# after these words a number is the person's (a DOB as 110905, a record number)
_DOB_NUMBER = re.compile(
    r"(?P<lead>\b(?:dob|d\.o\.b\.?|born|date of birth)[\s:]{1,3})\d{4,8}\b"
    r"|(?P<lead2>\bborn in )(?:19|20)\d{2}\b",
    _I,
)
RECORD = re.compile(
    r"(?P<lead>\b(?:mrn|record|case|chart|patient|pt|account|acct|id|file|report|incident|"
    r"booking|docket|member|medicaid|medicare|policy|license|licence|dl|cad|inc|rpt|ssn|vin|"
    r"last 4(?: of (?:his|her|their) ssn)?)"
    r"(?:\s*(?:no\.?|number|num|#)?\s*[:#]?\s*))(?!\d{1,2}-\d{1,2}\b)[a-z]{0,3}\d[\w-]{2,}\b"
    r"|\b\d{2,4}-[a-z]{1,4}-\d{3,}\b"  # 2023-CR-00451
    rf"|{_NOT_AN_ARGUMENT}\b\d[\d-]{{5,}}\d\b",  # any long run of digits
    _I,
)
_TIME_RANGE = re.compile(r"[0-2]\d[0-5]\d-[0-2]\d[0-5]\d")  # "1900-0300": a shift, not an id
# letters and digits mixed as on a plate or a VIN: "7ABC123", "8KLM442", "1HGCM82633A004352"
_PLATE = re.compile(
    r"\b(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{6,17}\b"
    r"|(?P<lead>\b(?:plate|plates|tag|tags|veh|vehicle|10-28 on|lic)\s(?:#\s*)?)"
    r"(?=[a-z0-9]{2,4}[\s-]?[a-z0-9]{2,4}\b)(?=[\w\s-]*\d)[a-z0-9]{2,4}[\s-]?[a-z0-9]{2,4}\b",
    _I,
)
_STREET = re.compile(
    r"(?<![-/])\b\d{1,6}\s+(?:[nsew]\.?\s+)?"
    r"(?:(?!(?:on|at|in|by|near|off|to|from|and|hrs|hours)\b)"
    r"(?:[a-z][a-z'.-]*|\d+(?:st|nd|rd|th))\s+){0,3}"
    r"(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|ct|court|pl|place|"
    r"hwy|highway|pkwy|parkway|cir|circle|ter|terrace|trl|trail)\b\.?"
    r"(?:(?<=rd|ad|ay|wy)\s+\d{1,4}\b)?"  # "county rd 8", "hwy 264"
    r"(?:\s*(?:apt|unit|#)\s*\w+)?"
    r"|\b(?:apt|unit)\s*#?\s*(?=\w{0,4}\d|\w\b)\w{1,5}\b"
    # a house number on a street named without "St": "1147 n cedar", "410 W BIRCH APT 3"
    # (not a hold code: "5150 w medical issues")
    r"|(?<![-/])\b(?!(?:5150|5585|5250|5270)\b)\d{3,6}\s+[nsew]\.?\s+"
    r"(?!(?:of|on|at|in|to|and|side|bound)\b)[a-z][a-z'-]+(?:\s+(?:apt|unit|#)\s*\w+)?"
    r"|(?<![-/])\b\d{2,6}\s+(?!(?:hrs?|hours|min|mins|minutes|am|pm|yo|yrs?|years)\b)"
    r"[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?\s+(?:apt|unit)\s*#?\s*(?=\w{0,4}\d|\w\b)\w{1,5}\b"
    r"|\bp\.?\s?o\.?\s+box\s+\d+\b",
    _I,
)
_NOT_A_NAME = (
    r"(?!(?:and|or|but|he|she|they|who|is|was|has|had|with|at|in|on|the|a|an|from|to|"
    r"for|says|said|dob|born)\b)"
)
NAMED = re.compile(
    r"(?P<lead>\b(?:(?:(?:first|last|full|his|her|their|the|patient'?s?|subject'?s?)\s+)?"
    r"name\s*(?:is|was|:)|named|goes by|known as)\s+)"
    rf"(?P<name>['\"‘“]?{_NOT_A_NAME}[a-z][\w'-]*(?:\s+{_NOT_A_NAME}[a-z][\w'-]*)?['\"’”]?)",
    _I,
)
DOB_WORDS = re.compile(r"\b(?:dob|d\.o\.b|date of birth|born)\b", _I)
CAPITALISED_PAIR = re.compile(r"(?=\b([A-Z][a-z]+)\s+([A-Z][a-z]+)\b)")  # pairs may overlap


def _keep_label(placeholder: str) -> Callable[[re.Match[str]], str]:
    """Replace the value, keep the words saying what it is ("case # [number]")."""

    def replace(match: re.Match[str]) -> str:
        if _TIME_RANGE.fullmatch(match.group(0)):
            return match.group(0)
        lead = next((v for k, v in match.groupdict().items() if k.startswith("lead") and v), "")
        return lead + placeholder

    return replace


# Applied in this order: the most specific shapes first, so a phone number is not half
# taken for a date, nor an SSN for a phone number.
RULES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_EMAIL, "[email]"),
    (_HANDLE, "[handle]"),
    (SSN, "[number]"),
    (_PHONE, "[phone]"),
    (DATE, _keep_label("[date]")),
    (_DOB_NUMBER, _keep_label("[date]")),
    (_STREET, "[address]"),
    (RECORD, _keep_label("[number]")),
    (_PLATE, _keep_label("[plate]")),
)


def replace_shapes(text: str) -> str:
    """``text`` with every shape above replaced, and names introduced as names."""
    for pattern, placeholder in RULES:
        text = pattern.sub(placeholder, text)
    return NAMED.sub(lambda m: m.group("lead") + "[name]", text)
