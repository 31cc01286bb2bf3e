"""Drive the stages: load → extract (cached, in parallel) → knowledge base → editorial → pages →
check → write. I/O happens here and in sources.py/writer.py; the stages are pure."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from briefing_tools import __version__
from briefing_tools.actors import Gazetteer, build_gazetteer
from briefing_tools.cache import (
    CACHE_DIR,
    EXTRACT_DIR,
    TIMELINE_DIR,
    EntryWriter,
    decode_extraction,
    encode_extraction,
    extraction_keys,
    prune,
    read_extraction,
    write_extraction,
)
from briefing_tools.check import Verdict, check_briefing
from briefing_tools.config import CONFIG_FILE, Topic, load_topic
from briefing_tools.editorial import (
    EDITORIAL_FILE,
    SNAPSHOT_FILE,
    all_items,
    apply_editorial,
    load_editorial,
)
from briefing_tools.errors import CheckFailed, ConfigError
from briefing_tools.extract import SourceExtraction, extract_source
from briefing_tools.knowledge import build_knowledge
from briefing_tools.lock import project_lock
from briefing_tools.model import KnowledgeBase, Source
from briefing_tools.render import GENERATED_DIR, render_pages
from briefing_tools.sources import load_sources
from briefing_tools.timeline import draw_timeline, focus, key_events
from briefing_tools.writer import (
    WriteReport,
    atomic_write,
    remove_temporary_files,
    sync_tree,
)

DOCS_DIR = "docs"
# Below this many uncached articles, starting worker processes costs more than it saves.
PARALLEL_MIN_SOURCES = 40


@dataclass(frozen=True)
class Options:
    """Everything a run needs, built once by the CLI or the Sphinx hook."""

    project: Path
    strict: bool = False
    jobs: int | None = None
    progress: bool = False
    use_cache: bool = True
    today: date | None = None
    # Skip the whole generation when no input changed since the last successful one (what the
    # CLI does; the library default rebuilds, so callers always get a knowledge base).
    skip_unchanged: bool = False


@dataclass
class Generation:
    """What `generate` did: the briefing (None when nothing had changed), the pages written."""

    briefing: Briefing | None
    report: WriteReport
    latest_published: date
    warnings: list[str]
    check_warnings: list[str] = field(default_factory=list)


@dataclass
class Briefing:
    topic: Topic
    kb: KnowledgeBase
    pages: dict[str, bytes]
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    check_warnings: list[str] = field(default_factory=list)  # fatal only under --strict


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Results depend on the code and templates: a changed rule must not reuse stale results."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted([*package.glob("*.py"), *package.glob("templates/*.j2")]):
        digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()[:16]


_WORKER: dict[str, object] = {}


def _init_worker(topic: Topic) -> None:
    _WORKER["topic"] = topic
    _WORKER["gazetteer"] = build_gazetteer(topic)


def _extract_and_cache(source: Source, cache_path: Path | None, topic: Topic,
                       gazetteer: Gazetteer) -> SourceExtraction:
    extraction = extract_source(source, topic, gazetteer)
    if cache_path is not None:  # written where it is made: a worker's result is encoded once
        write_extraction(cache_path, extraction)
    return extraction


def _extract_in_worker(job: tuple[Source, Path | None]) -> bytes:
    """A worker's extraction, encoded as its cache entry is: msgspec encodes and decodes it in
    a third of the time pickle takes, and the entry is encoded anyway. Written here when a
    path is given (else by the main process's EntryWriter, or not at all)."""
    source, cache_path = job
    extraction = extract_source(source, _WORKER["topic"], _WORKER["gazetteer"])  # type: ignore[arg-type]
    if cache_path is None:
        return encode_extraction(extraction)
    return write_extraction(cache_path, extraction)


def extract_all(sources: list[Source], topic: Topic, options: Options,
                writer: EntryWriter | None = None) -> list[SourceExtraction]:
    """Extract every source, reusing cached results keyed on content, config and code.

    ``writer``: the workers' new cache entries are handed to it to write while the caller
    goes on, instead of being written by the workers."""
    cache = options.project / CACHE_DIR / EXTRACT_DIR
    keys = extraction_keys(sources, topic, code_fingerprint())
    results: dict[str, SourceExtraction] = {}
    todo: list[tuple[Source, Path]] = []
    for source in sources:
        path = cache / keys[source.id]
        cached = read_extraction(path, source) if options.use_cache else None
        if cached is not None:
            results[source.id] = cached
        else:
            todo.append((source, path))
    if todo:
        jobs = options.jobs or os.cpu_count() or 1
        work = [(s, p if options.use_cache else None) for s, p in todo]
        if jobs > 1 and len(todo) >= PARALLEL_MIN_SOURCES:
            deferred = writer is not None and options.use_cache
            jobs_for_workers = [(s, None) for s, _ in work] if deferred else work
            with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(topic,)) as pool:
                encoded = list(_progress(pool.map(_extract_in_worker, jobs_for_workers,
                                                  chunksize=16), len(work), options, "extract"))
            if deferred:
                writer.put_all([(path, data) for (_, path), data  # type: ignore[union-attr]
                                in zip(work, encoded, strict=True)])
            done = [decode_extraction(data) for data in encoded]
        else:
            gazetteer = build_gazetteer(topic)
            done = [_extract_and_cache(source, path, topic, gazetteer)
                    for source, path in _progress(work, len(work), options, "extract")]
        for (source, _), extraction in zip(todo, done, strict=True):
            results[source.id] = extraction
    return [results[s.id] for s in sources]


def _progress(iterable, total: int, options: Options, what: str):
    if not options.progress or total < 20:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=what, unit="article", file=sys.stderr)


def _hand_written_pages(project: Path) -> dict[str, str]:
    docs = project / DOCS_DIR
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(project).as_posix()
        parts = path.relative_to(docs).parts
        if parts[0] in (GENERATED_DIR, "_build", "manual"):
            continue
        pages[relative] = _read_page(path, relative)
    return pages


def _read_page(path: Path, shown: str) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", shown, None,
                          "re-save the page as UTF-8") from None


def knowledge_base(options: Options) -> tuple[Topic, KnowledgeBase, list[str]]:
    """Topic, sources, extraction, knowledge base and the editors' decisions: (topic, kb,
    warnings about stale decisions)."""
    topic = load_topic(options.project)
    sources = load_sources(options.project, options.today)
    with EntryWriter() as writer:  # the cache is written while the knowledge base is built
        kb = build_knowledge(extract_all(sources, topic, options, writer), topic)
    kb, warnings = apply_editorial(kb, load_editorial(options.project), topic)
    return topic, kb, warnings


def build_briefing(options: Options) -> Briefing:
    """Everything up to, not including, writing: the pages in memory and the check's verdict."""
    project = options.project
    topic, kb, warnings = knowledge_base(options)
    drawn, left_out = focus(kb.events)
    note = ""
    if left_out:
        count = "1 earlier event" if len(left_out) == 1 else f"{len(left_out)} earlier events"
        verb = "is" if len(left_out) == 1 else "are"
        note = f"{count}, from {left_out[0].date[:4]}, {verb} in the table below."
    with _timeline_drawing(drawn, options) as timeline:
        text_pages = render_pages(kb, topic, "timeline" if drawn else None, note)
        pages = {path: text.encode("utf-8") for path, text in text_pages.items()}
        # Compact: the C encoder is several times faster than an indented dump at scale;
        # `briefing export` prints the readable form.
        pages["_knowledge.json"] = (json.dumps(kb.as_dict(), ensure_ascii=False,
                                               separators=(",", ":")) + "\n").encode("utf-8")
        prefix = f"{DOCS_DIR}/{GENERATED_DIR}/"
        all_pages = {prefix + p: t for p, t in text_pages.items()}
        all_pages.update(_hand_written_pages(project))
        verdict = check_briefing(kb, all_pages, topic)
        figure = timeline()  # asked for last: a new one is drawn while the rest is done
    if figure:
        pages["timeline.svg"] = figure["svg"]
        pages["timeline.pdf"] = figure["pdf"]
        pages["timeline-narrow.svg"] = figure["narrow.svg"]
    problems = verdict.failures(options.strict)
    if options.strict:
        problems += [f"{EDITORIAL_FILE}: {w}" for w in warnings if "no longer exists" in w]
    return Briefing(topic, kb, pages, warnings, problems, list(verdict.warnings))


TIMELINE_FORMATS = ("svg", "pdf", "narrow.svg")


def _timeline_key(events: list) -> str:
    """The figure depends on the events' dates and which of them are labelled as key events."""
    return hashlib.sha256(repr([(e.date, e.precision, e.planned) for e in events]).encode()
                          + repr([e.id for e in key_events(events)]).encode()
                          + code_fingerprint().encode()).hexdigest()[:24]


def _draw(events: list) -> dict[str, bytes]:
    return draw_timeline(events, key_events(events))


@contextlib.contextmanager
def _timeline_drawing(events: list, options: Options
                      ) -> Iterator[Callable[[], dict[str, bytes] | None]]:
    """The timeline figure: what this yields, called, gives it. The figure depends only on the
    events' dates, so it comes from the cache unless they changed; a new one is drawn in a
    process of its own while the pages are composed (matplotlib's import and three
    renderings take seconds at scale)."""
    if not events:
        yield lambda: None
        return
    folder = options.project / CACHE_DIR / TIMELINE_DIR
    paths = {fmt: folder / f"{_timeline_key(events)}.{fmt}" for fmt in TIMELINE_FORMATS}
    if options.use_cache:
        try:
            cached = {fmt: p.read_bytes() for fmt, p in paths.items()}
        except OSError:
            pass
        else:
            yield lambda: cached
            return

    def keep(figure: dict[str, bytes]) -> dict[str, bytes]:
        if options.use_cache:
            for fmt, path in paths.items():
                atomic_write(path, figure[fmt])
        return figure

    if options.jobs == 1:
        figure = keep(_draw(events))
        yield lambda: figure
        return
    with ProcessPoolExecutor(1) as pool:
        drawing = pool.submit(_draw, events)
        yield lambda: keep(drawing.result())


def _prune_cache(project: Path, briefing: Briefing) -> None:
    """Keep only what the current sources, configuration and code use: about 20 KB an
    article and a configuration would otherwise pile up with every edit."""
    cache = project / CACHE_DIR
    sources = [report.source for report in briefing.kb.sources]
    prune(cache / EXTRACT_DIR, set(extraction_keys(sources, briefing.topic,
                                                   code_fingerprint()).values()))
    drawn, _ = focus(briefing.kb.events)
    key = _timeline_key(drawn) if drawn else None
    prune(cache / TIMELINE_DIR, {f"{key}.{fmt}" for fmt in TIMELINE_FORMATS} if key else set())
    remove_temporary_files(cache)


GENERATE_STAMP = "generate.json"


def inputs_fingerprint(project: Path) -> str:
    """Everything a generation reads: sources, configuration, editorial file, hand-written
    pages, Sphinx configuration, and the code itself."""
    digest = hashlib.sha256(code_fingerprint().encode())
    files = [project / CONFIG_FILE, project / EDITORIAL_FILE, project / DOCS_DIR / "conf.py"]
    sources = project / "sources"
    files += sorted(sources.glob("*.md")) if sources.is_dir() else []
    files += [project / p for p in sorted(_hand_written_pages(project))]
    for path in files:
        digest.update(str(path.relative_to(project)).encode() + b"\x00")
        try:
            digest.update(path.read_bytes() if path.is_file() else b"")
        except OSError:  # unreadable: loading the sources reports it, naming the file
            digest.update(b"\x03")
        digest.update(b"\x01")
    # Every other name in sources/ too: an added `x.MD`, subfolder or link must be reported,
    # not skipped as "nothing changed".
    for path in sorted(sources.rglob("*")) if sources.is_dir() else []:
        digest.update(path.relative_to(sources).as_posix().encode() + b"\x02")
    return digest.hexdigest()


def _read_stamp(path: Path) -> dict | None:
    """The last generation's record, or None when there is none or it is damaged (then the
    pages are simply generated again)."""
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
        date.fromisoformat(stamp["latest_published"])
        return stamp if isinstance(stamp.get("warnings"), list) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def generate(options: Options) -> Generation:
    """Build, check, and only then write the pages: a failure leaves the last good pages.
    One run at a time on a project (see lock.py)."""
    with project_lock(options.project):
        return _generate(options)


def _generate(options: Options) -> Generation:
    project = options.project
    output = project / DOCS_DIR / GENERATED_DIR
    stamp_path = project / CACHE_DIR / GENERATE_STAMP
    fingerprint = inputs_fingerprint(project) if options.skip_unchanged else None
    stamp = _read_stamp(stamp_path) if fingerprint and output.is_dir() else None
    if stamp:
        present = sorted(p.relative_to(output).as_posix() for p in output.rglob("*")
                         if p.is_file())
        if stamp.get("fingerprint") == fingerprint and present == stamp.get("files"):
            return Generation(None, WriteReport(unchanged=present),
                              date.fromisoformat(stamp["latest_published"]), stamp["warnings"],
                              stamp.get("check_warnings", []))
    briefing = build_briefing(options)
    if briefing.problems:
        raise CheckFailed(briefing.problems)
    # What this build contained, for `review` to say what is new next time. Written before the
    # pages, so that a folder that cannot be written stops the run with the pages untouched.
    snapshot = json.dumps({"items": all_items(briefing.kb)}, ensure_ascii=False, indent=1,
                          sort_keys=True).encode("utf-8")
    snapshot_path = project / SNAPSHOT_FILE
    if not snapshot_path.exists() or snapshot_path.read_bytes() != snapshot:
        atomic_write(snapshot_path, snapshot)
    if fingerprint:
        # Until the pages are all written, the record says nothing is up to date: a run killed
        # half-way is redone, and a record that cannot be written stops the run here.
        atomic_write(stamp_path, b'{"fingerprint": null}')
    report = sync_tree(output, briefing.pages)
    if options.use_cache:
        _prune_cache(project, briefing)
    latest = max(r.source.published for r in briefing.kb.sources)
    if fingerprint:
        atomic_write(stamp_path, json.dumps({
            "fingerprint": fingerprint, "latest_published": latest.isoformat(),
            "warnings": briefing.warnings, "check_warnings": briefing.check_warnings,
            "files": sorted(briefing.pages)}).encode("utf-8"))
    return Generation(briefing, report, latest, briefing.warnings, briefing.check_warnings)


def check_on_disk(options: Options) -> Verdict:
    """`check`: the pages as they stand on disk (generated and hand-written) against sources."""
    project = options.project
    topic, kb, _ = knowledge_base(options)
    pages = _hand_written_pages(project)
    generated = project / DOCS_DIR / GENERATED_DIR
    for path in sorted(generated.rglob("*.md")) if generated.exists() else []:
        relative = path.relative_to(project).as_posix()
        pages[relative] = _read_page(path, relative)
    if not any(p.startswith(f"{DOCS_DIR}/{GENERATED_DIR}/") for p in pages):
        return Verdict((f"{DOCS_DIR}/{GENERATED_DIR}: no generated pages "
                        "(run `briefing generate`)",))
    return check_briefing(kb, pages, topic)


__all__ = ["Options", "Briefing", "Generation", "build_briefing", "generate", "check_on_disk",
           "extract_all", "inputs_fingerprint", "knowledge_base", "CONFIG_FILE"]
