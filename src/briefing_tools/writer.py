"""Write generated files safely: only what changed, each atomically, nothing half-written."""

from __future__ import annotations

import ctypes
import errno
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


def _default_dir_mode() -> int:
    return FILE_MODE | (FILE_MODE & 0o444) >> 2  # read implies search (x) for folders


# Linux's renameat2(RENAME_EXCHANGE) swaps two folders in one step: a reader of the published
# site sees the old one or the new one, never neither.
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system cannot (then we rename twice)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                 _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def leftovers(published: Path) -> list[Path]:
    """Folders a killed publish may have left beside ``published``."""
    parent = published.parent
    if not parent.is_dir():
        return []
    return sorted(parent.glob(f".{published.name}-new-*")) + sorted(
        parent.glob(f".{published.name}-old-*"))


def recover_published(published: Path) -> None:
    """Undo what a publish killed between its two renames left: put the old site back if it
    is missing, and remove half-made copies. Call it holding the project's lock."""
    olds = sorted(published.parent.glob(f".{published.name}-old-*"))
    if not published.exists() and olds:
        os.rename(olds[-1], published)
    for path in leftovers(published):
        shutil.rmtree(path, ignore_errors=True)


def _copy_or_reuse(built: Path, published: Path):
    """A copy function for copytree: a file unchanged since the last publish (same size and
    modification time, which copy2 keeps) is hard-linked from the published site instead of
    copied — a thousand-page site is then published in a tenth of the time. Never linked to
    ``built``: Sphinx rewrites its files in place, which would change the published ones."""

    def copy(source: str, target: str) -> str:
        previous = published / Path(source).relative_to(built)
        try:
            new, old = os.stat(source), os.stat(previous)
            if (new.st_size, new.st_mtime_ns) == (old.st_size, old.st_mtime_ns):
                os.link(previous, target)
                return target
        except OSError:
            pass  # not published before, or no hard links here: copy
        return shutil.copy2(source, target)

    return copy


def publish_dir(built: Path, published: Path) -> None:
    """Make ``published`` an exact copy of ``built`` in one step: copy into a fresh folder beside
    it, then swap the two by renaming. A failure (or kill -9) at any point leaves the old
    folder whole; nothing of a removed page survives the swap."""
    published.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=published.parent, prefix=f".{published.name}-new-"))
    try:
        shutil.copytree(built, fresh, dirs_exist_ok=True,
                        copy_function=_copy_or_reuse(built, published))
        os.chmod(fresh, _default_dir_mode())  # mkdtemp makes it private (0700)
        if not published.exists():
            os.rename(fresh, published)
            return
        if not _exchange(fresh, published):
            old = fresh.with_name(fresh.name.replace("-new-", "-old-"))
            os.rename(published, old)
            try:
                os.rename(fresh, published)
            except BaseException:
                os.rename(old, published)
                raise
            fresh = old
        shutil.rmtree(fresh)  # now the old site
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


def remove_temporary_files(folder: Path) -> list[str]:
    """Remove what `atomic_write` leaves when its process is killed (``.NAME.XXXX.tmp``)."""
    removed = []
    for path in sorted(folder.glob(".*.tmp")) if folder.is_dir() else []:
        path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed
