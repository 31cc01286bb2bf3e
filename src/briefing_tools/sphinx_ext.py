"""The Sphinx side: a thin layer. Print forms for web-only widgets, and regeneration for
`sphinx-autobuild` (livehtml), which runs Sphinx without our CLI in front of it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes

# Outline badges repeat what the printed words already say (a precision badge beside "March
# 2022"): screen only. Filled badges carry news ("planned") and print as "[planned]".
SCREEN_ONLY_BADGE = "sd-outline-secondary"


def _print_badges(app: Any, doctree: nodes.document, docname: str) -> None:
    """In print, a sphinx-design badge becomes plain bracketed text, or goes."""
    if app.builder.format == "html":
        return
    for node in list(doctree.findall(nodes.inline)):
        classes = node.get("classes", [])
        if not any(c.startswith("sd-badge") for c in classes):
            continue
        if SCREEN_ONLY_BADGE in classes:
            node.parent.remove(node)
        else:
            node.replace_self(nodes.emphasis(text=f"[{node.astext()}]"))


# A run of 80 characters without a space cannot be set in a line: LaTeX lets it run off the
# page, and a thousand of them crash xdvipdfmx (a segfault, no PDF). Break points go in.
def _breakable_long_words(app: Any, doctree: nodes.document, docname: str) -> None:
    """In print, allow a line break every 40 characters of a very long word (a URL, a blob):
    the text stays the same, only LaTeX's \\allowbreak is placed between its pieces."""
    if app.builder.format != "latex":
        return
    for node in list(doctree.findall(nodes.Text)):
        text = node.astext()
        if len(text) < 80 or not re.search(r"\S{80}", text) or isinstance(
                node.parent, nodes.FixedTextElement):
            continue
        pieces: list[nodes.Node] = []
        for chunk in re.split(r"(\S{80,})", text):
            if re.fullmatch(r"\S{80,}", chunk):
                for start in range(0, len(chunk), 40):
                    if start:
                        pieces.append(nodes.raw("", r"\allowbreak{}", format="latex"))
                    pieces.append(nodes.Text(chunk[start:start + 40]))
            elif chunk:
                pieces.append(nodes.Text(chunk))
        parent = node.parent
        index = parent.index(node)
        parent.remove(node)
        for offset, piece in enumerate(pieces):
            parent.insert(index + offset, piece)


def _keep_headings_with_their_start(app: Any, doctree: nodes.document, docname: str) -> None:
    """In print, a heading asks for the room its section's start needs (print_room.py)."""
    if app.builder.format != "latex":
        return
    from briefing_tools.print_room import keep_headings_with_their_start

    keep_headings_with_their_start(doctree)


def _drop_unreferenced_footnotes(app: Any, doctree: nodes.document, docname: str) -> None:
    """A note referenced only from print-only text (the positions page prints its tabs as
    plain sections) would show on screen with a dead back-link: drop it, or the dead links."""
    if app.builder.format != "html":
        return
    ids = {i for node in doctree.findall(nodes.footnote_reference) for i in node["ids"]}
    for footnote in list(doctree.findall(nodes.footnote)):
        live = [ref for ref in footnote.get("backrefs", []) if ref in ids]
        if footnote.get("backrefs") and not live:
            footnote.parent.remove(footnote)
        else:
            footnote["backrefs"] = live


def own_footnote_per_reference(doctree: nodes.document) -> None:
    """In print, every reference gets its own footnote: LaTeX prints a footnote referenced
    twice as "Page 7, 1" at the second mark. Numbers run on through the whole book, as its
    chapters do: numbering each page file afresh put two notes 1 on one page."""
    # Ids are unique within one page file only: the assembled book holds many.
    footnotes = {(fn.get("docname"), fid): fn for fn in doctree.findall(nodes.footnote)
                 for fid in fn["ids"]}
    used: set[tuple[str, str]] = set()
    number = 0
    for ref in list(doctree.findall(nodes.footnote_reference)):
        owner = ref.get("docname")
        footnote = footnotes.get((owner, ref.get("refid", "")))
        if footnote is None or not ref.get("auto"):
            continue  # a numbered footnote the author wrote by hand keeps its number
        number += 1
        label = str(number)
        if (owner, footnote["ids"][0]) in used:
            copy = footnote.deepcopy()
            copy["ids"] = [f"{footnote['ids'][0]}-{label}"]
            copy["names"] = []
            copy["backrefs"] = ref["ids"][:]
            footnote.parent.insert(footnote.parent.index(footnote) + 1, copy)
            ref["refid"] = copy["ids"][0]
            footnote = copy
        else:
            used.add((owner, footnote["ids"][0]))
            footnote["backrefs"] = ref["ids"][:]
        footnote[0].children = [nodes.Text(label)]
        ref.children = [nodes.Text(label)]


def _stable_config(app: Any, config: Any) -> None:
    """sphinx-design appends its static folder to html_static_path at builder-inited, after
    Sphinx has compared the configuration with the last build's; the stored copy then always
    differs, and every page is rewritten on every build (16 s instead of 2 s at 1,000 sources).
    Adding the folder up front makes the two equal; `_dedupe_static` drops its second copy."""
    try:
        from sphinx_design.extension import STATIC_DIR
    except ImportError:
        return
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def _dedupe_static(app: Any) -> None:
    paths = app.config.html_static_path
    paths[:] = list(dict.fromkeys(paths))


def _forget_removed_pages(app: Any, env: Any, added: set[str], changed: set[str],
                          removed: set[str]) -> list[str]:
    """Sphinx keeps the page of a deleted document in its output folder, and we publish that
    folder whole: a withdrawn article would stay on the site. Delete its page and its copied
    source as Sphinx forgets the document."""
    if app.builder.format != "html":
        return []
    app.briefing_relations = env.collect_relations()  # before: see _rewrite_neighbours
    outdir = Path(app.outdir)
    for docname in sorted(removed):
        Path(app.builder.get_outfilename(docname)).unlink(missing_ok=True)
        for suffix in app.config.source_suffix:
            (outdir / "_sources" / f"{docname}{suffix}.txt").unlink(missing_ok=True)
    return []


def _rewrite_neighbours(app: Any, env: Any) -> list[str]:
    """Sphinx rewrites only the pages it re-read, so the pages beside an added or removed
    article kept their old previous/next links (to a page that no longer exists). Rewrite
    every page whose parent, previous or next page changed."""
    before = getattr(app, "briefing_relations", None)
    if before is None:
        return []
    after = env.collect_relations()
    return sorted(name for name, links in after.items() if before.get(name) != links)


def _forget_unused_images(app: Any, exception: Exception | None) -> None:
    """Likewise for images no page uses any more (the timeline, when it is left out)."""
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir) / app.builder.imagedir
    used = {unique for _, unique in app.env.images.values()}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file() and path.name not in used:
            path.unlink()


def _regenerate(app: Any) -> None:
    if not app.config.briefing_regenerate:
        return
    from sphinx.util import logging

    from briefing_tools.errors import BriefingError
    from briefing_tools.pipeline import Options, generate

    project = Path(app.confdir).parent
    try:
        generate(Options(project=project, skip_unchanged=True))
    except BriefingError as error:  # one line, as on the command line; the last pages stay
        logging.getLogger(__name__).error(f"error: {error}")


def _footnote_transform() -> type:
    from sphinx.transforms.post_transforms import SphinxPostTransform

    class OwnFootnotePerReference(SphinxPostTransform):
        # Before Sphinx's LaTeXFootnoteTransform (600) turns second references into marks.
        default_priority = 590
        formats = ("latex",)

        def run(self, **kwargs: Any) -> None:
            own_footnote_per_reference(self.document)

    return OwnFootnotePerReference


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("briefing_regenerate", False, "env")
    app.connect("config-inited", _stable_config)
    app.connect("builder-inited", _dedupe_static)
    app.connect("builder-inited", _regenerate)
    app.connect("doctree-resolved", _print_badges)
    app.connect("doctree-resolved", _breakable_long_words)
    app.connect("doctree-resolved", _drop_unreferenced_footnotes)
    app.connect("doctree-resolved", _keep_headings_with_their_start)
    app.add_post_transform(_footnote_transform())
    app.connect("env-get-outdated", _forget_removed_pages)
    app.connect("env-updated", _rewrite_neighbours)
    app.connect("build-finished", _forget_unused_images)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}
