"""The extraction cache: data, never code.

Entries are JSON in `.briefing-cache/extract/`, one per source, named by a hash of the source,
the configuration and the code. A project folder is handed around (shared with colleagues,
unpacked from an archive), so an entry is untrusted input: it is decoded by msgspec into the
exact dataclass types and nothing else (loading runs no code, as unpickling could), and an
entry that is malformed, of another shape, or made from another source is ignored and redone.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import multiprocessing.process
import multiprocessing.queues
import signal
from pathlib import Path

import msgspec

from briefing_tools.config import Topic
from briefing_tools.extract import SourceExtraction
from briefing_tools.model import Source
from briefing_tools.writer import atomic_write

CACHE_DIR = ".briefing-cache"
EXTRACT_DIR = "extract"
TIMELINE_DIR = "timeline"
ENTRY_SUFFIX = ".json"

_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(SourceExtraction)


def extraction_keys(sources: list[Source], topic: Topic, code: str) -> dict[str, str]:
    """Source id -> entry name: the source itself, the configuration and the code."""
    config_key = hashlib.sha256(repr(topic).encode()).hexdigest()[:16]
    return {source.id: hashlib.sha256(f"{code}{config_key}{source!r}".encode()).hexdigest()[:32]
            + ENTRY_SUFFIX for source in sources}


def read_extraction(path: Path, source: Source) -> SourceExtraction | None:
    """The cached extraction of ``source``, or None when there is none we can trust."""
    try:
        extraction = _DECODER.decode(path.read_bytes())
    except (OSError, msgspec.DecodeError):  # missing, unreadable, malformed or another shape
        return None
    if extraction.source != source:  # made from other text: copied in, or crafted
        return None
    return extraction


def write_extraction(path: Path, extraction: SourceExtraction) -> bytes:
    """Best effort: a read-only project folder still builds, only without a cache. Returns the
    entry's bytes, which a worker process hands back to the main one instead of a pickle."""
    data = _ENCODER.encode(extraction)
    with contextlib.suppress(OSError):
        atomic_write(path, data)
    return data


class EntryWriter:
    """Writes cache entries in a process of its own, while the main one goes on to build the
    knowledge base from the same extractions: creating a thousand small files is a few tenths
    of a second of the kernel's time, spent on the core the extraction's workers have just
    left idle. Used as a context manager; leaving it waits until every entry is written."""

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None

    def put_all(self, entries: list[tuple[Path, bytes]]) -> None:
        """Hand over every entry of a run at once; they are written from now on."""
        if not entries:
            return
        if self._process is not None:
            self._process.join()  # one batch at a time
        queue = multiprocessing.SimpleQueue()
        self._process = multiprocessing.Process(target=_write_entries, args=(queue,),
                                                name="briefing-cache-writer", daemon=True)
        self._process.start()
        queue.put(entries)  # one message: the writer reads it whole, then writes

    def __enter__(self) -> EntryWriter:
        return self

    def __exit__(self, *_: object) -> None:
        if self._process is not None:
            self._process.join()


def _write_entries(entries: multiprocessing.queues.SimpleQueue) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    for path, data in entries.get():
        with contextlib.suppress(OSError):  # best effort, as write_extraction
            atomic_write(path, data)


def encode_extraction(extraction: SourceExtraction) -> bytes:
    return _ENCODER.encode(extraction)


def decode_extraction(data: bytes) -> SourceExtraction:
    """An extraction this run's own worker encoded (a cache entry read from disk goes through
    read_extraction, which also checks that it was made from the source)."""
    return _DECODER.decode(data)


def prune(folder: Path, keep: set[str]) -> list[str]:
    """Delete every entry of ``folder`` not named in ``keep`` (stale entries, the pickles of
    older versions, temporary files of a killed run); their names, sorted."""
    removed = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file() and path.name not in keep:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed
