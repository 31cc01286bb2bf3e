"""Generation end to end: deterministic, checked before writing, failure-safe, editor-friendly."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing_tools.cli import main
from briefing_tools.errors import CheckFailed
from briefing_tools.pipeline import Options, check_on_disk, generate

NEW_ARTICLE = """---
title: A later report
outlet: Test Wire
url: null
published: 2024-12-20
published_certain: true
language: en
notes: []
---
Armenian Foreign Minister Ararat Mirzoyan said on Monday that talks would resume in January.
"""


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_two_generations_are_byte_identical(project, tmp_path):
    generate(Options(project=project, use_cache=False))
    first = tree(project / "docs" / "briefing")
    generate(Options(project=project, use_cache=False))
    assert tree(project / "docs" / "briefing") == first
    assert first["timeline.svg"].startswith(b"<?xml")


def test_a_rebuild_with_nothing_changed_rewrites_nothing(project):
    generate(Options(project=project))
    report = generate(Options(project=project)).report
    assert report.written == [] and report.removed == []


def test_an_unchanged_project_is_not_regenerated_at_all(project, capsys):
    assert main(["--project", str(project), "generate"]) == 0
    assert main(["--project", str(project), "generate"]) == 0
    assert "nothing changed since the last generation" in capsys.readouterr().out
    path = project / "sources" / "obct-2023-03-10.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing line, Alili said.\n",
                    encoding="utf-8")
    assert main(["--project", str(project), "generate"]) == 0
    out = capsys.readouterr().out
    assert "nothing changed" not in out
    assert "generated" in out and " 0 written" not in out
    shutil.rmtree(project / "docs" / "briefing")
    assert main(["--project", str(project), "generate"]) == 0
    assert (project / "docs" / "briefing" / "chronology.md").exists()


def test_a_failed_generation_leaves_the_previous_pages(project):
    generate(Options(project=project))
    before = tree(project / "docs" / "briefing")
    bad = project / "sources" / "obct-2023-03-10.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("published: 2023-03-10",
                                                            "published: 2023-02-30"),
                   encoding="utf-8")
    assert main(["--project", str(project), "generate"]) != 0
    assert tree(project / "docs" / "briefing") == before


def test_a_hand_written_citation_to_a_missing_paragraph_fails_check(project):
    notes = project / "docs" / "editors-notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nA claim.[^bad]\n\n"
                     "[^bad]: {ref}`¶99 <src-obct-2023-03-10-p99>`\n", encoding="utf-8")
    with pytest.raises(CheckFailed) as failed:
        generate(Options(project=project))
    assert any("docs/editors-notes.md:" in p and "¶99" in p for p in failed.value.problems)


def test_a_misquotation_in_a_page_fails_check(project):
    generate(Options(project=project))
    page = project / "docs" / "briefing" / "positions.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Ninety percent", "Ninety\\-nine percent", 1), encoding="utf-8")
    problems = check_on_disk(Options(project=project)).problems
    assert any(p.startswith("docs/briefing/positions.md:") and "not verbatim" in p
               for p in problems)


def test_check_passes_on_a_fresh_generation(project, capsys):
    assert main(["--project", str(project), "generate"]) == 0
    assert main(["--project", str(project), "check"]) == 0


EDITORIAL = """
hide: [{hidden}]
reword:
  {reworded}: "Azerbaijan's foreign minister rejected Armenia's call for special guarantees."
redate:
  {redated}: {{date: 2023-05, precision: month, reason: "The source says only 'last month'."}}
reassign:
  {reassigned}: {{speaker: ilham-aliyev}}
key_points: [{reworded}]
merge:
  - [{merged_into}, {merged_away}]
add:
  - kind: event
    date: 2022-04-06
    precision: day
    text: "Pashinyan and Aliyev met in Brussels with Charles Michel."
    citations:
      - {{source: afp-rewrite-2022-04-07, paragraph: 2, excerpt: "met for unusual talks mediated by European Council President Charles Michel"}}
"""


def test_editorial_decisions_survive_regeneration_and_a_new_article(project):
    kb = generate(Options(project=project)).briefing.kb
    hidden = kb.events[-1].id
    reworded = next(s.id for s in kb.statements if s.text.startswith("Azerbaijan's foreign"))
    redated = next(e.id for e in kb.events if e.date == "2023-05")
    reassigned = next(s.id for s in kb.statements if "categorically" in s.text)
    march_first = [e for e in kb.events if e.date == "2023-03-01"]
    merged_into, merged_away = march_first[0].id, march_first[1].id
    (project / "editorial.yaml").write_text(EDITORIAL.format(
        hidden=hidden, reworded=reworded, redated=redated, reassigned=reassigned,
        merged_into=merged_into, merged_away=merged_away), encoding="utf-8")
    (project / "sources" / "later.md").write_text(NEW_ARTICLE, encoding="utf-8")
    for _ in range(2):
        kb = generate(Options(project=project)).briefing.kb
        assert hidden not in {e.id for e in kb.events}
        assert next(s for s in kb.statements if s.id == reworded).text.startswith(
            "Azerbaijan's foreign minister rejected")
        assert next(e for e in kb.events if e.id == redated).note.startswith("The source says")
        assert next(s for s in kb.statements if s.id == reassigned).speaker == "ilham-aliyev"
        assert kb.key_points == [reworded]
        assert any(e.id.startswith("ed-") for e in kb.events)
        assert kb.editorial_summary["added"] == 1
        assert merged_away not in {e.id for e in kb.events}
        merged = next(e for e in kb.events if e.id == merged_into)
        assert {c.paragraph for c in merged.citations} == {3, 8}
    method = (project / "docs" / "briefing" / "method.md").read_text(encoding="utf-8")
    assert "Editors hid 1, reworded 1" in method


def test_an_added_item_whose_excerpt_is_not_in_the_source_fails_check(project):
    (project / "editorial.yaml").write_text(
        "add:\n  - kind: background\n    text: Invented.\n    citations:\n"
        "      - {source: obct-2023-03-10, paragraph: 3, excerpt: words never written}\n",
        encoding="utf-8")
    with pytest.raises(CheckFailed) as failed:
        generate(Options(project=project))
    assert any("not verbatim" in p for p in failed.value.problems)


def test_a_stale_decision_names_the_closest_item_and_fails_when_strict(project, capsys):
    (project / "editorial.yaml").write_text("hide: [ev-0000000000]\n", encoding="utf-8")
    generation = generate(Options(project=project))
    assert any("no longer exists; closest current item" in w for w in generation.warnings)
    assert main(["--project", str(project), "generate", "--strict"]) != 0


def test_review_lists_items_and_writes_csv(project, capsys, tmp_path):
    out = tmp_path / "items.csv"
    assert main(["--project", str(project), "review", "--page", "events", "--csv", str(out)]) == 0
    assert "ev-" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").startswith("id,page,date,source,text")
    assert main(["--project", str(project), "generate"]) == 0  # the last build
    capsys.readouterr()
    (project / "sources" / "later.md").write_text(NEW_ARTICLE, encoding="utf-8")
    assert main(["--project", str(project), "review"]) == 0
    out = capsys.readouterr().out
    assert "since the last build:" in out
    new = [line for line in out.splitlines() if line.startswith("  + ")]
    gone = [line for line in out.splitlines() if line.startswith("  - ")]
    assert any(line.startswith("  + ev-") and "Mirzoyan" in line for line in new)
    assert any(line.startswith("  + st-") and "Mirzoyan" in line for line in new)
    # Only the outlook moves (it follows the latest source); no event or statement is lost.
    assert all(line.startswith("  - ol-") for line in gone)


def test_no_half_written_page_is_left_by_an_interrupt(project, monkeypatch):
    import briefing_tools.writer as writer

    calls = {"n": 0}
    real_replace = os.replace

    def interrupted(src, dst):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        generate(Options(project=project))
    leftovers = [p for p in (project / "docs" / "briefing").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_written_files_get_ordinary_permissions(project):
    """Regression: atomic writes through mkstemp left pages and the PDF readable by owner only."""
    generate(Options(project=project))
    umask = os.umask(0)
    os.umask(umask)
    page = project / "docs" / "briefing" / "chronology.md"
    assert page.stat().st_mode & 0o777 == 0o666 & ~umask
