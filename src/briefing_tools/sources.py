"""Load and validate ``sources/<id>.md``: YAML front matter, then the article as handed over."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from briefing_tools.errors import ConfigError, SourceError
from briefing_tools.model import Source
from briefing_tools.yamlnodes import compose, line_of, mapping, scalar, strings, to_python

SOURCES_DIR = "sources"
# Articles are a few kilobytes; anything past this is a mistake (a saved video, a database dump),
# and refusing it before reading keeps memory bounded whatever lands in sources/.
MAX_SOURCE_BYTES = 2_000_000
REQUIRED_KEYS = {"title", "outlet", "url", "published", "published_certain", "language", "notes"}
OPTIONAL_KEYS = {"id", "translated_from"}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def parse_source(data: bytes, path: str, today: date | None = None) -> Source:
    """Validate one source file's bytes; every problem is a SourceError naming file and line."""
    try:
        return _parse_source(data, path, today)
    except ConfigError as error:  # from the shared YAML helpers: still a problem of this source
        raise SourceError(error.message, error.path, error.line, error.hint) from None


def _parse_source(data: bytes, path: str, today: date | None) -> Source:
    if b"\x00" in data[:8192]:
        raise SourceError("this is a binary file, not an article", path, None,
                          "save the article as UTF-8 text with YAML front matter")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(f"bytes that are not UTF-8 at offset {exc.start}", path, line,
                          "re-save the file as UTF-8") from None
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError("no front matter", path, 1,
                          "start the file with a '---' line, the YAML keys, and a closing '---'")
    try:
        closing = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise SourceError("front matter is not closed", path, 1,
                          "add a '---' line after the YAML keys") from None
    try:
        node = compose("\n".join(lines[1:closing]), path)
    except ConfigError as error:
        raise SourceError(error.message, path, (error.line or 0) + 1, error.hint) from None
    if node is None:
        raise SourceError("front matter is empty", path, 2,
                          f"give at least: {', '.join(sorted(REQUIRED_KEYS))}")
    node = _shift(node, 1)
    fields = mapping(node, path, REQUIRED_KEYS, OPTIONAL_KEYS, "the front matter")

    published_node = fields["published"]
    raw_published = published_node.value if isinstance(published_node, yaml.ScalarNode) else None
    if not raw_published or not str(raw_published).strip() or raw_published in ("null", "~"):
        raise SourceError("'published' is empty", path, line_of(published_node),
                          "give the publication date as YYYY-MM-DD")
    try:
        # Parsed here, not by YAML: YAML raises a bare ValueError on 2023-02-30.
        published = date.fromisoformat(str(raw_published).strip())
    except ValueError:
        raise SourceError(f"'published' is not a valid date: {raw_published!r}", path,
                          line_of(published_node),
                          "use an existing date written YYYY-MM-DD") from None
    today = today or date.today()
    if published > today:
        raise SourceError(f"'published' {published.isoformat()} lies in the future", path,
                          line_of(published_node), "check the year and month")
    certain = to_python(fields["published_certain"])
    if not isinstance(certain, bool):
        raise SourceError("'published_certain' must be true or false", path,
                          line_of(fields["published_certain"]))

    body = "\n".join(lines[closing + 1:])
    if not body.strip():
        raise SourceError("the article text is empty", path, closing + 2,
                          "paste the article below the closing '---'")
    stem = Path(path).stem
    source_id = scalar(fields.get("id"), path, "id") or stem
    if not ID_PATTERN.match(source_id):
        raise SourceError(f"source id '{source_id}' is not usable", path, None,
                          "use lower-case letters, digits, '.', '_' and '-' only")
    return Source(
        id=source_id,
        path=path,
        title=scalar(fields["title"], path, "title", allow_null=True),
        outlet=scalar(fields["outlet"], path, "outlet", allow_null=True),
        url=scalar(fields["url"], path, "url", allow_null=True),
        published=published,
        published_certain=certain,
        language=scalar(fields["language"], path, "language") or "en",
        notes=strings(fields["notes"], path, "notes"),
        raw_text=body,
        body_line=closing + 2,
        translated_from=scalar(fields.get("translated_from"), path, "translated_from",
                               allow_null=True),
    )


def _shift(node: yaml.Node, lines: int) -> yaml.Node:
    """Move marks down by the opening '---' line, so errors name lines of the file itself."""
    for mark_name in ("start_mark", "end_mark"):
        mark = getattr(node, mark_name)
        setattr(node, mark_name, yaml.Mark(mark.name, mark.index, mark.line + lines, mark.column,
                                           None, None))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _shift(key, lines)
            _shift(value, lines)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _shift(item, lines)
    return node


def source_files(project: Path) -> list[Path]:
    folder = project / SOURCES_DIR
    if not folder.is_dir():
        raise SourceError("no sources folder", str(folder), None,
                          "create it and add one .md file per article")
    return sorted(p for p in folder.iterdir() if p.suffix == ".md" and p.is_file())


def read_source_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"file is {size / 1e6:.1f} MB, larger than the "
                          f"{MAX_SOURCE_BYTES / 1e6:.0f} MB an article may be", str(path), None,
                          "paste only the article text")
    return path.read_bytes()


def load_sources(project: Path, today: date | None = None) -> list[Source]:
    """Read every ``sources/*.md`` file; fail on the first bad one, naming it."""
    files = source_files(project)
    if not files:
        raise SourceError("sources/ holds no articles", str(project / SOURCES_DIR), None,
                          "add one .md file per article (see README: adding an article)")
    result: list[Source] = []
    seen: dict[str, str] = {}
    for path in files:
        relative = str(path.relative_to(project)) if path.is_relative_to(project) else str(path)
        source = parse_source(read_source_bytes(path), relative, today)
        if source.id in seen:
            raise SourceError(f"source id '{source.id}' is already used by {seen[source.id]}",
                              relative, None, "give each article its own id")
        seen[source.id] = relative
        result.append(source)
    return result
