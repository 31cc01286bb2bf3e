"""Red team, size: inputs that made the time grow with the square of their size stay linear."""

from __future__ import annotations

import time
from datetime import date
from types import SimpleNamespace

from briefing_tools.check import check_knowledge
from briefing_tools.model import BackgroundItem, Citation


def test_thousands_of_items_citing_one_400_kb_paragraph_check_in_linear_time():
    paragraph = "Bayramov said the talks would go on. " * 11_000  # about 400 KB
    reports = {"big": SimpleNamespace(
        source=SimpleNamespace(published=date(2023, 6, 1)),
        article=SimpleNamespace(paragraphs=[SimpleNamespace(text=paragraph)]))}
    items = [BackgroundItem(f"bg-{i}", f"Item {i} “the talks would go on”.",
                            (Citation("big", 1, "the talks would go on"),))
             for i in range(3_000)]
    kb = SimpleNamespace(events=[], statements=[], background=items, outlook=[])
    started = time.perf_counter()
    assert check_knowledge(kb, reports, {}) == []
    # Normalising the paragraph once per item took about 15 s here; once in all, well under 1.
    assert time.perf_counter() - started < 5

