"""The project's own error classes: each carries the file, line and a fix the user can make."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters (an ANSI escape in a YAML key), and the bidirectional and zero-width marks
# that make a terminal show something other than what the file holds: printed as escapes.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069"
                          r"\ufeff]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: one line, no control or direction characters."""
    text = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))
    return text.replace("\n", "\\n").replace("\t", " ")


@dataclass
class BriefingError(Exception):
    """Bad input or a failed step, reported as ``file:line: what is wrong — how to fix it``."""

    message: str
    path: str | None = None
    line: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return printable(text)


class SourceError(BriefingError):
    """A file in sources/ cannot be read or validated."""


class ConfigError(BriefingError):
    """The topic configuration or the editorial file is invalid."""


class InputProblems(BriefingError):
    """Several problems in one file, reported together so that one edit can fix them all."""

    def __init__(self, problems: list[BriefingError]):
        first = problems[0]
        super().__init__(first.message, first.path, first.line, first.hint)
        self.problems = problems

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


class CheckFailed(BriefingError):
    """`check` found citation problems; ``problems`` lists them."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} citation problem(s) found")
        self.problems = problems


class BuildError(BriefingError):
    """Sphinx or LaTeX failed; the previous output was left in place. The message may carry the
    tail of the tool's transcript after its first line."""

    def __str__(self) -> str:
        return "\n".join(printable(line) for line in self.message.split("\n"))


class ProjectBusy(BriefingError):
    """Another run holds the project's lock and did not finish in time."""
