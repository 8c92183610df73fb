"""Sizing a field to what it must show: a placeholder is the field's instructions, so it is never cut.

    fit_placeholder(line_edit)        # at least as wide as its placeholder text, in the current language
    fit_columns(table_view, (85, 175))   # those widths, or each column's title's when that is wider
    resize_within_screen(dialog, 1200, 760)   # that size, or the screen's free area when smaller
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

_TEXT_ROOM = 12  # the frame and the text's own margins inside a line edit


def fit_placeholder(*edits: QLineEdit) -> None:
    """Give each line edit a minimum width that shows its whole placeholder (and its clear button)."""
    for edit in edits:
        margins = edit.textMargins()
        width = edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + _TEXT_ROOM
        width += margins.left() + margins.right()
        if edit.isClearButtonEnabled():
            width += edit.sizeHint().height() // 2 + 4
        edit.setMinimumWidth(max(edit.minimumWidth(), width))


def fit_columns(view: QTableView, widths: tuple[int, ...]) -> None:
    """Set the first columns of `view` to `widths`, each widened to show its whole title in the current
    language (Russian "Пересекли границу" needs more than the English "Crossed")."""
    header = view.horizontalHeader()
    for column, width in enumerate(widths[:header.count()]):
        view.setColumnWidth(column, max(width, header.sectionSizeFromContents(column).width()))


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to `width` x `height`, or less where its screen's free area is smaller
    (a 1280x720 laptop leaves about 690 pixels of height below the taskbar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width()), min(height, free.height() - _TITLE_BAR)
    widget.resize(width, height)


_TITLE_BAR = 32  # the window manager's frame above a dialog
