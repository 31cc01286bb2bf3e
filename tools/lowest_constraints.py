"""Print a pip constraints file that pins every declared dependency to its lowest version.

`make test-min` installs with it, so the floors in pyproject.toml are what CI proves to work
(pip itself always picks the newest). Usage: python tools/lowest_constraints.py [pyproject.toml]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

FLOOR = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*>=\s*([^,;\s]+)")


def lowest_pins(pyproject: dict) -> list[str]:
    project = pyproject["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    pins = []
    for requirement in requirements:
        match = FLOOR.match(requirement)
        if not match:
            raise SystemExit(f"{requirement!r} has no `>=` floor: declare the lowest version "
                             "that works")
        pins.append(f"{match.group(1)}=={match.group(3)}")
    return sorted(set(pins), key=str.lower)


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml")
    print("\n".join(lowest_pins(tomllib.loads(path.read_text(encoding="utf-8")))))


if __name__ == "__main__":
    main()
