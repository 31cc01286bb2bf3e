"""The Sphinx side: a thin layer. Print forms for web-only widgets, and regeneration for
`sphinx-autobuild` (livehtml), which runs Sphinx without our CLI in front of it."""

from __future__ import annotations

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
    from briefing_tools.pipeline import Options, generate

    project = Path(app.confdir).parent
    generate(Options(project=project, skip_unchanged=True))


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("briefing_regenerate", False, "env")
    app.connect("config-inited", _stable_config)
    app.connect("builder-inited", _dedupe_static)
    app.connect("builder-inited", _regenerate)
    app.connect("doctree-resolved", _print_badges)
    app.connect("env-get-outdated", _forget_removed_pages)
    app.connect("env-updated", _rewrite_neighbours)
    app.connect("build-finished", _forget_unused_images)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}
