"""Printed manifests: the PDF Qt writes, read back with pdftotext and pdfinfo (poppler-utils)."""

from __future__ import annotations

import hashlib
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.export_profile import builtin_profile
from desktop_app.domain.person import DocumentData
from desktop_app.rendering import write_manifest_pdf
from desktop_app.services import audit, exporting, lists, persons
from desktop_app.services.exporting import Selection
from desktop_app.storage.db import Database
from tests.services.test_export_service import LIST_NAME, Roster, build_roster

_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(path: Path) -> str:
    """The PDF's text; Arabic presentation forms folded back to letters, direction marks removed."""
    raw = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return _BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", raw))


def page_info(path: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+(.*)$", info, re.M).group(1)  # type: ignore[union-attr]
    return pages, size


@pytest.fixture
def roster(qapp: QApplication, db: Database, operator: str) -> Roster:
    return build_roster(db, operator)


def test_every_row_is_printed_with_a_signature_column(db: Database, roster: Roster, operator: str,
                                                      tmp_path: Path) -> None:
    path = tmp_path / "manifest.pdf"
    result = exporting.export_manifest(db, path, render=write_manifest_pdf, selection=Selection(list_id=roster.list_id),
                                       operator=operator)
    text = pdf_text(path)
    manifest = exporting.manifest_rows(db, Selection(list_id=roster.list_id))
    assert manifest.rows == 3 and manifest.headers[:3] == ["No.", "Seat", "SURNAME"]
    for row in manifest.sections[0].rows:
        line = next(line for line in text.splitlines() if f" {row[2]} " in f" {line} ")
        for value in (v for v in row if v):
            assert value in line  # number, name as in passport, birth date, nationality, passport, expiry
    assert "Signature" in text and "Checked by" in text and "Page 1 of 1" in text and "Total: 3" in text
    assert "0123456" in text and "00012" in text and "01-FEB-1980" in text and "1975" in text
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() and result.format == "pdf"
    [entry] = audit.browse(db, audit.AuditFilter(action="export"))
    assert entry.changes["format"] == "pdf" and sorted(entry.changes["persons"]) == \
        sorted([roster.ivanov.uuid, roster.injected.uuid, roster.arabic.uuid])


def test_a4_and_letter_pages_and_page_numbers_on_a_long_manifest(db: Database, roster: Roster, operator: str,
                                                                 tmp_path: Path) -> None:
    bus = lists.create_list(db, "Bus 7", operator=operator)
    ids = [persons.create_person(db, {"surname": f"Пассажир{i:03d}", "given_names": "Иван", "birth_date": "1990",
                                      "consent_to_share": True}, operator=operator,
                                 documents=[DocumentData.create("foreign_passport", f"70 {i:07d}", "RUS")]).id
           for i in range(120)]
    lists.add_members(db, bus.id, ids, operator=operator)
    for paper, expected in (("a4", "842 x 595 pts (A4)"), ("letter", "792 x 612 pts (letter)")):
        path = tmp_path / f"bus-{paper}.pdf"
        exporting.export_manifest(db, path, render=write_manifest_pdf, selection=Selection(list_id=bus.id),
                                  paper=paper, operator=operator)
        pages, size = page_info(path)
        assert size == expected and pages >= 3  # ten columns and a signature: landscape
        text = pdf_text(path)
        assert f"Page {pages} of {pages}" in text and text.count("SURNAME") == pages  # the header on every page
        for i in range(120):
            assert f"PASSAZHIR{i:03d}" in text and f"70 {i:07d}" in text


def test_arabic_manifest_runs_right_to_left_and_keeps_numbers_in_order(db: Database, roster: Roster,
                                                                       operator: str, tmp_path: Path) -> None:
    persons.add_document(db, roster.ivanov.id, DocumentData.create("foreign_passport", "72 0123456", "RUS",
                                                                   expiry_date="2035-01-01"), operator=operator)
    path = tmp_path / "border.pdf"
    exporting.export_manifest(db, path, render=write_manifest_pdf, selection=Selection(list_id=roster.list_id),
                              profile=builtin_profile("border_authority"), operator=operator,
                              include_without_consent=False)
    text = pdf_text(path)
    assert "72 0123456" in text and "0123456 72" not in text
    assert "التوقيع" in text and "IVANOV" in text and "ABU SHANAB" in text and LIST_NAME in text


def test_manifests_refuse_other_files_and_papers(db: Database, roster: Roster, operator: str,
                                                 tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="paper"):
        exporting.export_manifest(db, tmp_path / "m.pdf", render=write_manifest_pdf, selection=Selection(),
                                  paper="a3", operator=operator)
    with pytest.raises(ValidationError, match="must end in"):
        exporting.export_manifest(db, tmp_path / "m.xlsx", render=write_manifest_pdf, selection=Selection(),
                                  operator=operator)
    assert not list(tmp_path.glob("m.*")) and audit.browse(db, audit.AuditFilter(action="export")) == []
