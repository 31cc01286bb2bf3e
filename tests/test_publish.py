"""Publishing: the site and the PDF hold exactly what the current sources give, and change in
one step or not at all — whatever fails, whoever else runs, whenever the process is killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_tools import writer
from briefing_tools.cli import main
from briefing_tools.errors import ProjectBusy
from briefing_tools.lock import project_lock
from briefing_tools.writer import publish_dir, recover_published

WITHDRAWN = """---
title: "A report later withdrawn"
outlet: Test Wire
url: null
published: 2024-11-20
published_certain: true
language: en
notes: []
---
Armenian Foreign Minister Ararat Mirzoyan said on Monday that the withdrawn talks would resume.
"""


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def debris(project: Path) -> list[str]:
    """Anything a run leaves that is not output: temporary files, half-made copies, markers."""
    found = []
    for path in project.rglob("*"):
        name = path.name
        if (name.endswith(".tmp") or name.startswith((".html-new-", ".html-old-"))
                or name in (".html-running", ".pdf-running")):
            found.append(path.relative_to(project).as_posix())
    return sorted(found)


# --- publishing one folder over another, without Sphinx -------------------------------------

def site(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def test_publishing_replaces_the_site_whole_and_drops_what_is_gone(tmp_path):
    published = site(tmp_path / "html", {"index.html": "old", "sources/gone.html": "gone"})
    built = site(tmp_path / "work", {"index.html": "new", "sources/kept.html": "kept"})
    publish_dir(built, published)
    assert tree(published) == {"index.html": b"new", "sources/kept.html": b"kept"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "work"]
    assert published.stat().st_mode & 0o777 == 0o777 & ~_umask()  # not mkdtemp's 0700


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_page_rewritten_in_place_after_publishing_leaves_the_published_one_alone(tmp_path):
    """Sphinx rewrites its pages in place: the site must share no file with its work folder,
    while pages unchanged since the last publish are reused, not copied again."""
    built = site(tmp_path / "work", {"index.html": "one", "same.html": "same"})
    published = tmp_path / "html"
    publish_dir(built, published)
    reused = (published / "same.html").stat().st_ino
    with open(built / "index.html", "w") as page:  # as Sphinx writes
        page.write("two")
    assert (published / "index.html").read_text() == "one"
    publish_dir(built, published)
    assert tree(published) == {"index.html": b"two", "same.html": b"same"}
    assert (published / "same.html").stat().st_ino == reused
    assert (published / "same.html").stat().st_ino != (built / "same.html").stat().st_ino


@pytest.mark.parametrize("exchange", [True, False], ids=["rename-exchange", "two-renames"])
def test_a_failure_while_publishing_leaves_the_old_site_whole(tmp_path, monkeypatch, exchange):
    published = site(tmp_path / "html", {"index.html": "old", "a.html": "a"})
    built = site(tmp_path / "work", {"index.html": "new"})
    before = tree(published)

    def failing_exchange(first, second):
        raise OSError("disk gone")

    real_rename = os.rename

    def failing_rename(source, target):
        if Path(target) == published and Path(source).name.startswith(".html-new-"):
            raise OSError("disk gone")
        return real_rename(source, target)

    if exchange:
        monkeypatch.setattr(writer, "_exchange", failing_exchange)
    else:  # the old site is renamed aside, then putting the new one in place fails
        monkeypatch.setattr(writer, "_exchange", lambda first, second: False)
        monkeypatch.setattr(writer.os, "rename", failing_rename)
    with pytest.raises(OSError):
        publish_dir(built, published)
    assert tree(published) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "work"]


def test_a_copy_that_fails_half_way_leaves_the_old_site_and_no_copy(tmp_path, monkeypatch):
    published = site(tmp_path / "html", {"index.html": "old"})
    built = site(tmp_path / "work", {"index.html": "new", "b.html": "b"})

    def copy_then_fail(source, target, **kwargs):
        shutil.copy(Path(source) / "index.html", Path(target) / "index.html")
        raise OSError("no space left")

    monkeypatch.setattr(writer.shutil, "copytree", copy_then_fail)
    with pytest.raises(OSError):
        publish_dir(built, published)
    assert tree(published) == {"index.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "work"]


def test_a_publish_killed_between_its_two_renames_is_undone_by_the_next_run(tmp_path):
    """What kill -9 leaves when the system cannot swap in one step: the old site renamed aside,
    the new copy beside it. The next run puts the old site back and removes the copy."""
    site(tmp_path / ".html-old-x1", {"index.html": "old"})
    site(tmp_path / ".html-new-x1", {"index.html": "new"})
    recover_published(tmp_path / "html")
    assert tree(tmp_path / "html") == {"index.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html"]


# --- the lock ------------------------------------------------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from briefing_tools.lock import project_lock
with project_lock(Path(sys.argv[1])):
    Path(sys.argv[2]).touch()
    time.sleep(float(sys.argv[3]))
"""


def hold_lock(project: Path, seconds: float) -> subprocess.Popen:
    ready = project / "holding"
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(project), str(ready),
                                str(seconds)])
    wait_for(ready)
    return process


def wait_for(path: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_a_second_run_waits_for_the_first_and_says_so_once(project, capsys):
    holder = hold_lock(project, 1.5)
    assert main(["--project", str(project), "generate"]) == 0
    err = capsys.readouterr().err
    assert err.count(f"waiting for another briefing run (pid {holder.pid}) on this project "
                     "to finish") == 1
    assert holder.wait() == 0


def test_a_run_that_waits_too_long_stops_with_one_clear_line(project):
    holder = hold_lock(project, 30)
    try:
        started = time.monotonic()
        with pytest.raises(ProjectBusy) as busy, project_lock(project, wait=0.3):
            pass
        assert time.monotonic() - started < 5
        assert str(busy.value).startswith(".briefing-cache/lock: another briefing run "
                                          f"(pid {holder.pid}) is still working")
        assert "\n" not in str(busy.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_run_killed_with_sigkill_leaves_no_stale_lock(project):
    holder = hold_lock(project, 60)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    with project_lock(project, wait=2) as fd:
        assert fd is not None


def test_the_lock_nests_within_one_process(project):
    with project_lock(project, wait=0) as outer, project_lock(project, wait=0) as inner:
        assert outer == inner


# --- whole builds (Sphinx, xelatex) ---------------------------------------------------------

def pdf_text(project: Path) -> str:
    return subprocess.run(["pdftotext", str(project / "docs/_build/pdf/briefing.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_a_removed_source_leaves_the_site_and_the_pdf_on_the_next_successful_build(
        project, tmp_path):
    withdrawn = project / "sources" / "withdrawn.md"
    withdrawn.write_text(WITHDRAWN, encoding="utf-8")
    # What earlier versions left: a staging folder holding pages of sources removed long ago.
    legacy = project / "docs" / "_build" / ".staging-html"
    site(legacy, {"briefing/sources/removed-long-ago.html": "stale"})
    html, pdf = project / "docs" / "_build" / "html", project / "docs/_build/pdf/briefing.pdf"
    assert main(["--project", str(project), "build", "html", "pdf"]) == 0
    assert (html / "briefing" / "sources" / "withdrawn.html").exists()
    assert not (html / "briefing" / "sources" / "removed-long-ago.html").exists()
    assert not legacy.exists()
    assert "A report later withdrawn" in pdf_text(project)
    before = (tree(html), pdf.read_bytes())

    # Removed, but LaTeX fails: nothing is published, not even the site that built.
    withdrawn.unlink()
    conf = project / "docs" / "conf.py"
    good_conf = conf.read_text(encoding="utf-8")
    conf.write_text(good_conf + '\nlatex_elements["preamble"] += r"\\undefinedcommandhere"\n',
                    encoding="utf-8")
    assert main(["--project", str(project), "build", "html", "pdf"]) != 0
    assert (tree(html), pdf.read_bytes()) == before
    assert debris(project) == []

    conf.write_text(good_conf, encoding="utf-8")
    assert main(["--project", str(project), "build", "html", "pdf"]) == 0
    published = tree(html)
    assert not [name for name in published if "withdrawn" in name]
    # No page links to it any more (its neighbours' previous/next links were rewritten).
    assert not [name for name, data in published.items()
                if b"withdrawn.html" in data or b"A report later withdrawn" in data]
    assert "A report later withdrawn" not in pdf_text(project)
    assert debris(project) == []

    # Exactly what a build from scratch of the same sources gives: the same files.
    from conftest import copy_project

    fresh = copy_project(tmp_path / "fresh")
    assert main(["--project", str(fresh), "build", "html"]) == 0
    assert sorted(tree(fresh / "docs" / "_build" / "html")) == sorted(published)


@pytest.mark.slow
def test_two_builds_at_once_on_one_project_both_succeed_one_after_the_other(project):
    command = [sys.executable, "-m", "briefing_tools", "--project", str(project), "build", "html"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sum("waiting for another briefing run" in err for _, err in outputs) == 1
    assert sum("up to date" in out for out, _ in outputs) == 1  # the second found it done
    assert (project / "docs/_build/html/index.html").exists()
    assert debris(project) == []


# A run paused at a chosen point, for the test to kill: the first page written by `generate`,
# or a page written by Sphinx (through the project's own conf.py, as a user's extension would).
PAUSE_IN_GENERATE = """
import sys, time
from pathlib import Path
from briefing_tools import writer
from briefing_tools.cli import main
real = writer.atomic_write
def pausing(path, data):
    real(path, data)
    Path(sys.argv[1]).touch()
    time.sleep(600)
writer.atomic_write = pausing
sys.exit(main(sys.argv[2:]))
"""

PAUSE_IN_SPHINX = """

import os as _os
import time as _time


def _pause(app, pagename, *args):
    paused = _os.environ.get("TEST_PAUSED")
    if paused and pagename == "briefing/sources/obct-2023-03-10":
        open(paused, "w").close()
        while not _os.path.exists(_os.environ["TEST_RELEASE"]):
            _time.sleep(0.05)


def setup(app):
    app.connect("html-page-context", _pause)
"""


def edit_a_source(project: Path, line: str) -> None:
    path = project / "sources" / "obct-2023-03-10.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


@pytest.mark.slow
def test_kill_9_during_generation_or_sphinx_leaves_the_last_html_and_pdf(project):
    conf = project / "docs" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + PAUSE_IN_SPHINX, encoding="utf-8")
    build = ["--project", str(project), "build", "html", "pdf"]
    assert main(build) == 0
    html, pdf = project / "docs" / "_build" / "html", project / "docs/_build/pdf/briefing.pdf"
    last_good = (tree(html), pdf.read_bytes())

    # Killed while generate writes the pages.
    edit_a_source(project, "A first added line, Alili said.")
    paused = project / "paused"
    run = subprocess.Popen([sys.executable, "-c", PAUSE_IN_GENERATE, str(paused), *build])
    wait_for(paused)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert (tree(html), pdf.read_bytes()) == last_good

    # Killed while Sphinx writes the site: Sphinx, orphaned, still holds the project.
    paused.unlink()
    release = project / "release"
    env = {**os.environ, "TEST_PAUSED": str(paused), "TEST_RELEASE": str(release)}
    run = subprocess.Popen([sys.executable, "-m", "briefing_tools", *build], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(paused)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert (tree(html), pdf.read_bytes()) == last_good
    # The orphaned Sphinx inherited the lock: nobody can race it over its folders.
    with pytest.raises(ProjectBusy), project_lock(project, wait=0.2):
        pass
    release.touch()

    # The next build waits for the orphan, then starts its folders afresh and succeeds.
    edit_a_source(project, "A second added line, Alili said.")
    assert main(["--project", str(project), "build", "html"]) == 0
    page = (html / "briefing/sources/obct-2023-03-10.html").read_text(encoding="utf-8")
    assert "A first added line" in page and "A second added line" in page
    assert debris(project) == []
