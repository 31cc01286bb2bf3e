"""Rules as data: what page furniture looks like, reporting verbs, abbreviations, date words.

Every pattern here is topic-neutral. Each list was drawn from pasted news articles (the seed
articles and the usual furniture of news sites and aggregators); add to them, don't special-case
in the stage modules.
"""

from __future__ import annotations

import re

# --- Cleaning ---------------------------------------------------------------------------------
# (kind, pattern matched against a whole stripped line, case-insensitive[, cues[, tail]]): a
# pattern that scans the whole line is tried only when one of its cue words is in the lower-cased
# line (in its last ``tail`` characters, when the furniture can only stand at the end), as most
# lines are body text that holds none of the words it needs.
FURNITURE_LINES: tuple[tuple[str, re.Pattern[str], tuple[str, ...], int], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE), *rest, *((), 0)[len(rest):])
    for kind, pattern, *rest in (
        ("see-also link", r"see also\b.*"),
        ("navigation", r"(related (articles|stories|posts)|most (popular|read)|editor.s picks"
                       r"|you may also like|read more|read also|more from .{1,40}"
                       r"|share( this( article)?)?|advertisement|recommended( for you)?"
                       r"|trending( now)?|latest news|(text|font) size"
                       # "Read also" and "read the whole article on" as other languages print it.
                       r"|(leggi|lee|lire|lies|leia) (anche|también|aussi|auch|também|l.articolo"
                       r"|el artículo|la suite|o artigo)\b.{0,40})[:.]?"),
        ("cookie notice", r".*\b(this (web)?site uses cookies|cookies? (policy|settings)"
                          r"|privacy\s*&\s*cookies|accept (all )?cookies|we use cookies)\b.*",
         ("cookie",)),
        ("subscription appeal", r".*\b(subscribe to|subscription to|sign up (for|to) our"
                                r"|support our (work|journalism)"
                                r"|become a (member|subscriber))\b.*"
                                # "Get the Mirror in your inbox:", and appeals in other languages.
                                r"|get (the )?[\w’' ]{1,40} (in|to|delivered to) your inbox:?"
                                r"|(assinantes|suscr[ií]bete|abonnez-vous|abbonati|abonnieren)\b.{0,100}",
         ("subscri", "sign up", "support our", "become a", "inbox", "assinantes", "suscr", "abonn",
          "abbonati")),
        ("comment form", r"(.*\bcomments?\b.*\b(screened|moderated|reviewed)\b.*"
                         r"|.*comments powered by.*|leave a (comment|reply)|.*\bakismet\b.*"
                         r"|post a comment|\d+ comments?|comments)",
         ("comment", "akismet", "reply")),
        ("aggregator artifact", r"source site-?\d+"),
        ("masthead", r"(media )?logo"),
        ("breadcrumb", r"home\s*[»>›/|].*"),
        # Names in capitals ("By then, talks stalled" is a sentence), or one lower-case handle.
        # Newsroom credits: "Agency Reports", "Web Desk", "Redazione Ansa", "OAN Staff Jane Roe".
        ("byline", r"(agency reports?|staff reporter|(news|web|online|foreign) desk"
                   r"|(redazione|redacción|rédaction|redação)( (?-i:[A-Z][\w.-]+)){0,2}"
                   r"|(?-i:[A-Z]{2,6}) staff( (?-i:[A-Z][\w’'-]+)){0,3})"),
        # A wire service's sign-off: editors' initials, then the agency ("MG/abj/APA").
        ("wire sign-off", r"(?-i:[A-Za-z]{1,4}(/[a-z]{2,4}){1,3}/[A-Z]{2,6}"
                          r"|[a-z]{2,4}(/[a-z]{2,4}){2,4})"),  # or initials only: "jdt/rc/ifs"
        ("translation credit", r"(translated|translation) (from [\w ]{2,30} )?"
                               r"((to|into) \w{2,20} )?by "
                               r"(?-i:[A-Z][\w.’'-]+)( (?-i:[A-Z][\w.’'-]+)){0,3}\.?"),
        # "From Northland, by Nordburg News": a syndicated story's origin and outlet.
        ("byline", r"(from (?-i:[A-Z])[\w ]{1,30}, )?(by|written by|posted by|words by) "
                   r"([\w.]+|(?-i:[A-Z][\w.’'-]+)"
                   r"( (?-i:[A-Z][\w.’'-]+)){0,3}((,| and| &) (?-i:[A-Z][\w.’'-]+)"
                   r"( (?-i:[A-Z][\w.’'-]+)){0,3}){0,4}( ?[|,–—-] ?[\w .]{1,40})?)"
                   # With the date: "By bne Wire August 9, 2024".
                   r"|by [\w.]+( (?-i:[A-Z][\w.’'-]+)){0,3},? (\w{3,9}\.? \d{1,2},? \d{4}"
                   r"|\d{1,2} \w{3,9} \d{4})"),
        ("photo caption",
         r".*(^|[.)]\s*)(photo|photograph|image|picture|credit|file photo)( credit)?:\s*\S.*"
         # A credit label glued to the caption, capitalised: "… their vehiclesImage: EU Council".
         r"|.*[a-z ](?-i:Photo|Photograph|Image|Picture)( credit)?:\s*(?-i:[A-Z]).*"
         # "This undated image shows …", "In this photo taken on …"
         r"|(this|in this|an?) (undated |file |handout |aerial )?(image|photo|photograph"
         r"|picture|video grab)( taken| shows| released| provided| made)\b.*"
         # People placed left to right: "Jane Roe (C), John Doe (L) and …", "X (centre) is …".
         r"|.{0,200}(?-i:[A-Z])[\w’'-]+ \((far |second |2nd |3rd )?((?-i:L|R|C)|left|right"
         r"|centre|center)\).{0,300}"
         # ... or between commas, as agencies print them: "Jane Roe, left, speaks with …".
         r"|.{0,200}(?-i:[A-Z])[\w’'-]+, (far |second )?(left|right|centre|center), .{0,300}",
         ("photo", "image", "picture", "credit", "video", "(l)", "(r)", "(c)", "left)", "right)",
          "centre)", "center)", ", left,", ", right,", ", centre,", ", center,")),
        # A file picture's caption, as agencies print them: "FILE - A worker walks past …".
        ("photo caption", r"(?-i:FILE)\s*[-–—]\s+.*", ("file",)),
        # "… in Kosovo, 24 September 2023. EFE-EPA/STR": agencies may come in pairs.
        ("photo credit", r"(.{0,200}[ (])?(\w+ ?/ ?(afp|reuters|ap|getty images|epa|anadolu)"
                         r"|((afp|reuters|ap|epa|efe|anadolu)-)?(afp|reuters|ap|epa|efe|anadolu)"
                         r" ?/ ?[\w .’'-]{2,40}"
                         r"( via getty images)?|(afp|reuters|ap|epa|anadolu)( photo)?"
                         r"|getty images)\)?\.?",
         ("/", "afp", "reuters", "ap", "epa", "efe", "anadolu", "getty"), 80),
        ("photo credit", r"(.{0,200}[ (])?(image source|image caption), .*",
         ("image source", "image caption")),
        # A wire caption of any length closed by its credit: "… burns. (AP Photo/Jane Roe)".
        ("photo credit", r".{0,1200}\((ap|afp|reuters|epa|efe|anadolu|xinhua|getty images)"
                         r" photo ?/ ?[\w .’'-]{2,40}\)\.?", ("photo",), 60),
        # A caption credited after a slash: "… the south of the city. / Nordburg News".
        ("photo credit", r".{10,600}[.!?]\s+/\s*[\w .’'-]{2,40}", ("/",), 60),
        # The agency and the place on a line of their own: "AP, NORDBURG".
        ("credit line", r"(ap|afp|reuters|efe|ansa|dpa|xinhua|anadolu|upi|tass)\s*,\s*"
                        r"((?-i:[A-Z][A-Z .’'-]{2,30})"
                        # ... or with the day: "AP , Thursday 4 May 2023".
                        r"|(\w+day,? )?(\d{1,2} \w{3,9},? \d{4}|\w{3,9}\.? \d{1,2},? \d{4}))"),
        # A picture credited to a web address alone: "northland.gov", "www.nordburg-news.com".
        ("credit line", r"(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,6}", (".",)),
        # A dateline standing alone, perhaps with the date again: "Nordburg, May 26 (AFP) May 26,
        # 2024".
        ("dateline", r"(?-i:[A-Z])[\w .’'-]{2,30},\s*\w{3,9}\.? \d{1,2}\s*\((?-i:AP|AFP|EFE|"
                     r"Reuters|[A-Z]{2,8})\)(\s*\w{3,9}\.? \d{1,2},? \d{4})?"),
        # A picture library closing the caption: "Nordburg, Northland (Wikimedia Commons)".
        ("photo credit", r".{0,200}[ (/](wikimedia commons|shutterstock|unsplash|pexels|pixabay"
                         r"|flickr)\)?\.?",
         ("wikimedia", "shutterstock", "unsplash", "pexels", "pixabay", "flickr"), 40),
        # A wire caption closed by its credit in capitals: "…, 24 September 2023. EFE-EPA/STR"
        ("photo caption", r".{10,400}[.!?]\s+(?-i:[A-Z]{2,}(?:-[A-Z]{2,})*"
                          r"(?:\s?/\s?[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}){1,3})\.?",
         ("/",)),
        # Labelled credits, also as other languages print them ("Foto:", "Izvor:", "Autor:").
        ("credit line", r"(foto|fotó|photo|autor|author|izvor|fuente|quelle|crédito|source)"
                        r"\s*:\s*\S.{0,60}"),
        ("copyright", r"(©|\(c\)|copyright\b).{0,120}|all rights reserved\.?"
                      r"|\*?reproduction (of this (content|article|material) )?is (prohibited"
                      r"|forbidden|not allowed)[^.]{0,60}\.?"),
        ("share and follow", r"((share|tweet|email|print|whatsapp|facebook|twitter|x|linkedin"
                             r"|telegram|reddit|pinterest|copy link|click to share|podeli( vest)?"
                             r"|compartir|partager|teilen|condividi|compartilhar)\b[\s:|,]*)"
                             r"{1,8}|(share|follow) (this|us|on) .{0,60}"
                             # "Share current article via Email Share current article via …"
                             r"|(share (this |current )?(article|story|post|page) (via|on|by) "
                             r"\w+\s*){1,8}"),
        ("social handle", r"\(?@\w{2,30}\)?"),
        ("reading time", r"\d+ min(ute)?s?( read)?"),
        ("timestamp", r"(((updated|published|posted|last updated|first published)( on| at)?:?\s+)"
                      r".{0,60}(\d{4}|gmt|utc|[ap]\.?m\.?|ist|cet|est)\b.{0,20}"
                      # A section label may come first, and the time be glued to the date:
                      # "NEWS 29.09.202322:19".
                      r"|((?-i:[A-Z]{2,20}) )?(\d{1,2}[/.]\d{1,2}[/.](\d{4}|\d{2})"
                      r"|\w+ \d{1,2},? \d{4}|\d{1,2} \w+ \d{4})( at)?,? ?\d{1,2}[:.]\d{2}"
                      r"( ?[ap]\.?m\.?)?( \w{2,4})?"
                      # The time first: "2:38 PM – Friday, August 8, 2025".
                      r"|\d{1,2}[:.]\d{2}( ?[ap]\.?m\.?)?( \w{2,4})? ?[–—|,-]? ?(\w+day,? )?"
                      r"(\w+ \d{1,2},? \d{4}|\d{1,2} \w+,? \d{4})"
                      # The day's number before its name: "27th Friday, February 2026 - 10:51 UTC".
                      r"|\d{1,2}(st|nd|rd|th)? \w+day,? \w+ \d{4}\s*[-–—|,]\s*\d{1,2}[:.]\d{2}"
                      r"( ?[ap]\.?m\.?)?( \w{2,4})?"
                      # The label alone, left over from a layout: "- Published".
                      r"|[-–•]?\s*(published|updated|posted|last updated)\s*:?)"
                      # Then perhaps when it was updated: "… 12:47 AM | Updated: 1:57 pm".
                      r"(\s*[|,–—-]\s*(updated|modified|edited)\s*:?\s*.{0,40})?"),
        ("tag list", r"(tags?|topics?|filed under|categories|category|keywords)\s*:.*"),
        # A date on a line of its own is the page's, not the story's: "November 21, 2022".
        ("date line", r"((?-i:[A-Z])[\w’'-]+( [\w’'-]+){0,2}"
                      r"(, (?-i:[A-Z])[\w’'-]+( [\w’'-]+){0,2})?"
                      r"\s*[–—-]\s*)?"  # a place first: "Nordburg, Northland – May 15, 2025"
                      r"((mon|tues|wednes|thurs|fri|satur|sun)day,? )?((jan|feb|mar|apr|may|jun"
                      r"|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?,? \d{4}"
                      r"|\d{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                      r"[a-z]*\.?,? \d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}-\d{2}-\d{2})"),
        ("reader comment", r".{1,60} (says|said):? \w+ \d{1,2},? \d{4}( at .*)?|reply"),
        ("credits", r"\((reporting|writing|editing|additional reporting) by [^()]{2,200}\)\.?"),
        ("editor's note", r"[\[(](editor.s note|ed\. note|note to (readers|editors))[^\])]*"
                          r"[\])]\.?"),
        ("call to action", r"(scroll to continue|continue reading|download (our|the) app"
                           r"|continue reading (on|at) .{0,40}|continue reading (on|at):?"
                           r"|read the (full |whole |complete )?(article|story) (in|on|at) .{0,40}"
                           r"|join our .{0,40}channel|sign up for .{0,60}|read (more|also|next)"
                           r"\s*[:|].*|(also read|related|watch|listen)\s*:.*)"),
    )
)

# A dateline opening the first paragraph: "NAIROBI, Kenya (AP) —", "NORDBURG, June 5 (Reuters) -",
# "(Sudburg) ", "BRUSSELS: ". A place in capitals, or a bracketed place, then a dash or colon.
DATELINE_PREFIX = re.compile(
    r"^(?:\((?:[A-Z][\w'’ .-]{1,30})\)\s*(?=[A-Z])"
    # "Belgrade, Sep 24 (EFE).- ": place, date and agency, then the agency's ".-".
    r"|[A-Z][\w'’ .-]{2,30},\s*\w{3,9}\.? \d{1,2}\s*\([A-Z][\w ]{1,20}\)\s*\.?[—–-]{1,2}\s+"
    r"|[A-Z][A-Z'’ .-]{2,30}(?:,\s*[A-Z][\w'’ .]{1,30})?(?:,\s*\w+\.? \d{1,2}(?:,\s*\d{4})?)?"
    # "BRUSSELS, - ": a dateline whose date the page left out keeps its comma; "NORDBURG, Nov 1,
    # 2024 (NNA/AFP) - ": a year, and an agency carrying another's copy.
    r"(?:\s*\((?:AP|AFP|Reuters|[A-Z][\w /]{1,20})\))?\s*,?\s*(?:[—–-]{1,2}|:)\s+"
    # "BELGRADE (UrduPoint News / Sputnik - 22nd November, 2022) ": agency and date in brackets.
    r"|[A-Z][A-Z'’ .-]{2,30}\s*\([A-Z][^()]{1,60}\d{4}\)\s+(?=[A-Z])"
    # "NORDBURG, May 13. /NNA/. ": the agency between slashes.
    r"|[A-Z][A-Z'’ .-]{2,30},\s*\w{3,9}\.? \d{1,2}\.\s*/[A-Z][\w-]{1,12}/\.?\s+(?=[A-Z\"“]))")
# A byline glued to a paragraph's end with its date: "(Agency, 24/8/2022)".
TRAILING_BYLINE = re.compile(r"\s*\((?:[A-Z][\w .&-]{1,40}),\s*\d{1,2}/\d{1,2}/\d{2,4}\)\s*$")
# A page's source and time stamp glued after the last sentence of a line, with what follows them
# (share buttons, a photo credit): "… path. Source: B92 Sunday, March 19, 2023 | 00:33 Tweet".
TRAILING_METADATA = re.compile(
    r"(?<=[.!?”\"])\s+(?:Source:\s*[\w.-]+(?: [\w.-]+){0,2}\s+)?(?:[A-Z][a-z]+day,?\s+)?"
    r"(?:[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+\.? \d{4})\s*\|\s*\d{1,2}[:.]\d{2}\b"
    r".{0,120}$")

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
# Verbs that credit words or a stance to a speaker, as lemmas; their forms are generated below
# (about 400 forms, in the spirit of published quotation-attribution rule sets).
_REPORTING_LEMMAS = [
    "accuse", "acknowledge", "add", "admit", "advise", "affirm", "agree", "allege", "announce",
    "attribute",
    "answer", "appeal", "argue", "ask", "assert", "assure", "blame", "boast", "call", "caution",
    "charge", "cite", "claim", "comment", "complain", "concede", "conclude", "condemn", "confirm",
    "contend", "counter", "criticise", "criticize", "declare", "decry", "demand", "denounce",
    "deny", "deplore", "describe", "disclose", "dismiss", "dispute", "echo", "emphasise",
    "emphasize", "estimate", "explain", "express", "forecast", "hail", "highlight", "hint", "hope",
    "indicate", "inform", "insist", "lament", "maintain", "mention", "note", "object", "observe",
    "oppose", "pledge", "point", "post", "praise", "predict", "proclaim", "promise", "propose",
    "protest", "recall", "recommend", "refuse", "refute", "regret", "reiterate", "reject", "remark",
    "repeat", "reply", "report", "request", "respond", "reveal", "say", "signal", "slam", "state",
    "stress",
    "suggest", "tell", "thank", "threaten", "tweet", "underline", "underscore", "urge", "voice",
    "vow", "want", "warn", "welcome", "write",
]
_IRREGULAR = {"say": ("said", "says", "saying"), "tell": ("told", "tells", "telling"),
              "write": ("wrote", "writes", "writing", "written")}


def _forms(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        return (lemma, *_IRREGULAR[lemma])
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return (lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    past = lemma + "d" if lemma.endswith("e") else lemma + "ed"
    if lemma in ("admit", "regret", "refer", "commit", "slam"):
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    else:
        ing = stem + "ing"
    return (lemma, third, past, ing)


def word_alternation(words: tuple[str, ...] | list[str]) -> str:
    """One regex alternation of literal words, grouped by shared prefixes ("sa(?:id|ys?)"):
    Python's engine tries a flat alternation word by word at every position, a prefix tree
    letter by letter, which is many times faster for hundreds of words."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = "(?:" + body + ")?"
        return body

    return "(?:" + pattern(tree) + ")"


REPORTING_VERBS = tuple(sorted({form for lemma in _REPORTING_LEMMAS for form in _forms(lemma)}
                               | {"believes", "believed", "thinks", "thought", "feels", "felt",
                                  "spoke", "shared", "made clear", "pointed out",
                                  "called for", "calls for", "went on", "rule out",
                                  "rules out", "ruled out", "ruling out"},
                               key=lambda f: (-len(f), f)))
# Reporting verbs that also tell a deed: "Northland refused to participate", "the rebels
# rejected the offer", "the ministry agreed to meet" are happenings, not words.
DEED_LEMMAS = frozenset(["refuse", "reject", "agree", "welcome", "thank", "oppose", "accept"])
DEED_FORMS = frozenset(form for lemma in DEED_LEMMAS for form in _forms(lemma))
# Forms that also read as nouns or adjectives ("the call", "a report", "hopes"): they report only
# with a speaker right before them, never in an inverted attribution ("…, report officials").
AMBIGUOUS_REPORTING = frozenset(
    ["call", "calls", "charge", "charges", "comment", "comments", "report", "reports", "post",
     "posts", "hope", "hopes", "promise", "promises", "demand", "demands", "protest", "protests",
     "request", "requests", "answer", "answers", "reply", "state", "states", "note", "notes",
     "point", "points", "signal", "signals", "object", "objects", "counter", "echo", "voice",
     "thank", "want", "tweet", "regret", "forecast", "appeal", "stress", "cite", "caution",
     "remark", "pledge", "vow", "welcome", "hail", "hint", "boast", "mention", "oppose"])
# Words that make a person an independent voice, whatever city their institution is in.
INDEPENDENT_ROLE_WORDS = re.compile(
    r"\b(analysts?|experts?|professor|lecturer|researchers?|scholar|academic|fellow|think[- ]tank"
    r"|institute|university|cent(?:er|re) for|policy (?:analysis )?cent(?:er|re)|journalist"
    r"|commentator|economist|historian|political scientist|observers? of|ombuds(?:man|person))\b",
    re.IGNORECASE)
# Heads of organisations and groups that speak as one ("the ministry said", "the rebels say").
COLLECTIVE_NOUNS = word_alternation((
    "administration", "agency", "alliance", "analysts", "armed forces", "army", "assembly",
    "association", "broadcaster", "critics", "lawmakers", "television", "community",
    "authorities", "bloc", "cabinet", "campaign", "coalition", "commission", "committee",
    "communique", "communiqué", "confederation", "congress", "council", "court", "declaration",
    "defence ministry", "defense ministry", "delegation", "department", "diplomat", "diplomats",
    "document", "embassy", "envoy", "envoys", "experts", "farmers",
    "federation", "fighters", "force", "forces", "foreign ministry", "government", "governments",
    "group", "guerrilla", "guerrillas", "insurgency", "interior ministry", "junta", "kremlin",
    "leader", "leaders",
    "leadership", "media", "mediator", "mediators", "militants", "military", "ministries",
    "ministry", "mission", "movement", "negotiator", "negotiators", "news agency", "observers",
    "office", "official", "officials", "ombudsman", "opposition", "organisation", "organization",
    "panel", "parliament", "party", "police", "presidency", "president's office",
    "press release", "prime minister's office", "prosecutor", "rebels", "regime", "release",
    "secretariat", "secretary-general", "secretary general", "senate", "side", "source",
    "sources", "high representative", "high commissioner", "special rapporteur",
    "spokesman", "spokesperson", "spokeswoman", "state department", "state media", "statement",
    "summit", "team", "union", "unions", "white house",
))
ACCORDING_TO = re.compile(r"\baccording to\b", re.IGNORECASE)
# What news calls a role in other words, and the roles of briefing.yaml it stands for: "the EU's
# top diplomat" is its high representative, "Russia's top diplomat" its foreign minister.
_DIPLOMATS = ("foreign minister", "foreign secretary", "secretary of state",
              "high representative")
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "top diplomat": _DIPLOMATS,
    "chief diplomat": _DIPLOMATS,
    "foreign secretary": ("foreign minister",),
    "premier": ("prime minister",),
}
# The same attribution in other words: "in the view of X", "in X's view" (the speaker, ``who``,
# stands before the noun).
VIEW_NOUNS = r"(?:view|opinion|words|assessment)"
IN_THE_VIEW_OF = re.compile(
    rf"\b[Ii]n (?:the {VIEW_NOUNS} of\b"
    rf"|(?P<who>(?:the |a )?[^,;:“”\"‘’]{{2,60}}?)['’]s {VIEW_NOUNS}\b)")
# "the government's view": the possessive that ends the speaker's phrase.
POSSESSIVE_VIEW = re.compile(rf"['’]s {VIEW_NOUNS}\b")

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
    r"ahead of|upcoming|next week|next month|next year|could be signed|proposed|set to|"
    r"possible|potential|due to|is due|are due|to take place|prepar\w* for|slated|"
    r"forthcoming|later this (?:week|month|year)|in the coming (?:days|weeks|months)|"
    r"aims? to|intends? to|hopes? to|on track to|tentatively|is going to|are going to|"
    # An infinitive of a meeting to come, and "is expected" without its "to" ("a vote expected
    # in April").
    r"to (?:meet|resume|hold|sign|visit|convene|reconvene|host|attend)|set for|poised to|"
    r"(?:is|are) expected|expected (?:in|on|by|before|later|next))\b",
    re.IGNORECASE)

# --- Classification ---------------------------------------------------------------------------
# Cues that a sentence tells the long history rather than the news. Topic-neutral: a topic's own
# words for its history ("irredentist", "former Soviet") go under background_cues in
# briefing.yaml. Matched against the lower-cased sentence, as OUTLOOK_CUES is: a case-insensitive
# search of a long alternation is three to four times slower.
BACKGROUND_CUES = re.compile(
    r"\b(since (the )?(years|collapse|\d{4})|for (well over )?(a|decades|\d+ years|centuries)|"
    r"century|long been|for decades|history|historically|collapse of|fell apart|"
    r"internationally recogni[sz]ed|de facto|breakaway|decades-old|long-running|dating back|"
    r"former \w+ (republics?|colon(y|ies)|territor(y|ies)|provinces?|states?)|"
    r"(populated|inhabited) (mostly|mainly|largely|predominantly) by|"
    r"(mostly|mainly|largely|predominantly)[- ](populated|inhabited)|"
    r"(is|was) an? [\w -]{0,40}(term|concept|notion|name) (commonly |widely |often )?used)\b")
# Verbs of mediation: a third party doing something between the parties.
MEDIATION_CUES = re.compile(
    r"\b(mediat\w*|broker\w*|host\w*|initiative|proposal|proposed|offer\w*|facilitat\w*|"
    r"oversee\w*|overseen|insisted on(?! [A-Z\d])|peacekeep\w*|envoy|talks in|"
    # A host: where talks are held ("will convene in Moscow", "travel to Havana for talks").
    r"conven\w* in|held in|negotiations in|summit in|round in|"
    r"to (?-i:[A-Z])\w+[^.;]{0,40}\bfor [^.;]{0,30}\b(?:talks|negotiations)\b|"
    r"meeting in|join\w* [^.;]{0,40}\bas (?:a |an )?(?:mediators?|guarantors?|observers?|"
    r"facilitators?|hosts?|co-chairs?|sponsors?))",
    re.IGNORECASE)
# A dateline opening an article: "(Sudburg) …", "BOGOTA, Colombia (AP) — …", "Havana, Cuba — …".
# The place says where the reporter filed from, not who acts or speaks: a host country's
# capital there must not make the host a side of the sentence.
DATELINE = re.compile(
    r"^\s*(?:\(\s*[A-Z][^()\n]{1,40}\)\s+"
    r"|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})?"
    r"\s*(?:\([^()\n]{1,30}\)\s*)?"
    r"(?:—|–| - )\s*)")
# How a party regards a mediator, by the words of the sentence.
STANCE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Disapproving of a refusal is accepting what was refused ("Northland does not approve of the
    # refusal [of the envoy's offer]"): checked before the refusal it mentions.
    ("accepted", re.compile(
        r"\b(((does|do|did) not|doesn't|don't|didn't) (approve of|support|accept)|"
        r"disapprov\w* of|regrett?\w*|critici[sz]\w*|deplor\w*|condemn\w*) "
        r"(the |this |its |their )?([\w-]+['’]s )?(refusal|rejection|boycott|decision not)\b",
        re.I)),
    ("rejected as biased", re.compile(r"\b(biased|one-sided|unjust|unilateral)\b", re.I)),
    ("refused", re.compile(r"\b(refused|rejected|categorically refused|not possible)\b", re.I)),
    ("accepted", re.compile(r"\b(agreed to|accepted|welcomed)\b", re.I)),
)
# Anonymous, state-media and republication cues for the reliability notes.
# Matched against the lower-cased text.
RELIABILITY_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("relies on anonymous sources", re.compile(
        r"\b(anonymous sources?|diplomatic sources?|sources said|a source told|"
        r"on condition of anonymity|unnamed (officials?|sources?))\b")),
    ("relies on state or pro-government media", re.compile(
        r"\b(state media|state-run|state television|pro-government (news|media)|"
        r"state news agency)\b")),
)
NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{4,}\b|\b\d+(?:\.\d+)?\b")
# Happenings that change the facts on the ground or on paper: wars and their dead, flight,
# territory taken, agreements signed or broken off. A summary's arc is built on them first.
TURNING_POINT_CUES = re.compile(
    r"\b(wars?|all-out conflict|offensive|inva(?:ded|sion)|ceasefire|truce|armistice|"
    r"fled|displaced|refugees|exodus|reconquered|retook|retaken|took over|took control|annexed|"
    r"split away|broke away|seceded|declared independence|coup|"
    r"signed|ratified|concluded|broke off|called off|collapsed|"
    r"reached an? (?:deal|agreement|accord)|(?:deal|agreement|accord) was reached)\b",
    re.IGNORECASE)
# What the sources say is still pending: conditions, open questions, things to be signed.
OUTLOOK_CUES = re.compile(
    r"\b(remains?|pending|unresolved|depends on|(persistent|outstanding|remaining|key|major) "
    r"(challenges|obstacles|hurdles|differences|disagreements)|could be (signed|finalised|"
    r"finalized)|precondition|conditions?|has to|have to|must|should|provided that|"
    r"on condition that|as long as|if [^.;]{3,80}\b(will|would|could|can|may)\b|"
    r"(no|little|any) (basis|prospect|chance|hope) (for|of)|in the coming (weeks|months)|"
    r"by the end of the year|next week|deadlock)\b")
