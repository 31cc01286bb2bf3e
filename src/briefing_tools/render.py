"""Render the knowledge base into MyST pages through Jinja templates (pure: KB in, text out)."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from briefing_tools import compose
from briefing_tools.config import Topic
from briefing_tools.dates import format_date
from briefing_tools.escape import escape_myst, finalize, safe_url
from briefing_tools.model import Citation, Event, KnowledgeBase, SourceReport, Statement
from briefing_tools.timeline import focus, key_events

GENERATED_DIR = "briefing"  # under docs/: owned by the build, never committed
# Past this many events the chronology gets one page per year (a year of daily news is long).
CHRONOLOGY_SPLIT_AT = 150
SOURCES_SPLIT_AT = 150
KEY_POINTS_MAX = 7
RECENT_DAYS = 60
RECENT_MIN = 4
# What a reader can take in on one page. The knowledge base and `export` keep everything; each
# capped list says so and names `briefing review` for the rest.
RECENT_MAX = 15
STATEMENTS_PER_SPEAKER = 3
MEDIATOR_ACTIVITIES_MAX = 6
MEDIATOR_REGARD_MAX = 5
BACKGROUND_MAX = 30
OUTLOOK_MAX = 12
WEIGHING_QUESTIONS_MAX = 3
# The handout fits two A4 pages: at most this many dates, of which the most recent first.
HANDOUT_DATES_MAX = 9
HANDOUT_RECENT_DATES = 4
HANDOUT_REFS_MAX = 2
VOICES_MAX = 6


def source_label(report: SourceReport) -> str:
    s = report.source
    published = format_date(s.published.isoformat(), "day")
    return f"{s.outlet or 'Outlet not given'}, “{s.title or 'untitled'}”, {published}"


# "Osservatorio … (OBCT), as republished by …" → "OBCT"; "AFP report, as …" → "AFP".
_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z0-9&.]{1,11})\)")
_SHORT_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
                 "Oct.", "Nov.", "Dec.")


def short_outlet(outlet: str | None) -> str:
    """The outlet as a note names it: the abbreviation it gives itself, else the words before
    the first comma, without a trailing "report"."""
    if not outlet or not outlet.strip():
        return "Outlet not given"
    head = outlet.split(",")[0].strip() or outlet.strip()
    abbreviation = _ABBREVIATION.search(head)
    if abbreviation:
        return abbreviation.group(1)
    words = head.split()
    if len(words) > 1 and words[-1].casefold() == "report":
        words = words[:-1]
    return " ".join(words)


def short_source_label(report: SourceReport) -> str:
    """What a note says: "OC Media, 6 Dec. 2024". The bibliography has the full reference."""
    published = report.source.published
    return (f"{short_outlet(report.source.outlet)}, {published.day} "
            f"{_SHORT_MONTHS[published.month - 1]} {published.year}")


def party_anchor(party_id: str) -> Markup:
    """The target of a party's tab on the positions page (ids come from the configuration,
    so they are reduced to letters, digits and hyphens before they become markup)."""
    return Markup("party-" + (re.sub(r"[^a-z0-9]+", "-", party_id.lower()).strip("-") or "x"))


def anchor(source_id: str, paragraph: int) -> Markup:
    # Source ids are validated by the loader ([a-z0-9._-]), so they are safe as markup.
    return Markup(f"src-{source_id}-p{paragraph}")


@dataclass
class Notes:
    """The footnotes of one page: one per cited paragraph, numbered in order of first use."""

    sources: dict[str, SourceReport]
    used: OrderedDict[str, Citation] = field(default_factory=OrderedDict)

    def cite(self, citations: tuple[Citation, ...] | list[Citation]) -> Markup:
        labels = []
        for c in citations:
            label = f"{c.source}-p{c.paragraph}"
            self.used.setdefault(label, c)
            if label not in labels:
                labels.append(label)
        # "¹,²" not "¹²", which reads as twelve in print.
        return Markup(",".join(f"[^{label}]" for label in labels))

    def definitions(self) -> Markup:
        lines = []
        for label, c in self.used.items():
            report = self.sources[c.source]
            lines.append(f"[^{label}]: {escape_myst(short_source_label(report))}, "
                         f"{{ref}}`¶{c.paragraph} <{anchor(c.source, c.paragraph)}>`")
        return Markup("\n\n".join(lines))


@dataclass
class InlineRefs:
    """Citations for the handout, which prints no source texts: "[2, ¶3]", with [2] in its
    list of sources. Sources are numbered in order of first use."""

    sources: dict[str, SourceReport]
    numbers: OrderedDict[str, int] = field(default_factory=OrderedDict)

    def cite(self, citations: tuple[Citation, ...] | list[Citation]) -> Markup:
        parts = []
        for c in citations[:HANDOUT_REFS_MAX]:
            number = self.numbers.setdefault(c.source, len(self.numbers) + 1)
            part = f"{number},\u00a0¶{c.paragraph}"  # never broken across lines
            if part not in parts:
                parts.append(part)
        return Markup(f" \\[{'; '.join(parts)}\\]") if parts else Markup("")

    def listed(self) -> list[tuple[int, SourceReport]]:
        return [(number, self.sources[sid]) for sid, number in self.numbers.items()]


def handout_context(kb: KnowledgeBase, topic: Topic,
                    points: list[tuple[str, str, tuple[Citation, ...]]]) -> dict[str, object]:
    """What the two-page handout shows beyond the front matter: key dates (not those the key
    points already tell), one line per party and mediator, and its own numbered citations."""
    refs = InlineRefs({r.source.id: r for r in kb.sources})
    told = {text for _, text, _ in points}
    candidates = [e for e in kb.events if e.precision != "year" and e.text not in told]
    cited_most = sorted(candidates, key=lambda e: (-len(e.citations), e.date, e.id))
    chosen = {e.id: e for e in recent_events(kb) if e.text not in told}
    chosen = dict(list(chosen.items())[:HANDOUT_RECENT_DATES])
    for event in cited_most:
        if len(chosen) >= HANDOUT_DATES_MAX:
            break
        chosen.setdefault(event.id, event)
    key_dates = sorted(chosen.values(), key=lambda e: (e.date, e.id))
    parties = []
    for party in topic.parties:
        said = [s for s in kb.statements if s.side == party.id]
        quoted = [s for s in said if s.quote] or said
        parties.append((party.name, len(said),
                        max(quoted, key=lambda s: (s.date or "", s.id)) if quoted else None))
    mediators = [(m.name, _latest_first(list(m.activities))[0] if m.activities else None)
                 for m in kb.mediators]
    return {"key_dates": key_dates, "parties": parties, "mediator_lines": mediators,
            "refs": refs}


def fmt_event_date(event: Event) -> str:
    return format_date(event.date, event.precision, event.qualifier)


def _sides_in_order(topic: Topic) -> list[str]:
    return [p.id for p in topic.parties]


def as_of(kb: KnowledgeBase) -> date:
    return max(r.source.published for r in kb.sources)


def key_points(kb: KnowledgeBase, topic: Topic) -> list[tuple[str, str, tuple[Citation, ...]]]:
    """(label, text, citations): what is new, why it matters, what to watch."""
    by_id = {**{e.id: ("Key point", e.text, e.citations) for e in kb.events},
             **{s.id: ("Key point", s.text, s.citations) for s in kb.statements},
             **{b.id: ("Key point", b.text, b.citations) for b in kb.background + kb.outlook}}
    if kb.key_points:
        return [by_id[i] for i in kb.key_points if i in by_id][:KEY_POINTS_MAX]
    points = []
    for line in compose.key_points(kb, topic):
        label = line.label
        if line.when:
            label = f"{label} ({format_date(line.when, line.precision)})"
        points.append((label, line.text, line.citations))
    return points[:KEY_POINTS_MAX]


def _latest_first(items: list) -> list:
    """Newest first, by the item's date or, failing that, its first citation's order."""
    return sorted(items, key=lambda i: (getattr(i, "date", None) or "", i.id), reverse=True)


def recent_events(kb: KnowledgeBase) -> list[Event]:
    latest = as_of(kb)
    since = (latest - timedelta(days=RECENT_DAYS)).isoformat()
    recent = [e for e in kb.events if e.date >= since[: len(e.date)] and e.precision != "year"]
    if len(recent) < RECENT_MIN:
        recent = [e for e in kb.events if e.precision != "year"][-RECENT_MIN:]
    return sorted(recent, key=lambda e: (e.date, e.id), reverse=True)[:RECENT_MAX]


def discussion_questions(kb: KnowledgeBase, topic: Topic, notes: Notes) -> list[Markup]:
    questions: list[Markup] = []
    for issue in topic.issues:
        by_side = {}
        for st in kb.statements:
            if (st.issue == issue.id and st.side in _sides_in_order(topic)
                    and st.side not in by_side):
                by_side[st.side] = st
        if len(by_side) >= 2:
            parts = [f"{escape_myst(topic.side_name(side))}{notes.cite(st.citations)}"
                     for side, st in by_side.items()]
            questions.append(Markup(
                f"**{escape_myst(issue.name)}.** Compare what {' and '.join(parts)} say. "
                "What does each side want, and what does each reject? Is there any common ground?"))
    for d in kb.discrepancies:
        if d.differs:
            cites = "".join(str(notes.cite(v.citations)) for v in d.values)
            questions.append(Markup(
                f"**{escape_myst(d.topic)}.** The sources give different figures{cites}. "
                "Why might they differ, and which would you quote?"))
    weighing = 0
    for report in sorted(kb.sources, key=lambda r: (r.source.published, r.source.id),
                         reverse=True):
        weak = [n for n in report.reliability if "anonymous" in n or "state" in n]
        if weak and weighing == WEIGHING_QUESTIONS_MAX:
            break
        if weak:
            first = next((s for s in kb.statements if s.citations[0].source == report.source.id),
                         None)
            cite = notes.cite(first.citations) if first else Markup("")
            questions.append(Markup(
                f"**Weighing a claim.** The {escape_myst(report.source.outlet or 'unnamed')} "
                f"report of {escape_myst(format_date(report.source.published.isoformat(), 'day'))}"
                f" {escape_myst(_joined_reliance(weak))}{cite}. "
                "How much weight can its claims bear? What would you look for to confirm them?"))
            weighing += 1
    return questions


def _joined_reliance(notes: list[str]) -> str:
    """'relies on anonymous sources and on state media', not '… and relies on …'."""
    parts = [n.lower().rstrip(".") for n in notes]
    rest = [p.removeprefix("relies on ") for p in parts[1:]]
    return " and on ".join([parts[0], *rest]) if rest else parts[0]


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("briefing_tools", "templates"), finalize=finalize,
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters["date"] = lambda value, precision="day", qualifier=None: format_date(
        value, precision, qualifier)
    env.filters["event_date"] = fmt_event_date
    env.filters["md"] = lambda value: Markup(escape_myst(value))
    env.filters["url"] = safe_url
    env.filters["roles"] = roles_label
    return env


def roles_label(roles: tuple[str, ...] | list[str]) -> str:
    """("guarantor", "host") → "guarantor and host"."""
    words = list(roles)
    return " and ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


def third_parties_title(kb: KnowledgeBase) -> str:
    """"Mediators" while every third party mediates; "Third parties" once some only host,
    observe, facilitate or guarantee."""
    return "Mediators" if all(m.roles == ("mediator",) for m in kb.mediators) else "Third parties"


def _speaker_key(statement: Statement) -> str:
    """One heading per speaker however the sources spell it: "Northland's defense ministry"
    and "Northland’s Defense Ministry" are one ministry."""
    if statement.speaker:
        return statement.speaker
    text = statement.speaker_text.casefold().replace("’", "'")
    return " ".join(text.removeprefix("the ").split())


def render_pages(kb: KnowledgeBase, topic: Topic, timeline_name: str | None = None,
                 timeline_note: str = "") -> dict[str, str]:
    """Every generated page as {path under docs/briefing/: MyST text}."""
    env = _environment()
    kb = compose.readable(kb, topic)
    sources = {r.source.id: r for r in kb.sources}
    pages: dict[str, str] = {}
    side_ids = _sides_in_order(topic)

    latest = as_of(kb)

    def render(template: str, path: str, **context: object) -> None:
        notes = Notes(sources)
        text = env.get_template(template).render(
            kb=kb, topic=topic, notes=notes, timeline_note=timeline_note, cite=notes.cite,
            sources=sources, as_of=latest, source_label=source_label, anchor=anchor,
            third_parties_title=third_parties_title(kb), party_anchor=party_anchor,
            **context)
        text = text.replace("@@FOOTNOTES@@", str(notes.definitions()))
        pages[path] = re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"

    statements_by_side: dict[str, list[Statement]] = {s: [] for s in side_ids}
    for st in kb.statements:
        if st.side in statements_by_side:
            statements_by_side[st.side].append(st)
    speakers_by_side: dict[str, OrderedDict[str, tuple[list[Statement], int]]] = {}
    for side, sts in statements_by_side.items():
        by_speaker: OrderedDict[str, list[Statement]] = OrderedDict()
        for st in sts:
            by_speaker.setdefault(_speaker_key(st), []).append(st)
        speakers_by_side[side] = OrderedDict(
            (speaker, (compose.statements_by_coverage(said, STATEMENTS_PER_SPEAKER), len(said)))
            for speaker, said in by_speaker.items())
    mediators = [
        (m, _latest_first(list(m.activities))[:MEDIATOR_ACTIVITIES_MAX],
         _latest_first(list(m.regard))[:MEDIATOR_REGARD_MAX]) for m in kb.mediators]
    background = sorted(kb.background, key=lambda b: (-len(b.citations), b.year or 9999,
                                                       b.id))[:BACKGROUND_MAX]
    background.sort(key=lambda b: (b.year or 9999, b.citations[0].source,
                                   b.citations[0].paragraph))
    # A source pasted without its outlet is counted as such, not as an outlet called "unknown".
    outlets = sorted({r.source.outlet for r in kb.sources if r.source.outlet})
    unnamed = sum(1 for r in kb.sources if not r.source.outlet)
    speaker_counts = {side: len({_speaker_key(s) for s in sts})
                      for side, sts in statements_by_side.items()}
    dates = sorted(r.source.published for r in kb.sources)

    # Composed once, shown on screen, in print and in the handout.
    points = key_points(kb, topic)
    summary = compose.summary(kb, topic)
    for path, for_print in (("_at-a-glance.md", False), ("at-a-glance.md", True)):
        render("at_a_glance.md.j2", path, points=points, outlets=outlets,
               unnamed=unnamed,
               summary=summary,
               first=dates[0], last=dates[-1], statements_by_side=statements_by_side,
               speaker_counts=speaker_counts, for_print=for_print)
    render("recent.md.j2", "recent.md", events=recent_events(kb))
    render("background.md.j2", "background.md", background=background)
    years = sorted({e.date[:4] for e in kb.events})
    timeline_keys = key_events(focus(kb.events)[0]) if timeline_name else []
    split = len(kb.events) > CHRONOLOGY_SPLIT_AT
    if split:
        render("chronology_index.md.j2", "chronology.md", years=years, timeline=timeline_name,
               keys=timeline_keys,
               counts={y: sum(1 for e in kb.events if e.date[:4] == y) for y in years})
        for year in years:
            in_year = [e for e in kb.events if e.date[:4] == year]
            if len(in_year) <= CHRONOLOGY_SPLIT_AT:
                render("chronology.md.j2", f"chronology/{year}.md", title=f"Chronology: {year}",
                       events=in_year, timeline=None, months=[], keys=[])
                continue
            # A busy year: one page per month; events dated only to the year stay on its page.
            months = sorted({e.date[:7] for e in in_year if len(e.date) >= 7})
            render("chronology.md.j2", f"chronology/{year}.md", title=f"Chronology: {year}",
                   events=[e for e in in_year if len(e.date) == 4], timeline=None, keys=[],
                   months=[(m, format_date(m, "month"),
                            sum(1 for e in in_year if e.date[:7] == m)) for m in months])
            for month in months:
                render("chronology.md.j2", f"chronology/{month}.md",
                       title=f"Chronology: {format_date(month, 'month')}",
                       events=[e for e in in_year if e.date[:7] == month], timeline=None,
                       months=[], keys=[])
    else:
        render("chronology.md.j2", "chronology.md", title="Chronology", events=kb.events,
               timeline=timeline_name, months=[], keys=timeline_keys)
    render("positions.md.j2", "positions.md", speakers_by_side=speakers_by_side,
           side_ids=side_ids, rows=compose.position_matrix(kb, topic),
           voices=compose.statements_by_coverage(compose.independent_voices(kb, topic),
                                                 VOICES_MAX))
    render("mediators.md.j2", "mediators.md", mediators=mediators)
    open_issues, also_planned = compose.issues_to_watch(kb, topic)
    render("outlook.md.j2", "outlook.md", open_issues=open_issues,
           also_planned=also_planned[:OUTLOOK_MAX])
    render("whos_who.md.j2", "whos-who.md", groups=compose.whos_who(kb, topic))
    lowered = {r.source.id: r.article.text.casefold() for r in kb.sources}
    glossary = []
    for term in topic.glossary:
        for sid, text in lowered.items():
            hit = next((t for t in (term.term, *term.aliases) if t.casefold() in text), None)
            if hit:
                report = sources[sid]
                para = next(p for p in report.article.paragraphs if hit.casefold()
                            in p.text.casefold())
                glossary.append((term, Citation(sid, para.number, hit)))
                break
    render("glossary.md.j2", "glossary.md", glossary=glossary)
    render("classroom.md.j2", "classroom.md", questions_for=discussion_questions)
    if len(kb.sources) > SOURCES_SPLIT_AT:
        # A bibliography of a thousand entries is split by year, like the chronology: adding
        # an article then rewrites one year's list, not all of them.
        by_year: dict[int, list[SourceReport]] = {}
        for report in kb.sources:
            by_year.setdefault(report.source.published.year, []).append(report)
        render("sources_index.md.j2", "sources/index.md", title="Sources", reports=[],
               years=[(year, len(reports)) for year, reports in sorted(by_year.items())],
               for_print=False)
        for year, reports in sorted(by_year.items()):
            render("sources_index.md.j2", f"sources/{year}.md", title=f"Sources: {year}",
                   reports=reports, years=[], for_print=False)
    else:
        render("sources_index.md.j2", "sources/index.md", title="Sources", reports=kb.sources,
               years=[], for_print=False)
    # In print the source texts are appendices: the bibliography lists them, nests nothing.
    render("sources_index.md.j2", "bibliography.md", title="Sources", reports=kb.sources,
           years=[], for_print=True)
    for report in kb.sources:
        render("source.md.j2", f"sources/{report.source.id}.md", report=report)
    render("method.md.j2", "method.md", split=split)
    render("toc.md.j2", "_toc.md", for_print=False)
    front = {"points": points, "outlets": outlets, "unnamed": unnamed, "first": dates[0],
             "last": dates[-1],
             "short_outlets": sorted({short_outlet(r.source.outlet) for r in kb.sources
                                      if r.source.outlet}),
             "weak_sources": sum(1 for r in kb.sources if any(
                 "anonymous" in n or "state" in n for n in r.reliability))}
    render("toc.md.j2", "_print-toc.md", for_print=True, **front)
    render("handout.md.j2", "_handout.md", **front, **handout_context(kb, topic, points))
    return pages
