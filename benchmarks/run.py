"""Benchmarks: extraction, page generation, Sphinx HTML and PDF, rebuilds, peak memory.

Usage: python benchmarks/run.py [--sizes 5 100 1000] [--pdf-up-to 100] [--extract-only]
Writes benchmarks/results/results.md and results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from make_corpus import make_corpus

from briefing_tools.config import load_topic
from briefing_tools.pipeline import Options, build_briefing, extract_all
from briefing_tools.sources import load_sources

HERE = Path(__file__).resolve().parent
WORK = HERE / "results" / "work"


def run_measured(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """(seconds, peak resident MB of the command and its children, output)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, output


def extraction_figures(project: Path) -> dict[str, float]:
    topic = load_topic(project)
    sources = load_sources(project)
    figures = {}
    for jobs in (1, 2):
        started = time.perf_counter()
        extract_all(sources, topic, Options(project=project, use_cache=False, jobs=jobs))
        elapsed = time.perf_counter() - started
        figures[f"extract_s_jobs{jobs}"] = elapsed
        figures[f"articles_per_s_jobs{jobs}"] = len(sources) / elapsed
    # The cache: extraction plus writing every entry, then reading them all back.
    import shutil

    shutil.rmtree(project / ".briefing-cache", ignore_errors=True)
    for figure in ("cache_cold_s_jobs1", "cache_warm_s"):
        started = time.perf_counter()
        extract_all(sources, topic, Options(project=project, jobs=1))
        figures[figure] = time.perf_counter() - started
    return figures


def bench_size(n: int, pdf: bool, extract_only: bool) -> dict[str, float]:
    project = make_corpus(n, WORK / f"n{n}")
    result: dict[str, float] = {"n": n}
    result.update(extraction_figures(project))
    if extract_only:
        return result
    briefing_cmd = [sys.executable, "-m", "briefing_tools", "--project", str(project)]
    # Pages alone (extraction cached by the figures above): knowledge base, render, check.
    started = time.perf_counter()
    build_briefing(Options(project=project))
    result["pages_s"] = time.perf_counter() - started
    import shutil

    shutil.rmtree(project / ".briefing-cache", ignore_errors=True)
    seconds, peak, _ = run_measured(briefing_cmd + ["generate"], project)
    result["generate_cold_s"], result["generate_peak_mb"] = seconds, peak
    seconds, peak, out = run_measured(briefing_cmd + ["build", "html"], project)
    result["html_total_s"], result["html_peak_mb"] = seconds, peak
    result["sphinx_html_s"] = float(out.split("html: ")[1].split("(")[1].split(" s)")[0])
    shutil.rmtree(project / "docs" / "_build")
    shutil.rmtree(project / ".briefing-cache", ignore_errors=True)
    shutil.rmtree(project / "docs" / "briefing")
    seconds, peak, _ = run_measured(briefing_cmd + ["build", "html"], project)
    result["end_to_end_html_s"], result["end_to_end_peak_mb"] = seconds, peak
    seconds, _, out = run_measured(briefing_cmd + ["build", "html"], project)
    result["rebuild_unchanged_s"] = seconds
    result["rebuild_unchanged_pages_written"] = float(out.split("pages: ")[1].split(" ")[0])
    new = project / "sources" / "zz-added.md"
    seed = next((project / "sources").glob("report-*.md"), None) or next(
        (project / "sources").glob("*.md"))
    text = seed.read_text(encoding="utf-8").replace("title: ", "title: Added ", 1)
    new.write_text(text + "\nA new paragraph, said Mirzoyan on Tuesday.\n", encoding="utf-8")
    seconds, _, _ = run_measured(briefing_cmd + ["build", "html"], project)
    result["rebuild_one_added_s"] = seconds
    if pdf:
        seconds, peak, _ = run_measured(briefing_cmd + ["build", "pdf"], project)
        result["pdf_total_s"], result["pdf_peak_mb"] = seconds, peak
    return result


def write_results(rows: list[dict[str, float]]) -> None:
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    (out / "results.json").write_text(json.dumps({"machine": machine, "rows": rows}, indent=1)
                                      + "\n", encoding="utf-8")
    keys = sorted({k for r in rows for k in r if k != "n"})
    lines = [f"# Benchmark results\n\nMachine: {machine}.\n", "| figure | "
             + " | ".join(f"N = {int(r['n'])}" for r in rows) + " |",
             "|---|" + "---|" * len(rows)]
    for key in keys:
        cells = [f"{r[key]:.2f}" if key in r else "—" for r in rows]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    (out / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 100, 1000])
    parser.add_argument("--pdf-up-to", type=int, default=100)
    parser.add_argument("--extract-only", action="store_true", help="time extraction alone")
    args = parser.parse_args()
    rows = [bench_size(n, n <= args.pdf_up_to, args.extract_only) for n in args.sizes]
    write_results(rows)


if __name__ == "__main__":
    main()
