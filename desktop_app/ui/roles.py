"""Custom item-data roles shared by the models and views."""

from __future__ import annotations

from PySide6.QtCore import Qt

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_KEY_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
