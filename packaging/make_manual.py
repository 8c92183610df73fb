"""The manual as a PDF to print, made with Qt from the shipped HTML: `make manual`.

Each language's `desktop_app/resources/manual/<language>/index.html` (with its screenshots) is laid
out by QTextDocument and written by QPdfWriter on A4 to `manual.pdf` beside it, which ships in
the package and opens from Help > Manual ("Open the PDF to print"):

    QT_QPA_PLATFORM=offscreen python packaging/make_manual.py [en ru]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

MANUAL = Path(__file__).resolve().parent.parent / "desktop_app" / "resources" / "manual"
SCREEN_COLUMN = "max-width: 60em; margin: 1em auto; "
SCREEN_IMAGE_WIDTH = 720
# QTextDocument prints at 96 pixels an inch inside its own 2 cm margins: A4 less both leaves 140 mm.
PAPER_IMAGE_WIDTH = 520
RESOLUTION_DPI = 150  # the screenshots' pixels stay sharp; the text is vector whatever the figure


def write_pdf(language: str) -> Path:
    """Lay out the manual in `language` and write its PDF beside the HTML; returns the PDF's path."""
    folder = MANUAL / language
    target = folder / "manual.pdf"
    partial = target.with_suffix(".pdf.partial")
    writer = QPdfWriter(str(partial))
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setTitle("Mission Roster manual")
    writer.setCreator("Mission Roster")
    document = QTextDocument()
    # The page is the paper: no screen column width, no centring margins (Qt would offset the text).
    html = (folder / "index.html").read_text(encoding="utf-8").replace(SCREEN_COLUMN, "")
    html = html.replace(f'width="{SCREEN_IMAGE_WIDTH}"', f'width="{PAPER_IMAGE_WIDTH}"')
    for source in sorted(set(re.findall(r'<img src="([^"]+)"', html))):  # a bare document loads no files itself
        image = QImage(str(folder / source))
        if image.isNull():
            raise SystemExit(f"{folder / source}: the manual names this screenshot, which is missing")
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(source), image)
    document.setHtml(html)
    document.print_(writer)
    del writer  # the file is complete once the writer is gone
    partial.replace(target)
    return target


def main(languages: list[str]) -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for language in languages or ["en", "ru"]:
        print(f"wrote {write_pdf(language)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
