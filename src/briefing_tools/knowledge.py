"""Merge per-source extractions into one knowledge base of cited items with stable ids."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from briefing_tools.compose import sources_without_relevance, with_salience
from briefing_tools.config import Topic
from briefing_tools.extract import SentenceFacts, SourceExtraction
from briefing_tools.model import (
    BackgroundItem,
    Citation,
    Discrepancy,
    Event,
    FigureValue,
    KnowledgeBase,
    Mediator,
    MediatorActivity,
    MediatorRegard,
    Source,
    SourceReport,
    Statement,
)
from briefing_tools.patterns import ENGLISH_FUNCTION_WORDS, STANCE_CUES

# Two sources tell the same happening when their dates agree and they share this many
# distinctive words (calibrated on the seed articles: the 2020 ceasefire shares
# "russian-brokered" and "ceasefire"; the 1991 collapse "soviet" and "union").
MERGE_MIN_SHARED = 2
MERGE_MIN_OVERLAP = 0.15
BACKGROUND_MERGE_MIN_SHARED = 3
# Blocking for merge candidates: a word shared by more than this share of candidates (and more
# than BLOCK_MIN of them) does not make two sentences worth comparing.
BLOCK_SHARE = 0.02
BLOCK_MIN = 50

_COMMON = ENGLISH_FUNCTION_WORDS | frozenset(
    ["said", "says", "also", "that", "which", "have", "will", "would", "could", "been", "there",
     "their", "after", "before", "since", "more", "than", "into", "over", "under", "about", "when",
     "where", "while", "during", "between", "against", "other", "such", "some"])


def item_id(prefix: str, source: str, excerpt: str) -> str:
    """Derived from content, not order: adding an article does not renumber anything."""
    digest = hashlib.sha1(f"{source}\x00{excerpt}".encode()).hexdigest()[:10]
    return f"{prefix}-{digest}"


def _citation(extraction: SourceExtraction, fact: SentenceFacts) -> Citation:
    return Citation(extraction.source.id, fact.paragraph, fact.text)


def _tokens(text: str, stop: frozenset[str]) -> frozenset[str]:
    words = re.findall(r"[a-z][a-z-]{3,}", text.casefold())
    return frozenset(w for w in words if w not in _COMMON and w not in stop)


def _dates_agree(a: str | None, b: str | None) -> bool:
    """Equal dates, or a day within a month: a year is too coarse to join with a day (it would
    let one vague mention chain different days into one happening)."""
    if a is None or b is None:
        return a is b
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) == 7 and len(longer) == 10 and longer.startswith(shorter)


class _Candidate:
    __slots__ = ("published", "source", "fact", "citation", "tokens", "date")

    def __init__(self, extraction: SourceExtraction, fact: SentenceFacts, stop: frozenset[str]):
        self.published = extraction.source.published.isoformat()
        self.source = extraction.source.id
        self.fact = fact
        self.citation = _citation(extraction, fact)
        self.tokens = _tokens(fact.text, stop)
        self.date = fact.event_date.value if fact.event_date else None


def _group(candidates: list[_Candidate], min_shared: int,
           use_dates: bool) -> list[list[_Candidate]]:
    """Union the candidates that tell the same happening in different sources.

    Only pairs that share a distinctive word (and a year, for events) are compared, so the cost
    grows with the number of plausible pairs, not with the square of the corpus."""
    parent = list(range(len(candidates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(candidates):
        year = c.date[:4] if use_dates and c.date else ""
        for token in c.tokens:
            blocks.setdefault((year, token), []).append(i)
    common_limit = max(BLOCK_MIN, int(len(candidates) * BLOCK_SHARE))
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > common_limit:
            continue  # a word this common tells nothing about which happening it is
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                pairs.add((i, j))
    for i, j in sorted(pairs):
        a, b = candidates[i], candidates[j]
        if a.source == b.source or (use_dates and not _dates_agree(a.date, b.date)):
            continue
        shared = len(a.tokens & b.tokens)
        smaller = min(len(a.tokens), len(b.tokens)) or 1
        if shared >= min_shared and shared / smaller >= MERGE_MIN_OVERLAP:
            parent[find(j)] = find(i)
    groups: dict[int, list[_Candidate]] = {}
    for i, candidate in enumerate(candidates):
        groups.setdefault(find(i), []).append(candidate)
    # The anchor (first) of each group is the earliest-published telling: its id stays stable
    # when later articles add citations.
    return [sorted(g, key=lambda c: (c.published, c.source, c.fact.paragraph)) for g in
            groups.values()]


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def build_knowledge(extractions: Iterable[SourceExtraction], topic: Topic) -> KnowledgeBase:
    """Classify every sentence into background, events, statements and mediator activity."""
    extractions = sorted(extractions, key=lambda x: (x.source.published, x.source.id))
    # Party names are in nearly every sentence; mediator words ("Russian-brokered") are not and
    # help tell one happening from another.
    stop = frozenset(w.casefold() for side in topic.parties for w in (side.name, *side.words))
    kb = KnowledgeBase()
    kb.sources = [SourceReport(x.source, x.article, x.reliability, x.unknown_names)
                  for x in extractions]

    event_candidates = [_Candidate(x, f, stop) for x in extractions for f in x.sentences
                        if f.event_date]
    for group in _group(event_candidates, MERGE_MIN_SHARED, use_dates=True):
        anchor = min(group, key=lambda c: (_PRECISION_RANK[c.fact.event_date.precision],
                                           c.published, c.source, c.fact.paragraph))
        date = anchor.fact.event_date
        kb.events.append(Event(
            id=item_id("ev", group[0].source, group[0].citation.excerpt),
            date=date.value, precision=date.precision, planned=date.planned,
            text=anchor.fact.display, date_cue=date.cue,
            citations=tuple(c.citation for c in group), qualifier=date.qualifier,
            actors=tuple(dict.fromkeys(a for c in group for a in c.fact.actors)),
        ))
    kb.events.sort(key=lambda e: (e.date, _PRECISION_RANK[e.precision], e.id))

    background = [_Candidate(x, f, stop) for x in extractions for f in x.sentences
                  if f.is_background]
    for group in _group(background, BACKGROUND_MERGE_MIN_SHARED, use_dates=False):
        anchor = group[0]
        year = int(anchor.date[:4]) if anchor.date else None
        kb.background.append(BackgroundItem(
            id=item_id("bg", anchor.source, anchor.citation.excerpt), text=anchor.fact.display,
            citations=tuple(c.citation for c in group), year=year))
    kb.background.sort(key=lambda b: (b.year or 9999, b.citations[0].source,
                                      b.citations[0].paragraph))

    latest = _latest(extractions).published
    for x in extractions:
        for f in x.sentences:
            if f.speaker_text:
                kb.statements.append(Statement(
                    id=item_id("st", x.source.id, f.text), speaker=f.speaker,
                    speaker_text=f.speaker_text, side=f.speaker_side, issue=f.issue,
                    text=f.display, quote=f.quote,
                    citations=(_citation(x, f),),
                    date=(f.event_date.value if f.event_date and f.event_date.precision == "day"
                          else x.source.published.isoformat()),
                ))
            if f.is_outlook and x.source.published >= latest:
                kb.outlook.append(BackgroundItem(item_id("ol", x.source.id, f.text), f.display,
                                                 (_citation(x, f),)))
            for actor_id in f.actors:
                kb.actor_citations.setdefault(actor_id, []).append(_citation(x, f))
    in_outlook = {o.citations[0] for o in kb.outlook}
    for event in kb.events:
        if event.planned and event.date >= latest.isoformat()[:len(event.date)]:
            anchor = event.citations[0]
            if anchor not in in_outlook:
                kb.outlook.append(BackgroundItem(item_id("ol", anchor.source, anchor.excerpt),
                                                 event.text, event.citations))
    kb.actors = [a for a in topic.actors if a.id in kb.actor_citations]
    kb.mediators = _mediators(extractions, topic)
    kb.discrepancies = _discrepancies(extractions, topic)
    kb.unknown_names = sorted({n for x in extractions for n in x.unknown_names})
    span = (min(x.source.published for x in extractions), latest)
    kb.events = with_salience(kb.events, topic, span)
    kb.off_topic = sources_without_relevance(kb, topic)
    return kb


def _latest(extractions: list[SourceExtraction]) -> Source:
    return max((x.source for x in extractions), key=lambda s: (s.published, s.id))


def _mediators(extractions: list[SourceExtraction], topic: Topic) -> list[Mediator]:
    party_ids = {p.id for p in topic.parties}
    result = []
    for mediator in topic.mediators:
        actors = [a.id for a in topic.actors if a.side == mediator.id]
        activities: list[MediatorActivity] = []
        regard: list[MediatorRegard] = []
        citations: list[Citation] = []
        for x in extractions:
            for f in x.sentences:
                involved = mediator.id in f.sides or any(a in actors for a in f.actors)
                if not involved:
                    continue
                citation = _citation(x, f)
                party = f.speaker_side if f.speaker_side in party_ids else next(
                    (s for s in f.sides if s in party_ids), None)
                stance = next((label for label, pattern in STANCE_CUES
                               if party and pattern.search(f.text)), None)
                if stance:
                    # A party's view of the mediator, not something the mediator did.
                    when = f.event_date.value if f.event_date else x.source.published.isoformat()
                    regard.append(MediatorRegard(item_id("rg", x.source.id, f.text), party,
                                                 stance, f.display, when, (citation,)))
                    citations.append(citation)
                    continue
                acted = mediator.id in f.mediators and f.speaker_side not in party_ids
                if acted or (f.speaker and f.speaker in actors):
                    date = f.event_date
                    activities.append(MediatorActivity(
                        item_id("md", x.source.id, f.text), f.display,
                        date.value if date else x.source.published.isoformat(),
                        date.precision if date else "day", (citation,),
                        date.qualifier if date else None))
                    citations.append(citation)
        if activities or regard:
            activities.sort(key=lambda a: (a.date, a.id))
            result.append(Mediator(mediator.id, mediator.name,
                                   tuple(a for a in actors if any(a in f.actors for x in
                                                                  extractions for f in
                                                                  x.sentences)),
                                   tuple(activities), tuple(citations), tuple(regard)))
    return result


def _discrepancies(extractions: list[SourceExtraction], topic: Topic) -> list[Discrepancy]:
    result = []
    for figure in topic.figures:
        values = [FigureValue(f.display, numbers, (_citation(x, f),))
                  for x in extractions for f in x.sentences
                  for topic_name, numbers in f.figures if topic_name == figure.topic]
        if not values:
            continue
        sources = {v.citations[0].source for v in values}
        differs = len(sources) > 1 and len({v.numbers for v in values}) > 1
        result.append(Discrepancy(figure.topic, tuple(values), differs))
    return result
