"""Hostile and awkward strings shared by the test_hostile_* files: each must end as inert text."""

from __future__ import annotations

# Into LaTeX: file inclusion, shell escape, file writing, TeX's ^^ notation, unbalanced braces
# and every special character; into HTML: script and event handlers; into MyST: roles,
# directives and substitutions.
LATEX = (r"\input{/etc/passwd} \write18{touch /tmp/briefing-tools-pwned} \openout1=x ^^5c"
         r" {unmatched } }{ & % # $ _ ~")
HTML = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
MYST = "{ref}`x` |sub| [^n] ```{raw} html"
BRIEFING_TITLE = "Armenia & Azerbaijan: 100% talks #1 " + LATEX + " " + HTML
BIDI = "\u202eevil\u202c zero\u200bwidth \u2066isolate\u2069"
WIDE = "emoji 😀🕊️ and CJK 和平谈判"
