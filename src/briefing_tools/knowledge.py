"""Merge per-source extractions into one knowledge base of cited items with stable ids."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from itertools import combinations

from briefing_tools.compose import (
    close_quotations,
    is_balanced,
    sources_without_relevance,
    with_salience,
)
from briefing_tools.config import Topic
from briefing_tools.extract import SentenceFacts, SourceExtraction
from briefing_tools.model import (
    BackgroundItem,
    Citation,
    DateMention,
    Discrepancy,
    Event,
    FigureValue,
    KnowledgeBase,
    Mediator,
    MediatorActivity,
    MediatorRegard,
    Paragraph,
    Source,
    SourceReport,
    Statement,
)
from briefing_tools.patterns import ENGLISH_FUNCTION_WORDS, MONTHS, STANCE_CUES, WEEKDAYS

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
# No row tells one happening from more sources than this: past it, shared words are coincidence
# (one row cited by hundreds of passages swallows distinct happenings).
MERGE_MAX_GROUP = 40

# Calendar words say when, not what: two happenings on different days of November share
# "november" and nothing else.
_CALENDAR = frozenset(
    [*(m for m in MONTHS if len(m) > 3), *WEEKDAYS, "today", "yesterday", "tomorrow", "week",
     "weeks", "month", "months", "year", "years", "days", "morning", "evening", "night",
     "afternoon", "earlier", "later", "last", "next", "previous", "following", "early", "late",
     "mid-", "beginning", "start", "middle", "end"])

# Offices say who, not what: "President X urged …" and "President Y will sign …" on one day
# share "president" and are still two happenings.
_OFFICES = frozenset(
    ["president", "minister", "prime", "foreign", "secretary", "chancellor", "spokesman",
     "spokeswoman", "spokesperson", "official", "officials", "leader", "leaders", "chief",
     "deputy", "head"])

_COMMON = ENGLISH_FUNCTION_WORDS | frozenset(
    ["said", "says", "also", "that", "which", "have", "will", "would", "could", "been", "there",
     "their", "after", "before", "since", "more", "than", "into", "over", "under", "about", "when",
     "where", "while", "during", "between", "against", "other", "such", "some"]
) | _CALENDAR | _OFFICES


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
    """Equal dates only. A coarser date containing a finer one is no proof of one happening: a
    year or a month-only date would chain different days into one row, and the row would show
    its coarser source a day that source never gave."""
    return a == b


class _Candidate:
    __slots__ = ("published", "source", "fact", "citation", "tokens", "date", "when", "rank")

    def __init__(self, extraction: SourceExtraction, fact: SentenceFacts, stop: frozenset[str],
                 when: DateMention | None = None, rank: int = 0):
        self.published = extraction.source.published.isoformat()
        self.source = extraction.source.id
        self.fact = fact
        self.citation = _citation(extraction, fact)
        self.tokens = _tokens(fact.text, stop)
        self.when = when or fact.event_date
        self.date = self.when.value if self.when else None
        self.rank = rank  # which of the sentence's happenings: 0 for the first


def _group(candidates: list[_Candidate], min_shared: int,
           use_dates: bool) -> list[list[_Candidate]]:
    """Union the candidates that tell the same happening in different sources.

    Only pairs that share a distinctive word (and the date, for events) are compared, so the
    cost grows with the number of plausible pairs, not with the square of the corpus."""
    parent = list(range(len(candidates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(candidates):
        when = c.date or "" if use_dates else ""
        for token in c.tokens:
            blocks.setdefault((when, token), []).append(i)
    common_limit = max(BLOCK_MIN, int(len(candidates) * BLOCK_SHARE))
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > common_limit:
            continue  # a word this common tells nothing about which happening it is
        pairs.update(combinations(members, 2))
    # What each group holds, so that a union never puts two tellings of one source, or two
    # different dates, in one row: a month-only date must not chain 3 and 9 November together.
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(candidates))}
    for i, j in sorted(pairs):
        a, b = candidates[i], candidates[j]
        if a.source == b.source or (use_dates and not _dates_agree(a.date, b.date)):
            continue
        shared = len(a.tokens & b.tokens)
        smaller = min(len(a.tokens), len(b.tokens)) or 1
        # A plan and a report of what was done that day are one happening only on firmer
        # evidence: "plans to sign the deal on Saturday" and "on Saturday urged them to sign
        # the deal" share the deal, not the happening.
        needed = min_shared + (use_dates and a.when is not None and b.when is not None
                               and a.when.planned != b.when.planned)
        if shared < needed or shared / smaller < MERGE_MIN_OVERLAP:
            continue
        root_a, root_b = find(i), find(j)
        if root_a == root_b:
            continue
        group_a, group_b = members_of[root_a], members_of[root_b]
        if len(group_a) + len(group_b) > MERGE_MAX_GROUP or not _compatible(
                [candidates[k] for k in group_a], [candidates[k] for k in group_b], use_dates):
            continue
        parent[root_b] = root_a
        group_a.extend(members_of.pop(root_b))
    groups: dict[int, list[_Candidate]] = {}
    for i, candidate in enumerate(candidates):
        groups.setdefault(find(i), []).append(candidate)
    # The anchor (first) of each group is the earliest-published telling: its id stays stable
    # when later articles add citations.
    return [sorted(g, key=lambda c: (c.published, c.source, c.fact.paragraph)) for g in
            groups.values()]


def _compatible(group_a: list[_Candidate], group_b: list[_Candidate], use_dates: bool) -> bool:
    """Whether two groups can be one row: no source twice, and every pair of dates agreeing."""
    if {c.source for c in group_a} & {c.source for c in group_b}:
        return False
    if not use_dates:
        return True
    dates_a = {c.date for c in group_a}
    return all(_dates_agree(x, y) for x in dates_a for y in {c.date for c in group_b})


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

    event_candidates = [_Candidate(x, f, stop, when, rank) for x in extractions
                        for f in x.sentences
                        for rank, when in enumerate(f.event_dates or
                                                    ((f.event_date,) if f.event_date else ()))]
    for group in _group(event_candidates, MERGE_MIN_SHARED, use_dates=True):
        anchor = min(group, key=lambda c: (_PRECISION_RANK[c.when.precision],
                                           c.published, c.source, c.fact.paragraph))
        date = anchor.when
        first = group[0]
        # A sentence's second happening gets an id of its own (its date words tell it apart).
        key = first.citation.excerpt + (f"\x00{first.when.cue}" if first.rank else "")
        kb.events.append(Event(
            id=item_id("ev", first.source, key),
            date=date.value, precision=date.precision,
            # Planned while every telling says so: once one reports it done, it happened.
            planned=all(c.when.planned for c in group),
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
        for told in _statements_of(x):
            first = told[0]
            numbers = list(dict.fromkeys(f.paragraph for f in told))
            parts = [" ".join(f.display for f in told if f.paragraph == n) for n in numbers]
            if len(parts) > 1:
                # Printed over paragraphs, each left open or closed by the next: shown as one
                # text, the marks each part lacks are added, in brackets.
                parts = [p if is_balanced(p) else close_quotations(p) for p in parts]
            dated = next((f.event_date for f in told if f.event_date
                          and f.event_date.precision == "day"), None)
            kb.statements.append(Statement(
                id=item_id("st", x.source.id, first.text), speaker=first.speaker,
                speaker_text=first.speaker_text, side=first.speaker_side,
                issue=next((f.issue for f in told if f.issue), None),
                text=" ".join(parts), quote=first.quote,
                citations=tuple(
                    Citation(x.source.id, n, " ".join(f.text for f in told if f.paragraph == n))
                    for n in numbers),
                date=dated.value if dated else x.source.published.isoformat(),
            ))
        for f in x.sentences:
            for actor, named, side in f.other_speakers:
                dated = f.event_date if f.event_date and f.event_date.precision == "day" \
                    else None
                kb.statements.append(Statement(
                    id=item_id("st", x.source.id, f"{named}\x00{f.text}"), speaker=actor,
                    speaker_text=named, side=side, issue=f.issue, text=f.display, quote=None,
                    citations=(_citation(x, f),),
                    date=dated.value if dated else x.source.published.isoformat()))
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


def _statements_of(extraction: SourceExtraction) -> list[list[SentenceFacts]]:
    """The sentences of each statement: one, or the run of sentences that carry one quotation
    of one speaker — within a paragraph, or on into the next paragraph while the quotation is
    left open ('“… vote.' ¶ '“So I wouldn't speculate …,” he said.')."""
    groups: list[list[SentenceFacts]] = []
    paragraphs = extraction.article.paragraphs
    previous: SentenceFacts | None = None
    for f in extraction.sentences:
        if f.speaker_text:
            last = groups[-1][-1] if groups else None
            if last is not None and last is previous and _goes_on(last, f, paragraphs):
                groups[-1].append(f)
            else:
                groups.append([f])
        previous = f
    return groups


def _goes_on(last: SentenceFacts, f: SentenceFacts, paragraphs: tuple[Paragraph, ...]) -> bool:
    """``f``, the sentence right after ``last``, goes on with the words ``last`` quotes."""
    if not (last.quote and _same_speaker(last, f)):
        return False
    if f.paragraph == last.paragraph and f.quote:
        # One quotation over several sentences; a second quotation, even of the same speaker,
        # is a statement of its own ('“…,” said X. “It goes to …”').
        return last.quote == f.quote
    # The next paragraph goes on with it, reopened with a mark or not ("… conflict,’’ X said").
    return f.paragraph == last.paragraph + 1 and _ends_open(paragraphs[last.paragraph - 1].text)


def _ends_open(text: str) -> bool:
    """The paragraph's last quotation mark opens a quotation: print leaves a quotation that goes
    on in the next paragraph open. (A quotation left open earlier in the paragraph and closed
    by a later one is the page's slip, not a running quotation.)"""
    at = max(text.rfind("“"), text.rfind("”"), text.rfind('"'))
    if at < 0 or text[at] == "”":
        return False
    # An opening mark right after a sentence's punctuation is a closing one mistyped
    # ("… concerns,“ he said"); a straight one opens only after a space or a bracket.
    return at == 0 or text[at - 1].isspace() or text[at - 1] in "([—–-"


def _same_speaker(a: SentenceFacts, b: SentenceFacts) -> bool:
    """One speaker, however named: "Miroslav Lajcak" introduces a quotation, "Lajcak wrote"
    closes it."""
    if a.speaker and b.speaker:
        return a.speaker == b.speaker
    return a.speaker_text == b.speaker_text


def _latest(extractions: list[SourceExtraction]) -> Source:
    return max((x.source for x in extractions), key=lambda s: (s.published, s.id))


def _mediators(extractions: list[SourceExtraction], topic: Topic) -> list[Mediator]:
    party_ids = {p.id for p in topic.parties}
    names = {m.id: _third_party_names(m.id, topic) for m in topic.mediators}
    # Which sentences involve each third party (its words, or one of its people), in one pass
    # over the corpus rather than one per third party.
    side_of = {a.id: a.side for a in topic.actors}
    involving: dict[str, list[tuple[SourceExtraction, SentenceFacts]]] = {
        m.id: [] for m in topic.mediators}
    mentioned: set[str] = set()
    for x in extractions:
        for f in x.sentences:
            mentioned.update(f.actors)
            ids = set(f.sides) | {side_of.get(a) for a in f.actors}
            for mediator_id in ids & involving.keys():
                involving[mediator_id].append((x, f))
    result = []
    for mediator in topic.mediators:
        actors = [a.id for a in topic.actors if a.side == mediator.id]
        activities: list[MediatorActivity] = []
        regard: list[MediatorRegard] = []
        citations: list[Citation] = []
        for x, f in involving[mediator.id]:
            citation = _citation(x, f)
            party = f.speaker_side if f.speaker_side in party_ids else next(
                (s for s in f.sides if s in party_ids), None)
            stance, at = next(((label, m.start()) for label, pattern in STANCE_CUES
                               if party and (m := pattern.search(f.text))), (None, 0))
            if stance and _stance_target(f.text, at, names) != mediator.id:
                # "Southland rejected the envoy Lind's proposal of a meeting during the
                # Union council": the stance is towards the proposer; the venue only hosts.
                stance = None
            if stance:
                # A party's view of the mediator, not something the mediator did.
                when = f.event_date.value if f.event_date else x.source.published.isoformat()
                regard.append(MediatorRegard(item_id("rg", x.source.id, f.text), party,
                                             stance, f.display, when, (citation,)))
                citations.append(citation)
                continue
            acted = mediator.id in f.mediators
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
                                   tuple(a for a in actors if a in mentioned),
                                   tuple(activities), tuple(citations), tuple(regard),
                                   mediator.roles or ("mediator",)))
    return result


def _third_party_names(mediator_id: str, topic: Topic) -> re.Pattern[str] | None:
    mediator = next(m for m in topic.mediators if m.id == mediator_id)
    words = [mediator.name, *mediator.words] + [
        w for a in topic.actors if a.side == mediator_id for w in (a.name, *a.aliases)]
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)") \
        if words else None


def _stance_target(text: str, at: int, names: dict[str, re.Pattern[str] | None]) -> str | None:
    """The third party a stance is taken towards: the one named first after the stance word
    ("rejected Lind's proposal"), else the last one named before it ("the US offer, which
    Sudburg refused")."""
    after: list[tuple[int, str]] = []
    before: list[tuple[int, str]] = []
    for mediator_id, pattern in names.items():
        for match in pattern.finditer(text) if pattern else ():
            (after if match.start() >= at else before).append((match.start(), mediator_id))
    if after:
        return min(after)[1]
    return max(before)[1] if before else None


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
