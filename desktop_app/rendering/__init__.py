"""Printed documents drawn with Qt's painting and text layout (QtGui only, never widgets): the
manifest of a bus or flight, the boarding list with its QR codes, and the font they are set in.

    from desktop_app.rendering import boarding_pdf, ensure_gui_application, write_manifest_pdf

    ensure_gui_application()                              # the command line: an offscreen application
    exporting.export_manifest(db, "bus3.pdf", render=write_manifest_pdf, selection=..., operator=...)
    pdf = boarding_pdf(crossing.boarding_list(db, list_id))   # bytes of an A4 PDF

The window and the command line print through the same functions; the command line reaches
them without importing the window's code (`ui/`), and this package imports none of it (the
import contracts in pyproject.toml and tests/test_layering.py keep both). Modules: `fonts` (the
shipped DejaVu Sans, the system's fixed font), `manifest_pdf`, `boarding_pdf`, `call_sheet_pdf` (the
call sheet for telling the families).
"""

from __future__ import annotations

from desktop_app.rendering.boarding_pdf import boarding_pdf, draw_qr, qr_matrix
from desktop_app.rendering.call_sheet_pdf import call_sheet_html, call_sheet_pdf
from desktop_app.rendering.fonts import FONT_FILES, document_family, document_font, fixed_font, fonts_folder
from desktop_app.rendering.manifest_pdf import ensure_gui_application, manifest_document, write_manifest_pdf

__all__ = [
    "FONT_FILES",
    "boarding_pdf",
    "call_sheet_html",
    "call_sheet_pdf",
    "document_family",
    "document_font",
    "draw_qr",
    "ensure_gui_application",
    "fixed_font",
    "fonts_folder",
    "manifest_document",
    "qr_matrix",
    "write_manifest_pdf",
]
