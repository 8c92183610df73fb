"""Printed manifests for a bus or a flight: a PDF made with Qt's own printing.

`write_manifest_pdf(path, manifest, paper)` lays the rows of a `services.exporting.Manifest`
out in a QTextDocument table (the header row repeats on every page, a signature column on
the right, or the left for Arabic), paints it page by page on a QPdfWriter in A4 or Letter
with "Page n of m" at the foot of each page, and ends with the count and a line for the
officer who checked the boarding. Wide profiles are printed landscape. The text is set in the
font shipped with the program (`rendering.fonts`: Latin, Cyrillic and Arabic), on every system.

It is the renderer `services.exporting.export_manifest` calls; the service writes the audit
entry. `ensure_gui_application()` lets the command line print without a window.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTableFormat,
)

from desktop_app.rendering.fonts import document_font
from desktop_app.rendering.pages import RESOLUTION, pdf_writer
from desktop_app.services.exporting import Manifest

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 12.0
LANDSCAPE_FROM_COLUMNS = 8  # with the signature column, more than this does not fit portrait
FONT_POINTS = 9
SIGNATURE_SHARE = 16.0  # percent of the width kept for signatures

_application: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """An offscreen application for printing from the command line; the window's own if one runs.

    It is a QGuiApplication, which cannot show widgets: a process that prints and also opens a
    window (a test session, a script) makes its QApplication first, as the window does (pytest-qt's
    `qapp` in the tests). Rendering never imports the widgets.
    """
    global _application
    if QGuiApplication.instance() is None:
        _application = QGuiApplication([sys.argv[0] if sys.argv else "mission-roster", "-platform", "offscreen"])


def write_manifest_pdf(path: Path, manifest: Manifest, paper: str = "a4") -> None:
    """Print `manifest` to a PDF at `path` on `paper` ('a4' or 'letter').

    The pages are drawn into memory and written to `path` by Python: Qt's PDF writer does not
    report a failed write (a full disk gave a truncated file that looked printed), a Python
    write raises OSError.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    _paint(buffer, manifest, paper)
    buffer.close()
    with open(path, "wb") as out:
        out.write(buffer.data().data())


def _paint(buffer: QBuffer, manifest: Manifest, paper: str) -> None:
    columns = len(manifest.headers) + 1
    orientation = (QPageLayout.Orientation.Landscape if columns > LANDSCAPE_FROM_COLUMNS
                   else QPageLayout.Orientation.Portrait)
    writer = pdf_writer(buffer, title=manifest.title, margin_mm=MARGIN_MM, page=PAGE_SIZES[paper],
                        orientation=orientation)
    document = manifest_document(manifest)
    document.documentLayout().setPaintDevice(writer)
    area = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_height = RESOLUTION * 0.3  # about 7.5 mm
    body = QSizeF(area.width(), area.height() - footer_height)
    document.setPageSize(body)
    pages = document.pageCount()
    painter = QPainter(writer)
    try:
        painter.setFont(_font(FONT_POINTS - 1))
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body.height())
            document.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
            footer = QRectF(0, body.height(), body.width(), footer_height)
            painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, manifest.title)
            painter.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                             manifest.words["page"].format(page=page + 1, pages=pages))
    finally:
        ended = painter.end()
    if not ended:
        raise OSError("the manifest's pages could not be drawn")


def manifest_document(manifest: Manifest) -> QTextDocument:
    """The manifest as a rich-text document: heading, one table per section, count and check line."""
    document = QTextDocument()
    document.setDefaultFont(_font(FONT_POINTS))
    direction = Qt.LayoutDirection.RightToLeft if manifest.right_to_left else Qt.LayoutDirection.LeftToRight
    option = QTextOption()
    option.setTextDirection(direction)
    document.setDefaultTextOption(option)
    cursor = QTextCursor(document)
    block = QTextBlockFormat()
    block.setLayoutDirection(direction)
    cursor.setBlockFormat(block)
    cursor.insertText(manifest.title, _char(14, bold=True))
    if manifest.subtitle:
        cursor.insertBlock(block)
        cursor.insertText(manifest.subtitle, _char(FONT_POINTS))
    for section in manifest.sections:
        if section.title and len(manifest.sections) > 1:
            cursor.insertBlock(block)
            cursor.insertText(section.title, _char(11, bold=True))
        _table(cursor, manifest, section.rows, direction)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock(block)
        cursor.insertText(f"{manifest.words['total']}: {len(section.rows)}", _char(FONT_POINTS, bold=True))
    cursor.insertBlock(block)
    cursor.insertBlock(block)
    cursor.insertText(f"{manifest.words['checked']}: " + "_" * 50, _char(FONT_POINTS))
    return document


def _table(cursor: QTextCursor, manifest: Manifest, rows: list[list[str]], direction: Qt.LayoutDirection) -> None:
    headers = [*manifest.headers, manifest.words["signature"]]
    table_format = QTextTableFormat()
    table_format.setHeaderRowCount(1)
    table_format.setCellPadding(4)
    table_format.setCellSpacing(0)
    table_format.setBorder(0.5)
    table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    table_format.setBorderCollapse(True)
    table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table_format.setLayoutDirection(direction)
    table_format.setColumnWidthConstraints(_widths(manifest.headers, rows))
    table = cursor.insertTable(len(rows) + 1, len(headers), table_format)
    bold, plain = _char(FONT_POINTS, bold=True), _char(FONT_POINTS)
    # In a right-to-left table, Latin names and numbers keep their own order ("70 4648025" must not
    # become "4648025 70"): such cells are left-to-right paragraphs aligned to the right.
    latin_in_rtl = QTextBlockFormat()
    latin_in_rtl.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    latin_in_rtl.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    for column, label in enumerate(headers):
        table.cellAt(0, column).firstCursorPosition().insertText(label, bold)
    for row_index, row in enumerate(rows, start=1):
        for column, text in enumerate(row):
            cell_cursor = table.cellAt(row_index, column).firstCursorPosition()
            if direction is Qt.LayoutDirection.RightToLeft and not _has_rtl(text):
                cell_cursor.setBlockFormat(latin_in_rtl)
            cell_cursor.insertText(text, plain)


def _widths(headers: list[str], rows: list[list[str]]) -> list[QTextLength]:
    """Column shares from the longest text in each column (header included), signature last."""
    longest = [max([len(h), *(len(row[i]) for row in rows)]) + 2 for i, h in enumerate(headers)]
    total = sum(longest) or 1
    share = 100.0 - SIGNATURE_SHARE
    widths = [QTextLength(QTextLength.Type.PercentageLength, share * length / total) for length in longest]
    return [*widths, QTextLength(QTextLength.Type.PercentageLength, SIGNATURE_SHARE)]


def _has_rtl(text: str) -> bool:
    return any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc" for ch in text)


def _font(points: float) -> QFont:
    return document_font(points)  # shipped with the program: no system has to have it


def _char(points: float, *, bold: bool = False) -> QTextCharFormat:
    char = QTextCharFormat()
    char.setFont(_font(points))
    if bold:
        char.setFontWeight(QFont.Weight.Bold)
    return char
