"""Per-source extraction: one pure function from a source to everything the briefing needs of it."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, replace
from datetime import date

from briefing_tools.actors import (
    ArticleContext,
    Gazetteer,
    find_mentions,
    sides_in,
    unknown_names,
)
from briefing_tools.clean import clean
from briefing_tools.config import Topic
from briefing_tools.dates import RANGE_LINK, DateContext, date_note, find_dates
from briefing_tools.model import CleanArticle, DateMention, Source
from briefing_tools.patterns import (
    BACKGROUND_CUES,
    ENGLISH_FUNCTION_WORDS,
    MEDIATION_CUES,
    NUMBER,
    OUTLOOK_CUES,
    RELIABILITY_CUES,
)
from briefing_tools.segment import sentences
from briefing_tools.statements import (
    find_statement,
    is_followed_by_reporting_verb,
    issue_of,
    paragraph_quotes,
    quotes,
)

# A year-precision date this many years before publication belongs to the background.
BACKGROUND_YEARS = 2
# Figures below this are counts of a few people ("three troops"), not the figures sources dispute.
FIGURE_MIN = 1000


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What one sentence contributes: its text, its dates, who is in it, what kind of item it is."""

    paragraph: int
    text: str  # verbatim from the cleaned paragraph: the citation excerpt
    display: str  # relative dates resolved, "he" replaced by the speaker's name
    dates: tuple[DateMention, ...]
    event_date: DateMention | None
    actors: tuple[str, ...]
    sides: tuple[str, ...]
    speaker: str | None
    speaker_text: str | None
    speaker_side: str | None
    quote: str | None
    issue: str | None
    is_background: bool
    mediators: tuple[str, ...]  # mediators this sentence shows at work
    figures: tuple[tuple[str, tuple[int, ...]], ...]
    is_outlook: bool
    # Every happening the sentence dates, in order; ``event_date`` is the first of them.
    event_dates: tuple[DateMention, ...] = ()
    # Speakers of the sentence's later clauses: (actor id, as named, side), reported speech.
    other_speakers: tuple[tuple[str | None, str, str | None], ...] = ()

    def __reduce__(self):
        # Unpickling a frozen dataclass field by field is the slowest part of a cached build.
        return (SentenceFacts, tuple(getattr(self, f) for f in self.__slots__))


@dataclass(frozen=True, slots=True)
class SourceExtraction:
    source: Source
    article: CleanArticle
    sentences: tuple[SentenceFacts, ...]
    unknown_names: tuple[str, ...]
    reliability: tuple[str, ...]


def extract_source(source: Source, topic: Topic, gazetteer: Gazetteer) -> SourceExtraction:
    """Clean, segment and read one article."""
    article = clean(source)
    actor_context = ArticleContext.new()
    date_context = DateContext(source.published)
    mediator_ids = {m.id for m in topic.mediators}
    topic_background = _phrases(topic.background_cues)
    facts: list[SentenceFacts] = []
    unknown: list[str] = []
    previous_paragraph_quoted = previous_paragraph_ends_colon = False
    last_paragraph = 0
    spans_of: dict[int, list[tuple[int, int]]] = {}
    told_days: set[str] = set()  # the days of the happenings told so far
    for sentence in sentences(article):
        text = sentence.text
        paragraph = article.paragraphs[sentence.paragraph - 1]
        if paragraph.number not in spans_of:
            spans_of[paragraph.number] = paragraph_quotes(paragraph.text)
        offset = sentence.start - paragraph.start
        sentence_spans = [(max(s, offset) - offset, min(e, offset + len(text)) - offset)
                          for s, e in spans_of[paragraph.number]
                          if s < offset + len(text) and e > offset]
        mentions = find_mentions(text, gazetteer, actor_context, sentence_spans)
        unknown.extend(unknown_names(text, gazetteer))
        dates = find_dates(text, date_context)
        starts_with_quote = text[:1] in "“\"‘'"
        if sentence.paragraph != last_paragraph:
            previous_paragraph_quoted = previous_paragraph_ends_colon or (
                previous_paragraph_quoted and sentence.paragraph == last_paragraph + 1)
        continues = starts_with_quote and (previous_paragraph_quoted or
                                           sentence.paragraph == last_paragraph)
        side_words = sides_in(text, gazetteer)  # read once, for the speakers and the sides
        found = find_statement(text, mentions, gazetteer, actor_context, continues,
                               sentence_spans, side_words)
        if found and _is_the_outlet(found.speaker_text, text, source.outlet):
            found = None  # "The Gazette recalls that …": the article's own narration
        quote_spans = quotes(text)
        actor_ids = tuple(dict.fromkeys(m.actor_id for m in mentions if m.actor_id))
        sides = tuple(dict.fromkeys(
            [s for _, s in side_words]
            + [gazetteer.actor(a).side for a in actor_ids if gazetteer.actor(a).side]))
        # Quoted stretches as the paragraph pairs them (a sentence may continue a quotation
        # opened before it) and as the sentence's own marks show them.
        date_quotes = sorted(set(sentence_spans) | set(quote_spans))
        event_dates = () if _CAPTION.search(text) else _event_dates(text, dates, date_quotes,
                                                                    told_days)
        event_date = event_dates[0] if event_dates else None
        told_days.update(d.value for d in event_dates if d.precision == "day")
        mediators = tuple(s for s in sides if s in mediator_ids)
        if mediators and not MEDIATION_CUES.search(text):
            mediators = ()
        lowered = text.lower()
        is_background = not found and (bool(
            event_date and event_date.precision == "year"
            and int(event_date.value[:4]) <= source.published.year - BACKGROUND_YEARS)
            or bool(BACKGROUND_CUES.search(lowered))
            or bool(topic_background and topic_background.search(lowered)))
        facts.append(SentenceFacts(
            paragraph=sentence.paragraph,
            text=text,
            display=_display(text, dates, found.pronoun_span if found else None,
                             _short_name(found.speaker, gazetteer) if found else None,
                             source.published, date_quotes),
            dates=tuple(dates),
            event_date=event_date,
            actors=actor_ids,
            sides=sides,
            speaker=found.speaker if found else None,
            speaker_text=found.speaker_text if found else None,
            speaker_side=found.side if found else None,
            quote=_whole_quote(found.quote if found else _longest(text, sentence_spans),
                               paragraph.text, spans_of[paragraph.number]),
            issue=issue_of(text, topic.issues),
            is_background=is_background,
            mediators=mediators,
            figures=_figures(text, topic),
            is_outlook=any(d.planned for d in dates) or bool(OUTLOOK_CUES.search(lowered)),
            event_dates=event_dates,
            other_speakers=found.others if found else (),
        ))
        last_paragraph = sentence.paragraph
        previous_paragraph_quoted = bool(found and found.quote)
        previous_paragraph_ends_colon = text.rstrip().endswith(":")
    facts = _attribute_quote_paragraphs(_attribute_running_quotes(_attribute_open_quotes(facts)))
    facts = _attribute_pull_quotes(facts, article, gazetteer)
    return SourceExtraction(source, article, tuple(facts), tuple(dict.fromkeys(unknown)),
                            reliability_notes(source, article))


def _longest(text: str, spans: list[tuple[int, int]]) -> str | None:
    longest = max(spans, key=lambda s: s[1] - s[0], default=None)
    return text[longest[0]:longest[1]].strip() if longest and longest[1] - longest[0] >= 12 \
        else None


def _whole_quote(quote: str | None, paragraph: str,
                 spans: list[tuple[int, int]]) -> str | None:
    """A quotation as the paragraph holds it, whole, even when it runs over several sentences."""
    if not quote:
        return quote
    at = paragraph.find(quote)
    for start, end in spans:
        if at >= 0 and start <= at and at + len(quote) <= end:
            return paragraph[start:end].strip()
    return quote


def _attribute_open_quotes(facts: list[SentenceFacts]) -> list[SentenceFacts]:
    """A quotation of several sentences names its speaker once, at the end: '‘… No, not at all.
    The negotiations continue,’ Smith said.' gives every sentence of it to Smith. A speaker the
    sentences inside it were given before, guessed from the paragraphs before, gives way."""
    result = list(facts)
    for i, fact in enumerate(result):
        opening = fact.text[:1]
        if opening not in "“\"‘'":
            continue
        if not _runs_on(fact.text):
            # A quotation closed within its sentence, with no speaker of its own: the next
            # speaker in the paragraph ('“We will win.” Jane Roe said so on Monday.').
            told = None if fact.speaker_text else next(
                (f for f in result[i + 1:] if f.paragraph == fact.paragraph and f.speaker_text),
                None)
            if told:
                result[i] = replace(fact, speaker=told.speaker, speaker_text=told.speaker_text,
                                    speaker_side=told.speaker_side, is_background=False,
                                    quote=fact.quote or fact.text.strip("“”\"‘’' "))
            continue
        # The quotation's sentences: up to the one that closes it, or the paragraph's end.
        k = i + 1
        while k < len(result) and result[k].paragraph == fact.paragraph \
                and not _closes(result[k].text, opening):
            k += 1
        closing = result[k] if k < len(result) and result[k].paragraph == fact.paragraph \
            else None
        named = closing is not None and bool(closing.speaker_text) \
            and _names_after_closing(closing.text, opening)
        # Not named at the close: the speaker the sentences after the first were given.
        told = closing if named else next(
            (f for f in result[i + 1:k + 1] if f.speaker_text and f.paragraph == fact.paragraph),
            None)
        if told:
            for j in range(i, k):
                inside = result[j]
                if named or not inside.speaker_text:
                    result[j] = replace(
                        inside, speaker=told.speaker, speaker_text=told.speaker_text,
                        speaker_side=told.speaker_side, is_background=False,
                        quote=inside.quote or inside.text.strip("“”\"‘’' "))
    return result


# What closes a quotation, by the mark that opened it. A single mark inside a double-quoted
# one is a quotation within it, and an apostrophe ("today’s") closes nothing.
_CLOSING_MARK = {"“": re.compile(r"[”\"]"), '"': re.compile(r"[”\"]"),
                 "‘": re.compile(r"['’](?!\w)"), "'": re.compile(r"['’](?!\w)")}


def _runs_on(text: str) -> bool:
    """The sentence opens a quotation and does not close it: it is all quoted words."""
    return not _closes(text[1:], text[0])


def _closes(text: str, opening: str) -> bool:
    return bool(_CLOSING_MARK[opening].search(text))


def _names_after_closing(text: str, opening: str) -> bool:
    """A quotation's last sentence with words after the closing mark: its attribution."""
    marks = list(_CLOSING_MARK[opening].finditer(text))
    return bool(marks) and any(c.isalpha() for c in text[marks[-1].end():])


def _closed_quotes(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _attribute_running_quotes(facts: list[SentenceFacts]) -> list[SentenceFacts]:
    """A quotation printed over several paragraphs opens each with a mark and closes only in
    the last, where its speaker is named ("…,” he said."): the paragraphs before are that
    speaker's words too."""
    result = list(facts)
    by_paragraph: dict[int, list[int]] = {}
    for i, fact in enumerate(result):
        by_paragraph.setdefault(fact.paragraph, []).append(i)
    run: list[int] = []
    for number in sorted(by_paragraph):
        indexes = by_paragraph[number]
        if result[indexes[0]].text[:1] not in "“\"" or (run and number != run[-1] + 1):
            run = []
            continue
        run.append(number)
        if not _closed_quotes(" ".join(result[i].text for i in indexes)):
            continue  # left open: the quotation runs on into the next paragraph
        told = next((result[i] for i in indexes if result[i].speaker_text), None)
        if told and len(run) > 1:
            for earlier in run[:-1]:
                for i in by_paragraph[earlier]:
                    fact = result[i]
                    if not fact.speaker_text:
                        result[i] = replace(fact, speaker=told.speaker,
                                            speaker_text=told.speaker_text,
                                            speaker_side=told.speaker_side,
                                            is_background=False,
                                            quote=fact.quote or fact.text.strip("“”\"‘’' "))
        run = []
    return result


def _attribute_quote_paragraphs(facts: list[SentenceFacts]) -> list[SentenceFacts]:
    """A paragraph that is all quotation, with no speaker of its own, right after a paragraph
    whose last sentence introduced a speaker ("Minister X highlighted the farmers' concerns."),
    is that speaker's words — and so is the next such paragraph, as a quotation running over
    several paragraphs is printed, and a quotation left open to the article's end."""
    result = list(facts)
    by_paragraph: dict[int, list[int]] = {}
    for i, fact in enumerate(result):
        by_paragraph.setdefault(fact.paragraph, []).append(i)
    for number in sorted(by_paragraph):
        indexes = by_paragraph[number]
        previous = by_paragraph.get(number - 1)
        first = result[indexes[0]]
        if not previous or first.text[:1] not in "“\"‘" \
                or any(result[i].speaker_text for i in indexes):
            continue
        introducer = result[previous[-1]]
        if not introducer.speaker_text:
            continue
        quoted = " ".join(result[i].text for i in indexes)
        if not _closed_quotes(quoted):
            # A quotation running on past the paragraph is the introducer's only when it runs
            # on to the article's end, unclosed and unattributed: no one else is named for it.
            run = _open_run_to_end(result, by_paragraph, number)
            if not run:
                continue
            indexes = [i for n in run for i in by_paragraph[n]]
        for i in indexes:
            fact = result[i]
            if i != indexes[0] and not fact.quote:
                break
            result[i] = replace(fact, speaker=introducer.speaker,
                                speaker_text=introducer.speaker_text,
                                speaker_side=introducer.speaker_side, is_background=False,
                                quote=fact.quote or fact.text.strip("“”\"‘’' "))
    return result


# A pull quote's credit line: a person's name, perhaps with a title, standing alone.
PULL_QUOTE_CREDIT_MAX_WORDS = 8
_FIRST_PERSON = re.compile(r"^[“\"‘]?(?:I|We|Our|My)\b")


def _attribute_pull_quotes(facts: list[SentenceFacts], article: CleanArticle,
                           gazetteer: Gazetteer) -> list[SentenceFacts]:
    """A paragraph in the first person with no speaker, followed by a line that only names a
    person ("Peace negotiator Jane Roe"), is a pull quote: that person's words."""
    result = list(facts)
    by_paragraph: dict[int, list[int]] = {}
    for i, fact in enumerate(result):
        by_paragraph.setdefault(fact.paragraph, []).append(i)
    for credit in article.paragraphs:
        said = by_paragraph.get(credit.number - 1)
        if not credit.is_heading or not said or len(credit.text.split()) > \
                PULL_QUOTE_CREDIT_MAX_WORDS or not _FIRST_PERSON.match(result[said[0]].text) \
                or any(result[i].speaker_text for i in said):
            continue
        mentions = [m for m in find_mentions(credit.text, gazetteer, ArticleContext.new())
                    if m.actor_id]
        if len(mentions) != 1 or mentions[0].end != len(credit.text):
            continue
        actor = gazetteer.actor(mentions[0].actor_id)
        if actor.kind != "person":
            continue
        for i in said:
            result[i] = replace(result[i], speaker=actor.id, speaker_text=credit.text,
                                speaker_side=actor.side, is_background=False)
    return result


def _open_run_to_end(facts: list[SentenceFacts], by_paragraph: dict[int, list[int]],
                     number: int) -> list[int]:
    """The paragraphs from ``number`` to the article's last, when each opens with a quotation
    mark, none names a speaker and the quotation never closes; else none."""
    run = list(range(number, max(by_paragraph) + 1))
    if any(n not in by_paragraph for n in run):
        return []
    for n in run:
        first = facts[by_paragraph[n][0]]
        if first.text[:1] not in "“\"‘" or any(facts[i].speaker_text for i in by_paragraph[n]):
            return []
        if _closed_quotes(" ".join(facts[i].text for i in by_paragraph[n])):
            return []
    return run


@functools.lru_cache(maxsize=16)
def _phrases(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a configuration's list of words and phrases, to match lower-cased text."""
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in words) + r")\b")


def _short_name(actor_id: str | None, gazetteer: Gazetteer) -> str | None:
    if not actor_id:
        return None
    actor = gazetteer.actor(actor_id)
    return actor.surname if actor.kind == "person" else f"the {actor.name}"


# Before a date that only qualifies a noun: a determiner or a possessive ("the November 2020
# ceasefire declaration", "Berg's 2020 guarantee", "a 1991-94 war").
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|our|this|that|last)|['’]s)"
                                r"\s+$", re.IGNORECASE)
# After it, the noun it qualifies, possibly a compound ("ceasefire declaration"); a year range's
# end may come between.
_NOUN_AFTER = re.compile(r"^(?:[-–]\d{2,4})?[\s-]+([a-z][\w-]*)(?: ([a-z][\w-]*))?")
# ... or a name, its head the last of its capitalised words.
_NAME_AFTER = re.compile(r"\s+(?:[A-Z][\w’'-]*\s+(?:(?:of|for|on|and)\s+)?){0,5}"
                         r"(?P<head>[A-Z][\w’'-]*)\b(?!\s+[A-Z])")
# A dated noun that is itself a happening makes an event of its date: "the March 1 meeting",
# "a 1991-94 war", "Berg's 2020 guarantee", "in a March 7 statement, the ministry threatened".
# Other dated nouns ("the November 2020 ceasefire declaration" under which troops serve) date
# nothing the sentence tells.
HAPPENING_NOUNS = frozenset(
    ["meeting", "meetings", "talks", "summit", "incident", "incidents", "war", "clash", "clashes",
     "attack", "attacks", "offensive", "election", "elections", "vote", "referendum", "visit",
     "operation", "escalation", "negotiations", "round", "session", "conference", "signing",
     "event", "events", "violence", "unrest", "riots", "killings", "raid", "ambush", "kidnapping",
     "protest", "protests", "strike", "strikes", "invasion", "coup", "flare-up", "fighting",
     "battle", "massacre", "uprising", "revolution", "crisis", "assault", "bombing", "shelling",
     "statement", "speech", "interview", "address", "letter", "communique", "communiqué",
     "announcement", "briefing", "post", "tweet", "message", "remarks", "call", "decree",
     "guarantee", "pledge", "promise", "offer", "proposal", "warning", "appeal", "ultimatum"])
# Words that end a noun phrase: the head noun is the word before them.
_NOT_NOUN = ENGLISH_FUNCTION_WORDS | frozenset(
    ["which", "who", "whose", "when", "where", "while", "after", "before", "between", "under",
     "over", "into", "had", "has", "have", "did", "does", "do", "will", "would", "could"])


def _is_modifier(text: str, mention: DateMention) -> bool:
    """Whether the date only qualifies a noun that is not itself a happening."""
    cue = mention.cue.lower()
    if cue.startswith(("on ", "in ", "since ", "by ", "during ", "until ", "from ")):
        return False
    if not (cue.startswith("the ") or _DETERMINER_BEFORE.search(text[:mention.start])):
        return False
    name = _NAME_AFTER.match(text, mention.end)
    if name:  # "the 2022 Pretoria Cessation of Hostilities Agreement": the name's last word
        return name.group("head").lower() not in HAPPENING_NOUNS
    noun = _NOUN_AFTER.match(text[mention.end:])
    if not noun:
        return False
    first, second = noun.group(1).lower(), (noun.group(2) or "").lower()
    head = second if second and second not in _NOT_NOUN and not second.endswith("ed") else first
    return head not in HAPPENING_NOUNS




# A photo caption placing people left to right: "Jane Roe (C), John Doe (L) and …".
_CAPTION = re.compile(r"\((?:(?:2nd|3rd|second|third|far) )?(?:L|R|C|left|right|center|centre)\)")
# An embedded post's signature: "— Name (@handle) February 12, 2023" is when it was posted.
_EMBED_SIGNATURE = re.compile(r"\(?@\w+\)?\s*$")
# "The worst episode of violence this year": the period is the scope of a superlative, not the
# date of a happening.
_SCOPE_BEFORE = re.compile(r"\b(?:worst|best|biggest|largest|deadliest|bloodiest|highest|"
                           r"lowest)\b[^.;,]*$", re.IGNORECASE)
_TIME_BOUND_CUE = re.compile(r"(?i)this (?:year|month|week)$")
# "The first such convoy since December": the date of the last one, which the sentence does not
# tell as news.
_FIRST_SINCE_BEFORE = re.compile(r"\b(?:first|only|worst|best|biggest|largest|deadliest|"
                                 r"bloodiest|heaviest|fiercest|highest|lowest)\b[^.;,]*"
                                 r"\bsince\s+$", re.IGNORECASE)
# "Despite negotiations since 2023, talks broke down on January 17": the span only qualifies a
# noun of the opening phrase; the sentence's happening comes after the comma.
_OPENING_SPAN_BEFORE = re.compile(r"^(?:Despite|Amid|Amidst|After|Following|Notwithstanding|"
                                  r"Given)\s+[^,;:“”\"]*$")
# "As of Wednesday evening, three soldiers remain in hospital": a state taken stock of, no
# happening.
_AS_OF_BEFORE = re.compile(r"\bas of\s+$", re.IGNORECASE)
# "Trade reached a value of €111bn in 2024": a figure for a period, not a happening.
_FIGURE_FOR_PERIOD = re.compile(r"\b(?:reached|totall?ed|amounted to|stood at|was worth|were worth|"
                                r"grew|rose|fell|increased|decreased|declined|exceeded)\b"
                                r"[^.;]{0,40}?(?:[$€£¥]\s?\d|\d[\d.,]*\s?(?:%|per ?cent|"
                                r"(?:bn|billion|million|m|trillion)\b))")
# "If March 2023 was suggested by Germany, …": a date in a condition is supposed, not told.
_CONDITION_BEFORE = re.compile(r"\b(?:if|unless)\b[^.;:,“”\"]*$", re.IGNORECASE)
# "to meet again in July or August": of two dates offered as alternatives, neither is the one.
_ALTERNATIVE = re.compile(r"\s*,?\s+or\s+(?:(?:in|on|by)\s+)?$", re.IGNORECASE)
# The second alternative may be a bare calendar word the date finder leaves alone ("or August").
_OR_CALENDAR_WORD = re.compile(r"\s*,?\s+or\s+(?:(?:in|on|by)\s+)?(?:early |late |mid-?)?(?:"
                               + "|".join(calendar.month_name[1:] + calendar.day_name[:])
                               + r")\b")


def _event_dates(text: str, dates: list[DateMention], quote_spans: list[tuple[int, int]],
                 told_days: set[str] | frozenset[str] = frozenset()) -> tuple[DateMention, ...]:
    """The dates of the happenings a sentence tells, one per happening, in order.

    A date inside a quotation is the speaker's, a date qualifying a noun that is no happening
    dates nothing, the end of a range belongs to its start, and one date told twice ("on Friday,
    September 29") is one happening. Dates offered as alternatives ("in July or August") and a
    date in a condition ("if March 2023 was suggested") date nothing. A day named as the owner
    of a happening the article told already ("at Saturday's ceremony", ``told_days``) retells
    it."""
    chosen: list[DateMention] = []
    previous_end, previous_start = -100, 0
    alternatives = {i for i, (a, b) in enumerate(zip(dates, dates[1:], strict=False))
                    if _ALTERNATIVE.fullmatch(text[a.end:b.start])}
    alternatives |= {i + 1 for i in alternatives}
    alternatives |= {i for i, d in enumerate(dates) if _OR_CALENDAR_WORD.match(text, d.end)}
    for index, mention in enumerate(dates):
        link = RANGE_LINK.match(text[previous_end:mention.start]) if previous_end >= 0 else None
        # "between April and June" is a range; "in April and May", two happenings.
        after_range_start = link and (link.group(0).strip().casefold() != "and" or re.search(
            r"(?i)\bbetween\s+$", text[max(0, previous_start - 12):previous_start])
            or re.match(r"(?i)between\b", text[previous_start:previous_end]))
        previous_end, previous_start = mention.end, mention.start
        if any(s <= mention.start < e for s, e in quote_spans) or after_range_start:
            continue
        if index in alternatives or _CONDITION_BEFORE.search(
                text[max(0, mention.start - 80):mention.start]):
            continue
        if _is_modifier(text, mention) or _EMBED_SIGNATURE.search(text[:mention.start]):
            continue
        if mention.value in told_days and text[mention.end:mention.end + 2] in ("'s", "’s"):
            continue
        if mention.precision in ("year", "month") and _FIGURE_FOR_PERIOD.search(text):
            continue
        if text[mention.start - 1:mention.start] == "(" and text[mention.end:mention.end + 1] \
                == ")" and mention.precision == "year":
            continue  # "Jane Roe (1999)", "the Constitution (1995)": a birth or founding year
        before = text[max(0, mention.start - 80):mention.start]
        if _SCOPE_BEFORE.search(before) and _TIME_BOUND_CUE.match(mention.cue):
            continue
        since = mention.cue[:6].lower() == "since "
        if since and text[mention.end:mention.end + 1] == "," \
                and _OPENING_SPAN_BEFORE.match(text[:mention.start]):
            continue
        if "as of" in before[-8:].lower() and _AS_OF_BEFORE.search(before):
            continue
        if (since or before.endswith("since ")) and _FIRST_SINCE_BEFORE.search(
                before + mention.cue[:6] if since else before):
            continue
        chosen.append(mention)
    distinct: list[DateMention] = []
    for mention in chosen:
        if any(d.value == mention.value and d.precision == mention.precision for d in distinct):
            continue
        distinct.append(mention)
    return tuple(distinct)


def _is_the_outlet(speaker: str, text: str, outlet: str | None) -> bool:
    """The speaker is the outlet that published the article, narrating ("The Gazette recalls
    that …"; "Gazette" in "Gazette (AFP copy)"), or a word of its name."""
    if not outlet:
        return False
    name = re.sub(r"\s*\(.*\)\s*$", "", outlet).strip()
    said = re.sub(r"^the\s+", "", speaker.strip(), flags=re.IGNORECASE).casefold()
    at = text.casefold().find(name.casefold())
    return bool(name) and bool(said) and said in name.casefold() and at >= 0 \
        and is_followed_by_reporting_verb(text, at + len(name))


def _display(text: str, dates: list[DateMention], pronoun: tuple[int, int] | None,
             speaker: str | None, published: date | None = None,
             quoted: list[tuple[int, int]] | None = None) -> str:
    """The sentence as the briefing prints it: the source's words kept, each relative date
    followed by its resolution in brackets ("on Thursday [5 December 2024]", "this year [2023,
    as of March]"), so a time-bound phrase stays true when read later."""
    edits: list[tuple[int, int, str]] = []
    quoted = quotes(text) if quoted is None else quoted
    for mention in dates:
        if any(s <= mention.start < e for s, e in quoted):
            continue  # inside a quotation that must stay verbatim
        note = date_note(mention, published)
        if note:
            edits.append((mention.end, mention.end, f" [{note}]"))
    if published:
        for match in _AS_OF.finditer(text):
            if not any(s <= match.start() < e for s, e in quoted):
                as_of = f"{calendar.month_name[published.month]} {published.year}"
                edits.append((match.end(), match.end(), f" [as of {as_of}]"))
    if pronoun and speaker:
        edits.append((pronoun[1], pronoun[1], f" [{speaker}]"))
    result = text
    for start, end, replacement in sorted(edits, reverse=True):
        result = result[:start] + replacement + result[end:]
    return result


# Time-bound phrases that date nothing but stop being true: shown with the publication month.
_AS_OF = re.compile(r"\b(?i:so far|to date|as yet|thus far)\b(?! this)")


def _figures(text: str, topic: Topic) -> tuple[tuple[str, tuple[int, ...]], ...]:
    lowered = text.casefold()
    topics = [figure.topic for figure in topic.figures
              if any(cue.casefold() in lowered for cue in figure.cues)]
    if not topics:  # most sentences: no figure's words, no need to read the numbers
        return ()
    numbers = []
    for match in NUMBER.finditer(text):
        raw = match.group(0)
        if re.fullmatch(r"(1[89]|20)\d{2}", raw):
            continue  # a year
        value = float(raw.replace(",", ""))
        if value >= FIGURE_MIN:
            numbers.append(int(value))
    if not numbers:
        return ()
    return tuple((name, tuple(numbers)) for name in topics)


def reliability_notes(source: Source, article: CleanArticle) -> tuple[str, ...]:
    """What a careful reader should know about a source, derived from its metadata and text."""
    notes = []
    if not source.published_certain:
        notes.append("The publication date was inferred from the text, not printed on the page.")
    if source.title is None:
        notes.append("No headline came with the text.")
    if source.outlet and "republish" in source.outlet.lower():
        notes.append("Republished text: the original outlet's wording may have been edited.")
    if source.translated_from:
        notes.append(f"Translated from {source.translated_from}; the wording is the translator's.")
    if any(f.kind == "untranslated fragment" for f in article.flags):
        notes.append("Untranslated fragments remain in the text.")
    lowered = article.text.lower()
    for label, pattern in RELIABILITY_CUES:
        if pattern.search(lowered):
            notes.append(label[0].upper() + label[1:] + ".")
    return tuple(notes)
