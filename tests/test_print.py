"""Print and handout forms: short notes, one note per reference, key events, inline citations."""

from __future__ import annotations

import re

from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import given
from hypothesis import strategies as st

from briefing_tools.model import Citation, Event
from briefing_tools.print_room import (
    HEADING_LINES,
    SHORT_OPENING_LINES,
    TABLE_START_LINES,
    keep_headings_with_their_start,
    opening_lines,
    table_start_lines,
)
from briefing_tools.render import InlineRefs, party_anchor, short_outlet
from briefing_tools.sphinx_ext import own_footnote_per_reference
from briefing_tools.timeline import KEY_EVENTS_MAX, key_events


def test_short_outlet_takes_the_abbreviation_or_the_name_before_the_comma():
    assert short_outlet("OC Media") == "OC Media"
    assert short_outlet("AFP report, as republished by La Presse and aggregators") == "AFP"
    assert short_outlet("Osservatorio Balcani Caucaso Transeuropa (OBCT), as republished by "
                        "an aggregator") == "OBCT"
    assert short_outlet("Reuters report, as republished by TRT World") == "Reuters"
    assert short_outlet(None) == "Outlet not given"
    assert short_outlet("  ") == "Outlet not given"


@given(st.text(max_size=80))
def test_short_outlet_is_never_empty_and_never_longer(outlet):
    short = short_outlet(outlet)
    assert short.strip()
    assert short == "Outlet not given" or len(short) <= len(outlet)


@given(st.text(max_size=40))
def test_party_anchor_is_always_a_plain_id(party_id):
    anchor = str(party_anchor(party_id))
    assert anchor.startswith("party-")
    assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in anchor)


def _document(text: str) -> nodes.document:
    document = publish_doctree(text, settings_overrides={"report_level": 5})
    for node in document.findall(nodes.footnote_reference):
        node["docname"] = "page"
    for node in document.findall(nodes.footnote):
        node["docname"] = "page"
    return document


def test_each_reference_gets_its_own_numbered_footnote():
    """Regression: LaTeX printed a note referenced twice as "Page 7, 1"."""
    document = _document("One [#a]_ two [#b]_ three [#a]_.\n\n.. [#a] Note A.\n.. [#b] Note B.\n")
    own_footnote_per_reference(document)
    refs = list(document.findall(nodes.footnote_reference))
    notes = {fn["ids"][0]: fn for fn in document.findall(nodes.footnote)}
    assert [r.astext() for r in refs] == ["1", "2", "3"]
    assert len({r["refid"] for r in refs}) == 3
    bodies = [notes[r["refid"]][1].astext() for r in refs]
    assert bodies == ["Note A.", "Note B.", "Note A."]
    assert [notes[r["refid"]][0].astext() for r in refs] == ["1", "2", "3"]


def _event(eid: str, day: str, sources: int) -> Event:
    citations = tuple(Citation(f"s{i}", 1, "x") for i in range(sources))
    return Event(eid, day, "day", False, "text", "", citations)


def test_key_events_prefer_the_most_reported_and_keep_their_numbers_apart():
    events = [_event("a", "2023-01-01", 3), _event("b", "2023-01-02", 2),
              _event("c", "2024-06-01", 1), _event("d", "2020-01-01", 1)]
    chosen = [e.id for e in key_events(events)]
    assert "a" in chosen and "b" not in chosen  # b would sit on a's number
    assert chosen == sorted(chosen, key=lambda i: next(e.date for e in events if e.id == i))


@given(st.lists(st.dates().map(lambda d: d.isoformat()), max_size=40))
def test_key_events_are_few_and_oldest_first(days):
    events = [_event(f"e{i}", day, 1) for i, day in enumerate(days)]
    chosen = key_events(events)
    assert len(chosen) <= KEY_EVENTS_MAX
    assert [e.date for e in chosen] == sorted(e.date for e in chosen)


def test_handout_citations_number_sources_in_order_of_first_use():
    refs = InlineRefs({"x": "X", "y": "Y"})  # type: ignore[dict-item]
    first = refs.cite([Citation("y", 4, ""), Citation("y", 4, "")])
    second = refs.cite([Citation("x", 2, "")])
    assert str(first) == " \\[1,\u00a0¶4\\]" and str(second) == " \\[2,\u00a0¶2\\]"
    assert refs.listed() == [(1, "Y"), (2, "X")]


def _needspace(document: nodes.document) -> list[int]:
    """The room asked for before headings, in lines, in document order."""
    return [int(re.search(r"Needspace\{(\d+)", n.astext())[1])
            for n in document.findall(nodes.raw) if "Needspace" in n.astext()]


def _sections(text: str) -> nodes.document:
    return publish_doctree(text, settings_overrides={"report_level": 5,
                                                     "doctitle_xform": False})


MATRIX = """
Positions
=========

Where the parties stand
-----------------------

.. list-table:: Where each party stands
   :header-rows: 1
   :class: longtable

   * - Issue
     - Party A
   * - Borders
     - {cell}
"""


def test_a_heading_asks_for_the_room_of_its_tables_first_row():
    """Regression: a heading followed by a table with a tall first row stood alone at the foot of
    a page (longtable started the table on the next page)."""
    short = _sections(MATRIX.format(cell="Yes."))
    keep_headings_with_their_start(short)
    # Only the chapter asks: the room the preamble asks before every heading holds the section.
    assert _needspace(short) == [2 * HEADING_LINES + TABLE_START_LINES + 2]
    tall = _sections(MATRIX.format(cell="A long statement. " * 40))
    table = table_start_lines(next(tall.findall(nodes.table)))
    assert table > 10
    keep_headings_with_their_start(tall)
    # The chapter opens straight on its section: its heading moves with the table's start too.
    assert _needspace(tall) == [2 * HEADING_LINES + table, HEADING_LINES + table]


def test_a_long_opening_can_be_cut_after_a_few_lines():
    text = "Chapter\n=======\n\n" + "A sentence of the opening. " * 100 + \
        "\n\nSection\n-------\n\nText.\n"
    chapter = next(_sections(text).findall(nodes.section))
    assert opening_lines(chapter) == HEADING_LINES + SHORT_OPENING_LINES + 1
