"""Prove the citations: every note resolves, every quotation is verbatim, every source is used."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from briefing_tools.escape import escape_myst, unescape_myst
from briefing_tools.model import Citation, KnowledgeBase, SourceReport
from briefing_tools.statements import quotes

FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$")
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
SOURCE_TARGET = re.compile(r"<src-([a-z0-9][a-z0-9._-]*)-p(\d+)>")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


@lru_cache(maxsize=4096)
def _normal_paragraph(text: str) -> str:
    """A paragraph is searched once per item citing it: normalise it once, not each time (a
    400 KB paragraph cited by thousands of items made the check quadratic)."""
    return _normal(text)


def _haystack(paragraphs: list[str | None]) -> str:
    return " ".join(_normal_paragraph(p) for p in paragraphs if p)


def paragraph_text(reports: Mapping[str, SourceReport], source: str, number: int) -> str | None:
    report = reports.get(source)
    if report is None or not 1 <= number <= len(report.article.paragraphs):
        return None
    return report.article.paragraphs[number - 1].text


def excerpt_problem(reports: Mapping[str, SourceReport], c: Citation) -> str | None:
    """Why a {source, paragraph, excerpt} citation does not hold, or None."""
    text = paragraph_text(reports, c.source, c.paragraph)
    if c.source not in reports:
        return f"cites unknown source '{c.source}'"
    if text is None:
        count = len(reports[c.source].article.paragraphs)
        return f"cites ¶{c.paragraph} of '{c.source}', which has {count} paragraphs"
    if _normal(c.excerpt) not in _normal_paragraph(text):
        return f"excerpt “{c.excerpt[:60]}” is not verbatim in {c.source} ¶{c.paragraph}"
    return None


def quotation_problems(text: str, citations: tuple[Citation, ...] | list[Citation],
                       reports: Mapping[str, SourceReport]) -> list[str]:
    """Quotations in an item's own text that stand in none of its cited paragraphs. Checked on
    the item, not its page line: a chronology row carries its footnotes on the next line."""
    haystack = _haystack([paragraph_text(reports, c.source, c.paragraph) for c in citations])
    problems = []
    for start, end in quotes(text, closed_only=True):
        for part in _ELLIPSIS.split(text[start:end]):
            part = _normal(part.strip(" ,.;:"))
            if len(part) >= 4 and part not in haystack:
                problems.append(f"quotation “{part[:60]}” is not verbatim in the cited "
                                "paragraph(s)")
    return problems


def check_pages(pages: Mapping[str, str], reports: Mapping[str, SourceReport]) -> tuple[
        list[str], set[str]]:
    """Problems as ``file:line: what is wrong``, and the sources cited anywhere."""
    problems: list[str] = []
    cited: set[str] = set()
    for path, text in sorted(pages.items()):
        lines = text.split("\n")
        definitions: dict[str, list[tuple[str, int]]] = {}
        for number, line in enumerate(lines, start=1):
            match = FOOTNOTE_DEFINITION.match(line)
            if not match:
                continue
            label, body = match.groups()
            targets = [(s, int(p)) for s, p in SOURCE_TARGET.findall(body)]
            if not targets:
                problems.append(f"{path}:{number}: footnote [^{label}] names no source paragraph "
                                "(write {ref}`¶N <src-SOURCE-pN>`, see docs/manual/editing.md)")
            for source, paragraph in targets:
                if source not in reports:
                    problems.append(f"{path}:{number}: footnote [^{label}] cites unknown source "
                                    f"'{source}'")
                elif paragraph_text(reports, source, paragraph) is None:
                    count = len(reports[source].article.paragraphs)
                    problems.append(f"{path}:{number}: footnote [^{label}] cites ¶{paragraph} of "
                                    f"'{source}', which has {count} paragraphs")
                else:
                    cited.add(source)
            definitions[label] = targets
        for number, line in enumerate(lines, start=1):
            if FOOTNOTE_DEFINITION.match(line):
                continue
            labels = FOOTNOTE_REFERENCE.findall(line)
            if not labels:
                continue
            for label in labels:
                if label not in definitions:
                    problems.append(f"{path}:{number}: footnote [^{label}] is used but not defined")
            paragraphs = [paragraph_text(reports, s, p) for label in labels
                          for s, p in definitions.get(label, [])]
            haystack = _haystack(paragraphs)
            if not haystack:
                continue
            plain = unescape_myst(FOOTNOTE_REFERENCE.sub(" ", line))
            for start, end in quotes(plain, closed_only=True):
                for part in _ELLIPSIS.split(plain[start:end]):
                    part = _normal(part.strip(" ,.;:"))
                    if len(part) >= 4 and part not in haystack:
                        problems.append(f"{path}:{number}: quotation “{part[:60]}” is not "
                                        "verbatim in the cited paragraph(s)")
    return problems, cited


def check_knowledge(kb: KnowledgeBase, reports: Mapping[str, SourceReport],
                    chronology_lines: Mapping[str, tuple[str, int]]) -> list[str]:
    """Problems in the knowledge base itself: excerpts and chronology dates."""
    problems = []
    published = {sid: r.source.published.isoformat() for sid, r in reports.items()}
    items = [*kb.events, *kb.statements, *kb.background, *kb.outlook]
    for item in items:
        where = chronology_lines.get(item.id, (f"knowledge base item {item.id}", 0))
        location = f"{where[0]}:{where[1]}" if where[1] else where[0]
        for c in item.citations:
            problem = excerpt_problem(reports, c)
            if problem:
                problems.append(f"{location}: {item.id} {problem}")
        problems += [f"{location}: {item.id} {problem}"
                     for problem in quotation_problems(item.text, item.citations, reports)]
    for event in kb.events:
        # One source may announce what a later one reports as done: the latest counts.
        sources = [published[c.source] for c in event.citations if c.source in published]
        if sources and not event.planned and event.date > max(sources)[: len(event.date)]:
            path, line = chronology_lines.get(event.id, ("chronology", 0))
            problems.append(f"{path}:{line}: {event.id} is dated {event.date}, after its sources "
                            f"were published ({max(sources)}), but is not marked planned")
    return problems


def locate_events(kb: KnowledgeBase, pages: Mapping[str, str]) -> dict[str, tuple[str, int]]:
    """Where each event's row stands in the chronology, for check messages."""
    rows: dict[str, tuple[str, int]] = {}
    for path, text in pages.items():
        if "/chronology" not in path:
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            if line.startswith("  - "):
                rows.setdefault(line[4:54], (path, number))
    located = {}
    for event in kb.events:
        where = rows.get(escape_myst(event.text)[:50])
        if where:
            located[event.id] = where
    return located


def check_briefing(kb: KnowledgeBase, pages: Mapping[str, str]) -> list[str]:
    """Every check over the pages (generated and hand-written) and the knowledge base."""
    reports = {r.source.id: r for r in kb.sources}
    problems, cited = check_pages(pages, reports)
    problems += check_knowledge(kb, reports, locate_events(kb, pages))
    for sid in sorted(set(reports) - cited):
        problems.append(f"{reports[sid].source.path}:1: source '{sid}' is never cited")
    return problems
