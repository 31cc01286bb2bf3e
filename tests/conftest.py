"""Shared fixtures: the real project, its five articles, and scratch copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing_tools.actors import build_gazetteer
from briefing_tools.config import load_topic
from briefing_tools.extract import extract_source
from briefing_tools.sources import load_sources


@pytest.fixture(autouse=True)
def _composition_forgotten_after_each_test():
    """Composition remembers its last answers per knowledge base; a test that patches how
    pages are composed must not leave its answers to the next test."""
    yield
    from briefing_tools import compose

    compose.forget()

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def topic():
    return load_topic(ROOT)


@pytest.fixture(scope="session")
def gazetteer(topic):
    return build_gazetteer(topic)


@pytest.fixture(scope="session")
def seed_sources():
    return {s.id: s for s in load_sources(ROOT)}


@pytest.fixture(scope="session")
def extractions(seed_sources, topic, gazetteer):
    return {sid: extract_source(s, topic, gazetteer) for sid, s in seed_sources.items()}


def copy_project(target: Path) -> Path:
    """A scratch briefing project: the real sources, configuration and hand-written docs."""
    for name in ("sources", "docs"):
        shutil.copytree(ROOT / name, target / name,
                        ignore=shutil.ignore_patterns("_build", "briefing"))
    shutil.copy(ROOT / "briefing.yaml", target / "briefing.yaml")
    return target


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")
