"""`briefing add`: articles as users have them — saved web pages, plain text, Markdown — turned
into ``sources/<id>.md`` with front matter, saying what was inferred and from where.

Pure functions over text and bytes: reading files and fetching URLs happen in ``fetch.py`` and
the CLI. trafilatura finds the article in a page and its metadata; htmldate finds the date.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import PurePath
from urllib.parse import urlsplit

from briefing_tools.clean import normalise_line
from briefing_tools.config import slug
from briefing_tools.errors import SourceError
from briefing_tools.model import Source
from briefing_tools.sources import ID_PATTERN, MAX_TITLE_CHARS, parse_source

# What a page must yield to be an article, not a menu or an error page.
MIN_ARTICLE_CHARS = 200
# Outlet and title words kept in a generated id: "peoplesdispatch-2023-06-09".
ID_MAX_CHARS = 60
# Characters YAML does not allow unescaped in a document (its "printable" set, inverted), and
# those it reads as line breaks (NEL, LS, PS), which would fold into spaces.
_YAML_UNPRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Control characters have no place in an article (a NUL would make the file look binary).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Query parameters that track a reader, not name a page: the same article with them is a duplicate.
TRACKING_PARAMETERS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing `add` inferred, and where from ("page metadata", "the page text", …)."""

    what: str
    value: str
    origin: str


@dataclass(frozen=True, slots=True)
class Draft:
    """An article on its way into sources/: front matter fields, text, and how each was found."""

    origin: str  # the file or URL it came from, for messages
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    published_certain: bool
    language: str
    text: str
    notes: tuple[str, ...] = ()
    found: tuple[Finding, ...] = ()
    missing: tuple[str, ...] = field(default=())  # what could not be found, with the fix
    translated_from: str | None = None

    @property
    def paragraphs(self) -> int:
        return sum(1 for line in self.text.split("\n") if line.strip())


def draft_from_html(html: bytes | str, origin: str, url: str | None = None) -> Draft:
    """A saved or fetched page: the article text (trafilatura), the date (htmldate), and the
    title, outlet, URL and language from the page's metadata."""
    import trafilatura
    from trafilatura.utils import decode_file

    page = decode_file(html) if isinstance(html, bytes) else html
    text = trafilatura.extract(page, url=url, include_comments=False, include_tables=False,
                               favor_precision=True, deduplicate=False, with_metadata=False)
    if not text or len(text.strip()) < MIN_ARTICLE_CHARS:
        raise SourceError("no article text found in this page", origin, None,
                          "save the article's own page, not a front page or a search result; "
                          "or paste its text into a .txt file and add that")
    metadata = trafilatura.extract_metadata(page, default_url=url)
    found: list[Finding] = []
    missing: list[str] = []
    title = _clean(metadata.title) if metadata else None
    if title:
        found.append(Finding("title", title, "page metadata"))
    else:
        missing.append("title: none in the page — add `title:` to the front matter")
    page_url = _web_url(metadata.url if metadata else None) or _web_url(url)
    if page_url:
        found.append(Finding("url", page_url, "page metadata" if metadata and metadata.url
                             else "where it was fetched"))
    else:
        missing.append("url: none in the page — add `url:` to the front matter")
    outlet = _clean(metadata.sitename) if metadata else None
    if outlet:
        found.append(Finding("outlet", outlet, "page metadata"))
    elif page_url:
        outlet = _host(page_url)
        found.append(Finding("outlet", outlet, "the web address"))
    else:
        missing.append("outlet: none in the page — add `outlet:` to the front matter")
    published, certain, origin_of_date = _page_date(page, page_url)
    if published:
        found.append(Finding("published", published.isoformat(), origin_of_date))
    language = _page_language(page)
    found.append(Finding("language", language, "the page" if language != "en" or
                         re.search(r"<html[^>]*\blang=", page, re.I) else "the default"))
    notes = () if certain or published is None else (
        f"Date inferred by `briefing add` from {origin_of_date}; check it against the page.",)
    body = _paragraph_lines(text)
    first, _, rest = body.partition("\n")
    if title and first.casefold() == title.casefold() and rest.strip():
        body = rest  # the headline is the title, not the article's first paragraph
    return Draft(origin, title, outlet, page_url, published, certain, language, body, notes,
                 tuple(found), tuple(missing))


def draft_from_text(text: str, origin: str, markdown: bool = False) -> Draft:
    """Plain text or Markdown as the user saved it: paragraphs one per line; a Markdown first
    heading becomes the title. There is no metadata to read: date, outlet and URL are for the
    user to give."""
    title = None
    if markdown:
        title, text = _markdown_to_text(text)
    # Plain text stays as the user saved it (the cleaner expects pasted text, hard wraps and
    # all); only line ends and surrounding blank lines are normalised.
    text = _CONTROL.sub("", text.replace("\r\n", "\n"))
    body = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    if not body.strip():
        raise SourceError("the file holds no text", origin, None, "add a file with the article")
    found = (Finding("title", title, "the first heading"),) if title else ()
    missing = tuple(m for m in (
        None if title else "title: none in the text — add `title:` to the front matter",
        "outlet: a text file does not say — add `outlet:` to the front matter",
        "url: a text file does not say — add `url:` to the front matter") if m)
    return Draft(origin, title, None, None, None, True, "en", body, (), found, missing)


def with_published(draft: Draft, published: date) -> Draft:
    """The date the user gave (`--published`): certain, and said so."""
    found = tuple(f for f in draft.found if f.what != "published")
    return replace(draft, published=published, published_certain=True, notes=(),
                   found=(*found, Finding("published", published.isoformat(), "--published")))


def source_id(draft: Draft, taken: set[str]) -> str:
    """outlet-YYYY-MM-DD like the seed articles (else the file's name); a counter when that id
    is taken."""
    stem = None if "://" in draft.origin else PurePath(draft.origin).stem
    outlet = (draft.outlet or (_host(draft.url) if draft.url else None) or stem or draft.title
              or "article")
    outlet_part = slug(re.sub(r"^(www\.)", "", outlet)).replace(".", "-")[:ID_MAX_CHARS - 11]
    base = f"{outlet_part or 'article'}-{draft.published.isoformat()}" if draft.published \
        else outlet_part or "article"
    base = base.strip("-") or "article"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _fit(text: str | None) -> str | None:
    """A page's title or site name as one line the loader accepts: a page may hold anything."""
    if text is None:
        return None
    text = normalise_line(text)  # no control characters, one space between words
    return text[:MAX_TITLE_CHARS - 1] + "…" if len(text) > MAX_TITLE_CHARS else text


def render_source(draft: Draft) -> str:
    """The ``sources/<id>.md`` text: every front matter key written out, values as JSON strings
    (valid YAML whatever they hold), then the article."""
    if draft.published is None:
        raise SourceError("no publication date found", draft.origin, None,
                          "give it with --published YYYY-MM-DD, adding this article on its own")

    def value(text: str | None) -> str:
        if text is None or not text.strip():
            return "null"  # a blank field is no value, as the loader reads it
        # JSON's escapes are YAML's: characters YAML may not hold raw (DEL, C1 controls) go
        # as \uXXXX, the rest stays readable.
        return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}",
                                     json.dumps(text, ensure_ascii=False))

    notes = "[]" if not draft.notes else "\n" + "\n".join(f"  - {value(n)}" for n in draft.notes)
    return (
        "---\n"
        f"title: {value(_fit(draft.title))}\n"
        f"outlet: {value(_fit(draft.outlet))}\n"
        f"url: {value(draft.url)}\n"
        f"published: {draft.published.isoformat()}\n"
        f"published_certain: {'true' if draft.published_certain else 'false'}\n"
        f"language: {value(draft.language)}\n"
        f"notes: {notes}\n"
        + (f"translated_from: {value(draft.translated_from)}\n" if draft.translated_from else "")
        + "---\n"
        f"{draft.text}\n"
    )


def validated(draft: Draft, source_id_: str, today: date | None = None) -> Source:
    """Read the file `add` is about to write exactly as the build will: what `add` writes
    always loads."""
    if not ID_PATTERN.match(source_id_):
        raise SourceError(f"source id '{source_id_}' is not usable", draft.origin, None,
                          "use lower-case letters, digits, '.', '_' and '-' only")
    return parse_source(render_source(draft).encode("utf-8"), f"sources/{source_id_}.md", today)


def url_key(url: str | None) -> str | None:
    """The same page whatever the scheme, 'www.', trailing slash, fragment or tracking tags."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = "&".join(sorted(q for q in parts.query.split("&")
                            if q and not TRACKING_PARAMETERS.match(q.split("=")[0])))
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


def text_key(text: str) -> str:
    """The same article text whatever its spacing, case or quotation marks."""
    words = re.sub(r"[\"“”‘’'`]", "", text).casefold().split()
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def duplicate_of(draft: Draft, known: dict[str, str]) -> str | None:
    """Where an article with the same URL or the same text already is, or None; ``known`` maps
    url_key/text_key values to the files that hold them."""
    for key in (url_key(draft.url), text_key(draft.text)):
        if key and key in known:
            return known[key]
    return None


def known_keys(sources: list[Source]) -> dict[str, str]:
    known: dict[str, str] = {}
    for source in sources:
        for key in (url_key(source.url), text_key(source.raw_text)):
            if key:
                known.setdefault(key, source.path)
    return known


def _page_date(page: str, url: str | None) -> tuple[date | None, bool, str]:
    """(date, certain, where from): the page's own date metadata is certain; a date htmldate
    can only guess from the text or the address is not."""
    from htmldate import find_date

    # Dates before the web's news archives or after today are misreadings.
    bounds = {"min_date": "1990-01-01", "max_date": date.today().isoformat()}
    head = re.search(r"<head[\s>].*?</head>", page, re.S | re.I)
    if head:  # the publisher's own metadata (meta tags, JSON-LD, the canonical address)
        found = find_date(f"<html>{head.group(0)}<body></body></html>", extensive_search=False,
                          original_date=True, **bounds)
        if found:
            return date.fromisoformat(found), True, "page metadata"
    found = find_date(page, extensive_search=True, original_date=True, url=url, **bounds)
    if found:
        return date.fromisoformat(found), False, "the page text or its address"
    return None, False, ""


def _page_language(page: str) -> str:
    match = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3})", page, re.I)
    return match.group(1).lower() if match else "en"


def _markdown_to_text(text: str) -> tuple[str | None, str]:
    """(first heading, the text of every block, one per line) through markdown-it, the parser
    MyST already brings: links keep their words, images and markup go."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    title, blocks = None, []
    heading = False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            words = "".join(" " if child.type in ("softbreak", "hardbreak") else child.content
                            for child in token.children or ()
                            if child.type in ("text", "code_inline", "softbreak", "hardbreak"))
            words = " ".join(words.split())
            if heading and title is None and not blocks:
                title = words
            elif words:
                blocks.append(words)
        elif token.type in ("fence", "code_block"):
            blocks.extend(line for line in token.content.split("\n") if line.strip())
    return title, "\n".join(blocks)


def _paragraph_lines(text: str) -> str:
    """One paragraph a line, no blank runs: the form of a pasted article."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n"))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _web_url(url: str | None) -> str | None:
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower().removeprefix("www.")


# --- The edge: reading the user's files, fetching URLs, writing sources/ ------------------------

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
ADDABLE = HTML_SUFFIXES | TEXT_SUFFIXES | MARKDOWN_SUFFIXES


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: the file written, or the error that refused it."""

    origin: str
    written: str | None = None
    draft: Draft | None = None
    error: SourceError | None = None


def expand_inputs(inputs: list[str]) -> list[str]:
    """URLs as given; folders as the addable files in them (sorted, hidden files skipped)."""
    from pathlib import Path

    result: list[str] = []
    for item in inputs:
        path = Path(item)
        if "://" in item or not path.is_dir():
            result.append(item)
            continue
        result.extend(str(p) for p in sorted(path.rglob("*"))
                      if p.is_file() and p.suffix.lower() in ADDABLE
                      and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return result


def read_input(item: str) -> Draft:
    """One file or URL as a draft (no id, not yet checked for duplicates)."""
    from pathlib import Path

    from briefing_tools.fetch import fetch
    from briefing_tools.sources import MAX_SOURCE_BYTES

    if "://" in item:
        page = fetch(item)
        if page.content_type.startswith("text/plain"):
            draft = draft_from_text(page.body.decode("utf-8", errors="replace"), item)
            return replace(draft, url=page.url, outlet=_host(page.url), missing=tuple(
                m for m in draft.missing if not m.startswith(("url", "outlet"))))
        return draft_from_html(page.body, item, page.url)
    path = Path(item)
    if not path.is_file():
        raise SourceError("no such file or folder", item, None, "check the path")
    suffix = path.suffix.lower()
    if suffix not in ADDABLE:
        raise SourceError(f"'{suffix or 'no suffix'}' files cannot be added", item, None,
                          "add a saved web page (.html), plain text (.txt) or Markdown (.md)")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES * 3:
        raise SourceError(f"file is {size / 1e6:.1f} MB, too large for an article", item, None,
                          "save only the article's page")
    data = path.read_bytes()
    if suffix in HTML_SUFFIXES:
        saved_from = re.search(rb"<!-- saved from url=\(\d+\)(https?://[^\s>]+?) ?-->", data)
        return draft_from_html(data, item, saved_from.group(1).decode("ascii", "replace")
                               if saved_from else None)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"bytes that are not UTF-8 at offset {exc.start}", item, None,
                          "re-save the file as UTF-8") from None
    if suffix in MARKDOWN_SUFFIXES and text.startswith("---"):
        # A source file of another briefing (or the corpus): its front matter is kept.
        return draft_from_source(parse_source(data, item))
    return draft_from_text(text, item, markdown=suffix in MARKDOWN_SUFFIXES)


def draft_from_source(source: Source) -> Draft:
    """A file that is already a source (front matter and text): taken as it is."""
    found = tuple(Finding(what, str(value), "its front matter") for what, value in (
        ("title", source.title), ("outlet", source.outlet), ("url", source.url),
        ("published", source.published.isoformat())) if value)
    return Draft(source.path, source.title, source.outlet, source.url, source.published,
                 source.published_certain, source.language, source.raw_text.strip("\n"),
                 source.notes, found, (), source.translated_from)


def add_articles(project, inputs: list[str], published: date | None = None,
                 today: date | None = None) -> list[Outcome]:
    """Add each input to ``project/sources/``; a bad or duplicate input is refused with its
    reason and the others still go in."""
    from briefing_tools.sources import SOURCES_DIR, load_sources, source_files
    from briefing_tools.writer import atomic_write

    folder = project / SOURCES_DIR
    if not folder.is_dir() and not (project / "briefing.yaml").is_file():
        raise SourceError("this is not a briefing folder (no sources/, no briefing.yaml)",
                          str(project), None, "start one with `briefing init DIR`, or give "
                          "the briefing's folder with --project DIR")
    existing = load_sources(project, today) if folder.is_dir() and source_files(project) else []
    known = known_keys(existing)
    taken = {s.id for s in existing} | ({p.stem for p in folder.glob("*.md")}
                                        if folder.is_dir() else set())
    outcomes: list[Outcome] = []
    for item in expand_inputs(inputs):
        try:
            draft = read_input(item)
            if published is not None:
                draft = with_published(draft, published)
            duplicate = duplicate_of(draft, known)
            if duplicate:
                same = "URL" if url_key(draft.url) in known else "text"
                raise SourceError(f"the same {same} as {duplicate} is already in sources/",
                                  item, None, "nothing was added; remove the older file first "
                                  "to replace it")
            new_id = source_id(draft, taken)
            validated(draft, new_id, today)
        except SourceError as error:
            outcomes.append(Outcome(item, error=error))
            continue
        relative = f"{SOURCES_DIR}/{new_id}.md"
        try:
            atomic_write(project / relative, render_source(draft).encode("utf-8"))
        except OSError as error:
            outcomes.append(Outcome(item, error=SourceError(
                f"cannot write {relative}: {error.strerror}", item, None,
                "check that sources/ exists and may be written to")))
            continue
        taken.add(new_id)
        for key in (url_key(draft.url), text_key(draft.text)):
            if key:
                known.setdefault(key, relative)
        outcomes.append(Outcome(item, relative, draft))
    return outcomes
