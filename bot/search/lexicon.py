"""Domain words in one place: jargon the matcher understands whatever the knowledge base says.

Everything here is general to crisis response in the U.S., never tied to one knowledge base's
names. Knowledge-specific synonyms come from the glossary (term + aliases) at index time.
"""

from __future__ import annotations

STOPWORDS = frozenset(
    """
    a about above after again all also am an and any are as at be been being but by can
    could did do does doing for from get got had has have he her here hers him his how i if
    im in into is it its just let me might more most my no nor not of off on or our ours out
    over please really she should so some such than that the their them then there these
    they this those to too up us very was we were what when where which while who whom why
    will with would you your yours yo hi hello hey thanks thank ok okay any anyone someone
    somebody guy gal man woman lady dude person people pt subject individual one thing tell
    know need want like right go going there's what's where's who's gonna wanna u ur pls plz
    """.split()
)

# Words that describe what the asker wants to know about a resource ("address", "open"); they
# add to a match when an entry has them but do not count against entries that lack them.
SOFT_WORDS = frozenset(
    """
    address located location where phone number call contact open opened closed hours time
    today now tonight currently still available accept accepts accepting take takes taking
    bring drop dropoff transport admit admits admission criteria intake info information
    details directions find nearest near closest best
    """.split()
)

# Words asking for a place's particulars: such a question wants a resource, not a definition.
CONTACT_WORDS = frozenset(
    """
    address located location directions phone number call text contact hours open opened
    closed website fax email
    """.split()
)

# Placement intent: the asker is looking for somewhere to take a person.
PLACEMENT_PATTERNS = (
    r"\bwhere\b.{0,30}\b(take|bring|drop|transport|go|send|put|place|admit)\b",
    r"\bwhere\s+(to|can|should|do|does|will|would)\b",
    r"\bdrop[\s-]?off\b",
    r"\b(take|bring|transport|drop)\s+(him|her|them|this|the|a|an|my|someone|somebody|"
    r"person|guy|kid|juvenile|subject|pt|patient)\b",
    r"\bwho\s+(will|would|can|does|takes|accepts)\s+(take|accept|admit)",
    r"\bwho\s+(takes|accepts|admits)\b",
    r"\bwill\s+\w+(\s+\w+){0,3}\s+(take|accept|admit)\b",
    r"\bplace\s+to\s+(take|bring)\b",
    r"\b(need|looking\s+for)\s+(a\s+)?(bed|placement)\b",
)

# Resource kinds that are not places to take someone (you call them, or they come to you).
NOT_A_DESTINATION = frozenset({"crisis_line", "mobile_crisis", "co_responder"})

# Words people use for each resource kind; a resource's kind is indexed with these.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "crisis_center": (
        "crisis center", "crisis receiving center", "crisis stabilization unit", "CSU",
        "crisis stabilization", "crisis triage", "receiving center", "assessment center",
        "triage center", "behavioral health center",
    ),
    "crisis_line": ("crisis line", "hotline", "helpline", "help line", "crisis hotline",
                    "phone line", "warm line", "call line", "text line"),
    "mobile_crisis": ("mobile crisis", "mobile crisis team", "MCT", "mobile team",
                      "crisis team", "mobile outreach", "crisis response team"),
    "co_responder": ("co-responder", "co responder", "coresponder", "clinician ride along",
                     "embedded clinician", "crisis clinician"),
    "sobering_center": ("sobering center", "sobering", "sobering unit", "drunk tank",
                        "sobering station"),
    "detox": ("detox", "detoxification", "withdrawal management", "substance use",
              "drug treatment", "alcohol treatment", "rehab"),
    "emergency_department": ("emergency department", "emergency room", "ER", "ED",
                             "hospital", "emergency"),
    "psychiatric_hospital": ("psychiatric hospital", "psych hospital", "psych ward",
                             "inpatient psychiatric", "inpatient", "behavioral hospital",
                             "mental hospital", "psych unit"),
    "shelter": ("shelter", "homeless shelter", "emergency shelter", "bed", "homeless",
                "housing"),
    "peer_respite": ("peer respite", "respite", "peer run", "peer support"),
    "outpatient": ("outpatient", "clinic", "counseling", "therapy", "mental health clinic",
                   "appointment", "walk in clinic"),
    "idd_services": ("intellectual disability", "developmental disability", "IDD",
                     "autism", "autistic", "disability services"),
    "veterans": ("veteran", "veterans", "VA", "vet center", "military"),
    "youth": ("youth", "teen", "teenager", "juvenile", "kid", "kids", "child", "children",
              "adolescent", "minor", "family"),
    "other": (),
}  # fmt: skip

KIND_LABELS: dict[str, str] = {
    "crisis_center": "crisis center",
    "crisis_line": "crisis line",
    "mobile_crisis": "mobile crisis team",
    "co_responder": "co-responder team",
    "sobering_center": "sobering center",
    "detox": "detox / withdrawal management",
    "emergency_department": "emergency department",
    "psychiatric_hospital": "psychiatric hospital",
    "shelter": "shelter",
    "peer_respite": "peer respite",
    "outpatient": "outpatient clinic",
    "idd_services": "I/DD services",
    "veterans": "veterans services",
    "youth": "youth services",
    "other": "other service",
}

# Phrases that mean the same thing in this field (each group is one concept when matching).
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("intoxicated", "drunk", "intox", "inebriated", "etoh", "under the influence", "wasted",
     "impaired"),
    ("emergency department", "emergency room", "ER", "ED"),
    ("police", "officer", "cop", "law enforcement", "LEO", "deputy", "patrol"),
    ("mental health", "behavioral health", "psychiatric", "psych"),
    ("involuntary hold", "involuntary", "hold", "emergency hold", "psych hold",
     "emergency detention", "involuntary commitment", "civil commitment"),
    ("phone", "number", "call", "contact"),
    ("address", "located", "location", "directions"),
    ("hours", "open", "opening hours", "schedule"),
    ("suicide", "suicidal", "self harm", "kill himself", "kill herself", "kill themselves"),
    ("memorandum of understanding", "MOU", "interagency agreement", "partnership agreement"),
    ("technical assistance", "TA", "TTA", "training and technical assistance"),
    ("data", "metrics", "statistics", "performance measures", "outcomes"),
    ("dispatch", "dispatcher", "call taker", "911", "PSAP", "communications"),
    ("de-escalation", "deescalation", "de-escalate", "calm down"),
)  # fmt: skip

# Kinds that suit a person in a given situation (placement ranking, not eligibility),
# keyed by the Situation attribute that states it.
KIND_AFFINITY: dict[str, dict[str, float]] = {
    "intoxicated": {"sobering_center": 0.5, "detox": 0.35},
    "is_minor": {"youth": 0.5},
    "idd": {"idd_services": 0.45},
    "veteran": {"veterans": 0.45},
    "involuntary": {"psychiatric_hospital": 0.25, "crisis_center": 0.15,
                    "emergency_department": 0.1},
    "violent": {"emergency_department": 0.25, "psychiatric_hospital": 0.2},
}  # fmt: skip

# How suitable each kind is as a police drop-off point, before the situation is considered.
DESTINATION_PRIOR: dict[str, float] = {
    "crisis_center": 1.0,
    "sobering_center": 0.6,
    "youth": 0.6,
    "emergency_department": 0.7,
    "psychiatric_hospital": 0.6,
    "detox": 0.55,
    "idd_services": 0.45,
    "veterans": 0.4,
    "peer_respite": 0.4,
    "shelter": 0.4,
    "outpatient": 0.25,
    "other": 0.2,
}

LANGUAGES = (
    "spanish", "vietnamese", "mandarin", "cantonese", "chinese", "arabic", "somali", "russian",
    "korean", "tagalog", "french", "haitian creole", "creole", "portuguese", "hmong", "polish",
    "ukrainian", "farsi", "hindi", "punjabi", "urdu", "amharic", "swahili", "japanese",
    "german", "italian", "navajo", "asl", "american sign language", "sign language",
)  # fmt: skip
