"""Draw the chronology as a timeline figure: SVG for the web, PDF for print, both vector.

Drawn with matplotlib rather than a timeline extension: those parse event text as markup or need
the network. The figure carries dates, marks and the numbers of the key events (no article text;
the page lists what each number stands for), so nothing untrusted reaches matplotlib's text.
"""

from __future__ import annotations

import heapq
import io
from datetime import date

from briefing_tools.model import Event

FIGURE_WIDTH_IN = 7.2  # fits A4 text width
# A phone shows the figure about 3.5 in wide: the narrow drawing keeps its text at print size.
NARROW_WIDTH_IN = 3.6
ROW_HEIGHT_IN = 0.18
# Numbered on the figure and listed under it: the events most sources report.
KEY_EVENTS_MAX = 6


def _span(event: Event) -> tuple[float, float]:
    """The event's extent in fractional years."""
    parts = [int(p) for p in event.date.split("-")]
    year = parts[0]
    if event.precision == "year":
        return year, year + 1
    month = parts[1]
    if event.precision == "month":
        start = year + (month - 1) / 12
        return start, start + 1 / 12
    day = date(*parts)
    start = year + (day.timetuple().tm_yday - 1) / 365.25
    width = 7 / 365.25 if event.precision == "week" else 1 / 365.25
    return start, start + width


def focus(events: list[Event]) -> tuple[list[Event], list[Event]]:
    """(drawn, left out): the figure covers the years the dated news covers; history dated
    only to a year (1991, say) would squeeze decades of axis around a few recent months."""
    precise = [e for e in events if e.precision != "year"]
    if not precise:
        return events, []
    start = min(e.date[:4] for e in precise)
    return ([e for e in events if e.date[:4] >= start],
            [e for e in events if e.date[:4] < start])


def key_events(events: list[Event]) -> list[Event]:
    """The events the figure numbers, oldest first: the most salient (told by the most sources,
    naming the parties, recent), the latest first among equals, no two so close in time that
    their numbers would collide."""
    dated = [e for e in events if e.precision != "year"]
    if not dated:
        return []
    starts = {e.id: _span(e)[0] for e in dated}
    gap = (max(starts.values()) - min(starts.values())) / (KEY_EVENTS_MAX * 2)
    chosen: list[Event] = []
    for event in sorted(dated, key=lambda e: (-e.salience, -len({c.source for c in e.citations}),
                                              -starts[e.id], e.id)):
        if all(abs(starts[event.id] - starts[c.id]) > gap for c in chosen):
            chosen.append(event)
        if len(chosen) == KEY_EVENTS_MAX:
            break
    return sorted(chosen, key=lambda e: (e.date, e.id))


def draw_timeline(events: list[Event], keys: list[Event] | None = None) -> dict[str, bytes]:
    """{'svg': ..., 'pdf': ..., 'narrow.svg': ...}, byte-identical for the same events; key
    events carry their number (1, 2, …) beside their mark."""
    result = _draw(events, keys or [], FIGURE_WIDTH_IN, ("svg", "pdf"))
    result["narrow.svg"] = _draw(events, keys or [], NARROW_WIDTH_IN, ("svg",))["svg"]
    return result


def _draw(events: list[Event], keys: list[Event], width: float,
          formats: tuple[str, ...]) -> dict[str, bytes]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    matplotlib.rcParams.update({
        "svg.hashsalt": "briefing-tools", "svg.fonttype": "path", "pdf.fonttype": 42,
        "font.family": "DejaVu Sans", "font.size": 8, "text.parse_math": False,
    })
    numbers = {e.id: i for i, e in enumerate(keys, start=1)}
    spans = sorted((_span(e), e.planned, e.precision, numbers.get(e.id, 0)) for e in events)
    first = int(min(s[0][0] for s in spans)) if spans else 2000
    last = int(max(s[0][1] for s in spans)) + 1 if spans else 2001
    # Stack marks into rows so that none overlap (greedy interval packing: the lowest row that
    # is free). Starts only grow, so a row once free stays free until used: two heaps keep this
    # O(n log n) where a scan of every row was quadratic when thousands of events share a day.
    busy: list[tuple[float, int]] = []  # (end, row)
    free: list[int] = []
    rows = 0
    placed = []
    min_gap = (last - first) / 120
    for (start, end), planned, precision, number in spans:
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            row = heapq.heappop(free)
        else:
            row, rows = rows, rows + 1
        heapq.heappush(busy, (max(end, start + min_gap), row))
        placed.append((start, end, row, planned, precision, number))
    rows = max(1, rows)
    height = min(6.0, 1.0 + rows * ROW_HEIGHT_IN)
    fig, ax = plt.subplots(figsize=(width, height + (0.3 if keys else 0)))
    # A few artists for all marks, not one per event: a year of news has thousands.
    points = [(start, row, planned) for start, _, row, planned, precision, _ in placed
              if precision in ("day", "week")]
    for planned in (False, True):
        chosen = [(x, y) for x, y, p in points if p is planned]
        if chosen:
            ax.scatter([x for x, _ in chosen], [y for _, y in chosen], s=22, zorder=3,
                       facecolors="white" if planned else "black", edgecolors="black",
                       linewidths=0.8)
    for planned in (False, True):
        segments = [[(start, row), (end, row)] for start, end, row, p, precision, _ in placed
                    if precision not in ("day", "week") and p is planned]
        if segments:
            ax.add_collection(LineCollection(segments, colors="black", linewidths=3,
                                             linestyles=(0, (1, 1)) if planned else "solid",
                                             capstyle="butt"))
    # Key events: their number in a white box above the mark, legible in black and white.
    for start, _, row, _, _, number in placed:
        if number:
            ax.annotate(str(number), (start, row), xytext=(0, 7), textcoords="offset points",
                        ha="center", va="bottom", fontsize=8, fontweight="bold", zorder=4,
                        bbox={"boxstyle": "circle,pad=0.15", "facecolor": "white",
                              "edgecolor": "black", "linewidth": 0.6})
    ax.set_xlim(first, last)
    ax.set_ylim(-1, rows + (0.8 if keys else 0))
    ax.set_yticks([])
    step = max(1, (last - first) // (12 if width >= FIGURE_WIDTH_IN else 5))
    ax.set_xticks(range(first, last + 1, step))
    ax.set_xticklabels([str(y) for y in range(first, last + 1, step)])
    if last - first <= 6:  # quarters, so that months can be read off the axis
        ax.set_xticks([y + q / 4 for y in range(first, last) for q in (1, 2, 3)], minor=True)
        ax.grid(axis="x", which="minor", color="0.9", linewidth=0.4)
    ax.grid(axis="x", which="major", color="0.6", linewidth=0.6)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    result = {}
    for fmt, metadata in (("svg", {"Date": None, "Creator": None}),
                          ("pdf", {"CreationDate": None, "ModDate": None, "Creator": None,
                                   "Producer": None})):
        if fmt not in formats:
            continue
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata=metadata)
        result[fmt] = buffer.getvalue()
    plt.close(fig)
    return result
