"""Right-to-left text inside left-to-right forms: a field follows the script of what it holds.

An Arabic name typed into a form laid out left to right must still read right to left and
sit against the right edge; a Latin or Cyrillic one stays on the left. The direction is
taken from the first strong character (Unicode bidi class L, R or AL), as browsers do for
`dir="auto"`.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit


def direction_of(text: str) -> Qt.LayoutDirection:
    """RightToLeft when the first strong character is Arabic or Hebrew, else LeftToRight."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
    return Qt.LayoutDirection.LeftToRight


def _apply(line: QLineEdit, text: str) -> None:
    direction = direction_of(text)
    if line.layoutDirection() != direction:
        line.setLayoutDirection(direction)
        # With a right-to-left layout, AlignLeft means the right edge (Qt mirrors it).
        line.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def follow_text_direction(line: QLineEdit) -> None:
    """Keep `line`'s direction matched to its content as it is typed or set."""
    _apply(line, line.text())
    line.textChanged.connect(lambda text: _apply(line, text))
