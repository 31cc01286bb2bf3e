"""Red team, the real build: every hostile string at once through every field that reaches the
HTML and the PDF (one Sphinx and one xelatex run), shown as typed, never run; then a failed run
leaves that HTML and PDF byte-identical."""

from __future__ import annotations

import hashlib
import html
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hostile_strings import BIDI, BRIEFING_TITLE, HTML, LATEX, MYST, WIDE

from briefing_tools.cli import EXIT_BAD_INPUT, main

pytestmark = pytest.mark.slow

PWNED = Path("/tmp/briefing-tools-pwned")
LONG_WORD = "W" * 3_000  # the widest letter; 1,000 of them in a table crashed xdvipdfmx
SOURCE_TITLE = ("Title " + LATEX + " " + HTML + " " + MYST + " " + BIDI + " " + WIDE + " ") * 4


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted string


def hostile_project(project: Path) -> Path:
    config = project / "briefing.yaml"
    text = config.read_text(encoding="utf-8")
    for old, new in (
            ('title: "Armenia–Azerbaijan peace talks"', f"title: {quoted(BRIEFING_TITLE)}"),
            ('subtitle: "A cited briefing for classrooms and policy teams"',
             f"subtitle: {quoted(HTML + ' ' + LATEX)}"),
            ("    name: Armenia\n",
             f"    name: {quoted('Armenia ' + HTML + MYST + ' ' + LATEX[:20])}\n"),
            ("    role: President of Azerbaijan\n",
             f"    role: {quoted('President ' + HTML + ' ' + MYST)}\n"),
            ("    name: Rights and security of Karabakh Armenians\n",
             f"    name: {quoted('Rights ' + LATEX + ' ' + HTML)}\n"),
            ('    definition: "Mountainous',
             f'    definition: "{HTML} {MYST} Mountainous'),
            ('  - "Describe how',
             f"  - {quoted(LATEX + ' ' + HTML)}\n  - \"Describe how")):
        assert old in text, old
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")
    body = (f"Armenian Prime Minister Nikol Pashinyan said on 12 June 2023 that {HTML} and "
            f"{LATEX} were nothing.\n\n"
            f"Bayramov said on 16 June 2023 that {LONG_WORD} was the word.\n\n"
            f"{BIDI} {WIDE} Aliyev said on 15 June 2023 that {MYST} mattered.\n")
    (project / "sources" / "hostile.md").write_text(
        f"---\ntitle: {quoted(SOURCE_TITLE[:500])}\n"
        f"outlet: {quoted('=HYPERLINK(1) ' + LATEX)}\nurl: \"javascript:alert(1)\"\n"
        f"published: 2023-06-20\nnotes: [{quoted(LATEX + HTML)}]\n"
        f"translated_from: {quoted(LATEX[:40])}\n---\n{body}",
        encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import copy_project

    PWNED.unlink(missing_ok=True)
    project = hostile_project(copy_project(tmp_path_factory.mktemp("hostile") / "project"))
    assert main(["--project", str(project), "build", "html", "pdf"]) == 0
    return project


def test_html_shows_every_hostile_string_as_text(built):
    pages = {p: p.read_text(encoding="utf-8")
             for p in (built / "docs" / "_build" / "html").rglob("*.html")}
    every_page = "\n".join(pages.values())
    assert "<script>alert" not in every_page and "<img src=x" not in every_page
    assert 'href="javascript:' not in every_page
    index = pages[built / "docs" / "_build" / "html" / "index.html"]
    # The sidebar's title and description: escaped once, shown as typed.
    assert html.escape(BRIEFING_TITLE, quote=False) in index
    assert html.escape(HTML + " " + LATEX, quote=False) in index
    assert "&amp;amp;" not in every_page and "&amp;lt;" not in every_page
    assert LONG_WORD in every_page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_prints_the_title_and_never_runs_it(built):
    pdf = built / "docs" / "_build" / "pdf" / "briefing.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "root:x:0:0" not in text  # \input{/etc/passwd} would print it
    assert not PWNED.exists()  # \write18 would have made it
    flat = " ".join(text.split())
    assert r"Armenia & Azerbaijan: 100% talks #1 \input{/etc/passwd}" in flat
    assert "^^5c {unmatched } }{ & % # $ _ ~" in flat
    assert "<script>alert(1)</script>" in flat


def test_characters_the_pdf_font_lacks_are_reported_not_lost_silently(built):
    from briefing_tools.build import missing_glyphs

    reported = " ".join(missing_glyphs(built / "docs"))
    assert "U+548C 和" in reported and "U+1F600 😀" in reported


def test_a_failed_run_leaves_the_html_and_pdf_byte_identical(built, capsys):
    def snapshot() -> dict[str, str]:
        return {p.relative_to(built).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for folder in ("docs/_build/html", "docs/_build/pdf", "docs/briefing")
                for p in sorted((built / folder).rglob("*")) if p.is_file()}

    before = snapshot()
    (built / "sources" / "late.md").write_text(
        "---\npublished: 2023-06-21\ntitle: !!python/name:os.system\n---\nText.\n",
        encoding="utf-8")
    assert main(["--project", str(built), "build", "html", "pdf"]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: sources/late.md:3: YAML tag")
    assert snapshot() == before
    (built / "sources" / "late.md").unlink()
