"""Score what a reader gets — the knowledge base's chronology items, statements and third parties,
as `briefing export` writes them — against the hand-annotated gold of the corpus (README.md).

    python tests/corpus/evaluate.py [--json PATH] [--details]

Prints a Markdown table per split (dev, test, seed) and per topic, and writes the figures as JSON.
A `dateparser.search_dates` pass over the same sentences stands beside the dates as a baseline.

How an item is matched to the gold (see README.md for what the gold holds):
- a chronology item is one *claim* per citation: (source, cited sentence, date, precision,
  planned). A claim is *located* on a gold happening of that source when the gold excerpt stands in
  the cited sentence; it is *right* when the date and precision are the gold's too. Recall counts
  gold happenings with a right claim; precision counts right claims among all claims of the
  annotated sources (a furniture date, or a second claim on a sentence, counts against it).
- a statement is located on a gold statement when the gold excerpt stands in its cited sentence,
  or its quotation lies inside the gold quotation; it is right when speaker and side agree.
- third parties: the (source, third party) pairs that the knowledge base cites.
- furniture: gold furniture lines that cleaning removed; body lines removed by mistake (a removed
  dateline is furniture by convention, though gold lists whole lines only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

from briefing_tools.pipeline import Options, knowledge_base
from briefing_tools.segment import split_sentences

CORPUS = Path(__file__).resolve().parent
REPO = CORPUS.parent.parent
RESULTS = CORPUS / "results.json"
SPLITS = ("dev", "test", "seed")
QUOTE_MARKS = "“”\"‘’«»"


def fold(text: str) -> str:
    """Whitespace folded and quotation marks unified, so wrapping and curly quotes never decide."""
    text = re.sub(r"[“”«»]", '"', text)
    text = re.sub(r"[‘’]", "'", text)
    return re.sub(r"\s+", " ", text).strip()


def strip_marks(text: str) -> str:
    return fold(text).strip(" \"'.,;:")


def topics() -> list[tuple[str, Path, Path]]:
    """(name, project folder, gold folder): the seeds first, then every corpus topic."""
    found = [("seeds", REPO, CORPUS / "seeds" / "gold")]
    found += [(d.name, d, d / "gold") for d in sorted(CORPUS.iterdir())
              if d.is_dir() and (d / "briefing.yaml").exists() and (d / "gold").is_dir()]
    return found


@dataclass
class Tally:
    """Counts for one bucket (a topic's split); figures are ratios of pooled counts."""

    gold_events: int = 0
    events_found: int = 0  # gold happenings with a right claim
    claims: int = 0
    claims_right: int = 0
    claims_wrong_date: int = 0  # located on a gold happening, wrong date or precision
    gold_planned: int = 0
    planned_marked: int = 0
    baseline_found: int = 0
    gold_statements: int = 0
    statements_found: int = 0
    kb_statements: int = 0
    kb_statements_right: int = 0
    gold_direct: int = 0
    quotes_whole: int = 0
    unbalanced: int = 0
    gold_third: int = 0
    third_found: int = 0
    kb_third: int = 0
    kb_third_right: int = 0
    gold_furniture: int = 0
    furniture_removed: int = 0
    body_removed: int = 0
    articles: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
            else:
                getattr(self, name).extend(value)

    def figures(self) -> dict[str, float | int | None]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "articles": self.articles,
            "event_recall": ratio(self.events_found, self.gold_events),
            "event_precision": ratio(self.claims_right, self.claims),
            "planned_marked": ratio(self.planned_marked, self.gold_planned),
            "baseline_date_recall": ratio(self.baseline_found, self.gold_events),
            "statement_recall": ratio(self.statements_found, self.gold_statements),
            "statement_precision": ratio(self.kb_statements_right, self.kb_statements),
            "quotes_whole": ratio(self.quotes_whole, self.gold_direct),
            "unbalanced_quotes": self.unbalanced,
            "third_party_recall": ratio(self.third_found, self.gold_third),
            "third_party_precision": ratio(self.kb_third_right, self.kb_third),
            "furniture_recall": ratio(self.furniture_removed, self.gold_furniture),
            "body_lines_removed": self.body_removed,
            "gold_events": self.gold_events, "claims": self.claims,
            "gold_statements": self.gold_statements, "kb_statements": self.kb_statements,
        }


def date_matches(found: date, value: str, precision: str) -> bool:
    """Whether a full date a baseline found falls on the gold date at the gold precision."""
    if precision == "day":
        return found.isoformat() == value
    if precision == "week":
        monday = date.fromisoformat(value)
        return monday <= found < monday + timedelta(days=7)
    return found.isoformat().startswith(value)


def baseline_dates(sentence: str, published: date) -> list[date]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day),
                "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    found = search_dates(sentence, languages=["en"], settings=settings) or []
    return [d.date() for _, d in found]


def balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


_PERSON = re.compile(r"(?:(?:[A-ZÀ-ÖØ-Þ][\w’'.-]+|da|de|dos|del|von|der|van|bin|al)\s+){1,4}"
                     r"[A-ZÀ-ÖØ-Þ][\w’'-]+")
_NOT_PERSON_WORDS = re.compile(r"(?i)\b(ministry|office|government|department|agency|union|"
                               r"council|commission|statement|forces|army|authorities|source|"
                               r"media|group|party|front|movement|presidency|court|house|"
                               r"programme|program|organi[sz]ation|fund|bank|committee|"
                               r"association|institute|foundation|corporat\w*|broadcasting|"
                               r"news|service|directorate|secretariat|delegation|embassy|"
                               r"mission|cabinet|parliament|assembly)\b")


def person_like(name: str) -> bool:
    """A person's name ("Jane Roe", "Luiz Inácio Lula da Silva"), not an organisation, a group
    or a country speaking."""
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    return bool(_PERSON.fullmatch(name)) and not _NOT_PERSON_WORDS.search(name)


def speaker_agrees(gold: dict, kb_statement: dict) -> bool:
    """A person is right only by name (the gazetteer id, or the surname in the words the tool
    credits); an organisation, group or party is right in any wording that is not a person's
    name — its side is compared separately."""
    if gold.get("actor") and kb_statement.get("speaker") == gold["actor"]:
        return True
    said = fold(kb_statement.get("speaker_text") or "").casefold()
    if person_like(gold["speaker"]) or gold.get("actor"):
        words = re.findall(r"[\w'’-]{3,}", gold["speaker"].casefold())
        return bool(said) and bool(words) and words[-1] in said
    return bool(said) and not person_like(kb_statement.get("speaker_text") or "")


def score_source(gold: dict, report, kb: dict, bucket: Tally, with_baseline: bool) -> None:
    sid = gold["source"]
    published = report.source.published
    bucket.articles += 1

    # Chronology items: one claim per citation of this source.
    claims = [(fold(c["excerpt"]), e) for e in kb["events"] for c in e["citations"]
              if c["source"] == sid]
    happenings = gold.get("happenings") or []
    right_claims: set[int] = set()
    for h in happenings:
        bucket.gold_events += 1
        excerpt = fold(h["excerpt"])
        value, precision = str(h["date"]), h["precision"]
        located = [(i, e) for i, (text, e) in enumerate(claims) if excerpt in text]
        right = [(i, e) for i, e in located
                 if e["date"] == value and e["precision"] == precision]
        right_claims.update(i for i, _ in right)
        if right:
            bucket.events_found += 1
        else:
            got = ", ".join(f"{e['date']}/{e['precision']}" for _, e in located) or "nothing"
            bucket.misses.append(f"{sid}: happening {value}/{precision} '{h['cue']}' "
                                 f"[{h['excerpt']}] → {got}")
        if h.get("planned"):
            bucket.gold_planned += 1
            if any(e["planned"] for _, e in right):
                bucket.planned_marked += 1
            elif right:
                bucket.misses.append(f"{sid}: planned happening {value}/{precision} "
                                     f"'{h['cue']}' not marked planned [{h['excerpt']}]")
        if with_baseline:
            sentence = next((s for s in _sentences(report.article) if excerpt in fold(s)),
                            h["excerpt"])
            if any(date_matches(d, value, precision)
                   for d in baseline_dates(sentence, published)):
                bucket.baseline_found += 1
    bucket.claims += len(claims)
    bucket.claims_right += len(right_claims)
    for i, (text, e) in enumerate(claims):
        if i not in right_claims:
            wrong = any(fold(h["excerpt"]) in text for h in happenings)
            bucket.claims_wrong_date += wrong
            bucket.misses.append(f"{sid}: extra chronology claim {e['date']}/{e['precision']}"
                                 f"{' (wrong date)' if wrong else ''}: {text[:90]}")

    # Statements.
    statements = [s for s in kb["statements"] if s["citations"][0]["source"] == sid]
    gold_statements = gold.get("statements") or []

    def located(g: dict, s: dict) -> bool:
        # A statement holds every passage it cites: a quotation printed over two paragraphs
        # is one statement citing both.
        if any(fold(g["excerpt"]) in fold(c["excerpt"]) for c in s["citations"]
               if c["source"] == sid):
            return True
        quote = strip_marks(s.get("quote") or "")
        return bool(g.get("quote")) and len(quote) >= 12 and quote in strip_marks(g["quote"])

    right_statements: set[str] = set()
    for g in gold_statements:
        bucket.gold_statements += 1
        matches = [s for s in statements if located(g, s)]
        good = [s for s in matches if speaker_agrees(g, s) and s.get("side") == g.get("side")]
        right_statements.update(s["id"] for s in good)
        if good:
            bucket.statements_found += 1
        else:
            got = "; ".join(f"{s['speaker_text']} ({s['side']})" for s in matches) or "nothing"
            bucket.misses.append(f"{sid}: statement of {g['speaker']} ({g.get('side')}) "
                                 f"[{g['excerpt']}] → {got}")
        if g.get("kind") == "direct" and g.get("quote"):
            bucket.gold_direct += 1
            whole = strip_marks(g["quote"])
            if any(strip_marks(s.get("quote") or "") == whole for s in good):
                bucket.quotes_whole += 1
            elif good:
                got = strip_marks(good[0].get("quote") or "")
                bucket.misses.append(f"{sid}: quotation of {g['speaker']} not whole "
                                     f"[{whole[:50]}] → [{got[:50]}]")
    bucket.kb_statements += len(statements)
    bucket.kb_statements_right += len(right_statements)
    for s in statements:
        if s["id"] not in right_statements:
            bucket.misses.append(f"{sid}: extra statement by {s['speaker_text']} ({s['side']}): "
                                 f"{fold(s['citations'][0]['excerpt'])[:90]}")
        if not balanced(s["text"]) or (s.get("quote") and not balanced(s["quote"])):
            bucket.unbalanced += 1
            bucket.misses.append(f"{sid}: unbalanced quotation marks: {s['text'][:160]}")

    # Third parties.
    gold_third = {t["id"] for t in gold.get("third_parties") or []}
    cited = {m["id"] for m in kb["mediators"]
             if any(c["source"] == sid for c in _mediator_citations(m))}
    bucket.gold_third += len(gold_third)
    bucket.third_found += len(gold_third & cited)
    bucket.kb_third += len(cited)
    bucket.kb_third_right += len(cited & gold_third)
    for missing in sorted(gold_third - cited):
        bucket.misses.append(f"{sid}: third party {missing} not shown")
    for extra in sorted(cited - gold_third):
        bucket.misses.append(f"{sid}: third party {extra} shown but not in the gold")

    # Furniture.
    kept = {fold(line) for p in report.article.paragraphs for line in p.text.splitlines()}
    kept |= {fold(p.text) for p in report.article.paragraphs}
    furniture = {fold(line) for line in gold.get("furniture") or []}
    bucket.gold_furniture += len(furniture)
    bucket.furniture_removed += len(furniture - kept)
    for line in sorted(furniture & kept):
        bucket.misses.append(f"{sid}: furniture kept: {line[:90]}")
    # Gold lists whole lines only. What cleaning cut from a line it kept the rest of (a dateline
    # at the head of the lede, a page's timestamp glued after a sentence) cannot be scored
    # against it: only removed whole lines can be body lost.
    whole_lines = {fold(line) for line in report.source.raw_text.splitlines()}
    removed = {fold(r.text) for r in report.article.removed} & whole_lines
    body = removed - furniture
    bucket.body_removed += len(body)
    for line in sorted(body):
        bucket.misses.append(f"{sid}: body line removed as furniture: {line[:90]}")


def _sentences(article) -> list[str]:
    return [p.text[a:b] for p in article.paragraphs for a, b in split_sentences(p.text)]


def _mediator_citations(mediator: dict) -> list[dict]:
    return (list(mediator["citations"]) + [c for a in mediator["activities"]
                                           for c in a["citations"]]
            + [c for r in mediator.get("regard", []) for c in r["citations"]])


def evaluate(with_baseline: bool = True) -> dict:
    """Every topic scored: {"splits": {split: figures}, "topics": {topic: {split: figures}},
    "misses": {topic: [...]}, "seconds": float}."""
    started = time.perf_counter()
    per_topic: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for name, project, gold_dir in topics():
        _, kb_object, _ = knowledge_base(Options(project=project, use_cache=False))
        kb = kb_object.as_dict()
        reports = {r.source.id: r for r in kb_object.sources}
        for path in sorted(gold_dir.glob("*.yaml")):
            gold = yaml.safe_load(path.read_text(encoding="utf-8"))
            score_source(gold, reports[gold["source"]], kb, per_topic[name][gold["split"]],
                         with_baseline)
    pooled: dict[str, Tally] = defaultdict(Tally)
    for buckets in per_topic.values():
        for split, tally in buckets.items():
            pooled[split].add(tally)
    return {
        "splits": {s: pooled[s].figures() for s in SPLITS if s in pooled},
        "topics": {t: {s: b.figures() for s, b in sorted(buckets.items())}
                   for t, buckets in per_topic.items()},
        "misses": {f"{t}/{s}": b.misses for t, buckets in per_topic.items()
                   for s, b in sorted(buckets.items())},
        "seconds": round(time.perf_counter() - started, 1),
    }


COLUMNS = [("event_recall", "events R"), ("event_precision", "events P"),
           ("planned_marked", "planned"), ("baseline_date_recall", "dateparser R"),
           ("statement_recall", "statements R"), ("statement_precision", "statements P"),
           ("quotes_whole", "quotes whole"), ("unbalanced_quotes", "unbalanced"),
           ("third_party_recall", "3rd parties R"), ("third_party_precision", "3rd parties P"),
           ("furniture_recall", "furniture R"), ("body_lines_removed", "body lost")]


def markdown(results: dict) -> str:
    def cell(value) -> str:
        if value is None:
            return "—"
        return f"{value:.0%}" if isinstance(value, float) else str(value)

    head = "| | articles | " + " | ".join(label for _, label in COLUMNS) + " |"
    rule = "|---" * (len(COLUMNS) + 2) + "|"
    lines = ["### Pooled over every topic", "", head, rule]
    for split, figures in results["splits"].items():
        lines.append(f"| **{split}** | {figures['articles']} | "
                     + " | ".join(cell(figures[k]) for k, _ in COLUMNS) + " |")
    lines += ["", "### Per topic", "", head, rule]
    for topic, splits in results["topics"].items():
        for split, figures in splits.items():
            lines.append(f"| {topic} ({split}) | {figures['articles']} | "
                         + " | ".join(cell(figures[k]) for k, _ in COLUMNS) + " |")
    lines += ["", f"Scored in {results['seconds']} s."]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the figures")
    parser.add_argument("--details", action="store_true",
                        help="also list every miss of the dev and seed articles (never test)")
    args = parser.parse_args(argv)
    results = evaluate()
    args.json.write_text(json.dumps({k: v for k, v in results.items() if k != "misses"},
                                    indent=1) + "\n", encoding="utf-8")
    print(markdown(results))
    if args.details:
        for bucket, misses in results["misses"].items():
            if bucket.endswith("/test"):
                continue  # test articles are scored, never read for rules
            print(f"\n#### {bucket}\n" + "\n".join(f"- {m}" for m in misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
