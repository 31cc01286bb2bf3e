"""Check the corpus against its contract (README.md): every gold file well formed, every excerpt
and quotation verbatim in its source, every side known to the topic's configuration.

    python tests/corpus/validate.py [TOPIC_DIR ...]      (default: every topic)

Prints one line per problem and exits 1 when there is any."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from briefing_tools.config import slug
from briefing_tools.errors import BriefingError
from briefing_tools.sources import parse_source

CORPUS = Path(__file__).resolve().parent
REPO = CORPUS.parent.parent
SPLITS = {"dev", "test", "seed"}
PRECISIONS = {"day": 10, "week": 10, "month": 7, "year": 4}
ROLES = {"mediator", "facilitator", "host", "observer", "guarantor", "other"}
KINDS = {"direct", "reported"}


def fold(text: str) -> str:
    """Whitespace folded, so that a hard-wrapped line break compares as a space."""
    return re.sub(r"\s+", " ", text).strip()


def topic_dirs() -> list[tuple[Path, Path]]:
    """(project folder, gold folder) for every topic, the seeds included."""
    pairs = [(REPO, CORPUS / "seeds" / "gold")]
    pairs += [(d, d / "gold") for d in sorted(CORPUS.iterdir())
              if d.is_dir() and (d / "briefing.yaml").exists()]
    return pairs


def body_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    parts = text.split("\n---\n", 1) if text.startswith("---\n") else ["", text]
    return parts[1] if len(parts) == 2 else text


def validate_topic(project: Path, gold_dir: Path) -> list[str]:
    problems: list[str] = []
    config = yaml.safe_load((project / "briefing.yaml").read_text(encoding="utf-8"))
    sides = {s["id"] for key in ("parties", "mediators", "third_parties")
             for s in config.get(key) or []}
    actors = {slug(a["name"]) for a in config.get("actors") or []}
    for gold_path in sorted(gold_dir.glob("*.yaml")) if gold_dir.exists() else []:
        where = gold_path.relative_to(REPO)
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        source = project / "sources" / f"{gold.get('source')}.md"
        if gold.get("source") != gold_path.stem or not source.exists():
            problems.append(f"{where}: source '{gold.get('source')}' is not {gold_path.stem}.md "
                            f"in {project.relative_to(REPO) if project != REPO else '.'}/sources")
            continue
        try:  # the source must load as a user's would: front matter and all
            parse_source(source.read_bytes(), str(source.relative_to(REPO)))
        except BriefingError as error:
            problems.append(f"{where}: its source does not load: {error}")
        body = fold(body_of(source))
        if gold.get("split") not in SPLITS:
            problems.append(f"{where}: split must be one of {sorted(SPLITS)}")
        for i, h in enumerate(gold.get("happenings") or [], 1):
            what = f"{where}: happening {i}"
            precision, value = h.get("precision"), str(h.get("date"))
            if precision not in PRECISIONS:
                problems.append(f"{what}: precision '{precision}' not in {sorted(PRECISIONS)}")
            elif len(value) != PRECISIONS[precision] or not re.fullmatch(
                    r"\d{4}(-\d{2}(-\d{2})?)?", value):
                problems.append(f"{what}: date '{value}' does not fit precision {precision}")
            if not isinstance(h.get("planned", False), bool):
                problems.append(f"{what}: planned must be true or false")
            for key in ("cue", "excerpt"):
                if not h.get(key) or fold(str(h[key])) not in body:
                    problems.append(f"{what}: {key} {h.get(key)!r} is not verbatim in the source")
        for i, s in enumerate(gold.get("statements") or [], 1):
            what = f"{where}: statement {i}"
            if s.get("kind") not in KINDS:
                problems.append(f"{what}: kind must be direct or reported")
            if s.get("side") is not None and s["side"] not in sides:
                problems.append(f"{what}: side '{s['side']}' is not a party or third party")
            if s.get("actor") is not None and s["actor"] not in actors:
                problems.append(f"{what}: actor '{s['actor']}' is not an actor id of briefing.yaml")
            if not s.get("speaker"):
                problems.append(f"{what}: no speaker")
            for key in ("excerpt", "quote"):
                if key == "quote" and s.get("kind") != "direct":
                    continue
                if not s.get(key) or fold(str(s[key])) not in body:
                    problems.append(f"{what}: {key} {s.get(key)!r} is not verbatim in the source")
        for t in gold.get("third_parties") or []:
            if t.get("role") not in ROLES:
                problems.append(f"{where}: third party {t.get('id')}: role not in {sorted(ROLES)}")
        raw_lines = {line.strip() for line in body_of(source).splitlines()}
        for line in gold.get("furniture") or []:
            if str(line).strip() not in raw_lines:
                problems.append(f"{where}: furniture line {line!r} is not a whole line "
                                "of the source")
    return problems


def main(argv: list[str]) -> int:
    pairs = topic_dirs()
    if argv:
        wanted = {Path(a).resolve() for a in argv}
        pairs = [(p, g) for p, g in pairs if p in wanted]
    problems = [p for project, gold in pairs for p in validate_topic(project, gold)]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {len(pairs)} topic(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
