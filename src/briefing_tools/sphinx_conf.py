"""The Sphinx configuration every briefing shares, and why each setting is as it is.

A project's ``docs/conf.py`` (this repository's, the example's, what ``briefing init`` writes)
only calls :func:`settings`, so a fix here reaches every briefing; a project may add or override
settings after that call. Topic facts come from the project's ``briefing.yaml`` and
``sources/``.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from sphinx.util import texescape

from briefing_tools.config import Topic, load_topic
from briefing_tools.dates import format_date
from briefing_tools.model import Source
from briefing_tools.sources import load_sources

# Debian's fonts-freefont-otf: covers Ə, Ş, Ğ and the rest of Latin Extended.
LATEX_FONTS = r"""
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{FreeMono}
"""

LATEX_PREAMBLE = r"""
\usepackage{etoolbox}
\usepackage{needspace}
\newcommand{\briefingpatchfailed}[1]{\PackageError{briefing}{Could not patch #1}{This
  version of LaTeX or Sphinx defines it differently: see briefing_tools/sphinx_conf.py.}}
% Notes are short ("OC Media, 6 Dec. 2024, ¶3 (page 24)") and many: set them small, in three
% columns (one full-width line each left most of every line empty).
\let\footnotesize\scriptsize
\setlength{\footnotesep}{6pt}
\makeatletter
\newdimen\briefingnotewidth
\newdimen\briefing@notegap \briefing@notegap=1.2em
\AtBeginDocument{\briefingnotewidth=\dimexpr(\textwidth-2\briefing@notegap)/3\relax}
% Sphinx sets every note in a box of this width first (sphinxpackagefootnote.sty).
\let\FNH@colwidth\briefingnotewidth
\patchcmd{\FNH@savenotes}{\FNH@width\columnwidth}{\FNH@width\briefingnotewidth}{}%
  {\briefingpatchfailed{FNH@savenotes}}
% A breakpoint before every note (the columns are cut there); ragged right in a narrow column.
\renewcommand\@makefntext[1]{\penalty\z@\raggedright\parindent\z@\noindent
  \hb@xt@1.4em{\hss\@makefnmark\enspace}#1}
% The page builder counts a third of each note's height. Three balanced columns can come out
% up to a line taller than that third: the reserve, counted in the space above the notes and
% given back under them, takes it up, so that the notes never run into the bottom margin.
\count\footins=334
\newdimen\briefing@notereserve \briefing@notereserve=6pt
\setlength{\skip\footins}{14pt plus 2pt}% 8pt above the notes, 6pt of reserve
\newbox\briefing@notes \newbox\briefing@notesa \newbox\briefing@notesb \newbox\briefing@notesc
\newdimen\briefing@notesht \newdimen\briefing@notesroom
% The lowest column height that takes all the notes in three columns, in steps of 1pt.
\def\briefing@balance{%
  \setbox\briefing@notesc\copy\briefing@notes
  \setbox\briefing@notesa\vsplit\briefing@notesc to\briefing@notesht
  \setbox\briefing@notesb\vsplit\briefing@notesc to\briefing@notesht
  \setbox\briefing@notesc\vbox{\unvbox\briefing@notesc}%
  \ifdim\dimexpr\ht\briefing@notesc+\dp\briefing@notesc\relax>\briefing@notesht
    \advance\briefing@notesht\p@
    \expandafter\briefing@balance
  \fi}
% Run in the output routine, before LaTeX puts the notes under the text (\@makecol).
\def\briefing@notecolumns{\ifvoid\footins\else
  \setbox\briefing@notes\vbox{\unvbox\footins}%
  \briefing@notesht\dimexpr\ht\briefing@notes+\dp\briefing@notes\relax
  \briefing@notesroom
    \dimexpr\briefing@notesht*\count\footins/1000+\briefing@notereserve\relax
  \divide\briefing@notesht\thr@@
  \begingroup\vbadness\@M\vfuzz\maxdimen\splittopskip\footnotesep\splitmaxdepth\maxdimen
    \briefing@balance
    \global\setbox\footins\vbox{\vbox to\briefing@notesroom{\hbox to\textwidth{%
      \vtop{\hsize\briefingnotewidth\unvbox\briefing@notesa}\hss
      \vtop{\hsize\briefingnotewidth\unvbox\briefing@notesb}\hss
      \vtop{\hsize\briefingnotewidth\unvbox\briefing@notesc}}\vss}}%
  \endgroup
  \advance\skip\footins-\briefing@notereserve
\fi}
\pretocmd{\@makecol}{\briefing@notecolumns}{}{\briefingpatchfailed{@makecol}}
% Lists set tight: a briefing's bullets are statements of one to three lines.
\def\@listI{\leftmargin\leftmargini\parsep\z@\topsep4\p@\@plus2\p@\@minus2\p@
  \itemsep2\p@\@plus1\p@}
\let\@listi\@listI
\@listi
\makeatother
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
  \pretocmd{\chapter}{\ifbriefingappendix\clearpage\else\Needspace{9\baselineskip}\fi}{}{}}
% A heading never stands alone at the foot of a page. \Needspace measures the room left;
% \needspace would offer TeX a stretchable break before the heading that beats every break
% between rows of a table (a page of rows has no stretch), and so ended pages half empty
% before the chapters that open with a table or follow one.
\pretocmd{\section}{\Needspace{8\baselineskip}}{}{}
\pretocmd{\subsection}{\Needspace{5\baselineskip}}{}{}
% A long table that does not follow a heading starts with its caption, its head and a few rows,
% not one row at the foot of a page (after a heading, the heading's own room holds).
\pretocmd{\sphinxatlongtablestart}{\par\if@nobreak\else\Needspace{10\baselineskip}\fi}{}%
  {\briefingpatchfailed{sphinxatlongtablestart}}
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
% Notes of a long table at the foot of the page of their row, not all after the table: Sphinx
% wraps every table in `savenotes`, which holds the notes back to its end (the chronology's
% thirty notes then filled most of a page of their own). A cell of a p column of a longtable
% (\X, from `widths` or `tabularcolumns`) lets its notes go where longtable lets its own,
% just after the cell's box: the insert leaves the row with it, onto that row's page.
% Other tables keep `savenotes` (a tabular is a box that no insert can leave).
\makeatletter
\apptocmd{\LT@endpbox}{\ifvoid\FNH@notes\else
  \begingroup\let\@makefntext\@empty\let\@finalstrut\@gobble\let\rule\@gobbletwo
  \FNH@H@@footnotetext{\unvbox\FNH@notes}\endgroup\fi}{}{\briefingpatchfailed}
\makeatother
"""

# Title, date and the scope on one page; the table of contents follows (print.md).
LATEX_TITLE_PAGE = r"""
\makeatletter
\thispagestyle{empty}
\begin{center}
{\sffamily\bfseries\Huge \@title\par}
\vspace{6pt}{\sffamily\Large \py@release\par}
\end{center}
\makeatother
"""


def settings(project: Path, tags: Any) -> dict[str, Any]:
    """Sphinx's configuration values for the briefing in ``project``; ``tags`` are Sphinx's
    build tags (``-t print`` builds the PDF and the handout)."""
    topic = load_topic(project)
    sources = load_sources(project)
    latest = max(s.published for s in sources)
    # The briefing is dated by its latest source, never by the build.
    today = format_date(latest.isoformat(), "day")
    conf: dict[str, Any] = {
        # The title and subtitle are the editors' text, as untrusted as an article's: the
        # alabaster sidebar prints `project` and `description` as raw HTML, and LaTeX runs the
        # title it is given.
        "project": html.escape(topic.title),
        "author": "briefing-tools",
        "copyright": f"{latest.year}, the editors",
        "today": today,
        "release": f"as of {today}",
        "version": f"as of {today}",
        "extensions": ["myst_parser", "sphinx_design", "briefing_tools.sphinx_ext"],
        "myst_enable_extensions": ["colon_fence", "deflist"],
        "myst_footnote_transition": False,
        # Quotations must stay verbatim: no typographic rewriting of the sources' straight
        # quotes.
        "smartquotes": False,
        "briefing_regenerate": False,  # `make livehtml` turns it on
    }
    exclude = ["_build", "manual", "briefing/_*.md", "**/.*"]
    # Print has its own root document (`-t print`): at a glance as chapter one, then the rest.
    # The cleaned source texts are the PDF's appendices (latex_appendices), not pages under the
    # bibliography; the print bibliography has no toctree, so they are in no toctree there.
    if tags.has("print"):
        conf["root_doc"] = "print"
        # Numbered tables ("Table 3") are for print, where a table may float to another page.
        # Not on screen: with numbering on, Sphinx reads every page's doctree again on each
        # rebuild to renumber (about 6 s of one added article's 20 at 1,000 articles).
        conf["numfig"] = True
        # (At scale the HTML splits the list of sources by year: sources/2023.md and so on.)
        exclude += ["index.md", "briefing/sources/index.md",
                    "briefing/sources/[0-9][0-9][0-9][0-9].md"]
        conf["suppress_warnings"] = ["myst.header", "toc.not_included"]
    else:
        exclude += ["print.md", "handout.md", "briefing/at-a-glance.md",
                    "briefing/bibliography.md"]
        conf["suppress_warnings"] = ["myst.header"]
    conf["exclude_patterns"] = exclude
    conf.update(_html(topic))
    conf.update(_latex(topic, sources))
    return conf


def _html(topic: Topic) -> dict[str, Any]:
    return {
        "html_theme": "alabaster",
        "html_title": topic.title,
        "html_static_path": ["_static"],
        # In the form Sphinx stores it, so that the stored configuration equals a fresh one.
        "html_css_files": [("briefing.css", {"priority": 800})],
        "html_js_files": [("briefing.js", {"priority": 800})],
        # Hidden toctrees (one entry per source) stay out of the sidebar: rendering a
        # 1,000-entry tree on each of 1,000 pages made the build quadratic.
        "html_theme_options": {"page_width": "1100px", "sidebar_width": "230px",
                               "sidebar_includehidden": False,
                               "description": html.escape(topic.subtitle or "")},
        # Source texts and per-year chronologies come in their thousands at scale: resolving
        # the whole navigation tree on each of them is quadratic. Previous/next links and
        # search serve them.
        "html_sidebars": {
            "briefing/sources/*": ["relations.html", "searchbox.html"],
            "briefing/sources/index": ["navigation.html", "relations.html", "searchbox.html"],
            "briefing/chronology/*": ["relations.html", "searchbox.html"],
        },
        "html_last_updated_fmt": None,
        # No index entries are made: an index page would be empty.
        "html_use_index": False,
        "html_show_sourcelink": False,
    }


def _latex(topic: Topic, sources: list[Source]) -> dict[str, Any]:
    texescape.init()  # the escaping tables are filled here; Sphinx does it only later
    title = texescape.escape(topic.title, "xelatex")
    return {
        "latex_engine": "xelatex",
        "latex_documents": [("print", "briefing.tex", title, "Compiled by briefing-tools from "
                             "news sources", "manual"),
                            # The two-page handout: a `howto` (article) from the same build.
                            ("handout", "handout.tex", title, "In focus", "howto")],
        # One appendix per source, oldest first like the bibliography: each its own running
        # head.
        "latex_appendices": [f"briefing/sources/{s.id}"
                             for s in sorted(sources, key=lambda s: (s.published, s.id))],
        "latex_show_urls": "no",
        # A reference to a source paragraph prints the page it is on: "¶3 (page 31)".
        "latex_show_pagerefs": True,
        "latex_domain_indices": False,
        "latex_elements": {
            "papersize": "a4paper",
            "pointsize": "10pt",
            "fontpkg": LATEX_FONTS,
            "releasename": "Briefing",
            # No blank pages, no chapter forced onto a right-hand page, no "CHAPTER" banner.
            "extraclassoptions": "openany,oneside",
            "fncychap": "",
            "preamble": LATEX_PREAMBLE,
            "printindex": "",
            "maketitle": LATEX_TITLE_PAGE,
            "tableofcontents": "",
            "sphinxsetup": "TitleColor={rgb}{0.1,0.1,0.1}, InnerLinkColor={rgb}{0.1,0.2,0.5}, "
                           "hmargin={1.8cm,1.8cm}, vmargin={1.6cm,1.9cm}",
        },
    }
