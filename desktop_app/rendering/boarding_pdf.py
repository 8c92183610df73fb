"""The boarding list for the gate: one row per approved person with a QR code, printed as a PDF.

    pdf = boarding_pdf(services.crossing.boarding_list(db, list_id))   # bytes of an A4 PDF
    services.crossing.export_boarding_list(db, list_id, "gate.pdf", render=boarding_pdf, operator="anna")

The QR code holds the gate code alone (case reference and check character, see
`domain.gate_codes`); the name, birth date and document beside it are printed for the officer's
eyes. Each code is drawn from segno's module matrix as filled rectangles (vector, sharp at any
zoom or printer), with the four-module quiet zone the standard asks for. QtGui only, no widgets:
the command line prints it offscreen (`ensure_gui_application`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import segno
from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPdfWriter, QPen

from desktop_app.rendering.fonts import document_font
from desktop_app.rendering.pages import RESOLUTION, pdf_writer
from desktop_app.services.crossing import BoardingList, BoardingRow

translate = QCoreApplication.translate  # lupdate collects translate("Context", "text") calls

MARGIN_MM = 12.0
ROW_MM = 21.0
HEADER_MM = 24.0
FOOTER_MM = 14.0
MODULE_MM = 0.55  # a version-1 code (21 modules) is 11.6 mm wide, 16 mm with its quiet zone
QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004)
ERROR_LEVEL = "m"
# Column widths in millimetres: number, code, case ref and names, born, document, household, tick.
COLUMNS_MM = (8.0, 19.0, 57.0, 21.0, 33.0, 30.0, 18.0)



@functools.lru_cache(maxsize=4096)  # segno chooses the best of eight masks: about 15 ms a code
def qr_matrix(code: str) -> tuple[bytearray, ...]:
    """segno's modules for `code` (1 = dark), without the quiet zone."""
    return segno.make(code, error=ERROR_LEVEL, micro=False, boost_error=False).matrix


def draw_qr(painter: QPainter, code: str, left: float, top: float, module: float) -> float:
    """Draw `code` with its quiet zone at (left, top) in `module`-sized squares; returns the side drawn."""
    matrix = qr_matrix(code)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    origin_x, origin_y = left + QUIET_ZONE * module, top + QUIET_ZONE * module
    for y, row in enumerate(matrix):
        for start, length in _dark_runs(row):  # one rectangle per run keeps the PDF small
            painter.drawRect(QRectF(origin_x + start * module, origin_y + y * module, length * module, module))
    painter.restore()
    return (len(matrix) + 2 * QUIET_ZONE) * module


def _dark_runs(row: bytearray) -> Iterator[tuple[int, int]]:
    start = None
    for x, dark in enumerate([*row, 0]):
        if dark and start is None:
            start = x
        elif not dark and start is not None:
            yield start, x - start
            start = None


def boarding_pdf(boarding: BoardingList) -> bytes:
    """The A4 PDF of `boarding` (see the module docstring)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = pdf_writer(buffer, title=translate("BoardingPdf", "Boarding list: {name}").format(
        name=boarding.list_name), margin_mm=MARGIN_MM)
    painter = QPainter(writer)
    try:
        _paint(painter, writer, boarding)
    finally:
        ended = painter.end()
    buffer.close()
    if not ended:
        raise OSError("the boarding list's pages could not be drawn")
    return bytes(buffer.data().data())


def _paint(painter: QPainter, writer: QPdfWriter, boarding: BoardingList) -> None:
    mm = RESOLUTION / 25.4
    area = writer.pageLayout().paintRectPixels(RESOLUTION)
    width, height = float(area.width()), float(area.height())
    per_page = max(1, int((height - (HEADER_MM + FOOTER_MM) * mm) // (ROW_MM * mm)))
    pages = max(1, -(-len(boarding.rows) // per_page))
    scale = width / (sum(COLUMNS_MM) * mm)  # the columns fill the printable width exactly
    columns = [w * mm * scale for w in COLUMNS_MM]
    for page in range(pages):
        if page:
            writer.newPage()
        top = _heading(painter, boarding, width, mm)
        top = _column_titles(painter, columns, top, mm)
        rows = boarding.rows[page * per_page:(page + 1) * per_page]
        for number, row in enumerate(rows, start=page * per_page + 1):
            _row(painter, columns, top, number, row, mm)
            top += ROW_MM * mm
        _footer(painter, boarding, width, height, mm, page, pages)


def _font(points: float, *, bold: bool = False) -> QFont:
    font = document_font(points)
    font.setBold(bold)
    return font


def _heading(painter: QPainter, boarding: BoardingList, width: float, mm: float) -> float:
    painter.setFont(_font(14, bold=True))
    painter.drawText(QRectF(0, 0, width, 9 * mm), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     translate("BoardingPdf", "Boarding list: {name}").format(name=boarding.list_name))
    painter.setFont(_font(9))
    line = translate("BoardingPdf", "{count} persons approved").format(count=len(boarding.rows))
    if boarding.partner:
        line = f"{boarding.partner} · {line}"
    painter.drawText(QRectF(0, 9 * mm, width, 6 * mm), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     line + " · " + translate("BoardingPdf",
                                              "scan the code, or type the case reference or passport number"))
    return HEADER_MM * mm - 8 * mm


def _column_titles(painter: QPainter, columns: list[float], top: float, mm: float) -> float:
    titles = ["#", translate("BoardingPdf", "Code"), translate("BoardingPdf", "Case ref. and name"),
              translate("BoardingPdf", "Born"), translate("BoardingPdf", "Document"),
              translate("BoardingPdf", "Household"), translate("BoardingPdf", "Checked")]
    painter.setFont(_font(8, bold=True))
    left = 0.0
    for title, column_width in zip(titles, columns, strict=True):
        painter.drawText(QRectF(left + mm, top, column_width - 2 * mm, 7 * mm),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        left += column_width
    painter.setPen(QPen(QColor("black"), 0.3 * mm))
    painter.drawLine(0, int(top + 7 * mm), int(sum(columns)), int(top + 7 * mm))
    return top + 8 * mm


def _row(painter: QPainter, columns: list[float], top: float, number: int, row: BoardingRow, mm: float) -> None:
    person = row.person
    edges = [sum(columns[:i]) for i in range(len(columns) + 1)]
    height = ROW_MM * mm
    modules = len(qr_matrix(row.code)) + 2 * QUIET_ZONE
    module = min(MODULE_MM * mm, (columns[1] - mm) / modules)  # a long reference: smaller modules, same column
    side = modules * module
    draw_qr(painter, row.code, edges[1] + (columns[1] - side) / 2, top + (height - side) / 2, module)
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap

    def cell(index: int, text: str, font: QFont) -> None:
        painter.setFont(font)
        painter.drawText(QRectF(edges[index] + mm, top + mm, columns[index] - 2 * mm, height - 2 * mm), flags, text)

    plain = _font(8)
    cell(0, str(number), plain)
    names = "\n".join(x for x in (person.case_ref, person.name, person.latin_name) if x)
    cell(2, names, _font(9))
    cell(3, person.birth_date, plain)
    cell(4, person.document, plain)
    cell(5, person.household, plain)
    box = 5 * mm
    painter.setPen(QPen(QColor("black"), 0.25 * mm))
    painter.drawRect(QRectF(edges[6] + (columns[6] - box) / 2, top + (height - box) / 2 - 2 * mm, box, box))
    if row.checked_in:
        painter.setFont(_font(6))
        painter.drawText(QRectF(edges[6], top + height / 2 + 2 * mm, columns[6], 4 * mm),
                         Qt.AlignmentFlag.AlignHCenter, row.checked_in)
    painter.setPen(QPen(QColor("#999999"), 0.15 * mm))
    painter.drawLine(0, int(top + height), int(edges[-1]), int(top + height))
    painter.setPen(QPen(QColor("black")))


def _footer(painter: QPainter, boarding: BoardingList, width: float, height: float, mm: float, page: int,
            pages: int) -> None:
    painter.setFont(_font(8))
    foot = QRectF(0, height - 6 * mm, width, 6 * mm)
    painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                     translate("BoardingPdf", "Boarding list: {name}").format(name=boarding.list_name))
    painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                     translate("BoardingPdf", "Page {page} of {pages}").format(page=page + 1, pages=pages))
    if page == pages - 1:
        painter.drawText(QRectF(0, height - 13 * mm, width, 6 * mm),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         translate("BoardingPdf", "Checked at the gate by") + ": " + "_" * 40)
