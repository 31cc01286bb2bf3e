"""Editors stay in charge: decisions in ``editorial.yaml`` applied to the knowledge base on every
build, keyed by the items' stable ids, so a correction made once stays made."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from briefing_tools.config import Topic
from briefing_tools.errors import ConfigError
from briefing_tools.knowledge import item_id
from briefing_tools.model import BackgroundItem, Citation, Event, KnowledgeBase, Statement
from briefing_tools.yamlnodes import compose, line_of, mapping, scalar, sequence, strings, to_python

EDITORIAL_FILE = "editorial.yaml"
SNAPSHOT_FILE = ".briefing-cache/last-build.json"
PRECISIONS = ("day", "week", "month", "year")
ADD_KINDS = ("event", "statement", "background", "outlook")


@dataclass(frozen=True)
class Decision:
    action: str
    target: str | None
    line: int
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Decisions:
    path: str
    items: tuple[Decision, ...] = ()
    key_points: tuple[str, ...] = ()
    snapshot: dict[str, str] = field(default_factory=dict)  # id → text at the last build


def parse_editorial(text: str, path: str = EDITORIAL_FILE) -> Decisions:
    root = compose(text, path)
    if root is None:
        return Decisions(path)
    top = mapping(root, path, set(), {"hide", "reword", "merge", "redate", "reassign",
                                      "key_points", "add"}, "the editorial file")
    items: list[Decision] = []
    for node in sequence(top["hide"], path, "hide") if "hide" in top else []:
        items.append(Decision("hide", scalar(node, path, "an id"), line_of(node)))
    for key, value in _pairs(top.get("reword"), path, "reword"):
        items.append(Decision("reword", key.value, line_of(key),
                              {"text": scalar(value, path, "the new text")}))
    for node in sequence(top["merge"], path, "merge") if "merge" in top else []:
        ids = strings(node, path, "a merge (a list of ids, the first one kept)")
        if len(ids) < 2:
            raise ConfigError("a merge needs at least two ids", path, line_of(node))
        items.append(Decision("merge", ids[0], line_of(node), {"others": ids[1:]}))
    for key, value in _pairs(top.get("redate"), path, "redate"):
        fields = mapping(value, path, {"date", "precision", "reason"}, {"planned"}, "a redate")
        raw_date = str(scalar(fields["date"], path, "date"))
        precision = scalar(fields["precision"], path, "precision")
        if precision not in PRECISIONS:
            raise ConfigError(f"unknown precision '{precision}'", path,
                              line_of(fields["precision"]), f"use one of {', '.join(PRECISIONS)}")
        _validate_date(raw_date, path, line_of(fields["date"]))
        planned = to_python(fields["planned"]) if "planned" in fields else None
        items.append(Decision("redate", key.value, line_of(key), {
            "date": raw_date, "precision": precision, "planned": planned,
            "reason": scalar(fields["reason"], path, "reason")}))
    for key, value in _pairs(top.get("reassign"), path, "reassign"):
        fields = mapping(value, path, set(), {"speaker", "side"}, "a reassign")
        items.append(Decision("reassign", key.value, line_of(key), {
            "speaker": scalar(fields.get("speaker"), path, "speaker", allow_null=True),
            "side": scalar(fields.get("side"), path, "side", allow_null=True)}))
    for node in sequence(top["add"], path, "add") if "add" in top else []:
        fields = mapping(node, path, {"kind", "text", "citations"},
                         {"date", "precision", "planned", "speaker", "side", "issue"},
                         "an added item")
        kind = scalar(fields["kind"], path, "kind")
        if kind not in ADD_KINDS:
            raise ConfigError(f"unknown kind '{kind}'", path, line_of(fields["kind"]),
                              f"use one of {', '.join(ADD_KINDS)}")
        citations = []
        for c in sequence(fields["citations"], path, "citations"):
            cf = mapping(c, path, {"source", "paragraph", "excerpt"}, set(), "a citation")
            paragraph = to_python(cf["paragraph"])
            if not isinstance(paragraph, int):
                raise ConfigError("paragraph must be a number", path, line_of(cf["paragraph"]))
            citations.append(Citation(str(scalar(cf["source"], path, "source")), paragraph,
                                      str(scalar(cf["excerpt"], path, "excerpt"))))
        if not citations:
            raise ConfigError("an added item needs at least one citation", path, line_of(node))
        values = {k: scalar(v, path, k, allow_null=True) for k, v in fields.items()
                  if k not in ("citations", "planned")}
        values["planned"] = bool(to_python(fields["planned"])) if "planned" in fields else False
        values["citations"] = tuple(citations)
        if kind == "event":
            if not values.get("date") or values.get("precision") not in PRECISIONS:
                raise ConfigError("an added event needs a date and a precision", path,
                                  line_of(node))
            _validate_date(str(values["date"]), path, line_of(node))
        items.append(Decision("add", None, line_of(node), values))
    key_points = strings(top.get("key_points"), path, "key_points")
    return Decisions(path, tuple(items), key_points)


def _pairs(node: yaml.Node | None, path: str, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(f"{what} must map item ids to values", path, line_of(node))
    return list(node.value)


def _validate_date(raw: str, path: str, line: int) -> None:
    parts = raw.split("-")
    try:
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
             int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        raise ConfigError(f"'{raw}' is not a date", path, line,
                          "write YYYY, YYYY-MM or YYYY-MM-DD") from None


def load_editorial(project: Path) -> Decisions:
    path = project / EDITORIAL_FILE
    snapshot_path = project / SNAPSHOT_FILE
    snapshot = {}
    if snapshot_path.exists():
        snapshot = json.loads(snapshot_path.read_text(encoding="utf-8")).get("items", {})
    if not path.exists():
        return Decisions(EDITORIAL_FILE, snapshot=snapshot)
    decisions = parse_editorial(path.read_text(encoding="utf-8"), EDITORIAL_FILE)
    return replace(decisions, snapshot=snapshot)


def item_pages(kb: KnowledgeBase) -> list[tuple[str, list]]:
    """The items an editor can name, by page: (page, items)."""
    return [("events", kb.events), ("statements", kb.statements),
            ("background", kb.background), ("outlook", kb.outlook)]


def all_items(kb: KnowledgeBase) -> dict[str, str]:
    """id → text of every item an editor can name."""
    return {item.id: item.text for _, items in item_pages(kb) for item in items}


def closest(missing: str, kb: KnowledgeBase, snapshot: dict[str, str]) -> str:
    items = all_items(kb)
    old_text = snapshot.get(missing)
    if old_text:
        match = process.extractOne(old_text, items, scorer=fuzz.token_set_ratio)
        if match:
            return f"{match[2]} (“{match[0][:70]}”)"
    match = process.extractOne(missing, list(items))
    return match[0] if match else "none"


def apply_editorial(kb: KnowledgeBase, decisions: Decisions, topic: Topic
                    ) -> tuple[KnowledgeBase, list[str]]:
    """Apply every decision; a decision whose id no longer exists becomes a warning."""
    warnings: list[str] = []
    summary = {"hidden": 0, "reworded": 0, "merged": 0, "redated": 0, "reassigned": 0, "added": 0}
    known = all_items(kb)

    def missing(decision: Decision, target: str) -> bool:
        if target in known:
            return False
        warnings.append(f"line {decision.line}: {decision.action} names {target}, which no longer "
                        f"exists; closest current item: {closest(target, kb, decisions.snapshot)}")
        return True

    groups = dict(item_pages(kb))

    def update(target: str, change) -> None:
        for name, items in groups.items():
            groups[name] = [change(i) if i.id == target else i for i in items]

    for d in decisions.items:
        if d.action == "hide" and not missing(d, d.target):
            for name, items in groups.items():
                groups[name] = [i for i in items if i.id != d.target]
            summary["hidden"] += 1
        elif d.action == "reword" and not missing(d, d.target):
            update(d.target, lambda i, d=d: replace(i, text=d.values["text"]))
            summary["reworded"] += 1
        elif d.action == "merge" and not missing(d, d.target):
            others = [o for o in d.values["others"] if not missing(d, o)]
            extra = [c for name, items in groups.items() for i in items if i.id in others
                     for c in i.citations]
            for name, items in groups.items():
                groups[name] = [i for i in items if i.id not in others]
            update(d.target, lambda i, extra=extra: replace(
                i, citations=tuple(dict.fromkeys(i.citations + tuple(extra)))))
            summary["merged"] += 1
        elif d.action == "redate" and not missing(d, d.target):
            def redate(i, d=d):
                if not isinstance(i, Event):
                    return i
                planned = i.planned if d.values["planned"] is None else bool(d.values["planned"])
                return replace(i, date=d.values["date"], precision=d.values["precision"],
                               qualifier=None, planned=planned, note=d.values["reason"])
            update(d.target, redate)
            summary["redated"] += 1
        elif d.action == "reassign" and not missing(d, d.target):
            speaker = d.values["speaker"]
            actor = topic.actor(speaker) if speaker else None
            if speaker and actor is None:
                warnings.append(f"line {d.line}: unknown speaker '{speaker}' (use an actor id "
                                "such as those in `briefing export`)")
                continue
            side = d.values["side"] or (actor.side if actor else None)
            update(d.target, lambda i, actor=actor, side=side: replace(
                i, speaker=actor.id if actor else i.speaker,
                speaker_text=actor.name if actor else i.speaker_text, side=side)
                if isinstance(i, Statement) else i)
            summary["reassigned"] += 1
        elif d.action == "add":
            v = d.values
            first = v["citations"][0]
            new_id = item_id("ed", first.source, v["text"])
            if v["kind"] == "event":
                groups["events"].append(Event(new_id, str(v["date"]), v["precision"],
                                              v["planned"], v["text"], "editor",
                                              v["citations"]))
            elif v["kind"] == "statement":
                actor = topic.actor(v.get("speaker"))
                groups["statements"].append(Statement(
                    new_id, actor.id if actor else None,
                    actor.name if actor else (v.get("speaker") or "unnamed"),
                    v.get("side") or (actor.side if actor else None), v.get("issue"),
                    v["text"], None, v["citations"]))
            else:
                groups[v["kind"]].append(BackgroundItem(new_id, v["text"], v["citations"]))
            summary["added"] += 1
    kb.events = sorted(groups["events"], key=lambda e: (e.date, PRECISIONS.index(e.precision),
                                                          e.id))
    kb.statements, kb.background, kb.outlook = (groups["statements"], groups["background"],
                                                groups["outlook"])
    for point in decisions.key_points:
        if point not in all_items(kb):
            warnings.append(f"key_points names {point}, which no longer exists; closest current "
                            f"item: {closest(point, kb, decisions.snapshot)}")
    kb.key_points = [p for p in decisions.key_points if p in all_items(kb)]
    kb.editorial_summary = summary
    return kb, warnings
