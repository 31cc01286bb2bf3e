"""Split cleaned paragraphs into sentences with offsets into the cleaned text."""

from __future__ import annotations

import re

from briefing_tools.model import CleanArticle, Sentence
from briefing_tools.patterns import ABBREVIATIONS

# A sentence ends at . ! ? (and any closing quotes/brackets) followed by space and a capital,
# a digit or an opening quote.
_BOUNDARY = re.compile(r"[.!?][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9À-ÖØ-Þ])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of one paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + 1
        before = text[start:end]
        word = re.search(r"([\w.]+)\.$", before)
        if word:
            token = word.group(1).casefold()
            # "Mr." "U.S." "J." — an abbreviation or an initial, not a sentence end.
            if token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token) or re.fullmatch(
                    r"([a-z]\.)+[a-z]", token):
                continue
        if text[match.start()] == "." and text[max(0, match.start() - 2):match.start()] == "..":
            # An ellipsis inside a quotation rarely ends a sentence in news copy.
            nxt = text[match.end():match.end() + 1]
            if nxt.islower():
                continue
        stop = match.end()
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        spans.append((start, stop))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [s for s in spans if s[1] > s[0]]


def sentences(article: CleanArticle) -> list[Sentence]:
    """Every sentence of every non-heading paragraph, in order."""
    result: list[Sentence] = []
    for paragraph in article.paragraphs:
        if paragraph.is_heading:
            continue
        for index, (start, end) in enumerate(split_sentences(paragraph.text)):
            result.append(Sentence(paragraph.number, index, paragraph.text[start:end],
                                   paragraph.start + start, paragraph.start + end))
    return result
