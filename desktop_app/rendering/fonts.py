"""Fonts the program brings along and the system's own: what a PDF and a fixed-width text use.

Every PDF is set in DejaVu Sans, shipped in `desktop_app/resources/fonts/` (Latin, Cyrillic and
Arabic in one family; its licence beside it), registered with Qt on first use. The system's
fonts cannot be relied on: Windows and macOS have no DejaVu Sans, and Qt's offscreen platform,
which the command line prints with, finds no fonts at all on Windows, which gave a PDF without
text.

    document = QTextDocument()
    document.setDefaultFont(document_font(9))
    label.setFont(fixed_font())          # the system's monospace font, not a family name
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

log = logging.getLogger(__name__)

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_families: list[str] = []


def fonts_folder() -> Path:
    return Path(__file__).parent.parent / "resources" / "fonts"  # real files in every install


def document_family() -> str:
    """The family name of the shipped font, registered with the application's font database on
    the first call (a QGuiApplication must exist); raises OSError when the files cannot be read."""
    if not _families:
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(fonts_folder() / name))
            if font_id < 0:
                raise OSError(f"{fonts_folder() / name}: the font for PDF files cannot be read")
            _families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in _families)
        log.info("document font registered: %s", ", ".join(_families))
    return _families[0]


def document_font(points: float) -> QFont:
    """The shipped font at `points`, with no fallback to whatever the system offers under that name."""
    font = QFont(document_family())
    font.setStyleHint(QFont.StyleHint.SansSerif, QFont.StyleStrategy.PreferMatch)
    font.setPointSizeF(points)
    return font


def fixed_font() -> QFont:
    """The system's fixed-width font ("monospace" is no family on Windows)."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
