"""`review`: the draft items in a terminal table and a CSV, and what changed since last time."""

from __future__ import annotations

import contextlib
import csv
import json
import shutil
import sys
from pathlib import Path

from briefing_tools.editorial import SNAPSHOT_FILE, item_pages
from briefing_tools.errors import printable
from briefing_tools.escape import spreadsheet_cell


def rows(kb) -> list[dict[str, str]]:
    result = []
    for page, items in item_pages(kb):
        for item in items:
            result.append({
                "id": item.id, "page": page, "date": getattr(item, "date", "") or "",
                "source": "; ".join(f"{c.source} ¶{c.paragraph}" for c in item.citations),
                "text": item.text})
    return result


def review(options, page: str | None, source: str | None, csv_path: str | None,
           since_last: bool) -> int:
    """Print the draft items; with ``since_last``, what is new and gone since the last build."""
    from briefing_tools.pipeline import knowledge_base

    _, kb, _ = knowledge_base(options)
    items = [r for r in rows(kb) if (not page or r["page"] == page)
             and (not source or any(s.startswith(source + " ") for s in r["source"].split("; ")))]
    width = shutil.get_terminal_size((120, 20)).columns
    text_width = max(30, width - 14 - 12 - 34 - 6)
    print(f"{'id':<14} {'date':<11} {'source':<33} text")
    for r in items:  # article text may hold terminal escapes: shown, never obeyed
        print(f"{r['id']:<14} {r['date'][:10]:<11} {r['source'][:33]:<33} "
              f"{printable(r['text'][:text_width])}")
    if csv_path:
        with open(csv_path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=["id", "page", "date", "source", "text"])
            writer.writeheader()
            writer.writerows({key: spreadsheet_cell(value) for key, value in item.items()}
                             for item in items)
        print(f"wrote {len(items)} items to {csv_path}", file=sys.stderr)
    snapshot_path = Path(options.project) / SNAPSHOT_FILE
    current = {r["id"]: r["text"] for r in rows(kb)}
    previous = None
    if since_last and snapshot_path.exists():
        # A damaged record of the last build only loses the comparison.
        with contextlib.suppress(ValueError, AttributeError):
            previous = dict(json.loads(snapshot_path.read_text(encoding="utf-8")).get("items", {}))
    if previous is not None:
        new = sorted(set(current) - set(previous))
        gone = sorted(set(previous) - set(current))
        print(f"\nsince the last build: {len(new)} new, {len(gone)} disappeared")
        for i in new:
            print(f"  + {i}  {printable(current[i][:90])}")
        for i in gone:
            print(f"  - {i}  {printable(str(previous[i])[:90])}")
    return 0
