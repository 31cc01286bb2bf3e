"""Untrusted article text shows as typed: never MyST, reST or HTML markup."""

from __future__ import annotations

import html
import re

from docutils.core import publish_string
from hypothesis import given, settings
from hypothesis import strategies as st
from myst_parser.docutils_ import Parser

from briefing_tools.escape import escape_myst

HOSTILE = [
    "```{raw} html\n<script>alert(1)</script>\n```",
    "```{eval-rst}\n.. include:: /etc/passwd\n```",
    ".. include:: /etc/passwd",
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "$$x^2$$ and $y$",
    "{ref}`target` and {doc}`index`",
    "|substitution| and [^x] and [^x]: note",
    ":::{note}\nhi\n:::",
    "# not a heading",
    "1. not a list",
    "&amp; &lt; &#x41;",
    "\\*not emphasis\\*",
]


def visible_text(myst: str) -> str:
    out = publish_string(myst, parser=Parser(), writer="html5",
                         settings_overrides={"output_encoding": "unicode",
                                             "report_level": 5, "halt_level": 5,
                                             "myst_enable_extensions": ["colon_fence", "deflist"]})
    body = out.split('<main>', 1)[-1].split('</main>', 1)[0] if "<main>" in out else out
    body = re.sub(r"<[^>]+>", "", body)
    return " ".join(html.unescape(body).split())


def test_hostile_constructs_show_literally():
    for text in HOSTILE:
        expected = " ".join(text.split())
        assert visible_text(escape_myst(text)) .endswith(expected) or \
            expected in visible_text(escape_myst(text)), text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
               min_size=1, max_size=80))
def test_any_text_shows_the_same_visible_characters(text):
    expected = " ".join(text.split())
    if not expected:
        return
    assert expected in visible_text("Text: " + escape_myst(text))
