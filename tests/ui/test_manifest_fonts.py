"""PDF manifests carry their own font (issue 21): text is there on a system without DejaVu Sans.

Qt's offscreen platform on Windows finds no fonts at all, and Windows and macOS have no DejaVu
Sans: before the font was shipped such a PDF had no text. Here the printing process runs with
a fontconfig that knows no font folder (no system font at all), and poppler's `pdftotext`
must still read the Cyrillic and Arabic back.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.rendering import FONT_FILES, document_family, fonts_folder
from desktop_app.storage.db import Database
from tests.services.test_export_service import LIST_NAME, build_roster
from tests.ui.test_export_manifest import pdf_text

NAMES_SCRIPT = """
import sys
from pathlib import Path
from desktop_app.services.exporting import Manifest, ManifestSection
from desktop_app.rendering import ensure_gui_application, write_manifest_pdf

ensure_gui_application()
rows = [["1", "Иванова", "Ольга"], ["2", "أبو شنب", "أحمد"]]
manifest = Manifest(title="Автобус 3", subtitle="", headers=["No.", "Surname", "Given names"],
                    sections=[ManifestSection("", rows)], right_to_left=sys.argv[2] == "rtl")
write_manifest_pdf(Path(sys.argv[1]), manifest)
"""


def _without_system_fonts(tmp_path: Path) -> dict[str, str]:
    """The environment of a process that finds no font on the system."""
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                      f"<fontconfig><dir>{tmp_path / 'no-fonts'}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir>"
                      "</fontconfig>\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    return {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_FONTDIR": str(tmp_path / "empty"),
            "QT_QPA_PLATFORM": "offscreen"}


def test_the_font_is_shipped_with_its_licence_and_covers_the_three_scripts(qapp: QApplication) -> None:
    assert (fonts_folder() / "LICENSE.txt").read_text(encoding="utf-8").count("Bitstream") >= 2
    family = document_family()
    assert all((fonts_folder() / name).stat().st_size > 100_000 for name in FONT_FILES)
    systems = QFontDatabase.writingSystems(family)
    for system in (QFontDatabase.WritingSystem.Latin, QFontDatabase.WritingSystem.Cyrillic,
                   QFontDatabase.WritingSystem.Arabic):
        assert system in systems


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_names_in_cyrillic_and_arabic_extract_from_a_pdf_made_without_system_fonts(tmp_path: Path,
                                                                                  direction: str) -> None:
    path = tmp_path / "manifest.pdf"
    result = subprocess.run([sys.executable, "-c", NAMES_SCRIPT, str(path), direction], capture_output=True,
                            text=True, timeout=120, env=_without_system_fonts(tmp_path))
    assert result.returncode == 0, result.stderr
    text = pdf_text(path)
    for word in ("Автобус 3", "Иванова", "Ольга", "أبو شنب", "أحمد", "Page 1 of 1"):
        assert word in text


def test_the_command_line_prints_a_readable_manifest_without_system_fonts(db: Database, qapp: QApplication,
                                                                         operator: str, tmp_path: Path) -> None:
    build_roster(db, operator)
    path = tmp_path / "border.pdf"
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db.target.path), "--operator", operator,
                             "export", str(path), "--profile", "border_authority", "--list", LIST_NAME,
                             "--title", "Рафах — список 4"],
                            capture_output=True, text=True, timeout=120, env=_without_system_fonts(tmp_path))
    assert result.returncode == 0, result.stderr
    text = unicodedata.normalize("NFKC", pdf_text(path))
    assert "Рафах — список 4" in text and "التوقيع" in text and "IVANOV" in text and "ABU SHANAB" in text
