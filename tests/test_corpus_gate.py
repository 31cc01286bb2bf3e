"""The quality gate: extraction scored on the annotated corpus must stay at or above the floors
in tests/corpus/floors.yaml (pooled per split). Lowering a floor is a visible commit with a
reason."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).parent / "corpus"
FLOORS = yaml.safe_load((CORPUS / "floors.yaml").read_text(encoding="utf-8"))


def _load(name: str):
    if f"corpus_{name}" in sys.modules:
        return sys.modules[f"corpus_{name}"]
    spec = importlib.util.spec_from_file_location(f"corpus_{name}", CORPUS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results():
    return _load("evaluate").evaluate(with_baseline=False)


def test_every_gold_file_keeps_the_contract():
    validate = _load("validate")
    problems = [p for project, gold in validate.topic_dirs()
                for p in validate.validate_topic(project, gold)]
    assert not problems, "\n".join(problems)


def test_the_corpus_is_what_the_readme_promises():
    evaluate = _load("evaluate")
    named = [name for name, _, _ in evaluate.topics() if name != "seeds"]
    articles = [p for name in named for p in (CORPUS / name / "gold").glob("*.yaml")]
    splits = [yaml.safe_load(p.read_text(encoding="utf-8"))["split"] for p in articles]
    assert len(named) >= FLOORS["corpus"]["topics"]
    assert len(articles) >= FLOORS["corpus"]["articles"]
    assert set(splits) <= {"dev", "test"}
    assert 0.55 <= splits.count("dev") / len(splits) <= 0.75, "about two thirds dev"


@pytest.mark.parametrize("split", ["dev", "test", "seed"])
def test_figures_stay_at_or_above_their_floors(results, split):
    figures = results["splits"][split]
    below = {name: (figures[name], floor) for name, floor in FLOORS["floors"][split].items()
             if figures[name] is None or figures[name] < floor}
    above = {name: (figures[name], ceiling) for name, ceiling in
             FLOORS["ceilings"][split].items() if figures[name] > ceiling}
    assert not below, f"{split}: below the floor (figure, floor): {below}"
    assert not above, f"{split}: above the ceiling (figure, ceiling): {above}"
