"""Domain words in one place: jargon the matcher understands whatever the knowledge base says.

Everything here is general to crisis response in the U.S., never tied to one knowledge base's
names. Knowledge-specific synonyms come from the glossary (term + aliases) at index time.
"""

from __future__ import annotations

import re

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
    stand stands explain tell help guys folks pretty super totally kinda sorta basically
    literally exactly lol lmao haha anyways stuff real w b4 abt bc cuz tho thx ya yall
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

# "won't", "doesnt": a denial counts only where the knowledge base says it too ("doesn't want
# help"); one it never uses weighs against no entry, and is no typo of another word ("havent"
# is no "haven")
NEGATIONS = frozenset(
    """
    dont doesnt didnt isnt arent wasnt werent wont cant couldnt shouldnt wouldnt havent hasnt
    hadnt aint
    """.split()
)

# Words asking for a place's particulars: such a question wants a resource, not a definition.
CONTACT_WORDS = frozenset(
    """
    address addy addr located location directions phone number call text contact hours open
    opened closed website fax email
    """.split()
)
# ...less those an officer also uses of the incident ("tied up on another call")
DETAILS_WORDS = CONTACT_WORDS - {"call", "text"}
# plurals that are counts and incidents, not a number to call ("what numbers should we
# keep"), and real words one slip from a contact word, which are no typo of it ("closer",
# "two tours", "our contract")
NOT_CONTACT_WORDS = frozenset(
    """
    numbers calls closer closest closet contract contracts tours yours pours prone shone
    phony vocation
    """.split()
)

# Placement intent. Transport: the officer is taking the person somewhere (a place that
# takes police drop-offs). Asking: someone or somewhere is wanted, which may be a team that
# comes out or a line to call.
TRANSPORT_PATTERNS = (
    r"\bwhere\b.{0,30}\b(take|tak|bring|drop|transport|send|put|place|admit)\b",
    r"\b(take|taking|bring|bringing|transport\w*|drop|dropping|drive|driving|run|running)\s+"
    r"(him|her|them|this|the|a|an|my|someone|somebody|"
    r"person|guy|kid|juvenile|subject|pt|patient)\b",
    r"\b(take\s+\w+|bring\s+\w+)\s+(somewhere|someplace|anywhere)\b",
    r"\bdrop[\s-]?off\b",
    r"\bwho\s+(will|would|can|does|takes|accepts)\s+(take|accept|admit)",
    r"\bwho\s+(takes|accepts|admits)\b",
    r"\b(?:that|who)(?:'ll|\s+will|\s+would|\s+can)\s+(?:take|accept|admit)\b",
    r"\bwill\s+\w+(\s+\w+){0,3}\s+(take|accept|admit)\b",
    r"\bplace\s+to\s+(take|bring)\b",
    # where the person ends up, asked by the officer who has them: "where does she go"
    r"\bwhere\s+(?:does|do|should|would|will|can|could)\s+(?:he|she|they)\s+go\b",
    r"\bwhere(?:'?s|\s+is|\s+are)\s+(?:he|she|they)\s+(?:headed|going)\b",
    r"\bwhich\s+(?:hospital|hosp|facility|unit|er|ed|psych\s+unit)\b",
    # the person goes with the officer: "agreed to ride w me", "calm enough to sit in the car"
    r"\b(?:agreed|agrees|willing|ok|okay|fine)\s+(?:to\s+)?(?:ride|go|come)\s+(?:w|with)\s+"
    r"(?:me|us)\b|\bsit\s+in\s+(?:the|my|our)\s+(?:car|cruiser|unit|squad)\b",
    r"\bwhere\s+to\b\s*\W*$",
    r"(?:^|[,.;])\s*where\s*\W*$",
)
ASKING_PATTERNS = (
    r"\bwhere\b.{0,30}\bgo\b",
    r"\bwhere\s+to\b(?!\s+(begin|start|find|get|learn|look|read|apply|sign|report))",
    r"\b(go|walk\s+in)\s+(somewhere|someplace|anywhere)\b",
    r"\b(?:options?|ideas|suggestions|recommendations?|where|who|anyone|anywhere)\s*\W*\s*$",
    r"\bwho(?:'ll| will| can| could| would| is| does| do)\b.{0,20}\b(?:come|go|respond|help|see|"
    r"take|talk|working|on|open|available)\b",
    r"\bwhere\s+(?:can|could|should|do|would|will|is|are)\b.{0,25}\b(?:open|go|get|sleep|"
    r"stay|crash|sober)\b",
    r"\b(need|looking\s+for)\s+(a\s+)?(bed|placement)\b",
    r"\bwhat(?:'?s| is)? (?:still )?open\b",
)
# "he doesn't need to go anywhere": no transport, whatever else the question says
NO_TRANSPORT = (
    r"\b(?:doesn'?t|does not|don'?t|do not|no) need (?:to )?(?:go|be taken|transport|a ride)|"
    r"\bno (?:need for )?transport\b|\bstay(?:s|ing)? (?:at )?home\b"
)
# The officer doubts a kind of place they name ("is detox the spot?", "does he really need
# the ER or is there something better"): that kind is not what is wanted.
DOUBT_OUTRIGHT = (
    r"\b(?:really need|just (?:run|take|bring)|the (?:right )?(?:spot|call|place|move)\b|a thing "
    r"for|or (?:is there )?(?:some|any)(?:where|thing|place)(?: else| better)|overkill|"
    r"is (?:a |the )?\w+(?: \w+)? (?:right|appropriate|necessary|needed)|"
    r"(?:is|isn'?t) (?:that|this|it) (?:a |an )?\w+(?: \w+)? thing|an option\b|"
    r"should (?:i|we) (?:just )?(?:run|take|bring|send) (?:him|her|them) to|"
    r"(?:does|do) (?:he|she|they|i|we) (?:have|need) to (?:go|be taken|take \w+) (?:to|into))"
)
# ...or a kind asked after the person is described: "just drunk, not in crisis, 28. crisis
# center?" (which may also be the place wanted: "wants to talk to a peer. warmline?")
DOUBT = DOUBT_OUTRIGHT + r"|[,.]\s*(?:the |a |an )?[a-z/-]+(?: [a-z/-]+)?\s*\?\s*$"

# Words that negate the need right after them: "NOT a hospital", "absolutely no ER".
NEGATION = (
    r"\b(?:not|no|never|(?:do|does|did|is|was|are|were|could|should|would|has|have|had|ai)n'?t|"
    r"won'?t|wont|can'?t|cant|cannot|without|instead of|other than|rather than|besides|except|"
    r"avoid|anywhere but|skip|bypass)\s+(?:\w+\s+){0,3}$"
)

# Words the situation reader keys on, so a one-letter typo of them ("wher", "drnk",
# "combatve") is read as the word when the knowledge base does not know the typo.
CUE_WORDS = frozenset(
    """
    where take bring drop transport drunk intoxicated combative violent aggressive
    assaultive juvenile teenager teen autistic autism veteran voluntary involuntary tonight
    tomorrow morning evening afternoon midnight monday tuesday wednesday thursday friday
    saturday sunday sober adult minor homeless shelter detox withdrawal suicidal overdose
    unresponsive breathalyzer
    """.split()
)

# A question about the program or the law rather than about one person tonight.
GUIDANCE_FRAME = (
    r"\b(?:our|we|we're|us|my (?:officers|deputies|guys|squad|team|department|agency)|"
    r"other (?:agencies|departments|depts|sheriffs|cities|counties|places)|allowed|legal(?:ly)?|"
    r"the law|polic(?:y|ies)|program|training|grants?|funding|how (?:do|does|should|can|long|"
    r"often|many|much)|what (?:do|does|should|are|is the)|why|should we|are they|tips|pointers|"
    r"advice|best practices?|hipaa|privacy|consent|stats|statistics|metrics|data|the board|"
    r"reports?)\b"
)

# our people shaken by a call: "the guys are pretty shook up", "crew's rattled"
STAFF_SHAKEN = (
    r"(?:guys|crew|deputies|officers|troopers|dispatchers|team|shift|squad|folks|people)"
    r"(?:'s|'re| are| is| were| was| been| got)? (?:[\w']+ ){0,5}(?:shaken|shook|rattled|"
    r"traumatized|struggling|taking it hard|messed up|having a hard time)"
)

# who must drive the person, a question of procedure: "who's supposed to drive the patient to
# Overby", "do we have to drive them ourselves", "patrol car or the ambulance"
TRANSPORT_DUTY = (
    r"who(?:'s|s| is| has| does)? (?:supposed to |responsible for |gonna |going to |has to |"
    r"should |pays? for |pays to )?(?:drives?|driving|transports?|transporting|hauls?|"
    r"hauling|haulin|the (?:transport|driving))\b|"
    r"(?:do|does|must|should) (?:we|i|a deputy|an officer|the deputy|the officer) (?:have to |"
    r"need to )?(?:drive|transport|haul)\b|"
    r"(?:patrol car|cruiser|squad car|back of (?:the|a|my) (?:car|unit)) or (?:can |does |"
    r"should |will )?(?:the |an )?(?:ambulance|ems)|"
    r"(?:ambulance|ems) or (?:the |a |our )?(?:patrol car|cruiser|squad car|us|we|deputies|"
    r"officers)|(?:losing|lose|losin) (?:whole |entire )?shifts?"
)

# who may consent or start a hold, a question of law: "can a 14 yr old agree to counseling
# w/o mom and dad", "can a 13 yo be detained if mom says no", "can she sign something"
CONSENT = (
    r"(?:without|w/o|w/out) (?:(?:his|her|their|a|the) )?(?:mom|dad|mother|father|parents?|"
    r"parental|guardian)|"
    r"if (?:(?:his|her|their|the) )?(?:mom|dad|mother|father|parents?|guardian) (?:says?|said) "
    r"no|(?:can|could|may) (?:she|he|mom|dad|the family|family|(?:his|her) (?:mom|dad|mother|"
    r"father|wife|husband|parents?)) (?:sign|file|petition|go to (?:the )?(?:court|judge))"
)

# how 911 decides whom to send, a protocol question: "when should call takers kick a call to
# mobile crisis", "should 911 send a patrol unit or the clinician"
DISPATCH_DECISION = (
    r"(?:call[\s-]?takers?|dispatch(?:ers?)?|911|telecommunicators?|comm(?:unications)? "
    r"cent(?:er|re))(?: [\w']+){0,6} (?:decide|decides|deciding|kick|kicks|route|routes|"
    r"routing|divert|diverts|transfer|transfers|triage|scripts?|"
    r"(?:send|sends|sending) (?:[\w']+ ){0,4}(?:or|instead of|vs\.?|versus|rather than|"
    r"without|w/o) )|"
    # police or something else sent, weighed: "mobile crisis vs sending a car"
    r"(?:vs\.?|versus|instead of|rather than|or) (?:sending|send) (?:a |an |the )?(?:car|unit|"
    r"deputy|officer|cop|patrol|squad|police)"
)

# ...framed so, whoever it mentions: "tips for talking with an autistic teen", "is she
# allowed to stop us", "the squad is shaken after last night".
STRONG_GUIDANCE = (
    r"\b(?:"
    + "|".join((
        r"tips|pointers|advice|best practices?|allowed to|legal(?:ly)?|the law|shift",
        # the squad as the officers ("squad's rattled"), not the car ("from the squad")
        r"squad(?:'s| is| was| has| are| got)",
        STAFF_SHAKEN,
        TRANSPORT_DUTY,
        CONSENT,
        DISPATCH_DECISION,
        r"our (?:officers|deputies|guys|people|team|agency|department|dept|program)",
        r"how (?:do|should|can) (?:i|we) (?:talk|deal|handle|approach|communicate|explain|"
        r"work)",
        # choosing a model for the agency: "is CIT enough or should we put a clinician in
        # the car"
        r"should we (?:get|start|add|hire|try|put|go with|fund|build|set up)|makes? more sense",
        r"better off(?! dead| without)|worth (?:it|doing|keeping|the money)|more realistic",
        r"\d+[\s-]*(?:officer|deputy|sworn|cop)s? (?:dept|department|agency|pd|so)\b",
    ))
    + r")\b"
)  # fmt: skip

# Resource kinds that are not places to take someone (you call them, or they come to you).
NOT_A_DESTINATION = frozenset({"crisis_line", "mobile_crisis", "co_responder"})
# Kinds that are always somewhere to take a person, address written or not; the others
# (outpatient, veterans, youth, I/DD services, other) may be a line or a program.
PLACE_KINDS = frozenset({
    "crisis_center", "sobering_center", "detox", "emergency_department", "psychiatric_hospital",
    "shelter", "peer_respite",
})  # fmt: skip

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
    "psychiatric_hospital": ("psychiatric hospital", "psych hospital", "psych ward", "hospital",
                             "inpatient psychiatric", "inpatient", "behavioral hospital",
                             "mental hospital", "psych unit", "psych bed", "psychiatric bed",
                             "inpatient bed", "inpatient psych", "inpatient unit"),
    "shelter": ("shelter", "homeless shelter", "emergency shelter", "bed", "homeless",
                "housing"),
    "peer_respite": ("peer respite", "respite", "peer run", "peer support"),
    "outpatient": ("outpatient", "clinic", "counseling", "therapy", "mental health clinic",
                   "appointment", "walk in clinic"),
    "idd_services": ("intellectual disability", "developmental disability", "IDD",
                     "autism", "autistic", "disability services", "down syndrome",
                     "on the spectrum", "developmentally disabled", "special needs",
                     "cognitive disability", "nonverbal", "non-verbal", "DD team", "IDD team",
                     "DD crisis", "IDD crisis", "DD board", "DD services",
                     "disability crisis team"),
    "veterans": ("veteran", "veterans", "VA", "vet center", "military"),
    "youth": ("youth", "teen", "teenager", "juvenile", "kid", "kids", "child", "children",
              "adolescent", "minor"),
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
    ("police", "officer", "cop", "law enforcement", "LEO", "deputy", "patrol", "squad",
     "sworn", "trooper", "crew"),
    ("mental health", "behavioral health", "psychiatric", "psych"),
    ("involuntary hold", "involuntary", "hold", "emergency hold", "psych hold",
     "emergency detention", "involuntary commitment", "civil commitment"),
    ("phone", "number", "call", "contact"),
    ("department", "dept", "agency"),
    ("hospital", "hosp"),
    ("appointment", "appt"),
    ("address", "located", "location", "directions"),
    ("hours", "open", "opening hours", "schedule"),
    ("suicide", "suicidal", "self harm", "kill himself", "kill herself", "kill themselves"),
    ("memorandum of understanding", "MOU", "interagency agreement", "partnership agreement"),
    ("technical assistance", "TA", "TTA", "training and technical assistance"),
    ("data", "metrics", "statistics", "stats", "performance measures", "outcomes", "measures",
     "numbers", "track", "tracking", "evaluation", "evaluate", "proof", "prove", "show results",
     "count", "counting", "measure", "measuring", "worth the money"),
    ("council", "city council", "county board", "commissioners", "legislature",
     "elected officials", "city hall", "mayor", "board of supervisors", "selectboard"),
    ("dispatch", "dispatcher", "call taker", "call takers", "911", "PSAP", "communications",
     "telecommunicator", "comm center"),
    ("de-escalation", "deescalation", "de-escalate", "calm down"),
    # how coordinators talk about the program, in the words a knowledge base may not use
    ("officer wellness", "wellness", "well-being", "wellbeing", "resilience", "critical incident",
     "critical incidents", "rattled", "shaken", "shook up", "traumatized", "vicarious trauma",
     "secondary trauma", "burnout", "stress", "EAP", "employee assistance", "OIS",
     "officer-involved shooting", "shooting", "fatal", "fatality", "fatalities", "drowning",
     "drowned", "line of duty death", "child death", "died", "death", "killed", "wreck",
     "crash", "rollover"),
    ("debrief", "debriefs", "debriefing", "after-action", "after action review", "case review",
     "case reviews", "call review", "sit down", "sit-down", "go over the call", "lessons learned",
     "went sideways", "go over", "going over", "talk through", "look back", "after a call",
     "after the call", "afterwards", "afterward"),
    ("learning site", "learning sites", "site visit", "go visit", "go see", "peer exchange",
     "model agency", "model agencies", "doing this well"),
    ("community engagement", "community", "buy-in", "buy in", "neighborhood", "neighbors",
     "residents", "stakeholders", "public support", "town hall"),
    ("funding", "grant", "grants", "budget", "money", "pay for", "sustainability", "sustain",
     "keep the lights on"),
    ("firearm", "firearms", "gun", "guns", "weapon rights", "gun rights", "relinquish", "rifle",
     "rifles", "shotgun", "shotguns", "handgun", "handguns", "pistol"),
    ("consent", "parental consent", "parent refuses", "guardian", "sign in", "sign herself in",
     "sign himself in", "parents have to"),
    ("family", "relatives", "next of kin", "sister", "brother", "mother", "father", "spouse"),
    ("information sharing", "share information", "sharing information", "hipaa", "privacy",
     "confidentiality", "confidential", "disclose", "disclosure", "release of information",
     "allowed to tell", "allowed to say", "can they tell", "tell us", "tell me", "tell my officer",
     "tell the officer", "tell the family", "let us know", "got admitted", "was admitted",
     "admitted or not"),
    ("warm line", "warmline", "lonely", "loneliness", "isolated", "someone to chat with",
     "peer line", "peer support line"),
    ("tips", "pointers", "advice", "best practices", "how to talk", "communicate",
     "communicating", "communication"),
    # an adult saying no to help ("she refuses help but doesn't meet hold criteria")
    ("refuses", "refuse", "refused", "refusing", "refusal", "declines", "declined", "declining",
     "won't go", "wont go", "won't accept", "wont accept", "says no", "said no", "turns down",
     "turned down", "turns us down", "doesn't want help", "doesnt want help",
     "does not want help", "right to refuse"),
    ("deal with", "dealing with", "deal w", "dealing w", "handle", "handling", "approach",
     "interact", "interacting", "interactions", "encounter", "encounters"),
)  # fmt: skip

# How suitable each kind is as a place for a person in crisis, before the situation is
# considered (what the person states adds to it: see ``needs.NEEDS``). Lines and teams are
# candidates only when the need is someone to call or to come out.
DESTINATION_PRIOR: dict[str, float] = {
    "crisis_center": 1.0,
    "emergency_department": 0.6,
    "psychiatric_hospital": 0.55,
    "youth": 0.4,
    "sobering_center": 0.3,
    "detox": 0.3,
    "idd_services": 0.35,
    "veterans": 0.35,
    "peer_respite": 0.4,
    "shelter": 0.3,
    "outpatient": 0.25,
    "crisis_line": 0.3,
    "mobile_crisis": 0.3,
    "co_responder": 0.3,
    "other": 0.2,
}

LANGUAGES = (
    "spanish", "vietnamese", "mandarin", "cantonese", "chinese", "arabic", "somali", "russian",
    "korean", "tagalog", "french", "haitian creole", "creole", "portuguese", "hmong", "polish",
    "ukrainian", "farsi", "hindi", "punjabi", "urdu", "amharic", "swahili", "japanese",
    "german", "italian", "navajo", "asl", "american sign language", "sign language",
)  # fmt: skip

# What a person needs, said as a situation rather than a kind of place ("somewhere to sleep it
# off", "someone to go out to the house"), and the kinds of resource that meet it, best first.
# Kinds are the contract's closed vocabulary, so this works on any knowledge base.
NEED_SIGNS: tuple[tuple[str, dict[str, float]], ...] = (
    # a place to sober up
    (r"sleep (?:it|this) off|sober(?:s|ing)? up|(?:till|until|til) (?:he|she|they)(?:'?s|'?re|"
     r" is| are)? sober|dry(?:ing)? out (?:overnight|tonight|for the night|for a few hours)|"
     r"drunk tank|(?:crash|sleep|stay|lay down|lie down|rest) (?:\w+ )?(?:till|until|"
     r"til)\b|(?:till|until|til) (?:he|she|they)(?:'?s|'?re| is| are)? (?:not|no longer) "
     r"(?:drunk|intoxicated|high)|public intox\w*",
     {"sobering_center": 1.0, "shelter": 0.5, "detox": 0.4, "emergency_department": 0.3}),
    # withdrawal and getting off a substance
    (r"withdraw\w*|dry(?:ing)? out|coming off|come off|get(?:ting)? (?:off|clean|sober)|"
     r"kick(?:ing)? (?:the|his|her|their) habit|(?:wants?|ready|trying) to kick\b(?! \w+ out)|"
     r"dope ?sick|addiction|substance use treatment|(?:quit|stop)(?:ting|ping|s)? "
     r"(?:drinking|using|the (?:booze|bottle|drugs|pills))|shakes|"
     r"\bdts\b|delirium tremens|"
     r"detox(?:ing)? (?:from|off)|wants? off (?:the |his |her )?(?:oxy\w*|opi\w+|"
     r"pills|heroin|fent\w*|meth|dope|booze|bottle|alcohol|drugs|benzos|xan\w*|perc\w*)|"
     r"(?:shaky|shaking|trembling) hands|hands (?:are )?(?:shaky|shaking|trembling)|tremors|"
     r"last drink",
     {"detox": 1.0, "sobering_center": 0.3, "outpatient": 0.3}),
    # a medication for opioid use: a clinic that prescribes or doses it, or a detox
    (r"suboxone|methadone|\bmat\b|\bmoud\b|bupe\b|buprenorphine|sublocade|vivitrol|"
     r"\botp\b|opioid treatment program",
     {"outpatient": 1.0, "detox": 1.0}),
    # no place to stay
    (r"homeless|unhoused|unsheltered|nowhere to (?:sleep|stay|go|live)|no (?:place|where|home) "
     r"to (?:sleep|stay|go)|no roof|roof over|bed for the night|place to (?:sleep|stay)|"
     r"somewhere to (?:sleep|stay)|kicked out|evicted|sleeping (?:rough|outside|in (?:a|his|"
     r"her|their) car)|living (?:in (?:a|his|her|their) car|on the streets?)|on the streets?|"
     r"out in the cold|lost (?:\w+ ){0,4}(?:apartment|house|home|place|housing)|no home\b|"
     r"(?:spot|place|somewhere) (?:for|to stay) (?:tonight|the night)|"
     r"(?:place|somewhere|someplace|spot) (?:\w+ ){0,4}to (?:sleep|crash)\b"
     r"(?! (?:it|this) off| (?:\w+ )?(?:till|until|til)\b)|"
     r"warm (?:place|spot|bed|room)\b|"
     r"(?:can'?t|cannot|won'?t|wont|not allowed to|refus\w* to) go (?:back )?home|"
     r"\brun ?aways?\b|\bran (?:away |off )?from (?:\w+ ){0,2}(?:home|house|place|parents)|"
     r"(?:'s|s| is| are|'re|just|been|was|were|look(?:s|ing)?) freezing|freezing (?:cold|outside|"
     r"out there|to death|tonight|out)|"
     r"(?:needs?|wants?|find|get|looking for) (?:\w+ ){0,2}bed\b|"
    # fleeing abuse at home: somewhere he cannot find her
     r"flee(?:ing)? (?:abuse|domestic violence|an abuser|(?:her|his|their) "
     r"(?:husband|wife|partner|boyfriend|girlfriend|ex))|(?:husband|wife|partner|boyfriend|bf|"
     r"girlfriend|gf|ex) (?:beat|beats|hit|hits|choked|chokes|strangled|assaulted|abused) "
     r"(?:her|him|them)|(?:safe|somewhere safe|a safe) (?:place|spot|house) (?:he|she) can'?t find",
     {"shelter": 1.0, "peer_respite": 0.3, "youth": 0.3}),
    # someone to come out
    (r"(?:go|come|head|get|swing) (?:out )?(?:to|by) (?:the|his|her|their|a) (?:house|home|"
     r"residence|apartment|place|scene|school)|check(?:ing)? on|welfare check|come out|"
     r"send (?:someone|somebody|a (?:team|clinician|counselor))|(?:someone|somebody) (?:to )?come|"
     r"come (?:out|over|by|see|and see|check|talk|help)|(?:at|to) (?:a|the|his|her|their|an) "
     r"(?:group )?(?:house|home|residence|apartment|motel|trailer|scene)(?! part(?:y|ies))|"
     r"(?:respond|go) to (?:the|a) (?:call|scene)|house call|in the field|on scene|"
     r"meet (?:us|me|the officer)|ride(?:s|ing)? (?:along|out)|clinician (?:to|with)|"
     r"can (?:someone|somebody|"
     r"anyone|they) (?:come|go|respond)|who (?:can|could|will|would|'ll) (?:come|go out|respond)|"
     r"(?:anyone|anybody|someone|somebody) (?:to )?(?:respond|come|go) out|"
     r"\bout to (?:a|an|the|his|her|their)\b|"
     r"get (?:a|an|the|someone|somebody) (?:\w+ ){0,2}out\b(?! of)|"
     # a visit where the person is: "who can go see him", "anybody do home visits"
     r"(?:go|come) (?:and |n )?(?:see|visit) (?:him|her|them)\b|home visits?|"
     r"visit (?:him|her|them) (?:at|in)\b|crisis outreach",
     {"mobile_crisis": 1.0, "co_responder": 0.9, "crisis_line": 0.4}),
    # a clinician in the car with the officer: the co-responder model, in other words
    # ("who can ride with us", not "he'll ride with us": that is the person going)
    (r"(?:who|someone|somebody|anyone|anybody|clinician|counselor)s? (?:\w+ ){0,2}"
     r"(?:ride|roll)s? (?:along |out )?(?:with|w/?) (?:us|me)\b|"
     r"(?:clinician|counselor|social worker)s? (?:to (?:ride|go|come) )?(?:with|w/?) (?:us|me)\b|"
     r"ride[\s-]?along",
     {"co_responder": 1.1, "mobile_crisis": 0.9, "crisis_line": 0.4}),
    # someone to see in person: not a line
    (r"(?:in person|face[\s-]to[\s-]face)(?! (?:at|in) (?:his|her|their|the|a) "
     r"(?:house|home|place|apartment|trailer))|"
     r"sit down (?:with|w) (?:someone|somebody|a counselor)",
     {"crisis_center": 1.0, "outpatient": 0.6, "peer_respite": 0.4, "crisis_line": -1.0}),
    # someone to talk to by phone or text
    (r"on the phone|over the phone|by phone|(?:someone|somebody|anyone|anybody) to (?:talk|vent|"
     r"chat) (?:to|with)|lonely|loneliness|wants to chat|talk to (?:someone|somebody|a "
     r"counselor)|(?:crisis|hot|help|warm|text) ?line|"
     r"number (?:\w+ )?(?:can|could) (?:call|text)|needs? to vent|just (?:talk|vent)|"
     r"call (?:someone|somebody)|"
     r"text (?:someone|somebody)|phone support",
     {"crisis_line": 1.0, "mobile_crisis": 0.2, "peer_respite": 0.2}),
    # a calm, non-hospital place for a while
    (r"calm place|quiet place|(?:couple|few) (?:of )?(?:quiet |calm |more )?(?:days|nights)|"
     r"(?:not|isn'?t|isnt|instead of|other than|without) (?:a |the )?"
     r"(?:hospital|ward|psych|er|inpatient|locked)|"
     r"break from|home[\s-]?like|peer[\s-]?run|been there|lived experience",
     {"peer_respite": 1.0, "crisis_center": 0.5}),
    # medication and follow-up care
    (r"(?:ran|run|running|is|was) out of (?:his |her |their )?\w+|"
     r"(?<!get )(?<!got )(?<!come )\bout of (?:his|her|their) (?!mind|head|house|home|room|car|"
     r"way|league|element|life|hands?|sight|control|depth)\w+|(?:bridge |refill (?:his |her )?)?"
     r"scripts?\b|prescriptions?|(?:get|back on|restart)\w* "
     r"(?:his |her |their )?(?:psych )?(?:meds|medications?)|"
     r"(?:meds|medication|prescription) refill|refill|"
     r"missed (?:\w+ )?(?:meds|medications?|appointment|shots?)|psychiatrist|counseling|"
     r"therapist|therapy|follow[\s-]?up|appointment|med management|injection|counsell?or|"
     r"(?:start|starts|starting) (?:seeing|to see)|see (?:a|an) (?:counsell?or|therapist|"
     r"psychiatrist|prescriber)",
     {"outpatient": 1.0, "crisis_center": 0.4}),
    # a psychiatric bed: "where for inpatient", "which psych place takes him"
    (r"(?:for|to|needs?|wants?|into|get (?:him|her|them)) inpatient|inpatient (?:bed|unit|"
     r"admission|care|treatment|stay)|psych(?:iatric)? (?:place|facility|spot|floor|admission|"
     r"admit)s?\b",
     {"psychiatric_hospital": 1.0, "emergency_department": 0.3}),
    # a hospital, by name of the thing
    (r"(?:which|what|nearest|closest) (?:hospital|er\b)|hospitals|"
     r"(?<!got )(?<!was )(?<!been )admitted|admit (?:him|her|them)",
     {"emergency_department": 1.0, "psychiatric_hospital": 0.9}),
    # an assessment
    (r"psych(?:iatric)? eval\w*|evaluat\w*|assess\w*|stabiliz\w*",
     {"crisis_center": 1.0, "psychiatric_hospital": 0.4, "emergency_department": 0.3}),
    # veterans, disabilities and youth by service, not only by who the person is
    (r"(?<!\bin )\bva\b(?! law)|vet center|veterans? (?:services|center|program)",
     {"veterans": 1.0}),
)  # fmt: skip

# Asking whom to call about someone ("who do I call", "who can we get out here"): a team to
# come out or a line; read only when the question also describes the person ("printer jammed,
# who do I call" is no crisis).
CALL_SIGN: tuple[str, dict[str, float]] = (
    r"who (?:do|should|can|could|would) (?:i|we|you|they|u) (?:call|get|contact|reach|page)\b|"
    r"who (?:to|should i|should we) call|who(?:'?s| is) (?:avail\w*|on call|on duty)|"
    # someone, not somewhere: "who can help", "who can follow up"
    r"who (?:can|could|will|would|'ll) (?:help|follow up|check on|see (?:him|her|them))",
    {"mobile_crisis": 1.0, "co_responder": 0.9, "crisis_line": 0.6, "crisis_center": 0.3},
)

# Saying they want to die or to harm themselves, in the ways officers report it.
SUICIDAL = (
    r"suicid\w*|kill(?:ing)? (?:him|her|them|my)sel(?:f|ves)|self[\s-]?harm\w*|"
    r"wants? to die|hurt(?:ing)? (?:him|her|them)sel(?:f|ves)|end(?:ing)? it all|"
    r"(?:about|of|to|gonna|going to) end(?:ing)? it\b|eat(?:ing)? (?:his|her|a) gun|"
    r"end (?:his|her|their) life|take (?:his|her|their) (?:own )?life|"
    # a weapon turned on oneself: "threatening to shoot himself", "gonna use
    # the shotgun on himself", "hang herself", "blow his brains out"
    r"(?:shoot|hang|stab|cut|drown|poison|overdose) (?:him|her|them)sel(?:f|ves)|"
    r"(?:gun|rifle|shotgun|pistol|knife|rope|pills) on (?:him|her|them)sel(?:f|ves)|"
    r"blow (?:his|her|their) (?:brains|head) (?:out|off)"
)

# The person's state rather than a need: a crisis centre suits it, unless the question also
# says how help should come ("someone to come out", "on the phone"): then that comes first.
STATE_SIGNS: tuple[tuple[str, dict[str, float]], ...] = (
    # a mental health crisis
    (SUICIDAL + r"|(?:hurt|harm)(?:ing)? (?:him|her|them)sel"
     r"(?:f|ves)|hearing voices|voices|psychotic|psychosis|paranoi\w*|"
     r"hallucinat\w*|delusion\w*|manic|mania|(?:mental health|mental|psych\w*) crisis|"
     r"in crisis|breakdown|panic attack|depress\w*|done with life|wants to die|"
     r"talking about (?:dying|death)|edp|end(?:ing)? it(?: all)?|end (?:his|her|their) life|"
     r"take (?:his|her|their) (?:own )?life|(?:not|doesn'?t) want(?:ing)? to live|better off dead|"
     r"jump(?:ing)? off|spiral\w*|melt(?:ing)? ?down|hearing things",
     {"crisis_center": 1.0, "emergency_department": 0.5, "psychiatric_hospital": 0.4,
      "mobile_crisis": 0.3, "crisis_line": 0.3, "peer_respite": 0.3, "youth": 1.0,
      "veterans": 0.5, "idd_services": 0.8}),
)  # fmt: skip
STATE_WHEN_NEEDED = 0.5  # weight of the state's kinds when a need is also stated

# Conditions a question can state and a place's ``excludes`` (or notes) can name; a place whose
# exclusions name a condition the person has is left out, whatever it says otherwise.
CONDITIONS: dict[str, str] = {
    "unresponsive": r"unresponsive|non[\s-]?responsive|unconscious|passed out|pass(?:ing)? out|"
                    r"(?:not|non|un)[\s-]?rous(?:e)?able|(?:won'?t|wont|can'?t|cant|cannot|not|"
                    r"couldn'?t|unable to|will not)(?: \w+){0,3} (?:be )?(?:wake|waking|woken|"
                    r"rouse|roused)|(?:can'?t|cant|cannot|couldn'?t|unable to) get (?:him|her|"
                    r"them) to respond|out cold|face down|"
                    r"obtunded|unable to (?:walk|stand)|can'?t (?:walk|stand)",
    "head_injury": r"head (?:injur\w*|trauma|wound|lac\w*)|(?:hit|smack|bang|bump|struck|crack"
                   r"|split|slam|bust|whack|knock|conk)\w* (?:his |her |their )?head|"
                   r"(?:knot|lump|bump|gash|cut|goose egg) on (?:his |her |their |the )?"
                   r"(?:head|forehead)|"
                   r"concussion|bleeding from (?:the|his|her) head",
    "overdose": r"overdos\w*|\bod(?:'d|ed)?\b|"
                # "he ODd last night", not "acting odd last night"
                r"(?<!acting )(?<!seemed )(?<!seems )(?<!was )(?<!real )(?<!bit )"
                r"\bodd (?=last|yesterday|earlier|twice|again)|"
                r"(?:bunch|handful|bottle|lot|fistful) of "
                r"(?:\w+ ){0,2}(?:pills|tabs|tablets|meds|xanax|tylenol|oxy\w*|percocet\w*)|"
                r"too many (?:\w+ )?pills|(?:took|swallowed|ate|downed|popped) (?:a |an |the )?"
                r"(?:whole |entire )?(?:bunch|handful|bottle|fistful|lot|pile) of|swallowed|"
                r"ingest\w*|(?:drank|ate|took|swallowed) (?:\w+ )?poison|"
                r"poisoned (?:him|her|them)sel(?:f|ves)",
    "medical": r"medical(?:ly)? (?:emergenc\w*|unstable|needs?|conditions?|issues?|problems?|"
               r"complications?|instability|care)|acute medical|injur\w*|"
               r"bleeding|gash\w*|lacerat\w*|stitches|needs? sutures|seizur\w*|chest pain|"
               r"(?:not|trouble|difficulty) breathing|"
               r"diabetic|ambulance|confus\w*|disorient\w*|delirium|delirious|altered mental",
    "withdrawal": r"withdraw\w*|\bdts\b|delirium tremens|the shakes|dope ?sick",
    "suicidal": SUICIDAL,
    "weapons": r"weapons?|armed|(?:a |with a |has a |had a )(?:gun|knife|firearm|blade)|"
               r"guns|knives|firearms?",
    "sex_offense": r"sex(?:ual)? offen\w*|registered sex",
    "pregnancy": r"pregnan\w*",
}  # fmt: skip

# Conditions that make it a medical emergency: the emergency department comes first.
MEDICAL_EMERGENCIES = frozenset({"unresponsive", "head_injury", "overdose", "medical"})
# A breath or blood alcohol reading at or above this is a medical emergency on its own.
DANGEROUS_BAC = 0.30

# What else to offer when the place or team asked for is closed: the same kind first, then
# what does the same job (another team, the crisis line).
ALTERNATIVES: dict[str, dict[str, float]] = {
    "mobile_crisis": {"mobile_crisis": 1.0, "co_responder": 0.55, "crisis_line": 0.6},
    "co_responder": {"co_responder": 1.0, "mobile_crisis": 0.9, "crisis_line": 0.6},
    "crisis_line": {"crisis_line": 1.0, "mobile_crisis": 0.5},
    "crisis_center": {"crisis_center": 1.0, "emergency_department": 0.6, "crisis_line": 0.3},
    "sobering_center": {
        "sobering_center": 1.0,
        "crisis_center": 0.6,
        "emergency_department": 0.6,
        "detox": 0.5,
    },
    "detox": {"detox": 1.0, "sobering_center": 0.7, "crisis_center": 0.5},
    "shelter": {"shelter": 1.0, "peer_respite": 0.5, "crisis_center": 0.3},
    "peer_respite": {"peer_respite": 1.0, "crisis_center": 0.7, "crisis_line": 0.3},
    "outpatient": {"outpatient": 1.0, "crisis_center": 0.6, "crisis_line": 0.3},
    "idd_services": {"idd_services": 1.0, "mobile_crisis": 0.8, "crisis_line": 0.5},
    "veterans": {"veterans": 1.0, "crisis_line": 0.6, "outpatient": 0.5},
    "youth": {"youth": 1.0, "crisis_center": 0.6, "mobile_crisis": 0.4},
    "psychiatric_hospital": {"psychiatric_hospital": 1.0, "emergency_department": 0.8},
    "emergency_department": {"emergency_department": 1.0},
    "other": {"other": 1.0, "crisis_line": 0.3},
}
# ...and when it was a team or a line rather than a place, the teams and lines that are open
COME_OUT_ALTERNATIVES: dict[str, float] = {"mobile_crisis": 0.8, "co_responder": 0.45,
                                           "crisis_line": 0.5}  # fmt: skip

# Words that name a kind of service outright ("need a co-responder", "is there a shelter"):
# that kind is wanted. KIND_WORDS less those that describe the person or are too general.
NOT_A_KIND_NAME = frozenset({
    "bed", "kid", "kids", "child", "children", "minor", "teen", "teenager",
    "juvenile", "youth", "emergency", "substance use", "appointment", "housing",
    "homeless", "veteran", "veterans", "military", "VA", "autism", "autistic",
    "intellectual disability", "developmental disability", "IDD", "counseling",
    "down syndrome", "on the spectrum", "developmentally disabled", "special needs",
    "cognitive disability", "nonverbal", "non-verbal",
    "therapy", "inpatient", "crisis clinician", "peer support",
    "emergency shelter", "call line", "phone line",
})  # fmt: skip


def _words_of(*texts: str) -> frozenset[str]:
    return frozenset(w for text in texts for w in re.findall(r"[a-z]{3,}", text.lower()))


# Every word the lexicon itself reads ("wake" in "won't wake up"): never a typo to correct.
LEXICON_WORDS = _words_of(
    *(pattern for pattern, _ in NEED_SIGNS),
    *(pattern for pattern, _ in STATE_SIGNS),
    CALL_SIGN[0],
    *CONDITIONS.values(),
    *(phrase for phrases in KIND_WORDS.values() for phrase in phrases),
    *(phrase for group in SYNONYMS for phrase in group),
)
