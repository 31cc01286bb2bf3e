"""Red team, parsing: hostile and broken front matter, configuration and editorial files end in
an error naming file, line and fix, fast, and never in a Python exception of another kind."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tools.config import parse_topic
from briefing_tools.editorial import parse_editorial
from briefing_tools.errors import BriefingError, ConfigError, InputProblems, SourceError, printable
from briefing_tools.sources import parse_source

TODAY = date(2026, 1, 1)


def source(front: str, body: str = "Body text of the article.\n") -> bytes:
    return f"---\n{front}---\n{body}".encode()


def parse(data: bytes):
    return parse_source(data, "sources/x.md", TODAY)


def error_of(data: bytes) -> BriefingError:
    with pytest.raises(BriefingError) as raised:
        parse(data)
    return raised.value


# --- front matter: only `published` is required ------------------------------------------------

def test_only_published_is_required_and_the_rest_has_defaults():
    article = parse(source("published: 2023-06-22\n"))
    assert (article.language, article.published_certain, article.notes) == ("en", True, ())
    assert (article.title, article.outlet, article.url) == (None, None, None)


def test_every_problem_in_a_file_is_listed_at_once_each_with_its_fix():
    error = error_of(source("titel: T\npublished: 2023-02-30\npublished_certain: maybe\n"
                            "notes: ['', ok]\n"))
    assert isinstance(error, InputProblems)
    lines = error.lines()
    assert [line.split(":")[1] for line in lines] == ["2", "3", "4", "5"]
    assert all(line.startswith("sources/x.md:") and " — " in line for line in lines)
    assert "did you mean 'title'" in lines[0]


# --- YAML that runs code, multiplies or loops --------------------------------------------------

@pytest.mark.parametrize("value", [
    "!!python/name:os.system", "!!python/object/apply:os.system ['touch /tmp/x']", "!!int abc",
    "!custom thing", "!!binary not-base64!", "!!timestamp yesterday", "! plain",
])
def test_yaml_tags_are_refused_with_their_line(value):
    error = error_of(source(f"published: 2023-06-22\ntitle: {value}\n"))
    assert error.line == 3 and "YAML tag" in error.message


def test_an_alias_bomb_is_refused_at_once():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    started = time.perf_counter()
    error = error_of(source("published: 2023-06-22\n" + bomb))
    assert time.perf_counter() - started < 1
    assert "anchors and aliases" in error.message and error.line == 3


def test_a_recursive_alias_is_refused():
    error = error_of(source("published: 2023-06-22\nnotes: &n [*n]\n"))
    assert "anchors and aliases" in error.message


def test_a_complex_key_is_named_plainly():
    error = error_of(source("published: 2023-06-22\n? [a, b]\n: x\n"))
    assert "is a list or mapping" in error.message and "Node" not in str(error)


def test_escape_sequences_in_a_key_are_shown_not_obeyed():
    error = error_of(source('published: 2023-06-22\n"\\e[2J\\u202eevil": x\n'))
    assert "\x1b" not in str(error) and "\u202e" not in str(error)
    assert "\\u001b[2J" in str(error) and "\\u202e" in str(error)


# --- values of the wrong kind -------------------------------------------------------------------

@pytest.mark.parametrize("front, line, words", [
    ("published: [2023-06-22]\n", 2, "must be one date"),
    ("published: 0001-01-02\n", 2, "lies before 1970"),
    ("published: 2023-02-30\n", 2, "not a valid date"),
    ("published: 2023-06-22T10:00:00\n", 2, "not a valid date"),
    ("published: 20230622\n", 2, "not a valid date"),
    ("published: 2023-06-22\npublished_certain: 2023-02-30\n", 3, "true or false"),
    ("published: 2023-06-22\ntitle: [a, b]\n", 3, "not a list or mapping"),
    ("published: 2023-06-22\ntitle: '   '\n", 3, "is blank"),
    ("published: 2023-06-22\ntitle: \"bell\\a\"\n", 3, "control character (U+0007)"),
    ("published: 2023-06-22\ntitle: " + "t" * 501 + "\n", 3, "more than the 500 allowed"),
    ("published: 2023-06-22\nnotes: ['']\n", 3, "is blank"),
    ("published: 2023-06-22\npublished: 2023-06-23\n", 3, "given twice"),
])
def test_wrong_values_are_named_with_line_and_fix(front, line, words):
    error = error_of(source(front))
    assert error.line == line and words in str(error), str(error)
    assert " — " in str(error)


@pytest.mark.parametrize("title", ["2023-02-30", "2023-06-22", "yes", "0x1F", "1e3", "~x"])
def test_date_and_number_looking_text_stays_as_written(title):
    assert parse(source(f"published: 2023-06-22\ntitle: {title}\n")).title == title


def test_cr_only_line_endings_read_like_any_other():
    data = source("published: 2023-06-22\ntitle: Old Mac\n").replace(b"\n", b"\r")
    article = parse(data)
    assert article.title == "Old Mac" and "\r" not in article.raw_text


def test_crlf_line_endings_leave_no_carriage_returns():
    article = parse(source("published: 2023-06-22\n").replace(b"\n", b"\r\n"))
    assert "\r" not in article.raw_text


@pytest.mark.parametrize("front", [
    "published: 2023-06-22\nid: index\n", "published: 2023-06-22\nid: copy.md\n",
    "published: 2023-06-22\nid: \"ok\\n\"\n", "published: 2023-06-22\nid: '2023'\n",
    "published: 2023-06-22\nid: ../escape\n", "published: 2023-06-22\nid: Upper\n",
    "published: 2023-06-22\nid: ends.\n",
])
def test_ids_that_would_break_sphinx_are_refused(front):
    error = error_of(source(front))
    assert "source id" in error.message and error.line == 3


@pytest.mark.parametrize("body, words", [
    ("text\x1b[31m red\n", "control character (U+001B)"),
    ("a" * 9000 + "\x00\n", "control character (U+0000)"),
    ("word " + "x" * 20_001 + "\n", "without a space"),
])
def test_text_that_cannot_be_an_article_is_refused_with_its_line(body, words):
    error = error_of(source("published: 2023-06-22\n", "First line.\n" + body))
    assert words in error.message and error.line == 5


def test_form_feeds_from_text_copied_out_of_a_pdf_are_kept():
    article = parse(source("published: 2023-06-22\n", "Page one.\x0cPage two.\x0b\n"))
    assert "\x0c" in article.raw_text


def test_bidi_and_zero_width_characters_are_kept_as_text():
    article = parse(source("published: 2023-06-22\n", "a\u202eb\u200bc\u2066d\u2069 e\n"))
    assert "\u202e" in article.raw_text


def test_a_long_line_and_many_paragraphs_parse_quickly():
    started = time.perf_counter()
    parse(source("published: 2023-06-22\n", "word " * 200_000 + "\n"))
    parse(source("published: 2023-06-22\n", "Para.\n\n" * 100_000))
    assert time.perf_counter() - started < 2


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_front_matter_ends_in_a_source_or_our_error(front):
    try:
        parse(source("published: 2023-06-22\n" + front + "\n"))
    except BriefingError as error:
        assert "\n" not in str(error)


# --- the configuration -------------------------------------------------------------------------

BASE = "title: T\nparties:\n  - {id: a, name: A, words: [A]}\n"


@pytest.mark.parametrize("text, line, words", [
    ("title: !!python/name:os.system\nparties: []\n", 1, "YAML tag"),
    ("title: &t T\nsubtitle: *t\nparties: []\n", 1, "anchors and aliases"),
    ("title: " + "T" * 201 + "\nparties: []\n", 1, "more than the 200 allowed"),
    (BASE.replace("words: [A]", "words: [A, '']"), 3, "is blank"),
    (BASE + "actors:\n  - {name: X, aliases: ['  ']}\n", 5, "is blank"),
    ("? [title]\n: x\nparties: []\n", 1, "is a list or mapping"),
    ("title: 2023-02-30\nparties: []\n", None, None),
    (BASE + "actors:\n  - {name: 和平}\n", 5, "gets no usable id"),
    (BASE + "actors:\n  - {name: A-B}\n  - {name: A B}\n", 6, "the same id as 'A-B'"),
])
def test_bad_configuration_is_named_with_its_line(text, line, words):
    if words is None:
        assert parse_topic(text, "briefing.yaml").title == "2023-02-30"
        return
    with pytest.raises(ConfigError) as raised:
        parse_topic(text, "briefing.yaml")
    assert raised.value.line == line and words in str(raised.value), str(raised.value)


# --- the editorial file ------------------------------------------------------------------------

@pytest.mark.parametrize("text, line, words", [
    ("merge:\n  - [ev-1, ev-1]\n", 2, "lists ev-1 twice"),
    ("redate:\n  ev-1: {date: 2023, precision: day, reason: r}\n", 2, "not precise enough"),
    ("redate:\n  ev-1: {date: 2023-05-01-xx, precision: day, reason: r}\n", 2, "is not a date"),
    ("redate:\n  ev-1: {date: 2023-02-30, precision: day, reason: r}\n", 2, "is not a date"),
    ("redate:\n  ev-1: {date: 2023-05, precision: month, reason: r, planned: maybe}\n", 2,
     "true or false"),
    ("reword:\n  ev-1: !!python/object/apply:os.system [ls]\n", 2, "YAML tag"),
    ("reword:\n  ev-1: ''\n", 2, "is blank"),
    ("add:\n  - {kind: event, date: 2023, precision: day, text: t, citations: "
     "[{source: s, paragraph: 1, excerpt: e}]}\n", 2, "not precise enough"),
    ("add:\n  - {kind: background, text: t, citations: "
     "[{source: s, paragraph: true, excerpt: e}]}\n", 2, "a number from 1"),
])
def test_bad_editorial_decisions_are_named_with_their_line(text, line, words):
    with pytest.raises(ConfigError) as raised:
        parse_editorial(text, "editorial.yaml")
    assert raised.value.line == line and words in str(raised.value), str(raised.value)


def test_printable_escapes_what_a_terminal_would_obey():
    assert printable("a\x1b[31mb\u202ec\nd") == "a\\u001b[31mb\\u202ec\\nd"
    assert isinstance(SourceError("m"), BriefingError)


# Characters YAML gives meaning to, and fragments of real keys so that the validation behind the
# parser is reached too.
_FRAGMENTS = ["title: ", "parties:", "\n  - ", "id: ", "name: ", "words: ", "actors:", "side: ",
              "hide: ", "reword:", "merge:", "redate:", "add:", "kind: ", "date: ", "precision: ",
              "citations:", "source: ", "paragraph: ", "excerpt: ", "published: ", "notes: ",
              "2023-02-30", "2023", "day", "null", "true", "[", "]", "{", "}", "&a ", "*a", "!!",
              "\n", "  ", "x", "'", "\"", ": ", ", ", "? ", "|", "\t", "\\e"]
YAML_ISH = st.one_of(
    st.text(alphabet="ab1:-[]{}!&*'\"\n #?|>%@`,.~\\\t", max_size=120),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join))


@settings(max_examples=300, deadline=None)
@given(YAML_ISH)
def test_any_configuration_ends_in_a_topic_or_a_config_error(text):
    try:
        parse_topic(text, "briefing.yaml")
    except ConfigError as error:
        assert error.path == "briefing.yaml" and "\n" not in str(error)


@settings(max_examples=300, deadline=None)
@given(YAML_ISH)
def test_any_editorial_file_ends_in_decisions_or_a_config_error(text):
    try:
        parse_editorial(text, "editorial.yaml")
    except ConfigError as error:
        assert error.path == "editorial.yaml" and "\n" not in str(error)


@settings(max_examples=300, deadline=None)
@given(YAML_ISH)
def test_any_front_matter_shape_ends_in_a_source_or_our_error(text):
    try:
        parse(source(text + "\n"))
    except BriefingError as error:
        assert error.path == "sources/x.md"
