"""`briefing init`: a new briefing folder from the skeleton shipped with the package.

The skeleton (``skeleton/``) holds only what is not about any topic: the Sphinx configuration,
neutral hand-written pages that cite nothing, and a commented ``briefing.yaml``. Its
``docs/conf.py`` only calls ``sphinx_conf.settings``; the repository's own is a copy, and a test
keeps the two equal.
"""

from __future__ import annotations

import json
import shlex
import sys
from importlib import resources
from pathlib import Path

from briefing_tools.config import CONFIG_FILE
from briefing_tools.errors import BriefingError
from briefing_tools.sources import SOURCES_DIR
from briefing_tools.writer import atomic_write

# Names in the skeleton → names in the new folder (dot files are not package data).
RENAMED = {"gitignore": ".gitignore"}
# What makes a folder a briefing already: init never overwrites any of it.
BRIEFING_MARKERS = (CONFIG_FILE, SOURCES_DIR, "docs")


def skeleton_files(title: str, briefing_command: str) -> dict[str, bytes]:
    """{relative path: bytes} of a new briefing titled ``title``."""
    root = resources.files("briefing_tools") / "skeleton"
    files: dict[str, bytes] = {}
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir():
            if entry.name == "__pycache__":
                continue
            relative = f"{prefix}{RENAMED.get(entry.name, entry.name)}"
            if entry.is_dir():
                stack.append((entry, relative + "/"))
            else:
                files[relative] = entry.read_bytes()
    # A JSON string is a valid double-quoted YAML scalar: any title is safe as data.
    files[CONFIG_FILE] = files[CONFIG_FILE].replace(
        b"@TITLE@", json.dumps(title, ensure_ascii=False).encode("utf-8"))
    files["Makefile"] = files["Makefile"].replace(b"@BRIEFING@",
                                                  briefing_command.encode("utf-8"))
    files[f"{SOURCES_DIR}/.gitkeep"] = b""
    return dict(sorted(files.items()))


def title_from_folder(folder: Path) -> str:
    """'ethiopia-tigray' → 'Ethiopia tigray': a start the user replaces in briefing.yaml."""
    words = folder.name.replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() if words else "New briefing"


def this_command() -> str:
    """How the Makefile of a new briefing calls the installation that created it."""
    return f"{shlex.quote(sys.executable)} -m briefing_tools"


def init_briefing(folder: Path, title: str | None = None,
                  briefing_command: str | None = None) -> list[str]:
    """Create the briefing in ``folder`` (new or empty); return the files written."""
    existing = [name for name in BRIEFING_MARKERS if (folder / name).exists()]
    if existing:
        raise BriefingError(f"{existing[0]} already exists here", str(folder), None,
                            "init starts a new briefing and overwrites nothing: choose a new "
                            "folder, or use `briefing add` to add articles to this one")
    if folder.exists() and not folder.is_dir():
        raise BriefingError("this is a file, not a folder", str(folder), None,
                            "give the path of a new folder")
    files = skeleton_files(title or title_from_folder(folder),
                           briefing_command or this_command())
    try:
        for relative, data in files.items():
            atomic_write(folder / relative, data)
    except OSError as error:
        raise BriefingError(f"cannot write the briefing here: {error.strerror}",
                            str(error.filename or folder), None,
                            "give a folder you may write to, inside an existing folder") from None
    return list(files)
