"""Numbers an .ods shows with leading zeros (a passport 0123456 stored as 123456).

python-calamine hands back the number; the OpenDocument file also holds the text the sender
sees (`<text:p>0123456</text:p>`) beside `office:value="123456"`. When the file's number
styles pad with zeros at all (`number:min-integer-digits` above 1), this module streams the
sheets' XML and returns those cells in the shape `xlsx_formats.text_formatted_cells` uses:

    zero_padded_cells(zip_file) -> {sheet name: {(row, column): zero-padding code}}

so that `xlsx_formats.display_text` turns the number back into the text. Rows and columns
are 1-based, repeated rows and columns counted as the spreadsheet shows them.
"""

from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_PADDING = re.compile(rb'min-integer-digits="([2-9]|\d{2,})"')


def zero_padded_cells(archive: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], str]]:
    """For each sheet name, the numeric cells whose shown text is the number with leading zeros."""
    names = set(archive.namelist())
    if not any(member in names and _PADDING.search(archive.read(member))
               for member in ("content.xml", "styles.xml")):
        return {}
    found: dict[str, dict[tuple[int, int], str]] = {}
    sheet = ""
    row = 0
    column = 0
    with archive.open("content.xml") as content:
        for event, element in ElementTree.iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_TABLE}table":
                    sheet, row = element.get(f"{_TABLE}name", ""), 0
                elif tag == f"{_TABLE}table-row":
                    column = 0
                continue
            if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
                code = _padding_code(element)
                if code:
                    cells = found.setdefault(sheet, {})
                    for offset in range(repeat):
                        cells[(row + 1, column + 1 + offset)] = code
                column += repeat
                element.clear()
            elif tag == f"{_TABLE}table-row":
                row += int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                element.clear()
    return found


def _padding_code(cell: ElementTree.Element) -> str | None:
    if cell.get(f"{_OFFICE}value-type") != "float":
        return None
    paragraph = cell.find(f"{_TEXT}p")
    shown = paragraph.text if paragraph is not None else None
    if not shown or len(shown) < 2 or not shown.isdigit() or not shown.startswith("0"):
        return None
    try:
        if float(cell.get(f"{_OFFICE}value", "nan")) != int(shown):
            return None
    except ValueError:
        return None
    return "0" * len(shown)
