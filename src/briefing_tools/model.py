"""The domain model: plain frozen dataclasses passed from one pipeline stage to the next."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Source:
    """One article file: validated front matter plus the raw text exactly as handed over."""

    id: str
    path: str  # relative to the project folder
    title: str | None
    outlet: str | None
    url: str | None
    published: date
    published_certain: bool
    language: str
    notes: tuple[str, ...]
    raw_text: str
    body_line: int  # line of the file where the article text starts (1-based)
    translated_from: str | None = None

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published.isoformat(),
            "published_certain": self.published_certain,
            "path": self.path,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class Removal:
    """A line the cleaner dropped as page furniture, kept for the Sources page."""

    kind: str
    text: str
    line: int  # line in the source file


@dataclass(frozen=True, slots=True)
class Flag:
    """Something a careful reader should know about a passage (e.g. an untranslated fragment)."""

    kind: str
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int  # 1-based; what footnotes cite
    text: str
    start: int  # character offsets into the cleaned text
    end: int
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    paragraph: int
    index: int  # 0-based within the paragraph
    text: str
    start: int  # offsets into the cleaned text
    end: int


@dataclass(frozen=True, slots=True)
class CleanArticle:
    source_id: str
    text: str  # paragraphs joined by blank lines
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removal, ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    paragraph: int
    excerpt: str

    def as_dict(self) -> dict:
        return {"source": self.source, "paragraph": self.paragraph, "excerpt": self.excerpt}


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...]
    role: str | None
    side: str | None
    kind: str = "person"
    roles: tuple[str, ...] = ()
    short_name: str | None = None  # what articles call a person on second mention

    @property
    def surname(self) -> str:
        """The short name, else the last word: right for "Jane Roe" (Roe), not for a name
        whose bearer goes by the first word, which is what `short_name` is for."""
        return self.short_name or self.name.split()[-1]

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "role": self.role,
            "side": self.side,
        }


@dataclass(frozen=True, slots=True)
class ActorMention:
    actor_id: str | None  # None: a name found by pattern, not in the gazetteer
    text: str
    start: int  # offsets within the sentence
    end: int
    how: str  # "name", "surname", "role", "counterpart", "pattern"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a sentence and resolved against the publication date."""

    value: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a week: its Monday)
    precision: str  # "day", "week", "month", "year"
    cue: str  # the words that carried it
    start: int
    end: int
    planned: bool = False
    qualifier: str | None = None  # "early", "mid", "late" for part-of-month expressions

    def __reduce__(self):
        # Unpickling a frozen dataclass field by field is the slowest part of a cached build.
        return (DateMention, tuple(getattr(self, f) for f in self.__slots__))

@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    speaker: str | None  # actor id
    speaker_text: str
    side: str | None
    issue: str | None
    text: str  # the sentence
    quote: str | None  # verbatim quotation, when there is one
    citations: tuple[Citation, ...]
    date: str | None = None

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "side": self.side,
            "issue": self.issue,
            "text": self.text,
            "quote": self.quote,
            "date": self.date,
            "citations": [c.as_dict() for c in self.citations],
        }


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: str
    precision: str
    planned: bool
    text: str
    date_cue: str
    citations: tuple[Citation, ...]
    qualifier: str | None = None
    actors: tuple[str, ...] = ()
    note: str | None = None  # an editor's correction note
    # Support across sources + relevance to the parties + recency (compose.salience).
    salience: float = 0.0

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "date": self.date,
            "salience": self.salience,
            "precision": self.precision,
            "qualifier": self.qualifier,
            "planned": self.planned,
            "text": self.text,
            "date_cue": self.date_cue,
            "actors": list(self.actors),
            "note": self.note,
            "citations": [c.as_dict() for c in self.citations],
        }


@dataclass(frozen=True, slots=True)
class BackgroundItem:
    id: str
    text: str
    citations: tuple[Citation, ...]
    year: int | None = None

    def as_dict(self) -> dict:
        return {"id": self.id, "text": self.text,
                "citations": [c.as_dict() for c in self.citations]}


@dataclass(frozen=True, slots=True)
class MediatorActivity:
    id: str
    text: str
    date: str  # the event's date, else the source's publication date
    precision: str
    citations: tuple[Citation, ...]
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class MediatorRegard:
    """How a party regards a mediator ("rejected as biased"), in one source's words."""

    id: str
    party: str
    stance: str
    text: str
    date: str  # the event's date, else the source's publication date
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Mediator:
    """A third party: a mediator, or a facilitator, host, observer or guarantor (``roles``)."""

    id: str
    name: str
    actors: tuple[str, ...]
    activities: tuple[MediatorActivity, ...]
    citations: tuple[Citation, ...]
    regard: tuple[MediatorRegard, ...] = ()
    roles: tuple[str, ...] = ("mediator",)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "roles": list(self.roles),
            "actors": list(self.actors),
            "activities": [
                {"id": a.id, "text": a.text, "date": a.date, "precision": a.precision,
                 "citations": [c.as_dict() for c in a.citations]}
                for a in self.activities
            ],
            "regard": [
                {"id": r.id, "party": r.party, "stance": r.stance, "text": r.text,
                 "date": r.date,
                 "citations": [c.as_dict() for c in r.citations]}
                for r in self.regard
            ],
            "citations": [c.as_dict() for c in self.citations],
        }


@dataclass(frozen=True, slots=True)
class FigureValue:
    text: str
    numbers: tuple[int, ...]
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Discrepancy:
    topic: str
    values: tuple[FigureValue, ...]
    differs: bool

    def as_dict(self) -> dict:
        return {
            "topic": self.topic,
            "differs": self.differs,
            "values": [
                {"text": v.text, "numbers": list(v.numbers),
                 "citations": [c.as_dict() for c in v.citations]}
                for v in self.values
            ],
        }


@dataclass(frozen=True, slots=True)
class SourceReport:
    """What extraction learnt about one source, for the Sources page."""

    source: Source
    article: CleanArticle
    reliability: tuple[str, ...]
    unknown_names: tuple[str, ...]


@dataclass(slots=True)
class KnowledgeBase:
    sources: list[SourceReport] = field(default_factory=list)
    background: list[BackgroundItem] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mediators: list[Mediator] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    unknown_names: list[str] = field(default_factory=list)
    outlook: list[BackgroundItem] = field(default_factory=list)
    actor_citations: dict[str, list[Citation]] = field(default_factory=dict)
    editorial_summary: dict[str, int] = field(default_factory=dict)
    key_points: list[str] = field(default_factory=list)  # item ids chosen by an editor
    edited: list[str] = field(default_factory=list)  # ids of items whose text an editor wrote
    off_topic: list[str] = field(default_factory=list)  # sources naming no party

    def as_dict(self) -> dict:
        return {
            "schema_version": 1,
            "sources": [r.source.as_dict() for r in self.sources],
            "background": [b.as_dict() for b in self.background],
            "events": [e.as_dict() for e in self.events],
            "statements": [s.as_dict() for s in self.statements],
            "actors": [a.as_dict() for a in self.actors],
            "mediators": [m.as_dict() for m in self.mediators],
            "discrepancies": [d.as_dict() for d in self.discrepancies],
            "outlook": [o.as_dict() for o in self.outlook],
            "unknown_names": list(self.unknown_names),
            "sources_without_topic_relevance": list(self.off_topic),
        }

    def to_json(self) -> str:
        """The export: one line per item, each encoded by the C encoder in one call.

        ``json.dump(..., indent=1)`` writes through the pure-Python encoder in about a million
        small pieces for 1,000 articles (over a second of the export); this is the same JSON
        with items kept whole on their lines, still easy to read and diff."""
        return dumps_by_line(self.as_dict())


def dumps_by_line(data: dict) -> str:
    """A dict of lists and scalars as JSON, one list item (or scalar value) per line."""
    def encode(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n  ".join(map(encode, value))
            parts.append(f" {encode(key)}: [\n  {items}\n ]")
        else:
            parts.append(f" {encode(key)}: {encode(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"
