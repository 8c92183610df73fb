"""Colours the window sets itself, readable under a light and a dark theme alike.

A pastel row background (a status, a warning, a difference) keeps the theme's text colour unless
the model gives one too: under Windows 11's or macOS's dark mode that is a light grey on a light
pastel, which cannot be read. So every pastel background comes with dark text:

    background, foreground = pastel("#d8f0d8")      # QBrush pair, cached
    contrast_ratio(foreground.color(), background.color()) >= MIN_CONTRAST
    palette.setColor(QPalette.ColorRole.Text, muted_text(palette))   # a hint: grey on either theme

`contrast_ratio` is WCAG 2's; 4.5 is its minimum for body text (level AA).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QBrush, QColor, QPalette

ROW_TEXT = "#1a1a1a"  # on every pastel background, whatever the theme
MIN_CONTRAST = 4.5
MUTED_SHARE = 0.7  # of the text colour over the base: grey, yet readable on either theme


def muted_text(palette: QPalette) -> QColor:
    """A quieter text colour (hints) for `palette`'s base: its text colour blended over the base."""
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    return QColor.fromRgbF(*(MUTED_SHARE * t + (1 - MUTED_SHARE) * b for t, b in
                             ((text.redF(), base.redF()), (text.greenF(), base.greenF()),
                              (text.blueF(), base.blueF()))))


@cache
def pastel(background: str) -> tuple[QBrush, QBrush]:
    """The brushes of a row painted `background`: (background, its text)."""
    return QBrush(QColor(background)), QBrush(QColor(ROW_TEXT))


def readable_text(background: object) -> QBrush | None:
    """A model's ForegroundRole for a cell whose BackgroundRole is `background`: dark text on any
    background the model paints, the theme's text (None) on the theme's own base.

        if role == Qt.ItemDataRole.ForegroundRole:
            return readable_text(self.data(index, Qt.ItemDataRole.BackgroundRole))
    """
    return QBrush(QColor(ROW_TEXT)) if isinstance(background, QBrush | QColor) else None


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance of an opaque colour, 0 (black) to 1 (white)."""
    return (0.2126 * _linear(colour.redF()) + 0.7152 * _linear(colour.greenF())
            + 0.0722 * _linear(colour.blueF()))


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2's contrast ratio of two colours, 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
