"""The composed briefing, read as a reader would: on small fixtures for each rule, then on the
seed project and every corpus topic (pages generated with the library, read as text)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from briefing_tools import compose
from briefing_tools.config import load_topic
from briefing_tools.model import Citation, Discrepancy, FigureValue
from briefing_tools.pipeline import Options, knowledge_base
from briefing_tools.render import render_pages

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = [ROOT] + sorted(p for p in (ROOT / "tests" / "corpus").iterdir()
                           if (p / "briefing.yaml").exists())
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:")
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]]+)\]")


def cite(source: str = "a", paragraph: int = 1, excerpt: str = "x") -> Citation:
    return Citation(source, paragraph, excerpt)


# --- the rules, one by one -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "“We want peace,” Aliyev said.",
    "He said: ‘The talks go on.’",
    "Blinken’s proposal was rejected.",
    "The rights of Azerbaijanis’ communities.",
    "“We have the tools to get it done as soon as possible,“ Leyen said.",
    'He said "no" twice.',
])
def test_whole_quotations_are_balanced(text):
    assert compose.is_balanced(text)


@pytest.mark.parametrize("text", [
    "The negotiations continue,’ Hovhannisyan said.",
    "‘Armenia has to embark on negotiations.",
    "“We want peace, he said.",
    "“We have the tools,“ Leyen said. “More",
])
def test_cut_quotations_are_not(text):
    assert not compose.is_balanced(text)


def test_a_quotation_cut_at_a_sentence_end_is_completed_from_the_cited_paragraph(extractions):
    class Report:  # the two fields whole_quotation reads
        def __init__(self, text):
            from briefing_tools.model import Paragraph

            class Article:
                paragraphs = (Paragraph(1, text, 0, len(text)),)
            self.article = Article()

    paragraph = ("‘But this is no deadlock. No, not at all. The negotiations continue,’ "
                 "Hovhannisyan said. Others disagreed.")
    cut = "The negotiations continue,’ Hovhannisyan said."
    whole = compose.whole_quotation(cut, cite(excerpt=cut), {"a": Report(paragraph)})
    assert whole == ("‘But this is no deadlock. No, not at all. The negotiations continue,’ "
                     "Hovhannisyan said.")
    assert compose.is_balanced(whole)


@pytest.mark.parametrize(("text", "trimmed"), [
    ("“We want peace,” Aliyev said.", "“We want peace,” […]"),
    ("‘The negotiations continue,’ Hovhannisyan said.", "‘The negotiations continue,’ […]"),
    ("“Is this peace?” the Foreign Minister told reporters.", "“Is this peace?” […]"),
    ("“Not possible,” the Azerbaijani ministry said in a statement.", "“Not possible,” […]"),
    ("“We will not deviate,” said Arayik Harutyunyan, the president.",
     "“We will not deviate,” […]"),
    ("Aliyev said Armenia must change its constitution.",
     "Aliyev said Armenia must change its constitution."),
])
def test_attribution_tails_are_trimmed_from_quotations_only(text, trimmed):
    assert compose.trim_attribution(text) == trimmed


@pytest.mark.parametrize(("text", "trimmed"), [
    ("However, recently, Azerbaijani officials spoke.", "[…] Azerbaijani officials spoke."),
    ("Against this backdrop, many are sceptical.", "[…] many are sceptical."),
    ("Also on 5 December 2024, the minister spoke.", "[…] on 5 December 2024, the minister spoke."),
    ("Talks resumed in May.", "Talks resumed in May."),
])
def test_leading_connectives_are_dropped_and_the_omission_marked(text, trimmed):
    assert compose.trim_opening(text) == trimmed


def test_a_statement_opening_on_something_unseen_is_shown_from_its_speaker():
    text = ("This was in response to Prime Minister Nikol Pashinyan, who was quoted as saying "
            "Armenia wanted guarantees.")
    assert compose.from_speaker(text, "Nikol Pashinyan") == (
        "[…] Prime Minister Nikol Pashinyan, who was quoted as saying Armenia wanted guarantees.")
    assert compose.from_speaker("Pashinyan said so.", "Pashinyan") == "Pashinyan said so."


def test_check_catches_a_change_to_a_source_sentence_unless_it_is_marked():
    from briefing_tools.check import verbatim_problem
    from briefing_tools.model import Paragraph

    class Report:
        class Article:
            paragraphs = (Paragraph(1, "Talks stalled. Also on Thursday, the minister said "
                                       "the treaty “could be signed promptly,” Reuters reported. "
                                       "Others disagreed.", 0, 0),)
        article = Article()

    reports = {"a": Report()}
    sentence = "Also on Thursday, the minister said the treaty “could be signed promptly,” "
    for marked in (sentence + "Reuters reported.",
                   "[…] on Thursday [5 December 2024], the minister said the treaty “could be "
                   "signed promptly,” […]",
                   "Also on Thursday, the minister [Mirzoyan] said the treaty “could be signed "
                   "promptly,” Reuters reported."):
        assert verbatim_problem(marked, (cite(),), reports) is None, marked
    for unmarked in ("On Thursday, the minister said the treaty “could be signed promptly,” "
                     "Reuters reported.",  # a word left out at the start
                     "Also on Thursday, the minister said the treaty “could be signed "
                     "promptly.”",  # the attribution left out at the end
                     "Also on Thursday 5 December 2024, the minister said the treaty “could be "
                     "signed promptly,” Reuters reported.",  # a date added without brackets
                     "Also on Thursday, the minister said the treaty “could be signed soon,” "
                     "Reuters reported.",  # a word changed
                     "Also on Thursday, the minister said the treaty “could be signed,” "
                     "Reuters reported."):  # a word left out inside the quotation
        assert verbatim_problem(unmarked, (cite(),), reports), unmarked


def test_check_takes_a_quotation_shown_over_two_consecutive_paragraphs():
    from briefing_tools.check import verbatim_problem
    from briefing_tools.model import Citation, Paragraph

    class Report:
        class Article:
            paragraphs = (Paragraph(1, "“We need the council. Then we will talk.", 0, 0),
                          Paragraph(2, "“So I would not speculate,” she said.", 0, 0),
                          Paragraph(3, "Others disagreed.", 0, 0))
        article = Article()

    reports = {"a": Report()}
    shown = "“We need the council. Then we will talk.[”] “So I would not speculate,” she said."
    both = (Citation("a", 1, "x"), Citation("a", 2, "x"))
    assert verbatim_problem(shown, both, reports) is None
    # Only paragraphs cited side by side are read as one: not 1 and 3, not 1 alone.
    assert verbatim_problem(shown, (Citation("a", 1, "x"), Citation("a", 3, "x")), reports)
    assert verbatim_problem(shown, (Citation("a", 1, "x"),), reports)


def test_a_sentence_leaning_on_an_unseen_antecedent_does_not_stand_alone():
    assert not compose.stands_alone("The accord was viewed as a defeat.")
    assert not compose.stands_alone("However, this was rejected.")
    assert compose.stands_alone("The two leaders met in Brussels.")


def test_a_population_and_the_number_who_fled_are_not_a_discrepancy():
    population = FigureValue("Guarantees for some 120,000 ethnic Armenians living there.",
                             (120000,), (cite("a"),))
    fled = FigureValue("More than 100,000 people out of the 120,000 recorded have fled.",
                       (100000, 120000), (cite("b"),))
    assert not compose.like_for_like(Discrepancy("Population", (population, fled), True)).differs


def test_two_sources_counting_the_same_thing_differently_are():
    one = FigureValue("The war killed 6,500 people.", (6500,), (cite("a"),))
    other = FigureValue("The war killed 7,000 people.", (7000,), (cite("b"),))
    assert compose.like_for_like(Discrepancy("Deaths", (one, other), False)).differs


def test_salience_counts_sources_relevance_and_recency(topic):
    span = (date(2020, 1, 1), date(2024, 1, 1))
    one = compose.salience("Armenia and Azerbaijan met.", (cite("a"),), (), "2020-01-01",
                           topic, span)
    two = compose.salience("Armenia and Azerbaijan met.", (cite("a"), cite("b")), (),
                           "2020-01-01", topic, span)
    later = compose.salience("Armenia and Azerbaijan met.", (cite("a"),), (), "2024-01-01",
                             topic, span)
    off_topic = compose.salience("It rained.", (cite("a"),), (), "2020-01-01", topic, span)
    assert (off_topic, one, later, two) == (1.0, 2.0, 3.0, 3.0)


@pytest.mark.parametrize(("text", "words"), [
    ("Azerbaijani Foreign Minister Jeyhun Bayramov said on Thursday that a guarantee was "
     "unnecessary.", True),
    ("According to the APA, Mammadov emphasised that claims still exist.", True),
    ("“We want peace,” Aliyev said.", True),
    ("Azerbaijan refused on Thursday to participate in talks, citing a “biased” position.", False),
    ("Thousands of opposition supporters gathered in Yerevan to urge the government on.", False),
    ("Baku reconquered the region in September after a lightning offensive.", False),
])
def test_a_sentence_tells_words_or_a_deed(text, words):
    assert compose.tells_words(text) is words


@pytest.mark.parametrize(("text", "cue", "elsewhere"), [
    ("Obasanjo, who stepped down as president in 2007 and has since mediated conflicts, "
     "praised the process.", "in 2007", True),
    ("The operation made a mockery of President Putin’s 2020 guarantee.", "2020", True),
    ("Baku and Yerevan fought over Karabakh, which Baku reconquered in September after an "
     "offensive.", "in September", False),
    ("When the Soviet Union fell apart in 1991, rebels split away.", "in 1991", False),
])
def test_a_date_of_another_clause_is_told_apart(text, cue, elsewhere):
    assert compose.dates_another_clause(text, cue) is elsewhere


# --- the pages, read as a reader would -----------------------------------------------------

@cache
def briefing(project: Path):
    topic, kb, _ = knowledge_base(Options(project=project, use_cache=False))
    return topic, kb, render_pages(kb, topic)


def prose_lines(page: str) -> list[str]:
    """The lines a reader reads: no footnote definitions, no directive options."""
    return [FOOTNOTE_REFERENCE.sub("", line).replace("\\", "") for line in page.split("\n")
            if line.strip() and not FOOTNOTE_DEFINITION.match(line)
            and not line.startswith((":", "```", "{"))]


def sections(page: str) -> list[tuple[str, str]]:
    """(heading, everything up to the next heading of the same or a higher level)."""
    headings = list(re.finditer(r"^(#{2,4}) .*$", page, flags=re.MULTILINE))
    result = []
    for i, h in enumerate(headings):
        level = len(h.group(1))
        end = next((n.start() for n in headings[i + 1:] if len(n.group(1)) <= level), len(page))
        result.append((h.group(0), page[h.end():end]))
    return result


@pytest.fixture(params=PROJECTS, ids=lambda p: p.name if p != ROOT else "seeds")
def pages(request):
    return briefing(request.param)


def test_no_line_has_an_unbalanced_quotation_mark(pages):
    _, _, rendered = pages
    # The editors' notes on a source are shown as they typed them (they may quote a sentence
    # the source cut off); everything the tool composes must be balanced.
    bad = [(path, line[:80]) for path, page in rendered.items() if not path.startswith("sources")
           for line in prose_lines(page) if not compose.is_balanced(line)
           and not line.startswith("- Editor's note:")]
    assert not bad


def test_no_section_is_empty(pages):
    _, _, rendered = pages
    empty = [(path, heading) for path, page in rendered.items()
             for heading, body in sections(page)
             if not body.replace("@@FOOTNOTES@@", "").strip()]
    assert not empty


def test_the_key_points_draw_on_several_sources_when_there_are_several(pages):
    _, kb, rendered = pages
    box = rendered["at-a-glance.md"].split(":::{admonition} Key points")[1].split("\n:::")[0]
    sources = {label.rsplit("-p", 1)[0] for label in FOOTNOTE_REFERENCE.findall(box)}
    assert len(kb.sources) < 2 or len(sources) >= 2


def test_the_summary_covers_the_arc_in_time_order_from_several_sources(pages):
    topic, kb, _ = pages
    lines = compose.summary(compose.readable(kb, topic), topic)
    words = sum(len(line.text.split()) for line in lines)
    assert compose.SUMMARY_MIN_WORDS <= words <= compose.SUMMARY_MAX_WORDS
    dated = [line.when for line in lines if line.when]
    assert dated == sorted(dated)
    assert len({c.source for line in lines for c in line.citations}) >= min(3, len(kb.sources))


def test_the_summary_is_built_on_happenings_with_at_most_a_couple_of_statements(pages):
    topic, kb, _ = pages
    shown = compose.readable(kb, topic)
    said = {c for st in shown.statements for c in st.citations}
    lines = compose.summary(shown, topic)
    statements = [line.text for line in lines
                  if said & set(line.citations) and compose.tells_words(line.text)]
    assert len(statements) <= compose.SUMMARY_STATEMENTS_MAX, statements
    assert all(line.citations for line in lines)
    assert not [line.text for line in lines if line.when and line.precision != "year"
                and line.when > max(r.source.published for r in kb.sources).isoformat()]


def test_the_seed_summary_tells_the_defining_happenings_of_the_arc():
    topic, kb, rendered = briefing(ROOT)
    text = rendered["at-a-glance.md"].split("**Summary.**")[1].split(":::")[0]
    text = FOOTNOTE_REFERENCE.sub("", text).replace("\\", "")
    assert "in 1991" in text  # the earliest history
    assert "all-out conflict that killed over 6,500 people" in text  # the 2020 war
    assert "reconquered in September [2023] after a lightning offensive" in text
    assert "more than 100,000 people out of the 120,000 recorded, has since fled" in text
    assert "5 December 2024" in text  # the latest development


def test_briefing_check_catches_a_composed_change_left_unmarked(monkeypatch):
    from briefing_tools.check import check_briefing

    topic, kb, _ = briefing(ROOT)
    assert check_briefing(kb, {}, topic).problems == ()
    # A trim that leaves words out without saying so: the old "“We want peace.”".
    monkeypatch.setattr(compose, "OMISSION", "")
    compose.forget()  # composed before the change, from the same knowledge base
    problems = check_briefing(kb, {}, topic).problems
    assert any("positions:" in p and "is not its cited sentence" in p for p in problems)
    assert any(p.startswith("events ") for p in problems)


def test_every_source_sentence_shown_is_verbatim_but_for_marked_changes(pages):
    """Read the front page (summary, key points) and the positions page (matrix cells, each
    party's statements) as printed: the text before each footnote is its source's sentence,
    with words added only in [brackets] and words left out only as […]."""
    from briefing_tools.check import SOURCE_TARGET, verbatim_problem
    from briefing_tools.escape import unescape_myst

    _, kb, rendered = pages
    reports = {r.source.id: r for r in kb.sources}
    label = re.compile(r"^\s*(?:\*\*Summary\.\*\*|-\s+\*\*[^*]+\*\*|-)\s*")
    bad = []
    for path in ("at-a-glance.md", "positions.md"):
        page = rendered[path]
        targets = {m.group(1): [cite(s, int(n)) for s, n in SOURCE_TARGET.findall(m.group(2))]
                   for line in page.split("\n")
                   if (m := re.match(r"^\[\^([^\]]+)\]:(.*)$", line))}
        for line in page.split("\n"):
            if FOOTNOTE_DEFINITION.match(line) or not FOOTNOTE_REFERENCE.search(line):
                continue
            start = 0
            for run in re.finditer(r"(?:\[\^[^\]]+\],?)+", line):
                piece = unescape_myst(line[start:run.start()])
                piece = label.sub("", piece, count=1).strip() if start == 0 else piece.strip()
                citations = [c for lab in FOOTNOTE_REFERENCE.findall(run.group(0))
                             for c in targets.get(lab, [])]
                start = run.end()
                if piece and verbatim_problem(piece, citations, reports):
                    bad.append((path, piece[:90]))
    assert not bad


def _dates_told(kb) -> dict[tuple[str, int, str], list]:
    """(source, paragraph, sentence) → the dates the sentence tells, as the project's date
    module reads them against the source's publication date, the article read in order (so
    that "that same day" follows the day named before)."""
    from briefing_tools.dates import DateContext, find_dates
    from briefing_tools.segment import sentences

    told = {}
    for report in kb.sources:
        context = DateContext(report.source.published)
        for sentence in sentences(report.article):
            told[(report.source.id, sentence.paragraph, sentence.text)] = find_dates(
                sentence.text, context)
    return told


def test_no_chronology_row_has_a_date_its_citation_contradicts(pages):
    """Each row's date is the date its cited sentence gives it: the words that date it (its
    cue) stand in the first cited sentence and resolve to the row's date; every other source
    cited for the row tells that date too. An explicit date of the sentence that is not the
    row's ("on Monday …, on Thursday, April 4") is no contradiction: a sentence that tells two
    happenings at two dates gives two rows. Rows an editor redated are the editor's."""
    _, kb, _ = pages
    told = _dates_told(kb)
    bad = []
    for e in kb.events:
        if e.note or e.date_cue == "editor":
            continue
        first, *others = e.citations
        dates = told.get((first.source, first.paragraph, first.excerpt))
        if dates is None:
            bad.append((e.id, e.date, "cites no sentence of its paragraph"))
        elif not any(d.cue == e.date_cue and (d.value, d.precision) == (e.date, e.precision)
                     for d in dates):
            bad.append((e.id, e.date, e.date_cue, [(d.cue, d.value) for d in dates]))
        for c in others:
            dates = told.get((c.source, c.paragraph, c.excerpt), [])
            if not any(d.value == e.date for d in dates):
                bad.append((e.id, e.date, c.source, c.paragraph, [d.value for d in dates]))
    assert not bad


def test_no_page_tells_a_reader_to_run_a_command(pages):
    _, _, rendered = pages
    assert not [path for path, page in rendered.items()
                if "`briefing " in page and not path.startswith(("method", "sources"))]


def test_no_third_party_item_lacks_its_actor(pages):
    topic, kb, _ = pages
    for m in compose.readable(kb, topic).mediators:
        names = compose._names_of(m.id, topic)
        for item in (*m.activities, *m.regard):
            assert compose.names_actor(item.text, names), (m.name, item.text)


def test_no_background_paragraph_opens_with_a_connective(pages):
    _, _, rendered = pages
    body = rendered["background.md"].split("## Figures")[0]
    openings = [p.split()[0].strip(",").casefold() for p in body.split("\n\n")[1:] if p.strip()]
    assert not {"however", "also", "but", "and", "meanwhile", "moreover"} & set(openings)


def test_one_speaker_spelled_two_ways_has_one_heading(pages):
    # "Azerbaijan's defense ministry" in one source, "Azerbaijan’s Defense Ministry" in another.
    _, _, rendered = pages
    headings = set(re.findall(r"^\*\*(.+) \(as the source puts it\)\*\*$",
                              rendered["positions.md"], re.M))
    spellings: dict[str, set[str]] = {}
    for heading in headings:
        key = " ".join(heading.casefold().replace("\\'", "'").replace("’", "'")
                       .removeprefix("the ").split())
        spellings.setdefault(key, set()).add(heading)
    assert not [s for s in spellings.values() if len(s) > 1]


def test_the_positions_matrix_has_no_empty_row(pages):
    topic, kb, _ = pages
    for _, cells in compose.position_matrix(compose.readable(kb, topic), topic):
        assert any(cells)


def test_the_seed_matrix_gives_armenias_demand_for_guarantees():
    topic, kb, _ = briefing(ROOT)
    cell = compose.position_cell(compose.readable(kb, topic), "security-guarantees", "armenia")
    assert cell is not None
    assert cell.citations[0].source == "reuters-trt-2023-06-22"
    assert "wanted Baku to provide the guarantees" in cell.text
    assert compose.stands_alone(cell.text)


def test_an_analysts_words_fill_no_partys_cell():
    # OBCT ¶15: the analyst Poghosyan's words, behind a quotation whose closing mark was lost.
    topic, kb, _ = briefing(ROOT)
    cells = [cell for _, row in compose.position_matrix(compose.readable(kb, topic), topic)
             for cell in row if cell]
    assert not [c.text for c in cells if "Not only the attack" in c.text
                or "This recent attack" in c.text]
    poghosyan = [s for s in kb.statements if s.citations[0].source == "obct-2023-03-10"
                 and s.citations[0].paragraph in (15, 16)]
    assert poghosyan and {s.speaker for s in poghosyan} == {"benyamin-poghosyan"}


def test_whos_who_sorts_people_by_surname_apart_from_organisations(pages):
    topic, kb, _ = pages
    for _, people, organisations in compose.whos_who(kb, topic):
        assert all(a.kind == "person" for a in people)
        assert all(a.kind != "person" for a in organisations)
        assert [compose.surname(a) for a in people] == sorted(compose.surname(a) for a in people)


def test_every_event_carries_a_salience_in_the_export(pages):
    _, kb, _ = pages
    exported = kb.as_dict()
    assert all(e["salience"] > 0 for e in exported["events"])
    assert "sources_without_topic_relevance" in exported


def test_a_source_that_names_no_party_is_flagged():
    topic = load_topic(ROOT)
    _, kb, _ = briefing(ROOT)
    assert compose.sources_without_relevance(kb, topic) == []


def test_key_events_are_the_most_salient_spread_over_the_arc(pages):
    from briefing_tools.timeline import KEY_EVENTS_MAX, focus, key_events

    _, kb, _ = pages
    drawn = focus(kb.events)[0]
    chosen = key_events(drawn)
    dated = [e for e in drawn if e.precision != "year"]
    assert 0 < len(chosen) <= min(KEY_EVENTS_MAX, len(dated))
    assert [e.date for e in chosen] == sorted(e.date for e in chosen)
    assert len({e.date for e in chosen}) == len(chosen)  # spread, never two on one day
    top = max(e.salience for e in dated)
    assert any(e.salience == top for e in chosen)


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_every_topic_passes_its_own_check(project):
    # Regression: two corpus topics could not be generated at all — a glossary definition's
    # quotation was read as a source's, and marks added to complete a quotation were unmarked.
    from briefing_tools.pipeline import build_briefing

    assert build_briefing(Options(project=project)).problems == []


@pytest.mark.parametrize("text, closed", [
    ("Eritrea’s re-entry has made matters worse,’’ Hammer said.",
     "[“]Eritrea’s re-entry has made matters worse,’’ Hammer said."),
    ("“The talks go on, the envoy said.", "“The talks go on, the envoy said.[”]"),
])
def test_marks_added_to_complete_a_quotation_are_in_brackets(text, closed):
    assert compose.close_quotations(text) == closed


def test_two_single_marks_typed_for_a_double_one_pair_as_one():
    assert compose.is_balanced("It has been “widely perceived as inadequate’’ in Ethiopia.")


def test_the_representative_statement_is_the_best_supported_also_among_hundreds():
    """Past REPRESENTATIVE_PEERS statements each is weighed against the best attested ones
    only, so a thousand-article briefing does not compare every pair; the choice stays the
    statement the others agree with."""
    from briefing_tools.model import Statement

    def statement(n: int, text: str, sources: int = 1) -> Statement:
        return Statement(f"st-{n:04d}", None, "Someone", "north", "borders", text, None,
                         tuple(Citation(f"s{n}-{k}", 1, text) for k in range(sources)),
                         "2024-01-01")

    said = "The border must be drawn by the joint commission."
    agreeing = [statement(n, said) for n in range(60)]
    agreeing[17] = statement(17, said, sources=3)  # the same words, reported by three outlets
    unrelated = [statement(100 + n, f"Word{n} other{n} thing{n} entirely{n}.") for n in range(140)]
    many = unrelated[:70] + agreeing + unrelated[70:]
    assert len(many) > compose.REPRESENTATIVE_PEERS
    assert compose.representative(many).id == "st-0017"


def test_composition_is_asked_again_once_the_knowledge_base_changes():
    """Answers are remembered for the last knowledge base (the pages and `check` ask for the
    same cells); replacing one of its lists, as applying editorial decisions does, is a new
    question."""
    from dataclasses import replace

    topic, kb, _ = briefing(ROOT)
    copy = replace(kb)
    assert compose.position_matrix(copy, topic)
    copy.statements = []
    assert compose.position_matrix(copy, topic) == []
