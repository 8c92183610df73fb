"""What an .ods shows that python-calamine does not give: numbers shown as text, and merged cells.

python-calamine hands back a number without its number style, and no merged ranges for .ods.
The OpenDocument file holds both: a cell names its cell style (or takes its row's or its
column's default style), the cell style names a data style, and a merged block is a cell with
table:number-columns-spanned / table:number-rows-spanned followed by covered cells. A
streamed pass over content.xml (after a search of its bytes for a merge, when no style shows
numbers as text) gives

    scan_sheets(zip_file, max_rows=..., max_columns=...) -> OdsLayout
    OdsLayout.text_cells = {sheet name: CellCodes {(row, column): format code}}
    OdsLayout.merged = {sheet name: [(first_row, first_column, last_row, last_column), ...]}

A number cell whose data style is the text format (a number:text-style holding nothing but
the text content: '@') or plain zero padding (one number:number with min-integer-digits
above 1, no decimals, no grouping: '0000000') is reported with that code, in the shape
`xlsx_formats.text_formatted_cells` gives, so that `xlsx_formats.display_text` turns it into
the text the sender sees by the same rule as in .xlsx. Other numbers and dates are left alone.
Rows and columns are 1-based, repeated rows and columns counted as the spreadsheet shows
them; cells beyond `max_rows` x `max_columns` are not reported (the reader refuses such sheets).

Speed (content.xml of a 10,000-row x 20-column roster is 24 MB; 2 cores): a file with neither
such a style nor a merge costs one search of its bytes (0.03 s). Otherwise row tags are found
with regular expressions, rows are only counted in stretches with nothing to report, and a
row is taken apart only where a merge or a number that may be shown as text sits (0.08 s for
a merged title, 0.17 s with a zero-padded number in every row, 0.24 s with a column formatted
as text; ElementTree.iterparse alone took 0.57 s). Memory: one 1 MB chunk plus the longest
row. The table elements are found by the prefix content.xml declares for their namespace
('table:' in every file seen).
"""

from __future__ import annotations

import bisect
import html
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO
from xml.etree import ElementTree

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_NUMBER = "{urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0}"
_CHUNK = 1 << 20
_MAX_PADDING = 64  # digits of a zero-padding code; a longer one is no identifier
_BODY = re.compile(rb"<(?:[\w.-]+:)?body[\s>]")
_ATTR = re.compile(rb"""(?:[\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SPANNED = b"-spanned="
_FLOAT = re.compile(rb"""value-type\s*=\s*["']float["']""")
_OWN_STYLE = re.compile(rb"""[\s:]style-name\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ROWS_REPEATED = re.compile(rb"""number-rows-repeated\s*=\s*["'](\d+)["']""")
_REPEATED = re.compile(rb"""number-columns-repeated\s*=\s*["'](\d+)["']""")

Range = tuple[int, int, int, int]


class CellCodes(Mapping[tuple[int, int], str]):
    """{(row, column): code}; repeated rows share one {column: code}, so a row repeated 100,000
    times costs 100,000 references, not a key per cell."""

    def __init__(self) -> None:
        self._rows: dict[int, dict[int, str]] = {}

    def add_rows(self, first: int, last: int, columns: dict[int, str]) -> None:
        for row in range(first, last + 1):
            self._rows[row] = columns

    def get(self, key: tuple[int, int], default: str | None = None) -> str | None:  # type: ignore[override]
        columns = self._rows.get(key[0])
        return columns.get(key[1], default) if columns else default

    def __getitem__(self, key: tuple[int, int]) -> str:
        return self._rows[key[0]][key[1]]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return ((row, column) for row, columns in self._rows.items() for column in columns)

    def __len__(self) -> int:
        return sum(len(columns) for columns in self._rows.values())

    def __bool__(self) -> bool:  # the reader asks for every cell; __len__ would add up every row
        return bool(self._rows)


@dataclass
class OdsLayout:
    text_cells: dict[str, CellCodes] = field(default_factory=dict)
    merged: dict[str, list[Range]] = field(default_factory=dict)
    complete: bool = False  # content.xml ends with its closing tag (calamine hangs on one cut short)


_DOCUMENT_END = re.compile(rb"</(?:[\w.-]+:)?document-content>\s*$")


class _Tail:
    """A stream that remembers how it ended."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.last = b""

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(size)
        if chunk:
            self.last = (self.last + chunk)[-64:]
        return chunk


def scan_sheets(archive: zipfile.ZipFile, *, max_rows: int, max_columns: int) -> OdsLayout:
    """Numbers shown as text and merged ranges of every sheet in the .ods `archive`.

    Raises KeyError without content.xml and ElementTree.ParseError for broken styles.
    """
    with archive.open("content.xml") as opened:
        stream = _Tail(opened)
        prologue, body = _split_prologue(stream)  # type: ignore[arg-type]
        prefix, content_styles = _parse_prologue(prologue)
        codes = _cell_style_codes(content_styles, _styles_part(archive))
        scan = _BodyScan(prefix, codes, max_rows, max_columns)
        if codes:
            scan.run(stream, body)  # type: ignore[arg-type]
            return _ended(scan.layout, body + stream.last)
        if not _contains(stream, body, _SPANNED):  # type: ignore[arg-type]
            return _ended(scan.layout, body + stream.last)  # the common case: the body only searched
    with archive.open("content.xml") as opened:  # a merge was found past the start: read again
        stream = _Tail(opened)
        body = _split_prologue(stream)[1]  # type: ignore[arg-type]
        scan.run(stream, body)  # type: ignore[arg-type]
    return _ended(scan.layout, body + stream.last)


def _ended(layout: OdsLayout, tail: bytes) -> OdsLayout:
    layout.complete = _DOCUMENT_END.search(tail[-64:]) is not None
    return layout


def _split_prologue(stream: IO[bytes]) -> tuple[bytes, bytes]:
    """content.xml before its office:body (the styles), and what has been read of the body."""
    data = b""
    while chunk := stream.read(_CHUNK):
        searched = max(0, len(data) - 64)
        data += chunk
        found = _BODY.search(data, searched)
        if found:
            return data[:found.start()], data[found.start():]
    return data, b""


def _parse_prologue(prologue: bytes) -> tuple[bytes, list[ElementTree.Element]]:
    """The prefix of the table namespace ('table:' unless declared otherwise on the root) and the
    finished elements before the body."""
    parser = ElementTree.XMLPullParser(events=("start-ns", "end"))
    parser.feed(prologue)  # the document is left open: the body is scanned as bytes
    prefix: bytes | None = None
    elements = []
    for event, item in parser.read_events():
        if event == "start-ns":
            name, uri = item  # type: ignore[misc]
            if uri == _TABLE_NS and prefix is None:
                prefix = f"{name}:".encode() if name else b""
        else:
            elements.append(item)  # type: ignore[arg-type]
    return b"table:" if prefix is None else prefix, elements


def _styles_part(archive: zipfile.ZipFile) -> list[ElementTree.Element]:
    try:
        data = archive.read("styles.xml")
    except KeyError:
        return []
    return list(ElementTree.fromstring(data).iter())


def _cell_style_codes(*parts: list[ElementTree.Element]) -> dict[str, str]:
    """Cell style name -> '@' or '000…' for the styles that show a number as text.

    content.xml's automatic styles come first and win over styles.xml's of the same name.
    """
    data_codes: dict[str, str | None] = {}
    cell_styles: dict[str, tuple[str | None, str | None]] = {}
    for elements in parts:
        for element in elements:
            name = element.get(f"{_STYLE}name")
            if name is None:
                continue
            if element.tag == f"{_STYLE}style":
                if element.get(f"{_STYLE}family") == "table-cell":
                    cell_styles.setdefault(name, (element.get(f"{_STYLE}data-style-name"),
                                                  element.get(f"{_STYLE}parent-style-name")))
            elif element.tag.startswith(_NUMBER):
                data_codes.setdefault(name, _data_style_code(element))

    def code(name: str) -> str | None:
        style = name
        for _ in range(16):  # a chain of parent styles; a cycle in a broken file ends here
            data_style, parent = cell_styles.get(style, (None, None))
            if data_style is not None:
                return data_codes.get(data_style)
            if parent is None:
                return None
            style = parent
        return None

    return {name: found for name in cell_styles if (found := code(name))}


def _data_style_code(element: ElementTree.Element) -> str | None:
    parts = [child for child in element if child.tag != f"{_STYLE}text-properties"]
    if len(parts) != 1:
        return None  # prefixes, suffixes, conditions (style:map): not a plain identifier
    part = parts[0]
    if element.tag == f"{_NUMBER}text-style":
        return "@" if part.tag == f"{_NUMBER}text-content" else None
    if element.tag != f"{_NUMBER}number-style" or part.tag != f"{_NUMBER}number" or len(part):
        return None
    digits = part.get(f"{_NUMBER}min-integer-digits", "1")
    if (part.get(f"{_NUMBER}decimal-places", "0") != "0" or part.get(f"{_NUMBER}grouping") == "true"
            or not digits.isdigit() or not 2 <= int(digits) <= _MAX_PADDING):
        return None
    return "0" * int(digits)


def _contains(stream: IO[bytes], start: bytes, needle: bytes) -> bool:
    data = start
    while True:
        if needle in data:
            return True
        chunk = stream.read(_CHUNK)
        if not chunk:
            return False
        data = data[-len(needle):] + chunk


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    """Attributes by local name ('office:value-type' and 'calcext:value-type' agree)."""
    return {match[1]: match[2] if match[2] is not None else match[3] for match in _ATTR.finditer(tag)}


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return html.unescape(text) if "&" in text else text


def _count(attributes: dict[bytes, bytes], name: bytes) -> int:
    raw = attributes.get(name, b"1")
    return max(1, int(raw)) if raw.isdigit() else 1


class _BodyScan:
    """Walks the body's rows; looks into a row only where it may hold something to report."""

    def __init__(self, prefix: bytes, codes: dict[str, str], max_rows: int, max_columns: int) -> None:
        table = re.escape(prefix)
        self._tags = re.compile(rb"<(/?)" + table + rb"(table-row|table-column|table)(?=[\s/>])([^>]*)>")
        self._row_start = b"<" + prefix + b"table-row"
        self._row_starts = re.compile(b"<" + table + rb"table-row(?=[\s/>])")
        self._table_parts = re.compile(b"<" + table + rb"table(?:-column)?(?=[\s/>])")
        self._cell_starts = (b"<" + prefix + b"table-cell", b"<" + prefix + b"covered-table-cell")
        # Marks of a cell to look at: a merge, a style that shows numbers as text, and (only where
        # a row's or column's default style does) any number. Each is searched for in a whole chunk:
        # one pattern per literal is several times faster than their alternation or a search per row.
        self._marks = [re.compile(re.escape(_SPANNED))]
        if codes:
            names = b"|".join(re.escape(_xml_escaped(name)) for name in codes)
            self._marks.append(re.compile(rb"""style-name\s*=\s*["'](?:""" + names + rb""")["']"""))
        self._codes = codes
        self._max_rows = max_rows
        self._max_columns = max_columns
        self.layout = OdsLayout()
        self._sheet = ""
        self._row = 0
        self._column_ends: list[int] = []  # the last column of each table:table-column, with
        self._column_styles: list[str | None] = []  # its default cell style
        self._columns_shown_as_text = False

    def run(self, stream: IO[bytes], body: bytes) -> None:
        """Scan the body: `body` already read, the rest from `stream`; whole rows at a time."""
        data = body
        while chunk := stream.read(_CHUNK):
            data += chunk
            cut = data.rfind(self._row_start)
            if cut == 0:
                continue  # one row longer than a chunk: read on
            if cut < 0:
                cut = data.rfind(b"<")  # no row open: keep only a tag cut in half
            self._feed(data[:cut])
            data = data[cut:]
        self._feed(data)

    def _feed(self, data: bytes) -> None:
        # Numbers matter only under a column's or row's default style (the attribute names both).
        numbers = bool(self._codes) and (self._columns_shown_as_text or b"default-cell-style-name" in data)
        marks = _Marks(data, sorted(found.start() for pattern in self._marks for found in pattern.finditer(data)),
                       [found.start() for found in _FLOAT.finditer(data)] if numbers else [])
        if not marks.cells and not marks.numbers and self._table_parts.search(data) is None:
            # Nothing to look at in these rows (most of a long list below a merged title): count them.
            self._row += len(self._row_starts.findall(data)) + sum(
                max(1, int(count)) - 1 for count in _ROWS_REPEATED.findall(data))
            return
        row_tag = b""
        row_start: int | None = None
        for match in self._tags.finditer(data):
            closing, name, attributes = match.groups()
            if name == b"table-row":
                if closing:
                    if row_start is not None:
                        self._row_ended(row_tag, marks, row_start, match.start())
                    row_start = None
                elif attributes.endswith(b"/"):
                    self._row_ended(attributes, marks, 0, 0)
                else:
                    row_tag, row_start = attributes, match.end()
            elif closing:
                continue
            elif name == b"table":
                self._table_started(_attributes(attributes))
            elif name == b"table-column":
                self._column(_attributes(attributes))

    def _table_started(self, attributes: dict[bytes, bytes]) -> None:
        self._sheet = _text(attributes.get(b"name", b""))
        self._row = 0
        self._column_ends, self._column_styles = [], []
        self._columns_shown_as_text = False

    def _column(self, attributes: dict[bytes, bytes]) -> None:
        last = (self._column_ends[-1] if self._column_ends else 0) + _count(attributes, b"number-columns-repeated")
        raw = attributes.get(b"default-cell-style-name")
        style = _text(raw) if raw is not None else None
        self._column_ends.append(last)
        self._column_styles.append(style)
        self._columns_shown_as_text |= style in self._codes

    def _row_ended(self, tag: bytes, marks: _Marks, start: int, end: int) -> None:
        """The row whose start tag holds `tag` and whose cells are marks.data[start:end]."""
        attributes = _attributes(tag) if b"repeated" in tag or b"default-cell" in tag else {}
        first = self._row + 1
        repeat = _count(attributes, b"number-rows-repeated")
        self._row += repeat
        if first > self._max_rows or start == end:
            return
        raw = attributes.get(b"default-cell-style-name")
        row_style = _text(raw) if raw is not None else None
        at = marks.within(start, end, numbers=self._columns_shown_as_text or row_style in self._codes)
        if not at:
            return
        data = marks.data
        shown_as_text: dict[int, str] = {}
        column = 0  # columns of the cells that start before `counted`
        counted = start
        looked = -1
        for mark in at:
            tag_start = data.rfind(b"<", start, mark)
            if tag_start <= looked or not data.startswith(self._cell_starts, tag_start):
                continue  # the cell already looked at, or a mark outside a cell's tag (a text span's style)
            column += self._columns(data, counted, tag_start)
            counted = looked = tag_start
            if column >= self._max_columns:
                break
            self._cell(data[tag_start:data.find(b">", tag_start, end)], first, column + 1, row_style, shown_as_text)
        if shown_as_text:
            self.layout.text_cells.setdefault(self._sheet, CellCodes()).add_rows(
                first, min(first + repeat - 1, self._max_rows), shown_as_text)

    def _columns(self, data: bytes, start: int, end: int) -> int:
        """How many columns the cells starting in data[start:end] take."""
        cells = data.count(self._cell_starts[0], start, end) + data.count(self._cell_starts[1], start, end)
        return cells + sum(int(found) - 1 for found in _REPEATED.findall(data, start, end))

    def _cell(self, tag: bytes, row: int, column: int, row_style: str | None, shown_as_text: dict[int, str]) -> None:
        """The cell at `row`, `column` whose start tag is `tag`: a merge, or numbers shown as text (by column)."""
        if _SPANNED in tag:
            attributes = _attributes(tag)
            across = _count(attributes, b"number-columns-spanned")
            down = _count(attributes, b"number-rows-spanned")
            if across > 1 or down > 1:
                self.layout.merged.setdefault(self._sheet, []).append(
                    (row, column, row + down - 1, column + across - 1))
        if _FLOAT.search(tag) is None:
            return
        # Most numbers marked by a default style sit in other columns: no full parse of their tags.
        named = _OWN_STYLE.search(tag)
        own = _text(named[1] if named[1] is not None else named[2]) if named else None
        repeated = _REPEATED.search(tag)
        last_column = min(column + (max(1, int(repeated[1])) if repeated else 1) - 1, self._max_columns)
        for at in range(column, last_column + 1):
            style = own if own is not None else row_style or self._column_style(at)
            code = self._codes.get(style) if style else None
            if code:
                shown_as_text[at] = code

    def _column_style(self, column: int) -> str | None:
        index = bisect.bisect_left(self._column_ends, column)
        return self._column_styles[index] if index < len(self._column_styles) else None


@dataclass
class _Marks:
    """Where in `data` cells may hold something to report: sorted offsets."""

    data: bytes
    cells: list[int]  # merges and styles that show numbers as text
    numbers: list[int]  # every number, where a default style may show it as text

    def within(self, start: int, end: int, *, numbers: bool) -> list[int]:
        found = self.cells[bisect.bisect_left(self.cells, start):bisect.bisect_left(self.cells, end)]
        if numbers:
            found = sorted(found + self.numbers[bisect.bisect_left(self.numbers, start):
                                                bisect.bisect_left(self.numbers, end)])
        return found


def _xml_escaped(name: str) -> bytes:
    return name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").encode()
