"""Find who said what: direct quotes and reported speech, and who the speaker is.

A speaker is whoever the sentence credits with the words: an actor of the gazetteer, but also a
person the configuration does not list ("Congressman Jane Roe told reporters"), an organisation
or group ("the foreign ministry said", "the rebels say") or a party word ("Paris insists"). The
side of a speaker outside the gazetteer is read from the words around the name: its title and
its apposition ("Y, spokesman for President Z," speaks for Z's side); analysts and academics are
independent whatever city their institute is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from briefing_tools.actors import ArticleContext, Gazetteer, Voice, side_of_phrase, sides_in
from briefing_tools.model import ActorMention
from briefing_tools.patterns import (
    ACCORDING_TO,
    AMBIGUOUS_REPORTING,
    COLLECTIVE_NOUNS,
    IN_THE_VIEW_OF,
    INDEPENDENT_ROLE_WORDS,
    POSSESSIVE_VIEW,
    REPORTING_VERBS,
    word_alternation,
)

_VERB = re.compile(r"\b" + word_alternation(REPORTING_VERBS) + r"\b")
# Quotation spans: double quotes of either kind, or single curly quotes whose closing mark is not
# an apostrophe (the envoy’s, shouldn’t). An unclosed quote runs to the end of the sentence.
# A straight opening mark may be closed by a curly one, as pasted text mixes them.
_QUOTE = re.compile(r"“[^”]*(?:”|$)|\"[^\"”]*(?:[\"”]|$)"
                    # Not the apostrophe of "the U.N.'s".
                    r"|(?<![\w])[‘'](?!s\b)(?:[^’']|[’'](?=\w))*(?:[’'](?!\w)|$)")
_SINGLE_QUOTE = re.compile(r"(?<![\w])‘(?:[^’]|’(?=\w))*(?:’(?!\w)|$)")
# Two single marks typed for a double one (’’, ‘‘, '', ``) count as one double mark.
_DOUBLE_MARKS = re.compile(r"’’|‘‘|''|``|[“”\"«»]")
# Between a speaker and the verb: nothing, an adverb or an auxiliary ...
_NEAR = re.compile(r"^\s*(?:(?:also|then|later|further|again|has|had|have|was|were|is|are|"
                   r"would|will|long|already|not|never|still|just|even|recently|once|now|"
                   r"in (?:his|her|its|their) \w+|on \w+day|\w+ly|\([^()]{1,40}\)"
                   # "X hastened to deny": the verb is X's, told with how X said it.
                   r"|(?:hastened|rushed|moved|went on|sought|wanted|(?:was|were) quick) to"
                   # A name's acronym and what it is: "the Southland Liberation Army (SLA)
                   # rebel group said".
                   rf"|\([^()]{{1,40}}\)\s+(?:[a-z]+\s+){{0,2}}?(?:{COLLECTIVE_NOUNS}))\s+)*$")
# A name set off by commas ("the head of the delegation, Jane Roe, stated") meets its verb after
# the closing comma.
_COMMA_NEAR = re.compile(r"^\s*,\s*(?:(?:also|then|later|\w+ly)\s+)*$")
# ... or one apposition closed by a comma ("Y, spokesman for President Z, told reporters").
# Where a sentence starts a clause with a subject of its own.
_CLAUSE_BREAK = re.compile(r",\s*(?:while|whereas|but|though|although|which|and|prompting|"
                           r"leading|forcing|causing|pushing|whereupon|"
                           r"(?:to|after|upon|on) which)\b|;")
# "…, prompting the government to blame …": the one prompted is the subject of the verb.
_PROMPTED = re.compile(r"(?i:\b(?:prompting|prompted|leading|led|forcing|forced|causing|caused|"
                       r"pushing|pushed)\s+)$")
_APPOSITION = re.compile(r"^\s*,(?P<apposition>[^,“”\"‘]{1,140}),\s*"
                         # "X, the president of the council, which represents …, said"
                         r"(?:(?:which|who|whose)\b[^,“”\"‘]{1,140},\s*)?"
                         r"(?:(?:also|then|later|further|again|has|had|have|\w+ly)\s+)*$")
# ... or a role that runs up to the verb ("…,” Jane Roe, adviser to the Prime Minister tweeted").
_ROLE_GAP = re.compile(r"^\s*,[^,“”\"‘]{0,60}?\b(?i:spokes\w+|minister|president|secretary|"
                       r"envoy|ambassador|adviser|advisor|director|head|chief|leader|analyst|"
                       r"expert|professor|official|representative|negotiator|commander)\b"
                       r"[^,“”\"‘]{0,80}?,?\s*$")
# ... or a first predicate joined by "and" ("Jane Roe met the envoy and expressed regret").
_COORDINATED = re.compile(r"^(?:\s*,[^,.;:“”\"‘]{1,100},)?\s+[a-z]+\b[^.;:“”\"‘]{0,100}?\s+and\s+"
                          r"(?:\w+ly\s+)?$")
_AFTER_VERB = re.compile(r"^\s*(?:the\s+)?$")
# A relative clause's subject is the person it follows, whatever governs the name: "in response
# to Prime Minister X, who was quoted last month as saying …", "… met X, who said …".
_WHO_CLAUSE = re.compile(r"^\s*,\s*who\s+(?:(?:was|were|has been|had been)\s+quoted\s+"
                         r"(?:[\w ]{0,30}?\s+)?as\s+|(?:also|then|later|has|had|have|\w+ly)\s+)*$")
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_IT = re.compile(r"\b(?:it|It)\b")
_THEY = re.compile(r"\b(?:they|They)\b")
_ADVERB_GAP = re.compile(r"\s+(?:(?:\w+ly|already|also|still|now|again|even)\s+)?")
_DETERMINER = re.compile(r"(?i:the|a|an|his|her|their|its)\b")
# "… the government after it accused …": "it" after a conjunction is the phrase just before.
_CONJUNCTION_BEFORE_IT = re.compile(r"\s(?:after|before|because|when|while|as|since|until|"
                                    r"unless|although|though|and)\s+$")
# "Northland, which has told them that …": the phrase before "which" speaks.
_WHICH_CLAUSE = re.compile(r"^\s*,\s*which\s+(?:(?:also|then|later|has|had|have|\w+ly)\s+)*$")
_HIS_OR_HER = re.compile(r"(?:his|her|His|Her)\s+")
_DEFINITE = re.compile(r"(?:the|The)\s+")
# A role a side gives one person, standing for the one of that side who last spoke: "the
# Northlandic leader", "the peace negotiator". Not "the envoy" or "the spokesman": another
# person than the one who spoke, as often as not.
_PERSON_ROLE_HEADS = frozenset(["leader", "negotiator"])
# A name right after a role is the role's holder, named there ("the chief negotiator, Jane Roe,").
_NAME_FOLLOWS = re.compile(r"\s*,?\s*[A-ZÀ-ÖØ-Þ]")
# What may stand before a sentence's subject: title words ("Foreign Minister", "the").
_SUBJECT_START = re.compile(r"(?:(?:[A-Z][\w’'-]*|the|of|(?i:minister|president|secretary|"
                            r"envoy|spokes\w+|ambassador|chief|head|leader|official|deputy|"
                            r"foreign|defen[cs]e|special))\s+){0,6}")
# Between two joined subjects: "and", and the second's title words ("Anna Berg and Southland
# leader Omar Haddad said").
_AND_TITLES = re.compile(r"\s+and\s+" + _SUBJECT_START.pattern)
# "a statement by spokesman Y": Y gives someone else's words.
_SPOKESMAN_BEFORE = re.compile(r"(?i:\bspokes(?:man|woman|person)\s+)$")
# "has been disputed", "was reiterated": a passive reporting verb.
_PASSIVE_BEFORE = re.compile(r"\b(?:been|being|be|was|were|is|are)\s+(?:\w+ly\s+)?$")
# Both negotiating sides as one subject.
_BOTH_SIDES = re.compile(r"(?i:\b(?:(?:the|both)\s+(?:two\s+)?(?:(?:negotiating\s+)?"
                         r"(?:parties|sides|delegations|countries|nations)|negotiating\s+teams)"
                         r"|(?:both|the two)\s+"
                         r"(?:world\s+)?(?:leaders|presidents|heads of state|"
                         r"foreign ministers))\b)")
_NOT_A_SUBJECT = re.compile(r"(?i:(?:it|this|that|there|what|here)(?:['’]s)?\s)")
# Words that say a verb reports nothing: "refrained from commenting", "declined to comment",
# "what it described as", "a proposed plan", "a long-disputed topic".
_NOT_SAYING = re.compile(r"(?i:\b(?:refrain\w*|declin\w*|refus\w*)\s+(?:from|to)\s+"
                         r"|\bwithout\s+|\bwhat\s+(?:it|he|she|they|we)\s+"
                         # A participle after a determiner or in a compound qualifies a noun:
                         # "a proposed Community", "a long-disputed topic".
                         r"|\b(?:a|an|the|this|these|those|its|their|his|her|our)\s+|\w-"
                         # ... or a possessive: "Getachew's confirmed replacement".
                         r"|\w['’]s\s+)$")
# Words between a modifier and the head of its noun phrase ("Southlandic pro-government news
# agency SNA", "Northlandic Foreign Minister Jonas Vik").
_MODIFIER_GAP = re.compile(r"(?:['’]s?)?\s+(?:[\w-]+\s+){0,4}")
# An opening phrase before the subject: "Later in the day, ", "When asked about it, ".
_OPENING_PHRASE = re.compile(r"^[^,“”\"‘]{1,80},\s+")
# Inverted attribution ("…,” said Pavel Dunn", "…, estimates the ministry") follows a quotation
# or a comma; "the country rejected the envoy's proposal" is not one.
_INVERTED_BEFORE = re.compile(r"[,”\"’'“]\s*$")

_TOKEN = r"(?:[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[’'-][^\W\d_]+)*\.?)"
_PARTICLE = r"(?:da|de|do|dos|das|del|della|di|du|van|von|der|den|bin|ibn|al|el|la|le|ter|y)"
_NAME = re.compile(rf"\b{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_TOKEN}){{1,6}}\b")
# Capitalised words that open sentences or name institutions, never a person's first name.
_NOT_A_NAME = frozenset(
    [
        "the", "a", "an", "in", "on", "at", "by", "for", "after", "before", "but", "however",
        "meanwhile", "according", "while", "when", "if", "as", "and", "or", "of", "to", "from",
        "with", "since", "during", "under", "over", "his", "her", "their", "its", "this", "that",
        "these", "those", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "president", "prime", "minister", "foreign",
        "deputy", "vice", "secretary", "general", "chancellor", "ambassador", "envoy", "spokesman",
        "spokeswoman", "spokesperson", "senator", "governor", "mayor", "commander", "chief",
        "director", "head", "leader", "king", "queen", "emperor", "pope", "sheikh", "mr", "mrs",
        "ms", "dr", "prof", "sir", "lord", "lady", "former", "acting", "interim", "state",
        "national", "federal", "united", "european", "african", "international", "north", "south",
        "east", "west", "new",
    ])
# Words that open a sentence or a phrase before a name: "In Nordburg Council …".
_NOT_A_NAME_START = frozenset(
    ["in", "on", "at", "by", "for", "after", "before", "but", "however", "meanwhile", "according",
     "while", "when", "if", "as", "and", "or", "of", "to", "from", "with", "since", "during",
     "under", "over", "his", "her", "their", "its", "this", "that", "these", "those"])
_INSTITUTION = frozenset(
    [
        "committee", "council", "ministry", "affairs", "office", "department", "union", "assembly",
        "parliament", "court", "agency", "centre", "center", "commission", "government", "army",
        "forces", "party", "front", "movement", "group", "bank", "institute", "university", "house",
        "times", "post", "news", "press", "agency", "media", "organisation", "organization",
        "nations", "alliance", "coalition", "council", "talks", "agreement", "accord", "treaty",
        "summit", "conference",
    ])
_TITLED = re.compile(r"(?i:\b(?:spokes(?:man|woman|person)|minister|president|secretary|envoy|"
                     r"ambassador|chancellor|senator|congress(?:man|woman)|governor|mayor|"
                     r"commander|general|director|chief|head|leader|analyst|expert|professor|"
                     r"researcher|negotiator|official|lawmaker|deputy|mr|mrs|ms|dr|prof)\.?)\s+"
                     r"(?:of\s+[\w’'\s]{1,30}?\s+)?$")
_ROLE_APPOSITION = re.compile(r"\s*,\s*(?:the |a |an |who )?(?:[\w’'-]+\s+){0,6}?"
                              r"(?i:spokes\w+|minister|president|secretary|envoy|ambassador|"
                              r"director|head|chief|leader|analyst|expert|professor|researcher|"
                              r"negotiator|official|lawmaker|member|adviser|advisor|commander|"
                              r"founder|chair\w*|coordinator|representative|mayor|governor)\b")
# Someone who speaks for, or about, the person named after: "Lawyer of businessman Jonas Vik",
# "an aide to President Anna Berg". The phrase speaks, not the person.
_AGENT_OF_BEFORE = re.compile(
    r"(?i:\b(?:(?:the|a|an|one)\s+)?(?P<agent>lawyers?|attorneys?|aides?|advis[eo]rs?|"
    r"representatives?|relatives?|family|son|daughter|wife|husband|brother|sister|friends?)"
    r"\s+(?:of|for|to)\s+)(?:[\w’'-]+\s+){0,6}$")
_AGENT_WORDS = ("lawyer", "attorney", "aide", "advis", "representative", "relative", "family",
                "son ", "daughter", "wife", "husband", "brother", "sister", "friend")
# Agents whose words are their own, not their principal's side's.
_AGENTS_OF_NO_SIDE = re.compile(r"(?i)(?:lawyer|attorney|relative|family|son|daughter|wife|"
                                r"husband|brother|sister|friend)s?")
# "Asked if he believes X when he says …, Anna Berg said": the question's words are not the
# answer's; the speaker is the one after the comma.
_ASKED_OPENING = re.compile(r"(?:When |After being |Upon being )?[Aa]sked\b[^“”\"‘,]*,\s+")
# A speech act told with a light verb and its noun: "made several demands", "issued a warning".
_SPEECH_ACT = re.compile(
    # Not "made the remarks at the start of the meeting": that tells when earlier words were said.
    r"\b(?P<verb>made|makes|make|making|issued|issues|issue|issuing)\s+(?:(?:a|an|several|"
    r"new|fresh|two|three|further|repeated)\s+)?(?:(?!the\b|his\b|her\b|its\b|their\b)[a-z-]+\s+)?"
    r"(?:demands?|statements?|proposals?|offers?|appeals?|pledges?|promises?|threats?|warnings?|"
    r"calls?|requests?|remarks?|comments?|accusations?|declarations?)\b")
# A stance told with an adjective: "farmers are also concerned about", "unions have been highly
# critical", "X is optimistic about the process". The verb is the copula; its subject speaks.
_STANCE_ADJECTIVE = re.compile(
    r"\b(?:is|are|was|were|remains?|remained|(?:has|have|had) been)\s+(?:(?:also|still|now|not|"
    r"\w+ly)\s+){0,2}(?P<adjective>optimistic|pessimistic|hopeful|confident|concerned|worried|"
    r"critical|sceptical|skeptical|wary|opposed|adamant|unhappy|dissatisfied|disappointed|"
    r"alarmed|determined|ready|willing|unwilling|open)\b"
    r"(?=\s+(?:about|of|that|to|with|over|at|by)\b|\s*[.,;]|\s*$)")
# Where a clause, and so its subject, begins: after a mark or a conjunction ("…, though leaders
# have said …"), or "with" before the subject of an absolute clause ("…, with critics arguing …").
_CLAUSE_START_BEFORE = re.compile(r"(?:[,;:(’”\"]|\b(?:though|although|while|whereas|but|because|"
                                  r"since|when|if|and|with))\s*$")
# A form that is also a noun, after a possessive or a preposition, is the noun: "In his social
# media post, X indicated …".
_NOUN_USE_BEFORE = re.compile(r"\b(?:[Ii]n|[Oo]n|[Aa]t|[Ff]rom|[Ww]ith|[Bb]y|[Hh]is|[Hh]er|"
                              r"[Tt]heir|[Oo]ur|[Mm]y)\s+(?:[\w-]+\s+){0,3}$")
_ACRONYM = re.compile(r"\b[A-Z][A-Z]{1,7}\b")
_SPELLED_OUT = re.compile(r"(?P<name>(?:[A-Z][\w’'.-]*\s+(?:(?:for|of|and|the)\s+)?){1,8})"
                          r"\((?P<initials>[A-Z]{2,8})\)")
# The agent of a passive reporting verb: "announced by", "criticised as unilateral by".
_BY_AGENT = re.compile(r"(?:\s+[^.;:,“”\"‘]{0,60}?)?\s+by\s+")
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that|who)\s+(?:\w+\s+){0,3}$")
# "X, Y and Z": a list of names as agents.
_AGENT_LIST = re.compile(r"(?:(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*(?:\s*\([A-Z]+\))?"
                         r"(?:,\s+|,?\s+and\s+)){1,5}(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")
# "with X saying": X speaks, though a preposition stands before it.
_WITH_BEFORE = re.compile(r"\b(?:with|(?:result|lead)(?:s|ed|ing)?\s+in|(?:led|leads?|leading)\s+"
                          r"to)\s+(?:the\s+)?$", re.IGNORECASE)
# A title naming its portfolio: "Minister of", "Secretary for".
_PORTFOLIO_BEFORE = re.compile(r"(?i:\b(?:minister|ministry|secretary|commissioner|head|director)"
                               r"\s+(?:of|for)\s+)$")
# A reporting verb used for an action: "agreed to meet", "welcomed President X to the White
# House", "thanked the hosts".
_ACTION_USE = {
    # "agreed to meet", "agreed to the restoration of order", "would agree on borders", "agreed
    # one of the biggest trade deals": a deal.
    "agree": re.compile(r"\s+(?:to\s+[a-z]+\b|on\b|(?:a|an|one|its|their)\s)"),
    "welcome": re.compile(r"\s+(?:(?:President|Prime|Foreign|Secretary|Chancellor|King|Minister|"
                          r"Mr|Mrs|Ms|Dr)\b|[A-Z][a-z]+\s+[A-Z]|the (?:leaders|delegations?|"
                          r"visitors|hosts)\b)"),
}
# "thanked President X" at a ceremony is a deed; "thanked X for his efforts" says something.
_ACTION_USE["thank"] = re.compile(r"(?![^.;:]{0,60}?\bfor\b)" + _ACTION_USE["welcome"].pattern)
# A phrase after one of these is an object ("overseen by General X, commander of …, hinted"),
# not the subject of the verb that follows its apposition.
_AFTER_PREPOSITION = re.compile(
    r"(?:\b(?i:by|with|between|against|met|meet|meeting)\s+(?:(?:the|[A-Z][\w’'-]*)\s+)*"
    # "In a statement, the parties said": the statement is where, not who.
    r"|\b(?i:in|at|near|inside|across|within)\s+(?:(?!which\b|whom\b)(?:the|a|an|[a-z]+)\s+){0,2}"
    r"|\b(?i:to|of|for|from|under)\s+(?:(?:the|Major|General|Lieutenant|Colonel|President|"
    r"Prime|Minister|Foreign|Deputy|Secretary|[A-Z][a-z]+['’]s)\s+)*)$")
_QUANTIFIED = re.compile(r"(?i)(?:each|both|some|many|several|all|respective|their|its|his|her|"
                         r"other|"
                         r"most|few|but|and)\b")
# "The ministry said" after a ministry was named: that organisation speaks. "The statement said":
# whoever spoke last issued it.
_INSTITUTION_HEADS = frozenset(["ministry", "department", "office", "agency", "government",
                                "presidency", "embassy", "delegation", "commission", "council",
                                "police"])
_DOCUMENT_HEADS = frozenset(["statement", "document", "communique", "communiqué", "source",
                             "sources", "spokesman", "spokeswoman", "spokesperson", "letter",
                             "release", "declaration"])
_TITLE_TOKENS = frozenset(
    ["president", "minister", "secretary", "mayor", "governor", "senator", "congressman",
     "congresswoman", "ambassador", "envoy", "chancellor", "general", "commander", "director",
     "spokesman", "spokeswoman", "spokesperson", "mr", "mrs", "ms", "dr", "prof", "chief",
     "leader", "head", "chairman", "chairwoman", "chair", "lawmaker", "deputy", "representative",
     "mp", "mep"])
_FOLLOWED_BY_VERB = re.compile(r"[\s,]*(?:\w+ly\s+|has\s+|had\s+|also\s+)*(?:"
                               + word_alternation(REPORTING_VERBS) + r")\b")
_COLLECTIVE = re.compile(
    r"\b(?P<np>(?:(?:the|The|a|A|its|Its|their|Their)\s+)?"
    # Reporting verbs are cut from the modifiers afterwards (_without_verbs): checking a
    # 430-word alternation at every word made this the slowest pattern of the extraction.
    r"(?:(?!(?:with|of|to|in|on|for|and|or|by|at|from|that|which|who|is|was|were|are|has|had|"
    r"have|will|would|not|though|although|while|whereas|but|because|as|if|when|since)\b)"
    r"[\w’'.-]+\s+){0,4}?"
    rf"(?P<head>{COLLECTIVE_NOUNS})\b"
    r"(?:\s+(?:in|of|from|for)\s+(?:the\s+)?(?-i:[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)*)"
    # "The defence ministries of Northland and Southland": both countries' ministries.
    r"(?:\s+and\s+(?:the\s+)?(?-i:[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)*))?)?)"
    # The head noun ends the phrase: "the military said", not "the military operation".
    r"(?=\s*(?:[,;:.)’'”\"(]|$|(?:in|of|from|for|has|have|had|is|are|was|were|will|would|also|"
    r"both|on|and|to|last|this|earlier|later|after|before|when|while|until|because|\w+ly|"
    r"released|issued|published|quoted|cited|"
    r"carried|seen|obtained|sent|hastened|rushed|moved|went|sought|wanted|made|"
    + word_alternation(REPORTING_VERBS) + r")\b))",
    re.IGNORECASE)


@dataclass(frozen=True)
class FoundStatement:
    speaker: str | None
    speaker_text: str
    side: str | None
    quote: str | None
    pronoun_span: tuple[int, int] | None  # where "he" stood for the speaker
    # Further speakers of the same sentence, each in a clause of its own ("Washington has
    # welcomed it, while Moscow has said …"): (actor id, as named, side).
    others: tuple[tuple[str | None, str, str | None], ...] = ()


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    voice: Voice
    pronoun: bool = False
    via_according: bool = False
    # The subject of a relative clause ("in response to X, who said …"): not the one a later
    # "he" stands for, who is the article's subject.
    embedded: bool = False


def quotes(text: str, closed_only: bool = False) -> list[tuple[int, int]]:
    """Spans of quotations in a line of text, without the quotation marks (curly marks paired by
    their direction, as a printed page pairs them)."""
    spans = []
    for match in _QUOTE.finditer(text):
        if closed_only and match.end() == len(text) and text[-1:] not in "”\"’'":
            continue
        inner_start, inner_end = match.start() + 1, match.end()
        if text[inner_end - 1: inner_end] in "”\"’'" and inner_end > inner_start:
            inner_end -= 1
        if inner_end - inner_start >= 3:
            spans.append((inner_start, inner_end))
    return spans


# An attribution inside a quotation that is never closed: the closing mark was lost (in a
# translation, a paste), and the quotation runs over its own speaker — "“This attack has
# affected [the talks]Jane Roe, director of the X Centre, told the paper. “Not only …".
_LOST_CLOSE = re.compile(
    r"(?<=[\w\].,;!?)])\s*(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})"
    r"(?:\s*,[^,“”\"‘’]{1,160}?,?)?\s+(?:" + "|".join(
        re.escape(v) for v in ("told", "said", "says", "added", "stated", "explained", "noted",
                               "concluded", "wrote")) + r")\b[^“”\"]{0,80}?[.!?]?\s*$")


def _unclosed_end(text: str, start: int, end: int) -> int:
    """Where a quotation that never closes really ends: before an attribution that stands at
    the end of its run (the speaker the lost closing mark hid), else where it stops."""
    match = _LOST_CLOSE.search(text, start, end)
    if match and match.start("name") - start >= 12:
        return match.start("name")
    return end


def paragraph_quotes(text: str) -> list[tuple[int, int]]:
    """Quotation spans of a whole paragraph, so that a quotation of several sentences is one
    span. A double mark opens or closes by what stands around it, not by its shape (pasted text
    often closes with “): after a space it opens, before a space or punctuation it closes. An
    unclosed quotation runs until the next one opens, or to the paragraph's end. Single curly
    quotes pair by direction."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for match in _DOUBLE_MARKS.finditer(text):
        at, past = match.start(), match.end()
        before = text[at - 1] if at else " "
        after = text[past] if past < len(text) else " "
        opening = (before.isspace() or before in "([—–-") and not after.isspace()
        closing = not before.isspace() and (after.isspace() or not after.isalnum())
        if opened is None and (opening or not closing):
            opened = past
        elif opened is not None and (closing or not opening):
            spans.append((opened, at))
            opened = None
        elif opened is not None:  # a new quotation opens before the last one closed
            spans.append((opened, _unclosed_end(text, opened, at)))
            opened = past
    if opened is not None:
        spans.append((opened, _unclosed_end(text, opened, len(text))))
    spans = [(s, e) for s, e in spans if e - s >= 3]
    for match in _SINGLE_QUOTE.finditer(text):
        inner = (match.start() + 1, match.end() - (text[match.end() - 1] == "’"))
        if inner[1] - inner[0] >= 3 and not any(s < inner[1] and inner[0] < e for s, e in spans):
            spans.append(inner)
    return sorted(spans)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def find_statement(text: str, mentions: list[ActorMention], gazetteer: Gazetteer,
                   context: ArticleContext, continues_quote: bool,
                   spans: list[tuple[int, int]] | None = None,
                   sides: list[tuple[int, str]] | None = None) -> FoundStatement | None:
    """The statement a sentence reports, if any; updates the context's last voice.

    ``spans`` are the sentence's quotation spans as the paragraph pairs them (a sentence that
    starts inside a quotation opened earlier has a span from 0); ``continues_quote``: the
    sentence goes on with the previous speaker's quotation."""
    spans = quotes(text) if spans is None else spans
    quote = _main_quote(text, spans)
    context.sentences_since_body += 1
    context.sentence += 1
    for _, side in sides_in(text, gazetteer) if sides is None else sides:
        context.side_named[side] = context.sentence
    for mention in mentions:
        side = gazetteer.actor(mention.actor_id).side if mention.actor_id else None
        if side:
            context.side_named[side] = context.sentence
    verbs: list[tuple[int, str, int]] = [
        (m.start(), m.group(0), m.end()) for m in _VERB.finditer(text)
        if not _inside(m.start(), spans)]
    if "mak" in text or "made" in text or "issu" in text:
        verbs += [(m.start(), m.group("verb"), m.end()) for m in _SPEECH_ACT.finditer(text)
                  if not _inside(m.start(), spans)]
    verbs += [(m.start(), "according to", m.end()) for m in ACCORDING_TO.finditer(text)
              if not _inside(m.start(), spans)]
    verbs += [(m.start(), "be " + m.group("adjective"), m.end())
              for m in _STANCE_ADJECTIVE.finditer(text) if not _inside(m.start(), spans)]
    verbs += [(m.start(), "according to", m.start("who") if m.group("who") else m.end())
              for m in IN_THE_VIEW_OF.finditer(text) if not _inside(m.start(), spans)]
    verbs.sort()
    asked = _ASKED_OPENING.match(text)
    if asked and any(start >= asked.end() for start, _, _ in verbs):
        verbs = [v for v in verbs if v[0] >= asked.end()]
    candidates = _candidates(text, mentions, gazetteer, context, spans, people_only=not verbs,
                             sides=sides)
    verbs = [(start, verb, end) for start, verb, end in verbs
             if not any(c.start < start and end <= c.end for c in candidates)
             and not _action_use(verb, text[end:])
             and not _ends_with(_NOT_SAYING, text, start, SHORT_LOOK_BACK)
             and not (verb in AMBIGUOUS_REPORTING
                      and _NOUN_USE_BEFORE.search(text, max(0, start - 60), start))]
    said = [(start, found) for start, verb, end in verbs
            if (found := _speaker_for(text, start, end, verb, candidates, gazetteer, context))]
    results = [found for _, found in said]
    if results:
        # "According to the agency, the minister stressed …": the person speaks, the agency
        # only relays.
        found = results[0]
        if found.via_according and not found.voice.person:
            found = next((r for r in results if r.voice.person), found)
        # "Guterres hailed it, according to a statement by spokesman X": the spokesman speaks,
        # for the side of the one whose words he gives.
        spokesman = next((r for r in results if r.via_according and r.voice.person
                          and _SPOKESMAN_BEFORE.search(text, 0, r.start)), None)
        if spokesman and spokesman is not found:
            side = spokesman.voice.side or found.voice.side
            found = replace(spokesman, voice=replace(spokesman.voice, side=side))
        others = _other_voices(text, said, found)
        if found.embedded:
            context.last_voice = found.voice
        else:
            _remember(found.voice, context, gazetteer)
        if found.voice.person:
            context.sentences_since_body = 99
        else:
            context.last_body, context.sentences_since_body = found.voice, 0
        pronoun = (found.start, found.end) if found.pronoun else None
        return FoundStatement(found.voice.actor, found.voice.text, found.voice.side, quote,
                              pronoun, others)
    whole_quote = bool(spans) and spans[0][0] <= 1 and spans[-1][1] >= len(text.rstrip(
        " .”\"’")) - 1
    if context.last_voice and quote and (continues_quote or whole_quote and spans[0][0] == 0):
        voice = context.last_voice
        return FoundStatement(voice.actor, voice.text, voice.side, quote, None)
    return None


def _other_voices(text: str, said: list[tuple[int, _Candidate]],
                  first: _Candidate) -> tuple[tuple[str | None, str, str | None], ...]:
    """Speakers of later clauses: each stands after a clause boundary that follows the first
    speaker, and is the subject of its own reporting verb."""
    others: list[tuple[str | None, str, str | None]] = []
    seen = {first.voice.text.casefold()}
    for verb_start, found in said:
        if found.pronoun or found.via_according or found.start <= first.end \
                or found.start > verb_start:
            continue
        if not found.embedded and not _CLAUSE_BREAK.search(text[first.end:found.start]):
            continue  # a relative clause ("…, which has told them") is a clause of its own
        if found.voice.text.casefold() in seen:
            continue
        seen.add(found.voice.text.casefold())
        others.append((found.voice.actor, found.voice.text, found.voice.side))
    return tuple(others)


def _action_use(verb: str, after: str) -> bool:
    for lemma, pattern in _ACTION_USE.items():
        if verb.startswith(lemma[:-1] if lemma.endswith("e") else lemma):
            return bool(pattern.match(after))
    return False


# A quotation of a single word is the speaker's too ('described the event as “historic”'): only
# stray marks around a letter or two are not.
QUOTE_MIN_CHARS = 3


def _main_quote(text: str, spans: list[tuple[int, int]]) -> str | None:
    longest = max(spans, key=lambda s: s[1] - s[0], default=None)
    if longest and longest[1] - longest[0] >= QUOTE_MIN_CHARS:
        return text[longest[0]:longest[1]].strip()
    return None


def _remember(voice: Voice, context: ArticleContext, gazetteer: Gazetteer) -> None:
    context.last_voice = voice
    if voice.actor:
        context.last_speaker = voice.actor
    if voice.person:
        context.last_subject = voice
        # The side learned where the person first spoke ("according to a statement by
        # spokesman X" for his principal's side) stays with the surname: "…, X said" later.
        surname = voice.text.split()[-1].casefold()
        known = context.unknown_people.get(surname)
        if voice.actor is None and voice.side and known and known.text == voice.text \
                and not known.side:
            context.unknown_people[surname] = voice


def _candidates(text: str, mentions: list[ActorMention], gazetteer: Gazetteer,
                context: ArticleContext, spans: list[tuple[int, int]],
                people_only: bool = False,
                sides: list[tuple[int, str]] | None = None) -> list[_Candidate]:
    """Every phrase of the sentence, outside quotations, that could be the one speaking.

    ``people_only``: a sentence with no reporting verb needs no speaker, only the people it
    introduces, whom a later sentence may name by surname."""
    found: list[_Candidate] = []
    for m in mentions:
        if m.actor_id and not _inside(m.start, spans):
            actor = gazetteer.actor(m.actor_id)
            found.append(_Candidate(m.start, m.end, Voice(actor.id, m.text, actor.side,
                                                          actor.kind == "person")))
    taken = [(c.start, c.end) for c in found]

    def free(start: int, end: int) -> bool:
        return not _inside(start, spans) and not any(s < end and start < e for s, e in taken)

    for match in _NAME.finditer(text):
        name = re.sub(r"[’']s$", "", match.group(0).rstrip("."))
        words = name.split()
        titles = [i for i, w in enumerate(words) if w.casefold().rstrip(".") in _TITLE_TOKENS]
        if titles:  # "Cúcuta Mayor Jane Roe": the name is what follows the title
            cut = titles[-1] + 1
            if len(words) - cut == 1:
                # "Lieutenant General Jonas": a person named by the first word of their name
                # (as Ethiopian names are), when that word is one listed person's.
                known = _by_first_name(words[cut], gazetteer)
                at = match.start() + len(" ".join(words[:cut])) + 1
                if known and free(at, at + len(words[cut])):
                    found.append(_Candidate(at, at + len(words[cut]), Voice(
                        known.id, words[cut], known.side, True)))
                    taken.append((at, at + len(words[cut])))
            if len(words) - cut < 2:
                continue
            skipped = len(" ".join(words[:cut])) + 1
            match_start = match.start() + skipped
            name, words = " ".join(words[cut:]), words[cut:]
        elif len(words) > 2 and _ends_with(_PORTFOLIO_BEFORE, text, match.start(),
                                           SHORT_LOOK_BACK):
            # "Minister of Communities Jane Roe": the portfolio ends where the name begins.
            skipped = len(" ".join(words[:-2])) + 1
            match_start = match.start() + skipped
            name, words = " ".join(words[-2:]), words[-2:]
        else:
            match_start = match.start()
        if words[-1].casefold() in _INSTITUTION and words[0].casefold() not in _NOT_A_NAME_START \
                and len(words) - (words[0].casefold() == "the") >= 2 \
                and free(match_start, match_start + len(name)) \
                and _FOLLOWED_BY_VERB.match(text, match_start + len(name)) \
                and not any(w in gazetteer.side_words for w in words):
            # "The Associated Press has reported": an organisation the configuration does not
            # list, named and speaking.
            end = match_start + len(name)
            found.append(_Candidate(match_start, end, Voice(
                None, name, side_of_phrase(name, gazetteer), False)))
            taken.append((match_start, end))
            continue
        if (words[0].casefold() in _NOT_A_NAME or words[-1].casefold() in _INSTITUTION
                or any(w in gazetteer.side_words for w in words)
                or not free(match_start, match_start + len(name))):
            continue
        end = match_start + len(name)
        if not (_ends_with(_TITLED, text, match_start) or _ROLE_APPOSITION.match(text[end:])
                or _FOLLOWED_BY_VERB.match(text[end:])):
            continue  # a place or an institution as likely as a person: no evidence of one
        voice = Voice(None, name, _side_around(text, match_start, end, gazetteer), True)
        context.unknown_people[words[-1].casefold()] = voice
        found.append(_Candidate(match_start, end, voice))
        taken.append((match_start, end))
    for match in _SPELLED_OUT.finditer(text) if "(" in text else ():
        # "the Northland Agency for Aid (NAA)": what the initials stand for,
        # and so the side they speak for, remembered for the rest of the article.
        context.acronym_sides[match.group("initials")] = side_of_phrase(match.group("name"),
                                                                        gazetteer)
    for match in _ACRONYM.finditer(text):
        # "NAA has said …": an agency by its initials, speaking.
        if match.group(0) not in gazetteer.side_words and free(*match.span()) \
                and _FOLLOWED_BY_VERB.match(text, match.end()):
            found.append(_Candidate(match.start(), match.end(), Voice(
                None, match.group(0), context.acronym_sides.get(match.group(0)), False)))
            taken.append(match.span())
    if people_only:
        return found
    for match in _CAPITALISED.finditer(text) if context.unknown_people else ():
        known = context.unknown_people.get(match.group(0).casefold())
        if known and free(match.start(), match.end()):
            found.append(_Candidate(match.start(), match.end(), known))
    lowered = text.lower()
    both = "both" in lowered or "two" in lowered or "parties" in lowered or "sides" in lowered \
        or "delegations" in lowered or "teams" in lowered or "countries" in lowered \
        or "nations" in lowered
    for match in _BOTH_SIDES.finditer(text) if both else ():
        if free(match.start(), match.end()):
            # "the parties said": both speak at once, a joint statement of no single side.
            found.append(_Candidate(match.start(), match.end(),
                                    Voice(None, match.group(0), None, False)))
            taken.append((match.start(), match.end()))
    for match in _collective_phrases(text, lowered):
        if _NOT_A_SUBJECT.match(match.group("np")):
            continue  # "It's the second official call …"
        start = _without_verbs(text, match.start("np"), match.start("head"))
        capital = _CAPITALISED.search(text, start, match.start("head"))
        if text[start:start + 1].islower() and capital \
                and not _DETERMINER.match(text, start):
            # "to support President Jane Roe's government": the phrase starts at the name.
            start = capital.start()
        phrase = text[start:match.end("np")]
        if not free(start, match.end("np")) and any(
                s <= start < e for s, e in taken if _BOTH_SIDES.fullmatch(text[s:e])):
            continue
        if phrase[:1].islower() and start > 0 \
                and not _CLAUSE_START_BEFORE.search(text, max(0, start - 12), start) \
                and not _DETERMINER.match(phrase):
            continue  # a noun in the middle of a clause, not the subject
        if _inside(start, spans):
            continue
        inner = [c for c in found if start <= c.start and c.end <= match.end("np")
                 and c.voice.actor]
        if inner and inner[0].end == match.end("np") and re.fullmatch(
                r"(?i)(?:(?:the|a|an)\s+)?", text[start:inner[0].start]):
            continue  # the gazetteer already names it
        head = match.group("head").casefold()
        side = (gazetteer.actor(inner[0].voice.actor).side if inner
                else side_of_phrase(phrase, gazetteer))
        # "Northlandic analysts", "the Office of the Ombudsman"; two parties at once.
        independent = INDEPENDENT_ROLE_WORDS.fullmatch(head) or INDEPENDENT_ROLE_WORDS.search(
            phrase, match.end("head") - start) or is_joint(phrase, gazetteer)
        if independent:
            side = None  # "Northlandic analysts" speak for no party, two parties for neither
        last = context.last_subject
        if head in _PERSON_ROLE_HEADS and _DEFINITE.match(phrase) and last and last.side \
                and side in (None, last.side) and not _NAME_FOLLOWS.match(text, match.end("np")):
            # "the Northlandic leader reiterated …" after Anna Berg spoke: she, named, as a
            # reader takes it.
            found.append(_Candidate(start, match.end("np"), last))
            continue
        owner = _HIS_OR_HER.match(phrase)
        referent = _owner(text, found, start, context) if owner and side is None else None
        if referent:
            # "…, his office said": the office of the one "his" stands for, named for readers
            # in brackets, as an editor adds a word: "his [Anna Berg’s] office".
            found.append(_Candidate(start, match.end("np"), Voice(
                None, f"{owner.group(0).rstrip()} [{referent.text}’s] {phrase[owner.end():]}",
                referent.side, False)))
            continue
        if side is None and _QUANTIFIED.match(phrase):
            continue  # "each side", "some media": no one a reader could hold to the words
        voice = Voice(None, phrase, side, False)
        if side is None and not independent:
            voice = _antecedent(voice, head, gazetteer, context)
        found.append(_Candidate(start, match.end("np"), voice))
    for position, side in sides_in(text, gazetteer) if sides is None else sides:
        word = gazetteer.side_pattern.match(text, position)
        if word and free(position, word.end()):
            found.append(_Candidate(position, word.end(), Voice(None, word.group(0), side, False)))
    people = [c for c in found if c.voice.person]
    if people and not any(word in lowered for word in _AGENT_WORDS):  # most sentences name none
        people = []
    for c in people:
        agent = _AGENT_OF_BEFORE.search(text, max(0, c.start - LOOK_BACK), c.start)
        if agent and not _inside(agent.start(), spans) and _at_subject(text[:agent.start()]):
            side = None if _AGENTS_OF_NO_SIDE.fullmatch(agent.group("agent")) else c.voice.side
            found.append(_Candidate(agent.start(), c.end,
                                    Voice(None, text[agent.start():c.end], side, False)))
    for match in _PRONOUN.finditer(text):
        if not _inside(match.start(), spans):
            referent = _pronoun_referent(found, match.start(), context)
            if referent:
                found.append(_Candidate(match.start(), match.end(), referent, pronoun=True))
    for match in _THEY.finditer(text) if "they" in lowered else ():
        if not _inside(match.start(), spans) and _FOLLOWED_BY_VERB.match(text, match.end()) \
                and (_at_subject(text[:match.start()]) or text[:match.start()].endswith(", ")):
            referent = _they_referent(text, found, match.start(), context)
            if referent:
                found.append(_Candidate(match.start(), match.end(), referent, pronoun=True))
    for match in _IT.finditer(text) if "it" in lowered else ():
        if not _inside(match.start(), spans) and _FOLLOWED_BY_VERB.match(text, match.end()):
            referent = _it_referent(text, found, match.start(), context)
            if referent:
                found.append(_Candidate(match.start(), match.end(), referent, pronoun=True))
    found.sort(key=lambda c: (c.start, -c.end))
    return found


def _by_first_name(word: str, gazetteer: Gazetteer):
    """The one listed person whose name begins with ``word``, if exactly one."""
    people = [a for a in gazetteer.topic.actors
              if a.kind == "person" and a.name.split()[0] == word and len(a.name.split()) > 1]
    return people[0] if len(people) == 1 else None


def _antecedent(voice: Voice, head: str, gazetteer: Gazetteer,
                context: ArticleContext) -> Voice:
    """The side of "the ministry" or "the statement" from what the article named before."""
    last = context.last_voice
    if head in _INSTITUTION_HEADS:
        if context.last_organisation:
            actor = gazetteer.actor(context.last_organisation)
            if head in actor.name.casefold() or any(head in a.casefold() for a in actor.aliases) \
                    or (last and last.actor == actor.id):
                return Voice(actor.id, voice.text, actor.side, False)
        if last and not last.person and head in last.text.casefold():
            return Voice(last.actor, voice.text, last.side, False)
        owner = _only_party_called(head, gazetteer)  # "the government" where one party is one
        if owner:
            return Voice(None, voice.text, owner, False)
    if _is_state_organ(voice.text, head):
        state = _only_party_called("government", gazetteer)
        if state:
            return Voice(None, voice.text, state, False)
    if head in _DOCUMENT_HEADS:
        if last:
            return Voice(None if last.person else last.actor, voice.text, last.side, False)
        if context.last_organisation:
            actor = gazetteer.actor(context.last_organisation)
            return Voice(actor.id, voice.text, actor.side, False)
    if _DEFINITE.match(voice.text) and not INDEPENDENT_ROLE_WORDS.fullmatch(head):
        # "the armed group", "the insurgency": the one party whose configured words share a
        # word of the phrase ("rebel group", "insurgents") — a word stem, as news varies it.
        stems = {_stem(w) for w in _content_words(voice.text)}
        # A word of a proper name ("Unity Party") fits only once the article has named that
        # party: a reader cannot take "the party" for one it never mentioned.
        owners = [p.id for p in gazetteer.topic.parties
                  if any(stems & {_stem(w) for w in _content_words(words)}
                         and (words[:1].islower() or p.id in context.side_named)
                         for words in (p.name, *p.words))]
        # A bare "the party" or "the group" is first the body that spoke in this sentence or
        # the one before ("According to the Farmers' League, … The party also said"), and where no
        # configured party fits, the party named there.
        bare = head in _ORGANISATION_HEADS and not _content_words(
            voice.text[:voice.text.casefold().rfind(head)])
        if bare and context.last_body and context.sentences_since_body <= 1:
            return Voice(context.last_body.actor, voice.text, context.last_body.side, False)
        if len(owners) == 1:
            return Voice(None, voice.text, owners[0], False)
        if bare and not owners:
            recent = [p.id for p in gazetteer.topic.parties
                      if context.side_named.get(p.id, -9) >= context.sentence - 1]
            recent.sort(key=lambda side: context.side_named[side])
            if recent:
                return Voice(None, voice.text, recent[-1], False)
    return voice


# Heads of a bare phrase that stands for an organisation named just before ("The party said").
_ORGANISATION_HEADS = frozenset(["party", "group", "movement", "front", "organisation",
                                 "organization", "alliance", "coalition"])


# Organs of a state named without their country ("the authorities", "the attorney-general's
# office", "state television"): in a topic where one party is a government, they are its own.
# Media count only when the state runs them ("local media" are nobody's).
_STATE_ORGANS = frozenset(["authorities", "office", "ministry", "cabinet", "police", "army",
                           "military", "prosecutor", "prosecutors", "prosecution", "judiciary"])
_STATE_MEDIA = re.compile(r"(?i)\b(?:state|state-run|state-owned|government-run|official)\s+"
                          r"(?:[\w-]+\s+)?(?:television|tv|media|broadcaster|radio|news agency|"
                          r"agency|press)$")


def _is_state_organ(phrase: str, head: str) -> bool:
    if " and " in phrase:  # "the government and the National Liberation Army": two speakers
        return False
    return head in _STATE_ORGANS or bool(_STATE_MEDIA.search(phrase))


def _only_party_called(word: str, gazetteer: Gazetteer) -> str | None:
    """The one party whose name or words hold ``word`` ("government"), if exactly one does."""
    owners = [p.id for p in gazetteer.topic.parties
              if any(word in w.casefold().split() for w in (p.name, *p.words))]
    return owners[0] if len(owners) == 1 else None


# Word stems for comparing a phrase with configured words: "insurgency" and "insurgents" share
# one, "groups" and "group" too.
STEM_LENGTH = 7


def _content_words(text: str) -> list[str]:
    """The words of a phrase, lower-cased, short function words ("of", "the", "de") left out."""
    return [w for w in re.findall(r"[\w’'-]+", text.casefold()) if len(w) >= 4]


def _stem(word: str) -> str:
    return word[:STEM_LENGTH] if len(word) > STEM_LENGTH else word.removesuffix("s")


_FORMER = re.compile(r"(?i)\b(?:former|ex-)")
_MEMBER_OF = re.compile(r"\bMEPs?\b")


def _side_around(text: str, start: int, end: int, gazetteer: Gazetteer) -> str | None:
    """The side a person outside the gazetteer speaks for: read from the title before the name
    ("Cyprus's agriculture minister Jane Roe") and the apposition after it ("Jane Roe, spokesman
    for President Z,"); an analyst or academic speaks for no side."""
    # "Administrator of the Northland Agency for Aid (NAA) Jane Roe"
    before = re.sub(r"\([^()]{1,30}\)\s*$", "", text[:start])
    if re.search(r",\s*$", before):  # "the head of the X delegation, Jane Roe,": the phrase
        before = before.rstrip()[:-1]  # before the comma is her title
    title = re.search(r"(?:^|[.;:!?,“”\"(])\s*([^.;:!?,“”\"(]{0,80})$", before)
    # Only an apposition that gives a role tells a side ("Jane Roe, spokesman for Z,").
    apposition = _ROLE_APPOSITION.match(text[end:]) and re.match(
        # Up to a relative clause: "an adviser who has worked with Uruguayan governments" tells
        # where he has been, not whom he speaks for.
        r"\s*,((?:(?!\b(?:who|which|whose)\b)[^,.;“”\"]){1,140})", text[end:])
    of = re.match(r"\s+(?:of|for|from|at)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*",
                  text[end:])
    words = " ".join(part for part in (title.group(1) if title else "",
                                       apposition.group(1) if apposition else "",
                                       of.group(0) if of else "") if part)
    # A title that names its institution in short: "MEP" is a member of the European
    # Parliament, whose side the configuration's words for that parliament give.
    words = _MEMBER_OF.sub(" European Parliament ", words)
    if INDEPENDENT_ROLE_WORDS.search(words) or _FORMER.search(words):
        return None  # an analyst, or one who no longer holds the office, speaks for no side
    for mention in gazetteer.names.finditer(words):
        ids = gazetteer.by_alias.get(mention.group(0).casefold().replace("’", "'"), ())
        if len(ids) == 1 and gazetteer.actor(ids[0]).side:
            return gazetteer.actor(ids[0]).side
    return side_of_phrase(words, gazetteer)


def _speaker_for(text: str, start: int, end: int, verb: str, candidates: list[_Candidate],
                 gazetteer: Gazetteer, context: ArticleContext) -> _Candidate | None:
    if verb == "according to":
        phrase = re.match(r"[^,.;“”\"]{0,90}", text[end:]).group(0)
        view = POSSESSIVE_VIEW.search(phrase)
        if view:  # "in the government's view": the phrase is its possessor
            phrase = phrase[:view.start()]
        if re.fullmatch(r"\s*(?:him|her)\s*", phrase) and context.last_subject:
            # "According to him, …": the one the article was last about.
            return _Candidate(end, end + len(phrase), context.last_subject, pronoun=True,
                              via_according=True)
        inside = [c for c in candidates if end <= c.start <= end + len(phrase) and not c.pronoun]
        if inside:
            # The person a phrase names speaks ("according to a statement by spokesman Y"),
            # unless the person only owns the phrase ("according to Y's office").
            people = [c for c in inside if c.voice.person and not any(
                o.start <= c.start and c.end < o.end for o in inside)]
            listed = [c for c in inside if c.voice.actor]
            return replace((people or listed or inside)[0], via_according=True)
        words = phrase.strip()
        side = side_of_phrase(words, gazetteer)
        if len(words) <= 2 or side is None and _QUANTIFIED.match(words):
            return None
        return _Candidate(end, end + len(phrase), Voice(None, words, side, False),
                          via_according=True)
    if _ends_with(_PASSIVE_BEFORE, text, start, SHORT_LOOK_BACK) and verb.endswith("ed"):
        # A passive: its subject is what was said or done, not who said it ("the office has
        # been disputed"; "a statement which was reiterated by X" repeats another's words) —
        # unless the sentence is about it and names who did ("The plans were announced by his
        # government", "The move was criticised as unilateral by X, Y and Z").
        by = _BY_AGENT.match(text, end)
        if not by or _RELATIVE_BEFORE.search(text, max(0, start - 30), start) \
                or re.search(r"\b[a-z]+ed\b", by.group(0)):  # "by" of another participle
            return None
        agents = [c for c in candidates if c.start >= by.end() and not c.pronoun
                  and not any(o is not c and o.start <= c.start and c.end <= o.end
                              for o in candidates)]
        if not agents or agents[0].start != by.end():
            return None
        listed = _AGENT_LIST.match(text, by.end())
        if listed and listed.end() > agents[0].end:
            # Several who said it at once: a joint statement, of no single side.
            return _Candidate(by.end(), listed.end(), Voice(None, listed.group(0), None, False))
        return agents[0]
    if verb.endswith("ing"):
        # "…, with the UN saying famine was near", "this resulted in both leaders suggesting":
        # the phrase before the participle speaks.
        absolute = [c for c in candidates if c.end <= start and not c.pronoun
                    and _ADVERB_GAP.fullmatch(text[c.end:start])
                    and _WITH_BEFORE.search(text, 0, c.start)]
        if absolute:
            return absolute[-1]
    who = [c for c in candidates if c.end <= start and not c.pronoun and (
        _WHO_CLAUSE.match(text[c.end:start]) if c.voice.person
        else _WHICH_CLAUSE.match(text[c.end:start]))]
    if who:
        return replace(who[-1], embedded=True)
    # The subject: the earliest phrase joined to the verb directly or by one apposition.
    before = [c for c in candidates if c.end <= start
              and not _ends_with(_AFTER_PREPOSITION, text, c.start)]
    joined = [c for c in before if _NEAR.match(text[c.end:start])
              or _APPOSITION.match(text[c.end:start]) or _ROLE_GAP.match(text[c.end:start])
              or _COMMA_NEAR.match(text[c.end:start]) and (
                  re.search(r",\s*$", text[:c.start]) or _at_subject(text[:c.start]))
              or _COORDINATED.match(text[c.end:start]) and _at_subject(
                  text[:c.start]) and not c.pronoun
              # Another subject between them takes the verb; an object does not.
              and not any(c.end < o.start and o.end <= start and (
                  _NEAR.match(text[o.end:start]) or _at_subject(text[:o.start])) for o in before)]
    joined += [c for c in before if text[c.end:start] == " to "
               and _ends_with(_PROMPTED, text, c.start)]
    if joined:
        # A phrase right at the verb is its subject, unless it only closes another's
        # apposition ("Jane Roe, spokesman for Z, said" is Jane Roe).
        near = [c for c in joined if _NEAR.match(text[c.end:start])]
        best = min(near or joined, key=lambda c: (c.start, -c.end))
        outer = [c for c in joined if c.end < best.start and _APPOSITION.match(text[c.end:start])
                 and c.start < best.start]
        if outer:
            best = min(outer, key=lambda c: (c.start, -c.end))
        # "The Northlandic leader, Jonas Vik, said": the name is the role's holder, who speaks.
        holder = [c for c in joined if c.voice.person and not best.voice.person
                  and text[best.end:c.start].strip() == ","]
        if holder:
            best = holder[0]
        # "Moscow and Nordburg accused …": the first of two joined subjects is named first —
        # unless they are two of the parties, who then speak jointly, for no single side.
        first = [c for c in before if _AND_TITLES.fullmatch(text[c.end:best.start])]
        if first and _two_parties(first[0].voice.side, best.voice.side, gazetteer):
            return _Candidate(first[0].start, best.end,
                              Voice(None, text[first[0].start:best.end], None, False))
        return first[0] if first else best
    subjects = [c for c in before if _at_subject(text[:c.start])]
    # A form that also reads as a noun ("member states", "the call") reports only with its
    # speaker right before it, not the sentence's subject far ahead.
    # Phrases inside another ("Northland" in "the Northland delegation") are not counted.
    outermost = [c for c in before if not any(
        o is not c and o.start <= c.start and c.end <= o.end for o in before)]
    # "Lawmakers are expected to approve it, Nordpress said": a name right before the verb, after a
    # comma, is its subject, known or not; the sentence's subject is not.
    unnamed = None if verb.endswith("ing") else _NAME_AT_VERB.search(text, max(0, start - 60),
                                                                      start)
    own_subject = unnamed is not None and not any(c.end > unnamed.start() for c in before)
    if subjects and (verb.endswith("ing") or len(outermost) == 1) and not own_subject \
            and verb not in AMBIGUOUS_REPORTING and not _DOUBLE_MARKS.search(text[:start]):
        # "Jane Roe sent a message to the youth, saying …": the sentence's subject speaks —
        # the head of its phrase ("Northlandic state news agency NNA, citing sources, said").
        subject = subjects[0]
        heads = [c for c in before if c.start > subject.end
                 and _MODIFIER_GAP.fullmatch(text[subject.end:c.start])]
        return heads[0] if heads else subject
    if verb in AMBIGUOUS_REPORTING or not _ends_with(_INVERTED_BEFORE, text, start):
        return None
    # Inverted attribution: "…,” said the ministry" / "…, said Jane Roe, an analyst".
    after = [c for c in candidates if c.start >= end and _AFTER_VERB.match(text[end:c.start])
             and not c.pronoun]
    if not after:
        return None
    # "…,” said Northlandic foreign ministry spokesperson Jane Roe": the person at the head of
    # the phrase speaks, for the side its first words give.
    first = after[0]
    head = [c for c in candidates if c.start >= first.end and c.voice.person and not c.pronoun
            and _MODIFIER_GAP.fullmatch(text[first.end:c.start])]
    if head and not first.voice.person:
        voice = head[0].voice
        return replace(head[0], voice=replace(voice, side=voice.side or first.voice.side))
    return first


_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][^\W\d_]+\b")
_NAME_AT_VERB = re.compile(r",\s+(?:[A-ZÀ-ÖØ-Þ][\w’'.-]+\s+){1,3}$")
_COLLECTIVE_HEAD = re.compile(rf"\b(?:{COLLECTIVE_NOUNS})\b", re.IGNORECASE)
# The same, for lower-cased text: twice as fast as matching case-insensitively.
_COLLECTIVE_HEAD_LOWER = re.compile(rf"\b(?:{COLLECTIVE_NOUNS})\b")


def _collective_phrases(text: str, lowered: str) -> list[re.Match[str]]:
    """_COLLECTIVE's matches, looked for only just before each head noun: trying its modifiers
    at every word of every sentence cost more than the rest of the extraction."""
    found: dict[int, re.Match[str]] = {}
    heads = (_COLLECTIVE_HEAD_LOWER.finditer(lowered) if len(lowered) == len(text)
             else _COLLECTIVE_HEAD.finditer(text))  # "İ" lower-cases to two characters
    for head in heads:
        # The phrase holds at most an article and four modifiers before its head: it starts
        # within the five words before it.
        begin = head.start()
        for _ in range(MODIFIERS_MAX + 1):
            begin = text.rfind(" ", max(0, head.start() - LOOK_BACK), max(0, begin - 1)) + 1
            if begin <= 0:
                begin = max(0, head.start() - LOOK_BACK)
                break
        for match in _COLLECTIVE.finditer(text, begin, head.end() + LOOK_BACK):
            if match.start("head") >= head.start():
                if match.start("head") == head.start():
                    found.setdefault(match.start("np"), match)
                break
    return [found[start] for start in sorted(found)]


# The modifiers _COLLECTIVE allows before a head noun ("{0,4}").
MODIFIERS_MAX = 4
# How far back a pattern anchored at a phrase's start looks: a search over the whole text
# before each phrase tries every position, and made long sentences quadratic.
LOOK_BACK = 120


# Patterns of a few bounded words ("refrained from", "minister of", "was widely") need less.
SHORT_LOOK_BACK = 40


def _ends_with(pattern: re.Pattern[str], text: str, end: int, back: int = LOOK_BACK) -> bool:
    return bool(pattern.search(text, max(0, end - back), end))


_VERB_SET = frozenset(v.casefold() for v in REPORTING_VERBS)


def _without_verbs(text: str, start: int, head_start: int) -> int:
    """Where a collective phrase starts once the reporting verbs among its modifiers, and
    words before its article, are cut off: "said the government" and "prompting the
    government" are "the government"."""
    cut = start
    for word in re.finditer(r"[\w’'.-]+", text[start:head_start]):
        if word.group(0).casefold() in _VERB_SET and not word.group(0)[:1].isupper():
            cut = start + word.end()  # "State television" names no verb
        elif word.start() > 0 and word.group(0).casefold() in ("the", "a", "an"):
            # "prompting the government": the phrase starts at its article
            cut = start + word.start()
    return cut if cut == start else cut + len(text[cut:head_start]) - len(
        text[cut:head_start].lstrip())


def is_joint(speaker_text: str | None, gazetteer: Gazetteer) -> bool:
    """Words credited to the parties together ("the parties", "Nordburg and Sudburg"): they
    speak for no single side, and are no independent voice either."""
    if not speaker_text:
        return False
    if _BOTH_SIDES.fullmatch(speaker_text):
        return True
    return len({side for _, side in sides_in(speaker_text, gazetteer)}
               & {p.id for p in gazetteer.topic.parties}) >= 2 and " and " in speaker_text


def _two_parties(side: str | None, other: str | None, gazetteer: Gazetteer) -> bool:
    parties = {p.id for p in gazetteer.topic.parties}
    return side != other and side in parties and other in parties


def _at_subject(prefix: str) -> bool:
    """The text before a phrase leaves it in subject position: at the start of the sentence, after
    at most some title words, or after an opening phrase closed by a comma."""
    return bool(_SUBJECT_START.fullmatch(prefix)
                or _SUBJECT_START.fullmatch(_OPENING_PHRASE.sub("", prefix, count=1)))


def _owner(text: str, found: list[_Candidate], position: int,
           context: ArticleContext) -> Voice | None:
    """Whom "his" or "her" stands for: the person the sentence opens with, else the last subject
    who spoke ("He met Z, his office said" is the office of the one "he" is)."""
    subjects = [c.voice for c in found if c.voice.person and c.end <= position
                and _at_subject(text[:c.start])]
    return subjects[0] if subjects else context.last_subject


def _pronoun_referent(found: list[_Candidate], position: int,
                      context: ArticleContext) -> Voice | None:
    """'He' is the person named earlier in the sentence, else the last subject who spoke."""
    people = [c.voice for c in found if c.voice.person and c.end <= position and not c.pronoun]
    if people:
        return people[-1]
    return context.last_subject


def _they_referent(text: str, found: list[_Candidate], position: int,
                   context: ArticleContext) -> Voice | None:
    """'They said' is the several who spoke together in this sentence or the one before
    ("Berg, Haddad and Vik announced … In the statement, they said …")."""
    before = [c.voice for c in found if c.end <= position and not c.pronoun
              and not _ends_with(_AFTER_PREPOSITION, text, c.start)]  # "In the statement, they"
    if before:
        return before[-1] if _plural(before[-1]) else None
    body = context.last_body
    return body if body and context.sentences_since_body <= 1 and _plural(body) else None


def _plural(voice: Voice) -> bool:
    # Several named together. A plural group ("the rebels", "diplomatic sources") is as often
    # not the "they" of the next sentence, which may be the people it spoke about.
    return not voice.person and " and " in voice.text


def is_followed_by_reporting_verb(text: str, position: int) -> bool:
    """A reporting verb follows, perhaps after an adverb or an auxiliary: "… has said"."""
    return bool(_FOLLOWED_BY_VERB.match(text, position))


def _it_referent(text: str, found: list[_Candidate], position: int,
                 context: ArticleContext) -> Voice | None:
    """'It' as a subject: after a conjunction, the organisation named just before it ("the
    government after it accused"); opening a clause, the organisation that spoke in the
    sentence before. Elsewhere "it" is as likely the plan or the move."""
    conjunction = _CONJUNCTION_BEFORE_IT.search(text, max(0, position - 12), position)
    if conjunction:
        before = [c for c in found if c.end <= conjunction.start() and not c.pronoun]
        nearest = max(before, key=lambda c: (c.end, -c.start), default=None)
        return nearest.voice if nearest and not nearest.voice.person \
            and text[nearest.end:conjunction.start()].strip(" ,") == "" else None
    if _at_subject(text[:position]) and context.sentences_since_body <= 1:
        return context.last_body
    return None


@lru_cache(maxsize=8)
def _issue_pattern(issues: tuple) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """One alternation of every issue's cues, each issue a group ``i<n>``; each cue matches as a
    word prefix. One scan of a sentence instead of one per issue; words that are cues of two
    issues ("bilateral negotiations", "negotiations") count for the one listed first."""
    ids = tuple(issue.id for issue in issues if issue.cues)
    groups = [f"(?P<i{n}>" + "|".join(re.escape(c.casefold()) for c in issue.cues) + ")"
              for n, issue in enumerate(i for i in issues if i.cues)]
    return ids, re.compile(r"\b(?:" + "|".join(groups) + ")") if groups else None


def issue_of(text: str, issues: tuple) -> str | None:
    """The issue whose cue words the sentence contains most often (ties: configuration order)."""
    ids, pattern = _issue_pattern(issues)
    if pattern is None:
        return None
    found: dict[int, set[str]] = {}
    for match in pattern.finditer(text.casefold()):
        found.setdefault(int(match.lastgroup[1:]), set()).add(match.group(0))
    if not found:
        return None
    best = max(found, key=lambda n: (len(found[n]), -n))
    return ids[best]
