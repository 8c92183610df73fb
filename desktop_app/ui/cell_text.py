"""A cell's text on one line, its line breaks shown: what follows a break is not hidden by a one-line row.

A partner's cell may hold a line break (Alt+Enter in Excel: 'ABU SHANAB' then 'HUDA', a note on two lines);
a table's row is one line high, so Qt showed the first line only and the officer deciding never saw the
rest. Tables show each line joined by `LINE_MARK` and give the lines, one under another, as the tooltip;
what is stored stays as typed. Usage, in a model's data():

    if role == Qt.ItemDataRole.DisplayRole:
        return on_one_line(text)
    if role == Qt.ItemDataRole.ToolTipRole and has_lines(text):
        return plain_tip(text)
"""

from __future__ import annotations

LINE_MARK = " ↵ "  # U+21B5, in the default fonts of Windows, macOS and Linux


def has_lines(text: str) -> bool:
    """Whether `text` shows on more than one line (a break before its last character, of any kind
    `str.splitlines` knows: '\\n', '\\r\\n', '\\r', U+2028 and the rest)."""
    return len(text.splitlines()) > 1


def on_one_line(text: str) -> str:
    """`text` with its lines joined by `LINE_MARK` ('ABU SHANAB\\nHUDA' -> 'ABU SHANAB ↵ HUDA'); a text of
    one line (a trailing break included, which hides nothing) as it is."""
    lines = text.splitlines()
    return LINE_MARK.join(lines) if len(lines) > 1 else text
