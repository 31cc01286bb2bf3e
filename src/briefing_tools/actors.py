"""Recognise actors: gazetteer names and spellings, surnames, roles, unknown titled names."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing_tools.config import Topic
from briefing_tools.model import Actor, ActorMention
from briefing_tools.patterns import DATELINE, ROLE_SYNONYMS, word_alternation

TITLE_WORDS = word_alternation((
    "Deputy", "Vice", "Prime", "Foreign", "Defence", "Defense", "Interior", "Major", "Lieutenant",
    "Chief", "Special", "Secretary", "Assistant", "Minister", "President", "Chancellor", "General",
    "Commander", "Director", "Ambassador", "Envoy", "Spokesperson", "Spokesman", "Spokeswoman",
    "Senator", "Speaker", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr."))
_INSTITUTION_WORDS = {"Committee", "Council", "Ministry", "Affairs", "Office", "Department",
                      "Union", "Assembly", "Parliament", "Court", "Agency", "Centre", "Center"}
_TITLED_NAME = re.compile(
    rf"\b(?:{TITLE_WORDS}\s+)+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{1,2}})")


# A person named at the start of a sentence, after nothing but a title, is what the sentence is
# about: a later "he" refers to them rather than to whoever was named last.
_SUBJECT_PREFIX = re.compile(
    r"(?:(?:the|The|[A-Z][\w’'-]*|[a-z]+['’]s|former|deputy|foreign|prime|defen[cs]e|interior|"
    r"minister|president|secretary|spokes\w+|envoy|leader|chief|general|head|of|state|special)"
    r"\s+)*")


@dataclass(frozen=True)
class Gazetteer:
    """Compiled matchers for one topic's actors."""

    topic: Topic
    names: re.Pattern[str]
    by_alias: dict[str, tuple[str, ...]]  # casefolded alias → actor ids
    roles: re.Pattern[str] | None
    counterpart: re.Pattern[str] | None
    side_words: dict[str, str]  # word as written → side id
    side_pattern: re.Pattern[str]
    # ``names`` for lower-cased text: twice as fast as matching case-insensitively.
    names_lower: re.Pattern[str]
    # Every mention of every sentence looks its actor up: a scan of the topic's list was a
    # tenth of the speaker finder's time.
    by_id: dict[str, Actor]

    def actor(self, actor_id: str) -> Actor:
        return self.by_id[actor_id]


_INITIALS = re.compile(r"[A-Z]{2,4}")


def build_gazetteer(topic: Topic) -> Gazetteer:
    by_alias: dict[str, list[str]] = {}
    for actor in topic.actors:
        forms = {actor.name, *actor.aliases}
        if actor.kind == "person" and (" " in actor.name or actor.short_name):
            forms.add(actor.surname)  # the surname (or the configured short name) alone
        for form in forms:
            ids = by_alias.setdefault(form.casefold().replace("’", "'"), [])
            if actor.id not in ids:
                ids.append(actor.id)
    # A prefix tree tries the longest alias first, as a longest-first list would, letter by
    # letter instead of alias by alias; apostrophes differ between outlets ("O'Brien", "O’Brien").
    names_pattern = (r"(?<![\w’'-])" + word_alternation(sorted(by_alias)).replace("'", "['’]")
                     + r"(?![\w-])")
    names = re.compile(names_pattern, re.IGNORECASE)
    side_words: dict[str, str] = {}
    for side in topic.sides:
        for word in (side.name, *side.words):
            side_words.setdefault(word, side.id)  # case matters: "US" is not "us"
            if word[:1].islower():  # ... but a lower-case word may open a sentence
                side_words.setdefault(word[:1].upper() + word[1:], side.id)
            if _INITIALS.fullmatch(word):  # "UN" is also written "U.N."
                side_words.setdefault(".".join(word) + ".", side.id)
    # Ambiguous words ("Colombian" for a government in a civil war) stand for the side only
    # in a role phrase ("the Colombian president"): in `roles` and `counterpart`, never alone.
    qualified = dict(side_words)
    for side in topic.sides:
        for word in side.ambiguous_words:
            qualified.setdefault(word, side.id)
    alone_alt = _alternation(side_words)
    side_alt = _alternation(qualified)
    configured = {r for a in topic.actors for r in a.roles}
    role_names = sorted(configured | {word for word, meant in ROLE_SYNONYMS.items()
                                      if configured & set(meant)}
                        | {v for r in configured for v in role_variants(r)},
                        key=lambda r: (-len(r), r))
    roles = counterpart = None
    if role_names and side_alt:
        role_alt = "|".join(re.escape(r) for r in role_names)
        roles = re.compile(rf"\b(?P<side>{side_alt})(?:['’]s)?\s+(?P<role>(?i:{role_alt}))\b")
        counterpart = re.compile(rf"\b(?:his|her|their)\s+(?P<side>{side_alt})\s+counterparts?\b")
    side_pattern = re.compile(rf"(?<![\w-])(?:{alone_alt})(?![\w])" if alone_alt else r"(?!x)x")
    return Gazetteer(topic, names, {k: tuple(v) for k, v in by_alias.items()}, roles, counterpart,
                     qualified, side_pattern, re.compile(names_pattern),
                     {a.id: a for a in reversed(topic.actors)})


# "Minister for Foreign Affairs", "minister of defence": the formal name of an "X minister".
_MINISTER_OF = re.compile(r"minister (?:of|for) (?:the )?(?P<portfolio>[a-z]+)(?: affairs)?")


def role_variants(role: str) -> set[str]:
    """The formal names of a role written "<portfolio> minister" in the configuration."""
    portfolio = re.fullmatch(r"(?P<portfolio>[a-z]+) minister", role)
    if not portfolio or portfolio.group("portfolio") in ("prime", "deputy", "chief"):
        return set()
    word = portfolio.group("portfolio")
    # "Minister of Foreign Trade" is not the foreign minister: "foreign" needs its "affairs".
    endings = (" affairs",) if word == "foreign" else ("", " affairs")
    return {f"minister {of} {word}{affairs}" for of in ("of", "for", "of the")
            for affairs in endings}


def canonical_role(role: str) -> str:
    """A role's configured wording: "minister for foreign affairs" is the "foreign minister"."""
    formal = _MINISTER_OF.fullmatch(role)
    return f"{formal.group('portfolio')} minister" if formal else role


def _alternation(words: dict[str, str]) -> str:
    return word_alternation(sorted(words)) if words else ""


@dataclass(frozen=True)
class Voice:
    """Whoever a sentence credits with words: a gazetteer actor (``actor`` set) or a person,
    organisation or party word the configuration does not list, with the side read around it."""

    actor: str | None
    text: str
    side: str | None
    person: bool


@dataclass
class ArticleContext:
    """What the reader of an article remembers: who was named last, in full, and who spoke."""

    last_full: dict[str, str]  # surname → actor id last named in full
    last_person: str | None = None
    last_speaker: str | None = None
    last_organisation: str | None = None
    last_role_holder: str | None = None
    last_voice: Voice | None = None  # who spoke last, listed or not
    last_subject: Voice | None = None  # the person a sentence was last about: "he" is them
    unknown_people: dict[str, Voice] = field(default_factory=dict)  # surname → person
    acronym_sides: dict[str, str | None] = field(default_factory=dict)  # "NAA" → its side
    # The organisation or group that spoke last, and how many sentences ago: "It added …"
    # in the next sentence is theirs; further on, "it" is as likely a plan or a report.
    last_body: Voice | None = None
    sentences_since_body: int = 99
    # Which sentence (counted from 1) last named each side: "the party" is one the article
    # has named, and the one it named last.
    sentence: int = 0
    side_named: dict[str, int] = field(default_factory=dict)

    @classmethod
    def new(cls) -> ArticleContext:
        return cls(last_full={})


# Capitalised words that may stand before a surname without being a first name.
_BEFORE_SURNAME = frozenset(
    ["president", "minister", "prime", "foreign", "secretary", "general", "chancellor", "mr",
     "mrs", "ms", "dr", "prof", "sir", "premier", "leader", "envoy", "ambassador", "commander",
     "marshal", "colonel", "major", "lieutenant", "captain", "senator", "governor", "mayor",
     "king", "queen", "sheikh", "pope", "deputy", "vice", "chief", "head", "spokesman",
     "spokeswoman", "commissioner", "representative", "speaker", "judge", "justice", "bishop",
     "patriarch", "emir", "prince", "princess", "admiral", "brigadier", "ombudsman", "mp", "mep",
     "congressman", "congresswoman", "negotiator", "mediator", "defence", "defense", "interior",
     "finance", "trade", "agriculture", "economy", "economic", "when", "while", "but", "and",
     "as", "if", "after", "before", "then", "so", "yet", "because", "meanwhile", "however",
     "also", "later", "earlier", "the", "a", "an", "in", "on", "at", "by", "for", "with", "from",
     "to", "of", "said", "says", "told", "asked",
     *(m.lower() for m in calendar.month_name[1:]), *(d.lower() for d in calendar.day_name)])


def _namesake(text: str, start: int, actor: Actor) -> bool:
    """Whether the surname at ``start`` belongs to someone else: "Karim Haddad" is not "Omar
    Haddad", though both end in "Haddad"."""
    before = re.search(r"([A-ZÀ-ÖØ-Þ][\w’'-]+)\s+$", text[max(0, start - 40):start])
    word = before.group(1) if before else ""
    # A title, a possessive ("Northland's Roe") or an acronym ("EU Roe") is no first name.
    if not word or word.casefold() in _BEFORE_SURNAME or word.isupper() \
            or word.endswith(("'s", "’s")):
        return False
    return word.casefold() not in {w.casefold() for w in actor.name.split()} | {
        w.casefold() for alias in actor.aliases for w in alias.split()}


def find_mentions(text: str, gazetteer: Gazetteer, context: ArticleContext,
                  quoted: Sequence[tuple[int, int]] = ()) -> list[ActorMention]:
    """Actor mentions in one sentence, in order, updating the article context as it reads.

    ``quoted``: the sentence's quoted stretches. A person who is the subject of quoted words
    is not the subject a later "he said" refers to."""
    found: list[ActorMention] = []
    lowered = text.lower()
    matches = (gazetteer.names_lower.finditer(lowered) if len(lowered) == len(text)
               else gazetteer.names.finditer(text))  # "İ" lower-cases to two characters
    for match in matches:
        start, end = match.span()
        written = text[start:end]
        form = written.casefold().replace("’", "'")
        ids = gazetteer.by_alias.get(form, ())
        actor_id = ids[0] if len(ids) == 1 else context.last_full.get(form)
        how = "name" if " " in written else "surname"
        if how == "surname" and actor_id and _namesake(text, start, gazetteer.actor(actor_id)):
            continue
        found.append(ActorMention(actor_id, written, start, end, how))
    if gazetteer.roles:
        for match in gazetteer.roles.finditer(text):
            side = gazetteer.side_words.get(match.group("side"))
            role = canonical_role(match.group("role").lower())
            meant = {role, *ROLE_SYNONYMS.get(role, ())}
            holders = [a for a in gazetteer.topic.actors if a.side == side and meant & set(a.roles)]
            if len(holders) > 1:  # two high representatives in turn: the one the article named
                named = set(context.last_full.values())
                holders = [a for a in holders if a.id in named]
            if len(holders) == 1 and not _overlaps(match.start(), match.end(), found):
                found.append(ActorMention(holders[0].id, match.group(0), match.start(),
                                          match.end(), "role"))
    if gazetteer.counterpart:
        for match in gazetteer.counterpart.finditer(text):
            side = gazetteer.side_words.get(match.group("side"))
            reference = gazetteer.topic.actor(context.last_role_holder)
            if reference is None:
                continue
            holders = [a for a in gazetteer.topic.actors
                       if a.side == side and set(a.roles) & set(reference.roles)]
            if len(holders) == 1:
                found.append(ActorMention(holders[0].id, match.group(0), match.start(),
                                          match.end(), "counterpart"))
    found.sort(key=lambda m: (m.start, -m.end))
    for mention in found:
        if mention.actor_id is None:
            continue
        actor = gazetteer.actor(mention.actor_id)
        if mention.how == "name" and actor.kind == "person":
            context.last_full[actor.surname.casefold()] = actor.id
        if actor.kind == "person":
            context.last_person = actor.id
            if _SUBJECT_PREFIX.fullmatch(text[:mention.start]) \
                    and not any(s <= mention.start < e for s, e in quoted):
                context.last_subject = Voice(actor.id, mention.text, actor.side, True)
            if actor.roles:
                context.last_role_holder = actor.id
        else:
            context.last_organisation = actor.id
    return found


def _overlaps(start: int, end: int, mentions: list[ActorMention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def unknown_names(text: str, gazetteer: Gazetteer) -> list[str]:
    """Titled names ("Deputy Foreign Minister Jane Smith") that the gazetteer lacks."""
    result = []
    for match in _TITLED_NAME.finditer(text):
        name = re.sub(r"['’]s$", "", match.group("name"))
        words = name.replace("’", "'").split()
        if words[-1] in _INSTITUTION_WORDS or any(re.fullmatch(TITLE_WORDS, w) for w in words):
            continue
        # A shared surname is not enough: "Jane Smith" is not "John Smith".
        if " ".join(words).casefold() in gazetteer.by_alias:
            continue
        if any(w in gazetteer.side_words for w in words):
            continue
        result.append(name)
    return result


def sides_in(text: str, gazetteer: Gazetteer) -> list[tuple[int, str]]:
    """(position, side id) of every party or third-party word in the text, in order; a
    dateline's place names none."""
    dateline = DATELINE.match(text)
    after = dateline.end() if dateline else 0
    return [(m.start(), gazetteer.side_words[m.group(0)])
            for m in gazetteer.side_pattern.finditer(text, after)]


def side_of_phrase(text: str, gazetteer: Gazetteer) -> str | None:
    """The party or mediator a phrase speaks for ("the French ministry" → france). A possessor
    only places what it owns: "Europe's farmers" are the farmers' side, where the farmers are
    one and head the phrase ("Belgrade's Kosovo office" is Belgrade's)."""
    found = sides_in(text, gazetteer)
    if len(found) >= 2:
        first = gazetteer.side_pattern.match(text, found[0][0])
        owned = gazetteer.side_pattern.match(text, found[1][0])
        if first and owned and re.fullmatch(r"['’]s\s+", text[first.end():owned.start()]) \
                and not text[owned.end():].strip(" .,;"):
            return found[1][1]
    return found[0][1] if found else None
