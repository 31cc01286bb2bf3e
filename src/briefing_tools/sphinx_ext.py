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


def _regenerate(app: Any) -> None:
    if not app.config.briefing_regenerate:
        return
    from briefing_tools.pipeline import Options, generate

    project = Path(app.confdir).parent
    generate(Options(project=project))


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("briefing_regenerate", False, "env")
    app.connect("builder-inited", _regenerate)
    app.connect("doctree-resolved", _print_badges)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}
