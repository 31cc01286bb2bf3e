"""Per-source extraction: one pure function from a source to everything the briefing needs of it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing_tools.actors import (
    ArticleContext,
    Gazetteer,
    find_mentions,
    sides_in,
    unknown_names,
)
from briefing_tools.clean import clean
from briefing_tools.config import Topic
from briefing_tools.dates import DateContext, find_dates, replacement_phrase
from briefing_tools.model import CleanArticle, DateMention, Source
from briefing_tools.patterns import (
    BACKGROUND_CUES,
    MEDIATION_CUES,
    NUMBER,
    OUTLOOK_CUES,
    RELIABILITY_CUES,
)
from briefing_tools.segment import sentences
from briefing_tools.statements import find_statement, issue_of, paragraph_quotes, quotes

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
    facts: list[SentenceFacts] = []
    unknown: list[str] = []
    previous_paragraph_quoted = previous_paragraph_ends_colon = False
    last_paragraph = 0
    spans_of: dict[int, list[tuple[int, int]]] = {}
    for sentence in sentences(article):
        text = sentence.text
        mentions = find_mentions(text, gazetteer, actor_context)
        unknown.extend(unknown_names(text, gazetteer))
        dates = find_dates(text, date_context)
        starts_with_quote = text[:1] in "“\"‘'"
        if sentence.paragraph != last_paragraph:
            previous_paragraph_quoted = previous_paragraph_ends_colon or (
                previous_paragraph_quoted and sentence.paragraph == last_paragraph + 1)
        continues = starts_with_quote and (previous_paragraph_quoted or
                                           sentence.paragraph == last_paragraph)
        paragraph = article.paragraphs[sentence.paragraph - 1]
        if paragraph.number not in spans_of:
            spans_of[paragraph.number] = paragraph_quotes(paragraph.text)
        offset = sentence.start - paragraph.start
        sentence_spans = [(max(s, offset) - offset, min(e, offset + len(text)) - offset)
                          for s, e in spans_of[paragraph.number]
                          if s < offset + len(text) and e > offset]
        found = find_statement(text, mentions, gazetteer, actor_context, continues,
                               sentence_spans)
        quote_spans = quotes(text)
        actor_ids = tuple(dict.fromkeys(m.actor_id for m in mentions if m.actor_id))
        sides = tuple(dict.fromkeys(
            [s for _, s in sides_in(text, gazetteer)]
            + [gazetteer.actor(a).side for a in actor_ids if gazetteer.actor(a).side]))
        event_date = _event_date(text, dates, quote_spans)
        mediators: tuple[str, ...] = ()
        if MEDIATION_CUES.search(text):
            mediators = tuple(s for s in sides if s in mediator_ids)
        is_background = bool(BACKGROUND_CUES.search(text)) or bool(
            event_date and event_date.precision == "year"
            and int(event_date.value[:4]) <= source.published.year - BACKGROUND_YEARS)
        facts.append(SentenceFacts(
            paragraph=sentence.paragraph,
            text=text,
            display=_display(text, dates, found.pronoun_span if found else None,
                             _short_name(found.speaker, gazetteer) if found else None),
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
            is_background=is_background and not found,
            mediators=mediators,
            figures=_figures(text, topic),
            is_outlook=bool(OUTLOOK_CUES.search(text)) or any(d.planned for d in dates),
        ))
        last_paragraph = sentence.paragraph
        previous_paragraph_quoted = bool(found and found.quote)
        previous_paragraph_ends_colon = text.rstrip().endswith(":")
    facts = _attribute_open_quotes(facts)
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
    The negotiations continue,’ Smith said.' gives every sentence of it to Smith."""
    result = list(facts)
    for i, fact in enumerate(result):
        if fact.speaker or fact.text[:1] not in "“\"‘'":
            continue
        for later in result[i + 1:]:
            if later.paragraph != fact.paragraph:
                break
            if later.speaker:
                result[i] = replace(fact, speaker=later.speaker, speaker_text=later.speaker_text,
                                    speaker_side=later.speaker_side, is_background=False,
                                    quote=fact.quote or fact.text.strip("“”\"‘’' "))
                for j in range(i + 1, result.index(later)):
                    mid = result[j]
                    if not mid.speaker:
                        result[j] = replace(mid, speaker=later.speaker,
                                            speaker_text=later.speaker_text,
                                            speaker_side=later.speaker_side,
                                            quote=mid.quote or mid.text)
                break
    return result


def _short_name(actor_id: str | None, gazetteer: Gazetteer) -> str | None:
    if not actor_id:
        return None
    actor = gazetteer.actor(actor_id)
    return actor.name.split()[-1] if actor.kind == "person" else f"the {actor.name}"


def _event_date(text: str, dates: list[DateMention],
                quote_spans: list[tuple[int, int]]) -> DateMention | None:
    """The date the sentence's happening took place: the first adverbial date outside quotes."""
    outside = [d for d in dates if not any(s <= d.start < e for s, e in quote_spans)]
    if not outside:
        return None
    for mention in outside:
        before = text[max(0, mention.start - 4):mention.start].lower()
        adjectival = before.endswith("the ") and not mention.cue.lower().startswith(
            ("on", "in", "since", "by"))
        if not adjectival:
            return mention
    return outside[0]


def _display(text: str, dates: list[DateMention], pronoun: tuple[int, int] | None,
             speaker: str | None) -> str:
    """The sentence as the briefing prints it: no bare weekdays or unresolved 'last month'."""
    edits: list[tuple[int, int, str]] = []
    quoted = quotes(text)
    for mention in dates:
        if re.search(r"\d{4}", mention.cue) or any(s <= mention.start < e for s, e in quoted):
            continue  # already absolute, or inside a quotation that must stay verbatim
        phrase = replacement_phrase(mention)
        if mention.cue[:1].isupper():
            phrase = phrase[:1].upper() + phrase[1:]
        edits.append((mention.start, mention.end, phrase))
    if pronoun and speaker:
        edits.append((pronoun[0], pronoun[1], speaker))
    result = text
    for start, end, replacement in sorted(edits, reverse=True):
        result = result[:start] + replacement + result[end:]
    return result


def _figures(text: str, topic: Topic) -> tuple[tuple[str, tuple[int, ...]], ...]:
    lowered = text.casefold()
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
    return tuple((figure.topic, tuple(numbers)) for figure in topic.figures
                 if any(cue.casefold() in lowered for cue in figure.cues))


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
    for label, pattern in RELIABILITY_CUES:
        if pattern.search(article.text):
            notes.append(label[0].upper() + label[1:] + ".")
    return tuple(notes)
