"""A demonstration roster from the first start: marked in the title bar and on every export while open."""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from desktop_app.rendering import write_manifest_pdf
from desktop_app.services import demo, exporting
from desktop_app.services.exporting import Selection
from desktop_app.services.first_start import set_up_demo
from desktop_app.storage.db import open_database


def test_every_export_of_a_demonstration_roster_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    path, new = set_up_demo(tmp_path / "demonstration.db", operator="A. Petrova")
    assert new and set_up_demo(path, operator="A. Petrova") == (path, False)  # opened again, not remade
    db = open_database(path)
    try:
        demo.fill_demo(db, households=4, operator="demo")
        workbook_path = tmp_path / "roster.xlsx"
        exporting.export_persons(db, workbook_path, operator="A. Petrova")
        pdf_path = tmp_path / "manifest.pdf"
        exporting.export_manifest(db, pdf_path, render=write_manifest_pdf, selection=Selection(),
                                  operator="A. Petrova")
    finally:
        db.close()
    sheet = openpyxl.load_workbook(workbook_path, read_only=True).worksheets[0]
    assert str(next(sheet.iter_rows(values_only=True))[0]).startswith("DEMONSTRATION")
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    assert "DEMONSTRATION" in text


def test_a_real_roster_is_not_marked(qtbot: QtBot, tmp_path: Path) -> None:
    db = open_database(tmp_path / "roster.db")
    try:
        demo.fill_demo(db, households=2, operator="demo")  # invented data typed into a real roster: not marked
        exporting.export_persons(db, tmp_path / "roster.xlsx", operator="A. Petrova")
    finally:
        db.close()
    sheet = openpyxl.load_workbook(tmp_path / "roster.xlsx", read_only=True).worksheets[0]
    assert "DEMONSTRATION" not in str(next(sheet.iter_rows(values_only=True)))
