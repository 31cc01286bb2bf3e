"""Find who said what: direct quotes and reported speech, with the speaker as a canonical actor."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from briefing_tools.actors import ArticleContext, Gazetteer, side_of_phrase, sides_in
from briefing_tools.model import ActorMention
from briefing_tools.patterns import ACCORDING_TO, REPORTING_VERBS

_VERB = re.compile(r"\b(?:" + "|".join(REPORTING_VERBS) + r")\b")
# Quotation spans: double quotes of either kind, or single curly quotes whose closing mark is not
# an apostrophe (the envoy’s, shouldn’t). An unclosed quote runs to the end of the sentence.
_QUOTE = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)"
                    r"|(?<![\w])[‘'](?:[^’']|[’'](?=\w))*(?:[’'](?!\w)|$)")
# Between a speaker and the verb: nothing, an adverb, an auxiliary, or one comma-enclosed clause.
_GAP = re.compile(r"^(?:\s*,[^,“”\"‘]{0,120},?)?\s*"
                  r"(?:(?:also|then|later|further|again|has|had|have|"
                  r"was|were|had also|has also|in (?:his|her) \w+|\w+ly)\s+)*$")
_AFTER_VERB = re.compile(r"^\s*(?:the\s+)?$")
_ANAPHORIC_ORG = re.compile(r"\b(?:the|a) (ministry|department|statement|government|office|"
                            r"agency|diplomatic source|source)\s*$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(he|she|He|She)\s*$")
# Inverted attribution ("…,” said Ahmad Alili", "…, estimates the ministry") follows a quotation
# or a comma; "the country rejected the envoy's proposal" is not one.
_INVERTED_BEFORE = re.compile(r"[,”\"’']\s*$")


@dataclass(frozen=True)
class FoundStatement:
    speaker: str | None
    speaker_text: str
    side: str | None
    quote: str | None
    pronoun_span: tuple[int, int] | None  # where "he" stood for the speaker


def quotes(text: str, closed_only: bool = False) -> list[tuple[int, int]]:
    """Spans of quotations in a sentence, without the quotation marks."""
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


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def find_statement(text: str, mentions: list[ActorMention], gazetteer: Gazetteer,
                   context: ArticleContext, continues_quote: bool,
                   inside_open_quote: bool = False) -> FoundStatement | None:
    """The statement a sentence reports, if any; updates ``context.last_speaker``.

    An unclosed quotation (a missing closing mark is common in pasted text) does not hide the
    attribution that follows it."""
    quote = _main_quote(text, quotes(text))
    quote_spans = quotes(text, closed_only=True)
    candidates: list[tuple[int, str, int]] = [
        (m.start(), m.group(0), m.end()) for m in _VERB.finditer(text)
        if not _inside(m.start(), quote_spans)]
    for match in ACCORDING_TO.finditer(text):
        if not _inside(match.start(), quote_spans):
            candidates.append((match.start(), "according to", match.end()))
    candidates.sort()
    known = [m for m in mentions if not _inside(m.start, quote_spans)]
    for start, verb, end in candidates:
        found = _speaker_for(text, start, end, verb, known, gazetteer, context)
        if found:
            speaker, speaker_text, pronoun = found
            side = (gazetteer.actor(speaker).side if speaker
                    else side_of_phrase(speaker_text, gazetteer))
            if speaker:
                context.last_speaker = speaker
            return FoundStatement(speaker, speaker_text, side, quote, pronoun)
    if inside_open_quote and context.last_speaker:
        actor = gazetteer.actor(context.last_speaker)
        return FoundStatement(actor.id, actor.name, actor.side, text.strip(), None)
    if quote and continues_quote and context.last_speaker:
        # The paragraph goes on with the previous speaker's quotation.
        actor = gazetteer.actor(context.last_speaker)
        return FoundStatement(actor.id, actor.name, actor.side, quote, None)
    return None


def _main_quote(text: str, spans: list[tuple[int, int]]) -> str | None:
    longest = max(spans, key=lambda s: s[1] - s[0], default=None)
    if longest and longest[1] - longest[0] >= 12:
        return text[longest[0]:longest[1]].strip()
    return None


def _speaker_for(text: str, start: int, end: int, verb: str, mentions: list[ActorMention],
                 gazetteer: Gazetteer, context: ArticleContext
                 ) -> tuple[str | None, str, tuple[int, int] | None] | None:
    if verb == "according to":
        after = [m for m in mentions if m.start >= end and m.start - end <= 30]
        if after:
            return after[0].actor_id, after[0].text, None
        phrase = re.match(r"\s*((?:the |a )?[\w’' -]{2,60}?)(?:,|$| that)", text[end:])
        if phrase:
            words = phrase.group(1).strip()
            org = _ANAPHORIC_ORG.search(words)
            if org and context.last_organisation:
                return context.last_organisation, words, None
            return None, words, None
        return None
    before = [m for m in mentions if m.end <= start and m.actor_id]
    for mention in reversed(before):
        if _GAP.match(text[mention.end:start]):
            return mention.actor_id, mention.text, None
        break
    pronoun = _PRONOUN.search(text[:start])
    if pronoun:
        referent = _pronoun_referent(before, pronoun.start(), gazetteer, context)
        if referent:
            return referent, pronoun.group(1), (pronoun.start(1), pronoun.end(1))
    side_word = _side_word_before(text[:start], gazetteer)
    if side_word:
        return None, side_word, None
    org = _ANAPHORIC_ORG.search(text[:start])
    if org and context.last_organisation and org.group(1).lower() != "source":
        return context.last_organisation, org.group(0), None
    after = [m for m in mentions if m.start >= end and _AFTER_VERB.match(text[end:m.start])]
    if after and after[0].actor_id and _INVERTED_BEFORE.search(text[:start]):
        return after[0].actor_id, after[0].text, None
    if org:  # "a diplomatic source told the APA": no name, but a side may show in the words
        return None, org.group(0).strip(), None
    # The subject of the sentence, when it is the only actor before the verb.
    if len(before) == 1 and before[0].start <= 25 and '“' not in text[:start] \
            and '"' not in text[:start]:
        return before[0].actor_id, before[0].text, None
    return None


def _pronoun_referent(before: list[ActorMention], position: int, gazetteer: Gazetteer,
                      context: ArticleContext) -> str | None:
    """'He' is the person named earlier in the sentence, else the last person who spoke."""
    people = [m.actor_id for m in before if m.actor_id and m.end <= position
              and gazetteer.actor(m.actor_id).kind == "person"]
    if people:
        return people[-1]
    for candidate in (context.last_speaker, context.last_person):
        if candidate and gazetteer.actor(candidate).kind == "person":
            return candidate
    return None


def _side_word_before(text: str, gazetteer: Gazetteer) -> str | None:
    """A party standing as speaker (a capital or country: "Paris also urged", "France claims")."""
    found = [(pos, side) for pos, side in sides_in(text, gazetteer)]
    if not found:
        return None
    pos = found[-1][0]
    word = gazetteer.side_pattern.match(text, pos)
    if word and _GAP.match(text[word.end():]) and (pos == 0 or text[:pos].strip() in (
            "", "But", "However,", "Meanwhile,", "And")):
        return word.group(0)
    return None


@lru_cache(maxsize=8)
def _issue_patterns(issues: tuple) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One compiled alternation per issue; each cue matches as a word prefix."""
    return tuple((issue.id, re.compile(r"\b(?:" + "|".join(re.escape(c.casefold())
                                                             for c in issue.cues) + ")"))
                 for issue in issues if issue.cues)


def issue_of(text: str, issues: tuple) -> str | None:
    """The issue whose cue words the sentence contains most often (ties: configuration order)."""
    lowered = text.casefold()
    best, best_hits = None, 0
    for issue_id, pattern in _issue_patterns(issues):
        hits = len(set(pattern.findall(lowered)))
        if hits > best_hits:
            best, best_hits = issue_id, hits
    return best
