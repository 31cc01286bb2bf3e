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
