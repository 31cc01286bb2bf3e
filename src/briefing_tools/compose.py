"""Compose a briefing from the knowledge base: salience, the summary, key points, position cells,
issues to watch, like-for-like figures and the who's who — each a pure function over the
knowledge base and the topic.

Every text this module hands the templates is a source sentence or a minimal trim of one (a
leading connective, an attribution tail, a quotation completed from the cited paragraph): the
footnote still points at the paragraph, and quoted words stay verbatim."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from briefing_tools.actors import build_gazetteer
from briefing_tools.config import Topic
from briefing_tools.model import (
    Actor,
    Citation,
    Discrepancy,
    Event,
    FigureValue,
    KnowledgeBase,
    Mediator,
    SourceReport,
    Statement,
)
from briefing_tools.patterns import (
    ACCORDING_TO,
    DEED_FORMS,
    REPORTING_VERBS,
    TURNING_POINT_CUES,
)
from briefing_tools.segment import split_sentences
from briefing_tools.statements import is_joint, quotes

_T = TypeVar("_T")

# The summary reads like a CRS "In Focus" opening: long enough for the whole arc, short enough
# to read at a glance.
SUMMARY_MIN_WORDS = 150
SUMMARY_TARGET_WORDS = 200
SUMMARY_MAX_WORDS = 250
# A sentence longer than this is a paragraph's worth on its own: no good in a summary.
SUMMARY_SENTENCE_MAX_WORDS = 60
# Each further sentence from a source already in the summary counts this much less, so the
# summary draws on all sources rather than the one with the most dated sentences.
SOURCE_REPEAT_PENALTY = 0.75
# The summary's backbone is happenings: a sentence that tells a deed outranks one that tells
# words by this much, a turning point (a war, deaths, a deal signed) by this much more, and at
# most this many sentences may tell what someone said.
HAPPENING_WEIGHT = 1.0
TURNING_POINT_WEIGHT = 1.0
SUMMARY_STATEMENTS_MAX = 2
# A sentence shown whole reads better than one cut at its start ("[…] since the talks …").
CUT_PENALTY = 0.5
# Filling the widest gap of the arc is worth this much (the gap measured as a share of the
# whole arc in log-time): about one source's support for the widest possible gap.
SPREAD_WEIGHT = 2.0
# Log-time counts days before the latest source plus this floor: the last month is one stretch.
LOG_TIME_FLOOR_DAYS = 30
WHATS_NEW_MAX = 2
TO_WATCH_MAX = 2
# How far a quotation may be completed from the cited paragraph, in sentences either way.
QUOTE_REACH = 3

# Openings that lean on a sentence the reader has not been shown.
_CONNECTIVE = re.compile(
    r"^(?:however|also|in addition|additionally|moreover|furthermore|meanwhile|nevertheless|"
    r"nonetheless|but|and|yet|still|instead|as a result|in turn|against this backdrop|"
    r"by contrast|in contrast|recently|then|thus|therefore|indeed|likewise|similarly)\b,?\s*",
    re.IGNORECASE)
_NEEDS_ANTECEDENT = re.compile(
    r"^(?:this|these|that|those|such|it|its|they|their|he|his|she|her|the move|the accord|"
    r"the deal|the agreement|the meeting|the talks|the decision|the latter|the former|"
    r"the comments|the remarks|the statement|the announcement|the incident)\b",
    re.IGNORECASE)
# ", Berg said." / "," the minister told reporters." after a quotation's close.
_ATTRIBUTION_TAIL = re.compile(
    r"(?P<punct>[,.!?]?)(?P<close>[”’\"'“])\s*,?\s*(?:"
    # “…,” Haddad said. / “…,” the Southlandic ministry said in a statement.
    r"(?:the\s+)?(?:[A-Za-z][\w.’'-]*\s+){0,5}?(?:said|says|added|stated|wrote|noted|declared|"
    r"told\s[\w\s]{1,30}?)(?:\s+(?:in|on|at)\s+[\w\s]{1,30}?)?"
    # “…,” said Arayik Harutyunyan, the president of …
    r"|(?:said|added|stated)\s+[A-Z][^“”\"‘’]*"
    r")\.?$")
_OPENERS = {"“": "”", "‘": "’"}
# Words the tool leaves out of a source sentence are marked with this; words it adds stand in
# square brackets ("on Thursday [5 December 2024]", "he [Haddad]"). `briefing check` reads
# everything else as verbatim.
OMISSION = "[…]"
# A verb that credits words, used as a sentence's own verb: not a deed ("refused"), not a
# participle ("citing"), not a purpose ("to urge").
_SPEECH = re.compile(r"(?<!\bto )\b(?:" + "|".join(
    re.escape(f) for f in REPORTING_VERBS
    if f not in DEED_FORMS and not f.endswith("ing")) + r")\b")
# What followed from the happening told just before: "… has since fled", "since then".
_AFTERMATH = re.compile(r"\b(?:has|have|had)\s+since\b|\bsince then\b", re.IGNORECASE)
# The future is for the points to watch, not the summary of what happened.
_FUTURE = re.compile(r"\b(?:will|shall)\b")
_HAS_DATE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|"
                       r"August|September|October|November|December|Monday|Tuesday|Wednesday|"
                       r"Thursday|Friday|Saturday|Sunday|yesterday|today|last|next)\b")
_WORD = re.compile(r"[a-z][a-z-]{3,}")


@dataclass(frozen=True, slots=True)
class Line:
    """One composed sentence with what it cites and, for chronology-like items, when."""

    text: str
    citations: tuple[Citation, ...]
    when: str = ""  # ISO date, month or year; "" when undated
    precision: str = "year"
    label: str = ""


def _last_answer(function: Callable[[KnowledgeBase, Topic], _T]
                 ) -> Callable[[KnowledgeBase, Topic], _T]:
    """Keep the answer for the last knowledge base asked about. Composition is a pure function
    of a knowledge base nothing changes once it is built, and the pages and `check` ask for the
    same summary, points and cells: at a thousand articles each costs a second. Lists come back
    as copies, so a caller's changes stay its own."""
    last: list = []
    _REMEMBERED.append(last)

    @functools.wraps(function)
    def remembered(kb: KnowledgeBase, topic: Topic) -> _T:
        shape = _shape(kb)
        if not (last and last[0] is kb and last[1] is topic and last[2] == shape):
            last[:] = [kb, topic, shape, function(kb, topic)]
        return _copy(last[3])
    return remembered


def _shape(kb: KnowledgeBase) -> tuple[tuple[int, int], ...]:
    """Which lists the knowledge base holds, and how long they are: a list replaced or grown
    (as applying editorial decisions does) is a new question."""
    return tuple((id(items), len(items)) for items in (
        kb.sources, kb.events, kb.statements, kb.background, kb.outlook, kb.mediators,
        kb.discrepancies, kb.key_points, kb.edited))


_REMEMBERED: list[list] = []


def forget() -> None:
    """Drop every remembered answer: for code that changes a knowledge base, or how pages are
    composed, after composing from it (tests do)."""
    for last in _REMEMBERED:
        last.clear()


def _copy(value: _T) -> _T:
    if isinstance(value, list):
        return list(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_copy(v) for v in value)  # type: ignore[return-value]
    return value


# --- quotations ----------------------------------------------------------------------------

@functools.lru_cache(maxsize=1 << 16)
def _quote_marks(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(openers left unclosed, closers with no opener), in order of appearance. Cached: the
    same statements are weighed for many cells and pages, and this reads them mark by mark."""
    unclosed: list[str] = []
    stray: list[str] = []
    # Two single marks typed for a double one ("‘‘…’’", common in pasted text) are one.
    text = text.replace("’’", "”").replace("‘‘", "“")
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch == '"':
            if unclosed and (unclosed[-1] == '"' or unclosed[-1] == "“" and not before.isspace()):
                unclosed.pop()  # ("“… suspended," said": pasted text mixes the two styles)
            elif before.isspace() or before in "([—–-" or i == 0:
                unclosed.append(ch)
            else:
                stray.append(ch)
        elif ch == "“" and (before.isspace() or before in "([—–-" or i == 0 or not unclosed):
            if before in ",.!?" and unclosed and unclosed[-1] == "“":
                unclosed.pop()  # "… as possible,“" — a closing typed as an opening mark
            else:
                unclosed.append(ch)
        elif ch == "“" and unclosed and unclosed[-1] == "“":
            unclosed.pop()
        elif ch == "‘" and not before.isalnum():
            unclosed.append(ch)
        elif ch == "”" or (ch == "’" and not after.isalpha()
                           and (before != "s" or (unclosed and unclosed[-1] == "‘"))):
            opener = "“" if ch == "”" else "‘"
            if ch == "”" and unclosed and unclosed[-1] == '"':
                unclosed.pop()
            elif opener in unclosed:
                del unclosed[len(unclosed) - 1 - unclosed[::-1].index(opener)]
            else:
                stray.append(ch)
    return tuple(unclosed), tuple(stray)


def quote_balance(text: str) -> int:
    """Open quotations left at the end (positive) or closings with no opening (negative)."""
    unclosed, stray = _quote_marks(text)
    return len(unclosed) - len(stray)


def is_balanced(text: str) -> bool:
    unclosed, stray = _quote_marks(text)
    return not unclosed and not stray


_CLOSER = {"“": "”", "‘": "’", '"': '"'}
_OPENER = {"”": "“", "’": "‘", '"': '"', "“": "“"}


def close_quotations(text: str) -> str:
    """Add the marks a quotation lacks when the source itself never closes (or opens) it —
    a quotation running on into the next paragraph. Only marks are added, never words, and in
    brackets, as every editorial insertion is: "[“]Eritrea's re-entry … conflict,’’ Hammer …"."""
    unclosed, stray = _quote_marks(text)
    opening = "".join(_OPENER[c] for c in reversed(stray))
    closing = "".join(_CLOSER[c] for c in reversed(unclosed))
    return (f"[{opening}]" if opening else "") + text + (f"[{closing}]" if closing else "")


def whole_quotation(text: str, citation: Citation,
                    reports: dict[str, SourceReport]) -> str:
    """The text, or when a quotation in it was cut at a sentence end, the run of sentences of
    the cited paragraph that holds the whole quotation (verbatim from the paragraph)."""
    if is_balanced(text):
        return text
    report = reports.get(citation.source)
    if report is None or not 1 <= citation.paragraph <= len(report.article.paragraphs):
        return close_quotations(text)
    paragraph = report.article.paragraphs[citation.paragraph - 1].text
    spans = split_sentences(paragraph)
    at = next((i for i, (s, e) in enumerate(spans) if citation.excerpt[:40] in paragraph[s:e]),
              None)
    if at is None:
        return close_quotations(text)
    first = last = at
    balance = quote_balance(text)
    for _ in range(QUOTE_REACH):
        if balance > 0 and last + 1 < len(spans):
            last += 1
        elif balance < 0 and first > 0:
            first -= 1
        else:
            break
        candidate = paragraph[spans[first][0]:spans[last][1]]
        balance = quote_balance(candidate)
        if is_balanced(candidate):
            return candidate
    # The quotation runs past the paragraph: close it on the verbatim excerpt, not on the
    # display text, whose resolved dates would put unquoted words inside the marks.
    return close_quotations(citation.excerpt if quote_balance(text) else text)


def trim_attribution(text: str) -> str:
    """'“We want peace,” Haddad said.' → '“We want peace,” […]' — the footnote names the
    speaker; the words left out are marked, the rest stands as the source has it."""
    match = _ATTRIBUTION_TAIL.search(text)
    if not match or not text[:match.start()].strip():
        return text
    return f"{text[:match.start()]}{match.group('punct')}{match.group('close')} {OMISSION}"


def _without_connectives(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _CONNECTIVE.sub("", text, count=1)
    return text


def trim_opening(text: str) -> str:
    """Drop leading connectives, marking the omission: 'However, recently, Southlandic
    officials spoke.' → '[…] Southlandic officials spoke.'"""
    rest = _without_connectives(text)
    return f"{OMISSION} {rest}" if rest and rest != text else text


def _unmarked(text: str) -> str:
    """The text without a leading omission mark: what a reader reads first."""
    return text[len(OMISSION):].lstrip() if text.startswith(OMISSION) else text


def stands_alone(text: str) -> bool:
    """False for a sentence that opens with a reference whose antecedent is not shown."""
    return not _NEEDS_ANTECEDENT.match(_without_connectives(_unmarked(text)))


def from_speaker(text: str, speaker: str) -> str:
    """A statement whose sentence opens on something not shown ('This was in response to
    Prime Minister X, who …'), shown from its speaker on: '[…] Prime Minister X, who …'."""
    if stands_alone(text) or not speaker:
        return text
    match = re.search(rf"(?:[A-Z][\w’'.-]*\s+)*{re.escape(speaker)}", text)
    if match is None or match.start() == 0:
        return text
    return f"{OMISSION} {text[match.start():]}"


@_last_answer
def readable(kb: KnowledgeBase, topic: Topic) -> KnowledgeBase:
    """The knowledge base as pages show it: quotations whole, openings trimmed, figures paired
    like with like. Ids and citations are unchanged, so editorial decisions still apply."""
    reports = {r.source.id: r for r in kb.sources}

    def mend(text: str, citations: tuple[Citation, ...]) -> str:
        return whole_quotation(text, citations[0], reports) if citations else text

    out = replace(kb)
    out.events = [replace(e, text=trim_opening(mend(e.text, e.citations))) for e in kb.events]
    out.background = [replace(b, text=trim_opening(mend(b.text, b.citations)))
                      for b in kb.background]
    out.outlook = [replace(o, text=trim_opening(mend(o.text, o.citations))) for o in kb.outlook]
    out.statements = [replace(s, text=mend(s.text, s.citations)) for s in kb.statements]
    out.mediators = [m for m in (_present_mediator(m, topic, mend) for m in kb.mediators)
                     if m.activities or m.regard]
    out.discrepancies = [like_for_like(d) for d in kb.discrepancies]
    return out


# --- salience ------------------------------------------------------------------------------

def _relevant(text: str, actors: tuple[str, ...], topic: Topic) -> bool:
    """True when the text names a party, a word that stands for one, or one of its people."""
    parties = {p.id for p in topic.parties}
    if any((a := topic.actor(actor_id)) and a.side in parties for actor_id in actors):
        return True
    folded = f" {text.casefold()} "
    return any(re.search(rf"(?<!\w){re.escape(w.casefold())}(?!\w)", folded)
               for p in topic.parties for w in (p.name, *p.words))


def salience(text: str, citations: tuple[Citation, ...], actors: tuple[str, ...], when: str,
             topic: Topic, span: tuple[date, date]) -> float:
    """Support across sources (one point a source) + topic relevance through the parties and
    their people (one point) + recency within the sources' span (up to one point)."""
    support = len({c.source for c in citations})
    # Any telling counts: one source's sentence may name the parties where another's does not.
    relevance = 1.0 if any(_relevant(t, actors, topic)
                           for t in (text, *(c.excerpt for c in citations[1:]))) else 0.0
    recency = 0.0
    if when:
        first, last = span
        at = _midpoint(when)
        whole = (last - first).days
        recency = 1.0 if whole <= 0 else max(0.0, min(1.0, (at - first).days / whole))
    return round(support + relevance + recency, 3)


def _midpoint(when: str) -> date:
    """A year or a month stands for its middle: neither its first nor its last day."""
    parts = [int(x) for x in when.split("-")]
    if len(parts) == 1:
        return date(parts[0], 7, 1)
    if len(parts) == 2:
        return date(parts[0], parts[1], 15)
    return date(*parts)


def with_salience(events: list[Event], topic: Topic, span: tuple[date, date]) -> list[Event]:
    return [replace(e, salience=salience(e.text, e.citations, e.actors, e.date, topic, span))
            for e in events]


def sources_without_relevance(kb: KnowledgeBase, topic: Topic) -> list[str]:
    """Sources in which no party, nor any of its people, is ever named: likely off topic."""
    people = [(a.id, a.name.casefold()) for a in topic.actors
              if a.side in {p.id for p in topic.parties}]
    irrelevant = []
    for report in kb.sources:
        text = report.article.text.casefold()
        if not _relevant(report.article.text, tuple(i for i, name in people if name in text),
                         topic):
            irrelevant.append(report.source.id)
    return irrelevant


# --- summary and key points ----------------------------------------------------------------

def _words(text: str) -> int:
    return len(text.split())


def tells_words(text: str) -> bool:
    """True for a sentence whose news is what someone said ("Haddad said …", "according to
    the ministry, …"), false for one that tells a deed, even a deed of words ("Southland
    refused to participate …, citing a 'biased' position")."""
    return _outside_quotes(_SPEECH, text) or _outside_quotes(ACCORDING_TO, text)


def dates_another_clause(text: str, cue: str) -> bool:
    """True when the date cue dates a clause that is not the sentence's own: a relative clause
    between the subject and its verb ("Obasanjo, who stepped down in 2007 …, praised …") or a
    noun it qualifies ("Berg's 2020 guarantee")."""
    at = text.find(cue) if cue else -1
    if at < 0:
        return False
    before, after = text[:at], text[at + len(cue):]
    if re.search(r"(?:[’']s|\b[Tt]he|\ban?)\s+$", before) and re.fullmatch(
            r"(?:[A-Z][a-z]+\s+)?(?:1[89]|20)\d\d", cue):
        return True
    return bool(re.search(r",\s+(?:who|which|whose)\b[^,;]*$", before)
                and re.match(r"[^,;.]*,\s+[a-z]", after))


def _outside_quotes(pattern: re.Pattern[str], text: str) -> bool:
    spans = quotes(text)
    return any(not any(s <= m.start() < e for s, e in spans) for m in pattern.finditer(text))


def turning_point(text: str) -> bool:
    """A happening that changes the facts: a war, deaths, flight, territory taken, a deal."""
    return _outside_quotes(TURNING_POINT_CUES, text)


@dataclass(frozen=True, slots=True)
class _Candidate:
    lines: tuple[Line, ...]  # the sentence, and its aftermath when the source tells one
    base: float  # support + relevance + happening + turning point
    said: bool  # tells what someone said rather than what was done
    at: float  # log-time: how long before the latest source (0 for undated)
    history: bool  # told as the long history (a background item), not as a source's news

    @property
    def words(self) -> int:
        return sum(_words(line.text) for line in self.lines)

    @property
    def when(self) -> str:
        return self.lines[0].when


@_last_answer
def summary(kb: KnowledgeBase, topic: Topic) -> list[Line]:
    """150–250 words over the whole arc, in time order, chosen by salience across all sources.

    The backbone is what was done — happenings, turning points first —; at most
    SUMMARY_STATEMENTS_MAX sentences tell what someone said. The most salient happening of the
    history before the first source and the latest development always; the rest fills the
    widest gaps of the arc (in log-time, so that decades of history and the last weeks both
    get their share), each further sentence of a source's news counting less. A happening's
    aftermath, told right after it in its source ("… has since fled"), comes with it."""
    candidates = _summary_candidates(kb, topic)
    pool = [c for c in candidates if c.when]
    if sum(c.words for c in pool) < SUMMARY_MIN_WORDS:
        pool = candidates  # too little dated: undated history may fill in
    if not pool:
        return []
    chosen: list[_Candidate] = []
    dated = [c for c in pool if c.when]
    if dated:
        first_news = min(r.source.published for r in kb.sources).isoformat()
        history = [c for c in dated if not c.said and c.when < first_news[:len(c.when)]]
        chosen.append(max(history, key=lambda c: (c.base, c.at)) if history
                      else min(dated, key=lambda c: (c.said, c.when, -c.base)))
        last = max(dated, key=lambda c: (c.when, not c.said, c.base))
        if last is not chosen[0]:
            chosen.append(last)
    whole = max((c.at for c in dated), default=0.0) - min((c.at for c in dated), default=0.0)
    remaining = [c for c in pool if c not in chosen]
    while remaining and _total(chosen) < SUMMARY_TARGET_WORDS:
        statements = sum(c.said for c in chosen)
        fitting = [c for c in remaining if _total(chosen) + c.words <= SUMMARY_MAX_WORDS
                   and not (c.said and statements >= SUMMARY_STATEMENTS_MAX)]
        if not fitting:
            break
        pick = max(fitting, key=lambda c: _fill_score(c, chosen, whole))
        remaining.remove(pick)
        if not any(_similar(pick.lines[0].text, line.text) for c in chosen for line in c.lines):
            chosen.append(pick)
    chosen.sort(key=lambda c: (c.when or "0", c.lines[0].citations[0].source,
                               c.lines[0].citations[0].paragraph))
    return [line for c in chosen for line in c.lines]


def _summary_candidates(kb: KnowledgeBase, topic: Topic) -> list[_Candidate]:
    """Every past happening and history sentence a summary could use, scored, each told once."""
    span = _span(kb)
    reports = {r.source.id: r for r in kb.sources}
    words_said = {c for st in kb.statements for c in st.citations}
    told_as_history = {c for b in kb.background for c in b.citations}
    candidates: list[_Candidate] = []
    taken: set[Citation] = set()

    def add(line: Line, actors: tuple[str, ...], cue: str = "") -> None:
        if taken & set(line.citations) or not (
                stands_alone(line.text) and is_balanced(line.text)
                and _words(line.text) <= SUMMARY_SENTENCE_MAX_WORDS) \
                or _outside_quotes(_FUTURE, line.text) or dates_another_clause(line.text, cue):
            return
        taken.update(line.citations)
        said = bool(words_said & set(line.citations)) and tells_words(line.text)
        base = salience(line.text, line.citations, actors, "", topic, span)
        if not said:
            base += HAPPENING_WEIGHT + TURNING_POINT_WEIGHT * turning_point(line.text)
        if line.text.startswith(OMISSION):
            base -= CUT_PENALTY
        after = None if said else _aftermath(line, reports)
        at = _log_time(line.when, span[1]) if line.when else 0.0
        candidates.append(_Candidate((line,) if after is None else (line, after), base, said,
                                     at, bool(told_as_history & set(line.citations))))

    for e in kb.events:
        if not e.planned:
            add(Line(e.text, e.citations, e.date, e.precision), e.actors, e.date_cue)
    taken.update(c for e in kb.events for c in e.citations)  # planned: not history
    for b in kb.background:  # the history the events do not date (undated: a fallback)
        add(Line(b.text, b.citations, str(b.year) if b.year else "", "year"), ())
    return candidates


def _fill_score(c: _Candidate, chosen: list[_Candidate], whole: float) -> tuple[float, str, str]:
    """Salience, plus the share of the arc's widest gap the candidate fills, less a penalty
    for each sentence of its source's news already chosen (history is shared by all)."""
    used: dict[str, int] = {}
    for o in chosen:
        for source in {x.source for x in o.lines[0].citations} if not o.history else ():
            used[source] = used.get(source, 0) + 1
    repeats = min(used.get(x.source, 0) for x in c.lines[0].citations)
    marks = [o.at for o in chosen if o.when]
    gap = min(abs(c.at - at) for at in marks) if c.when and marks else 0.0
    spread = SPREAD_WEIGHT * gap / whole if whole else 0.0
    return (c.base + spread - SOURCE_REPEAT_PENALTY * repeats, c.when, c.lines[0].text)


def _total(chosen: list[_Candidate]) -> int:
    return sum(c.words for c in chosen)


def _log_time(when: str, latest: date) -> float:
    """How long before the latest source a date lies, on a log scale (a month is the unit's
    floor): 1991 and 2020 lie as far apart as 2020 and last month."""
    return math.log(max(0, (latest - _midpoint(when)).days) + LOG_TIME_FLOOR_DAYS)


def _aftermath(line: Line, reports: dict[str, SourceReport]) -> Line | None:
    """The sentence its source tells right after the line when that sentence says what
    followed from it ("… has since fled") and gives no date of its own."""
    after = _next_sentence(line.citations[0], reports)
    if after is None or not _AFTERMATH.search(after.excerpt) or _HAS_DATE.search(after.excerpt) \
            or not is_balanced(after.excerpt) or not stands_alone(after.excerpt):
        return None
    return Line(after.excerpt, (after,), line.when, line.precision)


def _next_sentence(citation: Citation, reports: dict[str, SourceReport]) -> Citation | None:
    """The sentence right after the cited one: in its paragraph, else the next paragraph's
    first."""
    report = reports.get(citation.source)
    if report is None:
        return None
    paragraphs = report.article.paragraphs
    for number in (citation.paragraph, citation.paragraph + 1):
        if not 1 <= number <= len(paragraphs) or paragraphs[number - 1].is_heading:
            return None
        text = paragraphs[number - 1].text
        spans = split_sentences(text)
        if number == citation.paragraph:
            at = next((i for i, (s, e) in enumerate(spans)
                       if text[s:e] == citation.excerpt), None)
            if at is None:
                return None
            if at + 1 < len(spans):
                s, e = spans[at + 1]
                return Citation(citation.source, number, text[s:e])
        elif spans:
            s, e = spans[0]
            return Citation(citation.source, number, text[s:e])
    return None


def _similar(a: str, b: str) -> bool:
    """Two tellings of one thing (the merger keeps some apart): most distinctive words shared."""
    wa, wb = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def _span(kb: KnowledgeBase) -> tuple[date, date]:
    published = [r.source.published for r in kb.sources]
    years = [int(e.date[:4]) for e in kb.events] + [b.year for b in kb.background if b.year]
    first = date(min(years), 1, 1) if years else min(published)
    return min(first, min(published)), max(published)


def contested_issues(kb: KnowledgeBase, topic: Topic) -> list[str]:
    """Issues on which at least two parties have stated a position, most discussed first."""
    parties = [p.id for p in topic.parties]
    sides: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for st in kb.statements:
        if st.issue and st.side in parties:
            sides.setdefault(st.issue, set()).add(st.side)
            counts[st.issue] = counts.get(st.issue, 0) + 1
    order = [i.id for i in topic.issues]
    return sorted((i for i, s in sides.items() if len(s) >= 2),
                  key=lambda i: (-counts[i], order.index(i) if i in order else len(order), i))


@_last_answer
def key_points(kb: KnowledgeBase, topic: Topic) -> list[Line]:
    """What's new (the latest happenings, from as many sources as possible), why it matters
    (each contested issue with each side's view, cited) and what to watch (planned
    happenings and stated conditions, with dates)."""
    points: list[Line] = []
    past = sorted((e for e in kb.events if not e.planned and is_balanced(e.text)),
                  key=lambda e: (e.date, e.salience, e.id), reverse=True)
    seen_sources: set[str] = set()
    for e in past:
        if len([p for p in points if p.label == "What's new"]) == WHATS_NEW_MAX:
            break
        source = e.citations[0].source
        if source in seen_sources and len({x.citations[0].source for x in past}) > 1:
            continue
        seen_sources.add(source)
        points.append(Line(e.text, e.citations, e.date, e.precision, "What's new"))
    for issue in contested_issues(kb, topic)[:1]:
        for side in (p.id for p in topic.parties):
            cell = position_cell(kb, issue, side)
            if cell:
                name = next((i.name for i in topic.issues if i.id == issue), issue)
                points.append(Line(cell.text, cell.citations, label=(
                    f"Why it matters — {name}: {topic.side_name(side)}")))
    for line in issues_to_watch_dates(kb)[:TO_WATCH_MAX]:
        points.append(replace(line, label="To watch"))
    return points


def issues_to_watch_dates(kb: KnowledgeBase) -> list[Line]:
    """Planned happenings after the latest source, soonest first, then stated conditions."""
    latest = max(r.source.published for r in kb.sources).isoformat()
    planned = sorted((e for e in kb.events if e.planned and e.date >= latest[:len(e.date)]),
                     key=lambda e: (e.date, e.id))
    lines = [Line(trim_attribution(e.text), e.citations, e.date, e.precision) for e in planned
             if is_balanced(e.text)]
    lines += [Line(trim_attribution(o.text), o.citations) for o in kb.outlook
              if is_balanced(o.text) and stands_alone(o.text)]
    # Two sentences of one quotation come out as the same whole quotation: show it once.
    seen: set[str] = set()
    unique = []
    for line in lines:
        if line.text not in seen and not any(c in _cited(unique) for c in line.citations):
            seen.add(line.text)
            unique.append(line)
    return unique


def _cited(lines: list[Line]) -> set[Citation]:
    return {c for line in lines for c in line.citations}


def shown_lines(kb: KnowledgeBase, topic: Topic) -> list[tuple[str, Line]]:
    """Every line composed for the pages, with where it is shown: the summary, the key points,
    the matrix cells, the issues to watch (`briefing check` reads each against its source)."""
    lines = [("summary", line) for line in summary(kb, topic)]
    lines += [("key points", line) for line in key_points(kb, topic)]
    lines += [(f"positions: {name}", cell) for name, cells in position_matrix(kb, topic)
              for cell in cells if cell]
    open_issues, also_planned = issues_to_watch(kb, topic)
    for item in open_issues:
        lines += [(f"outlook: {item.issue}", line)
                  for line in (*(view for _, view in item.views), *item.planned)]
    lines += [("outlook", line) for line in also_planned]
    return lines


@dataclass(frozen=True, slots=True)
class WatchItem:
    """An open issue: each party's stated view and whatever is planned about it."""

    issue: str
    views: tuple[tuple[str, Line], ...]  # (party name, its position)
    planned: tuple[Line, ...]


@_last_answer
def issues_to_watch(kb: KnowledgeBase, topic: Topic) -> tuple[list[WatchItem], list[Line]]:
    """(open issues — those on which at least two parties have stated a view —, the planned
    happenings and conditions that belong to none of them)."""
    pending = issues_to_watch_dates(kb)
    placed: set[int] = set()
    items = []
    for issue_id in contested_issues(kb, topic):
        issue = next((i for i in topic.issues if i.id == issue_id), None)
        if issue is None:
            continue
        views = tuple((p.name, cell) for p in topic.parties
                      if (cell := position_cell(kb, issue_id, p.id)))
        planned = []
        shown = {c for _, view in views for c in view.citations}
        for n, line in enumerate(pending):
            if shown & set(line.citations):
                placed.add(n)
            elif n not in placed and any(c.casefold() in line.text.casefold() for c in issue.cues):
                planned.append(line)
                placed.add(n)
        items.append(WatchItem(issue.name, views, tuple(planned)))
    return items, [line for n, line in enumerate(pending) if n not in placed]


# --- positions -----------------------------------------------------------------------------

@functools.lru_cache(maxsize=1 << 14)
def _tokens(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.casefold()))


# How many statements each is weighed against: every pair of a thousand-article briefing's
# statements on one issue was a tenth of a million comparisons per cell.
REPRESENTATIVE_PEERS = 50


def representative(statements: list[Statement]) -> Statement | None:
    """The statement that shares most with the others on the same issue and side (its support),
    a whole quotation preferred; recency plays no part. Past REPRESENTATIVE_PEERS statements,
    support is measured against that many of them, the best attested (most sources)."""
    return _representative(tuple(statements))


# The matrix, the issues to watch and the speakers' lists ask for the same cells.
@functools.lru_cache(maxsize=256)
def _representative(statements: tuple[Statement, ...]) -> Statement | None:
    usable = [s for s in statements if is_balanced(s.text)] or statements
    if not usable:
        return None
    tokens = {s.id: _tokens(s.text) for s in usable}
    peers = usable if len(usable) <= REPRESENTATIVE_PEERS else sorted(
        usable, key=lambda s: (-len({c.source for c in s.citations}), s.id)
    )[:REPRESENTATIVE_PEERS]
    peer_tokens = [(o.id, tokens[o.id], len(tokens[o.id])) for o in peers]

    def support(s: Statement) -> tuple[float, bool, str]:
        mine = tokens[s.id]
        shared = 0.0
        for other_id, theirs, size in peer_tokens:
            if other_id != s.id:
                common = len(mine & theirs)  # Jaccard: common / (union = sum - common)
                shared += common / ((len(mine) + size - common) or 1)
        return (shared + len({c.source for c in s.citations}), bool(s.quote), s.id)
    return max(usable, key=support)


def position_cell(kb: KnowledgeBase, issue: str, side: str) -> Line | None:
    said = [s for s in kb.statements if s.issue == issue and s.side == side]
    chosen = representative(said)
    if chosen is None:
        return None
    return Line(from_speaker(trim_attribution(chosen.text), chosen.speaker_text),
                chosen.citations)


@_last_answer
def position_matrix(kb: KnowledgeBase, topic: Topic) -> list[tuple[str, list[Line | None]]]:
    """(issue name, one cell a party); issues no party speaks to are left out."""
    rows = []
    for issue in topic.issues:
        cells = [position_cell(kb, issue.id, p.id) for p in topic.parties]
        if any(cells):
            rows.append((issue.name, cells))
    return rows


def statements_by_coverage(statements: list[Statement], limit: int) -> list[Statement]:
    """A speaker's statements to show: one per issue first (most supported), then the rest by
    support — so the page covers what they spoke about, not only their latest remarks."""
    by_issue: dict[str | None, list[Statement]] = {}
    for st in statements:
        by_issue.setdefault(st.issue, []).append(st)
    first = [representative(group) for issue, group in sorted(
        by_issue.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))]
    shown = [s for s in first if s is not None]
    rest = sorted((s for s in statements if s not in shown),
                  key=lambda s: (-len({c.source for c in s.citations}), not s.quote, s.id))
    chosen = (shown + rest)[:limit]
    return sorted(chosen, key=lambda s: (s.date or "", s.id))


def independent_voices(kb: KnowledgeBase, topic: Topic) -> list[Statement]:
    """Statements by speakers of no party and no third party: analysts, experts, observers."""
    known = {p.id for p in topic.parties} | {m.id for m in topic.mediators}
    gazetteer = build_gazetteer(topic)
    return [s for s in kb.statements if s.side not in known
            and not is_joint(s.speaker_text, gazetteer)]


# --- third parties -------------------------------------------------------------------------

def _names_of(mediator_id: str, topic: Topic) -> list[str]:
    side = next((m for m in topic.mediators if m.id == mediator_id), None)
    names = [side.name, *side.words] if side else []
    for a in topic.actors:
        if a.side == mediator_id:
            names += [a.name, *a.aliases]
    return [n for n in names if n]


def names_actor(text: str, names: list[str]) -> bool:
    folded = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(n.casefold())}(?!\w)", folded) for n in names)


def _present_mediator(m: Mediator, topic: Topic, mend) -> Mediator:
    """Keep only items whose sentence names the third party or one of its people."""
    names = _names_of(m.id, topic)
    activities = tuple(replace(a, text=mend(a.text, a.citations)) for a in m.activities
                       if names_actor(a.text, names))
    regard = tuple(replace(r, text=mend(r.text, r.citations)) for r in m.regard
                   if names_actor(r.text, names))
    return replace(m, activities=activities, regard=regard)


# --- figures -------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
FIGURE_WINDOW_WORDS = 4


def _measure_words(text: str, number: int) -> set[str]:
    """The words right after a number: what it counts ('people … fled', 'ethnic Northlanders')."""
    words: set[str] = set()
    for match in _NUMBER.finditer(text):
        try:
            value = int(match.group(0).replace(",", "").split(".")[0])
        except ValueError:
            continue
        if value == number:
            after = text[match.end():].split()[:FIGURE_WINDOW_WORDS]
            words |= {w for w in _WORD.findall(" ".join(after).casefold())}
    return words


def differing_pairs(d: Discrepancy) -> list[tuple[FigureValue, FigureValue]]:
    """Pairs of values from different sources that give different numbers for the same
    measure: no number in common, and the words after the numbers agree on what is counted."""
    pairs = []
    for i, a in enumerate(d.values):
        for b in d.values[i + 1:]:
            if a.citations[0].source == b.citations[0].source:
                continue
            if set(a.numbers) & set(b.numbers):
                continue  # one source restates the other's figure: they measure alike
            for x in a.numbers:
                for y in b.numbers:
                    if x != y and _measure_words(a.text, x) & _measure_words(b.text, y):
                        pairs.append((a, b))
                        break
                else:
                    continue
                break
    return pairs


def like_for_like(d: Discrepancy) -> Discrepancy:
    return replace(d, differs=bool(differing_pairs(d)))


# --- who's who -----------------------------------------------------------------------------

def surname(actor: Actor) -> str:
    return actor.name.split()[-1].casefold() if actor.kind == "person" else actor.name.casefold()


def whos_who(kb: KnowledgeBase, topic: Topic) -> list[tuple[str, list[Actor], list[Actor]]]:
    """(side name, people by surname, organisations by name), parties first, then third
    parties, then everyone else; empty groups left out."""
    order = [s.id for s in topic.parties] + [m.id for m in topic.mediators]
    groups: dict[str | None, list[Actor]] = {}
    for a in kb.actors:
        groups.setdefault(a.side if a.side in order else None, []).append(a)
    result = []
    for side in [*order, None]:
        members = groups.get(side, [])
        if not members:
            continue
        people = sorted((a for a in members if a.kind == "person"),
                        key=lambda a: (surname(a), a.name))
        organisations = sorted((a for a in members if a.kind != "person"),
                               key=lambda a: a.name.casefold())
        result.append((topic.side_name(side) if side else "Others", people, organisations))
    return result

