"""Numbers an .xlsx shows as text: zero-padded formats ('0000000') and the text format ('@').

python-calamine reads .xlsx about eight times faster than openpyxl but hands back numbers
without their number format, so a passport number stored as 123456 with the format
'0000000' would arrive as 123456 though the sender sees 0123456. This module finds, from
the workbook's styles, the few cell styles whose format makes a number read as text and,
only when such styles exist, scans the sheet's XML for the cells that use them:

    text_formatted_cells(zip_file) -> {sheet name: {(row, column): format code}}
    display_text(value, format_code) -> the text the sender sees, or None

Rows and columns are 1-based, as the spreadsheet shows them. Cells written without an
'r' attribute (allowed by the standard, written by no common tool) are not recovered.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BUILTIN_TEXT_FORMAT_ID = 49  # '@'
_ZERO_PADDED = re.compile(r"0{2,}")
_CHUNK = 1 << 20
_ATTR = re.compile(rb'\b([rt])="([^"]*)"')
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def text_formatted_cells(archive: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], str]]:
    """For each sheet name, the numeric cells whose style formats them as text or zero-padded."""
    styles = _text_styles(archive)
    if not styles:
        return {}
    found: dict[str, dict[tuple[int, int], str]] = {}
    for name, member in _sheet_members(archive).items():
        cells = _scan_sheet(archive, member, styles)
        if cells:
            found[name] = cells
    return found


def display_text(value: object, format_code: str) -> str | None:
    """The text a number shows under `format_code` ('@' or zeros), or None to keep the number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if format_code == "@":
        return str(int(value)) if float(value).is_integer() else format(value, ".15g")
    if float(value).is_integer() and value >= 0:
        return f"{int(value):0{len(format_code)}d}"
    return None


def _text_styles(archive: zipfile.ZipFile) -> dict[bytes, str]:
    """Cell style index (as it appears in s="...") -> format code, for text-like formats only."""
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return {}
    codes = {_BUILTIN_TEXT_FORMAT_ID: "@"}
    for fmt in root.iter(f"{_MAIN}numFmt"):
        code = fmt.get("formatCode", "")
        if code == "@" or _ZERO_PADDED.fullmatch(code):
            codes[int(fmt.get("numFmtId", "-1"))] = code
    cell_xfs = root.find(f"{_MAIN}cellXfs")
    if cell_xfs is None:
        return {}
    styles: dict[bytes, str] = {}
    for index, xf in enumerate(cell_xfs.iter(f"{_MAIN}xf")):
        code = codes.get(int(xf.get("numFmtId", "0")))
        if code is not None:
            styles[str(index).encode()] = code
    return styles


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML part inside the archive."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL}Relationship")}
    members: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        members[sheet.get("name", "")] = path
    return members


def _scan_sheet(archive: zipfile.ZipFile, member: str, styles: dict[bytes, str]) -> dict[tuple[int, int], str]:
    ids = b"|".join(re.escape(key) for key in styles)
    cell_tag = re.compile(rb'<(?:\w+:)?c\s[^>]*?\bs="(' + ids + rb')"[^>]*>')
    cells: dict[tuple[int, int], str] = {}
    tail = b""
    try:
        stream = archive.open(member)
    except KeyError:
        return cells
    with stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<")
            data, tail = data[:cut], data[cut:]
            for match in cell_tag.finditer(data):
                attrs = dict(_ATTR.findall(match.group(0)))
                ref = _CELL_REF.fullmatch(attrs.get(b"r", b"").decode("ascii", "replace"))
                if ref and attrs.get(b"t", b"n") == b"n":
                    cells[(int(ref.group(2)), _column_number(ref.group(1)))] = styles[match.group(1)]
    return cells


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
