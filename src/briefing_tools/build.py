"""The one module that runs Sphinx (and LaTeX): build in staging, publish only on success."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from briefing_tools.errors import BuildError
from briefing_tools.writer import atomic_write, publish_tree

PDF_NAME = "briefing.pdf"


def _env(source_date: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if source_date and "SOURCE_DATE_EPOCH" not in env:
        env["SOURCE_DATE_EPOCH"] = source_date
    return env


def _interactive() -> bool:
    return sys.stderr.isatty()


def _run(command: list[str], cwd: Path, env: dict[str, str], what: str) -> None:
    if _interactive():  # a person is watching: let Sphinx and LaTeX show their progress
        if subprocess.run(command, cwd=cwd, env=env).returncode != 0:
            raise BuildError(f"{what} failed (see above); the previous output was left in place.")
        return
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
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


def build_html(docs: Path, source_date: str | None,
               warnings_as_errors: bool = True) -> tuple[Path, bool]:
    """Build the site; (where it is, whether Sphinx ran). Skipped when no input changed."""
    staging, final = docs / "_build" / ".staging-html", docs / "_build" / "html"
    stamp = docs / "_build" / ".html-inputs"
    fingerprint = docs_fingerprint(docs, "html", str(source_date), str(warnings_as_errors))
    if _up_to_date(stamp, fingerprint, final / "index.html"):
        return final, False
    _writable(staging, docs / "_build" / "doctrees", final)
    command = _sphinx_command("html", docs, docs / "_build" / "doctrees", staging,
                              warnings_as_errors)
    _run(command, docs, _env(source_date), "Sphinx (HTML)")
    final.mkdir(parents=True, exist_ok=True)
    publish_tree(staging, final)
    atomic_write(stamp, fingerprint.encode())
    return final, True


def build_pdf(docs: Path, source_date: str | None,
              warnings_as_errors: bool = True) -> tuple[Path, bool]:
    """Build the PDF; (where it is, whether LaTeX ran). Skipped when no input changed."""
    latex = docs / "_build" / "latex"
    target = docs / "_build" / "pdf" / PDF_NAME
    stamp = docs / "_build" / ".pdf-inputs"
    fingerprint = docs_fingerprint(docs, "pdf", str(source_date), str(warnings_as_errors))
    if _up_to_date(stamp, fingerprint, target):
        return target, False
    _writable(latex, docs / "_build" / "doctrees-latex", target.parent)
    command = _sphinx_command("latex", docs, docs / "_build" / "doctrees-latex", latex,
                              warnings_as_errors)
    env = _env(source_date)
    _run(command, docs, env, "Sphinx (LaTeX)")
    if shutil.which("latexmk") is None or shutil.which("xelatex") is None:
        raise BuildError("latexmk or xelatex is missing: run `make setup` (as root it installs "
                         "Debian's TeX packages; otherwise it prints the apt-get line)")
    env["LATEXMKOPTS"] = "-interaction=nonstopmode -halt-on-error"
    _run(["make", "-C", str(latex), "all-pdf"], docs, env, "LaTeX (xelatex)")
    pdfs = sorted(latex.glob("*.pdf"))
    if not pdfs:
        raise BuildError("LaTeX produced no PDF")
    atomic_write(target, pdfs[0].read_bytes())
    atomic_write(stamp, fingerprint.encode())
    return target, True


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
