"""Command line: a thin layer that parses arguments, calls one library function, maps errors."""

from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import os
import sys
import tempfile
import time
import traceback
from datetime import date, datetime, timezone
from pathlib import Path

from briefing_tools.errors import BriefingError, CheckFailed, InputProblems, printable


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number from 1")
    return number


def _options(args: argparse.Namespace):
    from briefing_tools.pipeline import Options

    use_cache = not getattr(args, "no_cache", False)
    return Options(project=Path(args.project).resolve(), strict=getattr(args, "strict", False),
                   jobs=getattr(args, "jobs", None), progress=sys.stderr.isatty(),
                   use_cache=use_cache, skip_unchanged=use_cache and not getattr(
                       args, "strict", False))


def _locked(args: argparse.Namespace):
    """One run at a time on a project; a second one says once that it waits."""
    from briefing_tools.lock import project_lock

    return project_lock(Path(args.project).resolve(),
                        on_wait=lambda notice: print(notice, file=sys.stderr))


def cmd_generate(args: argparse.Namespace) -> int:
    from briefing_tools.pipeline import generate

    with _locked(args):
        generation = generate(_options(args))
    report = generation.report
    _print_warnings(generation)
    if generation.briefing is None:
        print(f"nothing changed since the last generation ({len(report.unchanged)} files)")
        return 0
    print(f"generated {len(generation.briefing.pages)} files: {len(report.written)} written, "
          f"{len(report.unchanged)} unchanged, {len(report.removed)} removed")
    return 0


def _print_warnings(generation) -> None:
    for warning in generation.warnings:
        print(f"warning: editorial.yaml {printable(warning)}", file=sys.stderr)
    for warning in generation.check_warnings:
        print(f"warning: {printable(warning)}", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    from briefing_tools.pipeline import check_on_disk

    verdict = check_on_disk(_options(args))
    problems = verdict.failures(args.strict)
    for problem in problems:
        print(printable(problem))
    if not args.strict:
        for warning in verdict.warnings:
            print(f"warning: {printable(warning)}", file=sys.stderr)
    if problems:
        print(f"check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("check: every citation holds"
          + (f" ({len(verdict.warnings)} warning(s))" if verdict.warnings else ""))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from briefing_tools.build import build, missing_glyphs
    from briefing_tools.pipeline import DOCS_DIR, generate

    started = time.perf_counter()
    with _locked(args):
        generation = generate(_options(args))
        report = generation.report
        _print_warnings(generation)
        latest = generation.latest_published
        epoch = str(int(datetime(latest.year, latest.month, latest.day,
                                 tzinfo=timezone.utc).timestamp()))
        docs = Path(args.project).resolve() / DOCS_DIR
        print(f"pages: {len(report.written)} written, {len(report.unchanged)} unchanged "
              f"({time.perf_counter() - started:.2f} s)")
        for built in build(docs, args.targets, epoch, not args.no_strict_sphinx):
            state = "" if built.rebuilt else ", up to date"
            print(f"{built.target}: {built.output} ({built.seconds:.1f} s{state})")
            missing = missing_glyphs(docs) if built.target == "pdf" and built.rebuilt else []
            if missing:
                shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more"
                                                   if len(missing) > 10 else "")
                print(printable(f"warning: the PDF's fonts lack {len(missing)} character(s), "
                                f"left blank: {shown} — the HTML shows them; for the PDF, name "
                                "a font that has them in docs/conf.py, after the settings call "
                                "(latex_elements['fontpkg'])"), file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from briefing_tools.pipeline import knowledge_base

    _, kb, _ = knowledge_base(_options(args))  # no pages needed: nothing rendered or drawn
    if args.format == "json":
        sys.stdout.write(kb.to_json())
    else:
        from briefing_tools.escape import spreadsheet_cell

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["id", "date", "precision", "planned", "text", "date_cue", "sources"])
        for e in kb.events:
            writer.writerow([spreadsheet_cell(v) for v in (
                e.id, e.date, e.precision, e.planned, e.text, e.date_cue,
                "; ".join(f"{c.source} ¶{c.paragraph}" for c in e.citations))])
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from briefing_tools.review import review

    return review(_options(args), page=args.page, source=args.source, csv_path=args.csv,
                  since_last=not args.no_diff)


def cmd_init(args: argparse.Namespace) -> int:
    from briefing_tools.scaffold import init_briefing

    folder = Path(args.folder)
    written = init_briefing(folder, args.title)
    print(f"started a briefing in {folder}: {len(written)} files")
    print(f"  next: briefing --project {folder} add SAVED-PAGE.html|ARTICLE.txt|URL …")
    print(f"  then: make -C {folder} html   (or pdf; edit {folder}/briefing.yaml for the "
          "parties, third parties and actors)")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from briefing_tools.intake import add_articles

    published = None
    if args.published:
        try:
            published = date.fromisoformat(args.published)
        except ValueError:
            raise BriefingError(f"--published {args.published!r} is not a date", None, None,
                                "write it YYYY-MM-DD") from None
    outcomes = add_articles(Path(args.project).resolve(), args.inputs, published)
    if not outcomes:
        raise BriefingError("nothing to add", None, None,
                            "give saved pages (.html), text (.txt), Markdown (.md), folders of "
                            "them, or URLs")
    for outcome in outcomes:
        if outcome.error:
            print(f"error: {outcome.error}", file=sys.stderr)
            continue
        draft = outcome.draft
        print(f"added {outcome.written} ({draft.paragraphs} paragraphs) from {outcome.origin}")
        for finding in draft.found:
            print(f"  {finding.what}: {finding.value}  [{finding.origin}]")
        if draft.published and not draft.published_certain:
            print("  published_certain: false (a note says where the date came from; "
                  "check it, or add again with --published)")
        for missing in draft.missing:
            print(f"  not found — {missing}")
    failed = sum(1 for o in outcomes if o.error)
    added = len(outcomes) - failed
    print(f"add: {added} added, {failed} refused", file=sys.stderr if failed else sys.stdout)
    return 2 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Turn a folder of news articles into a cited briefing.")
    parser.add_argument("--project", default=".", help="folder holding sources/, briefing.yaml "
                        "and docs/ (default: the current folder)")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str, func) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--project", default=argparse.SUPPRESS,
                       help="folder holding sources/, briefing.yaml and docs/")
        p.set_defaults(func=func)
        return p

    p = add("init", "Start a new briefing: sources/, a commented briefing.yaml and docs/ with "
                    "neutral hand-written pages.", cmd_init)
    p.add_argument("folder", help="the new briefing's folder (new or empty)")
    p.add_argument("--title", help="the briefing's title (default: from the folder's name)")
    p = add("add", "Add articles to sources/: saved web pages (.html), text (.txt), Markdown "
                   "(.md), folders of them, or URLs.", cmd_add)
    p.add_argument("inputs", nargs="+", metavar="FILE|FOLDER|URL", help="what to add")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="the publication date, when the page gives none (or to correct it)")
    p = add("generate", "Regenerate the briefing pages from sources/ (checked before writing).",
            cmd_generate)
    p.add_argument("--strict", action="store_true",
                   help="fail on stale editorial decisions and on sources never cited")
    p.add_argument("--jobs", type=_positive,
                   help="worker processes for extraction (default: cores)")
    p.add_argument("--no-cache", action="store_true", help="ignore the extraction cache")
    p = add("check", "Check every citation in the generated and hand-written pages.", cmd_check)
    p.add_argument("--strict", action="store_true",
                   help="treat warnings (a source never cited) as errors")
    p = add("build", "Generate, check, and build the HTML site and/or the PDF with Sphinx.",
            cmd_build)
    p.add_argument("targets", nargs="+", choices=["html", "pdf"], help="what to build")
    p.add_argument("--strict", action="store_true",
                   help="fail on stale editorial decisions and on sources never cited")
    p.add_argument("--jobs", type=_positive,
                   help="worker processes for extraction (default: cores)")
    p.add_argument("--no-strict-sphinx", action="store_true",
                   help="do not treat Sphinx warnings as errors")
    p = add("export", "Print the knowledge base (JSON) or the chronology (CSV).", cmd_export)
    p.add_argument("--format", choices=["json", "csv"], default="json", help="output format")
    p = add("review", "Show the draft items (id, date, source, text) for editing decisions.",
            cmd_review)
    p.add_argument("--page", choices=["events", "statements", "background", "outlook"],
                   help="only items of this page")
    p.add_argument("--source", help="only items citing this source id")
    p.add_argument("--csv", help="also write the items to this CSV file")
    p.add_argument("--no-diff", action="store_true",
                   help="do not list what is new and gone since the last build")
    return parser


# Exit codes, documented in docs/manual/errors.md.
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_SYSTEM = 4
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in briefing-tools
EXIT_INTERRUPTED = 130
ERROR_LOG = "error.log"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CheckFailed as failure:
        for problem in failure.problems:
            print(printable(problem), file=sys.stderr)
        print(f"error: {failure}; nothing was written, the previous pages are intact",
              file=sys.stderr)
        return EXIT_CHECK_FAILED
    except InputProblems as problems:
        for line in problems.lines():
            print(f"error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BriefingError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted; no page was half-written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader stopped early (`briefing export | head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        print(f"error: {system_error_line(error, Path(args.project))}", file=sys.stderr)
        return EXIT_SYSTEM
    except Exception:  # noqa: BLE001 - the one top-level handler: a bug, never a traceback
        log = write_error_log(Path(args.project), argv)
        where = f"the details are in {log}" if log else "no log could be written"
        kind = sys.exc_info()[0].__name__  # type: ignore[union-attr]
        print(printable(f"error: internal error ({kind}) in briefing-tools — {where}; please "
                        "report it with that file"), file=sys.stderr)
        return EXIT_INTERNAL


def system_error_line(error: OSError, project: Path) -> str:
    """``FILE: what the system said — what to do``, for a file that cannot be read or written."""
    name = error.filename or ""
    with contextlib.suppress(ValueError, OSError):
        name = str(Path(name).resolve().relative_to(project.resolve()))
    reason = error.strerror or str(error)
    if error.errno == errno.ENOSPC:
        fix = "free some disk space and run the command again"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        fix = "make the file or folder writable (and readable) for you, then run it again"
    else:
        fix = "check the file and folder, then run the command again"
    where = f"{name}: " if name else ""
    return printable(f"{where}{reason} — {fix}")


def write_error_log(project: Path, argv: list[str] | None) -> Path | None:
    """The traceback of an unexpected error, in the project's cache or, failing that, the
    system's temporary folder; None when neither can be written."""
    from briefing_tools import __version__

    report = (f"briefing-tools {__version__}, Python {sys.version.split()[0]}\n"
              f"command: {sys.argv[0]} {' '.join(argv if argv is not None else sys.argv[1:])}\n"
              f"{traceback.format_exc()}")
    for folder in (project / ".briefing-cache", Path(tempfile.gettempdir())):
        path = folder / (ERROR_LOG if folder.name == ".briefing-cache"
                         else "briefing-tools-error.log")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(report, encoding="utf-8")
            return path
        except OSError:
            continue
    return None
