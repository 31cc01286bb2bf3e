"""Room a heading asks for in print, so that it never stands alone at the foot of a page.

LaTeX sees one heading at a time: the preamble asks for a fixed room before each (sphinx_conf.py,
`\\Needspace`). That is not enough when what follows the heading cannot be cut early: a long
table whose first row is tall (longtable then starts the table on the next page and leaves the
heading behind), or a chapter whose opening is a line or two before its first section (the
section's heading moves on, and the chapter's heading and opening stay behind). Here the
room is estimated from the text, in lines of body text, and asked for before the heading.
Estimates only: a few lines too many move a heading to the next page a little early."""

from __future__ import annotations

from docutils import nodes

LINE_CHARS = 110  # characters in a full line of body text: A4, 1.8 cm margins, 10pt FreeSerif
ITEM_INDENT_CHARS = 4  # a list item's bullet and indent
CELL_PADDING_CHARS = 3  # a table cell's padding and rule
HEADING_LINES = 3  # a heading with the space above and below it
TABLE_START_LINES = 3  # a long table's caption, rules and "continues on next page"
# An opening at most this long moves with the start of the first section under it; a longer
# one can be cut after this many lines.
SHORT_OPENING_LINES = 4
# What sphinx_conf.py asks before every section already: asking for less changes nothing.
PREAMBLE_ROOM_LINES = 8


def _lines(text: str, width: int) -> int:
    return max(1, -(-len(text) // max(8, width)))


def _row_lines(row: nodes.row, shares: list[float]) -> int:
    """Lines the tallest cell of a table row takes in print."""
    entries = [c for c in row.children if isinstance(c, nodes.entry)]
    return max((sum(_lines(p.astext(), int(share * LINE_CHARS) - CELL_PADDING_CHARS)
                    for p in entry.children) or 1
                for entry, share in zip(entries, shares, strict=False)), default=1)


def table_start_lines(table: nodes.table) -> int:
    """Lines a long table needs on its first page: caption, head and first row."""
    lines = TABLE_START_LINES
    group = next(iter(table.findall(nodes.tgroup)), None)
    if group is None:
        return lines
    widths = [float(c.get("colwidth", 1)) for c in group.findall(nodes.colspec)]
    shares = [w / sum(widths) for w in widths] if sum(widths) > 0 else []
    for part in (nodes.thead, nodes.tbody):
        block = next(iter(group.findall(part)), None)
        first = next(iter(block.findall(nodes.row)), None) if block is not None else None
        if first is not None:
            lines += _row_lines(first, shares)
    return lines


def _is_long_table(node: nodes.Node) -> bool:
    return isinstance(node, nodes.table) and "longtable" in node.get("classes", [])


def _body_lines(node: nodes.Element) -> int:
    if _is_long_table(node):
        return table_start_lines(node)
    if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        return sum(_lines(item.astext(), LINE_CHARS - ITEM_INDENT_CHARS)
                   for item in node.children)
    return _lines(node.astext(), LINE_CHARS)


def opening_lines(section: nodes.section) -> int:
    """Lines from a section's heading to the first place a page may end after it."""
    body: list[nodes.Element] = []
    first_section = None
    for child in section.children[1:]:
        if isinstance(child, nodes.section):
            first_section = child
            break
        if isinstance(child, nodes.Element) and not isinstance(child, nodes.target) \
                and child.tagname != "tabular_col_spec":
            body.append(child)
    if body and _is_long_table(body[0]):
        return HEADING_LINES + table_start_lines(body[0])
    text = sum(_body_lines(node) for node in body)
    if first_section is None or text > SHORT_OPENING_LINES:
        return HEADING_LINES + min(text, SHORT_OPENING_LINES + 1)
    return HEADING_LINES + text + opening_lines(first_section)


def keep_headings_with_their_start(doctree: nodes.document) -> None:
    """Before each heading whose start needs more room than the preamble asks, ask for it
    (LaTeX: `\\Needspace`, when the preamble loads it)."""
    for section in list(doctree.findall(nodes.section)):
        lines = opening_lines(section)
        if lines <= PREAMBLE_ROOM_LINES or section.parent is None:
            continue
        room = nodes.raw("", rf"\ifdefined\Needspace\Needspace{{{lines}\baselineskip}}\fi",
                         format="latex")
        section.parent.insert(section.parent.index(section), room)
