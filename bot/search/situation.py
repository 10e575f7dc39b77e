"""Reading the person's situation out of a question: age, intoxication, holds, time, intent.

``read_situation`` is pure: the moment "now" is passed in. It also marks which parts of the
question it used, so the matcher can drop pure situation words ("16yo", "at 2am") and treat
descriptive ones ("drunk", "5150") as optional extra evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from bot.search.lexicon import (
    ASKING_PATTERNS,
    CONDITIONS,
    DANGEROUS_BAC,
    LANGUAGES,
    MEDICAL_EMERGENCIES,
    NO_TRANSPORT,
    NOT_A_DESTINATION,
    TRANSPORT_PATTERNS,
)
from bot.search.moment import read_moment
from bot.search.places import NO_PLACES, Places
from bot.search.text import DIGIT, fold, folded_pattern
from bot.search.wants import affirmed, calls_for_help, read_wants
from bot.status import Statuses

AgeGroup = Literal["minor", "adult", "older adult"]
Span = tuple[int, int]

ADULT_AGE = 18
OLDER_THAN = 26  # "elderly", "older guy": older than this, whatever the number
OLDER_AGE = 55  # a place taking only people this old or older is for older adults
PERSON_SERVICE = 1.0  # how much a veteran wants a veterans' service, someone with I/DD an I/DD one
IN_CRISIS_SERVICE = 0.4  # ...a suicidal veteran


@dataclass(frozen=True)
class Situation:
    """What the question says about the person and the moment. ``None`` means not stated."""

    at: datetime
    time_stated: bool = False
    placement: bool = False  # somewhere or someone is wanted
    transport: bool = False  # the officer is taking the person somewhere
    goes: bool = False  # the person will go to a place ("willing to go somewhere"), not call
    age: int | None = None
    age_group: AgeGroup | None = None
    intoxicated: bool | None = None
    bac: float | None = None
    involuntary: bool | None = None
    hold: str | None = None
    violent: bool | None = None
    idd: bool | None = None
    veteran: bool | None = None
    language: str | None = None
    walk_in: bool = False  # the person walks in: no police drop-off needed
    on_own: bool = False  # the person calls or goes on their own: no police drop-off either
    cleared: bool = False  # already medically cleared: a place that needs it is no detour
    uncleared: bool = False  # said not to be medically cleared yet: such a place cannot take them
    lonely: bool = False  # lonely, wants to chat: not a crisis
    nearest: bool = False  # the closest place is wanted ("closest spot for the exam")
    conditions: frozenset[str] = frozenset()  # CONDITIONS stated ("passed out", "hit his head")
    wants: Mapping[str, float] = field(default_factory=dict)  # resource kind -> how well it fits
    needed: frozenset[str] = frozenset()  # kinds a need stated calls for ("get clean"), not named
    place: str | None = None  # a place served, as the knowledge base's ``area`` names it
    # what places report about tonight (bot.status), applied like the moment asked
    statuses: Statuses = field(default_factory=dict, repr=False, compare=False)
    # the places the asking agency serves (its workspace's setting): the default "where"
    areas: tuple[str, ...] = field(default=(), compare=False)
    drop_spans: tuple[Span, ...] = field(default=(), repr=False, compare=False)
    soft_spans: tuple[Span, ...] = field(default=(), repr=False, compare=False)

    @property
    def just_talk(self) -> bool:
        """Someone to talk to is all that is wanted: "lonely", "wants somebody to chat with"."""
        return self.lonely and "suicidal" not in self.conditions

    @property
    def substance_use(self) -> bool:
        """Drink or drugs are part of it: intoxicated, withdrawing, or wanting detox."""
        return (
            bool(self.intoxicated)
            or "withdrawal" in self.conditions
            or (self.wants.get("detox", 0.0) >= 1.0)
        )

    @property
    def is_older(self) -> bool:
        """An older adult: "elderly", "sixty-something", "72"."""
        if self.age is not None:
            return self.age >= OLDER_AGE
        return self.age_group == "older adult"

    @property
    def is_minor(self) -> bool | None:
        if self.age is not None:
            return self.age < ADULT_AGE
        return None if self.age_group is None else self.age_group == "minor"

    @property
    def calls_for_help(self) -> bool:
        """The need is someone to call or to come out (a line, a team), not a place to go."""
        best = max(self.wants.values(), default=0.0)
        return best > 0 and any(k in NOT_A_DESTINATION for k, w in self.wants.items() if w == best)

    @property
    def medical_emergency(self) -> bool:
        """Needs an emergency department first: unresponsive, injured, overdosed, BAC ≥ .30."""
        return bool(self.conditions & MEDICAL_EMERGENCIES) or (
            self.bac is not None and self.bac >= DANGEROUS_BAC
        )

    @property
    def stated(self) -> tuple[str, ...]:
        """Which facts about the person the question states."""
        facts = {
            "age": self.age_group, "intoxication": self.intoxicated, "hold": self.involuntary,
            "violence": self.violent, "idd": self.idd, "veteran": self.veteran,
            "language": self.language, "place": self.place,
            "conditions": self.conditions or None,
        }  # fmt: skip
        return tuple(name for name, value in facts.items() if value is not None)

    @property
    def states_needs(self) -> bool:
        """Whether anything said about the person can rule a place in or out."""
        return bool(self.stated)

    @property
    def describes_a_person(self) -> bool:
        """Enough about someone to look for a place: "drunk 16yo", "combative", "guy on a
        5150", but not a bare hold name ("baker act?"), which is a question about the word,
        nor "the guy we brought in"."""
        weak = {"hold", "place", "language", "conditions"}
        if self.age is None and self.age_group == "adult":
            weak.add("age")  # "the guy we brought in" says little
        return len(self.stated) >= 2 or bool(set(self.stated) - weak)

    def as_dict(self) -> dict[str, Any]:
        """The stated facts only, for JSON output and logs."""
        out: dict[str, Any] = {}
        for name in ("age", "age_group", "intoxicated", "bac", "involuntary", "hold", "violent",
                     "idd", "veteran", "language"):  # fmt: skip
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.walk_in:
            out["walk_in"] = True
        if self.conditions:
            out["conditions"] = sorted(self.conditions)
        if self.medical_emergency:
            out["medical_emergency"] = True
        if self.wants:
            out["wants"] = sorted(self.wants, key=lambda kind: -self.wants[kind])
        if self.place:
            out["place"] = self.place
        if self.time_stated:
            out["time"] = self.at.isoformat(timespec="minutes")
        out["placement"] = self.placement
        return out


_YEARS = re.compile(r"\d\s*-?\s*(?:years?|yrs?)\b")
_BEFORE_A_DURATION = folded_pattern(
    r"\b(?:for|past|last|over|in|after|nearly|almost)(?:\s+(?:like|about|around|almost|nearly|"
    r"over|the|past|last|a good))*\s*$"
)
_AFTER_A_DURATION = folded_pattern(r"\s*(?:ago|clean|sober|straight|now|running|of)\b")
_AGE_PATTERNS = (
    folded_pattern(r"\b(\d{1,3})\s*-?\s*(?:years?|yrs?|y/?o|y\.o\.?|yoa)(?:\s*-?\s*old)?\b"),
    folded_pattern(r"\b(\d{1,3})\s*-?\s*(?:year|yr)\s*-?\s*old\b"),
    folded_pattern(r"\bage[sd]?\s*(?:is\s*|of\s*)?(\d{1,3})\b"),
    folded_pattern(r"\b(\d{1,3})\s*(?:yom|yof|y/o\s*[mf])\b"),
    # officer shorthand: "veteran, 58", "male 34", "son is 26", "34 m", "16F"
    folded_pattern(
        r"\b(?:male|female|man|woman|guy|veteran|vet|adult|subject|patient|pt|juvenile|juv|"
        r"kid|juvie|juvi|boy|girl|son|daughter|he|she|hes|shes)(?:\s+[mf])?(?:\s*,|\s+is|\s+was|'s)?"
        r"(?:\s+(?:maybe|about|around|approx|like|probably|prob|looks|looks like))?"
        r"\s*(\d{1,2})\b(?!['’]\s*\d)(?!\s*(?:am|pm|foot|inches|inch|"
        r"a\.m|p\.m|:|hours?|hrs?|min|minutes|times|calls|people|officers|days|weeks|months|"
        r"blocks|miles|mi|feet|ft|beers|drinks|shots|pills|%))"
    ),
    folded_pattern(r"\b(\d{1,2})\s*(?:m|f|male|female)\b"),
    # "m 19", "f, 60", "m15" (not "m4", a rifle)
    folded_pattern(
        r"^\s*[mf](?:\s*,\s*|\s+|(?=\d\d))(\d{1,2})\b(?!\s*(?:am|pm|:|hours?|hrs?|min))"
    ),
    folded_pattern(r"\b(\d{1,2})(?:st|nd|rd|th)\s+birthday\b"),
    folded_pattern(r"\bturn(?:ed|s|ing)?\s+(\d{1,2})\b"),
    folded_pattern(r"\b(\d{1,2})\s*-?ish\b"),
    folded_pattern(
        r"(?:~|\babout |\bapprox\.? |\bapproximately |\broughly )\s*(\d{2})\b"
        r"(?!\s*(?:am|pm|:|hours?|hrs?|min|minutes|mins|days?|weeks?|miles?|mi\b|%))"
    ),
    folded_pattern(r"\b[mf]\s*/\s*(\d{1,2})\b|\b(\d{1,2})\s*/\s*[mf]\b"),
    # a number standing alone between commas or at the start: "17, drunk at a party",
    # "just drunk, not in crisis, 28."
    folded_pattern(r"(?:^|[,;])\s*(\d{1,2})\s*(?:[,;]|\.(?!\d)|$)"),
)
_MINOR_WORDS = folded_pattern(
    r"\b(teen|teens|teenager|teenage|juvenile|juv|juvi|juvie|minor|minors|kid|kids|child|children|"
    r"adolescent|youth|boy|girl|underage|under 18|high school(?:er)?|middle school(?:er)?)\b"
)
_ADULT_WORDS = folded_pattern(
    r"\b(adult|adults|grown|elderly|senior|older adult|over 18|18\+|man|men|woman|women|guy|"
    r"lady|gentleman|husband|wife|mom|dad|mother|father|grandma|grandpa|grandmother|"
    r"grandfather)\b"
)
# children with the person, not the person: "she has 2 kids with her", "with her kids"
_COMPANIONS = folded_pattern(
    r"\b(?:has|have|had|with|w/?|and)\s+(?:(?:her|his|their|the)\s+)?(?:\d+|two|three|four|"
    r"five|a few|some)?\s*(?:kids|children|little ones|babies)\b|"
    # looked after elsewhere: "kids are staying w grandma", "her kids are with dad"
    r"\b(?:her|his|their|the)?\s*(?:kids|children)\s+(?:are|r)\s+(?:staying|with|w/?|at|safe)"
    r"(?:\s+(?:with|w/?|at))?(?:\s+(?:her|his|their|the|my))?(?:\s+[\w']+)?"
)
# older than any youth service's ages, whatever the number: "elderly", "older guy"
_OLDER_WORDS = folded_pattern(
    r"\b(elderly|older (?:man|men|woman|women|lady|guy|gentleman|male|female|adult|person|"
    r"couple|fella|gent)|old (?:man|woman|lady|guy|gentleman|timer|fella)|senior citizen|"
    r"middle[\s-]aged|geriatric|grand(?:ma|pa|mother|father)|retiree)\b"
)
_DECADE = folded_pattern(r"\b(?:in (?:his|her|their) |(?<!\d))([2-9])0'?s\b")
_TENS = ("twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet")
_DECADE_WORDS = folded_pattern(
    r"\b(" + "|".join(_TENS) + r")(?:y|ies)(?:[\s-]*(?:something|ish|odd))?\b"
)

_BAC = (
    folded_pattern(
        r"\b(?:bac|bal|brac|blood alcohol(?: content| level)?|breathalyz\w*|breathalys\w*|"
        r"breath test|intoxilyz\w*|pbt)\W*"
        r"(?:(?:of|is|was|at|around|about|approx\w*|roughly|near|like|maybe|a|an|=|:)\W*){0,3}"
        r"(0?\.\d{1,3})"
    ),
    folded_pattern(r"\b(?:blew|blow|blows|blowing|blown)\s+(?:a\s+|an\s+)?(0?\.\d{1,3})"),
    # a reading right after the word for it: "drunk, .14"
    folded_pattern(r"\b(?:drunk|intoxicated|intox|etoh|drinking|hammered|wasted)\W{1,4}(0?\.\d{2,3})\b"),
    folded_pattern(r"(?<![\d.])(0?\.\d{1,3})\s*(?:on the |on |bac|bal|brac|pbt|blood alcohol)"
        r"(?:pbt|breath\w*|bac)?\b"),
    # the person "at" a reading: "hes at .22", "she's around .18"
    folded_pattern(r"\b(?:he|she|they)(?:'?s|'?re| is| was| are)? (?:at|around|about) "
        r"(0?\.\d{2,3})\b"),
)  # fmt: skip
# a reading said alone (".17", "for a .27"), where drink is the subject: not a calibre
_BARE_BAC = folded_pattern(
    r"(?<![\w.])(0?\.[0-4]\d)(?![\d.])(?!\s*(?:cal\w*|revolver|pistol|rifle|handgun|gun|special|"
    r"magnum|acp|auto|rounds?|ammo|mm|miles?|mi\b|%))"
)
_ABOUT_DRINK = folded_pattern(r"\b(?:sober\w*|detox|drink\w*|drunk|alcohol|booze|intox\w*|etoh)")
_INTOXICATED = folded_pattern(
    r"\b(drunks?|intoxicated|intox|inebriated|etoh|wasted|hammered|tipsy|buzzed|lit|tanked|"
    r"plastered|sauced|blitzed|trashed|loaded|faded|(?:reeks?|smell(?:s|ing)?) (?:of|like) "
    r"(?:booze|alcohol|etoh|beer|liquor|weed)|under the "
    r"influence|drinking|been drinking|drank|(?:a|of a|half a|whole) fifth|high on \w+|"
    r"(?<!in )(?<!very )high(?! school| risk| "
    r"rise| functioning| utilizer| utilizers)|tweaking|tweaker|on meth|on drugs|on something|"
    # "bac" alone is a criterion ("max bac"); a reading counts
    r"overdos\w*|od'?d|smashed|pounding (?:shots|beers|drinks|them)|doing shots|"
    r"(?:smoked|took|ate|snorted|popped|vaped|dropped) (?:something|some \w+|an? edibles?|"
    r"edibles|a bowl|a blunt|a joint|acid|shrooms|molly|a pill|pills)|edibles?)\b"
)
_SOBER = folded_pattern(
    r"\b(sober(?! up| ing)|(?:not|isn'?t|wasn'?t|never) (?:been )?(?:drunk|intoxicated|high|"
    r"impaired|under the influence|drinking|using)|no (?:alcohol|drugs|etoh|booze|substances?|"
    r"drinking|drink|using|dope)|(?:hasn'?t|has not|hadn'?t) been (?:drinking|using)|"
    r"(?:didn'?t|doesn'?t|does not|did not|hasn'?t|has not) (?:\w+ )?(?:drink|use|had a drink)|"
    r"nothing on board|clean and sober|"
    r"(?:been )?(?:clean|dry|off the bottle|off (?:the )?(?:booze|drugs|dope)) (?:for )?"
    r"(?:like |about |almost |over )?(?:\d+|a|one|two|three|four|five|six) ?(?:days?|weeks?|wks?|"
    r"months?|mos?|years?|yrs?)|"
    r"(?:\d+|a|one|two|three|four|five|six) ?(?:days?|weeks?|wks?|months?|mos?|years?|yrs?) "
    r"(?:clean|dry|sober))\b"
)
_UNTIL_SOBER = folded_pattern(
    r"\b(?:till|until|til)\b[^.,;]{0,15}\b(?:sober|(?:not|no longer) (?:drunk|intoxicated|high))"
    r"\b|\b(?:get|gets|getting)\b[^.,;]{0,15}\bsober\b|\bsober(?:s|ing)? up\b"
)
_HOLDS = (
    ("5150", r"\b5150(?:'?d|ed)?\b"),
    ("5585", r"\b5585\b"),
    ("Baker Act", r"\bbaker\s*act(?:ed)?\b"),
    ("Marchman Act", r"\bmarchman(?:\s*act(?:ed)?)?\b"),
    ("302", r"\b302(?:'?d|ed)?\b"),
    ("ECO", r"\beco\b|\bemergency custody order\b"),
    ("TDO", r"\btdo\b|\btemporary detention order\b"),
    ("Section 12", r"\bsec(?:tion|\.)?\s*12\b"),
    ("Section 35", r"\bsec(?:tion|\.)?\s*35\b"),
    ("9.39", r"\b9\.39\b"),
    ("pink slip", r"\bpink[\s-]*slip(?:ped)?\b"),
    ("emergency detention", r"\bemergency detention\b|\bemergency detained\b|\bed order\b"),
    ("mental health warrant", r"\bmental health warrant\b"),
    ("involuntary hold", r"\binvoluntar\w*|\b(?:on|under) an? (?:\w+ )?hold\b|"
                         r"\b(?:psych|mental health|emergency|72[\s-]*hour|72[\s-]*hr) hold\b|"
                         r"\bcivil(?:ly)? commit\w*|\bdetention\b|\bdetain(?:ed|ing|s)?\b|"
                         r"\bhold (?:him|her|them|someone|somebody|a \w+) for\b|"
                         r"\bon an? (?:24|48|72|96|120)[\s-]*(?:hours?|hrs?|h)\b(?! shift)|"
                         r"\bholds\b|"
                         r"\bpetition(?:ed|ing)\b|\b(?:on|under) (?:a|the) petition\b|"
                         r"\bcourt[\s-]*order(?:ed)? (?:eval\w*|exam\w*|treatment|hold|"
                         r"admission|commitment|detention)\b|"
                         r"\b(?:got|have|has|had|put|placed|placing|putting) an? (?:\w+ )?hold\b"
                         r"(?! of)|"
                         # "committed adult", "both certs done", "he's been certified"
                         r"\b(?:been |got |was |is )?committed (?:adult|male|female|pt|patient|"
                         r"guy|man|woman|person|juvenile|minor|kid|teen)\b|"
                         r"\b(?:certs?|certificates?|papers?) (?:are |is )?"
                         r"(?:done|signed|completed)\b"),
)  # fmt: skip
_HOLD_PATTERNS = tuple((name, folded_pattern(pattern)) for name, pattern in _HOLDS)
_ANY_HOLD = folded_pattern("|".join(f"(?:{pattern})" for _, pattern in _HOLDS))
_VOLUNTARY = folded_pattern(
    r"\b(voluntar\w*|willing|wants help|self[\s-]*referr?\w*|consents?|agrees? to go)\b"
)
_CLEARED = folded_pattern(
    r"\b(?:medically|med|medical(?:ly)?) clear(?:ed|ance done)\b|\balready cleared\b|"
    r"\bcleared (?:(?:him|her|them) )?(?:medically|by (?:the )?(?:er|ed|hospital|doc\w*|ems))\b|"
    r"\bmedically (?:fine|stable|ok)\b|"
    # already seen in an emergency department: the next stop is a psychiatric bed
    r"\b(?:er|ed|hospital) (?:doc\w*|physician|cleared)\b|"
    r"\b(?:doc\w*|physician|psychiatrist) (?:at|in) (?:the )?(?:[\w']+ ){0,3}(?:er|ed)\b|"
    r"\b(?:in|at) the (?:er|ed) (?:and|now|already|waiting|for)\b|"
    r"\b(?:sitting|waiting|stuck|been) (?:at|in) (?:the )?(?:[\w']+ ){0,2}(?:er|ed)\b|"
    r"\bexam\w* (?:says|said|found|recommends?) (?:commit\w*|admit\w*|inpatient)\b|"
    # certified by a clinician after an exam: "the psychiatrist certified her", "both certs done"
    r"\b(?:psychiatrist|doc\w*|physician|clinician)s? (?:certified|committed)\b|"
    r"\b(?:was|been|got|is|were) (?:\w+ )?certified\b|"
    r"\b(?:both (?:certs?|certificates?)|(?:certs|certificates) (?:are |were )?(?:both )?"
    r"(?:done|signed|completed)|(?:cert|certificate) both (?:done|signed|completed))\b"
)
_NOT_CLEARED = folded_pattern(
    r"\bnot (?:yet |been )?(?:medically )?cleared\b|\bha(?:s|ve)n'?t been (?:medically )?"
    r"cleared\b|\bneeds? (?:to be |to get )?(?:medically )?cleared\b|"
    r"\b(?:needs? (?:a )?|no )medical clearance\b"
)
_NEAREST = folded_pattern(r"\b(?:closest|nearest|closer|close by|nearby|near here|close to here)\b")
_LONELY = folded_pattern(
    r"\b(?:lonely|loneliness|isolated|(?:someone|somebody|anyone|anybody) to (?:chat|vent)|"
    r"chat with|not (?:in )?(?:a )?crisis)\b"
)
# (not "walkin n talkin fine", "walkin ok": walking, the dropped g)
_WALK_IN = folded_pattern(
    r"\bwalk(?:s|ing)?[\s-]*in\b(?!\s*(?:n|and|&)\s*talk|\s+(?:fine|ok|okay|around|straight|"
    r"normal|good|on his own|on her own))"
)
# the person will go to a place, however they get there: not a line, nor a team
_GOES = folded_pattern(
    r"\b(?:willing|wants?|ready|agree[sd]?|ok|okay|fine|happy) to go (?:somewhere|someplace)\b"
)
# the person goes or calls on their own: "she'll call", "calls herself", "self-refer"
_ON_OWN = folded_pattern(
    r"\bon (?:his|her|their) own\b|\bby (?:him|her|them)sel(?:f|ves)\b"
    r"|\b(?:he|she|they)(?:'ll| will| can| could| would)? (?:call|phone)s?\b"
    r"(?! (?:us|911|the cops|police))"
    r"|\bcall(?:s|ed|ing)? (?:him|her|them)sel(?:f|ves)\b|\bself[\s-]?refer\w*"
    r"|\basking for (?:it|help|treatment) (?:him|her|them)sel(?:f|ves)\b"
    r"|\b(?:set|sets|setting) it up (?:him|her|them)sel(?:f|ves)\b"
    # getting there without the police: "can get herself there", "her sister can drive her"
    r"|\b(?:get|take|drive|walk)s? (?:him|her|them)sel(?:f|ves) (?:there|over|in)\b"
    r"|\b(?:sister|brother|mom|mother|dad|father|wife|husband|partner|family|friend|son|"
    r"daughter|parents?|aunt|uncle|roommate|girlfriend|boyfriend)s? (?:can|will|could|is going to"
    r"|'ll|wants to|offered to)? ?(?:drive|take|bring|give) (?:her|him|them)\b"
)
_VIOLENT = folded_pattern(
    r"\b(violent|violence|combative|assaultive|aggressive|agitated and hitting|fighting|"
    r"swinging|swung|shoving|shoved|hitting (?:him|her|them|us|staff|people|his|her)|"
    r"hit (?:him|her|them|us|staff|his|her|an? \w+)|punching|punched|"
    r"kick(?:ing|ed)\b(?! (?:\w+ )?out\b)|biting|spitting|spat|assault\w*|attacked|"
    r"(?:threw|throw|throws|throwing|took|taking|takes) (?:a )?(?:punch|swing)\w*|"
    r"belligerent|out of control|"
    # "threatening suicide" is not violence toward others
    r"threatening (?:others|staff|officers|people|us|family|him|her|them|to (?:hit|hurt|kill|"
    r"harm|stab|shoot) (?:us|them|him|her|others|someone|people|staff|family|his \w+|"
    r"her \w+)))\b"
)
_CALM = folded_pattern(r"\b(calm|cooperative|non[\s-]*violent|not violent|compliant)\b")
_IDD = folded_pattern(
    r"\b(autis\w*|asd|i/dd|idd|intellectual(?:ly)? disab\w*|developmental(?:ly)? disab\w*|"
    r"developmentally delayed|down syndrome|cognitive disab\w*|special needs|nonverbal|"
    r"non-verbal)\b"
)
# "va" is the VA, except where it is Virginia ("in va", "va law")
_VETERAN = folded_pattern(
    r"\b(veteran|veterans|vet|military|army|navy|marine|marines|air force|(?<!\bin )va(?! law)|"
    r"(?:did|served|pulled) (?:\w+ )?tours?|deployments?|combat)\b"
)
_LANGUAGE = folded_pattern(
    r"\b(" + "|".join(sorted((re.escape(x) for x in LANGUAGES), key=len, reverse=True)) + r")"
    r"(?:[\s-]+(?:speaking|speaker|only))?\b|\bonly speaks (\w+)\b|\bdeaf\b"
)
# each set searched as one pattern: a question is read by some sixty patterns, and one scan
# costs about what one pattern of a set does
_TRANSPORT = folded_pattern("|".join(f"(?:{p})" for p in TRANSPORT_PATTERNS))
_ASKING = folded_pattern("|".join(f"(?:{p})" for p in ASKING_PATTERNS))
_NO_TRANSPORT = folded_pattern(NO_TRANSPORT)
_CONDITIONS = tuple(
    (name, folded_pattern(r"\b(?:" + pattern + r")")) for name, pattern in CONDITIONS.items()
)
_ANY_CONDITION = folded_pattern(r"\b(?:" + "|".join(f"(?:{p})" for p in CONDITIONS.values()) + ")")

# what happened to someone else, not the person's own state: "lost a buddy to suicide last
# week", "his brother's overdose"
_OTHERS_CONDITION = folded_pattern(
    r"\blost (?:a|an|his|her|their|my|one|two|\w+) (?:[\w']+ ){0,2}to (?:an? )?(?:suicide|"
    r"overdose|od)\b|\b(?:buddy|friend|brother|sister|son|daughter|wife|husband|dad|father|"
    r"mom|mother|partner|cousin|kid|child)(?:'s|s)? (?:suicide|overdose|od)\b|"
    r"\b(?:suicide|overdose) of (?:his|her|their|a|an) \w+"
)


@dataclass(frozen=True)
class LocalHolds:
    """The hold names a knowledge base's glossary defines (see ``hold_names``)."""

    names: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (hold, a pattern that finds it)
    # every name in a few patterns: most questions name no hold, and a short scan says so
    # (one pattern of every name is five times slower than these few)
    scans: tuple[re.Pattern[str], ...] = ()


NO_LOCAL_HOLDS = LocalHolds()


def read_situation(
    question: str,
    now: datetime,
    local_holds: LocalHolds = NO_LOCAL_HOLDS,
    places: Places = NO_PLACES,
) -> Situation:
    """Parse ``question`` asked at ``now`` (timezone-aware, in the knowledge base's zone).

    ``local_holds`` adds hold names the knowledge base's glossary defines ("M-9");
    ``places`` are the places its resources serve (see ``places.place_names``).
    """
    text = fold(question)
    drop: list[Span] = []
    soft: list[Span] = []

    veteran = True if _mark(_VETERAN, text, soft) else None
    idd = True if _mark(_IDD, text, soft) else None
    own = _OTHERS_CONDITION.sub(lambda m: " " * len(m.group(0)), text)  # "lost a buddy to suicide"
    conditions = frozenset(
        name
        for name, rx in (_CONDITIONS if _ANY_CONDITION.search(own) else ())
        if any(affirmed(m, own, soft) for m in rx.finditer(own))
    )
    # a service for who the person is suits them: a vet centre, an I/DD team (though a vet
    # centre's counselling is no crisis care for a suicidal veteran)
    person: dict[str, float] = {}
    if veteran:
        person["veterans"] = IN_CRISIS_SERVICE if "suicidal" in conditions else PERSON_SERVICE
    if idd:
        person["idd_services"] = PERSON_SERVICE
    wanted = read_wants(text, soft, person)
    age, age_group = _age(text, drop, soft)
    bac = _first_float(_BAC, text, drop)
    if bac is None and _ABOUT_DRINK.search(text):
        bac = _first_float((_BARE_BAC,), text, drop)
    intoxicated: bool | None = None
    if _SOBER.search(_UNTIL_SOBER.sub(" ", text)):  # "crash till he's sober" is not sober
        intoxicated = False
        soft.extend(m.span() for m in _SOBER.finditer(text))
    elif bac is not None or _INTOXICATED.search(text):
        intoxicated = True
        soft.extend(m.span() for m in _INTOXICATED.finditer(text))
    if wanted.weights.get("sobering_center", 0.0) >= 1.0 and intoxicated is None:
        intoxicated = True  # "somewhere he can sleep it off"
    if veteran and age_group is None:
        age_group = "adult"

    # named holds first (built-in, then the knowledge base's), the generic "on a hold" last
    holds = (*_HOLD_PATTERNS[:-1], *local_holds.names, _HOLD_PATTERNS[-1])
    named = (
        [(name, rx) for name, rx in holds if rx.search(text)]
        if _ANY_HOLD.search(text) or any(rx.search(text) for rx in local_holds.scans)
        else []
    )
    hold = next(
        (name for name, rx in named if any(affirmed(m, text, soft) for m in rx.finditer(text))),
        None,
    )
    involuntary: bool | None = True if hold else None
    if hold:
        soft.extend(m.span() for _, rx in named for m in rx.finditer(text))
    elif _VOLUNTARY.search(text):
        involuntary = False
        soft.extend(m.span() for m in _VOLUNTARY.finditer(text))
    elif named:
        involuntary = False  # every hold named is denied: "not on a hold"
    violent = _flag(_VIOLENT, _CALM, text, soft)

    place = places.find(text, soft)
    language = _language(text, soft)
    walk_in = _mark(_WALK_IN, text, soft)
    on_own = _mark(_ON_OWN, text, soft)
    uncleared = bool(_NOT_CLEARED.search(text))
    cleared = _mark(_CLEARED, text, soft) and not uncleared  # not "not medically cleared"
    lonely = _mark(_LONELY, text, soft)
    at, time_stated = read_moment(text, now, drop)
    transport = bool(_TRANSPORT.search(text)) and not _NO_TRANSPORT.search(text)
    placement = transport or bool(_ASKING.search(text))
    situation = Situation(
        at=at,
        time_stated=time_stated,
        placement=placement,
        transport=transport,
        age=age,
        age_group=age_group,
        intoxicated=intoxicated,
        bac=bac,
        involuntary=involuntary,
        hold=hold,
        violent=violent,
        idd=idd,
        veteran=veteran,
        language=language,
        walk_in=walk_in,
        on_own=on_own,
        goes=bool(_GOES.search(text)),
        cleared=cleared,
        uncleared=uncleared,
        lonely=lonely,
        nearest=bool(_NEAREST.search(text)),
        conditions=conditions,
        wants=wanted.weights,
        needed=wanted.needed,
        place=place,
        drop_spans=tuple(drop),
        soft_spans=tuple(soft),
    )
    if situation.describes_a_person and not transport and calls_for_help(text):
        # "... yelling at cars, who do I call": a team or a line, as well as a place
        calling = read_wants(text, [], person, calling=True)
        situation = replace(situation, wants=calling.weights, needed=calling.needed)
    return situation


# a definition saying what a hold does: "lets police take into custody", "emergency admission"
_INVOLUNTARY = folded_pattern(
    r"\binvoluntar|\binto (?:protective )?custody\b|\bemergency (?:admission|hospitalization|"
    r"evaluation|examination|commitment|detention)\b"
)
_VOLUNTARY_ONLY = folded_pattern(r"(?<!in)voluntar")
_HOLD_WORDS = folded_pattern(
    r"\b(hold|detention|commitment|custody order|detention order|involuntary|emergency "
    r"(?:admission|hospitalization|evaluation|custody)|protective custody|court[\s-]ordered "
    r"evaluation)\b"
)


EXPANSION_WORDS = 6  # a definition's first sentence this short only spells out the term


def hold_names(glossary: Iterable[tuple[str, Sequence[str], str]]) -> LocalHolds:
    """Hold names a knowledge base defines: glossary terms that call themselves a hold in
    their name or aliases ("M-9 hold", alias "M9"), or whose definition opens by saying it
    is involuntary ("1013: Georgia's certificate for involuntary emergency evaluation"; "PEC:
    Physician's Emergency Certificate. Allows involuntary treatment for up to 15 days"), or
    is another hold's ("Pink paper: slang for the Section 12(a) form"). A hold named with a
    number is also said by the number ("on a 12"). ``glossary`` yields (term, aliases,
    definition)."""
    terms = [(term, aliases, _opening(definition)) for term, aliases, definition in glossary]
    holds = [(term, _spellings(term, aliases)) for term, aliases, opening in terms
             if _calls_itself_a_hold(term, aliases, opening)]  # fmt: skip
    found = [rx for _, spellings in holds for rx in _hold_patterns(spellings)]
    for term, aliases, opening in terms:
        if (
            not _calls_itself_a_hold(term, aliases, opening)
            and any(rx.search(opening) for rx in found)
            and not _VOLUNTARY_ONLY.search(_INVOLUNTARY.sub(" ", opening))
        ):
            holds.append((term, _spellings(term, aliases)))
    every = sorted({s for _, spellings in holds for s in spellings}, key=len)
    return LocalHolds(
        names=tuple((term, rx) for term, spellings in holds for rx in _hold_patterns(spellings)),
        scans=tuple(_hold_patterns(every)) if every else (),
    )


def _opening(definition: str) -> str:
    """A definition's first sentence, or two when the first only spells out the term."""
    sentences = re.split(r"(?<=[.])\s", fold(definition), maxsplit=2)
    if len(sentences[0].split()) <= EXPANSION_WORDS and len(sentences) > 1:
        return f"{sentences[0]} {sentences[1]}"  # "Physician's Emergency Certificate."
    return sentences[0]


def _calls_itself_a_hold(term: str, aliases: Sequence[str], opening: str) -> bool:
    names_it = fold(" ".join((term, *aliases)))
    if not (_HOLD_WORDS.search(names_it) or _INVOLUNTARY.search(opening)):
        return False
    # "201", alias "voluntary commitment": the person agrees; no hold
    return not _VOLUNTARY_ONLY.search(_INVOLUNTARY.sub(" ", f"{names_it} {opening}"))


def _spellings(term: str, aliases: Sequence[str]) -> list[str]:
    return sorted({fold(s) for s in (term, *aliases) if len(s.strip()) >= 2}, key=len)


def _hold_patterns(spellings: Sequence[str]) -> list[re.Pattern[str]]:
    """A hold's ``spellings`` (shortest first) as said ("section 12", "pink papered"); for a
    hold named with a number, also the number said alone ("on a 12", not "a 12 hour shift"),
    in patterns of their own that open with a literal, which the regex engine scans for
    quickly."""
    # spaced or hyphenated either way, an abbreviation's dot left out ("ch 51 hold" for "Ch.
    # 51 hold"), inflected ("PEC'd", "emergency petitions")
    flexible = [re.escape(s).replace(r"\ ", r"[\s-]*").replace(r"\-", r"[\s-]*")
                .replace(r"\.[\s-]*", r"\.?[\s-]*") for s in reversed(spellings)]  # fmt: skip
    patterns = [re.compile(r"(?<!\w)(?:" + "|".join(flexible) + r")(?:'?d|ed|ing|s)?(?!\w)")]
    numbers = sorted({n for s in spellings for n in re.findall(r"(?<![\w.])\d{1,4}(?![\w.])", s)})
    if numbers:
        alone = rf" (?:{'|'.join(numbers)})(?!\w|\s*(?:hours?|hrs?|h\b|days?|min|am\b|pm\b|:))"
        patterns += [re.compile(r"\bon an?" + alone), re.compile(r"\bgot an?" + alone)]
        # "125 papers on her", "a 229 order"
        patterns.append(
            re.compile(
                rf"(?<![\w.])(?:{'|'.join(numbers)}) (?:papers?|paperwork|order|petition|warrant)\b"
            )
        )
    return patterns


def _for_years(text: str, match: re.Match[str]) -> bool:
    """Whether "N years" (not "N years old", "N y/o") is a length of time."""
    said = match.group(0)
    return bool(
        _YEARS.search(said)
        and "old" not in said
        and (
            _BEFORE_A_DURATION.search(text, 0, match.start())
            or _AFTER_A_DURATION.match(text, match.end())
        )
    )


def _age(text: str, drop: list[Span], soft: list[Span]) -> tuple[int | None, AgeGroup | None]:
    for pattern in _AGE_PATTERNS if DIGIT.search(text) else ():  # each needs a number
        match = pattern.search(text)
        if match and _for_years(text, match):
            continue  # "on oxy for like 6 yrs", "2 years clean": how long, not how old
        number = next((g for g in match.groups() if g), None) if match else None
        if match and number and 0 < int(number) <= 120:
            drop.append(match.span())
            age = int(number)
            return age, "minor" if age < ADULT_AGE else "adult"
    decade = _DECADE.search(text)
    if decade:
        drop.append(decade.span())
        return int(decade.group(1)) * 10, "adult"
    decade = _DECADE_WORDS.search(text)
    if decade:
        drop.append(decade.span())
        return (_TENS.index(decade.group(1)) + 2) * 10, "adult"
    companions = [m.span() for m in _COMPANIONS.finditer(text)]
    soft.extend(companions)  # a place taking "survivors and their children" may say so
    people = _COMPANIONS.sub(lambda m: " " * len(m.group(0)), text)
    for pattern, group in (
        (_MINOR_WORDS, "minor"),
        (_OLDER_WORDS, "older adult"),
        (_ADULT_WORDS, "adult"),
    ):
        match = pattern.search(people)
        if match:
            soft.append(match.span())  # the word stays searchable ("youth" services)
            return None, group
    return None, None


def _first_float(
    patterns: tuple[re.Pattern[str], ...], text: str, drop: list[Span]
) -> float | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            drop.append(match.span())
            return float(match.group(1))
    return None


def _mark(pattern: re.Pattern[str], text: str, soft: list[Span]) -> bool:
    found = [m.span() for m in pattern.finditer(text)]
    soft.extend(found)
    return bool(found)


def _flag(yes: re.Pattern[str], no: re.Pattern[str], text: str, soft: list[Span]) -> bool | None:
    """True when ``yes`` is said and not denied ("not fighting"); False when ``no`` is said
    or every ``yes`` is denied; None when neither is said."""
    if _mark(no, text, soft):
        return False
    said = [affirmed(m, text, soft) for m in yes.finditer(text)]
    return any(said) if said else None


def _language(text: str, soft: list[Span]) -> str | None:
    match = _LANGUAGE.search(text)
    if not match:
        return None
    soft.append(match.span())
    if match.group(0) == "deaf":
        return "asl"
    return (match.group(1) or match.group(2)).strip()
