"""A cell's text on one line, its line breaks shown: what follows a break is not hidden by a one-line row.

A partner's cell may hold a line break (Alt+Enter in Excel: 'ABU SHANAB' then 'HUDA', a note on two lines);
a table's row is one line high, so Qt showed the first line only and the officer deciding never saw the
rest. Tables show each line joined by `LINE_MARK` and give the lines, one under another, as the tooltip;
what is stored stays as typed. Usage, in a model's data():

    if role == Qt.ItemDataRole.DisplayRole:
        return on_one_line(text)
    if role == Qt.ItemDataRole.ToolTipRole and has_lines(text):
        return plain_tip(one_under_another(text))
    if role == TYPED_TEXT_ROLE:
        return text if has_lines(text) else None

and a table showing such a model is a `LinesTable`, whose Ctrl+C copies the cell as typed, not its shown mark.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QTableView

LINE_MARK = " ↵ "  # U+21B5, in the default fonts of Windows, macOS and Linux
# A cell's text as typed when it shows `on_one_line` otherwise (None for a text of one line): what Ctrl+C copies.
TYPED_TEXT_ROLE = Qt.ItemDataRole.UserRole + 50
# Each line of a text holding right-to-left script (or a direction override) is isolated, FSI ... PDI, as its own
# paragraph it was: joined bare, the lines' words reordered across the mark ('أحمد' then '72 1234567' showed
# '1234567 72 ↵ أحمد'). The characters are invisible.
_FIRST_STRONG_ISOLATE, _POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
_REORDERING = frozenset({"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI"})


def has_lines(text: str) -> bool:
    """Whether `text` shows on more than one line (a break before its last character, of any kind
    `str.splitlines` knows: '\\n', '\\r\\n', '\\r', U+2028 and the rest)."""
    return len(text.splitlines()) > 1


def on_one_line(text: str) -> str:
    """`text` with its lines joined by `LINE_MARK` ('ABU SHANAB\\nHUDA' -> 'ABU SHANAB ↵ HUDA'); a text of
    one line (a trailing break included, which hides nothing) as it is. Lines of a text in right-to-left
    script each read as typed, in the order typed from left to right: each is isolated (FSI ... PDI)."""
    lines = text.splitlines()
    if len(lines) <= 1:
        return text
    if any(unicodedata.bidirectional(character) in _REORDERING for character in text):
        lines = [f"{_FIRST_STRONG_ISOLATE}{line}{_POP_DIRECTIONAL_ISOLATE}" for line in lines]
    return LINE_MARK.join(lines)


def one_under_another(text: str) -> str:
    """`text`'s lines joined by '\\n', the one break a tooltip lays out as a new line: a vertical tab (a line
    break pasted from Word), a form feed, a lone '\\r' or NEL (U+0085) showed its lines run together."""
    return "\n".join(text.splitlines())


class LinesTable(QTableView):
    """A table of cells shown `on_one_line`: Ctrl+C copies the current cell as typed (its model's
    `TYPED_TEXT_ROLE`), not with `LINE_MARK` in it; a cell of one line is copied as Qt copies it.

        view = LinesTable(parent)   # as a QTableView
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            index = self.currentIndex()
            typed = index.data(TYPED_TEXT_ROLE) if index.isValid() else None
            if isinstance(typed, str):
                QGuiApplication.clipboard().setText(typed)
                event.accept()
                return
        super().keyPressEvent(event)
