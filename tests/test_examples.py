"""The second complete briefing, examples/colombia-eln: its own sources, configuration and pages,
built to HTML and PDF with Sphinx warnings as errors — proof that nothing of the first topic is
assumed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing_tools.cli import main
from briefing_tools.config import load_topic

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FIRST_TOPIC_WORDS = ("Armenia", "Azerbaijan", "Karabakh", "Pashinyan", "Aliyev")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("example") / "colombia-eln"
    shutil.copytree(EXAMPLES / "colombia-eln", project,
                    ignore=shutil.ignore_patterns("_build", "briefing", ".briefing-cache"))
    assert main(["--project", str(project), "build", "html", "pdf", "--strict"]) == 0
    return project


@pytest.mark.slow
def test_the_example_builds_to_html_and_pdf_and_every_citation_holds(built, capsys):
    assert main(["--project", str(built), "check", "--strict"]) == 0
    html = (built / "docs" / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Colombia–ELN peace talks" in html
    pdf = PdfReader(built / "docs" / "_build" / "pdf" / "briefing.pdf")
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Third parties" in text and "guarantor and host" in text
    built_text = html + text + "".join(
        p.read_text(encoding="utf-8") for p in (built / "docs").rglob("*.md"))
    for word in FIRST_TOPIC_WORDS:
        assert word not in built_text
    capsys.readouterr()


def test_the_example_uses_the_general_configuration():
    topic = load_topic(EXAMPLES / "colombia-eln")
    roles = {side.id: side.roles for side in topic.mediators}
    assert roles["cuba"] == ("guarantor", "host") and roles["united-nations"] == ("observer",)
    government = next(p for p in topic.parties if p.id == "colombian-government")
    assert "Colombian" in government.ambiguous_words and "Colombian" not in government.words
