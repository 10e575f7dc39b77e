"""Words the redactor never takes for a name, and names that are also common words.

``ORDINARY``: the bot's own lexicon and stop words, plus a general list of common English
words and the shorthand of police and crisis work. Where a name is expected ("subj ___",
"___ 15"), a word from this list is read as what it says. The list is general on purpose:
it was written from common English and field shorthand, not from any evaluation messages.
``COMMON_NAMES``: first names that are also words ("will", "grace"); taken for a name only
where a name is very likely ("juv will 14"). ``NAMES``: given names and surnames that are
not words ("priya", "okonkwo"), taken for a name wherever they stand.
"""

from __future__ import annotations

from pathlib import Path

from bot.search.lexicon import LEXICON_WORDS, STOPWORDS

_COMMON_ENGLISH = """
a about above across act action add address adult adults after afternoon again against age
aged ages ago agree ahead air alarm alcohol alive all allow allowed almost alone along already
also always am among amount an and angry animal another answer answered answering any anybody
anyone anything anyway anywhere apart apartment appear apply appointment approved are area
areas arm army around arrest arrested arrive arrived as ask asked asking asks asleep assault
assist assistance at attack attempt attempted available avail away baby back bad bag bank bar
base based bathroom be beat became because become bed beds bedroom been before began begin
behind being believe believes below beside best better between big bike bit black blood blue
board boat body book both bottle bottom bought box boy boys brain break breathing bridge brief
bring broke broken brother brought brown building built bunch burn bus business busy but buy
by call called caller calling calls calm came camp can cannot cant car card care careful case
cases cash cause caught cell center centre certain chair chance change changed charge charged
check checked checking chest child children choice church city class clean clear cleared clerk
clinic close closed closer closest clothes club coat cold college color come comes coming
company complaint concern concerned confused contact continue control cool cop cops copy corner
cost could couldnt count county couple course court cover covered crazy cried crime crisis
cross crowd cry crying current currently custody cut cutting dad daily damage danger dangerous
dark date daughter day days dead deal death decide decided deep department depressed
depression describe description desk detail details did didnt die died different difficult
dinner direct direction directly dirty discharge discharged disorder distance do doctor does
doesnt dog doing done dont door doors down downtown drink drinking drive driver driving drop
drove drug drugs drunk dry due during each ear early earlier east easy eat eating edge either
else emergency employee empty end ended enough enter entire entrance even evening event ever
every everyone everything evidence exactly except explain eye eyes face facility fact fail
fair fall fallen false family far fast father fear feel feeling feet fell felt female few
field fight fighting figure file fill final finally find fine finger fire first five fix
floor follow followed following food foot for force form found four free friend friends from
front full further game gas gave get gets getting girl girls give given gives giving glass go
goes going gone good got grab green ground group guard guess gun guns guy guys had hair half
hall hand hands hang happen happened happening happy hard has have having he head health hear
heard heart heavy held hello help helped helping her here herself hes hey hi high highway him
himself his history hit hold holding home homeless hope hospital hot hotel hour hours house
how however huge hung hurt husband ice idea if ill im immediately in inside instead interview
into is isnt issue issues it item its itself job join joint judge jump just keep keeps kept
key kid kids kill killed kind kitchen knew knife know known lady land large last late later
law lawn lay lead learn least leave leaving left leg legal less let letter level life light
like likely line list listen little live lived lives living local location lock locked long
look looked looking looks lost lot lots loud love low lying made mail main make makes making
male man manager many market matter may maybe me mean means medical meet meeting member men
mental met middle might mile miles mind minor minute minutes miss missing mobile mom moment
money month months more morning most mother mouth move moved much must my myself name near
nearby nearest neck need needed needs neighbor neighbors neighbour never new news next nice
night nights no nobody none normal north not note nothing notice now number nurse of off
offer office officer officers often oh ok okay old older on once one ones only open opened
or order other others our out outside over own page paid pain paper parent parents park
parked parking part party pass passed past patient patrol pay people per person phone pick
picked picture piece place places plan play please plenty point police poor possible
possibly post power pretty prior probably problem problems program property provide public
pull pulled put question quick quickly quiet quite radio ran rather reach read ready real
really reason recent recently record red refuse refused refuses refusing relative release
released remember report reported reports request requested required resident rest return
returned ride right river road rock roof room rooms run running safe safety said same sat
saw say saying says scene school screaming search seat second see seeing seem seemed seems
seen self send sent service services set seven several shaking she shes shift shirt shoes
short shot should shouldnt show showed shower shut sick side sign since single sister sit
sitting situation six size sleep sleeping small smell so social some somebody someone
something sometimes somewhere son soon sorry sort sound south space speak speaking spoke spot
staff stairs stand standing start started state stated states station stay stayed staying
step still stop stopped store story street stuff subject such suddenly support supposed
sure system table take taken takes taking talk talked talking tall team tell telling ten
than thank thanks that thats the their them themselves then there these they thing things
think third this those though thought three through time times tired to today together told
tomorrow tonight too took top total toward town traffic train treatment tree tried trouble
truck true try trying turn turned twice two under understand unit until up upset upon us use
used using usual usually van very via visit voice wait waiting wake walk walked walking wall
want wanted wants warm was wasnt watch water way ways we weapon weapons week weekend weeks
well went were west what whatever when where whether which while white who whole whom whose
why wife will window with within without woman women wont word words work worked worker
working world worried worse would wouldnt write wrong yard yeah year years yell yelling yes
yesterday yet you young your yours yourself
"""

# the shorthand of reports, radio and dispatch
_FIELD_WORDS = """
adv advd advised aka approx atl bac bf bol bp cad cfs chk chks cit csu cps dcfs dept dispo
dob dui dv ed edp ems enrt enroute eta etoh evals eval fam fi fu gf goa gsw hx ia iea ivo juv
juvs leo lol mh mhp mmhg mrn msg mvc nb neg ofc omw ooc pbt pd pls plz pmhc pov pt pts ptsd
rp rpt rt sb sgt si sro stn subj subjs susp thx tx unk veh vol wb wks wk wknd wit w/m w/f b/m
b/f h/m h/f a/m a/f yo yrs hrs min mins rn sec cc dx rx meds med otc opioid opioids narcan
fentanyl meth heroin coke weed thc pills pill overdose od ods 5150 302 baker tdo ecr
ext pmhc-admin admin gaps stats reload status validate export stale crisis named juvi utl
mm mp backup onsite coop plate plates option options advise advises scared oldest youngest
elder elderly expire expires type divert diversion unit units type county since until
"""

# peoples and languages: "mom is hispanic, 40s", "subj is a hmong elder"
_PEOPLES = """
hispanic latino latina latinx white black asian native american african caucasian hmong
somali vietnamese chinese korean filipino mexican guatemalan salvadoran haitian cuban
puerto rican dominican navajo dine lakota ojibwe cherokee arab arabic russian ukrainian polish
spanish english french creole portuguese tagalog mandarin cantonese punjabi hindi urdu farsi
pashto dari swahili amharic tigrinya karen burmese nepali bhutanese
"""

# days and months, as typed ("thu", "jan", "jun" and "sun" are names too)
_CALENDAR = """
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thurs fri sat
january february march april may june july august september october november december feb
apr aug sep sept oct nov dec
"""

# state and territory codes: "DL on the subject, CA"
_STATES = """
al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm
ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc pr gu vi
"""

ORDINARY = frozenset(
    STOPWORDS
    | LEXICON_WORDS
    | set(_COMMON_ENGLISH.split())
    | set(_FIELD_WORDS.split())
    | set(_STATES.split())
    | set(_PEOPLES.split())
    | set(_CALENDAR.split())
)

COMMON_NAMES = frozenset(
    """will grace hope mark rose may jack bill hunter joy faith dawn ray art sue pat don ken
    chase rusty sunny april june summer autumn destiny angel crystal amber ruby jade ivy holly
    heather iris daisy violet robin jay dean grant wade miles frank gene earl bob sky
    star major king prince precious unique honor justice""".split()
)

# Given names and surnames that are not also words: see the file's header for its source.
NAMES = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "names.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
