"""Write generated files safely: only what changed, each atomically, nothing half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


def _default_mode() -> int:
    """What a plainly created file would get: 0666 less the umask (mkstemp gives 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _default_mode()


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: a reader (or Ctrl-C) never sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, FILE_MODE)  # readable like any other output (a web server, a colleague)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sync_tree(target: Path, files: dict[str, bytes]) -> WriteReport:
    """Make ``target`` hold exactly ``files``; unchanged files keep their mtime (so Sphinx
    rebuilds nothing for them)."""
    report = WriteReport()
    for relative, data in sorted(files.items()):
        path = target / relative
        if path.exists() and path.read_bytes() == data:
            report.unchanged.append(relative)
            continue
        atomic_write(path, data)
        report.written.append(relative)
    if target.exists():
        for path in sorted(target.rglob("*")):
            relative = path.relative_to(target).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
                report.removed.append(relative)
    return report


def publish_tree(staging: Path, final: Path) -> None:
    """Copy a finished build over the published one, file by file, each atomically."""
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            target = final / path.relative_to(staging)
            if not target.exists() or target.stat().st_size != path.stat().st_size or \
                    target.read_bytes() != path.read_bytes():
                atomic_write(target, path.read_bytes())
    for path in sorted(final.rglob("*"), reverse=True):
        if not (staging / path.relative_to(final)).exists():
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
