"""The one module that touches the network: fetch a web page for `briefing add URL`.

Standard library only (urllib): one GET, a timeout, a size limit, http(s) only. Tests serve
saved pages from a local server on 127.0.0.1; nothing else is ever contacted by the tests.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from briefing_tools.errors import SourceError

# A news page with its scripts and inline styles is rarely above 2 MB; past this it is not an
# article (a video, a feed dump) and reading stops before memory is spent on it.
MAX_PAGE_BYTES = 5_000_000
TIMEOUT_SECONDS = 20
USER_AGENT = "briefing-tools (adds one article a user asked for)"


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # after redirects
    body: bytes
    content_type: str


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_PAGE_BYTES) -> Page:
    """GET one page; every failure is a SourceError naming the URL and what to do."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise SourceError("only http and https addresses can be fetched", url, None,
                          "save the page in the browser and add the saved file")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html, text/plain;q=0.8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            content_type = response.headers.get("Content-Type", "")
            if not content_type.startswith(("text/html", "application/xhtml", "text/plain")):
                raise SourceError(f"the address gives {content_type or 'no content type'}, not "
                                  "a web page", url, None, "add the address of the article page")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise _too_large(url, limit)
            body = response.read(limit + 1)
            if len(body) > limit:
                raise _too_large(url, limit)
            return Page(response.geturl(), body, content_type)
    except urllib.error.HTTPError as error:
        raise SourceError(f"the server answered {error.code} {error.reason}", url, None,
                          "check the address; a page behind a login must be saved from the "
                          "browser and added as a file") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise SourceError(f"could not fetch the page ({reason})", url, None,
                          "check the address and the connection, or save the page in the "
                          "browser and add the saved file") from None


def _too_large(url: str, limit: int) -> SourceError:
    return SourceError(f"the page is larger than {limit / 1e6:.0f} MB", url, None,
                       "this is not an article page; save the article from the browser")
