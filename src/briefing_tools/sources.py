"""Load and validate ``sources/<id>.md``: YAML front matter, then the article as handed over."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from briefing_tools.errors import BriefingError, ConfigError, InputProblems, SourceError
from briefing_tools.model import Source
from briefing_tools.yamlnodes import (
    CONTROL_CHARACTER,
    NULL_TAG,
    boolean,
    compose,
    line_of,
    scalar,
    strings,
    suggest,
)
from briefing_tools.yamlnodes import (
    text as text_value,
)

SOURCES_DIR = "sources"
# Articles are a few kilobytes; anything past this is a mistake (a saved video, a database dump),
# and refusing it before reading keeps memory bounded whatever lands in sources/.
MAX_SOURCE_BYTES = 2_000_000
# A headline is a line or two; ten thousand characters is pasted text, and breaks the PDF.
MAX_TITLE_CHARS = 500
# SOURCE_DATE_EPOCH, which dates the HTML and PDF, cannot go before 1970; older articles are
# not news, and a year 0001 is a typing slip.
EARLIEST_YEAR = 1970
# The longest real words and URLs run to a few hundred characters; a run of thousands without a
# space is an encoded blob (base64, a minified script). Print breaks long words (sphinx_ext.py)
MAX_WORD_CHARS = 20_000
REQUIRED_KEYS = {"published"}
OPTIONAL_KEYS = {"title", "outlet", "url", "published_certain", "language", "notes", "id",
                 "translated_from"}
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")
# Names of generated pages beside the sources' own (sources/index.md, sources/2023.md).
RESERVED_IDS = re.compile(r"index|\d+|.*\.(md|txt|rst|html)|.*[.]")
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


def parse_source(data: bytes, path: str, today: date | None = None) -> Source:
    """Validate one source file's bytes. A problem is a SourceError naming file and line; several
    problems in the front matter come together as InputProblems, each with its fix."""
    try:
        return _parse_source(data, path, today)
    except InputProblems:
        raise
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
    if "\r" in text:  # Windows (CRLF) and old Mac (CR) line endings read as plain lines
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL_CHARACTER.search(text)
    if control:  # TeX stops at them ("invalid character"), and a terminal obeys them
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - text.rfind("\n", 0, control.start())
        raise SourceError(f"a control character (U+{ord(control.group()):04X}) in column "
                          f"{column}", path, line, "delete it: it is not part of any article")
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
        # The blank first line stands for the opening '---': marks then name lines of the file.
        node = compose("\n" + "\n".join(lines[1:closing]), path)
    except ConfigError as error:
        raise SourceError(error.message, path, error.line or 1, error.hint) from None
    if node is None:
        raise SourceError("front matter is empty", path, 2,
                          "give at least the publication date: 'published: YYYY-MM-DD'")
    if not isinstance(node, yaml.MappingNode):
        raise SourceError("the front matter must be a mapping of key: value", path, 2,
                          "write one 'key: value' per line")

    problems: list[BriefingError] = []

    def check(step):
        """Run one validation; keep its problem and go on, so that all are reported at once."""
        try:
            return step()
        except BriefingError as error:
            problems.append(SourceError(error.message, path, error.line, error.hint))
            return None

    fields = _fields(node, path, problems)
    published = check(lambda: _published(fields.get("published"), path, node, today))
    certain = True
    if "published_certain" in fields:
        certain = check(lambda: boolean(fields["published_certain"], path,
                                        "'published_certain'"))
    title = check(lambda: text_value(fields.get("title"), path, "'title'", allow_null=True,
                                     max_length=MAX_TITLE_CHARS))
    outlet = check(lambda: text_value(fields.get("outlet"), path, "'outlet'", allow_null=True,
                                      max_length=MAX_TITLE_CHARS))
    url = check(lambda: scalar(fields.get("url"), path, "'url'", allow_null=True))
    language = check(lambda: text_value(fields.get("language"), path, "'language'",
                                        allow_null=True, max_length=40)) or "en"
    notes = check(lambda: strings(fields.get("notes"), path, "'notes'")) or ()
    translated_from = check(lambda: text_value(fields.get("translated_from"), path,
                                               "'translated_from'", allow_null=True,
                                               max_length=40))
    source_id = check(lambda: _source_id(fields.get("id"), path))

    body = "\n".join(lines[closing + 1:])
    if not body.strip():
        problems.append(SourceError("the article text is empty", path, closing + 2,
                                    "paste the article below the closing '---'"))
    long_word = _LONG_WORD.search(body)
    if long_word:
        line = closing + 2 + body.count("\n", 0, long_word.start())
        problems.append(SourceError(
            f"a 'word' of {len(long_word.group()):,} characters without a space", path, line,
            "this is not article text (an encoded image or script?): remove it"))
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise InputProblems(sorted(problems, key=lambda p: p.line or 0))
    return Source(
        id=source_id,
        path=path,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        published_certain=certain,
        language=language,
        notes=notes,
        raw_text=body,
        body_line=closing + 2,
        translated_from=translated_from,
    )


def _fields(node: yaml.MappingNode, path: str, problems: list[BriefingError]
            ) -> dict[str, yaml.Node]:
    """key → value node; unknown, repeated and non-text keys become problems."""
    known = sorted(REQUIRED_KEYS | OPTIONAL_KEYS)
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(SourceError("a key of the front matter is a list or mapping", path,
                                        line_of(key_node), f"use one of: {', '.join(known)}"))
            continue
        key = key_node.value
        if key not in known:
            guess = suggest(key, known)
            hint = f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(known)}"
            problems.append(SourceError(f"unknown key '{key}' in the front matter", path,
                                        line_of(key_node), hint))
        elif key in fields:
            problems.append(SourceError(f"key '{key}' given twice in the front matter", path,
                                        line_of(key_node), "keep one of the two lines"))
        else:
            fields[key] = value_node
    return fields


def _published(node: yaml.Node | None, path: str, front_matter: yaml.Node,
               today: date | None) -> date:
    if node is None:
        raise SourceError("the front matter lacks required key 'published'", path,
                          line_of(front_matter),
                          "add 'published: YYYY-MM-DD', the article's publication date")
    if not isinstance(node, yaml.ScalarNode):
        raise SourceError("'published' must be one date, not a list or mapping", path,
                          line_of(node), "write it as published: YYYY-MM-DD")
    raw = node.value.strip()
    if node.tag == NULL_TAG or not raw:
        raise SourceError("'published' is empty", path, line_of(node),
                          "give the publication date as YYYY-MM-DD")
    try:
        # Parsed here, not by YAML: YAML raises a bare ValueError on 2023-02-30.
        published = date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
    except ValueError:
        published = None
    if published is None:
        raise SourceError(f"'published' is not a valid date: {raw!r}"[:120], path, line_of(node),
                          "use an existing date written YYYY-MM-DD")
    if published.year < EARLIEST_YEAR:
        raise SourceError(f"'published' {published.isoformat()} lies before {EARLIEST_YEAR}",
                          path, line_of(node), "check the year")
    if published > (today or date.today()):
        raise SourceError(f"'published' {published.isoformat()} lies in the future", path,
                          line_of(node), "check the year and month")
    return published


def _source_id(node: yaml.Node | None, path: str) -> str:
    source_id = scalar(node, path, "'id'") if node is not None else Path(path).stem
    line = line_of(node) if node is not None else None
    if not ID_PATTERN.fullmatch(source_id or ""):
        raise SourceError(f"source id '{source_id}' is not usable", path, line,
                          "use lower-case letters, digits, '.', '_' and '-' only, starting "
                          "with a letter or digit (rename the file, or give 'id:')")
    if RESERVED_IDS.fullmatch(source_id):
        raise SourceError(f"source id '{source_id}' is the name of a generated page or a file",
                          path, line, "choose another id, such as outlet-YYYY-MM-DD")
    return source_id


def source_files(project: Path) -> list[Path]:
    """The articles: ``sources/*.md``. What looks like an article but would be left out (a
    ``.MD`` name, a subfolder) or points outside the project (a symbolic link) is an error, not
    a silent omission; other files (notes, hidden editor files) are not articles."""
    folder = project / SOURCES_DIR
    if not folder.is_dir():
        raise SourceError("no sources folder", str(folder), None,
                          "create it and add one .md file per article")
    articles = []
    for path in sorted(folder.iterdir()):
        relative = f"{SOURCES_DIR}/{path.name}"
        if path.name.startswith("."):
            continue
        if path.is_symlink():
            try:
                inside = path.resolve().is_relative_to(project.resolve())
            except (RuntimeError, OSError):  # a link to itself, round and round
                raise SourceError("is a link that leads nowhere (a loop)", relative, None,
                                  "replace it with the article itself") from None
            if not inside:
                raise SourceError("is a link to a file outside the project", relative, None,
                                  "copy the article into sources/ instead of linking to it")
        if path.is_dir():
            if any(path.rglob("*.md")):
                raise SourceError("articles in a subfolder are not read", relative, None,
                                  "move them into sources/ itself")
            continue
        if path.suffix.lower() == ".md" and path.suffix != ".md":
            raise SourceError(f"the name ends in '{path.suffix}', not '.md'", relative, None,
                              f"rename it to {path.stem}.md")
        if path.suffix == ".md":
            articles.append(path)
    return articles


def read_source_bytes(path: Path, shown: str | None = None) -> bytes:
    """The file's bytes; ``shown`` is the name used in errors (relative to the project)."""
    shown = shown or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(f"file is {size / 1e6:.1f} MB, larger than the "
                              f"{MAX_SOURCE_BYTES / 1e6:.0f} MB an article may be", shown, None,
                              "paste only the article text")
        if not path.is_file():
            raise SourceError("is not a regular file", shown, None, "save the article as a file")
        return path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot be read: {error.strerror or error}", shown, None,
                          "check that the file exists and that you may read it") from None


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
        source = parse_source(read_source_bytes(path, relative), relative, today)
        if source.id in seen:
            raise SourceError(f"source id '{source.id}' is already used by {seen[source.id]}",
                              relative, None, "give each article its own id")
        seen[source.id] = relative
        result.append(source)
    return result
