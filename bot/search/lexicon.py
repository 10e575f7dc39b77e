"""Domain words in one place: jargon the matcher understands whatever the knowledge base says.

Everything here is general to crisis response in the U.S., never tied to one knowledge base's
names. Knowledge-specific synonyms come from the glossary (term + aliases) at index time.
"""

from __future__ import annotations

STOPWORDS = frozenset(
    """
    a about above across actually after afterwards again against all almost along already
    also although always am among an and another any anybody anyhow anyone anything anyway
    anywhere are around as at be became because become becomes been before beforehand being
    below beside besides between both but by can cannot could did do does doing done down
    during each eg either else elsewhere enough etc even ever every everybody everyone
    everything everywhere few for former formerly from further get gets getting give given
    gives go goes going gone got gotten had has have having he hence her here hereafter hers
    herself him himself his how however i ie if im in indeed into is it its itself just
    keep kind last latter least less let lets like likely made make makes many may maybe me
    meanwhile might mine more moreover most mostly much must my myself namely neither never
    nevertheless next no nobody none noone nor not nothing now nowhere of off often on once
    one only onto or other others otherwise our ours ourselves out over own per perhaps
    please quite rather really same say says seem seemed seems several she should since so
    some somebody somehow someone something sometime sometimes somewhat somewhere soon still
    such sure than that the their theirs them themselves then thence there thereafter
    thereby therefore these they thing things this those though through throughout thru
    thus to together too toward towards under unless until up upon us use used uses using
    very via was way we well were what whatever when whenever where whereas whereby wherever
    whether which while who whoever whole whom whose why will with within without would yet
    you your yours yourself yourselves yo hi hello hey thanks thank ok okay guy gal man woman
    lady dude person people pt subject individual male female tell know knows need needs want wants
    wanted like right gonna wanna u ur pls plz mean means meaning meant define definition
    stand stands explain tell help
    """.split()
)

# Words that describe what the asker wants to know about a resource ("address", "open"): they
# refine a match when an entry has them, but cannot make one on their own.
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
    r"\bwhere\b.{0,30}\b(take|tak|bring|drop|transport|go|send|put|place|admit)\b",
    r"\bwhere\s+to\b(?!\s+(begin|start|find|get|learn|look|read|apply|sign|report))",
    r"\b(go|walk\s+in|take\s+\w+|bring\s+\w+)\s+(somewhere|someplace|anywhere)\b",
    r"\bdrop[\s-]?off\b",
    r"\b(take|bring|transport|drop)\s+(him|her|them|this|the|a|an|my|someone|somebody|"
    r"person|guy|kid|juvenile|subject|pt|patient)\b",
    r"\bwho\s+(will|would|can|does|takes|accepts)\s+(take|accept|admit)",
    r"\bwho\s+(takes|accepts|admits)\b",
    r"\bwill\s+\w+(\s+\w+){0,3}\s+(take|accept|admit)\b",
    r"\bplace\s+to\s+(take|bring)\b",
    r"\b(need|looking\s+for)\s+(a\s+)?(bed|placement)\b",
)

# Words the situation reader keys on, so a one-letter typo of them ("wher", "drnk",
# "combatve") is read as the word when the knowledge base does not know the typo.
CUE_WORDS = frozenset(
    """
    where take bring drop transport drunk intoxicated combative violent aggressive
    assaultive juvenile teenager teen autistic autism veteran voluntary involuntary tonight
    tomorrow morning evening afternoon midnight monday tuesday wednesday thursday friday
    saturday sunday sober adult minor
    """.split()
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
