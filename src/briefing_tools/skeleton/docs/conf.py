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
sources = load_sources(PROJECT)
latest = max(s.published for s in sources)

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
# The cleaned source texts are the PDF's appendices (latex_appendices), not pages under the
# bibliography; the print bibliography has no toctree, so they are in no toctree there.
if tags.has("print"):  # noqa: F821 - `tags` is provided by Sphinx
    root_doc = "print"
    # (At scale the HTML splits the list of sources by year: sources/2023.md and so on.)
    exclude_patterns += ["index.md", "briefing/sources/index.md",
                         "briefing/sources/[0-9][0-9][0-9][0-9].md"]
    suppress_warnings = ["myst.header", "toc.not_included"]
else:
    exclude_patterns += ["print.md", "handout.md", "briefing/at-a-glance.md",
                         "briefing/bibliography.md"]
    suppress_warnings = ["myst.header"]
# Quotations must stay verbatim: no typographic rewriting of the sources' straight quotes.
smartquotes = False
briefing_regenerate = False  # `make livehtml` turns it on

html_theme = "alabaster"
html_title = topic.title
html_static_path = ["_static"]
# In the form Sphinx stores it, so that the stored configuration equals a fresh one.
html_css_files = [("briefing.css", {"priority": 800})]
html_js_files = [("briefing.js", {"priority": 800})]
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
# No index entries are made: an index page would be empty.
html_use_index = False
numfig = True
html_show_sourcelink = False

latex_engine = "xelatex"
texescape.init()  # the escaping tables are filled here; Sphinx does it only later
latex_title = texescape.escape(topic.title, "xelatex")
latex_documents = [("print", "briefing.tex", latex_title, "Compiled by briefing-tools from "
                    "news sources", "manual"),
                   # The two-page handout: a `howto` (article) from the same build.
                   ("handout", "handout.tex", latex_title, "In focus", "howto")]
# One appendix per source, oldest first like the bibliography: each its own running head.
latex_appendices = [f"briefing/sources/{s.id}"
                    for s in sorted(sources, key=lambda s: (s.published, s.id))]
latex_show_urls = "no"
# A reference to a source paragraph prints the page it is on: "¶3 (page 31)".
latex_show_pagerefs = True
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # Debian's fonts-freefont-otf: covers Ə, Ş, Ğ and the rest of Latin Extended.
    "fontpkg": r"""
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{FreeMono}
""",
    "releasename": "Briefing",
    # No blank pages, no chapter forced onto a right-hand page, no "CHAPTER" banner.
    "extraclassoptions": "openany,oneside",
    "fncychap": "",
    "preamble": r"""
\usepackage{etoolbox}
\usepackage{needspace}
% Notes are short ("OC Media, 6 Dec. 2024, ¶3 (page 24)") and many: set them small.
\let\footnotesize\scriptsize
\setlength{\footnotesep}{6pt}
\setlength{\skip\footins}{8pt plus 2pt}
\setcounter{tocdepth}{0}
\renewcommand{\sphinxstyletheadfamily}{\sffamily\bfseries}
\titlespacing*{\section}{0pt}{10pt}{4pt}
\titlespacing*{\subsection}{0pt}{8pt}{3pt}
% Compact chapter heads that run on after the last page's text: a briefing, not a book.
% Each appendix (a source text) starts its own page, for its own running head.
% (The handout is an article: no chapters.)
\newif\ifbriefingappendix
% Past 26 sources the appendices go on AA, AB, … (plain \Alph stops at Z).
\usepackage{alphalph}
\appto\appendix{\briefingappendixtrue\renewcommand{\thechapter}{\AlphAlph{\value{chapter}}}}
\makeatletter
\@ifundefined{c@chapter}{\setcounter{secnumdepth}{0}}{%
  \titleclass{\chapter}{straight}%
  \titleformat{\chapter}[hang]{\sffamily\bfseries\LARGE}{\thechapter\quad}{0pt}{}%
  \titlespacing*{\chapter}{0pt}{14pt}{6pt}%
  \pretocmd{\chapter}{\ifbriefingappendix\clearpage\else\needspace{12\baselineskip}\fi}{}{}}
% A heading never stands alone at the foot of a page (the notes of a long table, printed where
% it ends, can fill the rest of that page).
\pretocmd{\section}{\needspace{8\baselineskip}}{}{}
\pretocmd{\subsection}{\needspace{5\baselineskip}}{}{}
\makeatother
% Running head: the chapter, or the appendix (the source) the page belongs to.
\makeatletter
\fancypagestyle{normal}{\fancyhf{}%
  \fancyhead[L]{\sffamily\small\nouppercase{\rightmark}}%
  \fancyhead[R]{\sffamily\small\@title}%
  \fancyfoot[R]{\sffamily\small\thepage}%
  \renewcommand{\headrulewidth}{0.4pt}\renewcommand{\footrulewidth}{0pt}}
\makeatother
\AtBeginDocument{\def\chaptermark#1{\markboth{\thechapter\quad #1}{\thechapter\quad #1}}%
  \def\sectionmark#1{}}
% Ragged-right table cells: justified narrow columns open rivers of white.
\makeatletter
\newcolumntype{\X}[2]{>{\raggedright\arraybackslash}p{\dimexpr
      (\linewidth-\spx@arrayrulewidth)*#1/#2-\tw@\tabcolsep-\spx@arrayrulewidth\relax}}
\newcolumntype{\Y}[1]{>{\raggedright\arraybackslash}p{\dimexpr
      #1\dimexpr\linewidth-\spx@arrayrulewidth\relax-\tw@\tabcolsep-\spx@arrayrulewidth\relax}}
\makeatother
\newcolumntype{T}{L}
""",
    "printindex": "",
    # Title, date and the scope on one page; the table of contents follows (print.md).
    "maketitle": r"""
\makeatletter
\thispagestyle{empty}
\begin{center}
{\sffamily\bfseries\Huge \@title\par}
\vspace{6pt}{\sffamily\Large \py@release\par}
\end{center}
\makeatother
""",
    "tableofcontents": "",
    "sphinxsetup": "TitleColor={rgb}{0.1,0.1,0.1}, InnerLinkColor={rgb}{0.1,0.2,0.5}, "
                   "hmargin={1.8cm,1.8cm}, vmargin={1.6cm,1.9cm}",
}
