"""Make untrusted article text inert in MyST: it must show as typed, never run as markup."""

from __future__ import annotations

import re

from markupsafe import Markup

# CommonMark lets any ASCII punctuation be backslash-escaped, and MyST's roles, directives,
# substitutions, footnotes, math and HTML all start with one. Escaping all of it is simpler to
# trust than a list of dangerous constructs.
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\u2028\u2029\x0b\x0c\x85]+[ \t]*")


_ESCAPES = {ord(c): "\\" + c for c in map(chr, range(128)) if _ASCII_PUNCTUATION.match(c)}
_BREAK_CHARACTERS = frozenset("\r\n\u2028\u2029\x0b\x0c\x85")


def escape_myst(text: str) -> str:
    """Escape text for a MyST paragraph, table cell or heading: one line, literal characters."""
    text = str(text)
    if not _BREAK_CHARACTERS.isdisjoint(text):
        text = _LINE_BREAKS.sub(" ", text)
    return text.translate(_ESCAPES)


def unescape_myst(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def finalize(value: object) -> str:
    """Jinja ``finalize`` hook: everything printed is escaped unless built as ``Markup``."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    return escape_myst(str(value))


def safe_url(url: str | None) -> str | None:
    """Only plain http(s) links reach a page; anything else is shown as text."""
    if url and re.fullmatch(r"https?://[^\s<>()\[\]{}\"'`\\|^]+", url):
        return url
    return None


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...),
# +cmd|...). OWASP's advice: prefix a quote, which the spreadsheet shows as text, not as data.
_FORMULA_START = re.compile(r"[\s\x00-\x1f]*[=+\-@\uff1d\uff0b\uff0d\uff20]")


def spreadsheet_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text and never evaluates."""
    text = "" if value is None else str(value)
    if text[:1] in ("\t", "\r") or _FORMULA_START.match(text):
        return "'" + text
    return text
