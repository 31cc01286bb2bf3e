"""Clean pasted article text: drop page furniture (and record it), keep every line of content."""

from __future__ import annotations

import re
import unicodedata

from briefing_tools.model import CleanArticle, Flag, Paragraph, Removal, Source
from briefing_tools.patterns import (
    BRACKETED,
    DATELINE_PREFIX,
    ENGLISH_FUNCTION_WORDS,
    FURNITURE_LINES,
    HEADING_MAX_WORDS,
    MASTHEAD_MAX_LINES,
    METADATA_PREFIX,
    TRAILING_BYLINE,
    TRAILING_METADATA,
)

# Hard-wrapped text: at least this many lines, most of them filled to within WRAP_SLACK characters
# of a column no wider than WRAP_MAX_WIDTH (web paragraphs pasted as one line run far longer).
WRAP_MIN_LINES = 6
WRAP_MAX_WIDTH = 100
WRAP_SLACK = 18
WRAP_MIN_FILLED = 0.5
# A dateline is looked for at the start of the first this many kept lines.
DATELINE_WITHIN = 2
# A title this short (a placeholder) is not used to recognise breadcrumbs.
TITLE_MIN_KEY = 12

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# Control and format characters (category C*) other than tab: invisible, and unsafe in print.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200c-\u200f\u2028-\u202e"
                      r"\u2060-\u206f\ufeff\ufff9-\ufffb]")


def normalise_line(line: str) -> str:
    """NFC, one space between words, no control characters."""
    line = unicodedata.normalize("NFC", line)
    if line.isprintable() and "  " not in line:
        return line.strip()  # most lines: no control character, no run of spaces
    line = _CONTROL.sub("", line)
    return _SPACES.sub(" ", line).strip()


_NON_WORD = re.compile(r"\W+")
_CLOSED = re.compile(r"[.!?:;\"”’»)]$")


def _key(line: str) -> str:
    return _NON_WORD.sub(" ", line.casefold()).strip()


def furniture_kind(line: str) -> str | None:
    low = line.casefold()
    for kind, pattern, cues, tail in FURNITURE_LINES:
        if cues:
            where = low[-tail:] if tail else low
            for cue in cues:
                if cue in where:
                    break
            else:
                continue
        if pattern.fullmatch(line):
            return kind
    return None


# A photo caption pasted as a paragraph of its own: people named, then what they are doing, with
# no finite verb ("Outgoing President Jane Roe giving her last press conference on 12 March.") or
# in the present tense closed by the day the picture was taken ("Council President John Doe
# delivers a speech … in Nordburg, Northland, on January 17 2026."). A story's sentences tell the
# news in the past tense or with an auxiliary, which these tests look for.
CAPTION_MAX_WORDS = 60
_CAPTION_SUBJECT = re.compile(r"(?:[A-Z][\w’'.-]*,?\s+){1,10}(?P<verb>[a-z]+)\b")
_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|shall|should"
                          r"|can|could|may|might|must|do|does|did|said|says|told|[a-z]+ed"
                          r"|[a-z]+n[’']t)\b|[.!?:;]\s")
_PICTURE_DAY = re.compile(r"\b(?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+\.? \d{1,2}),? (?:19|20)\d\d\.$")


def is_photo_caption(line: str) -> bool:
    """A paragraph that captions a picture rather than telling the story (see above)."""
    if not line.endswith("."):
        return False
    subject = _CAPTION_SUBJECT.match(line)
    if not subject:
        return False
    verb = subject.group("verb")
    if not (verb.endswith("ing") or verb.endswith("s") and not verb.endswith("ss")
            and _PICTURE_DAY.search(line)):
        return False
    # Named people or a group, not "The meeting comes ahead of …".
    return not any(word.casefold() in ENGLISH_FUNCTION_WORDS
                   for word in line[:subject.start("verb")].split()) \
        and len(line.split()) <= CAPTION_MAX_WORDS and not _FINITE_VERB.search(line[:-1])


def is_tag_list(line: str) -> bool:
    """Lower-case keywords run together ("brussels jane roe nordburg talks"): no sentence is
    written without a single function word or capital."""
    if not line.islower():
        return False
    words = line.split()
    return len(words) >= 4 and all(w.isalpha() for w in words) \
        and not any(w in ENGLISH_FUNCTION_WORDS for w in words)


# A dateline alone in capitals: "NORDBURG", "NEW NORDBURG".
LONE_DATELINE = re.compile(r"[A-Z][A-Z’'-]{2,}(?: [A-Z][A-Z’'-]{2,}){0,2}")
# At most this many words of section labels stand before a headline printed again.
SECTION_LABEL_WORDS = 4


def clean(source: Source) -> CleanArticle:
    """Return the article's content paragraphs, what was removed, and flags for readers."""
    lines = [normalise_line(line) for line in source.raw_text.split("\n")]
    first_line = source.body_line
    removed: list[Removal] = []
    keep: list[tuple[int, str, int]] = []  # (file line, text, length as pasted)

    title_key = _key(source.title) if source.title else None
    masthead_end = -1
    if title_key:
        nonblank = [i for i, line in enumerate(lines) if line][:MASTHEAD_MAX_LINES]
        for i in nonblank:
            if _key(lines[i]) == title_key:
                masthead_end = i
                break

    seen: set[str] = set()
    kept_lines = 0  # non-blank lines kept so far
    for i, line in enumerate(lines):
        if not line:
            keep.append((first_line + i, "", 0))
            continue
        file_line = first_line + i
        if i < masthead_end:
            removed.append(Removal("masthead", line, file_line))
            seen.add(_key(line))  # a caption above the headline is often printed again below
            continue
        if i == masthead_end:
            removed.append(Removal("headline", line, file_line))
            continue
        key = _key(line)
        if title_key and len(title_key) >= TITLE_MIN_KEY and len(key) > len(title_key) and (
                key.startswith(title_key)
                # Section labels before the headline: "World World <headline>".
                or key.endswith(title_key)
                and len(key[:-len(title_key)].split()) <= SECTION_LABEL_WORDS):
            removed.append(Removal("breadcrumb", line, file_line))
            continue
        kind = furniture_kind(line)
        if not kind and kept_lines < DATELINE_WITHIN and LONE_DATELINE.fullmatch(line):
            kind = "dateline"  # "NORDBURG" above the lede; a subhead in capitals further on
        unchanged = line
        if not kind and is_tag_list(line):
            kind = "tag list"
        if not kind and (i == 0 or not lines[i - 1]) \
                and (i + 1 == len(lines) or not lines[i + 1]) and is_photo_caption(line):
            kind = "photo caption"
        if kind:
            # The picture's description printed on the line above its caption and credit.
            if kind in ("photo caption", "photo credit") and keep and keep[-1][1] \
                    and keep[-1][0] == file_line - 1 and not _CLOSED.search(keep[-1][1]):
                removed.append(Removal("photo caption", keep.pop()[1], file_line - 1))
                kept_lines -= 1
            removed.append(Removal(kind, line, file_line))
            continue
        prefix = METADATA_PREFIX.match(line)
        if prefix:
            removed.append(Removal("page metadata", prefix.group(0).strip(), file_line))
            line = line[prefix.end():]
        pasted_length = len(line)
        # A dateline opens the story, but a line of unrecognised furniture may stand before it.
        if kept_lines < DATELINE_WITHIN:
            dateline = DATELINE_PREFIX.match(line)
            if dateline and len(line) > dateline.end() + 20:
                removed.append(Removal("dateline", dateline.group(0).strip(), file_line))
                line = line[dateline.end():]
        metadata = TRAILING_METADATA.search(line)
        if metadata:
            removed.append(Removal("page metadata", metadata.group(0).strip(), file_line))
            line = line[:metadata.start()]
        byline = TRAILING_BYLINE.search(line)
        if byline:
            removed.append(Removal("byline", byline.group(0).strip(), file_line))
            line = line[:byline.start()]
        if len(line) != len(unchanged):
            key = _key(line)
        if key in seen and len(key) > 20:
            removed.append(Removal("repeated line", line, file_line))
            continue
        seen.add(key)
        keep.append((file_line, line, pasted_length))
        kept_lines += 1

    blocks = _blocks(keep)
    paragraphs: list[Paragraph] = []
    flags: list[Flag] = []
    offset = 0
    for number, text in enumerate(blocks, start=1):
        paragraphs.append(Paragraph(number, text, offset, offset + len(text), is_heading(text)))
        offset += len(text) + 2
        flags.extend(Flag("untranslated fragment", m.group(0), number)
                     for m in BRACKETED.finditer(text) if looks_untranslated(m.group(1)))
    return CleanArticle(source.id, "\n\n".join(blocks), tuple(paragraphs), tuple(removed),
                        tuple(flags))


def wrap_width(lines: list[str]) -> int | None:
    """The column at which text was hard-wrapped (wire copy pasted from a terminal or an email),
    or None when each paragraph is one line, as text copied from a web page is."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < WRAP_MIN_LINES:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    filled = sum(1 for n in lengths if n >= width - WRAP_SLACK)
    if width <= WRAP_MAX_WIDTH and filled / len(lengths) >= WRAP_MIN_FILLED:
        return width
    return None


def _blocks(lines: list[tuple[int, str, int]]) -> list[str]:
    """One paragraph per line, except that a hard-wrapped line continues into the next."""
    blocks: list[str] = []
    current = ""
    width = wrap_width([" " * length for _, _, length in lines])
    previous = 0  # the pasted length of the line before
    for _, line, length in lines:
        if not line:
            if current:
                blocks.append(current)
            current, previous = "", 0
            continue
        # A line filled to the wrap column was broken by the wrapping, not by the writer.
        wrapped = width is not None and previous >= width - WRAP_SLACK
        if current and (wrapped or (not _CLOSED.search(current)
                                    and line[:1].islower())):
            current += " " + line
            previous = length
            continue
        if current:
            blocks.append(current)
        current, previous = line, length
    if current:
        blocks.append(current)
    return blocks


def is_heading(text: str) -> bool:
    stripped = text.rstrip("\"'”’»« ")
    words = text.split()
    return len(words) <= HEADING_MAX_WORDS and not re.search(r"[.!?:;,]$", stripped)


def looks_untranslated(fragment: str) -> bool:
    """A bracketed fragment with no English function word, whose lower-case words mostly end in a
    vowel, is left in the original language (as in a machine translation from Italian)."""
    words = re.findall(r"[^\W\d_]+", fragment)
    lower = [w for w in words if w[0].islower()]
    if not lower or any(w.casefold() in ENGLISH_FUNCTION_WORDS for w in words):
        return False
    vowel_endings = sum(1 for w in lower if w[-1] in "aeiouàèéìòù")
    return vowel_endings / len(lower) >= 0.6
