"""Editors stay in charge: decisions in ``editorial.yaml`` applied to the knowledge base on every
build, keyed by the items' stable ids, so a correction made once stays made."""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from briefing_tools.config import Topic
from briefing_tools.errors import ConfigError
from briefing_tools.knowledge import item_id
from briefing_tools.model import BackgroundItem, Citation, Event, KnowledgeBase, Statement
from briefing_tools.yamlnodes import (
    boolean,
    compose,
    line_of,
    mapping,
    read_utf8,
    scalar,
    sequence,
    strings,
    to_python,
)
from briefing_tools.yamlnodes import text as text_value

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
                              {"text": text_value(value, path, "the new text")}))
    for node in sequence(top["merge"], path, "merge") if "merge" in top else []:
        ids = strings(node, path, "a merge (a list of ids, the first one kept)")
        if len(ids) < 2:
            raise ConfigError("a merge needs at least two ids", path, line_of(node),
                              "list the id kept first, then the ids merged into it")
        repeated = next((i for i in ids if ids.count(i) > 1), None)
        if repeated:
            raise ConfigError(f"the merge lists {repeated} twice", path, line_of(node),
                              "list each id once: the first is kept, the others join it")
        items.append(Decision("merge", ids[0], line_of(node), {"others": ids[1:]}))
    for key, value in _pairs(top.get("redate"), path, "redate"):
        fields = mapping(value, path, {"date", "precision", "reason"}, {"planned"}, "a redate")
        raw_date = str(scalar(fields["date"], path, "date"))
        precision = scalar(fields["precision"], path, "precision")
        if precision not in PRECISIONS:
            raise ConfigError(f"unknown precision '{precision}'", path,
                              line_of(fields["precision"]), f"use one of {', '.join(PRECISIONS)}")
        _validate_date(raw_date, str(precision), path, line_of(fields["date"]))
        planned = boolean(fields["planned"], path, "planned") if "planned" in fields else None
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
            paragraph = to_python(cf["paragraph"], path, "paragraph")
            if not isinstance(paragraph, int) or isinstance(paragraph, bool) or paragraph < 1:
                raise ConfigError("paragraph must be a number from 1", path,
                                  line_of(cf["paragraph"]), "count the source's paragraphs "
                                  "from 1, as its page in the briefing numbers them")
            citations.append(Citation(str(scalar(cf["source"], path, "source")), paragraph,
                                      str(text_value(cf["excerpt"], path, "excerpt"))))
        if not citations:
            raise ConfigError("an added item needs at least one citation", path, line_of(node),
                              "cite {source, paragraph, excerpt} from a source")
        values = {k: scalar(v, path, k, allow_null=True) for k, v in fields.items()
                  if k not in ("citations", "planned")}
        values["text"] = text_value(fields["text"], path, "text")
        values["planned"] = ("planned" in fields
                             and boolean(fields["planned"], path, "planned"))
        values["citations"] = tuple(citations)
        if kind == "event":
            if not values.get("date") or values.get("precision") not in PRECISIONS:
                raise ConfigError("an added event needs a date and a precision", path,
                                  line_of(node), f"precision is one of {', '.join(PRECISIONS)}")
            _validate_date(str(values["date"]), str(values["precision"]), path,
                           line_of(fields["date"]))
        items.append(Decision("add", None, line_of(node), values))
    key_points = strings(top.get("key_points"), path, "key_points")
    return Decisions(path, tuple(items), key_points)


def _pairs(node: yaml.Node | None, path: str, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(f"{what} must map item ids to values", path, line_of(node),
                          "write one 'ITEM-ID: value' per line, indented under it")
    return list(node.value)


# How much of the date each precision needs: "2023" cannot be a day.
_DATE_FORMS = {"day": "YYYY-MM-DD", "week": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}


def _validate_date(raw: str, precision: str, path: str, line: int) -> None:
    form = _DATE_FORMS[precision]
    parts = raw.split("-")
    try:
        if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", raw):
            raise ValueError(raw)
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
             int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        raise ConfigError(f"'{raw}' is not a date", path, line,
                          "write YYYY, YYYY-MM or YYYY-MM-DD") from None
    if len(parts) < form.count("-") + 1:
        raise ConfigError(f"'{raw}' is not precise enough for precision '{precision}'", path,
                          line, f"write it as {form}, or choose a coarser precision")


def load_editorial(project: Path) -> Decisions:
    path = project / EDITORIAL_FILE
    snapshot_path = project / SNAPSHOT_FILE
    snapshot = {}
    # No last build yet, or a damaged cache: only the hints about stale ids suffer.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        snapshot = json.loads(snapshot_path.read_text(encoding="utf-8")).get("items", {})
    if not path.exists():
        return Decisions(EDITORIAL_FILE, snapshot=snapshot)
    content = read_utf8(path, EDITORIAL_FILE)
    decisions = parse_editorial(content, EDITORIAL_FILE)
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


def _check_references(decisions: Decisions, kb: KnowledgeBase, topic: Topic) -> None:
    """Sources, issues and sides that decisions name must exist: a wrong one is a typing slip
    to fix now, not an item to drop or a page that cannot be built."""
    paragraphs = {r.source.id: len(r.article.paragraphs) for r in kb.sources}
    issues = sorted(i.id for i in topic.issues)
    sides = sorted(s.id for s in topic.sides)
    for d in decisions.items:
        for c in d.values.get("citations", ()):
            if c.source not in paragraphs:
                guess = process.extractOne(c.source, list(paragraphs))
                raise ConfigError(f"citation of unknown source '{c.source}'", decisions.path,
                                  d.line, f"use a source id such as '{guess[0]}'" if guess
                                  else "use the id of a file in sources/")
            if c.paragraph > paragraphs[c.source]:
                raise ConfigError(f"citation of ¶{c.paragraph} of '{c.source}', which has "
                                  f"{paragraphs[c.source]} paragraphs", decisions.path, d.line,
                                  "count the paragraphs on the source's page")
        issue = d.values.get("issue")
        if issue is not None and issue not in issues:
            raise ConfigError(f"unknown issue '{issue}'", decisions.path, d.line,
                              f"use one of: {', '.join(issues) or 'none configured'}")
        side = d.values.get("side")
        if side is not None and side not in sides:
            raise ConfigError(f"unknown side '{side}'", decisions.path, d.line,
                              f"use one of: {', '.join(sides)}")


def apply_editorial(kb: KnowledgeBase, decisions: Decisions, topic: Topic
                    ) -> tuple[KnowledgeBase, list[str]]:
    """Apply every decision; a decision whose id no longer exists becomes a warning."""
    _check_references(decisions, kb, topic)
    warnings: list[str] = []
    summary = {"hidden": 0, "reworded": 0, "merged": 0, "redated": 0, "reassigned": 0, "added": 0}
    known = all_items(kb)
    edited: list[str] = []

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
            edited.append(d.target)
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
            edited.append(new_id)
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
    kb.edited = edited  # the editors' own words: `check` does not read them as a source's
    return kb, warnings
