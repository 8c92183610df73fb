"""CSV files in every encoding the missions receive, with any delimiter; every cell stays text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.exchange import readers
from desktop_app.exchange.csv_text import decode_text, sniff_delimiter
from desktop_app.exchange.errors import FileTooLarge
from desktop_app.exchange.readers import FileFormat, read_workbook

RUSSIAN = [["Фамилия", "Имя", "Дата рождения", "№ паспорта"],
           ["Иванов", "Иван", "01.02.1980", "0123456"],
           ["Сидорова", "Мария", "1/2/1980", "007"]]
ARABIC = [["اسم العائلة", "الاسم الأول", "تاريخ الميلاد", "رقم جواز السفر"],
          ["الخطيب", "محمد", "1980-02-01", "0012345"],
          ["حداد", "فاطمة", "1975", "0098765"]]


def _csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    return "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"


@pytest.mark.parametrize(("encoding", "written", "rows", "found"), [
    ("utf-8", b"", RUSSIAN, "utf-8"),
    ("utf-8", codecs.BOM_UTF8, ARABIC, "utf-8-sig"),
    ("utf-16-le", codecs.BOM_UTF16_LE, RUSSIAN, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, ARABIC, "utf-16"),
    ("utf-16-le", b"", ARABIC, "utf-16-le"),
    ("cp1251", b"", RUSSIAN, "cp1251"),
    ("cp1256", b"", ARABIC, "cp1256"),
])
def test_each_encoding_is_detected(tmp_path: Path, encoding: str, written: bytes, rows: list[list[str]],
                                   found: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(written + _csv_text(rows).encode(encoding))
    book = read_workbook(path)
    assert book.format is FileFormat.CSV
    assert book.encoding == found
    assert book.sheets[0].name == "list"
    assert book.sheets[0].rows == rows


def test_cp1251_and_cp1256_are_told_apart_on_names_alone() -> None:
    russian = "Кузнецова\r\nСмирнов\r\nПопова\r\nСоколов\r\nЛебедева\r\n".encode("cp1251")
    arabic = "عبد الرحمن\r\nيوسف\r\nنور\r\nسلمى\r\nخالد\r\n".encode("cp1256")
    assert decode_text(russian)[1] == "cp1251"
    assert decode_text(arabic)[1] == "cp1256"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "list.csv"
    rows = [["Surname", "Given names", "Address"], ["Haddad", "Omar", "12, Tahrir St."]]
    quoted = [[f'"{cell}"' if delimiter == "," and "," in cell else cell for cell in row] for row in rows]
    path.write_text(_csv_text(quoted, delimiter), encoding="utf-8")
    book = read_workbook(path)
    assert book.delimiter == delimiter
    assert book.sheets[0].rows == rows


def test_cells_stay_text_and_ragged_rows_are_padded(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Passport;Born;Phone\n0012345;1/2/1980\n007;;+201001234567\n", encoding="utf-8")
    rows = read_workbook(path).sheets[0].rows
    assert rows == [["Passport", "Born", "Phone"], ["0012345", "1/2/1980", None], ["007", None, "+201001234567"]]


def test_control_characters_in_csv_are_removed_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"Surname,Notes\nIvanov\x07,ok\n")
    sheet = read_workbook(path).sheets[0]
    assert sheet.rows[1] == ["Ivanov", "ok"]
    assert [str(w) for w in sheet.warnings] == ["row 2, column A: removed 1 invisible control character(s)"]


def test_too_many_rows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Surname\n" + "Ivanov\n" * readers.MAX_ROWS, encoding="utf-8")
    with pytest.raises(FileTooLarge, match=r"long\.csv: the file has more than 200,000 rows"):
        read_workbook(path)
    path.write_text("Surname\n" + "Ivanov\n" * (readers.MAX_ROWS - 1), encoding="utf-8")
    assert len(read_workbook(path).sheets[0].rows) == readers.MAX_ROWS


def test_sniffer_defaults_to_comma_for_one_column() -> None:
    assert sniff_delimiter("Surname\nIvanov\nPetrov\n") == ","


_CELL = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs"], exclude_characters="\x00"),
                min_size=1, max_size=12).map(str.strip).filter(bool)


@given(rows=st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=2, max_size=6),
       delimiter=st.sampled_from([",", ";", "\t", "|"]))
def test_any_text_round_trips_through_utf8_csv(tmp_path_factory: pytest.TempPathFactory,
                                               rows: list[list[str]], delimiter: str) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "any.csv"
    path.write_bytes(codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))
    assert read_workbook(path).sheets[0].rows == rows
