"""`mission-roster checkin` and `boarding-list` as an officer types them; the printed codes read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PySide6.QtGui import QImage

from desktop_app.cli import main
from desktop_app.domain.gate_codes import gate_code
from desktop_app.storage.db import Database
from tests.services.checkin_support import Gate, make_gate

# Printing makes a Qt application when none runs; a test session also shows widgets, so it makes its
# QApplication first, as the window does (rendering never imports the widgets).
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def gate(db: Database, operator: str) -> Gate:
    return make_gate(db, operator)


def cli(db_path: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--db", str(db_path), "--operator", "gate.officer", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_scans_are_answered_in_order_and_a_refused_one_exits_1_saying_why(
        db_path: Path, gate: Gate, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(db_path, "checkin", "Rafah 14", gate_code(gate.mother), gate.pending, capsys=capsys)
    assert code == 1
    assert "G-1042 Орлова Анна: boarded" in out and "expected 2, checked in 1, missing 1" in out
    assert "G-2001 Петров Пётр: not approved on Rafah 14 (answer: pending)" in err
    code, out, err = cli(db_path, "checkin", "Rafah 14", gate.mother, capsys=capsys)
    assert code == 1 and "G-1042 Орлова Анна: already checked in (boarded) at " in err


def test_counts_json_undo_and_the_missing_by_household(db_path: Path, gate: Gate,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(db_path, "checkin", "Rafah 14", gate.son, "--crossed", "--json", capsys=capsys)
    data = json.loads(out)
    assert code == 0 and data["scans"][0]["accepted"] and data["scans"][0]["kind"] == "crossed"
    assert data["counts"]["missing_by_household"] == [{"household": "H-00001 Orlov", "persons": [
        {"case_ref": gate.mother, "name": "Орлова Анна"}]}]
    code, out, _ = cli(db_path, "checkin", "--undo", "Rafah 14", gate.son, capsys=capsys)
    assert code == 0 and "G-1043: status back to approved" in out
    code, out, _ = cli(db_path, "checkin", "Rafah 14", capsys=capsys)
    assert code == 0 and "expected 2, checked in 0, missing 2" in out
    assert "H-00001 Orlov: G-1043 Орлов Илья, G-1042 Орлова Анна" in out


def test_an_unknown_code_exits_1_from_a_real_process(db_path: Path, gate: Gate) -> None:
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db_path), "checkin", "Rafah 14",
                             "G-9999+Z"], capture_output=True, text=True, timeout=120, env={**os.environ})
    assert result.returncode == 1, result.stderr
    assert "G-9999+Z: the code's check character does not match" in result.stderr


def _decoded(pdf: Path, folder: Path) -> list[str]:
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(folder / "page")], check=True, timeout=60)
    texts: list[str] = []
    for page in sorted(folder.glob("page*.png")):
        image = QImage(str(page)).convertToFormat(QImage.Format.Format_Grayscale8)
        pixels = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * image.height())
        pixels = pixels.reshape(image.height(), image.bytesPerLine())[:, :image.width()].copy()
        texts += [found.text for found in zxingcpp.read_barcodes(pixels)]
    return texts


def test_the_printed_codes_read_back_as_case_reference_and_check_character_only(
        db_path: Path, gate: Gate, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "gate.pdf"
    code, said, _ = cli(db_path, "boarding-list", "Rafah 14", str(out), capsys=capsys)
    assert code == 0 and "boarding list of 2 persons" in said
    pages = tmp_path / "pages"
    pages.mkdir()
    assert sorted(_decoded(out, pages)) == sorted([gate_code(gate.mother), gate_code(gate.son)])
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Орлова Анна" in text and "72 1234567" in text  # printed for the eye, not in the code
    code, _, err = cli(db_path, "boarding-list", "Rafah 14", str(out), capsys=capsys)
    assert code == 1 and "exists" in err  # never replaced unless asked
