"""Draw the chronology as a timeline figure: SVG for the web, PDF for print, both vector.

Drawn with matplotlib rather than a timeline extension: those parse event text as markup or need
the network. The figure carries dates and marks only (no article text), so nothing untrusted is
ever interpreted by matplotlib's mathtext.
"""

from __future__ import annotations

import io
from datetime import date

from briefing_tools.model import Event

FIGURE_WIDTH_IN = 7.2  # fits A4 text width
ROW_HEIGHT_IN = 0.18


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


def draw_timeline(events: list[Event], key_ids: tuple[str, ...] = ()) -> dict[str, bytes]:
    """{'svg': ..., 'pdf': ...}, byte-identical for the same events. The events in ``key_ids``
    are numbered 1, 2, … on the figure (digits only: no article text reaches matplotlib)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    matplotlib.rcParams.update({
        "svg.hashsalt": "briefing-tools", "svg.fonttype": "path", "pdf.fonttype": 42,
        "font.family": "DejaVu Sans", "font.size": 8, "text.parse_math": False,
    })
    numbers = {event_id: n for n, event_id in enumerate(key_ids, start=1)}
    spans = sorted((_span(e), e.planned, e.precision, numbers.get(e.id, 0)) for e in events)
    first = int(min(s[0][0] for s in spans)) if spans else 2000
    last = int(max(s[0][1] for s in spans)) + 1 if spans else 2001
    # Stack marks into rows so that none overlap (greedy interval packing).
    row_ends: list[float] = []
    placed = []
    min_gap = (last - first) / 120
    for (start, end), planned, precision, number in spans:
        visual_end = max(end, start + min_gap)
        row = next((i for i, e in enumerate(row_ends) if e <= start), None)
        if row is None:
            row = len(row_ends)
            row_ends.append(visual_end)
        else:
            row_ends[row] = visual_end
        placed.append((start, end, row, planned, precision, number))
    rows = max(1, len(row_ends))
    height = min(6.0, 1.0 + rows * ROW_HEIGHT_IN)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, height))
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
    for start, _, row, _, _, number in placed:
        if number:
            ax.annotate(str(number), (start, row), xytext=(0, 5), textcoords="offset points",
                        ha="center", va="bottom", fontsize=7, fontweight="bold")
    ax.set_xlim(first, last)
    ax.set_ylim(-1, rows)
    ax.set_yticks([])
    step = max(1, (last - first) // 12)
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
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata=metadata)
        result[fmt] = buffer.getvalue()
    plt.close(fig)
    return result
