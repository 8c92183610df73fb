"""Shortcuts named in text the way this system writes them ("Ctrl+F" is "⌘F" on macOS).

Hints and help texts are translated with the shortcut written in Qt's portable form; what the
officer sees is the system's own:

    hint = native_keys(self.tr("Search: name, case ref or passport  (Ctrl+F)"))
"""

from __future__ import annotations

import re

from PySide6.QtGui import QKeySequence

# A modifier chain ending in a key name: Ctrl+F, Ctrl+Shift+E, Ctrl+PgDown, Alt+Return, Ctrl+1.
_SHORTCUT = re.compile(r"\b(?:(?:Ctrl|Shift|Alt|Meta)\+)+(?:F\d{1,2}\b|[A-Za-z]+|\d|[,.\-=])")


def native(portable: str) -> str:
    """One shortcut in Qt's portable form ("Ctrl+F") as this system writes it."""
    return QKeySequence(portable).toString(QKeySequence.SequenceFormat.NativeText) or portable


def native_keys(text: str) -> str:
    """`text` with every shortcut written in the portable form rewritten as this system writes it."""
    return _SHORTCUT.sub(lambda match: native(match.group(0)), text)
