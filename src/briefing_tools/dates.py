"""Find date expressions in news sentences and resolve them against the publication date.

News writes "on Thursday", "last month", "earlier this week", "mid-March": a general-purpose
parser either misses these or resolves them to the wrong week (see docs/dependencies.md). The
resolver owns them; every result carries its precision and the words that carried it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from briefing_tools.model import DateMention
from briefing_tools.patterns import FUTURE_CUES, MONTHS, WEEKDAYS

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|" \
         r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
# Words after "the March 14" that make it the name of a political bloc, not a date.
_BLOC_WORDS = r"(?:alliance|coalition|movement|bloc|camp|front|forces|group|list|youth)"
_PART = r"(?P<part>early|mid|late|the (?:beginning|start|middle|end) of)"
# The end of a range after its first day ("June 1-5", "1–5 June"): the range is dated by its start.
_RANGE_END = r"(?:\s?[-–]\s?\d{1,2}(?!\d))?"
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
# The weekday of an explicit date, which the date decides: "Monday (January 12)", "Friday,
# Sept. 29".
_WEEKDAY_OF = rf"(?:[Oo]n |[Ll]ate |[Bb]y late )?{_WEEKDAY}(?:,? ?(?P<paren>\()|,)? ?"

# (kind, pattern): earlier patterns win where matches overlap. Month names are matched with
# their capital only: "may" and "march" are also verbs.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("named_bloc", rf"\b[Tt]he (?:{_MONTH} \d{{1,2}}|\d{{1,2}} {_MONTH2}) (?={_BLOC_WORDS}\b)"),
        ("day_month", rf"\b(?:{_WEEKDAY_OF})?(?:[Oo]n )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                      rf"{_RANGE_END} (?:of )?{_MONTH}(?:,? {_YEAR})?(?(paren)\)|\b(?!-))"),
        ("month_day", rf"\b(?:{_WEEKDAY_OF})?(?:[Oo]n )?{_MONTH} (?P<day>\d{{1,2}})"
                      rf"(?:st|nd|rd|th)?{_RANGE_END}(?![\d,]\d)(?:,? {_YEAR})?(?(paren)\)|\b)"),
        ("first_days", rf"\b(?:[Ii]n )?the (?P<edge>first|early|opening|last|final|closing) "
                       rf"(?:days|weeks) of (?:{_MONTH} )?{_YEAR}\b"),
        ("month_that_year", rf"\b(?:[Ii]n )?{_MONTH},? (?:of )?(?P<which>that|the same|last|this|"
                            rf"next|the previous|the following) year\b"),
        ("same_year", r"\b(?i:(?:later|earlier) that year|that same year|the same year"
                      r"|(?<=in )that year)\b"),
        ("part_month", rf"\b(?:[Ii]n )?(?i:{_PART})[- ](?-i:{_MONTH})(?: {_YEAR})?\b"),
        ("month_year", rf"\b(?:[Ii]n |[Ss]ince |[Bb]y )?{_MONTH},? {_YEAR}\b"),
        ("weekday", rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|(?:[Ll]ater|[Ee]arlier)(?: on)?|[Oo]n)"
                    rf" )?{_WEEKDAY}\b"),
        ("rel_week", r"\b(?P<rel>(?i:earlier this|later this|last|next|this|previous|the previous|"
                     r"the following)) week\b"),
        ("rel_month", r"\b(?P<rel>(?i:earlier this|later this|last|next|this|previous|"
                      r"the previous|the following)) month\b"
                      # "at the start of the month": of the month of writing.
                      r"|\b(?i:at|by|since|from|until) the (?P<edge>(?i:start|beginning|middle|"
                      r"end)) of the month\b"),
        ("rel_year", r"\b(?P<rel>(?i:last|next|this|previous|the previous|the following)) year\b"
                     r"|\b(?P<ago>a year (?:prior|earlier|ago|before))\b"),
        ("end_of_year", rf"\b(?i:by|before|at|until) the end of (?:(?i:the|this) year|{_YEAR})\b"),
        ("same_day", r"\b(?i:(?:(?:early|late|later|earlier) )?(?:that same|the same|that|"
                     r"the next|the following|the previous) (?:day|morning|afternoon|evening|"
                     r"night)|(?:one|a) day (?:earlier|later)|(?:later|earlier) in the day"
                     # followed by a happening ("a day after the vote"): see _resolve
                     r"|(?:the|one|a) day (?:before|after|prior))\b"),
        # Days named by the calendar's feasts: "On New Year's Eve, the president announced …".
        ("holiday", r"\b(?:[Oo]n )?(?P<holiday>New Year['’]s Eve|New Year['’]s Day|Christmas Eve|"
                    r"Christmas Day)\b"),
        # "a week after the truce", "a few hours after the kidnapping", "a month later".
        ("span_offset", r"\b(?i:(?P<count>a|one|two|three|four|a few|a couple of|several) "
                        r"(?P<unit>hours?|weeks?|months?) (?P<dir>before|after|earlier|later|"
                        r"prior))\b"),
        # "last autumn", "this summer": a season is dated by its year.
        ("season", r"\b(?P<rel>(?i:last|this|next|earlier this|later this)) "
                   r"(?P<season>spring|summer|autumn|fall)\b"),
        # "expected to approve the measure within 24 hours": counted from the time of writing.
        ("within_hours", r"\b(?i:within (?:the (?:next|coming) )?(?:24|twenty-four) hours|"
                         r"within hours)\b"),
        ("deictic_day", r"\b(?i:yesterday|today|tomorrow|tonight|this (?:morning|afternoon|"
                        r"evening))\b"),
        ("month_only", rf"\b(?:(?P<prep>[Ii]n|[Ss]ince|[Bb]y|[Tt]he|[Ll]ast|[Tt]his|[Ee]arly|"
                       rf"[Dd]uring|[Bb]etween) ){_MONTH}\b(?! \d)"),
        # A law's number ("Proclamation No. 359/1995") is no year of the story.
        ("year", rf"(?<![\d,.$£€/])\b(?:(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Oo]f|[Ff]rom|[Tt]he) )?"
                 # A decade ("the 1960's") is no year.
                 rf"{_YEAR}\b(?![\d%]|[.,]\d|['’]s\b| (?:people|troops|soldiers|km|per))"),
    )
)


# What a sentence must contain for a kind of date expression to be worth looking for: most
# sentences hold no date, and one cheap search per cue spares twenty patterns' scans.
# No "\b" before the month: a leading word boundary keeps the regex engine from skipping ahead
# to the letters an alternation can start with, and a cue may be looser than what it guards.
_MONTH_CUE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_YEAR_CUE = re.compile(r"(?:1[89]|20)\d\d")
_DIGIT_CUE = re.compile(r"\d")
_WEEKDAY_CUE = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")


_WORD_CUES = (
    ("week", ("week",)), ("month_word", ("month",)), ("year_word", ("year",)),
    ("end_of", ("end of",)),
    ("deictic", ("yesterday", "today", "tomorrow", "tonight", "this morning", "this afternoon",
                 "this evening")),
    ("day_word", ("day", "morning", "afternoon", "evening", "night")),
    ("span", ("hour", "week", "month")),
    ("holiday", ("new year", "christmas")),
    ("within", ("within",)),
    ("season", ("spring", "summer", "autumn", "fall")),
)


_SPAN_DIRECTIONS = ("before", "after", "earlier", "later", "prior")


def _cues_present(text: str) -> set[str]:
    """The kinds of cue in a sentence: substring tests and a few anchored searches."""
    low = text.lower()
    present = set()
    for name, words in _WORD_CUES:
        for word in words:
            if word in low:
                present.add(name)
                break
    if "span" in present and not any(w in low for w in _SPAN_DIRECTIONS):
        present.discard("span")  # "last week" is no span before or after anything
    if _MONTH_CUE.search(text):
        present.add("month")
        if _DIGIT_CUE.search(text):
            present.add("digit_month")
    if _YEAR_CUE.search(text):
        present.add("year_digits")
    if "day" in low and _WEEKDAY_CUE.search(text):
        present.add("weekday")
    return present


_KIND_CUE = {
    "named_bloc": "digit_month", "day_month": "digit_month", "month_day": "digit_month",
    "first_days": "year_digits", "month_that_year": "month", "same_year": "year_word",
    "part_month": "month", "month_year": "digit_month", "weekday": "weekday", "rel_week": "week",
    "rel_month": "month_word", "rel_year": "year_word", "end_of_year": "end_of",
    "same_day": "day_word", "span_offset": "span", "within_hours": "within", "holiday": "holiday",
    "season": "season",
    "deictic_day": "deictic", "month_only": "month",
    "year": "year_digits",
}


@dataclass
class DateContext:
    """Resolution state across one article: "that same day" refers to the last date resolved,
    "that year" to the last year."""

    published: date
    last_day: date | None = None
    last_year: int | None = None
    mentions: list[DateMention] = field(default_factory=list)


# How far around a date expression its tense is judged: "refused on Thursday to join talks
# planned for November" is past for Thursday and future for November. Before the date, the
# window reaches back to the start of its clause ("comes ahead of a possible vote … on Friday"),
# up to TENSE_CLAUSE_MAX characters.
TENSE_WINDOW_BEFORE = 45
TENSE_CLAUSE_MAX = 160
TENSE_WINDOW_AFTER = 25
# "X comes (just) a day after Y": Y is told relative to X, not the other way round.
_COMES_AFTER = re.compile(r"\b(?:comes?|came|follows?|followed)\s+(?:(?:just|only|barely|"
                          r"exactly)\s+)?$", re.IGNORECASE)
# A future weekday counts from the last future day named if that day is this close ahead.
FUTURE_ANCHOR_DAYS = 14


# A past verb right before a date, its object between, makes it past whatever follows: "the
# parties said on Monday that they would resume talks" and "the council held a meeting Friday
# ahead of …" are days of this week.
# A participle after "will", "be" or "to" is no past tense: "talks will be hosted on Friday".
_PAST_VERB_BEFORE = re.compile(r"(?<!\bbe )(?<!\bwill )(?<!\bto )(?<!\bbeing )"
                               r"\b(?!(?:planned|scheduled|proposed|expected|due|set|"
                               r"postponed|delayed|slated)\b)(?:said|told|held|met|began|took|made|"
                               r"went|gave|sent|came|left|won|lost|fought|struck|broke|spoke|"
                               r"wrote|led|brought|sought|found|saw|became|fell|rose|[a-z]+ed)"
                               r"(?: [a-z]+){0,3} $")
# The same past verb right after the date, with no future word before it in the clause: "Lula
# on Saturday urged the bloc to sign" is Saturday's deed, whatever the infinitive after it says.
_PAST_VERB_AFTER = re.compile(r"\s+(?:[a-z]+ly\s+)?(?!(?:planned|scheduled|proposed|expected|"
                              r"due|set|postponed|delayed|slated)\b)(?:said|told|held|met|began|"
                              r"took|made|gave|sent|spoke|wrote|[a-z]+ed)\b")
# Quotations are the speaker's tense, not the narrative's: their words never decide the tense of
# a date outside them ("‘It is hardly possible…,’ Peskov insisted on September 28").
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"”]*(?:[\"”]|$)")


_SINCE = re.compile(r"(?i)^(?:.*\b)?since ")


# A time clause opening the sentence tells the future in the present tense ("Before leaders
# gather in Brussels on Thursday, a round of talks will be held"): its tense is the main clause's.
_TIME_CLAUSE = re.compile(r"(?:Before|When|Until|Once|As soon as)\b[^,;]{0,140},")
_PAST_IN_CLAUSE = re.compile(r"\b(?:[a-z]+ed|was|were|had|met|came|went|began|took|held)\b")
MAIN_CLAUSE_WINDOW = 80


def is_future_context(text: str, start: int, end: int) -> bool:
    opening = _TIME_CLAUSE.match(text)
    if opening and end <= opening.end() and not _PAST_IN_CLAUSE.search(opening.group(0)):
        return bool(FUTURE_CUES.search(text, opening.end(), opening.end() + MAIN_CLAUSE_WINDOW))
    if _PAST_VERB_BEFORE.search(text[max(0, start - 30):start]) and not FUTURE_CUES.search(
            text[start:end]):
        return False
    if not (start < len(text) and any(s <= start < e for s, e in _quoted_spans(text))):
        text = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    clause = max(text.rfind(mark, 0, start) for mark in (", ", "; ", " — ", " – ", ": "))
    if _PAST_VERB_AFTER.match(text, end) and not FUTURE_CUES.search(text, clause + 1, start):
        return False
    begin = max(0, min(start - TENSE_WINDOW_BEFORE, max(clause, start - TENSE_CLAUSE_MAX)))
    window = text[begin: end + TENSE_WINDOW_AFTER]
    return bool(FUTURE_CUES.search(window))


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


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


def _year_of_weekday(published: date, month: int, day: int, weekday: int, future: bool) -> int:
    """The year, next to publication, in which the day falls on the weekday printed with it."""
    closest = _closest_year(published, month, day, future)
    for year in (closest, closest - 1, closest + 1):
        resolved = _safe_day(year, month, day)
        if resolved and resolved.weekday() == weekday:
            return year
    return closest


def _safe_day(year: int, month: int, day: int) -> date | None:
    if 1 <= day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


def find_dates(text: str, context: DateContext) -> list[DateMention]:
    """Every date expression in one sentence, resolved; updates ``context.last_day``."""
    published = context.published
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    present = _cues_present(text)
    for kind, pattern in _PATTERNS:
        if _KIND_CUE[kind] not in present:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if kind == "named_bloc":  # "the March 14 alliance" names a bloc, dates nothing
                taken.append((start, end))
                continue
            # "since August 3": the start of what still holds, in the past whatever the tense.
            since = _SINCE.search(text[max(0, start - 6):end])
            future = not since and is_future_context(text, start, end)
            anchored = False
            if kind in ("same_day", "span_offset"):  # "… next Wednesday, and one day prior"
                earlier = [m for m in found if m.precision == "day" and m.end <= start]
                if earlier:
                    context.last_day = date.fromisoformat(max(earlier, key=lambda m: m.end).value)
                    anchored = True
            mention = _resolve(kind, match, published, future, context, anchored)
            if mention is None:
                continue
            taken.append((start, end))
            found.append(mention)
    found.sort(key=lambda m: m.start)
    found += _second_months(text, found, taken, published)
    found.sort(key=lambda m: m.start)
    found = _year_from_range_end(text, found, published)
    for mention in found:
        if mention.precision == "day":
            context.last_day = date.fromisoformat(mention.value)
        context.last_year = int(mention.value[:4])
    return found


# "in April and May": the second month of a pair, which has no preposition of its own. ("July or
# August" is one happening, uncertain, dated by the first.)
_AND_MONTH = re.compile(rf"\s*,?\s+and\s+{_MONTH}\b(?!\s*\d)")


def _second_months(text: str, found: list[DateMention], taken: list[tuple[int, int]],
                   published: date) -> list[DateMention]:
    more = []
    for mention in found:
        pair = _AND_MONTH.match(text, mention.end)
        if mention.precision != "month" or not pair or pair.group("month") == "May" and \
                not re.match(r"\s*(?:[,.;)]|$)", text[pair.end():]):
            continue  # "… and May sign": the verb, not the month
        start = pair.start("month")
        if any(s < pair.end() and start < e for s, e in taken):
            continue
        month = MONTHS[pair.group("month").lower()]
        future = is_future_context(text, start, pair.end())
        year = _closest_year(published, month, None, future)
        mention = _mention(_month_value(year, month), "month", pair, published, future)
        more.append(replace(mention, cue=pair.group("month"), start=start, end=pair.end()))
    return more


# Between the two ends of a range: "from June 1 to June 5, 1992", "between 3 and 5 May 2021".
# What joins a range's start to its end, perhaps with a time of day: "from 23 December until
# 00:00 on 3 January".
RANGE_LINK = re.compile(r"^\s*(?:to|until|till|through|and|[-–])\s*"
                        r"(?:\d{1,2}[:.]\d{2}\s*"
                        r"(?:(?:local time|GMT|UTC|hours|[ap]\.?m\.?)\s*)?)?$", re.IGNORECASE)
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)")


def _year_from_range_end(text: str, found: list[DateMention],
                         published: date) -> list[DateMention]:
    """A range prints its year once, at the end: its start takes that year."""
    result = list(found)
    for i in range(len(result) - 2, -1, -1):
        start, end = result[i], result[i + 1]
        if (start.precision in ("day", "month") and end.precision == start.precision
                and not _HAS_YEAR.search(start.cue) and _HAS_YEAR.search(end.cue)
                and RANGE_LINK.match(text[start.end:end.start])):
            value = end.value[:4] + start.value[4:]
            if start.precision == "day" and _safe_day(*map(int, value.split("-"))) is None:
                continue
            planned = value > published.isoformat()[:len(value)] and start.planned
            result[i] = replace(start, value=value, planned=planned)
    return result


def _mention(value: str, precision: str, match: re.Match[str], published: date,
             future: bool, qualifier: str | None = None) -> DateMention:
    last = value
    if precision == "week":  # a week is still to come while its last day is
        last = (date.fromisoformat(value) + timedelta(days=6)).isoformat()
    planned = value > published.isoformat()[: len(value)] or (
        future and last >= published.isoformat()[: len(last)])
    return DateMention(value, precision, match.group(0), match.start(), match.end(), planned,
                       qualifier)


# "… before the agreement," "… after the kidnapping of his father": a happening named by its
# noun (no past-tense verb follows), which the article dated already.
_THE_HAPPENING_AFTER = re.compile(r"\s+the\s+(?:(?![\w-]+ed\b)[\w’'-]+\s+){0,2}?"
                                  r"(?![\w-]+ed\b)[\w’'-]+(?=\s*(?:[,.;:]|$)|\s+(?:of|in|on|at|"
                                  r"with|between|by|and|but)\b)")
_SPAN_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_HOLIDAYS = {"New Year's Eve": (12, 31), "New Year's Day": (1, 1), "Christmas Eve": (12, 24),
             "Christmas Day": (12, 25)}


def _span_offset(m: re.Match[str], published: date, context: DateContext,
                 anchored: bool) -> DateMention | None:
    """"A week after …", "a few hours after the kidnapping", "a month later", counted from the
    last day named: the day for hours, the week for weeks, the month for months."""
    unit = m.group("unit").lower().rstrip("s")
    count = _SPAN_COUNTS.get(m.group("count").lower())
    if count is None:  # "a few weeks": no date a reader could check
        if unit != "hour":
            return None
        count = 0
    direction = m.group("dir").lower()
    before = m.string[:m.start()]
    follows = re.match(r"\s+[\w“\"‘(]", m.string[m.end():]) and direction != "later" \
        and direction != "earlier"
    if not follows:
        if not context.last_day:
            return None
        sign = 1 if direction == "later" else -1
        base = context.last_day
    elif _COMES_AFTER.search(before) or re.search(r"[,;—–]\s*(?:just\s+|only\s+)?$", before):
        # "The agreement comes a month after the minister said …", "…, a week after the truce":
        # what follows is that long before (or after) the happening the sentence tells.
        sign = -1 if direction == "after" else 1
        base = context.last_day if anchored or context.last_day else published
    elif context.last_day and not anchored and _THE_HAPPENING_AFTER.match(m.string, m.end()):
        # "Released a few hours after the kidnapping": after the happening dated last.
        sign = 1 if direction == "after" else -1
        base = context.last_day
    else:
        return None
    if unit == "hour":
        return _mention(base.isoformat(), "day", m, published, False)
    if unit == "week":
        day = base + timedelta(days=7 * count * sign)
        return _mention(monday(day).isoformat(), "week", m, published, False)
    months = base.year * 12 + base.month - 1 + count * sign
    return _mention(_month_value(months // 12, months % 12 + 1), "month", m, published, False)


def _resolve(kind: str, m: re.Match[str], published: date, future: bool,
             context: DateContext, anchored: bool = False) -> DateMention | None:
    """One date expression resolved; ``anchored``: the sentence named a day before it."""
    groups = m.groupdict()
    if kind in ("day_month", "month_day"):
        month = MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"])
        if groups.get("year"):
            year = int(groups["year"])
        elif groups.get("weekday"):
            year = _year_of_weekday(published, month, day, WEEKDAYS[groups["weekday"].lower()],
                                    future)
        else:
            year = _closest_year(published, month, day, future)
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
    if kind == "first_days":
        first = groups["edge"] in ("first", "early", "opening")
        month = (MONTHS[groups["month"].lower().rstrip(".")] if groups.get("month")
                 else 1 if first else 12)
        return _mention(_month_value(int(groups["year"]), month), "month", m, published, future,
                        "early" if first else "late")
    if kind == "month_that_year":
        offset = {"last": -1, "the previous": -1, "this": 0, "next": 1,
                  "the following": 1}.get(groups["which"])
        year = published.year + offset if offset is not None else context.last_year
        if year is None:
            return None
        month = MONTHS[groups["month"].lower().rstrip(".")]
        return _mention(_month_value(year, month), "month", m, published, future)
    if kind == "same_year":
        if context.last_year is None:
            return None
        return _mention(f"{context.last_year:04d}", "year", m, published, future)
    if kind == "month_year":
        month = MONTHS[groups["month"].lower().rstrip(".")]
        return _mention(_month_value(int(groups["year"]), month), "month", m, published, future)
    if kind == "weekday":
        target = WEEKDAYS[groups["weekday"].lower()]
        rel = (groups.get("rel") or "").lower()
        back = (published.weekday() - target) % 7  # 0: the publication day itself
        anchor = context.last_day
        if rel.startswith(("later", "earlier")) and back == 0:
            day = published  # "later on Friday" in a Friday story: that very day
        elif (future and rel not in ("last", "next") and anchor
              and published < anchor <= published + timedelta(days=FUTURE_ANCHOR_DAYS)):
            # After a future date, a weekday follows it: "a vote on Friday [the 9th] ... the
            # signing on Monday" is the Monday after that Friday.
            day = anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
        elif rel == "next" or (future and rel != "last"):
            # "will meet on Friday" in a Friday story is that day: wire style names the day of
            # writing by its weekday; "next Friday" is a week on.
            ahead = (target - published.weekday()) % 7 or (7 if rel == "next" else 0)
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
        rel = (groups.get("rel") or "this").lower()
        year, month = published.year, published.month
        if rel in ("last", "previous", "the previous"):
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        elif rel in ("next", "the following"):
            year, month = (year, month + 1) if month < 12 else (year + 1, 1)
        edge = {"start": "early", "beginning": "early", "middle": "mid", "end": "late"}.get(
            (groups.get("edge") or "").lower())
        return _mention(_month_value(year, month), "month", m, published, future, edge)
    if kind == "rel_year":
        rel = (groups.get("rel") or "").lower()
        year = published.year
        if (groups.get("ago") or "").endswith("ago"):
            # "A year ago": about this time last year, the month a reader can check.
            return _mention(_month_value(published.year - 1, published.month), "month", m,
                            published, future)
        if groups.get("ago") or rel in ("last", "previous", "the previous"):
            year -= 1
        elif rel in ("next", "the following"):
            year += 1
        return _mention(f"{year:04d}", "year", m, published, future)
    if kind == "end_of_year":  # a deadline: planned unless its year is over
        year = int(groups["year"]) if groups.get("year") else published.year
        return DateMention(f"{year:04d}", "year", m.group(0), m.start(), m.end(),
                           year >= published.year, "end")
    if kind == "same_day":
        base = context.last_day or published
        words = m.group(0).lower()
        if words.endswith(("after", "before")) and (
                _COMES_AFTER.search(m.string[:m.start()])
                or anchored and re.search(r"[,;—–]\s*(?:just\s+|only\s+)?$", m.string[:m.start()])):
            # "The announcement comes a day after parliament removed …", "Sudburg said on Monday
            # it had taken the town, a day after proclaiming victory": what follows is a day
            # before (or after) the happening the sentence is about, the last day named.
            base += timedelta(days=-1 if words.endswith("after") else 1)
            return _mention(base.isoformat(), "day", m, published, False)
        if words.endswith(("after", "before", "prior")) and re.match(
                r"\s+[\w“\"‘(]", m.string[m.end():]):
            # "A day before the agreement, …": the happening the article dated last; "a day
            # after the rebels took the town": dated by a happening whose date is not given.
            if anchored or not context.last_day \
                    or not _THE_HAPPENING_AFTER.match(m.string, m.end()):
                return None
            base = context.last_day + timedelta(days=1 if words.endswith("after") else -1)
            return _mention(base.isoformat(), "day", m, published, False)
        if "in the day" in words:  # "later in the day": the same day
            pass
        elif "next" in words or "following" in words or "after" in words or "later" in words and (
                "day" in words and "that" not in words):
            base += timedelta(days=1)
        elif "previous" in words or "before" in words or "prior" in words or (
                "earlier" in words and "day" in words and "that" not in words):
            base -= timedelta(days=1)
        return _mention(base.isoformat(), "day", m, published, future)
    if kind == "holiday":
        month, day = _HOLIDAYS[groups["holiday"].replace("’", "'")]
        year = _closest_year(published, month, day, future)
        return _mention(date(year, month, day).isoformat(), "day", m, published, future)
    if kind == "span_offset":
        return _span_offset(m, published, context, anchored)
    if kind == "season":
        # The northern seasons' months: a season last named is the latest one over.
        first, last = _SEASONS[groups["season"].lower()]
        rel = groups["rel"].lower()
        year = published.year
        if rel == "last":
            year -= last >= published.month
        elif rel == "next":
            year += first <= published.month
        return _mention(f"{year:04d}", "year", m, published, future or rel == "next")
    if kind == "within_hours":
        # Only what is still to come counts from the writing; "freed within hours" is told
        # from a happening the sentence may not date.
        return _mention(published.isoformat(), "day", m, published, True) if future else None
    if kind == "deictic_day":
        offset = {"yesterday": -1, "tomorrow": 1}.get(m.group(0).lower(), 0)
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


# Phrases true only at the time of writing: their resolution says when that was.
_TIME_BOUND = re.compile(r"\b(?i:this|so far this|earlier this|later this)\b")


def date_note(mention: DateMention, published: date | None = None) -> str | None:
    """What to add in brackets after a date's words so a reader knows the date without the
    words changing: "on Thursday [5 December 2024]", "on March 7 [2023]", "this year [2023, as
    of March]"; None when the words already say it all ("on 7 March 2023", "in 2019")."""
    cue = mention.cue
    year = mention.value[:4]
    has_year = bool(re.search(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)", cue))
    has_month = bool(re.search(_MONTH, cue))
    if has_year and (has_month or mention.precision == "year"):
        return None
    if has_month and mention.precision in ("day", "month") and not re.search(
            r"(?i)\b(?:that|same|the (?:first|last|final|early|opening|closing))\b", cue):
        return year  # "on September 28 [2023]", "in June [2022]"
    text = format_date(mention.value, mention.precision, mention.qualifier)
    if published and mention.precision in ("year", "month") and _TIME_BOUND.search(cue) and (
            mention.value == published.isoformat()[:len(mention.value)]):
        return f"{text}, as of {calendar.month_name[published.month]}" if (
            mention.precision == "year") else text
    return text
