"""Command line: a thin layer that parses arguments, calls one library function, maps errors."""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from briefing_tools.errors import BriefingError, CheckFailed


def _options(args: argparse.Namespace):
    from briefing_tools.pipeline import Options

    use_cache = not getattr(args, "no_cache", False)
    return Options(project=Path(args.project).resolve(), strict=getattr(args, "strict", False),
                   jobs=getattr(args, "jobs", None), progress=sys.stderr.isatty(),
                   use_cache=use_cache, skip_unchanged=use_cache and not getattr(
                       args, "strict", False))


def cmd_generate(args: argparse.Namespace) -> int:
    from briefing_tools.pipeline import generate

    generation = generate(_options(args))
    report = generation.report
    for warning in generation.warnings:
        print(f"warning: editorial.yaml {warning}", file=sys.stderr)
    if generation.briefing is None:
        print(f"nothing changed since the last generation ({len(report.unchanged)} files)")
        return 0
    print(f"generated {len(generation.briefing.pages)} files: {len(report.written)} written, "
          f"{len(report.unchanged)} unchanged, {len(report.removed)} removed")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from briefing_tools.pipeline import check_on_disk

    problems = check_on_disk(_options(args))
    for problem in problems:
        print(problem)
    if problems:
        print(f"check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("check: every citation holds")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from briefing_tools.build import build_html, build_pdf
    from briefing_tools.pipeline import DOCS_DIR, generate

    started = time.perf_counter()
    generation = generate(_options(args))
    report = generation.report
    for warning in generation.warnings:
        print(f"warning: editorial.yaml {warning}", file=sys.stderr)
    latest = generation.latest_published
    epoch = str(int(datetime(latest.year, latest.month, latest.day,
                             tzinfo=timezone.utc).timestamp()))
    docs = Path(args.project).resolve() / DOCS_DIR
    print(f"pages: {len(report.written)} written, {len(report.unchanged)} unchanged "
          f"({time.perf_counter() - started:.2f} s)")
    for target in args.targets:
        step = time.perf_counter()
        builder = build_html if target == "html" else build_pdf
        out, rebuilt = builder(docs, epoch, not args.no_strict_sphinx)
        state = "" if rebuilt else ", up to date"
        print(f"{target}: {out} ({time.perf_counter() - step:.1f} s{state})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from briefing_tools.pipeline import knowledge_base

    _, kb, _ = knowledge_base(_options(args))  # no pages needed: nothing rendered or drawn
    if args.format == "json":
        sys.stdout.write(kb.to_json())
    else:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["id", "date", "precision", "planned", "text", "date_cue", "sources"])
        for e in kb.events:
            writer.writerow([e.id, e.date, e.precision, e.planned, e.text, e.date_cue,
                             "; ".join(f"{c.source} ¶{c.paragraph}" for c in e.citations)])
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from briefing_tools.review import review

    return review(_options(args), page=args.page, source=args.source, csv_path=args.csv,
                  since_last=not args.no_diff)


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

    p = add("generate", "Regenerate the briefing pages from sources/ (checked before writing).",
            cmd_generate)
    p.add_argument("--strict", action="store_true", help="fail on stale editorial decisions")
    p.add_argument("--jobs", type=int, help="worker processes for extraction (default: cores)")
    p.add_argument("--no-cache", action="store_true", help="ignore the extraction cache")
    add("check", "Check every citation in the generated and hand-written pages.", cmd_check)
    p = add("build", "Generate, check, and build the HTML site and/or the PDF with Sphinx.",
            cmd_build)
    p.add_argument("targets", nargs="+", choices=["html", "pdf"], help="what to build")
    p.add_argument("--strict", action="store_true", help="fail on stale editorial decisions")
    p.add_argument("--jobs", type=int, help="worker processes for extraction (default: cores)")
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CheckFailed as failure:
        for problem in failure.problems:
            print(problem, file=sys.stderr)
        print(f"error: {failure}; nothing was written, the previous pages are intact",
              file=sys.stderr)
        return 1
    except BriefingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; no page was half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped early (`briefing export | head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
