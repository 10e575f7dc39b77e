"""A resource's ``kind`` from what HSDS says of a service: its taxonomy terms when it has
any the bot knows (211 HSIS / AIRS codes, Open Eligibility names), else a guess from its
name and description, which the import marks for review."""

from __future__ import annotations

import re

# 211 HSIS (AIRS) code prefixes whose meaning public 211 data confirms; others fall back to
# the term's name, then the service's name
_CODES = (
    ("RP-1500.1400", "crisis_line"),  # crisis intervention hotlines/helplines
    ("RX-1700", "detox"),  # detoxification
    ("BH-1800", "shelter"),  # shelter
)
# Open Eligibility / plain-word taxonomy terms and names, most specific first
_WORDS = (
    (r"\bmobile crisis|crisis (response|outreach) team", "mobile_crisis"),
    (r"\bco-?responder", "co_responder"),
    (r"\bsobering", "sobering_center"),
    (r"\bdetox|withdrawal management", "detox"),
    (r"\b(988|crisis (line|text|chat)|hotline|helpline|lifeline|warm ?line|text line)",
     "crisis_line"),
    (r"\bpsychiatric (emergency|er\b)|emergency (department|room)|\bER\b", "emergency_department"),
    (r"\bpsychiatric hospital|inpatient psychiatr", "psychiatric_hospital"),
    (r"\bpeer respite", "peer_respite"),
    (r"\bcrisis (stabili[sz]ation|center|centre|receiving|respite|unit|triage)",
     "crisis_center"),
    (r"\bveteran", "veterans"),
    (r"\b(developmental|intellectual) disabilit|\bI/?DD\b", "idd_services"),
    (r"\bshelter", "shelter"),
    (r"\b(youth|teen|adolescent|child)", "youth"),
    (r"\b(urgent care|counsel+ing|outpatient|behavio(u)?ral health clinic|therapy)",
     "outpatient"),
)  # fmt: skip


def kind_from_terms(codes: list[str], names: list[str]) -> str | None:
    """The kind a service's taxonomy terms give, if the bot knows one of them."""
    for code in codes:
        for prefix, kind in _CODES:
            if code.upper().startswith(prefix):
                return kind
    return _from_words(" ".join(names))


def kind_from_text(name: str, description: str) -> str:
    """A guess from the service's name, else its description; "other" when neither says."""
    return _from_words(name) or _from_words(description) or "other"


def _from_words(text: str) -> str | None:
    for pattern, kind in _WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return kind
    return None
