"""The one module that runs Sphinx (and LaTeX): build in work folders, publish only when every
target succeeded, each in one step."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefing_tools.errors import BuildError
from briefing_tools.lock import child_env, project_lock
from briefing_tools.writer import (
    atomic_write,
    publish_dir,
    recover_published,
    remove_temporary_files,
)

PDF_NAME = "briefing.pdf"
HANDOUT_NAME = "handout.pdf"  # the two-page "in focus", from the same LaTeX build
HTML_DIR = "html"
HTML_WORK_DIR = ".html-work"  # Sphinx's own output folder, kept between builds
LEGACY_STAGING = ".staging-html"


def _env(source_date: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if source_date and "SOURCE_DATE_EPOCH" not in env:
        env["SOURCE_DATE_EPOCH"] = source_date
    return env


def _interactive() -> bool:
    return sys.stderr.isatty()


def _run(command: list[str], cwd: Path, env: dict[str, str], what: str,
         lock: int | None) -> None:
    # The child inherits the project's lock: killed or not, we never race a Sphinx still running.
    keep = (lock,) if lock is not None else ()
    if _interactive():  # a person is watching: let Sphinx and LaTeX show their progress
        if subprocess.run(command, cwd=cwd, env=env, pass_fds=keep).returncode != 0:
            raise BuildError(f"{what} failed (see above); the previous output was left in place.")
        return
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            pass_fds=keep)
    if result.returncode != 0:
        transcript = result.stdout + result.stderr
        if os.strerror(errno.ENOSPC) in transcript:  # the disk, not the input: one line
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(cwd / "_build"))
        tail = "\n".join(transcript.strip().splitlines()[-25:])
        raise BuildError(f"{what} failed; the previous output was left in place.\n{tail}")


def _sphinx_command(builder: str, docs: Path, doctrees: Path, out: Path,
                    warnings_as_errors: bool) -> list[str]:
    strict = ["-W", "--keep-going"] if warnings_as_errors else []
    tags = ["-t", "print"] if builder == "latex" else []
    quiet = [] if _interactive() else ["-q"]
    # -j auto: Sphinx reads and writes on every core (our extension is parallel-safe).
    return [sys.executable, "-m", "sphinx", "-b", builder, *quiet, "-j", "auto", *strict, *tags,
            "-d", str(doctrees),
            str(docs), str(out)]


def docs_fingerprint(docs: Path, *extra: str) -> str:
    """Every file Sphinx reads, by name, size and modification time (unchanged generated pages
    keep their mtime), plus the code of our extension and templates."""
    from briefing_tools.pipeline import code_fingerprint

    digest = hashlib.sha256("\x00".join((code_fingerprint(), *extra)).encode())
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs).as_posix()
        if relative.startswith("_build") or not path.is_file():
            continue
        status = path.stat()
        digest.update(f"{relative}\x00{status.st_size}\x00{status.st_mtime_ns}\x01".encode())
    return digest.hexdigest()


def _writable(*folders: Path) -> None:
    """Sphinx writes here: a folder it cannot write becomes one clear line (through the CLI's
    handler) before Sphinx starts, not a page of Sphinx's own traceback."""
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))


def _up_to_date(stamp: Path, fingerprint: str, output: Path) -> bool:
    return output.exists() and stamp.exists() and stamp.read_text() == fingerprint


@dataclass
class Built:
    """One target built in its work folder, not yet published."""

    target: str
    output: Path  # where it is published
    rebuilt: bool
    seconds: float
    publish: Callable[[], None] = lambda: None


@contextmanager
def _work_folders(marker: Path, *folders: Path) -> Iterator[None]:
    """Sphinx and LaTeX update their folders in place, so a run killed half-way may leave a
    page half-written with a fresh date, which the next run would take as done. A marker kept
    for the length of the run tells the next one to start these folders afresh."""
    if marker.exists():
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    atomic_write(marker, b"")
    try:
        yield
    except BuildError:  # Sphinx or LaTeX stopped on their own: every file they wrote is whole
        marker.unlink(missing_ok=True)
        raise
    marker.unlink(missing_ok=True)


def _tidy(build: Path) -> None:
    """What a killed run left: the half-made copy of a site, atomic_write's temporary files;
    and the work folder of versions that published file by file, which may hold the pages of
    sources removed long ago."""
    recover_published(build / HTML_DIR)
    shutil.rmtree(build / LEGACY_STAGING, ignore_errors=True)
    for folder in (build, build / "pdf"):
        remove_temporary_files(folder)


def prepare_html(docs: Path, source_date: str | None, warnings_as_errors: bool,
                 lock: int | None) -> Built:
    """Sphinx's HTML in its work folder, kept between builds so that it redoes only what
    changed; publishing copies it whole and swaps it in for the site."""
    started = time.perf_counter()
    build = docs / "_build"
    staging, final = build / HTML_WORK_DIR, build / HTML_DIR
    stamp = build / ".html-inputs"
    fingerprint = docs_fingerprint(docs, "html", str(source_date), str(warnings_as_errors))
    if _up_to_date(stamp, fingerprint, final / "index.html"):
        return Built("html", final, False, time.perf_counter() - started)
    doctrees = build / "doctrees"
    _writable(build, doctrees, final.parent)
    with _work_folders(build / ".html-running", staging, doctrees):
        command = _sphinx_command("html", docs, doctrees, staging, warnings_as_errors)
        _run(command, docs, child_env(_env(source_date), docs.parent), "Sphinx (HTML)", lock)

    def publish() -> None:
        publish_dir(staging, final)
        atomic_write(stamp, fingerprint.encode())

    return Built("html", final, True, time.perf_counter() - started, publish)


def prepare_pdf(docs: Path, source_date: str | None, warnings_as_errors: bool,
                lock: int | None) -> Built:
    """The PDF made by Sphinx's LaTeX and xelatex in their work folder."""
    started = time.perf_counter()
    build = docs / "_build"
    latex, target = build / "latex", build / "pdf" / PDF_NAME
    stamp = build / ".pdf-inputs"
    fingerprint = docs_fingerprint(docs, "pdf", str(source_date), str(warnings_as_errors))
    if _up_to_date(stamp, fingerprint, target):
        return Built("pdf", target, False, time.perf_counter() - started)
    if shutil.which("latexmk") is None or shutil.which("xelatex") is None:
        raise BuildError("latexmk or xelatex is missing: run `make setup` (as root it installs "
                         "Debian's TeX packages; otherwise it prints the apt-get line)")
    doctrees = build / "doctrees-latex"
    _writable(build, doctrees, target.parent)
    env = child_env(_env(source_date), docs.parent)
    with _work_folders(build / ".pdf-running", latex, doctrees):
        command = _sphinx_command("latex", docs, doctrees, latex, warnings_as_errors)
        _run(command, docs, env, "Sphinx (LaTeX)", lock)
        documents = [tex.with_suffix(".pdf") for tex in sorted(latex.glob("*.tex"))]
        for pdf in documents:  # last time's PDF must not pass for this time's
            pdf.unlink(missing_ok=True)
        env["LATEXMKOPTS"] = "-interaction=nonstopmode -halt-on-error"
        _run(["make", "-C", str(latex), "all-pdf"], docs, env, "LaTeX (xelatex)", lock)
    for name in (PDF_NAME, HANDOUT_NAME):
        if not (latex / name).exists():
            raise BuildError(f"LaTeX produced no {name}")

    def publish() -> None:
        atomic_write(target.with_name(HANDOUT_NAME), (latex / HANDOUT_NAME).read_bytes())
        atomic_write(target, (latex / PDF_NAME).read_bytes())
        atomic_write(stamp, fingerprint.encode())

    return Built("pdf", target, True, time.perf_counter() - started, publish)


PREPARE = {"html": prepare_html, "pdf": prepare_pdf}


def build(docs: Path, targets: list[str], source_date: str | None,
          warnings_as_errors: bool = True) -> list[Built]:
    """Build every target, and publish them only when all succeeded: a failed PDF leaves the
    site as it was too. Holds the project's lock throughout."""
    with project_lock(docs.parent) as lock:
        _tidy(docs / "_build")
        built = [PREPARE[target](docs, source_date, warnings_as_errors, lock)
                 for target in dict.fromkeys(targets)]
        for item in built:
            item.publish()
        return built


def build_html(docs: Path, source_date: str | None,
               warnings_as_errors: bool = True) -> tuple[Path, bool]:
    """Build and publish the site; (where it is, whether Sphinx ran)."""
    (html,) = build(docs, ["html"], source_date, warnings_as_errors)
    return html.output, html.rebuilt


def build_pdf(docs: Path, source_date: str | None,
              warnings_as_errors: bool = True) -> tuple[Path, bool]:
    """Build and publish the PDF; (where it is, whether LaTeX ran)."""
    (pdf,) = build(docs, ["pdf"], source_date, warnings_as_errors)
    return pdf.output, pdf.rebuilt


_MISSING_GLYPH = re.compile(r"Missing character: There is no (.) \(U\+([0-9A-F]+)\)")


def missing_glyphs(docs: Path) -> list[str]:
    """Characters the PDF's fonts lack (CJK, emoji): LaTeX leaves them blank and only says so
    deep in its log. 'U+1F600 😀' each, in order of first appearance."""
    found: dict[str, None] = {}
    for log in sorted((docs / "_build" / "latex").glob("*.log")):
        for char, code in _MISSING_GLYPH.findall(log.read_text(encoding="utf-8",
                                                               errors="replace")):
            found.setdefault(f"U+{code} {char}")
    return list(found)
