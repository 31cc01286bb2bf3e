"""`briefing add`: saved pages, text, Markdown and URLs become valid sources/<id>.md files."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tools.clean import normalise_line
from briefing_tools.cli import main
from briefing_tools.errors import SourceError
from briefing_tools.fetch import fetch
from briefing_tools.intake import (
    add_articles,
    draft_from_html,
    draft_from_text,
    render_source,
    text_key,
    url_key,
)
from briefing_tools.scaffold import init_briefing
from briefing_tools.sources import load_sources, parse_source

PAGES = Path(__file__).parent / "fixtures" / "pages"
TODAY = date(2026, 1, 1)


@pytest.fixture
def briefing(tmp_path) -> Path:
    folder = tmp_path / "talks"
    init_briefing(folder, "Talks", briefing_command="briefing")
    return folder


@pytest.fixture(scope="module")
def server():
    """The saved pages, served on the loopback address only: the tests touch no other host."""
    handler = functools.partial(_QuietHandler, directory=str(PAGES))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_a_saved_page_gives_text_title_outlet_url_and_date_from_its_metadata():
    draft = draft_from_html((PAGES / "trtworld-talks-resume.html").read_bytes(), "page.html")
    assert draft.title == "Colombia, ELN rebels to resume peace talks after brief freeze"
    assert draft.outlet == "TRT World"
    assert draft.url == "https://www.trtworld.com/article/17143985"
    assert draft.published == date(2024, 2, 27) and draft.published_certain
    assert {f.what: f.origin for f in draft.found}["published"] == "page metadata"
    # The article, one paragraph a line; menus, cookie notice, caption and footer gone.
    assert draft.text.startswith("Colombia's government and the ELN guerrilla group")
    assert draft.paragraphs == 5
    for furniture in ("cookies", "Subscribe", "All rights reserved", "Photo: Reuters", "Related"):
        assert furniture not in draft.text


def test_a_date_found_only_in_the_page_text_is_marked_uncertain_with_a_note():
    draft = draft_from_html((PAGES / "lakeonews-talks-suspended.html").read_bytes(), "p.html")
    assert draft.published == date(2024, 9, 18)
    assert not draft.published_certain
    assert draft.notes and "inferred" in draft.notes[0]
    source = parse_source(render_source(draft).encode(), "sources/x.md", TODAY)
    assert source.published_certain is False and source.notes == draft.notes


def test_a_page_without_any_date_is_refused_with_the_fix():
    draft = draft_from_html((PAGES / "undated-statement.html").read_bytes(), "undated.html")
    assert draft.published is None
    with pytest.raises(SourceError, match="no publication date found") as error:
        render_source(draft)
    assert "--published" in str(error.value)


def test_a_page_with_no_article_is_refused():
    with pytest.raises(SourceError, match="no article text"):
        draft_from_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "x.html")


def test_markdown_keeps_words_drops_markup_and_takes_its_heading_as_title():
    draft = draft_from_text((PAGES / "analysts-view.md").read_text(), "a.md", markdown=True)
    assert draft.title.startswith("Analysts: the clash over the ceasefire")
    assert "**" not in draft.text and "](" not in draft.text and "photo.jpg" not in draft.text
    assert "the foundation's site" in draft.text
    assert "Colombian government and the guerrillas of the National Liberation Army" in draft.text
    assert any(m.startswith("outlet") for m in draft.missing)


def test_add_writes_files_that_load_and_refuses_duplicates(briefing, capsys):
    code = main(["--project", str(briefing), "add", str(PAGES / "trtworld-talks-resume.html"),
                 str(PAGES / "peoplesdispatch-ceasefire.html")])
    assert code == 0
    out = capsys.readouterr().out
    assert "added sources/trt-world-2024-02-27.md" in out
    assert "published: 2024-02-27  [page metadata]" in out
    sources = {s.id: s for s in load_sources(briefing)}
    assert set(sources) == {"trt-world-2024-02-27", "peoples-dispatch-2023-06-09"}
    # The same page again, and the same text saved under another name: both refused.
    copy = briefing.parent / "copy.html"
    shutil.copy(PAGES / "trtworld-talks-resume.html", copy)
    text_copy = briefing.parent / "copy.txt"
    text_copy.write_text(sources["peoples-dispatch-2023-06-09"].raw_text.upper())
    code = main(["--project", str(briefing), "add", str(copy), str(text_copy),
                 "--published", "2024-03-01"])
    err = capsys.readouterr().err
    assert code == 2
    assert "same URL as sources/trt-world-2024-02-27.md" in err
    assert "same text as sources/peoples-dispatch-2023-06-09.md" in err
    assert len(list((briefing / "sources").glob("*.md"))) == 2


def test_add_a_folder_adds_what_it_can_and_names_what_it_cannot(briefing, capsys):
    code = main(["--project", str(briefing), "add", str(PAGES)])
    captured = capsys.readouterr()
    assert code == 2
    # Undated: the page without a date, the text and the Markdown file.
    assert captured.err.count("no publication date found") == 3
    assert "add: 3 added, 3 refused" in captured.err
    assert len(load_sources(briefing)) == 3


def test_published_gives_the_date_the_page_lacks(briefing):
    outcomes = add_articles(briefing, [str(PAGES / "wire-copy.txt")], date(2024, 9, 18), TODAY)
    assert outcomes[0].error is None
    source = load_sources(briefing, TODAY)[0]
    assert source.published == date(2024, 9, 18) and source.published_certain
    assert source.raw_text.startswith("BOGOTA, Colombia (AP)")


def test_an_url_is_fetched_and_added_with_its_address(briefing, server):
    url = f"{server}/peoplesdispatch-ceasefire.html"
    outcomes = add_articles(briefing, [url], None, TODAY)
    assert outcomes[0].error is None, outcomes[0].error
    source = load_sources(briefing, TODAY)[0]
    # The page's canonical address, not the local server's.
    assert source.url.startswith("https://peoplesdispatch.org/2023/06/09/")
    again = add_articles(briefing, [url], None, TODAY)
    assert again[0].error and "same URL" in again[0].error.message


def test_fetch_stops_at_the_size_limit(server):
    with pytest.raises(SourceError, match="larger than"):
        fetch(f"{server}/trtworld-talks-resume.html", limit=1000)


def test_fetch_names_a_missing_page_and_refuses_other_schemes(server):
    with pytest.raises(SourceError, match="404"):
        fetch(f"{server}/no-such-page.html")
    with pytest.raises(SourceError, match="only http and https"):
        fetch("file:///etc/passwd")


def test_fetch_gives_up_after_its_timeout():
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection, never answers
    try:
        with pytest.raises(SourceError, match="could not fetch"):
            fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/", timeout=0.5)
    finally:
        listener.close()


def test_the_same_address_in_other_clothes_is_the_same_page():
    base = url_key("https://www.example.org/a/b/")
    assert url_key("http://example.org/a/b?utm_source=x#top") == base
    assert url_key("https://example.org/a/c") != base


@given(st.text(max_size=300))
def test_any_title_and_text_make_a_file_that_loads_as_given(text):
    """Whatever a page holds — quotes, colons, '---', YAML or markup — the front matter keeps
    it as data and the file loads."""
    try:
        draft = draft_from_text(text + "\nx", "t.txt")
        draft = replace(draft, title=text, outlet=text, published=date(2024, 1, 2))
        source = parse_source(render_source(draft).encode("utf-8"), "sources/t.md", TODAY)
    except SourceError as error:
        raise AssertionError(f"refused: {error}") from None
    assert source.title == (normalise_line(text) or None)
    assert text_key(source.raw_text) == text_key(draft.text)


def test_add_outside_a_briefing_writes_nothing_and_says_how_to_start_one(tmp_path, capsys):
    assert main(["--project", str(tmp_path / "none"), "add",
                 str(PAGES / "trtworld-talks-resume.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "briefing init" in err and "Traceback" not in err
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("item, message", [
    ("missing.txt", "no such file"), ("notes.pdf", "cannot be added"),
    ("ftp://example.org/a", "only http and https")])
def test_inputs_that_cannot_be_added_are_named_one_line_each(briefing, capsys, item, message):
    (briefing.parent / "notes.pdf").write_bytes(b"%PDF-1.4")
    target = item if "://" in item else str(briefing.parent / item)
    assert main(["--project", str(briefing), "add", target]) == 2
    lines = capsys.readouterr().err.strip().split("\n")
    assert lines[0].startswith("error: ") and message in lines[0]
    assert lines[1] == "add: 0 added, 1 refused"


def test_a_source_file_of_another_briefing_keeps_its_front_matter(briefing):
    original = Path(__file__).resolve().parent.parent / "sources" / "obct-2023-03-10.md"
    outcomes = add_articles(briefing, [str(original)], None, TODAY)
    assert outcomes[0].error is None, outcomes[0].error
    added = load_sources(briefing, TODAY)[0]
    source = parse_source(original.read_bytes(), "sources/obct-2023-03-10.md", TODAY)
    assert (added.title, added.outlet, added.url, added.published, added.published_certain,
            added.notes, added.translated_from) == (
        source.title, source.outlet, source.url, source.published, source.published_certain,
        source.notes, source.translated_from)
    assert added.translated_from
    assert text_key(added.raw_text) == text_key(source.raw_text)
