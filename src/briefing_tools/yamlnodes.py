"""Read YAML with line numbers, so that every configuration error can name its line."""

from __future__ import annotations

from typing import Any

import yaml
from rapidfuzz import process

from briefing_tools.errors import ConfigError

# libyaml's C loader is ten times faster on a thousand front matters; same nodes, same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str, path: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"invalid YAML: {problem}", path, line,
                          "check indentation and quoting on that line") from None


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def to_python(node: yaml.Node) -> Any:
    return yaml.SafeLoader(  # construct one node with the safe constructors
        ""
    ).construct_object(node, deep=True)


def suggest(word: str, choices: list[str]) -> str | None:
    match = process.extractOne(word, choices, score_cutoff=60)
    return match[0] if match else None


def mapping(node: yaml.Node, path: str, required: set[str], optional: set[str],
            what: str) -> dict[str, yaml.Node]:
    """Check that ``node`` is a mapping with only the known keys; return key → value node."""
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(f"{what} must be a mapping of key: value", path, line_of(node))
    known = sorted(required | optional)
    result: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in known:
            guess = suggest(key, known)
            hint = f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(known)}"
            raise ConfigError(f"unknown key '{key}' in {what}", path, line_of(key_node), hint)
        if key in result:
            raise ConfigError(f"key '{key}' given twice in {what}", path, line_of(key_node))
        result[key] = value_node
    missing = sorted(required - result.keys())
    if missing:
        raise ConfigError(f"{what} lacks required key '{missing[0]}'", path, line_of(node))
    return result


def sequence(node: yaml.Node, path: str, what: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(f"{what} must be a list", path, line_of(node))
    return list(node.value)


def scalar(node: yaml.Node | None, path: str, what: str, *, allow_null: bool = False) -> str | None:
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        value = to_python(node)
        if value is None:
            if allow_null:
                return None
            raise ConfigError(f"{what} must not be empty", path, line_of(node))
        return str(value)
    raise ConfigError(f"{what} must be a single value", path, line_of(node))


def strings(node: yaml.Node | None, path: str, what: str) -> tuple[str, ...]:
    if node is None:
        return ()
    if isinstance(node, yaml.ScalarNode) and to_python(node) is None:
        return ()
    items = sequence(node, path, what)
    return tuple(str(scalar(item, path, what)) for item in items)
