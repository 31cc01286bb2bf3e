"""Rules as data: what page furniture looks like, reporting verbs, abbreviations, date words.

Every pattern here is topic-neutral. Each list was drawn from pasted news articles (the seed
articles and the usual furniture of news sites and aggregators); add to them, don't special-case
in the stage modules.
"""

from __future__ import annotations

import re

# --- Cleaning ---------------------------------------------------------------------------------
# (kind, pattern matched against a whole stripped line, case-insensitive)
FURNITURE_LINES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("see-also link", r"see also\b.*"),
        ("navigation", r"(related (articles|stories|posts)|most (popular|read)|editor.s picks"
                       r"|you may also like|read more|more from .{1,40}|share( this( article)?)?"
                       r"|advertisement|recommended( for you)?|trending( now)?|latest news)[:.]?"),
        ("cookie notice", r".*\b(this (web)?site uses cookies|cookies? (policy|settings)"
                          r"|privacy\s*&\s*cookies|accept (all )?cookies|we use cookies)\b.*"),
        ("subscription appeal", r".*\b(subscribe to|subscription to|sign up (for|to) our"
                                r"|support our (work|journalism)"
                                r"|become a (member|subscriber))\b.*"),
        ("comment form", r"(.*\bcomments?\b.*\b(screened|moderated|reviewed)\b.*"
                         r"|.*comments powered by.*|leave a (comment|reply)|.*\bakismet\b.*"
                         r"|post a comment|\d+ comments?|comments)"),
        ("aggregator artifact", r"source site-?\d+"),
        ("masthead", r"(media )?logo"),
        ("breadcrumb", r"home\s*[»>›/|].*"),
        ("byline", r"by [\w.]+( [\w.]+){0,2}"),
        ("photo caption",
         r".*(^|[.)]\s*)(photo|photograph|image|picture|credit)( credit)?:\s*\S.*"),
    )
)

# Page metadata glued to the start of the text, e.g. "date 2023-06-22 The minister has ..."
METADATA_PREFIX = re.compile(r"^\s*(date|published|updated)[: ]\s*\d{4}-\d{2}-\d{2}(T[\d:]+Z?)?\s+",
                             re.IGNORECASE)
# How many leading lines may be masthead before the headline.
MASTHEAD_MAX_LINES = 12
# A paragraph this short without closing punctuation is a subheading, not a claim.
HEADING_MAX_WORDS = 12

# Bracketed insertions such as "[funzionari minori e tecnici]".
BRACKETED = re.compile(r"\[([^\[\]]{1,120})\]")
ENGLISH_FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
     "from", "as", "is", "are", "was", "were", "be", "been", "this", "that", "these", "those", "it",
     "its", "he", "she", "they", "we", "you", "his", "her", "their", "our", "not", "no"]
)

# --- Segmentation -----------------------------------------------------------------------------
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "st", "jr", "sr",
     "rev", "gov", "sen", "rep", "pres", "amb", "no", "vol", "fig", "jan", "feb", "mar", "apr",
     "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "dept",
     "est", "approx", "vs", "etc", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "i.e", "e.g"]
)

# --- Reporting verbs (statements) ---------------------------------------------------------------
REPORTING_VERBS = tuple(
    ["said", "says", "say", "stated", "states", "told", "tells", "added", "adds", "claimed",
     "claims", "noted", "notes", "stressed", "stresses", "emphasised", "emphasized", "emphasises",
     "emphasizes", "insisted", "insists", "argued", "argues", "warned", "warns", "declared",
     "declares", "announced", "announces", "urged", "urges", "accused", "accuses", "denied",
     "denies", "explained", "explains", "highlighted", "highlights", "concluded", "concludes",
     "estimated", "estimates", "complained", "complains", "reiterated", "reiterates", "asserted",
     "asserts", "affirmed", "affirms", "acknowledged", "acknowledges", "alleged", "alleges",
     "suggested", "suggests", "wrote", "writes", "threatened", "threatens", "rejected", "rejects",
     "refuted", "refutes", "confirmed", "confirms", "commented", "comments", "replied", "replies",
     "responded", "responds", "believes", "believed", "expressed", "expresses", "shared",
     "reported", "reports"]
)
ACCORDING_TO = re.compile(r"\baccording to\b", re.IGNORECASE)

# --- Dates ------------------------------------------------------------------------------------
MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
# Words that make a sentence speak of what is still to come.
FUTURE_CUES = re.compile(
    r"\b(will|would|shall|planned|plans? to|scheduled|expected to|is to|are to|to be held|"
    r"ahead of|upcoming|next week|next month|next year|could be signed|proposed|set to)\b",
    re.IGNORECASE)

# --- Classification ---------------------------------------------------------------------------
# Cues that a sentence tells the long history rather than the news.
BACKGROUND_CUES = re.compile(
    r"\b(since (the )?(years|collapse|\d{4})|for (well over )?(a|decades|\d+ years|centuries)|"
    r"century|long been|for decades|history|historically|collapse of|fell apart|"
    r"internationally recognised|internationally recognized|de facto capital|irredentist|"
    r"concept|former soviet|populated mostly|breakaway)\b",
    re.IGNORECASE)
# Verbs of mediation: a third party doing something between the parties.
MEDIATION_CUES = re.compile(
    r"\b(mediat\w*|broker\w*|host\w*|initiative|proposal|proposed|offer\w*|facilitat\w*|"
    r"oversee\w*|overseen|insisted on|peacekeep\w*|envoy|talks in|meeting in|join \w+ \w+ \w+ as)",
    re.IGNORECASE)
# A dateline opening an article: "(Baku) …", "BOGOTA, Colombia (AP) — …", "Havana, Cuba — …".
# The place says where the reporter filed from, not who acts or speaks: a host country's
# capital there must not make the host a side of the sentence.
DATELINE = re.compile(
    r"^\s*(?:\(\s*[A-Z][^()\n]{1,40}\)\s+"
    r"|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})?"
    r"\s*(?:\([^()\n]{1,30}\)\s*)?"
    r"(?:—|–| - )\s*)")
# How a party regards a mediator, by the words of the sentence.
STANCE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rejected as biased", re.compile(r"\b(biased|one-sided|unjust|unilateral)\b", re.I)),
    ("refused", re.compile(r"\b(refused|rejected|categorically refused|not possible)\b", re.I)),
    ("accepted", re.compile(r"\b(agreed to|accepted|welcomed|does not approve of the refusal)\b",
                            re.I)),
)
# Anonymous, state-media and republication cues for the reliability notes.
RELIABILITY_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("relies on anonymous sources", re.compile(
        r"\b(anonymous sources?|diplomatic sources?|sources said|a source told|"
        r"on condition of anonymity|unnamed (officials?|sources?))\b", re.I)),
    ("relies on state or pro-government media", re.compile(
        r"\b(state media|state-run|state television|pro-government (news|media)|"
        r"state news agency)\b", re.I)),
)
NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{4,}\b|\b\d+(?:\.\d+)?\b")
# What the sources say is still pending: conditions, open questions, things to be signed.
OUTLOOK_CUES = re.compile(
    r"\b(remains?|pending|unresolved|depends on|persistent challenges|could be (signed|finalised|"
    r"finalized)|precondition|conditions?|has to|have to|must|should|if political will|"
    r"no basis for|in the coming months|by the end of the year|next week|deadlock)\b",
    re.IGNORECASE)
