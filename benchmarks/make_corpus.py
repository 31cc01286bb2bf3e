"""Write N distinct, realistic articles into a separate benchmark project (never into sources/).

Usage: python benchmarks/make_corpus.py N OUTPUT_DIR

The articles recombine the seed articles' paragraphs (dates, actors, quotations and page furniture
included) under shifted publication dates, so every one is dated, attributed and different, and
the extraction meets the same kinds of sentence as in real use. The first five are the seeds.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from datetime import timedelta
from pathlib import Path

import yaml

from briefing_tools.clean import clean
from briefing_tools.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent
FURNITURE = ["See also  Markets close higher on strong earnings", "Related Articles",
             "This website uses cookies to improve your experience. Accept Read More",
             "Leave a Comment"]
OUTLETS = ["Caucasus Wire", "Regional Monitor", "Daily Dispatch", "Policy Review",
           "Evening Bulletin", "News Agency Service"]
HAND_WRITTEN = {
    "introduction.md": "# About this briefing\n\nA benchmark corpus built from the seed "
                       "articles.\n",
    "editors-notes.md": "# Editors’ notes\n\nNone for the benchmark corpus.\n",
}


def make_corpus(count: int, output: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    seeds = load_sources(ROOT)
    paragraphs = [(s, p.text) for s in seeds for p in clean(s).paragraphs if not p.is_heading]
    if output.exists():
        shutil.rmtree(output)
    (output / "sources").mkdir(parents=True)
    shutil.copy(ROOT / "briefing.yaml", output / "briefing.yaml")
    shutil.copytree(ROOT / "docs", output / "docs",
                    ignore=shutil.ignore_patterns("_build", "briefing", "manual"))
    for name, text in HAND_WRITTEN.items():
        (output / "docs" / name).write_text(text, encoding="utf-8")
    for source in seeds[: min(count, len(seeds))]:
        shutil.copy(ROOT / source.path, output / "sources" / Path(source.path).name)
    for i in range(len(seeds), count):
        base = rng.choice(seeds)
        weeks = rng.randint(-150, 0)
        published = base.published + timedelta(weeks=weeks)
        shift_years = published.year - base.published.year
        chosen = rng.sample(paragraphs, rng.randint(5, 10))
        body = []
        for source, text in chosen:
            if source.published.year > 2018:  # move recent years with the article, not history
                text = re.sub(r"\b(20[12]\d)\b",
                              lambda m, shift=shift_years: str(int(m.group(1)) + shift), text)
            body.append(text)
            if rng.random() < 0.15:
                body.append(rng.choice(FURNITURE))
        body.insert(rng.randint(1, len(body)), f"“Round {i} of the talks will not be the "
                    f"last,” Armenian Foreign Minister Ararat Mirzoyan said on Monday.")
        front = {"title": f"Peace talks report {i}", "outlet": rng.choice(OUTLETS),
                 "url": f"https://example.org/report-{i}", "published": published,
                 "published_certain": True, "language": "en", "notes": []}
        text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n"
        (output / "sources" / f"report-{i:05d}.md").write_text(text + "\n\n".join(body) + "\n",
                                                               encoding="utf-8")
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many articles")
    parser.add_argument("output", type=Path, help="project folder to create (replaced)")
    args = parser.parse_args()
    make_corpus(args.count, args.output)


if __name__ == "__main__":
    main()
