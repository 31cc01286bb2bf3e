"""The topic configuration (``briefing.yaml``): parties, mediators, actors, issues — as data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing_tools.errors import ConfigError
from briefing_tools.model import Actor
from briefing_tools.yamlnodes import compose, line_of, mapping, scalar, sequence, strings

CONFIG_FILE = "briefing.yaml"


@dataclass(frozen=True, slots=True)
class Side:
    """A party or a mediator: an id, a display name and the words that stand for it."""

    id: str
    name: str
    words: tuple[str, ...]
    # For a third party: what it is in the process (mediator, facilitator, host, observer,
    # guarantor), as the editor states it; shown beside its name.
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Issue:
    id: str
    name: str
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FigureTopic:
    topic: str
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    term: str
    aliases: tuple[str, ...]
    definition: str


@dataclass(frozen=True, slots=True)
class Topic:
    title: str
    subtitle: str | None
    language: str
    parties: tuple[Side, ...]
    mediators: tuple[Side, ...]
    actors: tuple[Actor, ...]
    issues: tuple[Issue, ...]
    figures: tuple[FigureTopic, ...]
    glossary: tuple[GlossaryTerm, ...]
    learning_objectives: tuple[str, ...]

    @property
    def sides(self) -> tuple[Side, ...]:
        return self.parties + self.mediators

    def side_name(self, side_id: str | None) -> str:
        for side in self.sides:
            if side.id == side_id:
                return side.name
        return "Independent" if side_id is None else side_id

    def actor(self, actor_id: str | None) -> Actor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parse_topic(text: str, path: str = CONFIG_FILE) -> Topic:
    """Validate the configuration text; every error names the file and line."""
    root = compose(text, path)
    if root is None:
        raise ConfigError("the configuration is empty", path, 1, "start from the README's example")
    top = mapping(root, path, {"title", "parties"},
                  {"subtitle", "language", "mediators", "actors", "issues", "figures", "glossary",
                   "learning_objectives"}, "the configuration")

    def sides(key: str) -> tuple[Side, ...]:
        result = []
        for node in sequence(top[key], path, key) if key in top else []:
            fields = mapping(node, path, {"id", "name"}, {"words", "role"},
                             f"an entry of {key}")
            role = fields.get("role")
            result.append(Side(str(scalar(fields["id"], path, "id")),
                               str(scalar(fields["name"], path, "name")),
                               strings(fields.get("words"), path, "words"),
                               str(scalar(role, path, "role")) if role is not None else None))
        return tuple(result)

    parties, mediators = sides("parties"), sides("mediators")
    side_ids = {s.id for s in parties + mediators}
    seen_sides: set[str] = set()
    for side in parties + mediators:
        if side.id in seen_sides:
            raise ConfigError(f"party or mediator id '{side.id}' is used twice", path, None)
        seen_sides.add(side.id)

    actors: list[Actor] = []
    seen_names: dict[str, int] = {}
    for node in sequence(top["actors"], path, "actors") if "actors" in top else []:
        fields = mapping(node, path, {"name"}, {"aliases", "role", "roles", "side", "kind"},
                         "an actor")
        name = str(scalar(fields["name"], path, "name"))
        side = scalar(fields.get("side"), path, "side", allow_null=True)
        if side is not None and side not in side_ids:
            raise ConfigError(f"actor '{name}' has unknown side '{side}'", path,
                              line_of(fields["side"]),
                              f"use one of: {', '.join(sorted(side_ids))}, or null")
        key = name.casefold()
        if key in seen_names:
            raise ConfigError(f"actor '{name}' is named twice (first on line {seen_names[key]})",
                              path, line_of(fields["name"]),
                              "merge the two entries and list other spellings under aliases")
        seen_names[key] = line_of(fields["name"])
        kind = scalar(fields.get("kind"), path, "kind") or "person"
        if kind not in {"person", "organisation", "state"}:
            raise ConfigError(f"actor '{name}' has unknown kind '{kind}'", path,
                              line_of(fields["kind"]), "use person, organisation or state")
        actors.append(Actor(
            id=slug(name), name=name,
            aliases=strings(fields.get("aliases"), path, "aliases"),
            role=scalar(fields.get("role"), path, "role", allow_null=True),
            side=side, kind=kind,
            roles=tuple(r.lower() for r in strings(fields.get("roles"), path, "roles")),
        ))

    issues = []
    for node in sequence(top["issues"], path, "issues") if "issues" in top else []:
        fields = mapping(node, path, {"id", "name", "cues"}, set(), "an issue")
        issues.append(Issue(str(scalar(fields["id"], path, "id")),
                            str(scalar(fields["name"], path, "name")),
                            strings(fields["cues"], path, "cues")))
    figures = []
    for node in sequence(top["figures"], path, "figures") if "figures" in top else []:
        fields = mapping(node, path, {"topic", "cues"}, set(), "a figure topic")
        figures.append(FigureTopic(str(scalar(fields["topic"], path, "topic")),
                                   strings(fields["cues"], path, "cues")))
    glossary = []
    for node in sequence(top["glossary"], path, "glossary") if "glossary" in top else []:
        fields = mapping(node, path, {"term", "definition"}, {"aliases"}, "a glossary entry")
        glossary.append(GlossaryTerm(str(scalar(fields["term"], path, "term")),
                                     strings(fields.get("aliases"), path, "aliases"),
                                     str(scalar(fields["definition"], path, "definition"))))
    return Topic(
        title=str(scalar(top["title"], path, "title")),
        subtitle=scalar(top.get("subtitle"), path, "subtitle", allow_null=True),
        language=scalar(top.get("language"), path, "language") or "en",
        parties=parties, mediators=mediators, actors=tuple(actors), issues=tuple(issues),
        figures=tuple(figures), glossary=tuple(glossary),
        learning_objectives=strings(top.get("learning_objectives"), path, "learning_objectives"),
    )


def load_topic(project: Path) -> Topic:
    path = project / CONFIG_FILE
    if not path.exists():
        raise ConfigError("no topic configuration found", str(path), None,
                          f"create {CONFIG_FILE} (see docs/configuration.md)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", str(path), None) from None
    return parse_topic(text, str(path))
