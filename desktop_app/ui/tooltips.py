"""Tooltips made from a partner's or a person's text, shown word for word.

Qt shows a tooltip as rich text when `Qt.mightBeRichText` finds a tag in it, so a cell holding
'IVANOVA ANNA<!-- x -->' or '<b>…</b>' showed other words than the cell. Usage, in a model's data():

    if role == Qt.ItemDataRole.ToolTipRole:
        return plain_tip(text)
"""

from __future__ import annotations

from PySide6.QtGui import Qt as QtText


def plain_tip(text: str) -> str:
    """`text` as a tooltip shows it, word for word: escaped (`Qt.convertFromPlainText`) when Qt would read it
    as rich text, else as it is."""
    return QtText.convertFromPlainText(text) if QtText.mightBeRichText(text) else text
