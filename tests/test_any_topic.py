"""Configuration for any topic — third parties with roles, party words that need a role beside
them, short names, datelines — and `check` on large or copied collections."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tools.actors import ArticleContext, build_gazetteer, find_mentions, sides_in
from briefing_tools.check import check_briefing, check_pages, excerpts_of
from briefing_tools.cli import main
from briefing_tools.config import parse_topic
from briefing_tools.errors import ConfigError
from briefing_tools.escape import unescape_myst
from briefing_tools.extract import extract_source
from briefing_tools.knowledge import build_knowledge
from briefing_tools.model import SourceReport
from briefing_tools.pipeline import Options, knowledge_base
from briefing_tools.render import render_pages
from briefing_tools.sources import parse_source

CIVIL_WAR = """
title: Talks
parties:
  - id: federal-government
    name: Federal Government
    words: [federal government, Addis Ababa]
    ambiguous_words: [Ethiopia, Ethiopian]
  - id: tplf
    name: Tigray People's Liberation Front
    words: [TPLF, Tigrayan forces]
    ambiguous_words: [Tigray, Tigrayan]
mediators:
  - id: african-union
    name: African Union
    words: [African Union, AU]
third_parties:
  - id: south-africa
    name: South Africa
    role: host
    words: [South Africa, Pretoria]
  - id: kenya
    name: Kenya
    role: [facilitator, guarantor]
    words: [Kenya, Nairobi]
actors:
  - name: Abiy Ahmed
    short_name: Abiy
    role: Prime Minister of Ethiopia
    roles: [prime minister]
    side: federal-government
  - name: Debretsion Gebremichael
    short_name: Debretsion
    role: TPLF chairman
    roles: [leader]
    side: tplf
"""


@pytest.fixture
def civil_war():
    return parse_topic(CIVIL_WAR)


def test_mediators_still_load_and_third_parties_carry_their_roles(civil_war):
    roles = {side.id: side.roles for side in civil_war.mediators}
    assert roles == {"african-union": ("mediator",), "south-africa": ("host",),
                     "kenya": ("facilitator", "guarantor")}


def test_an_unknown_role_names_the_line_and_the_closest_role():
    text = CIVIL_WAR.replace("role: host", "role: hots")
    with pytest.raises(ConfigError) as error:
        parse_topic(text)
    assert error.value.line == text.split("\n").index("    role: hots") + 1
    assert "did you mean 'host'" in str(error.value)


def test_a_third_party_id_may_not_repeat_a_mediator_id():
    text = CIVIL_WAR.replace("id: kenya", "id: african-union")
    with pytest.raises(ConfigError, match="used twice"):
        parse_topic(text)


def test_an_ambiguous_word_alone_stands_for_no_party(civil_war):
    gazetteer = build_gazetteer(civil_war)
    assert sides_in("Ethiopian analysts said the region was calm.", gazetteer) == []
    assert sides_in("Aid reached Tigray on Monday.", gazetteer) == []
    assert [s for _, s in sides_in("Tigrayan forces and the federal government met.",
                                   gazetteer)] == ["tplf", "federal-government"]


def test_an_ambiguous_word_before_a_role_names_the_role_holder(civil_war):
    gazetteer = build_gazetteer(civil_war)
    mentions = find_mentions("The Ethiopian prime minister welcomed the deal.", gazetteer,
                             ArticleContext.new())
    assert [(m.actor_id, m.how) for m in mentions] == [("abiy-ahmed", "role")]


def test_a_short_name_is_matched_where_the_last_word_is_not_a_surname(civil_war):
    gazetteer = build_gazetteer(civil_war)
    mentions = find_mentions("Abiy said the talks would go on; Debretsion agreed.", gazetteer,
                             ArticleContext.new())
    assert [m.actor_id for m in mentions] == ["abiy-ahmed", "debretsion-gebremichael"]
    assert find_mentions("Ahmed said so.", gazetteer, ArticleContext.new()) == []


def test_a_dateline_makes_no_host_a_side():
    topic = parse_topic(CIVIL_WAR)
    gazetteer = build_gazetteer(topic)
    text = "PRETORIA, South Africa (Reuters) — The TPLF rejected the proposal as biased."
    assert [s for _, s in sides_in(text, gazetteer)] == ["tplf"]
    assert [s for _, s in sides_in("(Nairobi) Kenya offered to host the talks.", gazetteer)] \
        == ["kenya"]


def _source(text: str, source_id: str = "wire-2022-11-02"):
    return parse_source(("---\ntitle: T\noutlet: Wire\nurl: null\npublished: 2022-11-02\n"
                         "published_certain: true\nlanguage: en\nnotes: []\n---\n"
                         + text).encode(), f"sources/{source_id}.md", date(2025, 1, 1))


def test_the_knowledge_base_and_the_page_show_each_third_partys_roles(civil_war):
    source = _source("PRETORIA, South Africa (Reuters) — The talks hosted by South Africa "
                     "ended on 2 November 2022 with a deal.\n"
                     "Kenya facilitated the meeting of the delegations in Nairobi on 1 November "
                     "2022.\n")
    kb = build_knowledge([extract_source(source, civil_war, build_gazetteer(civil_war))],
                         civil_war)
    exported = {m["id"]: m["roles"] for m in kb.as_dict()["mediators"]}
    assert exported == {"south-africa": ["host"], "kenya": ["facilitator", "guarantor"]}
    page = render_pages(kb, civil_war)["mediators.md"]
    assert page.startswith("# Third parties")
    assert "*Role: facilitator and guarantor.*" in page and "*Role: host.*" in page


def test_an_uncited_source_is_a_warning_not_a_failure(project, capsys):
    _, kb, _ = knowledge_base(Options(project=project))
    hand_written = {"docs/introduction.md": (project / "docs" / "introduction.md").read_text()}
    verdict = check_briefing(kb, hand_written)
    assert verdict.problems == ()
    assert len(verdict.warnings) == len(kb.sources) - 1
    assert all("is never cited" in w for w in verdict.warnings)
    assert verdict.failures(strict=True) == list(verdict.warnings)


def test_check_strict_fails_on_an_uncited_source(project, capsys):
    extra = project / "sources" / "zz-notice-2023-01-01.md"
    extra.write_text("---\ntitle: null\noutlet: Notice\nurl: null\npublished: 2023-01-01\n"
                     "published_certain: true\nlanguage: en\nnotes: []\n---\n"
                     "Weather: sunny.\n", encoding="utf-8")
    assert main(["--project", str(project), "generate"]) == 0
    assert "warning: sources/zz-notice-2023-01-01.md:1: source 'zz-notice-2023-01-01' is " \
           "never cited" in capsys.readouterr().err
    assert main(["--project", str(project), "check"]) == 0
    assert main(["--project", str(project), "check", "--strict"]) == 1
    assert main(["--project", str(project), "generate", "--strict"]) == 1


def test_quotation_marks_pair_within_each_excerpt_of_a_joined_line(extractions):
    """"Sources differ: A[^a] B[^b]": an excerpt whose quotation mark the source leaves open must
    not pair with the next excerpt's mark and fail the tool's own line."""
    reports = {sid: SourceReport(x.source, x.article, (), ()) for sid, x in extractions.items()}
    line = ("**Figures.** Sources differ: Azerbaijan cited a “biased position from "
            "Washington[^a] and later a “biased” position again.[^b]")
    page = {"docs/briefing/background.md": line + "\n\n"
            "[^a]: AFP, {ref}`¶1 <src-afp-lapresse-2023-11-16-p1>`\n\n"
            "[^b]: AFP, {ref}`¶1 <src-afp-lapresse-2023-11-16-p1>`\n"}
    problems, cited = check_pages(page, reports)
    assert problems == []
    assert cited == {"afp-lapresse-2023-11-16"}
    # Within one excerpt a misquotation is still caught.
    wrong = page["docs/briefing/background.md"].replace("“biased” position", "“unfair” position")
    problems, _ = check_pages({"docs/briefing/background.md": wrong}, reports)
    assert len(problems) == 1 and "“unfair”" in problems[0]


def test_a_dateline_gives_the_host_no_partys_stance(civil_war):
    """Regression: "PRETORIA, South Africa (Reuters) — The TPLF rejected …" made South Africa
    the target of the TPLF's rejection on the third-parties page."""
    source = _source("PRETORIA, South Africa (Reuters) — The TPLF rejected the federal "
                     "government's proposal as biased on 1 November 2022.\n")
    kb = build_knowledge([extract_source(source, civil_war, build_gazetteer(civil_war))],
                         civil_war)
    assert all(m.id != "south-africa" for m in kb.mediators)


@given(st.lists(st.text(alphabet=st.sampled_from("ab “”\"'’ ,."), max_size=30), min_size=1,
                max_size=4))
def test_a_joined_line_splits_back_into_its_excerpts(excerpts):
    """Whatever quotation marks each excerpt holds, the check sees each excerpt on its own."""
    line = " ".join(f"{text}[^n{i}],[^m{i}]" for i, text in enumerate(excerpts))
    assert excerpts_of(line) == [unescape_myst(t) for t in
                                 (f" {t}" if i else t for i, t in enumerate(excerpts))
                                 if t.strip()]
