"""The project's own error classes: each carries the file, line and a fix the user can make."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class BriefingError(Exception):
    """Bad input or a failed step, reported as ``file:line: message`` by the CLI."""

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
            text += f" ({self.hint})"
        return text


class SourceError(BriefingError):
    """A file in sources/ cannot be read or validated."""


class ConfigError(BriefingError):
    """The topic configuration or the editorial file is invalid."""


class CheckFailed(BriefingError):
    """`check` found citation problems; ``problems`` lists them."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} citation problem(s) found")
        self.problems = problems


class BuildError(BriefingError):
    """Sphinx or LaTeX failed; the previous output was left in place."""


class ProjectBusy(BriefingError):
    """Another run holds the project's lock and did not finish in time."""
