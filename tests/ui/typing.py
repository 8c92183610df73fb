"""Typing any script into a widget: QTest's keyClicks asserts on characters outside ASCII,
so Cyrillic and Arabic go in as real key events that carry their text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for char in text:
        key = Qt.Key.Key_unknown if not char.isascii() else Qt.Key(ord(char.upper()))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def answer_next_message_box(replies: list[str], button: object | None = None) -> None:
    """When the next modal message box opens (during this test), record its text and press its default button."""
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.polling import keep_looking

    def close() -> bool:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return False
        replies.append(box.text())
        target = box.button(button) if button is not None else box.defaultButton()  # type: ignore[arg-type]
        (target or box.buttons()[0]).click()
        return True

    keep_looking(close)
