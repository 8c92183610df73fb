"""The files the self-test makes on the spot and reads back, with nothing but the program's own libraries.

    write_xlsx(path, rows)       # openpyxl
    write_csv(path, rows)        # UTF-8 with a byte-order mark, as Excel saves "CSV UTF-8"
    write_ods(path, rows)        # an OpenDocument spreadsheet: a zip of XML, as LibreOffice writes it
    pdf_text(path)               # the text of a PDF Qt wrote, through its fonts' ToUnicode maps

A bundle carries no pdftotext: `pdf_text` reads the PDF's objects, inflates its streams, and
decodes each text-showing operator's glyph codes with the ToUnicode map of the font selected by
the last `Tf`. It reads what Qt's PDF writer produces (one glyph code of 2 bytes, fonts named in
a resource dictionary), not every PDF. Arabic letters come back from their presentation forms by NFKC.
"""

from __future__ import annotations

import csv
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

Rows = Sequence[Sequence[str]]


def write_xlsx(path: Path, rows: Rows) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_csv(path: Path, rows: Rows) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


_ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
_ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
 <office:body><office:spreadsheet>
  <table:table table:name="Roster">{rows}</table:table>
 </office:spreadsheet></office:body>
</office:document-content>"""


def write_ods(path: Path, rows: Rows) -> Path:
    """A one-sheet OpenDocument spreadsheet of text cells (the `mimetype` entry first and stored, as the
    format requires)."""
    body = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(cell)}</text:p></table:table-cell>'
            for cell in row) + "</table:table-row>"
        for row in rows)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", _ODS_CONTENT.format(rows=body), compress_type=zipfile.ZIP_DEFLATED)
    return path


# --- reading a PDF's text ---------------------------------------------------------------------------

_OBJECT = re.compile(rb"(\d+) 0 obj\b")
_LENGTH = re.compile(rb"/Length (\d+)(?: 0 R)?")
_FONT_ENTRY = re.compile(rb"/([A-Za-z0-9_.+-]+) (\d+) 0 R")
_CONTENT_TOKEN = re.compile(rb"/([A-Za-z0-9_.+-]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>")


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Each object's dictionary text and its stream's bytes (inflated when FlateDecode)."""
    found: dict[int, tuple[bytes, bytes | None]] = {}
    numbers = {int(m[1]): m.end() for m in _OBJECT.finditer(data)}
    plain = {number: data[start:data.find(b"endobj", start)].strip() for number, start in numbers.items()}
    position = 0
    for match in _OBJECT.finditer(data):
        if match.start() < position:
            continue  # inside a stream already read
        number, start = int(match[1]), match.end()
        head_end = data.find(b"stream", start)
        next_end = data.find(b"endobj", start)
        if head_end == -1 or next_end < head_end:
            found[number] = (plain[number], None)
            continue
        head = data[start:head_end]
        length_match = _LENGTH.search(head)
        if length_match is None:
            continue
        length = int(length_match[1])
        if length_match[0].endswith(b" R"):
            length = int(plain[length].split()[0])
        body_start = head_end + len(b"stream")
        body_start += 2 if data[body_start:body_start + 2] == b"\r\n" else 1
        raw = data[body_start:body_start + length]
        found[number] = (head, zlib.decompress(raw) if b"/FlateDecode" in head else raw)
        position = body_start + length
    return found


def _cmap(text: bytes) -> dict[int, str]:
    """A ToUnicode CMap's code -> text (bfchar and bfrange entries)."""
    mapping: dict[int, str] = {}

    def chars(hexes: bytes) -> str:
        return bytes.fromhex(hexes.decode()).decode("utf-16-be", errors="replace")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for code, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = chars(target)
    range_entry = rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])"
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, target, targets in re.findall(range_entry, block):
            codes = range(int(low, 16), int(high, 16) + 1)
            if target:  # <low> <high> <first>: consecutive characters
                mapping.update({code: chr(int(target, 16) + offset) for offset, code in enumerate(codes)})
            else:  # <low> <high> [<a> <b> ...]: one target each (Qt writes these)
                mapping.update(zip(codes, map(chars, re.findall(rb"<([0-9A-Fa-f]+)>", targets)), strict=False))
    return mapping


def pdf_text(path: Path) -> str:
    """The text a PDF shows, as its fonts' ToUnicode maps tell it (one line per text-showing run)."""
    objects = _objects(path.read_bytes())
    maps: dict[int, dict[int, str]] = {}
    for number, (head, _stream) in objects.items():
        if (found := re.search(rb"/ToUnicode (\d+) 0 R", head)) and (cmap := objects.get(int(found[1]))):
            maps[number] = _cmap(cmap[1] or b"")
    fonts: dict[bytes, dict[int, str]] = {}
    for head, _stream in objects.values():
        for block in re.findall(rb"/Font\s*<<(.*?)>>", head, re.S):
            for name, number in _FONT_ENTRY.findall(block):
                if int(number) in maps:
                    fonts[name] = maps[int(number)]
    lines: list[str] = []
    for _head, stream in objects.values():
        if stream is None or b"Tf" not in stream:
            continue
        current: dict[int, str] = {}
        for match in _CONTENT_TOKEN.finditer(stream):
            if match[1] is not None:
                current = fonts.get(match[1], {})
                lines.append("")
                continue
            digits = re.sub(rb"\s", b"", match[2])
            codes = [int(digits[i:i + 4], 16) for i in range(0, len(digits) - 3, 4)]
            lines[-1 if lines else 0:] = [(lines[-1] if lines else "") + "".join(current.get(c, "") for c in codes)]
    # Arabic glyphs map to their presentation forms (U+FExx): NFKC gives the letters back.
    return unicodedata.normalize("NFKC", "\n".join(line for line in lines if line))
