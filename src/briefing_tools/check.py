"""Prove the citations: every note resolves, every quotation is verbatim, every source is used."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from briefing_tools.config import Topic
from briefing_tools.escape import escape_myst, unescape_myst
from briefing_tools.model import Citation, KnowledgeBase, SourceReport
from briefing_tools.segment import split_sentences
from briefing_tools.statements import quotes
from briefing_tools.yamlnodes import suggest

FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$")
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
SOURCE_TARGET = re.compile(r"<src-([a-z0-9][a-z0-9._-]*)-p(\d+)>")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
# A run of footnote references ("[^a],[^b]"): where one excerpt of a joined line ends.
_REFERENCE_RUN = re.compile(r"(?:\[\^[^\]\s]+\](?!:),?)+")


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


# What the tool may do to a source sentence it shows, marked: add words in square brackets
# ("[5 December 2024]", "he [Roe]"), leave words out ("[…]", or an ellipsis). Quotation
# marks and spacing it may add or close freely; everything else must stand as the source has it.
_MARKS = re.compile(r"\[[^\[\]]*\]|…|\.\.\.")
_OMISSION_MARKS = frozenset(["[…]", "[...]", "…", "..."])
_SQUEEZE = re.compile(r"[\s“”‘’\"'«»]+")
# How many places a shown text's first words may occur in its paragraph before we give up.
VERBATIM_STARTS_MAX = 200


def _squeeze(text: str) -> str:
    return _SQUEEZE.sub("", text).casefold()


@lru_cache(maxsize=4096)
def _squeezed_sentences(text: str) -> tuple[str, frozenset[int], frozenset[int]]:
    """A paragraph squeezed, with where its sentences start and end in the squeezed text
    (squeezed piece by piece: a 400 KB paragraph of thousands of sentences stays linear)."""
    starts, ends, at, done = {0}, set(), 0, 0
    for start, end in split_sentences(text):
        at += len(_squeeze(text[done:start]))
        starts.add(at)
        at += len(_squeeze(text[start:end]))
        ends.add(at)
        done = end
    squeezed = _squeeze(text)
    return squeezed, frozenset(starts), frozenset(ends | {len(squeezed)})


def _pieces(text: str) -> list[tuple[str, str]]:
    """The text as ("word", …) runs of source text, ("insert", …) and ("gap", "")."""
    pieces: list[tuple[str, str]] = []
    at = 0
    for mark in _MARKS.finditer(text):
        pieces.append(("word", _squeeze(text[at:mark.start()])))
        if mark.group(0) in _OMISSION_MARKS:
            pieces.append(("gap", ""))
        else:
            pieces.append(("insert", _squeeze(mark.group(0))))
        at = mark.end()
    pieces.append(("word", _squeeze(text[at:])))
    return [(kind, value) for kind, value in pieces if value or kind == "gap"]


def _follows(pieces: list[tuple[str, str]], haystack: str, at: int) -> int:
    """Where the pieces end if they stand in the haystack from ``at`` on (a gap skipping any
    text, an insertion nothing — or itself, where the source has the same brackets), else -1."""
    gap = False
    for kind, value in pieces:
        if kind == "gap":
            gap = True
        elif kind == "insert":
            if haystack.startswith(value, at):
                at += len(value)
        elif gap:
            found = haystack.find(value, at)
            if found < 0:
                return -1
            at, gap = found + len(value), False
        elif haystack.startswith(value, at):
            at += len(value)
        else:
            return -1
    return at


def verbatim_problem(text: str, citations: tuple[Citation, ...] | list[Citation],
                     reports: Mapping[str, SourceReport], also: tuple[str, ...] = ()) -> str | None:
    """Why a text shown as its cited sentence(s) is not: outside the marked changes —
    insertions in square brackets, omissions as […] — it must run from a sentence's start to a
    sentence's end of a cited paragraph (or of ``also``: an editor's own wording it was made
    from), every word as the source has it."""
    haystacks = [_squeezed_sentences(p) for c in citations
                 if (p := paragraph_text(reports, c.source, c.paragraph))]
    haystacks += [(t, frozenset([0]), frozenset([len(t)])) for t in map(_squeeze, also)]
    haystacks += [_squeezed_sentences(run) for run in _paragraph_runs(citations, reports)]
    pieces = _pieces(text)
    if not any(kind == "word" for kind, _ in pieces) or not haystacks:
        return None
    # Marks added at an end ("…needed,...[”]") leave that end as open as the source has it.
    core = [kind for kind, _ in pieces if kind != "insert"]
    open_start, open_end = core[0] == "gap", core[-1] == "gap"
    lead = next(i for i, (kind, _) in enumerate(pieces) if kind == "word")
    first, rest = pieces[lead][1], pieces[lead:]
    for haystack, starts, ends in haystacks:
        at = haystack.find(first)
        for _ in range(VERBATIM_STARTS_MAX):
            if at < 0:
                break
            end = _follows(rest, haystack, at)
            if end >= 0 and (open_start or at in starts) and (open_end or end in ends):
                return None
            at = haystack.find(first, at + 1)
    return (f"“{text[:60]}” is not its cited sentence: a word was changed, added or left out "
            "without a mark ([inserted words], […] for left-out ones)")


def _paragraph_runs(citations: tuple[Citation, ...] | list[Citation],
                    reports: Mapping[str, SourceReport]) -> list[str]:
    """Consecutive cited paragraphs of one source, joined: a quotation printed over several
    paragraphs is shown as one text."""
    if len(citations) < 2:
        return []
    runs: list[str] = []
    by_source: dict[str, set[int]] = {}
    for c in citations:
        by_source.setdefault(c.source, set()).add(c.paragraph)
    for source, numbers in by_source.items():
        run: list[int] = []
        for n in [*sorted(numbers), -1]:
            if run and n == run[-1] + 1:
                run.append(n)
                continue
            if len(run) > 1:
                texts = [paragraph_text(reports, source, m) for m in run]
                runs.append("\n\n".join(t for t in texts if t))
            run = [n]
    return runs


def _quoted_parts(quotation: str) -> list[str]:
    """The stretches of a quotation that must stand in the source: what lies between the
    marked changes (… or […] for words left out, [brackets] for words or marks added)."""
    # A mark added at the quotation's end ("…Ethiopia.[”]") leaves its bracket inside.
    return [_normal(part.strip(" ,.;:[]")) for piece in _ELLIPSIS.split(quotation)
            for part in _INSERTION.split(piece)]


_INSERTION = re.compile(r"\[[^\[\]]*\]")


def quotation_problems(text: str, citations: tuple[Citation, ...] | list[Citation],
                       reports: Mapping[str, SourceReport]) -> list[str]:
    """Quotations in an item's own text that stand in none of its cited paragraphs. Checked on
    the item, not its page line: a chronology row carries its footnotes on the next line."""
    haystack = _haystack([paragraph_text(reports, c.source, c.paragraph) for c in citations])
    problems = []
    for start, end in quotes(text, closed_only=True):
        for part in _quoted_parts(text[start:end]):
            if len(part) >= 4 and part not in haystack:
                problems.append(f"quotation “{part[:60]}” is not verbatim in the cited "
                                "paragraph(s)")
    return problems


def check_pages(pages: Mapping[str, str], reports: Mapping[str, SourceReport],
                editors_words: tuple[str, ...] = ()) -> tuple[list[str], set[str]]:
    """Problems as ``file:line: what is wrong``, and the sources cited anywhere.

    ``editors_words``: the configuration's own texts (glossary definitions …): a quotation
    they hold is the editors', not a source's, even on a line that cites a source."""
    own = " ".join(_normal(t) for t in editors_words)
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
                    problems.append(f"{path}:{number}: "
                                    + unknown_source_message(label, source, reports))
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
            for plain in excerpts_of(line):
                for start, end in quotes(plain, closed_only=True):
                    for part in _quoted_parts(plain[start:end]):
                        if len(part) >= 4 and part not in haystack and part not in own:
                            problems.append(f"{path}:{number}: quotation “{part[:60]}” is not "
                                            "verbatim in the cited paragraph(s)")
    return problems, cited


def excerpts_of(line: str) -> list[str]:
    """The line cut after each group of footnote references, as plain text: a joined line
    ("Sources differ: A[^a] B[^b]") holds one excerpt per source, and a quotation mark left
    open in one excerpt must not pair with a mark in the next."""
    pieces, start = [], 0
    for run in _REFERENCE_RUN.finditer(line):
        pieces.append(line[start:run.start()])
        start = run.end()
    pieces.append(line[start:])
    return [unescape_myst(piece) for piece in pieces if piece.strip()]


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


def check_verbatim(kb: KnowledgeBase, topic: Topic,
                   reports: Mapping[str, SourceReport]) -> list[str]:
    """Every source sentence the pages show — items as the pages show them, the summary, key
    points, matrix cells and issues to watch — stands as its source has it, but for marked
    changes. An editor's own wording (reworded or added items) is theirs to write."""
    from briefing_tools import compose

    edited = set(kb.edited)
    shown = compose.readable(kb, topic)
    editors_words: dict[Citation, list[str]] = {}
    for _, items in _item_lists(shown):
        for item in items:
            if item.id in edited:
                for c in item.citations:
                    editors_words.setdefault(c, []).append(item.text)
    problems = []
    checked: set[tuple[str, tuple[Citation, ...]]] = set()

    def verify(where: str, text: str, citations: tuple[Citation, ...]) -> None:
        if (text, citations) in checked:
            return
        checked.add((text, citations))
        also = tuple(t for c in citations for t in editors_words.get(c, ()))
        problem = verbatim_problem(text, citations, reports, also)
        if problem:
            problems.append(f"{where}: {problem}")

    for name, items in _item_lists(shown):
        for item in items:
            if item.id not in edited:
                verify(f"{name} {item.id}", item.text, item.citations)
    for m in shown.mediators:
        for x in (*m.activities, *m.regard):
            verify(f"third parties: {m.name}", x.text, x.citations)
    for d in shown.discrepancies:
        for v in d.values:
            verify(f"figures: {d.topic}", v.text, v.citations)
    for where, line in compose.shown_lines(shown, topic):
        verify(where, line.text, line.citations)
    return problems


def _item_lists(kb: KnowledgeBase) -> list[tuple[str, list]]:
    return [("events", kb.events), ("statements", kb.statements),
            ("background", kb.background), ("outlook", kb.outlook)]


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


def unknown_source_message(label: str, source: str, reports: Mapping[str, SourceReport]) -> str:
    """A footnote naming a source that is not in sources/ — typically a page copied from
    another briefing: name the source and say how to fix it."""
    guess = suggest(source, sorted(reports))
    fix = (f"did you mean '{guess}'? Otherwise add" if guess else "add")
    return (f"footnote [^{label}] cites source '{source}', which is not in sources/ — "
            f"{fix} the article as sources/{source}.md (`briefing add`), or change or remove "
            "the footnote (a source's id is its file name without .md)")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What `check` found: problems stop the build; warnings are reported (fatal only with
    --strict)."""

    problems: tuple[str, ...]
    warnings: tuple[str, ...] = ()

    def failures(self, strict: bool) -> list[str]:
        return [*self.problems, *(self.warnings if strict else ())]


def check_briefing(kb: KnowledgeBase, pages: Mapping[str, str],
                   topic: Topic | None = None) -> Verdict:
    """Every check over the pages (generated and hand-written) and the knowledge base; with
    the topic, also every source sentence the pages compose (`check_verbatim`)."""
    reports = {r.source.id: r for r in kb.sources}
    editors_words = tuple(t.definition for t in topic.glossary) if topic is not None else ()
    problems, cited = check_pages(pages, reports, editors_words)
    problems += check_knowledge(kb, reports, locate_events(kb, pages))
    if topic is not None:
        problems += check_verbatim(kb, topic, reports)
    # In a large collection many articles add nothing the pages quote (a wire story repeated by
    # ten outlets): worth knowing, not worth refusing the build for.
    warnings = [f"{reports[sid].source.path}:1: source '{sid}' is never cited (nothing in it "
                "reached a page; cite it in a hand-written page if it matters, or remove it)"
                for sid in sorted(set(reports) - cited)]
    return Verdict(tuple(problems), tuple(warnings))
