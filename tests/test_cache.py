"""The extraction cache holds data, never code; it keeps only what the current sources use, and
an entry that is corrupt, foreign or crafted is ignored and made again."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from briefing_tools.cache import (
    CACHE_DIR,
    EXTRACT_DIR,
    TIMELINE_DIR,
    extraction_keys,
    read_extraction,
    write_extraction,
)
from briefing_tools.config import load_topic
from briefing_tools.errors import BriefingError
from briefing_tools.pipeline import Options, code_fingerprint, generate
from briefing_tools.sources import load_sources


def entries(project: Path, folder: str = EXTRACT_DIR) -> list[str]:
    path = project / CACHE_DIR / folder
    return sorted(p.name for p in path.iterdir()) if path.is_dir() else []


def keys(project: Path) -> dict[str, str]:
    return extraction_keys(load_sources(project), load_topic(project), code_fingerprint())


def pages(project: Path) -> dict[str, bytes]:
    folder = project / "docs" / "briefing"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_every_extraction_comes_back_from_the_cache_as_it_went_in(extractions, tmp_path):
    for source_id, extraction in extractions.items():
        path = tmp_path / f"{source_id}.json"
        write_extraction(path, extraction)
        assert path.read_bytes().startswith(b"{")
        assert read_extraction(path, extraction.source) == extraction


class RunsCode:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_crafted_cache_entry_runs_nothing(project):
    """A project folder handed over with a pickle that would run code when loaded."""
    marker = project / "pwned"
    payload = pickle.dumps(RunsCode(marker))
    assert not marker.exists()
    folder = project / CACHE_DIR / EXTRACT_DIR
    folder.mkdir(parents=True)
    for name in keys(project).values():
        (folder / name).write_bytes(payload)  # where the entry is looked for
        (folder / name.replace(".json", ".pickle")).write_bytes(payload)  # the old format
    generated = generate(Options(project=project)).briefing
    assert not marker.exists()
    assert entries(project) == sorted(keys(project).values())  # made again, pickles gone
    assert generated.pages == generate(Options(project=project, use_cache=False)).briefing.pages


def test_a_corrupt_or_foreign_entry_is_ignored_and_made_again(project):
    generate(Options(project=project))
    first = pages(project)
    names = keys(project)
    folder = project / CACHE_DIR / EXTRACT_DIR
    corrupt = folder / names["obct-2023-03-10"]
    corrupt.write_bytes(corrupt.read_bytes()[:100])
    # Another source's entry under this one's name: valid data, wrong article.
    foreign = folder / names["oc-media-2024-12-06"]
    foreign.write_bytes((folder / names["afp-lapresse-2023-11-16"]).read_bytes())
    # Well-formed JSON of another shape.
    (folder / names["reuters-trt-2023-06-22"]).write_bytes(b'{"source": {"id": 1}}')
    sources = {s.id: s for s in load_sources(project)}
    assert read_extraction(corrupt, sources["obct-2023-03-10"]) is None
    assert read_extraction(foreign, sources["oc-media-2024-12-06"]) is None

    generate(Options(project=project))
    assert pages(project) == first
    for source_id, name in names.items():
        assert read_extraction(folder / name, sources[source_id]) is not None, source_id


def test_the_cache_keeps_only_what_the_current_sources_use(project):
    generate(Options(project=project))
    before = keys(project)
    assert entries(project) == sorted(before.values())
    assert len(entries(project, TIMELINE_DIR)) == 3  # the figure: SVG, narrow SVG and PDF
    (project / CACHE_DIR / EXTRACT_DIR / ".leftover.json.x1.tmp").write_bytes(b"half")

    edited = project / "sources" / "obct-2023-03-10.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA closing line, Alili said.\n",
                      encoding="utf-8")
    (project / "sources" / "afp-lapresse-2023-11-16.md").unlink()
    generate(Options(project=project))
    after = keys(project)
    assert after["obct-2023-03-10"] != before["obct-2023-03-10"]
    assert entries(project) == sorted(after.values())
    assert len(entries(project, TIMELINE_DIR)) == 3


def test_a_failed_generation_prunes_nothing(project):
    generate(Options(project=project))
    kept = entries(project)
    bad = project / "sources" / "obct-2023-03-10.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("published: 2023-03-10",
                                                            "published: 2023-02-30"),
                   encoding="utf-8")
    with pytest.raises(BriefingError):
        generate(Options(project=project))
    assert entries(project) == kept
