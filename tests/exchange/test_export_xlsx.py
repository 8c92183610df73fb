"""The xlsx writer, checked on what it wrote: read back by openpyxl and converted by LibreOffice.

LibreOffice is the second reader that matters: it evaluates formulas on load, so a value
written as a formula would show up in its CSV as the result, not the text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msoffcrypto
import msoffcrypto.exceptions
import openpyxl
import pytest

from desktop_app.domain.export_profile import ColumnKind
from desktop_app.exchange.export_errors import ExportCancelled, ExportError
from desktop_app.exchange.xlsx_writer import SheetColumn, SheetSpec, safe_sheet_name, write_workbook
from desktop_app.output_files import OutputExists
from tests.helpers.libreoffice import libreoffice_csv

T, ID, N, D = ColumnKind.TEXT, ColumnKind.IDENTIFIER, ColumnKind.NUMBER, ColumnKind.DATE

INJECTIONS = ['=HYPERLINK("http://x","y")', "=1+1", "+1+1", "-1+1", "@SUM(1,1)", "\t=1+1", "=cmd|' /C calc'!A0"]
COLUMNS = [SheetColumn("Passport", ID), SheetColumn("Born", D), SheetColumn("Name", T), SheetColumn("Balance", N),
           SheetColumn("Note", T), SheetColumn("UUID", ID, hidden=True)]
ROWS: list[list[Any]] = [
    ["0123456", dt.date(1980, 2, 1), "Иванов Пётр", -42, "plain", "u-1"],
    ["007", "1975", "محمد علي", 3.5, "#N/A", "u-2"],
    [123, None, "Smith", 0, "a\x01b", "u-3"],
    *[[f"P{i}", dt.date(2000, 1, 1), "x", i, text, f"u-inj{i}"] for i, text in enumerate(INJECTIONS)],
]


def _spec(rows: list[list[Any]] | Iterator[list[Any]], **changes: Any) -> SheetSpec:
    spec = SheetSpec(name="Border list", title="Rafah 2023-11-01", columns=COLUMNS, rows=rows,
                     date_format="dd.mm.yyyy")
    for key, value in changes.items():
        setattr(spec, key, value)
    return spec


def test_openpyxl_reads_back_every_value_with_its_type(tmp_path: Path) -> None:
    result = write_workbook(tmp_path / "out.xlsx", [_spec(ROWS)])
    assert result.rows == len(ROWS) and result.sheets == (("Border list", len(ROWS)),)
    ws = openpyxl.load_workbook(result.path)["Border list"]
    assert ws["A1"].value == "Rafah 2023-11-01"
    assert [c.value for c in ws[2]] == [c.label for c in COLUMNS]
    first, second, third = ws[3], ws[4], ws[5]
    assert (first[0].value, first[0].data_type) == ("0123456", "s")
    assert first[1].value == dt.datetime(1980, 2, 1) and first[1].is_date
    assert first[1].number_format == "dd.mm.yyyy"
    assert first[2].value == "Иванов Пётр" and second[2].value == "محمد علي"
    assert (first[3].value, first[3].data_type) == (-42, "n")
    assert (second[0].value, second[1].value, second[1].data_type) == ("007", "1975", "s")
    assert second[3].value == 3.5
    assert (second[4].value, second[4].data_type) == ("#N/A", "s")  # text, not an error cell
    assert (third[0].value, third[0].data_type) == ("123", "s")  # an int identifier is written as text
    assert third[4].value == "ab"  # a control character XML cannot hold is dropped
    for offset, text in enumerate(INJECTIONS):
        cell = ws.cell(6 + offset, 5)
        assert (cell.value, cell.data_type) == (text, "s")
        assert cell.quotePrefix
    footer = ws[3 + len(ROWS)]
    assert (footer[0].value, footer[1].value) == ("Total", len(ROWS))


def test_no_cell_is_a_formula_in_the_file(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "out.xlsx", [_spec(ROWS)]).path
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    assert "HYPERLINK" in sheet


def test_layout_frozen_header_filter_widths_hidden_uuid(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "out.xlsx", [_spec(ROWS)]).path
    ws = openpyxl.load_workbook(path)["Border list"]
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:F{2 + len(ROWS)}"  # header and data, not the footer
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABCDE"}
    assert widths["C"] > widths["D"]  # 'Иванов Пётр' is wider than the short numbers
    assert all(6 <= width <= 60 for width in widths.values())
    assert ws.column_dimensions["F"].hidden and not ws.column_dimensions["A"].hidden
    assert ws.column_dimensions["A"].number_format == "@"


def test_no_title_puts_the_header_first_and_right_to_left_for_arabic(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "out.xlsx", [_spec(ROWS[:1], title="", right_to_left=True)]).path
    ws = openpyxl.load_workbook(path)["Border list"]
    assert ws["A1"].value == "Passport" and ws.freeze_panes == "A2"
    assert ws.sheet_view.rightToLeft


def test_libreoffice_shows_the_text_of_every_risky_value(tmp_path: Path, soffice: list[str]) -> None:
    path = write_workbook(tmp_path / "out.xlsx", [_spec(ROWS)]).path
    table = libreoffice_csv(soffice, path, tmp_path / "csv")
    assert table is not None, "LibreOffice did not convert the workbook"
    assert table[0][0] == "Rafah 2023-11-01"
    assert table[1] == [c.label for c in COLUMNS]
    assert table[2] == ["0123456", "01.02.1980", "Иванов Пётр", "-42", "plain", "u-1"]
    assert table[3] == ["007", "1975", "محمد علي", "3.5", "#N/A", "u-2"]
    assert table[4][:2] == ["123", ""]
    notes = [row[4] for row in table[5:5 + len(INJECTIONS)]]
    assert notes == INJECTIONS  # the text itself: "=1+1" is not "2", HYPERLINK is not "y"
    assert table[5 + len(INJECTIONS)][:2] == ["Total", str(len(ROWS))]


def test_carriage_return_prefix_stays_text(tmp_path: Path, soffice: list[str]) -> None:
    rows = [["1", None, "\r=1+1", 1, "\r\nline", "u"]]
    path = write_workbook(tmp_path / "cr.xlsx", [_spec(rows)]).path
    ws = openpyxl.load_workbook(path)["Border list"]
    assert (ws["C3"].value, ws["C3"].data_type) == ("\n=1+1", "s")  # CR is written as a line feed
    table = libreoffice_csv(soffice, path, tmp_path / "csv")
    assert table is not None
    assert table[2][2] == "\n=1+1" and table[2][4] == "\nline"


def test_header_and_title_are_injection_safe_too(tmp_path: Path, soffice: list[str]) -> None:
    columns = [SheetColumn("=1+1", T), SheetColumn("@x", N)]
    path = write_workbook(tmp_path / "h.xlsx", [SheetSpec("S", "=2+2", columns, [["a", 1]])]).path
    table = libreoffice_csv(soffice, path, tmp_path / "csv")
    assert table is not None
    assert table[0][0] == "=2+2" and table[1] == ["=1+1", "@x"]


def test_encrypted_file_opens_with_the_password_only(tmp_path: Path, soffice: list[str]) -> None:
    path = tmp_path / "secret.xlsx"
    result = write_workbook(path, [_spec(ROWS)], password="Kair0-2023")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret.xlsx"]  # no plain copy beside it
    assert not zipfile.is_zipfile(path)
    with pytest.raises(Exception):  # noqa: B017 - openpyxl cannot even read it
        openpyxl.load_workbook(path)
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        assert office.is_encrypted()
        office.load_key(password="wrong")
        with pytest.raises(msoffcrypto.exceptions.InvalidKeyError):
            office.decrypt(io.BytesIO())
        office.load_key(password="Kair0-2023")
        plain = io.BytesIO()
        office.decrypt(plain)
    ws = openpyxl.load_workbook(plain)["Border list"]
    assert ws["A3"].value == "0123456" and ws["C4"].value == "محمد علي"
    assert result.rows == len(ROWS)
    assert libreoffice_csv(soffice, path, tmp_path / "csv") is None  # no password, no CSV


def test_cancel_leaves_no_file_and_keeps_an_older_one(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"the previous export")
    seen: list[int] = []

    def progress(done: int) -> bool:
        seen.append(done)
        return done < 2000

    rows = ([f"{i:07d}", None, "n", i, "", "u"] for i in range(10_000))
    with pytest.raises(ExportCancelled) as caught:
        write_workbook(path, [_spec(rows)], progress=progress, password="pw", overwrite=True)
    assert caught.value.rows_written == 2000 and seen == [1000, 2000]
    assert path.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_no_scratch_files_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where tempfile (and openpyxl) would put them
    out = tmp_path / "out"
    out.mkdir()
    seen_during: list[list[str]] = []

    def failing_rows() -> Iterator[list[Any]]:
        yield ["1", None, "a", 1, "", "u"]
        seen_during.append(sorted(p.name for p in scratch.rglob("*")))
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        write_workbook(out / "out.xlsx", [_spec(failing_rows())], password="pw")
    write_workbook(out / "ok.xlsx", [_spec(ROWS)])
    assert seen_during == [[]]  # nothing in the temporary folder even while rows are written
    assert not list(scratch.iterdir())
    assert sorted(p.name for p in out.iterdir()) == ["ok.xlsx"]


def test_rows_reach_the_file_while_the_sheet_is_written(tmp_path: Path) -> None:
    """Memory stays flat at a million rows only if each sheet goes into the zip as its rows come
    (issue 19): it was kept in memory, deflated, until the whole workbook was assembled."""
    sizes: list[int] = []

    def rows() -> Iterator[list[Any]]:
        for i in range(12_000):
            if i == 10_000:
                sizes.append(sum(p.stat().st_size for p in tmp_path.iterdir()))
            scrambled = f"{i * 2654435761 % 2**32:08x}{i * 40503 % 65521:05d}"
            yield [scrambled, dt.date(1950 + i % 60, 1 + i % 12, 1), f"Иванов {scrambled}", i, scrambled[::-1], "u"]

    result = write_workbook(tmp_path / "out.xlsx", [_spec(rows()), _spec(ROWS, name="Second")])
    assert sizes[0] > 64 * 1024  # the first 10,000 rows, deflated, already on disk
    book = openpyxl.load_workbook(result.path, read_only=True)
    assert result.sheets == (("Border list", 12_000), ("Second", len(ROWS)))
    assert [row[2] for row in book["Border list"].iter_rows(min_row=12_002, max_row=12_002, values_only=True)] == [
        f"Иванов {11_999 * 2654435761 % 2**32:08x}{11_999 * 40503 % 65521:05d}"]
    assert [c.value for c in next(book["Second"].iter_rows(min_row=3, max_row=3))][2] == "Иванов Пётр"
    book.close()


def test_an_existing_file_is_replaced_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"the previous export")
    with pytest.raises(OutputExists, match="already exists"):
        write_workbook(path, [_spec(ROWS)])
    assert path.read_bytes() == b"the previous export"
    result = write_workbook(path, [_spec(ROWS)], overwrite=True)
    assert openpyxl.load_workbook(path)["Border list"]["A3"].value == "0123456"
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_a_failing_audit_leaves_no_new_file_and_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"the previous export")
    seen: list[str] = []

    def audit(sha256: str) -> None:
        seen.append(sha256)
        assert path.read_bytes() == b"the previous export"  # the new file is not there yet
        raise RuntimeError("the audit trail cannot be written")

    with pytest.raises(RuntimeError):
        write_workbook(path, [_spec(ROWS)], overwrite=True, before=audit)
    assert len(seen) == 1 and path.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_progress_reports_rows_and_result_hash_matches_the_file(tmp_path: Path) -> None:
    import hashlib

    seen: list[int] = []
    rows = [[str(i), None, "n", i, "", "u"] for i in range(2500)]
    result = write_workbook(tmp_path / "out.xlsx", [_spec(rows), _spec(rows[:10], name="Second")],
                            progress=lambda done: seen.append(done) is None)
    assert seen == [1000, 2000, 2500, 2510]
    assert result.rows == 2510 and result.sheets == (("Border list", 2500), ("Second", 10))
    assert result.sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("spec_changes", "words"), [
    ({"name": "A/B"}, "forbids"),
    ({"name": ""}, "empty"),
    ({"columns": []}, "no columns"),
    ({"rows": [["too", "short"]]}, "2 values for 6 columns"),
])
def test_bad_sheet_specs_raise_export_error(tmp_path: Path, spec_changes: dict[str, Any], words: str) -> None:
    with pytest.raises(ExportError, match=words):
        write_workbook(tmp_path / "out.xlsx", [_spec(spec_changes.pop("rows", ROWS), **spec_changes)])
    assert not list(tmp_path.iterdir())


def test_duplicate_sheet_names_and_missing_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="two sheets"):
        write_workbook(tmp_path / "out.xlsx", [_spec(ROWS), _spec(ROWS, name="border LIST")])
    with pytest.raises(ExportError, match="folder does not exist"):
        write_workbook(tmp_path / "nowhere" / "out.xlsx", [_spec(ROWS)])
    with pytest.raises(ExportError, match="no sheet"):
        write_workbook(tmp_path / "out.xlsx", [])


def test_safe_sheet_name_fixes_and_deduplicates() -> None:
    taken: set[str] = set()
    assert safe_sheet_name("Flight SU 1/2", taken) == "Flight SU 1_2"
    assert safe_sheet_name("flight su 1/2", taken) == "flight su 1_2 (2)"
    long = safe_sheet_name("x" * 40, taken)
    assert long == "x" * 31 and safe_sheet_name("x" * 40, taken) == "x" * 27 + " (2)"
