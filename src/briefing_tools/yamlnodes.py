"""Read YAML with line numbers, so that every configuration error can name its line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import process

from briefing_tools.errors import ConfigError

# libyaml's C loader is ten times faster on a thousand front matters; same nodes, same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str, path: str) -> yaml.Node | None:
    """The node tree of ``text``; plain YAML only (no tags, anchors or aliases)."""
    try:
        if "!" in text or "&" in text or "*" in text:
            _refuse_tags_and_aliases(text, path)
        return yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or "the YAML cannot be read"
        raise ConfigError(f"invalid YAML: {problem}", path, line,
                          "check indentation and quoting on that line") from None


def _refuse_tags_and_aliases(text: str, path: str) -> None:
    """Tags run constructors (``!!python/name:``, ``!!binary``) and aliases can multiply a
    few lines into billions of nodes or loop forever: none of our files needs either."""
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ConfigError("YAML anchors and aliases (&name, *name) are not accepted", path,
                              line, "write the value out in full")
        if getattr(event, "tag", None):
            raise ConfigError(f"YAML tag '{event.tag}' is not accepted", path, line,
                              "remove the tag; quote the value if it should be text")


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def to_python(node: yaml.Node, path: str | None = None, what: str = "this value") -> Any:
    """Construct one node with the safe constructors; a value YAML cannot construct (the date
    2023-02-30, an integer too odd to read) is a ConfigError naming its line."""
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        raise ConfigError(f"{what} is not a valid value: {node.value!r}"[:200], path,
                          line_of(node), "quote it if it is text") from None


NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"


def boolean(node: yaml.Node, path: str, what: str) -> bool:
    """true or false, and nothing else (not 2023-02-30, not "maybe")."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != BOOL_TAG:
        raise ConfigError(f"{what} must be true or false", path, line_of(node),
                          "write true or false")
    return bool(to_python(node, path, what))
# C0 controls but tab, line breaks, vertical tab and form feed (text copied from a PDF has them;
# escaping turns them into spaces), and DEL: written as "\e" or "\x07" in a quoted YAML string
# they would reach LaTeX (which stops on them) and the terminal (which obeys them).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def suggest(word: str, choices: list[str]) -> str | None:
    match = process.extractOne(word, choices, score_cutoff=60)
    return match[0] if match else None


def mapping(node: yaml.Node, path: str, required: set[str], optional: set[str],
            what: str) -> dict[str, yaml.Node]:
    """Check that ``node`` is a mapping with only the known keys; return key → value node."""
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(f"{what} must be a mapping of key: value", path, line_of(node),
                          "write one 'key: value' per line, indented under it")
    known = sorted(required | optional)
    result: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise ConfigError(f"a key in {what} is a list or mapping, not a name", path,
                              line_of(key_node), f"use one of: {', '.join(known)}")
        key = key_node.value
        if key not in known:
            guess = suggest(key, known)
            hint = f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(known)}"
            raise ConfigError(f"unknown key '{key}' in {what}", path, line_of(key_node), hint)
        if key in result:
            raise ConfigError(f"key '{key}' given twice in {what}", path, line_of(key_node),
                              "keep one of the two")
        result[key] = value_node
    missing = sorted(required - result.keys())
    if missing:
        raise ConfigError(f"{what} lacks required key '{missing[0]}'", path, line_of(node),
                          f"add '{missing[0]}: …'")
    return result


def sequence(node: yaml.Node, path: str, what: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(f"{what} must be a list", path, line_of(node),
                          "write [a, b] or one '- item' per line")
    return list(node.value)


def scalar(node: yaml.Node | None, path: str, what: str, *, allow_null: bool = False) -> str | None:
    """The text of a scalar as written (``2023-06-22``, ``yes`` and ``0x1F`` stay text);
    None for an empty value when ``allow_null``."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag == NULL_TAG:
            if allow_null:
                return None
            raise ConfigError(f"{what} must not be empty", path, line_of(node),
                              "give a value after the colon")
        control = CONTROL_CHARACTER.search(node.value)
        if control:
            raise ConfigError(f"{what} holds a control character (U+{ord(control.group()):04X})",
                              path, line_of(node), "remove the escape sequence")
        return node.value
    raise ConfigError(f"{what} must be a single value, not a list or mapping", path,
                      line_of(node), "write it on one line; quote it if it holds [ ] { } or :")


def text(node: yaml.Node | None, path: str, what: str, *, allow_null: bool = False,
         max_length: int | None = None) -> str | None:
    """A scalar that must hold visible text: not blank, and not longer than ``max_length``."""
    value = scalar(node, path, what, allow_null=allow_null)
    if value is None:
        return None
    if not value.strip():
        raise ConfigError(f"{what} is blank", path, line_of(node),
                          "write the text, or remove the entry")
    if max_length and len(value) > max_length:
        raise ConfigError(f"{what} is {len(value):,} characters long, more than the "
                          f"{max_length:,} allowed", path, line_of(node), "shorten it")
    return value


def strings(node: yaml.Node | None, path: str, what: str) -> tuple[str, ...]:
    """A list of non-blank texts (an empty word would match everywhere)."""
    if node is None:
        return ()
    if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
        return ()
    items = sequence(node, path, what)
    return tuple(str(text(item, path, f"an entry of {what}")) for item in items)


def read_utf8(path: Path, name: str) -> str:
    """A YAML file's text, or a ConfigError naming ``name`` (as the user knows the file) and the
    fix: not UTF-8, or not readable."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", name, None,
                          "re-save the file as UTF-8") from None
    except OSError as error:
        raise ConfigError(f"cannot be read: {error.strerror or error}", name, None,
                          "check that you may read the file") from None
