"""The PDF writer every printout starts from: its resolution, title, creator and page layout.

    writer = pdf_writer(buffer, title="Call sheet: Rafah 14 Nov", margin_mm=14.0)
"""

from __future__ import annotations

from PySide6.QtCore import QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

RESOLUTION = 300  # dots per inch of every printout's layout


def pdf_writer(device: QIODevice, *, title: str, margin_mm: float,
               page: QPageSize.PageSizeId = QPageSize.PageSizeId.A4,
               orientation: QPageLayout.Orientation = QPageLayout.Orientation.Portrait) -> QPdfWriter:
    """A PDF writer into `device` with the page, its margins on every side and the document's title."""
    writer = QPdfWriter(device)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("Mission Roster")
    writer.setPageLayout(QPageLayout(QPageSize(page), orientation,
                                     QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
                                     QPageLayout.Unit.Millimeter))
    return writer
