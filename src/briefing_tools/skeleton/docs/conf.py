"""Sphinx configuration for the briefing. Every setting, and why, is in briefing_tools'
sphinx_conf.py, shared by every briefing; topic facts come from ../briefing.yaml and sources/.
Settings of this briefing's own go below the call."""

from pathlib import Path

from briefing_tools.sphinx_conf import settings

globals().update(settings(Path(__file__).resolve().parent.parent, tags))  # noqa: F821
