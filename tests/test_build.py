"""The whole road: Sphinx HTML (warnings as errors) and the PDF through xelatex, read back."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from briefing_tools.cli import main

pytestmark = pytest.mark.slow

HOSTILE = """---
title: "Hostile <b>title</b> {ref}`x`"
outlet: "Evil $$ Outlet"
url: "javascript:alert(1)"
published: 2024-11-01
published_certain: true
language: en
notes: []
---
Azerbaijani Foreign Minister Jeyhun Bayramov said on Friday that <script>alert('xss')</script> was nothing.

Bayramov said ```{raw} html and {eval-rst} and .. include:: /etc/passwd and <img src=x onerror="alert(1)"> mattered.

Pashinyan said [x](javascript:alert(1)) and $$x^2$$ and {ref}`target` and |subst| and [^x] and :::{note} on Monday.
"""

SHOWN = ["<script>alert('xss')</script>", "{eval-rst}", ".. include:: /etc/passwd",
         "[x](javascript:alert(1))", "$$x^2$$", "{ref}`target`", "|subst|", ":::{note}"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    (project / "sources" / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    assert main(["--project", str(project), "build", "html", "pdf"]) == 0
    return project


def test_html_shows_hostile_text_literally(built):
    page = (built / "docs" / "_build" / "html" / "briefing" / "sources" / "hostile.html"
            ).read_text(encoding="utf-8")
    import html as html_lib

    for text in SHOWN:
        assert html_lib.escape(text, quote=False) in page or html_lib.escape(text) in page, text
    assert "<script>alert" not in page
    assert 'onerror="alert' not in page
    assert 'href="javascript:' not in page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_has_chapters_footnotes_and_every_character(built):
    pdf = built / "docs" / "_build" / "pdf" / "briefing.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for chapter in ("At a glance", "Most recent developments", "Background", "Chronology",
                    "Positions", "Mediators", "Issues to watch", "Who’s who",
                    "Glossary", "For the classroom", "Sources"):
        assert chapter.upper() in text.upper(), chapter
    assert "¶" in text and "OC Media" in text  # footnotes name outlet and paragraph
    assert "<script>alert('xss')</script>" in text
    assert "{eval-rst}" in text
    log = next((built / "docs" / "_build" / "latex").glob("*.log")).read_text(errors="replace")
    assert "Missing character" not in log


def test_pdf_prints_azerbaijani_letters(tmp_path):
    """Ə, Ş and Ğ must print: pdflatex stops at Ə, xelatex with FreeSerif does not."""
    from conftest import copy_project

    project = copy_project(tmp_path / "p")
    path = project / "sources" / "reuters-trt-2023-06-22.md"
    path.write_text(path.read_text(encoding="utf-8") +
                    "\nİlham Əliyev visited Şuşa and Ağdam, Bayramov said.\n", encoding="utf-8")
    assert main(["--project", str(project), "build", "pdf"]) == 0
    text = subprocess.run(["pdftotext", str(project / "docs/_build/pdf/briefing.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Əliyev" in text and "Şuşa" in text and "Ağdam" in text
    log = next((project / "docs" / "_build" / "latex").glob("*.log")).read_text(errors="replace")
    assert "Missing character" not in log


def test_pdf_date_is_the_latest_source_not_the_build_date(built):
    text = subprocess.run(["pdftotext", "-l", "1",
                           str(built / "docs/_build/pdf/briefing.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "6 December 2024" in text


def test_positions_are_tabs_on_screen_and_full_text_in_print(built):
    """Regression: the per-speaker statements were escaped twice and vanished from both."""
    page = (built / "docs/_build/html/briefing/positions.html").read_text(encoding="utf-8")
    assert "sd-tab-set" in page
    assert "Ninety percent of the work has been done" in page
    text = subprocess.run(["pdftotext", str(built / "docs/_build/pdf/briefing.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    positions = text.split("Where the parties stand")[-1]  # past the contents
    assert "Ninety percent of the work has been done" in positions
    assert "[planned]" in text  # a badge turned into words in print
    assert "[month]" not in text  # precision badges are screen-only


def test_two_pdf_builds_have_the_same_text(built):
    pdf = built / "docs/_build/pdf/briefing.pdf"
    first = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert main(["--project", str(built), "build", "pdf"]) == 0
    second = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                            check=True).stdout
    assert first == second


def test_a_failed_build_leaves_the_last_html_and_pdf(built):
    index = built / "docs/_build/html/index.html"
    pdf = built / "docs/_build/pdf/briefing.pdf"
    before = (index.read_bytes(), pdf.read_bytes())
    bad = built / "sources" / "hostile.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("2024-11-01", "2024-11-31"),
                   encoding="utf-8")
    assert main(["--project", str(built), "build", "html", "pdf"]) != 0
    assert (index.read_bytes(), pdf.read_bytes()) == before


MARKUP_ALPHABET = ("`*_{}[]()<>#+-.!|:$~^=\"'&%@\\/;?,ÀəŞğ  abcXYZ0123\u00a0–—“”‘’…")


def test_random_markup_shows_the_same_visible_characters_in_the_built_html(tmp_path):
    """Property over one Sphinx build: 150 random strings of markup characters, each a paragraph
    of one article, each visible as typed in the built HTML."""
    import html as html_lib
    import random
    import re

    from conftest import copy_project

    rng = random.Random(20241206)
    strings = []
    for _ in range(150):
        text = "".join(rng.choice(MARKUP_ALPHABET) for _ in range(rng.randint(3, 40))).strip()
        if text.strip(" \u00a0"):
            strings.append("Fragment " + text)
    project = copy_project(tmp_path / "p")
    body = "\n\n".join(strings)
    (project / "sources" / "random.md").write_text(
        "---\ntitle: Random\noutlet: Test\nurl: null\npublished: 2024-11-01\n"
        "published_certain: true\nlanguage: en\nnotes: []\n---\n"
        "Azerbaijani Foreign Minister Jeyhun Bayramov said on Friday that talks continue.\n\n"
        + body + "\n", encoding="utf-8")
    assert main(["--project", str(project), "build", "html"]) == 0
    page = (project / "docs/_build/html/briefing/sources/random.html").read_text(encoding="utf-8")
    visible = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", page)).split())
    for text in strings:
        assert " ".join(text.split()) in visible, text
