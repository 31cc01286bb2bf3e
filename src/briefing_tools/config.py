"""The topic configuration (``briefing.yaml``): parties, third parties, actors, issues — as data."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing_tools.errors import ConfigError
from briefing_tools.model import Actor
from briefing_tools.yamlnodes import (
    compose,
    line_of,
    mapping,
    read_utf8,
    scalar,
    sequence,
    strings,
    suggest,
)
from briefing_tools.yamlnodes import text as text_value

CONFIG_FILE = "briefing.yaml"
# The title heads every page and the PDF's title page: past a few lines it is pasted text, and
# LaTeX cannot set it.
MAX_TITLE_CHARS = 200
MAX_NAME_CHARS = 200


# What a third party does in the process; `mediators:` entries are third parties of the first role.
THIRD_PARTY_ROLES = ("mediator", "facilitator", "host", "observer", "guarantor")


@dataclass(frozen=True, slots=True)
class Side:
    """A party or a third party: an id, a display name and the words that stand for it.

    ``ambiguous_words`` also name something else (the country of a civil war, the region a
    movement shares its name with): they stand for the side only before a role word ("the
    Colombian president"), never alone. ``roles`` are a third party's (mediator, host, …)."""

    id: str
    name: str
    words: tuple[str, ...]
    ambiguous_words: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


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
    mediators: tuple[Side, ...]  # every third party, whatever its role (see THIRD_PARTY_ROLES)
    actors: tuple[Actor, ...]
    issues: tuple[Issue, ...]
    figures: tuple[FigureTopic, ...]
    glossary: tuple[GlossaryTerm, ...]
    learning_objectives: tuple[str, ...]
    # The topic's own words for its long history ("irredentist", "former Soviet"): sentences
    # with them go to the background, beside the topic-neutral cues of patterns.py.
    background_cues: tuple[str, ...] = ()

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


# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
                               "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
                               "ħ": "h", "þ": "th", "ð": "d"})


def slug(text: str) -> str:
    """An id from a name: "Aleksandar Vučić" → aleksandar-vucic (accents folded, not dropped)."""
    text = re.sub(r"[\W_]+", "-", text)  # punctuation separates words: O’Brien → o-brien
    folded = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    folded = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def parse_topic(text: str, path: str = CONFIG_FILE) -> Topic:
    """Validate the configuration text; every error names the file and line."""
    root = compose(text, path)
    if root is None:
        raise ConfigError("the configuration is empty", path, 1,
                          "start from the skeleton `briefing init` writes")
    top = mapping(root, path, {"title", "parties"},
                  {"subtitle", "language", "mediators", "third_parties", "actors", "issues",
                   "figures", "glossary", "learning_objectives", "background_cues"},
                  "the configuration")

    def sides(key: str) -> tuple[Side, ...]:
        result = []
        optional = {"words", "ambiguous_words"} | ({"role"} if key == "third_parties" else set())
        for node in sequence(top[key], path, key) if key in top else []:
            fields = mapping(node, path, {"id", "name"}, optional, f"an entry of {key}")
            roles = ("mediator",) if key == "mediators" else ()
            if key == "third_parties":
                roles = _third_party_roles(fields.get("role"), path)
            result.append(Side(str(text_value(fields["id"], path, "id",
                                              max_length=MAX_NAME_CHARS)),
                               str(text_value(fields["name"], path, "name",
                                              max_length=MAX_NAME_CHARS)),
                               strings(fields.get("words"), path, "words"),
                               strings(fields.get("ambiguous_words"), path, "ambiguous_words"),
                               roles))
        return tuple(result)

    parties, mediators = sides("parties"), sides("mediators") + sides("third_parties")
    side_ids = {s.id for s in parties + mediators}
    seen_sides: set[str] = set()
    for side in parties + mediators:
        if side.id in seen_sides:
            raise ConfigError(f"party or third-party id '{side.id}' is used twice", path, None,
                              "give each party and third party its own id")
        seen_sides.add(side.id)

    actors: list[Actor] = []
    seen_names: dict[str, int] = {}
    for node in sequence(top["actors"], path, "actors") if "actors" in top else []:
        fields = mapping(node, path, {"name"},
                         {"aliases", "role", "roles", "side", "kind", "short_name"}, "an actor")
        name = str(text_value(fields["name"], path, "name", max_length=MAX_NAME_CHARS))
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
        same_id = next((a for a in actors if a.id == slug(name)), None)
        if not slug(name) or same_id:
            # Statements are filed by id: two actors sharing one would silently merge.
            clash = f"the same id as '{same_id.name}'" if same_id else "no usable id"
            raise ConfigError(f"actor '{name}' gets {clash}", path, line_of(fields["name"]),
                              "write the name in Latin letters and list this spelling under "
                              "aliases")
        kind = scalar(fields.get("kind"), path, "kind") or "person"
        if kind not in {"person", "organisation", "state"}:
            raise ConfigError(f"actor '{name}' has unknown kind '{kind}'", path,
                              line_of(fields["kind"]), "use person, organisation or state")
        actors.append(Actor(
            id=slug(name), name=name,
            aliases=strings(fields.get("aliases"), path, "aliases"),
            role=text_value(fields.get("role"), path, "role", allow_null=True,
                            max_length=MAX_NAME_CHARS),
            side=side, kind=kind,
            roles=tuple(r.lower() for r in strings(fields.get("roles"), path, "roles")),
            short_name=text_value(fields.get("short_name"), path, "short_name", allow_null=True,
                                  max_length=MAX_NAME_CHARS),
        ))

    issues = []
    for node in sequence(top["issues"], path, "issues") if "issues" in top else []:
        fields = mapping(node, path, {"id", "name", "cues"}, set(), "an issue")
        issues.append(Issue(str(text_value(fields["id"], path, "id",
                                           max_length=MAX_NAME_CHARS)),
                            str(text_value(fields["name"], path, "name",
                                           max_length=MAX_NAME_CHARS)),
                            strings(fields["cues"], path, "cues")))
    figures = []
    for node in sequence(top["figures"], path, "figures") if "figures" in top else []:
        fields = mapping(node, path, {"topic", "cues"}, set(), "a figure topic")
        figures.append(FigureTopic(str(text_value(fields["topic"], path, "topic")),
                                   strings(fields["cues"], path, "cues")))
    glossary = []
    for node in sequence(top["glossary"], path, "glossary") if "glossary" in top else []:
        fields = mapping(node, path, {"term", "definition"}, {"aliases"}, "a glossary entry")
        glossary.append(GlossaryTerm(str(text_value(fields["term"], path, "term",
                                              max_length=MAX_NAME_CHARS)),
                                     strings(fields.get("aliases"), path, "aliases"),
                                     str(text_value(fields["definition"], path, "definition"))))
    return Topic(
        title=str(text_value(top["title"], path, "title", max_length=MAX_TITLE_CHARS)),
        subtitle=text_value(top.get("subtitle"), path, "subtitle", allow_null=True,
                      max_length=MAX_TITLE_CHARS),
        language=text_value(top.get("language"), path, "language", max_length=40) or "en",
        parties=parties, mediators=mediators, actors=tuple(actors), issues=tuple(issues),
        figures=tuple(figures), glossary=tuple(glossary),
        learning_objectives=strings(top.get("learning_objectives"), path, "learning_objectives"),
        background_cues=strings(top.get("background_cues"), path, "background_cues"),
    )


def _third_party_roles(node: yaml.Node | None, path: str) -> tuple[str, ...]:
    """`role: host` or `role: [guarantor, host]`; each one of THIRD_PARTY_ROLES."""
    if node is None:
        return ("mediator",)
    if isinstance(node, yaml.SequenceNode):
        roles = strings(node, path, "role")
    else:
        roles = (str(scalar(node, path, "role")),)
    for role in roles:
        if role not in THIRD_PARTY_ROLES:
            guess = suggest(role, list(THIRD_PARTY_ROLES))
            raise ConfigError(f"unknown third-party role '{role}'", path, line_of(node),
                              f"did you mean '{guess}'?" if guess else
                              f"use one or more of: {', '.join(THIRD_PARTY_ROLES)}")
    return tuple(dict.fromkeys(roles))


def load_topic(project: Path) -> Topic:
    path = project / CONFIG_FILE
    if not path.exists():
        raise ConfigError("no topic configuration found", str(path), None,
                          f"run `briefing init` to start a briefing, or create {CONFIG_FILE} "
                          "(see docs/manual/configuration.md)")
    content = read_utf8(path, CONFIG_FILE)
    # Named as the sources are, relative to the project: `briefing.yaml:12: …`.
    return parse_topic(content, CONFIG_FILE)
