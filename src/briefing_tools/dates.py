"""Find date expressions in news sentences and resolve them against the publication date.

News writes "on Thursday", "last month", "earlier this week", "mid-March": a general-purpose
parser either misses these or resolves them to the wrong week (see docs/dependencies.md). The
resolver owns them; every result carries its precision and the words that carried it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from briefing_tools.model import DateMention
from briefing_tools.patterns import FUTURE_CUES, MONTHS, WEEKDAYS

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|" \
         r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_PART = r"(?P<part>early|mid|late|the (?:beginning|start|middle|end) of)"

# (kind, pattern): earlier patterns win where matches overlap. Month names are matched with
# their capital only: "may" and "march" are also verbs.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("day_month", rf"\b(?:[Oo]n )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH}"
                      rf"(?:,? {_YEAR})?\b"),
        ("month_day", rf"\b(?:[Oo]n )?{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,]\d)"
                      rf"(?:,? {_YEAR})?\b"),
        ("part_month", rf"\b(?:[Ii]n )?(?i:{_PART})[- ](?-i:{_MONTH})(?: {_YEAR})?\b"),
        ("month_year", rf"\b(?:[Ii]n |[Ss]ince |[Bb]y )?{_MONTH},? {_YEAR}\b"),
        ("weekday", rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n) )?{_WEEKDAY}\b"),
        ("rel_week", r"\b(?P<rel>(?i:earlier this|later this|last|next|this|previous|the previous|"
                     r"the following)) week\b"),
        ("rel_month", r"\b(?P<rel>(?i:earlier this|later this|last|next|this|previous|"
                      r"the previous|the following)) month\b"),
        ("rel_year", r"\b(?P<rel>(?i:last|next|this|previous|the previous|the following)) year\b"
                     r"|\b(?P<ago>a year (?:prior|earlier|ago|before))\b"),
        ("end_of_year", r"\b(?i:by|before|at) the end of (?:the|this) year\b"),
        ("same_day", r"\b(?i:that same day|the same day|that day|the next day|the following day|"
                     r"the previous day|the day before|the day after)\b"),
        ("deictic_day", r"\b(?i:yesterday|today|tomorrow)\b"),
        ("month_only", rf"\b(?:(?P<prep>[Ii]n|[Ss]ince|[Bb]y|[Tt]he|[Ll]ast|[Tt]his|[Ee]arly|"
                       rf"[Dd]uring) ){_MONTH}\b(?! \d)"),
        ("year", rf"(?<![\d,.$£€])\b(?:(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Oo]f|[Ff]rom|[Tt]he) )?"
                 rf"{_YEAR}\b(?![\d%]|[.,]\d| (?:people|troops|soldiers|km|per))"),
    )
)


@dataclass
class DateContext:
    """Resolution state across one article: "that same day" refers to the last date resolved."""

    published: date
    last_day: date | None = None
    mentions: list[DateMention] = field(default_factory=list)


# How far around a date expression its tense is judged: "refused on Thursday to join talks
# planned for November" is past for Thursday and future for November.
TENSE_WINDOW_BEFORE = 45
TENSE_WINDOW_AFTER = 25


def is_future_context(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - TENSE_WINDOW_BEFORE): end + TENSE_WINDOW_AFTER]
    return bool(FUTURE_CUES.search(window))


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _closest_year(published: date, month: int, day: int | None, future: bool) -> int:
    """The year that puts a day-and-month closest before publication (after it, if future)."""
    if day is None:  # a month alone: the publication month counts as both past and future
        if future:
            return published.year if month >= published.month else published.year + 1
        return published.year if month <= published.month else published.year - 1
    candidate = date(published.year, month, min(day, 28))
    if future:
        return published.year if candidate >= published else published.year + 1
    return published.year if candidate <= published else published.year - 1


def _safe_day(year: int, month: int, day: int) -> date | None:
    if 1 <= day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


def find_dates(text: str, context: DateContext) -> list[DateMention]:
    """Every date expression in one sentence, resolved; updates ``context.last_day``."""
    published = context.published
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            future = is_future_context(text, start, end)
            mention = _resolve(kind, match, published, future, context)
            if mention is None:
                continue
            taken.append((start, end))
            found.append(mention)
    found.sort(key=lambda m: m.start)
    for mention in found:
        if mention.precision == "day":
            context.last_day = date.fromisoformat(mention.value)
    return found


def _mention(value: str, precision: str, match: re.Match[str], published: date,
             future: bool, qualifier: str | None = None) -> DateMention:
    planned = value > published.isoformat()[: len(value)] or (
        future and value >= published.isoformat()[: len(value)])
    return DateMention(value, precision, match.group(0), match.start(), match.end(), planned,
                       qualifier)


def _resolve(kind: str, m: re.Match[str], published: date, future: bool,
             context: DateContext) -> DateMention | None:
    groups = m.groupdict()
    if kind in ("day_month", "month_day"):
        month = MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"])
        year = int(groups["year"]) if groups.get("year") else _closest_year(
            published, month, day, future)
        resolved = _safe_day(year, month, day)
        if resolved is None:
            return None
        return _mention(resolved.isoformat(), "day", m, published, future)
    if kind == "part_month":
        month = MONTHS[groups["month"].lower().rstrip(".")]
        year = int(groups["year"]) if groups.get("year") else _closest_year(
            published, month, None, future)
        part = groups["part"].lower()
        qualifier = ("early" if any(w in part for w in ("early", "beginning", "start"))
                     else "late" if any(w in part for w in ("late", "end")) else "mid")
        return _mention(_month_value(year, month), "month", m, published, future, qualifier)
    if kind == "month_year":
        month = MONTHS[groups["month"].lower().rstrip(".")]
        return _mention(_month_value(int(groups["year"]), month), "month", m, published, future)
    if kind == "weekday":
        target = WEEKDAYS[groups["weekday"].lower()]
        rel = (groups.get("rel") or "").lower()
        back = (published.weekday() - target) % 7  # 0: the publication day itself
        if rel == "next" or (future and rel != "last"):
            ahead = (target - published.weekday()) % 7 or 7
            day = published + timedelta(days=ahead)
        elif rel == "last":
            day = published - timedelta(days=back or 7)
        else:
            day = published - timedelta(days=back)
        return _mention(day.isoformat(), "day", m, published, future)
    if kind == "rel_week":
        rel = groups["rel"].lower()
        this_monday = monday(published)
        if rel in ("last", "previous", "the previous"):
            week = this_monday - timedelta(days=7)
        elif rel in ("next", "the following"):
            week = this_monday + timedelta(days=7)
        else:
            week = this_monday
        return _mention(week.isoformat(), "week", m, published, future)
    if kind == "rel_month":
        rel = groups["rel"].lower()
        year, month = published.year, published.month
        if rel in ("last", "previous", "the previous"):
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        elif rel in ("next", "the following"):
            year, month = (year, month + 1) if month < 12 else (year + 1, 1)
        return _mention(_month_value(year, month), "month", m, published, future)
    if kind == "rel_year":
        rel = (groups.get("rel") or "").lower()
        year = published.year
        if groups.get("ago") or rel in ("last", "previous", "the previous"):
            year -= 1
        elif rel in ("next", "the following"):
            year += 1
        return _mention(f"{year:04d}", "year", m, published, future)
    if kind == "end_of_year":
        return DateMention(f"{published.year:04d}", "year", m.group(0), m.start(), m.end(), True,
                           "end")
    if kind == "same_day":
        base = context.last_day or published
        words = m.group(0).lower()
        if "next" in words or "following" in words or "after" in words:
            base += timedelta(days=1)
        elif "previous" in words or "before" in words:
            base -= timedelta(days=1)
        return _mention(base.isoformat(), "day", m, published, future)
    if kind == "deictic_day":
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group(0).lower()]
        return _mention((published + timedelta(days=offset)).isoformat(), "day", m, published,
                        future)
    if kind == "month_only":
        month = MONTHS[groups["month"].lower().rstrip(".")]
        if groups["month"] in ("May",) and groups.get("prep", "").lower() in ("the",):
            return None
        year = _closest_year(published, month, None, future)
        return _mention(_month_value(year, month), "month", m, published, future)
    if kind == "year":
        year = int(groups["year"])
        if year > published.year + 10:
            return None
        return _mention(f"{year:04d}", "year", m, published, future)
    return None


def format_date(value: str, precision: str, qualifier: str | None = None) -> str:
    """'22 June 2023', 'March 2022', 'late September 2024', 'week of 2 December 2024'."""
    parts = [int(p) for p in value.split("-")]
    if precision == "day":
        return f"{parts[2]} {calendar.month_name[parts[1]]} {parts[0]}"
    if precision == "week":
        return f"week of {parts[2]} {calendar.month_name[parts[1]]} {parts[0]}"
    if precision == "month":
        text = f"{calendar.month_name[parts[1]]} {parts[0]}"
        if qualifier in ("early", "mid", "late"):
            text = f"{qualifier} {text}" if qualifier != "mid" else f"mid-{text}"
        return text
    if qualifier == "end":
        return f"end of {parts[0]}"
    return str(parts[0])


def replacement_phrase(mention: DateMention) -> str:
    """How a resolved date reads inside a sentence in place of its cue ("on Thursday" → ...)."""
    text = format_date(mention.value, mention.precision, mention.qualifier)
    cue = mention.cue.lower()
    first = cue.split()[0]
    if mention.precision == "day":
        standalone = first in WEEKDAYS or first in ("that", "the", "yesterday", "today",
                                                   "tomorrow", "last", "next", "this")
        return f"on {text}" if first == "on" or standalone else text
    if mention.precision == "week":
        return f"in the {text}"
    if mention.precision == "year" and mention.qualifier == "end":
        return f"by the {text}"
    if first in ("the", "early", "during"):
        return f"{first} {text}" if first != "early" else f"in {text}"
    prefix = first if first in ("in", "since", "by") else "in"
    return f"{prefix} {text}"
