"""Every textual pattern the extractor uses, in one data module.

Patterns are plain English cue words and regular expressions; nothing here names a particular
article, country pair or deal.
"""

from __future__ import annotations

import re

from armstrack.extract import prefilter

# --- dates ----------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12,
    "a dozen": 12, "several": 3, "a few": 3, "a couple of": 2, "a pair of": 2, "two dozen": 24,
    "half a dozen": 6, "a handful of": 4,
}  # fmt: skip
# Months (with year) a season covers; winter runs into the next year.
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
# EDTF level-2 codes for seasons, quarters and halves.
EDTF_SEASON = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}

_M = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_Y = r"(?:19[5-9]\d|20\d\d)(?![\d])"
_YREF = (
    rf"(?:{_Y}|this\s+year|next\s+year|last\s+year|the\s+(?:current|coming|next|following"
    r"|previous|past|same)\s+year|the\s+year)"
)
_NUM = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|several|a\s+few|a\s+couple\s+of)"
)
_ORD = r"(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"

# One alternation; alternatives are ordered most specific first (the first that matches wins).
DATE_PATTERN = prefilter.alternation(
    # Every alternative starts at a word boundary; saying so once lets the scan skip the
    # positions inside words, which makes finding dates several times faster.
    [
        r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b",
        rf"(?:(?P<rfrom>between|from)\s+)?(?P<r1>{_Y})\s*(?:-|–|—|to|and|through|until)\s*(?P<r2>{_Y}|\d\d(?![\d-]))",
        rf"\b(?P<m1>{_M})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y1>{_Y})",
        rf"\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_M}),?\s+(?P<y2>{_Y})",
        rf"\b(?P<pm>early|mid|late|end|the\s+(?:start|beginning|middle|end)\s+of)[\s-]*(?P<m5>{_M})(?:,?\s+(?P<y5>{_Y}))?(?![\w-])",
        rf"\b(?P<m6>{_M}),?\s+(?:of\s+)?(?P<y6>{_YREF})",
        rf"\b(?P<m3>{_M})\s+(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)",
        rf"\b(?P<d4>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m4>{_M})\b",
        rf"\b(?P<rm>last|this|next|past|coming|previous)\s+(?P<m7>{_M})\b",
        rf"\b(?P<m8>{_M})(?![\w-]|\s+\d)",
        rf"\b(?:the\s+)?(?P<q>{_ORD})\s+quarter(?:\s+of\s+(?:the\s+)?(?:fiscal\s+)?(?P<qy>{_YREF}))?",
        rf"\bQ(?P<qn>[1-4])(?:\s*(?P<qy2>{_Y}))?\b",
        rf"\b(?:the\s+)?(?P<h>first|second|latter|1st|2nd)\s+half\s+of\s+(?:the\s+)?(?P<hy>{_YREF}|(?:next|this|current|coming)\s+year|year)",
        rf"\bH(?P<hn>[12])\s*(?P<hy2>{_Y})",
        rf"\b(?:(?P<sr>this|last|next|past|coming)\s+)?(?P<s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<sy>{_Y})",
        r"\b(?P<sr2>this|last|next|past|coming)\s+(?P<s2>spring|summer|autumn|fall|winter)\b",
        r"\b(?:the\s+)?(?:(?P<dp>early|mid|late)[\s-]+)?(?P<dec>(?:19|20)\d0)['’]?s\b",
        r"\b(?P<decrel>(?:later\s+|earlier\s+)?(?:this|the\s+current|the\s+next|the\s+coming|the\s+last|the\s+past|the\s+previous|the\s+end\s+of\s+the|the\s+end\s+of\s+this)\s+decade)\b",
        r"\b(?P<ye>(?:the\s+)?(?:year['’]s|year)[\s-]end|the\s+(?:end|close)\s+of\s+the\s+year)\b",
        rf"\b(?P<py>early|mid|late|end|the\s+(?:start|beginning|middle|end|close|turn)\s+of)[\s-]*(?P<pyy>{_YREF})",
        rf"\b(?P<fyw>fiscal(?:\s+year)?|FY)\s*(?P<fy>{_Y}|\d\d\b)",
        r"\b(?P<ely>earlier|later|early|late)\s+(?P<elyr>this|next|last)\s+(?P<elyu>year|month|week)\b",
        r"\b(?P<ry>this\s+year|next\s+year|last\s+year|the\s+(?:current|coming|previous|past)\s+year)\b",
        r"\b(?P<ru>this|last|next|past|coming|previous)\s+(?P<ruu>week|month|weekend)\b",
        rf"\b(?P<agon>{_NUM})\s+(?P<agou>day|week|month|year|decade)s?\s+ago\b",
        rf"\b(?P<inw>in|within|over\s+the\s+next|in\s+the\s+next|over\s+the\s+coming|in\s+the\s+coming|during\s+the\s+next|over\s+the\s+past|in\s+the\s+past|in\s+the\s+last|over\s+the\s+last|during\s+the\s+past)\s+(?P<inn>{_NUM})\s+(?P<inu>day|week|month|year|decade)s?\b",
        r"\b(?P<vg>(?:in\s+)?recent\s+(?:days|weeks|months|years)|(?:in\s+)?the\s+(?:coming|next\s+few|past\s+few|last\s+few)\s+(?:days|weeks|months|years)|in\s+the\s+near\s+future|recently|soon)\b",
        r"\b(?P<dw>today|yesterday|tomorrow|tonight|this\s+morning|this\s+afternoon|this\s+evening|last\s+night)\b",
        r"\b(?:(?P<wr>last|next|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
        rf"(?<![\w$€£¥.,/-])(?P<y>{_Y})(?![\w%-]|[.,]\d)",
    ],
    re.I,
    prefix=r"\b",
)

# Where a date expression can begin: DATE_PATTERN is tried only at these word starts (a scan of
# every position with the whole alternation is the slow part of reading dates).
DATE_START = prefilter.compile(
    r"\b(?:\d|(?:Q[1-4]|H[12]|FY|January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|the|between|from|early|mid|late"
    r"|end|last|this|next|past|coming|previous|first|second|third|fourth|final|latter|spring|summer"
    r"|autumn|fall|winter|later|earlier|fiscal|year|a|an|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|fifteen|twenty|several|in|within|over|during|recent|recently|soon"
    r"|today|yesterday|tomorrow|tonight)(?![^\W\d_]))",
    re.I,
)

# A cheap first look: a sentence without any of these holds no date expression.
DATE_HINT = prefilter.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
    r"|year|month|week|decade|today|tonight|yesterday|tomorrow|morning|afternoon|evening"
    r"|recent|soon|quarter|half|spring|summer|autumn|fall|winter|ago|coming|near|night"
    r"|fiscal|fy|q[1-4]|h[12])",
    re.I,
)
# Words before a date that change its meaning, longest first.
DATE_PREFIX = prefilter.compile(
    r"\b(?P<pre>no\s+earlier\s+than|not\s+earlier\s+than|no\s+sooner\s+than|not\s+before"
    r"|no\s+later\s+than|not\s+later\s+than|by\s+the\s+end\s+of|before\s+the\s+end\s+of"
    r"|by\s+the\s+start\s+of|by|before|until|till|up\s+to|prior\s+to|after|since|from"
    r"|starting(?:\s+in|\s+from)?|beginning(?:\s+in)?|as\s+early\s+as|around|about|circa"
    r"|approximately|roughly|some\s*time\s+(?:in|during)|at\s+some\s+point\s+in|in|on|during"
    r"|at|of|throughout)\s+(?:the\s+)?\Z",
    re.I,
)
PREFIX_QUALIFIER = {
    "no earlier than": "not-before", "not earlier than": "not-before",
    "no sooner than": "not-before", "not before": "not-before", "from": "not-before",
    "starting": "not-before", "starting in": "not-before", "starting from": "not-before",
    "beginning": "not-before", "beginning in": "not-before", "as early as": "not-before",
    "since": "since", "after": "after", "before": "before", "prior to": "before",
    "no later than": "deadline", "not later than": "deadline", "by the end of": "deadline",
    "before the end of": "deadline", "by": "deadline", "until": "deadline", "till": "deadline",
    "up to": "deadline", "by the start of": "deadline-start",
    "around": "approximate", "about": "approximate", "circa": "approximate",
    "approximately": "approximate", "roughly": "approximate", "sometime in": "approximate",
    "some time in": "approximate", "sometime during": "approximate",
    "some time during": "approximate", "at some point in": "approximate",
}  # fmt: skip
# Words after a bare year that show it is a quantity, not a date ("2000 rockets").
YEAR_NOT_DATE_AFTER = prefilter.compile(
    r"\A\s+(?!was\b|is\b|has\b|as\b|its\b|this\b|plus\b|marks\b|sees\b|saw\b)[a-z]+s\b"
)
FUTURE_CUE = prefilter.compile(
    r"\b(?:will|would|shall|'ll|is\s+to|are\s+to|to\s+be|plans?\s+to|planned|planning"
    r"|expects?|expected|scheduled|set\s+to|due\s+to|due|going\s+to|intends?\s+to|aims?\s+to"
    r"|upcoming|next|later\s+this|coming|forthcoming)\b",
    re.I,
)
PAST_CUE = prefilter.compile(
    r"\b(?:was|were|had|did|said|told|met|signed|reported|announced|agreed|ordered|bought|sold"
    r"|delivered|received|took|held|ago|last|earlier|already|[a-z]{3,}ed)\b",
    re.I,
)

# --- entities -------------------------------------------------------------------------------

LOCATIVE_BEFORE = prefilter.compile(
    r"\b(?:in|at|near|outside|from|to|into|around|over|across|visited|visiting|via|based\s+in)"
    r"\s+(?:the\s+)?\Z",
    re.I,
)
# A name before the border starts where its word does: a match from inside a word would be
# found from the word's first letter before, so the look-behind only spares the engine trying
# each letter; and no name gives back letters to what follows it (a space, a dash, "'s"), so
# its letters are taken possessively.
BORDER_PATTERNS = (
    prefilter.compile(
        r"(?<![^\W\d_])(?P<a>[^\W\d_][\w.]*+)\s*[-–/]\s*(?P<b>[^\W\d_][\w.]*+)\s+"
        r"(?:border|frontier)\b"
    ),
    prefilter.compile(
        r"\b(?:border|frontier)\s+(?:between|of)\s+(?P<a>[^\W\d_][\w.]*)\s+and\s+(?P<b>[^\W\d_][\w.]*)"
    ),
    prefilter.compile(
        r"(?<![^\W\d_])(?P<a>[^\W\d_][\w.]*+)['’]s\s+(?:border|frontier)\s+with\s+"
        r"(?P<b>[^\W\d_][\w.]*)"
    ),
)
_STATE_BODY = (
    r"(?:Defen[cs]e|Foreign|Interior|Finance|Trade|Industry|Economy)\s+Ministry"
    r"|Ministry\s+of\s+(?:National\s+)?(?:Defen[cs]e|Foreign\s+Affairs|Interior|Industry\s+and\s+Trade)"
    r"|Armed\s+Forces|Air\s+Force|Navy|Army|General\s+Staff|Defen[cs]e\s+Forces|Coast\s+Guard"
    r"|Marine\s+Corps|Parliament|Foreign\s+Office|Defen[cs]e\s+Department|State\s+Department"
    r"|Defen[cs]e\s+Ministry|Presidential\s+Administration|Security\s+Council"
)
GENERIC_ORG = prefilter.compile(
    rf"(?P<org>(?:(?:[A-Z][\w'’.-]+\s+){{1,2}})?(?P<body>{_STATE_BODY}))\b", lead=True
)
NAME_PARTICLES = frozenset(
    "de da di del della van von der den ter bin bint al el ibn le la du dos das y".split()
)
NOT_NAME_WORDS = frozenset(
    """the a an in on at but and however then this that these those it he she they we i his her
    their our its after before when while if as for with from by of to meanwhile finally next
    first last also yet so still under over during since although though thus hence moreover
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december minister ministry ministers president
    presidential prime defense defence foreign deputy secretary general admiral colonel
    spokesman spokeswoman spokesperson chief executive director head chairman chairwoman senator
    ambassador king queen prince crown emir sheikh sultan state department agency office air
    force navy army armed forces service security federal national republic kingdom united states
    council committee commission parliament congress senate house government administration
    corporation company group systems industries aerospace military staff news newspaper times
    post daily press source sources officials official analysts analyst experts expert according
    said told north south east west central european union international global world lieutenant
    major brigadier marshal captain commander rear vice acting former senior
    undersecretary mr mrs ms dr prof sir lord gen adm col lt maj capt sgt sen rep gov
    some many most all both each every no not only one two three four five several what which
    who whom whose why how where there here today yesterday tomorrow last earlier later
    its such other another any more less few much new old big small great high low
    contract deal deals sale sales talks agreement exports imports weapons arms missile missiles
    system systems tank tanks jet jets fighter fighters drone drones submarine submarines
    frigate frigates helicopter helicopters aircraft battery batteries howitzer howitzers
    ceo cfo coo md mp mps reuters commodore charge chargé affaires chair chairperson owner
    brigadier sergeant premier""".split()
)
_TITLE_NOUN = (
    r"Defen[cs]e\s+Minister|Foreign\s+Minister|Prime\s+Minister|Minister|President|Premier"
    r"|Chancellor|Secretary(?:\s+of\s+(?:State|Defen[cs]e|the\s+\w+))?|Defen[cs]e\s+Secretary"
    r"|King|Queen|Crown\s+Prince|Prince|Emir|Sheikh|Sultan|Ambassador|General|Gen\.|Admiral"
    r"|Adm\.|Colonel|Col\.|Commander|Cmdr\.|Captain|Capt\.|Marshal|Lt\.?\s*Gen\.|Maj\.?\s*Gen\."
    r"|CEO|[Cc]hief\s+[Ee]xecutive(?:\s+[Oo]fficer)?|[Cc]hairman|[Cc]hairwoman|[Cc]hair"
    r"|[Dd]irector(?:[\s-]+[Gg]eneral)?|[Hh]ead|[Ss]pokes(?:man|woman|person)|Senator|Sen\."
    r"|Rep\.|Representative|Congress(?:man|woman)|[Ll]awmaker|MP|[Aa]nalyst|[Rr]esearcher"
    r"|Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.|Professor|Governor|Gov\.|Speaker|[Ee]nvoy|Undersecretary"
    r"|Under\s+Secretary|[Oo]fficial|[Ee]xecutive|[Ee]xpert|[Ff]ellow|[Aa]ide|[Aa]dviser"
    r"|[Aa]dvisor|[Cc]ommander|[Mm]inister|[Pp]resident|[Dd]eputy|[Mm]anager|[Ff]ounder"
    r"|[Cc]hief|Lieutenant\s+General|Major\s+General|Brigadier\s+General|Vice\s+Admiral"
    r"|[Pp]redecessor|[Ss]uccessor|[Cc]ounterpart|[Jj]ournalist|[Rr]eporter|[Cc]olumnist|[Aa]ctivist"
    r"|[Ll]eader|[Dd]issident|[Ee]conomist|[Ss]cholar|[Hh]istorian|[Cc]andidate|[Nn]ominee"
    r"|Rear\s+Admiral|Air\s+Marshal|Air\s+Chief\s+Marshal|Air\s+Vice[\s-]+Marshal|Commodore"
    r"|Charg[eé]\s+d['’]\s?[Aa]ffaires|Brigadier|Lieutenant|Major|Sergeant|[Oo]wner"
)
PERSON_TITLE_WORDS = prefilter.compile(
    rf"(?P<title>(?:[A-Z][\w'’.-]*\s+){{0,3}}(?:(?:Deputy|Vice|Acting|Former|former|First"
    rf"|Senior|senior|Chief|chief|Minister|and)\s+)*(?:{_TITLE_NOUN})(?:\s+of\s+(?:[A-Z][\w-]+|the\s+[a-z]+))?)"
    r",?\s+\Z",
    lead=True,
    min_needle=2,
)
_ROLE_NOUN = (
    r"minister|president|chief|head|director|spokes\w+|CEO|chairman|chairwoman|chair|secretary"
    r"|commander|general|admiral|ambassador|analyst|official|executive|founder|researcher"
    r"|fellow|professor|envoy|adviser|advisor|deputy|manager|officer|lawmaker|senator|expert"
    r"|journalist|leader|founder|economist|predecessor|successor|counterpart|owner|chairperson"
)
PERSON_AFTER_NAME = prefilter.compile(
    rf"\A,\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){{0,3}}(?:{_ROLE_NOUN})\b", re.I
)
SPEECH_VERBS = (
    r"said|says|told|tells|added|adds|noted|notes|stated|announced|explained|argued|warned"
    r"|wrote|confirmed|declined|insisted|stressed|emphasi[sz]ed|tweeted|claimed|denied"
    r"|acknowledged|predicted|asserted|remarked|commented|admitted|suggested|called|described"
    r"|hailed|praised|welcomed|critici[sz]ed|condemned|urged"
)
SPEECH_AFTER_NAME = prefilter.compile(rf"\A\s+(?:{SPEECH_VERBS})\b")
SPEECH_BEFORE_NAME = prefilter.compile(rf"\b(?:{SPEECH_VERBS}|[Aa]ccording\s+to)\s+\Z")

# --- certainty and attribution --------------------------------------------------------------

# Ordered: the first level whose cue is nearest the fact wins; "reported" applies only when no
# modal hedge is present.
CERTAINTY_CUES = (
    (
        "probable",
        prefilter.compile(
            r"\b(?:will\s+likely|would\s+likely|likely|in\s+all\s+likelihood|probably|expected\s+to"
            r"|is\s+set\s+to|are\s+set\s+to|poised\s+to|almost\s+certainly|on\s+track\s+to"
            r"|plans?\s+to|planned|intends?\s+to|is\s+due\s+to|are\s+due\s+to|scheduled\s+to)\b",
            re.I,
        ),
    ),
    (
        "possible",
        prefilter.compile(
            r"\b(?:could|might|(?-i:may)|potential(?:ly)?|possibl[ey]|considering|considers|mulling"
            r"|weighing|eyeing|interested\s+in|interest\s+in|option|hopes?\s+to|seeks?\s+to"
            r"|seeking\s+to|wants?\s+to|perhaps|unclear|uncertain)\b",
            re.I,
        ),
    ),
)
REPORTED_CUE = prefilter.compile(
    r"\b(?:reportedly|allegedly|rumou?red|unconfirmed|is\s+said\s+to|are\s+said\s+to"
    r"|is\s+believed\s+to|are\s+believed\s+to|sources?\s+(?:said|say|says|told|close)"
    r"|a\s+source|unidentified|unnamed|anonymous|people\s+familiar|according\s+to\s+(?:media|reports|sources))\b",
    re.I,
)
ATTRIBUTION_VERBS = (
    r"said|says|told|tells|reported|reports|announced|announces|stated|states|confirmed|confirms"
    r"|added|adds|noted|notes|wrote|writes|declared|declares|claimed|claims|denied|denies"
    r"|revealed|reveals|disclosed|declined\s+to\s+comment|acknowledged|warned|argued|insisted"
)
# "X told Y" / "X said" with the speaker before the verb (optionally after has/have).
ATTRIBUTION_AFTER_SPEAKER = prefilter.compile(
    rf"(?P<speaker>[^,;:\"“”()]{{2,120}}?)\s+(?:has\s+|have\s+|had\s+|was\s+|were\s+)?"
    rf"(?:(?:also|later|earlier|previously|separately)\s+)?(?P<verb>{ATTRIBUTION_VERBS})\b"
    r"(?:\s+(?:the\s+)?(?P<channel>[A-Z][^,.;:\"“”]{1,60}?))?(?=[\s,.;:]|$)"
)
# "said the minister" / "according to Reuters".
ATTRIBUTION_BEFORE_SPEAKER = prefilter.compile(
    rf"(?:\b(?:{ATTRIBUTION_VERBS})\s+|\baccording\s+to\s+)(?P<speaker>[^,;:.\"“”()]{{2,120}})"
)
PRONOUN_SPEAKER = prefilter.compile(r"\A(?:he|she|they|it|officials?)\Z", re.I)

NEGATION_BEFORE = prefilter.compile(
    r"\b(?:not|n't|no|never|yet\s+to|yet|without|instead\s+of|nearly|almost|narrowly)\s+(?:\w+\s+){0,3}\Z",
    re.I,
)

# --- events ---------------------------------------------------------------------------------


def _rx(pattern: str) -> prefilter.Pattern:
    return prefilter.compile(rf"\b(?:{pattern})\b", re.I)


# (event type, trigger). A sentence yields one event per type whose trigger it contains.
EVENT_TRIGGERS: tuple[tuple[str, prefilter.Pattern], ...] = (
    (
        "cancellation",
        _rx(
            r"cancel(?:l?ed|l?ing|lation|s)?|scrap(?:ped|ping|s)?|terminat(?:ed|es|ing|ion)"
            r"|pull(?:ed|s)?\s+out|withdr(?:ew|awn|aws)\s+from|abandon(?:ed|s)?|revok(?:ed|es)"
            r"|suspend(?:ed|s)?|suspension|froze|frozen|halt(?:ed|s)?|removed\s+from|expelled\s+from"
            r"|kicked\s+out|called\s+off|walked\s+away|ditch(?:ed|es)?|dropp(?:ed)\s+(?:the|its|plans|from)"
            r"|block(?:ed|s)\s+the\s+(?:sale|deal|transfer)|vetoe?d?|f(?:e|a)ll(?:en)?\s+through"
            r"|collapsed|ruled?\s+out|ruling\s+out|shelved|annul(?:led|s)?|went\s+nowhere|simply\s+died"
            r"|refus(?:ed|es|al)\s+to\s+(?:sell|supply|authori[sz]e|export|send|deliver|approve)"
            r"|returned\s+(?:\w+\s+){0,4}?to|no\s+intention\s+of\s+(?:supplying|selling)"
            # an export ban: "banned arms sales to Venezuela", "banned from exporting"
            r"|bann(?:ed|ing)\s+(?:(?:all|further|new|any|the|its)\s+)?(?:[\w-]+\s+)?"
            r"(?:sales?|exports?|transfers?|deliveries|shipments)"
            r"|bann(?:ed|ing)\s+(?:\w+\s+){0,3}?from\s+(?:selling|exporting|supplying|delivering)"
        ),
    ),
    (
        "sanction",
        _rx(
            r"sanction(?:s|ed|ing)?|embargo(?:es|ed)?|CAATSA|blacklist(?:ed|s)?|export\s+ban"
            r"|banned\s+exports?|entity\s+list|restrictions\s+on"
        ),
    ),
    (
        "contract",
        _rx(
            r"sign(?:ed|s|ing)?\s+(?:(?:a|an|the|two|three|its|their)\s+)?(?:[\w$€£.,-]+\s+){0,5}?"
            r"(?:contracts?|deals?|agreements?|accords?|memorand\w+|MoUs?|orders?)"
            r"|(?:contract|deal|agreement)s?\s+(?:was|were|has\s+been|had\s+been)\s+signed"
            r"|ink(?:ed|s)|awarded|order(?:ed|s|ing)?|placed\s+(?:an?\s+)?(?:firm\s+)?order|signed|signing"
            r"|concluded|finali[sz]ed|firm(?:ed)?\s+up|contract(?:s|ed)?"
        ),
    ),
    (
        "delivery",
        _rx(
            r"deliver(?:ed|ies|y|ing|s)?|hand(?:ed|ing)?\s+over|handover|took\s+delivery"
            r"|taken\s+delivery|take\s+delivery|receiv(?:e|ed|es|ing)|arriv(?:e|ed|es|al)"
            r"|transferr?(?:ed|ing|s)?|ship(?:ped|ping|ments?)|supplied|supplying|provid(?:e|ed|es|ing)"
            r"|inducted|commissioned|first\s+batch|into\s+service|entered\s+service|operational"
            r"|unloaded|landed|touched\s+down|flown\s+in(?:to)?|donated"
        ),
    ),
    ("negotiation", _rx(r"in\s+talks|talks|negotiat\w*|bargaining|haggl\w*")),
    (
        "offer",
        _rx(
            r"offer(?:ed|ing|s)?|propos(?:ed|al|es)|pitch(?:ed|ing|es)?|bid(?:s|ding)?"
            r"|intentions?\s+to\s+sell|tender(?:s)?|request\s+for\s+proposals?"
        ),
    ),
    (
        "approval",
        _rx(
            r"approv(?:ed|al|es|ing)|clear(?:ed|s)|clearance"
            r"|green[- ]?light(?:ed|s)?|authori[sz](?:ed|ation|es)|notif(?:ied|ies|ication)"
            r"|export\s+licen[cs]es?|ratif(?:ied|ies|ication)|select(?:ed|ion)|picked|chose"
            r"|opted\s+for|lift(?:ed|s)?\s+(?:the|its|a)\s+(?:\w+\s+)?(?:freeze|ban|suspension|embargo|hold)"
        ),
    ),
    (
        "meeting",
        _rx(
            r"meeting|met\s+with|met|meet|summit|visit(?:ed|s|ing)?|intergovernmental\s+commission"
            r"|commission\s+session|conference"
        ),
    ),
    (
        "exhibition",
        _rx(
            r"exhibition|air\s?show|expo|defen[cs]e\s+(?:fair|show)|trade\s+(?:fair|show)|arms\s+fair"
        ),
    ),
    (
        "military_incident",
        _rx(
            r"shot\s+down|shoot(?:ing)?[- ]down|shootdown|downed|attack(?:ed|s)?|struck|air\s?strikes?"
            r"|clash(?:ed|es)?|intercept(?:ed|ion)|killed|bomb(?:ed|ing)|invasion|invaded|incursion"
            r"|fired\s+(?:on|at)|crash(?:ed)?|skirmish(?:es)?|war|offensive|rammed|drills"
        ),
    ),
    (
        "test",
        _rx(
            r"test[- ]fired|test[- ]firing|test\s+launch|flight\s+test|successful(?:ly)?\s+test\w*|trials?"
        ),
    ),
    (
        "cooperation",
        _rx(
            r"cooperation\s+agreement|joint\s+venture|co-?production|licen[cs]ed?\s+production"
            r"|technology\s+transfer|joint\s+development|partnership|co-?develop\w*|local\s+production"
            r"|normali[sz]ed\s+(?:relations|ties)|defen[cs]e\s+pact"
        ),
    ),
)
# An announcement made just now: dated to the publication day when it has no date of its own.
PRESENT_TENSE = prefilter.compile(
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:announced|confirmed|declared|revealed)\b"
    r"|\b(?:says|announces|confirms|declares)\b",
    re.I,
)
# Talks going on as the article is written: dated to the publication day.
ONGOING_TALKS = prefilter.compile(
    r"\b(?:is|are)\s+(?:currently\s+|now\s+|still\s+)?(?:in\s+talks|negotiating|holding\s+talks"
    r"|in\s+negotiations|discussing)\b",
    re.I,
)
# A wire-copy dateline: "BEIJING, Aug 14 —", "ANKARA/ISLAMABAD, Dec 18 (Agency) -".
DATELINE = prefilter.compile(
    r"\A(?:[A-Z][A-Z .'/-]{2,60}(?:,\s*(?:[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?"
    r"|\d{1,2}\s+[A-Z][a-z]{2,9}\.?(?:,?\s+\d{4})?))?"
    r"\s*(?:\([^)]{1,40}\))?"
    # the date first, the place in brackets: "July 20, 2008 (WASHINGTON) -"
    r"|(?:[A-Z][a-z]{2,9}\.?\s+\d{1,2},?|\d{1,2}\s+[A-Z][a-z]{2,9}\.?,?)\s+\d{4}"
    r"\s*\([A-Z][A-Z .'/-]{2,40}\))\s*[-—–]+\s*"
)

# --- deals ----------------------------------------------------------------------------------

# The words of buying, selling and trade, each kind one alternation (other cues embed them).
BUY_WORDS = (
    r"buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|acquir(?:e|es|ed|ing)|procur(?:e|es|ed|ing)"
    r"|order(?:s|ed|ing)?|import(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|obtain(?:s|ed|ing)?"
    r"|t(?:ake|ook|aken)\s+delivery|lease[sd]?|induct(?:s|ed|ing)?|select(?:s|ed)|chose|chosen|choose"
    r"|picked|opted\s+for|get|gets|got|await(?:s|ed|ing)?"
    r"|request(?:s|ed|ing)?|seek(?:s|ing)?|sought|asked\s+for"
    r"|sign(?:s|ed|ing)?\s+(?:(?:a|an|the)\s+(?:\w+\s+){0,3}?(?:contract|deal|agreement)\s+"
    r"(?:[\w$€£.,-]+\s+){0,8}?)?for"
    r"|contracted\s+for"
)
SELL_WORDS = (
    r"sell(?:s|ing)?|sold|suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|deliver(?:s|ed|ing)?"
    r"|export(?:s|ed|ing)?|transferr?(?:s|ed|ing)?|ship(?:s|ped|ping)?|hand(?:s|ed|ing)?\s+over|hand(?:ed|ing)"
    r"|offer(?:s|ed|ing)?|give|gives|gave|donat(?:e|es|ed|ing)|send(?:s|ing)?|sent|pledg(?:e|es|ed)"
    r"|rush(?:es|ed)|airlift(?:s|ed)"
    r"|equip(?:s|ped|ping)?|arming|approv(?:e|es|ed|ing)|clear(?:s|ed)|pitch(?:es|ed|ing)?"
)
NEUTRAL_WORDS = (
    r"talks|negotiat(?!ors?\b)\w*|contracts?|deals?|agreements?|sign(?:s|ed|ing)?|ink(?:s|ed)"
    r"|memorand\w+|MoUs?|cancel\w*|scrap\w*|sales?|purchases?|acquisitions?|deliver(?:y|ies)"
    r"|transfers?|exports?|orders?|shipments?|procurement|tender|package|programme|program"
    r"|agreed\s+(?:the\s+)?terms"
)
BUY_VERBS = _rx(BUY_WORDS)
SELL_VERBS = _rx(SELL_WORDS)
NEUTRAL_TRADE = _rx(NEUTRAL_WORDS)
# Nouns whose "to X" names the buyer and "from X" the seller.
SELL_NOUNS = _rx(r"sales?|deliver(?:y|ies)|transfers?|exports?|shipments?|supply|supplies|offer")
BUY_NOUNS = _rx(r"purchases?|acquisitions?|orders?|procurement|imports?|buy")
PURPOSE_BUY = _rx(r"to\s+(?:buy|purchase|acquire|procure|order|import|obtain|lease)")
PURPOSE_SELL = _rx(r"to\s+(?:sell|supply|provide|deliver|export|transfer)")
# Words that stand for the system last named: "the missile system", "the jets".
SYSTEM_ANAPHORA = _rx(
    r"the\s+(?:(?:missile|air[- ]defen[cs]e|weapons?|defen[cs]e|radar|rocket|artillery)\s+)?systems?"
    r"|the\s+(?:(?:[\w]+-(?:built|made|designed|supplied)|new|light|heavy|used|second-hand|"
    r"combat|fighter|attack|multi-?role|transport|patrol|armou?red|military|naval)\s+){0,2}"
    r"(?:jets|aircraft|planes|warplanes|fighters|trainers|tanks|vehicles|submarines|boats|vessels"
    r"|ships|frigates|corvettes|helicopters|drones|missiles|howitzers|launchers|batteries|units"
    r"|rifles)\b"
    r"|(?:the|this|that)\s+(?:deal|contract|sale|purchase|agreement|order|transfer|acquisition)"
    r"|an?\s+(?:contract|deal|agreement|purchase|sale|order)"
)
# Nouns of an anaphor and the system categories they can stand for.
ANAPHOR_CATEGORIES = {
    "jets": {"combat_aircraft", "trainer_aircraft"}, "fighters": {"combat_aircraft"},
    "aircraft": {"combat_aircraft", "trainer_aircraft", "transport_aircraft", "helicopter"},
    "planes": {"combat_aircraft", "trainer_aircraft", "transport_aircraft"},
    "tanks": {"tank"}, "vehicles": {"tank", "armoured_vehicle", "artillery"},
    "submarines": {"submarine"}, "boats": {"submarine", "ship"},
    "vessels": {"ship", "submarine"}, "ships": {"ship"}, "frigates": {"ship"},
    "helicopters": {"helicopter"}, "drones": {"uav"}, "missiles": {"missile", "air_defence"},
    "howitzers": {"artillery"}, "launchers": {"artillery", "air_defence", "missile"},
    "batteries": {"air_defence", "artillery"}, "corvettes": {"ship"}, "rifles": {"small_arms"},
    "warplanes": {"combat_aircraft", "trainer_aircraft"}, "trainers": {"trainer_aircraft"},
}  # fmt: skip
# A system named as what a purchase replaces or retires is not itself traded.
REPLACED_BEFORE = prefilter.compile(
    r"\b(?:replac\w*|retir\w*|phas\w*\s+out|succeed\w*|in\s+place\s+of|instead\s+of|supersed\w*"
    r"|(?:its|their|the\s+country['’]s)\s+(?:existing|ageing|aging|current|legacy))"
    r"\s+(?:[\w'’-]+\s+){0,5}\Z",
    re.I,
)
# Status cues, strongest meaning first.
STATUS_CUES: tuple[tuple[str, prefilter.Pattern], ...] = (
    ("cancelled", EVENT_TRIGGERS[0][1]),
    # A supplier's ban on exports to a buyer ("Norway's export ban to Chile").
    ("cancelled", _rx(r"export\s+ban\W{0,2}\s+(?:to|on|for|against)")),
    # A buyer giving the goods back ("returned 34 MiG-29s to Russia"), not "returned to service".
    (
        "cancelled",
        _rx(
            r"(?:returned|sent\s+back|handed\s+back|gave\s+back)\s+(?!to\b)(?:[\w-]+\s+){1,6}?(?:to|back)"
        ),
    ),
    (
        "delivering",
        _rx(
            r"(?:began|begun|started|start|begin)\s+(?:deliver\w*|receiv\w*|tak\w*\s+delivery)"
            r"|been\s+(?:receiving|delivering)"
            r"|continues?\s+to\s+(?:receive|deliver)|initial\s+deliver\w*|is\s+delivering"
            r"|continu\w*\s+to\s+take\s+delivery"
            r"|are\s+being\s+delivered|continu\w+\s+to\s+deliver"
            r"|deliveries\s+(?:began|started|are\s+under\s?way|continue)"
            # "Transfer of F-16s from the Netherlands underway", "the jets' transfer was underway"
            r"|(?:deliver(?:y|ies)|transfers?|handover)\b[^.;:]{0,60}?\b(?:is\s+|was\s+|are\s+)?under\s?way"
            # goods already moving: "the first jets are on their way from Denmark to Ukraine"
            r"|on\s+(?:their|its)\s+way\s+(?:to|from)|en\s+route\s+to|in\s+transit\s+to"
        ),
    ),
    (
        "delivered",
        _rx(
            r"delivered|handed\s+over|took\s+delivery|taken\s+delivery|received|arrived|inducted"
            r"|completed\s+(?:the\s+)?deliver\w*|touched\s+down|landed|flown\s+in(?:to)?|flew\s+in(?:to)?"
            r"|unloaded|offloaded|docked"
            r"|commissioned|supplied|shipped|has\s+provided|have\s+provided|provided|transferred|sent|gave|donated"
            r"|rushed|airlifted|flew\s+(?:in\s+)?(?:a\s+)?(?:first\s+)?(?:batch|shipment)"
            r"|arrival\s+of"
            r"|took\s+off\s+from"  # "the six final F-16s took off from the Netherlands"
        ),
    ),
    (
        "signed",
        _rx(
            r"signed|inked|awarded|ordered|placed\s+(?:an?\s+)?(?:firm\s+)?order|concluded|finali[sz]ed"
            r"|bought|purchased|acquired|procured|contracted|executive\s+contract|firm\s+order"
        ),
    ),
    (
        "agreed",
        _rx(
            r"agreed|agreement\s+in\s+principle|reached\s+(?:an?\s+)?(?:agreement|deal|accord)|selected"
            r"|chose|chosen|picked|opted\s+for|framework\s+agreement|intergovernmental\s+agreement"
            r"|preferred\s+(?:bidder|supplier|contractor)s?"
        ),
    ),
    (
        "negotiating",
        _rx(
            r"in\s+talks|talks|negotiat\w*|discussions|bargaining|haggl\w*|consider\w*|mull\w*"
            r"|weigh\w*|eye(?:s|ing|d)?|interest(?:ed)?\s+in|looking\s+to\s+(?:buy|acquire|purchase)"
            r"|(?:potential|possible|prospective)\s+(?:purchase|acquisition|procurement)"
            r"|(?:is|are|was|were|been)\s+(?:testing|evaluating|trialling|trialing)"
        ),
    ),
    (
        "proposed",
        _rx(
            r"offer(?:ed|ing|s)?|propos(?:ed|al|es)|pitch(?:ed|ing|es)?|approv(?:ed|al|es)"
            r"|ask(?:ed|s)?\s+(?:\w+\s+){0,3}?to\s+(?:supply|sell|provide|deliver)"
            r"|clear(?:s|ed)|green[- ]?light\w*|notif(?:ied|ication)|request(?:ed)?|bid"
            r"|recommend(?:ed|s|ation)?"
            # A US notice to Congress of a possible sale: "the DSCA's notices cover 114 PAC-3"
            r"|notices?\s+(?:covers?|includes?|lists?)|possible\s+(?:foreign\s+military\s+)?sales?"
        ),
    ),
    (
        "rumored",
        _rx(r"reportedly|rumou?r\w*|alleged(?:ly)?|allegations?\s+that"),
    ),
)
# Talks proper, as against a buyer weighing what it is offered: "weighing offers of the F-16",
# "studying a Rosvooruzhenie offer" are offers (proposed), "in talks on the F-16" negotiating.
TALKS_PROPER = _rx(r"in\s+talks|talks|negotiat\w*|discussions|bargaining|haggl\w*")
# A whole order delivered: no partial-delivery cue of the same clause sets it back to delivering.
COMPLETE_DELIVERY = _rx(
    r"complet\w*\s+(?:the\s+|its\s+|their\s+)?(?:deliver\w*|orders?|handover|transfer)"
    r"|(?:the\s+)?whole\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?order|entire\s+order"
    r"|all\s+(?:[\w/-]+\s+){0,4}?(?:were|have\s+been|had\s+been|was|has\s+been)\s+"
    r"(?:delivered|handed\s+over|received|transferred)"
    r"|the\s+last\s+of\s+(?:them|the|its|their)|final\s+(?:deliver\w*|batch|shipment)"
)
# With a completed delivery, these show it was only part of the order: "the first 38 of 108".
_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|dozens)"
_ORDINAL_OR_COUNT = rf"(?:{_COUNT}|first|second|third|fourth|fifth|sixth|initial|latest)"
_COUNT_WORD = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty)"
PARTIAL_DELIVERY = _rx(
    rf"first\s+{_COUNT}|{_ORDINAL_OR_COUNT}\s+(?:\d+\s+)?of\s+(?:the\s+|its\s+|their\s+)?{_COUNT_WORD}"
    r"|fresh\s+batch|(?:another|more|further|additional|latest"
    r"|new)\s+(?:batch|tranche|shipment)|(?:two|three|four|five|six|\d+)\s+more"
    r"|first\s+(?:[\w-]+\s+){0,4}?(?:batch|deliver\w*|shipment|tranche|squadron|units?|of\s+(?:the|them))"
    r"|(?:the|its|their)\s+first\b|on\s+(?:their|its)\s+way|under\s?way"
    r"|remaining|rest\s+of\s+the|so\s+far|to\s+date|out\s+of\s+(?:the\s+|its\s+|their\s+)?\d+"
    r"|(?:delivery|receipt|handover)\s+of\s+(?:its|their)\s+first"
    r"|(?:most|some|half)\s+of\s+(?:which|them)\s+(?:have|has|had)\s+(?:now\s+|already\s+)?been"
    r"\s+(?:delivered|received|handed\s+over)"
)
# "signed for two more boats", "intends to buy 15 more": a further order, not a part delivered.
_ORDERED_BEFORE = prefilter.compile(
    r"\b(?:buy|purchas|acquir|order|sign|procur|contract|want|seek|plan|intend)\w*\s+(?:for\s+)?"
    r"(?:[\w-]+\s+){0,3}\Z",
    re.I,
)


def partial_delivery(text: str) -> bool:
    """Whether a sentence tells of part of an order delivered ("the first 12 of 48", "most of
    which have been delivered"); a number more after a word of ordering is a further order."""
    for match in PARTIAL_DELIVERY.finditer(text):
        words = match.group(0).lower().split()
        if words[-1] == "more" and _ORDERED_BEFORE.search(
            text[max(0, match.start() - 40) : match.start()]
        ):
            continue
        return True
    return False


# A bid that lost: the system or its seller named after one of these lost to the one before it
# ("Naval Group beat Italy's Fincantieri", "was preferred over the F-16", "turning down … offer").
LOSER_CUE = _rx(
    r"beat(?:s|ing)?(?:\s+off)?|defeat(?:s|ed|ing)?|outbid|won\s+(?:the\s+\w+\s+)?over|wins?\s+over"
    r"|(?:preferred|chosen|selected|picked|opted\s+for)\s+(?:[\w'’-]+\s+){0,4}?(?:over|ahead\s+of)"
    # "choosing the offer from China Precision Machinery (CPMIEC) over a US consortium"
    r"|(?:choos(?:e|es|ing)|pick(?:s|ing)|select(?:s|ing)|prefer(?:s|ring))\s+(?:[^\s.;:]+\s+){0,10}?(?:over|ahead\s+of)"
    r"|unsuccessful\s+(?:offers?|bids?|bidders?|tenders?|proposals?)"
    r"|ahead\s+of|instead\s+of"
    r"|turn(?:ed|ing)?\s+down|rejected|rejecting|declin(?:ed|es|ing)|not\s+chosen|not\s+selected|lost\s+out"
    r"|losing\s+(?:bid|bidder|offer)s?|rival\s+(?:bid|offer)s?|(?:bid|offer)s?\s+(?:was|were)\s+rejected"
)
# A bid that lost, said after the system ("the F-16 offered by Washington was not chosen").
LOSER_AFTER = _rx(
    r"(?:was|were|had\s+been|has\s+been)\s+(?:not\s+(?:chosen|selected|picked)|rejected|turned\s+down"
    r"|passed\s+over|eliminated|dropped|ruled\s+out|(?:also\s+|likewise\s+)?unsuccessful)"
    r"|lost\s+(?:out|the\s+\w+)|failed\s+to\s+win"
    # withdrawn from a competition: "pulled the Gripen out of the contest"
    r"|out\s+of\s+the\s+(?:contest|competition|tender|race|bidding)"
)
# A transfer told only as a rumour or a denied allegation: the stage stays "rumored".
RUMOUR_CUE = _rx(
    r"rumou?red|rumou?rs?|unconfirmed|never\s+confirmed|not\s+(?:been\s+)?confirmed"
    r"|allegations?|alleged(?:ly)?|persistent\s+reports|denied\s+(?:the|that|it)"
    r"|(?:is|are)\s+said\s+to\s+have"
    # "accused Libya of flying ammunition to Eritrea", "a charge Tripoli denies"
    r"|accus\w*\s+(?:[\w'’-]+\s+){0,4}?of\s+\w+ing|charges?\s+(?:that\s+)?[\w'’-]+\s+(?:denies|denied|rejects|rejected)"
    # "CATIC did not confirm this information", "dismissed as 'fantasy' reports that…"
    r"|(?:did|does|do|would|could)\s+not\s+confirm|(?:declined|refused)\s+to\s+confirm"
    r"|dismiss\w*\s+(?:as\s+[\w\"“”'’]+\s+)?(?:the\s+)?(?:reports?|claims?|allegations?)"
)
# Signing a memorandum, a letter of intent or a framework is agreeing, not contracting.
AGREEMENT_PAPER = _rx(
    r"(?:memorandum|memorand[ua]|MoUs?|letters?\s+of\s+intent|LoIs?|framework(?:\s+agreements?)?"
    r"|agreements?\s+in\s+principle|heads\s+of\s+agreement)"
)
# Talks put on hold are still talks ("suspended discussions over the purchase").
TALKS_ON_HOLD = _rx(
    r"(?:suspend\w*|froze|frozen|freez\w*|paus\w*|halt\w*|put\s+on\s+hold|shelv\w*)\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:\w+\s+)?(?:talks|discussions|negotiations)"
    r"|(?:talks|discussions|negotiations)\s+(?:\w+\s+){0,3}?(?:suspended|frozen|on\s+hold|paused|stalled)"
)
STATUS_CUES += (
    ("signed", _rx(r"sign\s+(?:a|an|the)\s+(?:[\w$€£.,-]+\s+){0,4}?(?:contract|deal|agreement)")),
    (
        "signed",
        _rx(
            r"(?:completed|finali[sz]ed|confirmed|firmed\s+up)\s+(?:an?\s+|the\s+|its\s+)?(?:\w+\s+)?order"
        ),
    ),
    ("agreed", _rx(r"committed\s+to\s+(?:buy\w*|purchas\w*|acquir\w*|order\w*)")),
    # A promised transfer or donation is agreed: "pledged to deliver 24 jets", "expects to
    # receive the aircraft from Belgium", "has promised to donate".
    (
        "agreed",
        _rx(
            r"(?:pledg\w*|promis\w*|vow\w*|undert(?:ake|akes|ook|aken))\s+to\s+"
            r"(?:deliver|send|supply|provide|give|donate|transfer|hand\s+over)"
            r"|(?:expects?|expected|is\s+due|are\s+due)\s+to\s+receive"
            # a donation announced: "said it would donate six F-16s"
            r"|(?:will|would|shall|plans?\s+to|intends?\s+to)\s+(?:also\s+)?(?:donate|gift)"
        ),
    ),
    # "The deal covers four jets, worth…": a deal described by its content is concluded.
    (
        "signed",
        _rx(
            r"(?:the|this)\s+(?:deal|contract)\s+(?:covers|includes|comprises|(?:is|was)\s+(?:worth|valued))"
        ),
    ),
    # "Its 2017 contract with China for a submarine": a contract held is a contract signed.
    ("signed", _rx(r"(?:\d{4}|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+)?contracts?\s+(?:with|for)")),
    # An order or a sale stopped by the seller's government: "whose order … was blocked",
    # "were denied export licences".
    (
        "cancelled",
        _rx(
            r"(?:was|were|been|being)\s+(?:blocked|barred|vetoed|refused|rejected|denied|stopped)"
            r"|(?:denied|refused|revoked|withheld)\s+(?:an?\s+|the\s+|its\s+)?(?:export\s+)?"
            r"(?:licen[cs]es?|permits?|sales?|authori[sz]ations?)"
        ),
    ),
    # A bid withdrawn, a purchase not gone ahead with, talks that failed, an offer declined:
    # "withdrew its offer of the Mirage", "decided not to proceed with the purchase", "no longer
    # wished to buy the nine F-16s", "those talks broke down", "declined to offer the F-35".
    (
        "cancelled",
        _rx(
            r"withdr(?:ew|awn|aws)\s+(?:its|their|the|an?|from\s+the)\s+(?:[\w-]+\s+)?"
            r"(?:offers?|bids?|proposals?|tenders?|competition|contest)"
            r"|(?:decided|decides|decision)\s+not\s+to\s+(?:proceed|go\s+ahead|buy|purchase|order)"
            r"|no\s+longer\s+(?:wish\w*|want\w*|intend\w*|plan\w*)\s+to\s+(?:buy|purchase|acquire)"
            r"|(?:talks|negotiations|discussions)\b[^.;:]{0,60}?\b(?:broke\s+down|collapsed|failed)"
            r"|declin(?:ed|es|ing)\s+to\s+(?:offer|sell|supply|export|approve|deliver)"
        ),
    ),
    # "The transfers were effected in 1999": a transfer carried out is a delivery.
    (
        "delivered",
        _rx(
            r"(?:transfers?|handovers?|deliver(?:y|ies))\s+(?:of\s+(?:[\w/-]+\s+){1,6}?)?"
            r"(?:(?:from|under)\s+(?:[\w/-]+\s+){1,4}?)?"
            r"(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:effected|completed|carried\s+out|made)"
            # the buyer's side takes it: "formally accepted the transfer of the cutter"
            r"|accept(?:s|ed)\s+(?:the\s+)?(?:formal\s+)?(?:transfer|delivery|handover)\s+of"
        ),
    ),
    # A bidder in a contest has made an offer ("competing in the 126-aircraft contest"), or is
    # after a buyer's programme ("will pursue Chile's frigate programme with its FREMM").
    (
        "proposed",
        _rx(
            r"compet(?:ing|es?|ed)\s+(?:in|for)|clearances?|in\s+the\s+running"
            r"|pursu(?:e|es|ed|ing)\s+(?:[\w'’()-]+\s+){0,5}?"
            r"(?:projects?|programmes?|programs?|tenders?|competitions?|requirements?)\b"
        ),
    ),
    # A buyer's purchase announced, no seller's word yet: "announced plans by Latvia and Estonia
    # to acquire HIMARS".
    (
        "proposed",
        _rx(
            r"(?:announc\w*|unveil\w*|reveal\w*)\s+(?:its\s+|their\s+)?plans?\s+"
            r"(?:by\s+(?:[\w-]+\s+){1,4}?)?to\s+(?:buy|acquire|purchase|procure|order)"
        ),
    ),
)
# A later batch of an order ("the fourth batch", "the next tranche"), said of the past or the
# future, means deliveries are under way.
LATER_BATCH = _rx(
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|latest|final|last)"
    r"\s+(?:batch|tranche|shipment|consignment|lot)"
)
# A later batch says earlier ones arrived only beside a word of handing over ("will hand over the
# fourth batch"), not where it is still to be ordered ("opens the way to a second batch").
BATCH_TRANSFER = _rx(
    r"deliver\w*|hand(?:s|ed|ing)?\s+over|handed|handover|arriv\w*|receiv\w*|ship(?:s|ped|ping)"
    r"|t(?:ake|akes|ook|aken)\s+delivery|transferr?(?:s|ed|ing)|supplied|sent|dispatch\w*"
)

_UNIT = (
    r"batter(?:y|ies)|systems?|units?|jets?|aircraft|planes?|fighters?|tanks?|howitzers?"
    r"|helicopters?|drones?|UAVs|ships?|vessels?|frigates?|corvettes?|submarines?|boats?"
    r"|vehicles?|launchers?|missiles?|squadrons?|regiments?|guns?|rockets?|radars?|airframes?"
    r"|platforms?|examples?|more|additional|new|further|used|second-hand|advanced"
)
QUANTITY = prefilter.compile(
    r"(?<![\w$€£.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a\s+dozen|two\s+dozen|dozens"
    r"|half\s+a\s+dozen|a\s+pair\s+of|a\s+handful\s+of)\s+(?:of\s+(?:the\s+)?)?"
    rf"(?=(?:[\w'’-]+\s+){{0,3}}?(?:{_UNIT})\b|(?P<sys>\S))",
    re.I,
)
QUANTITY_NOT = prefilter.compile(
    r"\A\s*(?:%|percent|per\s+cent|billion|million|bn|mn|trillion|years?|months?|weeks?|days?"
    r"|km|kilomet\w+|miles?|hours?|times|per|nautical|tonnes?|tons?|people|officials|countries"
    r"|nations|members|decades?|o['’]clock)\b",
    re.I,
)
CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "a$": "AUD", "c$": "CAD", "₩": "KRW",
}  # fmt: skip
CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "rubles": "RUB", "roubles": "RUB", "zlotys": "PLN", "zloty": "PLN", "zlotych": "PLN",
    "rupees": "INR", "won": "KRW", "yuan": "CNY", "renminbi": "CNY", "lira": "TRY",
    "liras": "TRY", "kronor": "SEK", "kroner": "NOK", "krona": "SEK", "shekels": "ILS",
    "dirhams": "AED", "riyals": "SAR", "yen": "JPY", "francs": "CHF", "reais": "BRL",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "rub": "RUB", "pln": "PLN", "inr": "INR",
    "krw": "KRW", "cny": "CNY", "try": "TRY", "sek": "SEK", "nok": "NOK", "ils": "ILS",
    "aed": "AED", "sar": "SAR", "jpy": "JPY", "chf": "CHF", "brl": "BRL", "aud": "AUD",
}  # fmt: skip
_MULT = r"trillion|billion|million|thousand|bn|mn|tn|m|b|k"
MONEY = prefilter.compile(
    rf"(?P<sym>US\$|A\$|C\$|\$|€|£|¥|₹|₩|Rs\.?|USD|EUR|GBP)\s?(?P<num>\d+(?:[.,]\d+)*)"
    rf"(?:\s*(?P<mult>{_MULT})\b)?"
    rf"|(?<![\w.,])(?P<num2>\d+(?:[.,]\d+)*)\s*(?P<mult2>{_MULT})?\s+(?P<word>"
    + "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
    + r")\b",
    re.I,
)
MULTIPLIERS = {
    "trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6,
    "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3,
}  # fmt: skip

# --- systems by shape and by their nouns (extract/systems.py) ---------------------------------

# A designation: letters then digits, optionally a suffix ("Su-30MK2", "F-7NI", "MBT-2000",
# "Pechora-2T", "PzH5000", "BTR 3E1", "Type 21"); a space is allowed only after capitals or a
# capitalised word, and then only before a weapon noun (checked in systems.py).
DESIGNATION = prefilter.compile(
    r"(?<![\w/.-])(?:[A-Z][a-z]{0,8}[A-Z]?|[A-Z]{2,5})(?:-|\s)?\d{1,4}(?:[A-Za-z]{1,4}\d{0,2})?"
    r"(?:-(?:\d{1,3}[A-Z]{0,2}|[A-Z]{1,4}\d?))?(?:s(?=\W))?(?![\w-])",
    lead=True,
)
DESIGNATION_NOT = prefilter.compile(
    r"\A(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June"
    r"|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|COVID|Covid|G|Article|Section|Chapter|Room|Flight|Route|Highway|Resolution"
    r"|Phase|Batch|Level|Stage|Tier|Page|Vol|No|Q|H|FY|CY|Top|Group|Unit|Block|Lot|Tranche|Part"
    r"|Annex|Paragraph|Clause|Item|Day|Week|Year|Act|Law|Decree|Order|Number|Gate|Pier|Terminal"
    r"|Hall|Stand|Booth|Building|Camp|Base|Zone|Sector|Area|Region|District|Province|Cup|Summit"
    r"|Forum|Expo|Show|Figure|Table|Chart|Vision|Plan|Program|Programme|Project|Operation|Exercise"
    r"|Mk|Mark|Mod|Version|Series|Model|PM|AM|UTC|GMT|TV|CNN|BBC|Channel|Radio|Press|Time|Times"
    r"|Post|News|Daily|Weekly|Issue|Edition|Dollar|Euro|Rs|USD|EUR|GBP|US|UK|UN|EU|NATO|IDEF"
    r"|DefExpo|Eurosatory|Farnborough|Paris|Dubai|Zhuhai|MAKS|LIMA|Aero|Windows|Office|Covid)"
    r"[\s-]?\d",
)
# Capitalised words before a weapon noun that name a region or an era, not a system.
CLASS_NOT_WORDS = frozenset(
    """european african asian western eastern northern southern soviet soviet-era nato arab gulf
    latin nordic baltic balkan scandinavian middle pacific atlantic allied coalition foreign
    east west north south central new modern advanced""".split()
)
# Nouns after a weapon noun that make it a modifier of something else ("arms fair", "arms race").
NOT_HEAD_BEFORE = frozenset(
    """fair fairs show shows exhibition expo race control controls embargo embargoes treaty
    industry industries maker makers manufacturer manufacturers producer producers company
    companies firm firms factory factories plant programme program budget budgets inspector
    inspectors monitor monitors dealer dealers smuggling trafficking trade-off division
    directorate department command academy school museum base bases station stations
    crew crews pilot pilots squadron regiment brigade unit production""".split()
)
# Weapon nouns (plural and singular) and the category they give a phrase.
WEAPON_HEADS = {
    **dict.fromkeys(
        "jet jets fighter fighters warplane warplanes plane planes aircraft bomber bombers"
        " interceptor interceptors airframes".split(),
        "combat_aircraft",
    ),
    **dict.fromkeys("trainer trainers".split(), "trainer_aircraft"),
    **dict.fromkeys("airlifter airlifters tanker tankers".split(), "transport_aircraft"),
    **dict.fromkeys(
        "helicopter helicopters chopper choppers gunship gunships rotorcraft".split(), "helicopter"
    ),
    **dict.fromkeys("drone drones uav uavs ucav ucavs".split(), "uav"),
    **dict.fromkeys("tank tanks".split(), "tank"),
    **dict.fromkeys("vehicle vehicles apc apcs ifv ifvs carriers".split(), "armoured_vehicle"),
    **dict.fromkeys(
        "howitzer howitzers artillery mortar mortars cannon cannons launcher launchers rockets"
        " guns".split(),
        "artillery",
    ),
    **dict.fromkeys("missile missiles".split(), "missile"),
    **dict.fromkeys("radar radars".split(), "sensor"),
    **dict.fromkeys(
        "frigate frigates corvette corvettes destroyer destroyers ship ships warship warships"
        " vessel vessels boat boats gunboat gunboats cutter cutters opv opvs craft carrier"
        " minesweeper minesweepers".split(),
        "ship",
    ),
    **dict.fromkeys("submarine submarines".split(), "submarine"),
    **dict.fromkeys("rifle rifles pistols".split(), "small_arms"),
    **dict.fromkeys(
        "ammunition munitions bullets shells cartridges bombs arms weapons weaponry armament armaments equipment"
        " hardware devices engines systems assets material materiel goods gunpowder explosives".split(),
        "other",
    ),
}
# Heads too general to stand alone: "the systems", "equipment", "vehicles" need a modifier.
HEAD_NEEDS_MODIFIER = frozenset(
    "systems equipment hardware devices vehicles carriers craft assets engines guns carrier"
    " rockets shells cartridges plane planes material materiel goods".split()
)
# Lower-case words that may name a kind of weapon before its noun ("anti-tank missiles", "night
# vision devices"); any other lower-case word ends the phrase ("carry weaponry" -> weaponry).
NP_MODIFIERS = frozenset(
    """fighter combat transport attack utility patrol aircraft offshore missile air defence defense
    anti-aircraft anti-tank anti-ship anti-submarine anti-armour anti-armor anti-missile
    anti-drone anti-personnel surface-to-air air-to-air air-to-ground air-to-surface
    surface-to-surface ship-to-ship ballistic cruise hypersonic naval maritime military
    armoured armored infantry helicopter night vision sniper assault machine main battle light
    heavy medium multirole multi-role stealth trainer training jet rocket artillery
    self-propelled amphibious landing guided unguided precision-guided laser-guided
    shoulder-fired man-portable loitering kamikaze suicide reconnaissance surveillance early
    warning airborne radar hunting sport rubber tear gas smoke small long-range medium-range
    short-range mid-range intermediate-range high-altitude tactical strategic unmanned aerial
    autonomous underwater submarine ground mine mine-resistant counter-battery coastal
    fast interceptor strike bomber tanker cargo refuelling refueling electronic warfare
    guided-missile missile-armed nuclear nuclear-powered diesel diesel-electric wheeled
    tracked mortar howitzer tank personnel carrier fighting mobile portable towed field
    attack-helicopter gunship escort general-purpose multi-purpose multipurpose
    amphibious-assault mine-countermeasure minehunter mine-hunting search rescue spy
    communications navigation weapons arms weapon firearms rifle pistol grenade grenades
    bullet shell munition ammunition cluster drone drones uav fire control training
    advanced-jet lead-in jet-trainer aerial-refuelling 3d war defence-related dual-use""".split()
)
# A hyphenated modifier of these shapes names a kind of weapon too ("long-range", "radar-guided").
NP_MODIFIER_SHAPE = prefilter.compile(
    r"\A[a-z]+-(?:range|guided|fired|propelled|launched|based|powered|mounted|to-air|to-surface"
    r"|to-ship|to-ground|class|calibre|caliber|mm|wing|engine|engined|seat|seater)\Z"
)
# Words that end a weapon noun phrase on its left.
NP_STOP_WORDS = frozenset(
    """a an the this that these those its their his her our your my some any all both each every
    no not of and or but nor to for with from by in on at as into onto about over under than via
    per between among against without within including include includes included like such is
    are was were be been being has have had do does did will would shall should can could may
    might must it they he she we i you who which whom whose what where when while if then so
    also only just even still already yet one two three four five six seven eight nine ten
    eleven twelve thirteen fourteen fifteen sixteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred hundreds thousand thousands dozen dozens several many few more most
    much number numbers batch batches pair pairs set sets fleet fleets squadron squadrons
    buy buys bought buying purchase purchased purchasing acquire acquired acquiring sell sells
    sold selling supply supplies supplied supplying deliver delivers delivered delivering order
    orders ordered ordering offer offers offered offering send sends sent provide provides
    provided providing receive receives received receiving export exports exported import
    imports imported operate operates operated field fields fielded get gets got worth
    billion million bn mn said says say told reported announced""".split()
)
# Words dropped from a phrase's name: they describe the lot, not the kind of weapon.
NP_DROP_WORDS = frozenset(
    """new newer modern advanced additional further other used second-hand secondhand surplus
    upgraded modernised modernized latest ultra-modern state-of-the-art sophisticated older old
    own domestic indigenous local foreign unspecified various different certain similar
    remaining first second third last final initial next same entire whole total extra spare
    refurbished unnamed undisclosed""".split()
)

# --- words of trade by meaning (extract/frames.py) ------------------------------------------
# Each meaning with the surface forms that carry it, as verbs and as nouns. A sentence's
# countries are read against these: the word a country is the subject or object of, and the
# word governing the preposition before it ("sale ... to X", "offer by X").
TRADE_WORDS = {
    "sell": "sell sells selling sold sale sales seller sellers",
    "supply": "supply supplies supplied supplying supplier suppliers",
    "deliver": "deliver delivers delivered delivering delivery deliveries handover",
    "export": "export exports exported exporting exporter exporters",
    "transfer": "transfer transfers transferred transferring",
    "ship": "shipped shipping shipment shipments",
    "provide": "provide provides provided providing",
    "offer": "offer offers offered offering",
    "give": "give gives gave given giving",
    "donate": "donate donates donated donating donation donations gift gifted",
    "send": "send sends sent sending",
    "pledge": "pledge pledges pledged pledging promise promises promised",
    "bid": "bid bids bidding bidder bidders pitch pitches pitched pitching",
    "propose": "propose proposes proposed proposing proposal",
    "approve": "approve approves approved approving approval clear cleared authorise authorised authorize authorized notified",
    "lease": "lease leases leased leasing loan loaned",
    "buy": "buy buys bought buying buyer buyers",
    "purchase": "purchase purchases purchased purchasing",
    "acquire": "acquire acquires acquired acquiring acquisition acquisitions",
    "procure": "procure procures procured procuring procurement",
    "order": "order orders ordered ordering",
    "import": "import imports imported importing importer importers",
    "receive": "receive receives received receiving recipient recipients arrival arrived",
    "obtain": "obtain obtains obtained get gets got",
    "request": "request requests requested requesting",
    "seek": "seek seeks sought seeking want wants wanted",
    "consider": "consider considers considered considering evaluate evaluated evaluating mull mulling eye eyeing",
    "select": "select selects selected selection choose chose chosen picked opted shortlisted",
    "customer": "customer customers client clients",
    "operate": "operate operates operated operating operator operators fly flies flew flying",
    "sign": "sign signs signed signing ink inked",
    "negotiate": "negotiate negotiates negotiated negotiating negotiations talks discussions",
    "agree": "agree agrees agreed agreement",
    "deal": "deal deals contract contracts package",
    "cancel": "cancel cancels cancelled canceled cancelling scrap scrapped annul annulled terminated dropped",
    "refuse": "refuse refuses refused refusal reject rejects rejected deny denies denied decline declined",
    "ban": "ban bans banned embargo block blocked blocks halt halted suspend suspended veto vetoed",
    "win": "win wins won beat beating",
    "lose": "lose loses lost",
}
TRADE_LEMMA = {form: lemma for lemma, forms in TRADE_WORDS.items() for form in forms.split()}
FRAME_PREPOSITIONS = frozenset(
    "to from with by for of between and in on at against over than including".split()
)

# --- organisations by their form (extract/bodies.py) -----------------------------------------

# Last words that make a run of capitalised words a body ("Global Affairs Canada" aside).
ORG_HEADS = frozenset(
    """Ministry Department Agency Embassy Consulate Court Government Council Commission Committee
    Parliament Assembly House Senate Party Force Forces Fleet Army Navy Guard Corps Command
    Industries Industry Technologies Technology Aerospace Aviation Defence Defense Dynamics Group
    Corporation Corp Company Co Inc Ltd Limited Shipyard Shipyards Works Institute Institution
    University Bank Office Service Services Authority Brotherhood Movement Front Tribune Times Post
    News Herald Daily Radio TV Television Gazette Journal Review Intelligence Press Monitor
    Telegraph Observer Agency Holding Holdings Enterprises Arsenal Directorate Bureau Secretariat
    Staff Academy Foundation Association Federation Union Alliance Coalition Organisation
    Organization Centre Center Laboratory Laboratories Electronics Systems Solutions Engineering
    Motors Marine Naval Shipbuilding Airlines Airways""".split()
)
# Heads that need a further name word before them ("Systems" alone is no body).
ORG_WEAK_HEADS = frozenset("Systems Solutions Engineering Electronics Marine Naval Motors".split())
# A descriptor before or after a name: "the Belarusian arms firm Teteraedr", "Kuwait's official
# news agency Kuna", "PGW Defense Technologies company", "the daily El Watan".
ORG_DESCRIPTOR = (
    r"(?:firm|company|manufacturer|maker|shipbuilder|shipyard|group|contractor|exporter|agency"
    r"|newspaper|daily|weekly|website|site|broadcaster|outlet|radio|channel|station|television"
    r"|tabloid|magazine|portal|consortium|conglomerate|producer|supplier|corporation|party)"
)
ORG_BEFORE_NAME = prefilter.compile(rf"\b{ORG_DESCRIPTOR}(?:s|es)?(?:\s+agency)?,?\s+\Z", re.I)
ORG_AFTER_NAME = prefilter.compile(rf"\A\s+(?:news\s+agency|{ORG_DESCRIPTOR})\b", re.I)
# Who reports: "according to X", "X reported", "told X", "citing X", "X quoted".
MEDIA_BEFORE_NAME = prefilter.compile(
    r"\b(?:according\s+to|told|citing|cited\s+by|quoted\s+by|reported\s+by|in\s+an\s+interview\s+with"
    r"|interview\s+with|(?:said|told)\s+(?:the\s+)?)\s+(?:the\s+)?\Z",
    re.I,
)
MEDIA_AFTER_NAME = prefilter.compile(
    r"\A\s+(?:reported|reports|quoted|said|says|wrote|writes|cited|announced|published|news\s+agency)\b"
)
