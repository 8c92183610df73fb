""".ods files read as the sender sees them: numbers shown as text (text format, zero padding, by a cell's
own style or its column's or row's default) and merged cells filled, the same way as .xlsx.

Files are made by LibreOffice from workbooks written here, or written as LibreOffice writes content.xml
for what a conversion does not produce (row default styles, repeated rows, inherited styles)."""

from __future__ import annotations

import datetime as dt
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from desktop_app.exchange import ods_formats
from desktop_app.exchange.readers import MergedRange, read_workbook
from tests.helpers.libreoffice import convert, libreoffice_csv


def _ods(soffice: list[str], source: Path) -> Path:
    produced = convert(soffice, source, "ods", source.parent / "ods")
    assert produced is not None, "LibreOffice made no .ods"
    return produced


def _household_list(path: Path) -> Path:
    """A partner's list: a merged title not starting in A1, a case number merged down a household's rows,
    a 2x2 merged note, a passport column formatted as text, zero-padded numbers, dates and counts."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Border list"
    sheet["B1"] = "Evacuation list — Rafah"
    sheet.merge_cells("B1:E1")
    sheet.append(["Case", "Surname", "Passport", "Born", "Count", "Note", "File No."])
    people = [("C-1", "Иванов", 123456, dt.date(1980, 2, 1), 2, "see file", 42),
              (None, "Иванова", 901, dt.date(1982, 3, 1), 2, None, 7),
              ("C-2", "Haddad", "0234567", dt.date(1975, 6, 30), 1, None, 123456789),
              ("C-3", "حداد", 7654321, dt.date(2001, 12, 31), 3, "twins", 3)]
    for person in people:
        sheet.append(list(person))
    sheet.column_dimensions["C"].number_format = "@"
    for row in range(2, 40):  # the whole column as text, as 'Format Cells > Text' on the column does
        sheet.cell(row, 3).number_format = "@"
    for row in range(3, 7):
        sheet.cell(row, 4).number_format = "dd.mm.yyyy"
        sheet.cell(row, 7).number_format = "000000000"
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("F3:F4")
    sheet.merge_cells("F5:G6")  # a block over a zero-padded number: the merge drops it
    book.save(path)
    return path


def test_ods_from_libreoffice_reads_like_the_xlsx_it_was_saved_from(tmp_path: Path, soffice: list[str]) -> None:
    source = _household_list(tmp_path / "list.xlsx")
    from_xlsx = read_workbook(source).sheet()
    from_ods = read_workbook(_ods(soffice, source)).sheet()
    assert from_ods.name == from_xlsx.name == "Border list"
    assert sorted(from_ods.merged, key=_corners) == sorted(from_xlsx.merged, key=_corners) == [
        MergedRange(1, 2, 1, 5), MergedRange(3, 1, 4, 1), MergedRange(3, 6, 4, 6), MergedRange(5, 6, 6, 7)]
    assert from_ods.rows[:6] == from_xlsx.rows[:6]
    assert from_ods.rows[:6] == [
        [None, "Evacuation list — Rafah", "Evacuation list — Rafah", "Evacuation list — Rafah",
         "Evacuation list — Rafah", None, None],
        ["Case", "Surname", "Passport", "Born", "Count", "Note", "File No."],
        ["C-1", "Иванов", "123456", dt.date(1980, 2, 1), 2, "see file", "000000042"],
        ["C-1", "Иванова", "901", dt.date(1982, 3, 1), 2, "see file", "000000007"],
        ["C-2", "Haddad", "0234567", dt.date(1975, 6, 30), 1, None, None],
        ["C-3", "حداد", "7654321", dt.date(2001, 12, 31), 3, None, None],
    ]
    assert all(type(row[4]) is int for row in from_ods.rows[2:6])  # counts stay numbers


def _corners(block: MergedRange) -> tuple[int, int, int, int]:
    return block.first_row, block.first_column, block.last_row, block.last_column


@pytest.mark.parametrize("styled", [True, False], ids=["text-styles-and-merges", "merges-only"])
def test_a_long_ods_is_read_right_past_every_chunk(tmp_path: Path, soffice: list[str], styled: bool) -> None:
    """content.xml is streamed in 1 MB chunks; rows cut by a chunk's end and a merge far into the file
    are read like the first ones (with no text style, only merges are looked for, in a second pass)."""
    rows = 4_000
    source = tmp_path / "long.xlsx"
    with xlsxwriter.Workbook(source, {"constant_memory": True}) as book:
        sheet = book.add_worksheet("Long")
        padded = book.add_format({"num_format": "0000000"})
        sheet.merge_range(0, 0, 0, 3, "A long list")
        sheet.write_row(1, 0, ["Surname", "Passport", "Count", "Address"])
        for i in range(rows):
            row = i + 2
            sheet.write_string(row, 0, f"Щербакова {i}")
            if styled:
                sheet.write_number(row, 1, i, padded)
            else:
                sheet.write_string(row, 1, f"{i:07d}")
            sheet.write_number(row, 2, i % 5)
            if row == rows - 2:
                sheet.merge_range(row, 3, row + 1, 3, "the same address, a long way down")
            elif row != rows - 1:
                sheet.write_string(row, 3, f"ул. Ленина, д. {i % 40}, кв. {i % 97}, Газа, сектор {i % 7}")
    path = _ods(soffice, source)
    assert zipfile.ZipFile(path).getinfo("content.xml").file_size > 2 * ods_formats._CHUNK
    sheet_data = read_workbook(path).sheet()
    assert [row[1] for row in sheet_data.rows[2:]] == [f"{i:07d}" for i in range(rows)]
    assert [row[2] for row in sheet_data.rows[2:]] == [i % 5 for i in range(rows)]
    assert sheet_data.merged == [MergedRange(1, 1, 1, 4), MergedRange(rows - 1, 4, rows, 4)]
    assert sheet_data.cell(rows, 4) == sheet_data.cell(rows - 1, 4) == "the same address, a long way down"


_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
       'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"')
_STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {_NS}><office:styles>
<number:text-style style:name="N49"><number:text-content/></number:text-style>
<style:style style:name="Default" style:family="table-cell"/>
<style:style style:name="Passport" style:family="table-cell" style:parent-style-name="Default"
 style:data-style-name="N49"/>
</office:styles></office:document-styles>"""


def _number(value: int, style: str | None = None, extra: str = "") -> str:
    named = f' table:style-name="{style}"' if style else ""
    return (f'<table:table-cell{named} office:value-type="float" office:value="{value}" calcext:value-type="float"'
            f"{extra}><text:p>{value}</text:p></table:table-cell>")


def _text(value: str, extra: str = "") -> str:
    return (f'<table:table-cell office:value-type="string" calcext:value-type="string"{extra}>'
            f"<text:p>{value}</text:p></table:table-cell>")


def _write_ods(path: Path, body: str) -> Path:
    """An .ods whose content.xml is written as LibreOffice writes it (calamine refuses whitespace between
    cells): N100 pads to six digits, N101 adds a prefix, ce3 takes the text format from the named style
    'Passport' in styles.xml."""
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {_NS}><office:automatic-styles>
<number:number-style style:name="N100"><number:number number:decimal-places="0" number:min-decimal-places="0"
 number:min-integer-digits="6"/></number:number-style>
<number:number-style style:name="N101"><number:text>ID-</number:text><number:number number:decimal-places="0"
 number:min-integer-digits="6"/></number:number-style>
<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N100"/>
<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N101"/>
<style:style style:name="ce3" style:family="table-cell" style:parent-style-name="Passport"/>
</office:automatic-styles><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>
</office:document-content>"""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                         '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                         'opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
                         'manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" '
                         'manifest:media-type="text/xml"/></manifest:manifest>')
        archive.writestr("styles.xml", _STYLES)
        archive.writestr("content.xml", content.replace("\n", ""))  # no text between elements, as LibreOffice
    return path


_SHEET = f"""<table:table table:name="Lists &amp; notes">
<table:table-column table:default-cell-style-name="Default"/>
<table:table-column table:number-columns-repeated="2" table:default-cell-style-name="ce3"/>
<table:table-column table:number-columns-repeated="1021" table:default-cell-style-name="Default"/>
<table:table-row>{_text("Title", ' table:number-columns-spanned="3" table:number-rows-spanned="1"')}
<table:covered-table-cell table:number-columns-repeated="2"/>{_text("x")}</table:table-row>
<table:table-row>{_text("Case")}{_text("Passport")}{_text("Other")}{_text("Count")}</table:table-row>
<table:table-row table:number-rows-repeated="2">{_text("C-1")}{_number(901, extra=' table:number-columns-repeated="2"')}
{_number(3)}</table:table-row>
<table:table-row>{_text("C-2", ' table:number-columns-spanned="1" table:number-rows-spanned="2"')}{_number(42, "ce1")}
{_number(7, "ce2")}{_number(5, "Default")}</table:table-row>
<table:table-row table:default-cell-style-name="ce3"><table:covered-table-cell/>{_number(77, "Default")}
<table:table-cell/>{_number(12)}</table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/>
</table:table-row></table:table>"""


def test_styles_as_libreoffice_writes_them(tmp_path: Path, soffice: list[str]) -> None:
    path = _write_ods(tmp_path / "styles.ods", _SHEET)
    sheet = read_workbook(path).sheet()
    assert sheet.name == "Lists & notes"
    assert sheet.rows == [
        ["Title", "Title", "Title", "x"],
        ["Case", "Passport", "Other", "Count"],
        ["C-1", "901", "901", 3],  # the columns' default style (text, inherited from 'Passport')
        ["C-1", "901", "901", 3],  # ... in a repeated row too
        ["C-2", "000042", 7, 5],  # zero padding; a prefixed number stays a number; an explicit 'Default'
        ["C-2", 77, None, "12"],  # wins over the column; the row's default style shows 12 as text
    ]
    assert sheet.merged == [MergedRange(1, 1, 1, 3), MergedRange(5, 1, 6, 1)]
    shown = libreoffice_csv(soffice, path, tmp_path / "csv")
    assert shown is not None
    for row, seen in zip(sheet.rows, shown, strict=False):  # text we give is the text LibreOffice shows
        for cell, text in zip(row, seen, strict=False):
            if isinstance(cell, str) and cell not in ("Title", "C-1", "C-2"):  # merged-away cells show nothing
                assert cell == text
    assert shown[4][2] == "ID-000007"  # shown with its prefix, read as the number (as in .xlsx)


def test_limits_bound_what_is_reported(tmp_path: Path) -> None:
    path = _write_ods(tmp_path / "styles.ods", _SHEET)
    with zipfile.ZipFile(path) as archive:
        everything = ods_formats.scan_sheets(archive, max_rows=200_000, max_columns=500)
        bounded = ods_formats.scan_sheets(archive, max_rows=4, max_columns=2)
    assert dict(everything.text_cells["Lists & notes"]) == {(3, 2): "@", (3, 3): "@", (4, 2): "@", (4, 3): "@",
                                                            (5, 2): "000000", (6, 4): "@"}
    assert dict(bounded.text_cells["Lists & notes"]) == {(3, 2): "@", (4, 2): "@"}
    assert bounded.merged == {"Lists & notes": [(1, 1, 1, 3)]}


def test_a_row_repeated_many_times_is_not_stored_cell_by_cell(tmp_path: Path) -> None:
    body = ('<table:table table:name="S"><table:table-column table:number-columns-repeated="100" '
            'table:default-cell-style-name="ce3"/><table:table-row table:number-rows-repeated="20000">'
            + _number(5, extra=' table:number-columns-repeated="100"') + "</table:table-row></table:table>")
    with zipfile.ZipFile(_write_ods(tmp_path / "repeated.ods", body)) as archive:
        tracemalloc.start()
        try:
            found = ods_formats.scan_sheets(archive, max_rows=200_000, max_columns=500).text_cells["S"]
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert len(found) == 20_000 * 100 and found.get((20_000, 100)) == "@" and found.get((20_001, 1)) is None
    assert peak < 10 * 2**20  # a key per cell would take some 300 MB


def test_an_ods_cut_short_after_any_row_is_refused_not_read_forever(tmp_path: Path) -> None:
    """An attachment cut off in the middle: content.xml ends after a whole row inside an otherwise
    valid zip. python-calamine loops forever on such a file, so the reader checks the end first;
    each file is read in a child process that a timeout can stop."""
    import io
    import subprocess
    import sys
    import zipfile

    source = Path(__file__).parent.parent / "data" / "roster.ods"
    with zipfile.ZipFile(source) as archive:
        entries = [(info.filename, info.compress_type, archive.read(info.filename)) for info in archive.infolist()]
    content = next(data for name, _, data in entries if name == "content.xml")
    row_end = b"</table:table-row>"
    cuts = [at + len(row_end) for at in range(len(content)) if content.startswith(row_end, at)]
    assert len(cuts) > 5
    files = []
    for number, cut in enumerate(cuts):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, compression, data in entries:
                archive.writestr(name, content[:cut] if name == "content.xml" else data, compress_type=compression)
        path = tmp_path / f"cut-{number}.ods"
        path.write_bytes(buffer.getvalue())
        files.append(str(path))
    script = ("import sys\nfrom desktop_app.exchange.errors import CorruptFile\n"
              "from desktop_app.exchange.readers import read_workbook\n"
              "for name in sys.argv[1:]:\n"
              "    try:\n        read_workbook(name)\n        print('read', name)\n"
              "    except CorruptFile as exc:\n        print('refused', exc)\n")
    done = subprocess.run([sys.executable, "-c", script, *files], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parent.parent.parent)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(lines) == len(files)
    assert all(line.startswith("refused") and "truncated" in line for line in lines), lines
