"""Write tests/corpus/floors.yaml from the current figures (rounded down to a whole percent).

Run from the project root after an improvement: `python tests/corpus/raise_floors.py "what"`,
then read the diff — a floor that goes down must be argued for in its own commit.
"""

import importlib.util
import math
import sys
from pathlib import Path

RATIOS = ["event_recall", "event_precision", "planned_marked", "statement_recall",
          "statement_precision", "quotes_whole", "third_party_recall", "third_party_precision",
          "furniture_recall"]
COUNTS = ["unbalanced_quotes", "body_lines_removed"]
HEADER = """\
# The quality gate (tests/test_corpus_gate.py): pooled figures per split may not fall below
# these floors, nor counts rise above the ceilings. Lowering a floor or raising a ceiling is
# a visible commit that says why. Written by tests/corpus/raise_floors.py from `make eval`
# on {what}."""


def main(what: str) -> None:
    spec = importlib.util.spec_from_file_location("evaluate", "tests/corpus/evaluate.py")
    evaluate = importlib.util.module_from_spec(spec)
    sys.modules["evaluate"] = evaluate
    spec.loader.exec_module(evaluate)
    report = evaluate.evaluate(with_baseline=False)
    topics = [name for name, _, _ in evaluate.topics() if name != "seeds"]
    articles = sum(len(list((Path("tests/corpus") / name / "gold").glob("*.yaml")))
                   for name in topics)
    lines = [HEADER.format(what=what), "corpus:", f"  topics: {len(topics)}",
             f"  articles: {articles}", "floors:"]
    for split, figures in report["splits"].items():
        lines.append(f"  {split}:")
        lines += [f"    {key}: {math.floor(figures[key] * 100) / 100:.2f}"
                  for key in RATIOS if figures[key] is not None]
    lines.append("ceilings:")
    for split, figures in report["splits"].items():
        lines.append(f"  {split}:")
        lines += [f"    {key}: {figures[key]}" for key in COUNTS]
    Path("tests/corpus/floors.yaml").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "the current main")
