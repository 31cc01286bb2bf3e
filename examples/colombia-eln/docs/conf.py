"""Sphinx configuration for the briefing. Topic facts come from ../briefing.yaml and sources/."""

from __future__ import annotations

import html
from pathlib import Path

from sphinx.util import texescape

from briefing_tools.config import load_topic
from briefing_tools.dates import format_date
from briefing_tools.sources import load_sources

PROJECT = Path(__file__).resolve().parent.parent
topic = load_topic(PROJECT)
latest = max(s.published for s in load_sources(PROJECT))

# The title and subtitle are the editors' text, as untrusted as an article's: the alabaster
# sidebar prints `project` and `description` as raw HTML, and LaTeX runs the title it is given.
project = html.escape(topic.title)
author = "briefing-tools"
copyright = f"{latest.year}, the editors"  # noqa: A001
# The briefing is dated by its latest source, never by the build.
today = format_date(latest.isoformat(), "day")
release = version = f"as of {today}"

extensions = ["myst_parser", "sphinx_design", "briefing_tools.sphinx_ext"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_footnote_transition = False
exclude_patterns = ["_build", "manual", "briefing/_*.md", "**/.*"]
# Print has its own root document (`-t print`): at a glance as chapter one, then the rest.
if tags.has("print"):  # noqa: F821 - `tags` is provided by Sphinx
    root_doc = "print"
    exclude_patterns.append("index.md")
else:
    exclude_patterns += ["print.md", "briefing/at-a-glance.md"]
suppress_warnings = ["myst.header"]
# Quotations must stay verbatim: no typographic rewriting of the sources' straight quotes.
smartquotes = False
briefing_regenerate = False  # `make livehtml` turns it on

html_theme = "alabaster"
html_title = topic.title
html_static_path = ["_static"]
# In the form Sphinx stores it, so that the stored configuration equals a fresh one.
html_css_files = [("briefing.css", {"priority": 800})]
# Hidden toctrees (one entry per source) stay out of the sidebar: rendering a 1,000-entry tree
# on each of 1,000 pages made the build quadratic.
html_theme_options = {"page_width": "1100px", "sidebar_width": "230px",
                      "sidebar_includehidden": False,
                      "description": html.escape(topic.subtitle or "")}
# Source texts and per-year chronologies come in their thousands at scale: resolving the whole
# navigation tree on each of them is quadratic. Previous/next links and search serve them.
html_sidebars = {
    "briefing/sources/*": ["relations.html", "searchbox.html"],
    "briefing/sources/index": ["navigation.html", "relations.html", "searchbox.html"],
    "briefing/chronology/*": ["relations.html", "searchbox.html"],
}
html_last_updated_fmt = None
html_show_sourcelink = False

latex_engine = "xelatex"
texescape.init()  # the escaping tables are filled here; Sphinx does it only later
latex_documents = [("print", "briefing.tex", texescape.escape(topic.title, "xelatex"),
                    "Compiled by briefing-tools from news sources", "manual")]
latex_show_urls = "no"
latex_show_pagerefs = False
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # Debian's fonts-freefont-otf: covers Ə, Ş, Ğ and the rest of Latin Extended.
    "fontpkg": r"""
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{FreeMono}
""",
    "releasename": "Briefing",
    "preamble": r"""
\usepackage{etoolbox}
\setcounter{tocdepth}{1}
\renewcommand{\sphinxstyletheadfamily}{\sffamily\bfseries}
""",
    "printindex": "",
    "sphinxsetup": "TitleColor={rgb}{0.1,0.1,0.1}, InnerLinkColor={rgb}{0.1,0.2,0.5}",
}
