"""`briefing init`: a new briefing that builds after `add`, with nothing of another topic in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tools.check import FOOTNOTE_DEFINITION
from briefing_tools.cli import main
from briefing_tools.config import load_topic
from briefing_tools.scaffold import skeleton_files

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).parent / "fixtures" / "pages"


def test_the_skeleton_has_the_folders_a_build_needs_and_pages_that_cite_nothing():
    files = skeleton_files("Talks", "briefing")
    for needed in ("briefing.yaml", "sources/.gitkeep", "docs/conf.py", "docs/index.md",
                   "docs/print.md", "docs/introduction.md", "docs/editors-notes.md",
                   "docs/_static/briefing.css", "Makefile", ".gitignore"):
        assert needed in files
    for path, data in files.items():
        if path.endswith(".md"):
            text = data.decode()
            assert "src-" not in text and not any(
                FOOTNOTE_DEFINITION.match(line) for line in text.splitlines()), path


def test_the_projects_sphinx_configuration_is_the_skeletons():
    """One conf.py for every briefing: a fix to it reaches new briefings too."""
    files = skeleton_files("Talks", "briefing")
    skeleton = "src/briefing_tools/skeleton/docs/"
    for copy in ("docs", "examples/colombia-eln/docs"):
        for name in ("conf.py", "_static/briefing.css"):
            assert (ROOT / copy / name).read_bytes() == files[f"docs/{name}"], (
                f"{copy}/{name} differs from {skeleton}{name}: change both (new briefings get "
                "the skeleton's)")


def test_the_skeleton_configuration_loads_and_keeps_any_title_as_data(tmp_path):
    title = 'Talks: "peace" #1 — {ref}`x` & *more*'
    assert main(["init", str(tmp_path / "b"), "--title", title]) == 0
    topic = load_topic(tmp_path / "b")
    assert topic.title == title
    assert topic.parties == () and topic.mediators == ()


def test_init_overwrites_nothing(tmp_path, capsys):
    folder = tmp_path / "b"
    assert main(["init", str(folder)]) == 0
    (folder / "docs" / "introduction.md").write_text("# Mine\n")
    assert main(["init", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "already exists" in err and "Traceback" not in err
    assert (folder / "docs" / "introduction.md").read_text() == "# Mine\n"


def test_a_new_briefing_builds_after_add_with_nothing_else_edited(tmp_path, capsys):
    folder = tmp_path / "new-talks"
    assert main(["init", str(folder)]) == 0
    assert main(["--project", str(folder), "add", str(PAGES / "trtworld-talks-resume.html"),
                 str(PAGES / "lakeonews-talks-suspended.html")]) == 0
    assert main(["--project", str(folder), "build", "html"]) == 0
    html = (folder / "docs" / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "New talks" in html
    assert main(["--project", str(folder), "check"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("page", ["introduction.md", "editors-notes.md"])
def test_a_page_copied_from_another_briefing_names_the_missing_source_and_the_fix(
        tmp_path, capsys, page):
    folder = tmp_path / "b"
    assert main(["init", str(folder)]) == 0
    assert main(["--project", str(folder), "add", str(PAGES / "trtworld-talks-resume.html")]) == 0
    # The first briefing's page, citing its own sources.
    (folder / "docs" / page).write_text((ROOT / "docs" / page).read_text(encoding="utf-8"))
    assert main(["--project", str(folder), "generate"]) == 1
    err = capsys.readouterr().err
    assert f"docs/{page}:" in err
    assert "which is not in sources/" in err and "`briefing add`" in err


def test_init_where_it_cannot_write_is_one_clear_line(tmp_path, capsys):
    (tmp_path / "a-file").write_text("")
    assert main(["init", str(tmp_path / "a-file" / "briefing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "cannot write" in err and err.count("\n") == 1
