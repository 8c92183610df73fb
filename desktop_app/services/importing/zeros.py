"""Phone and document numbers that lost their leading zeros on the way: a list opened in
LibreOffice Calc or Excel and saved again as CSV turns 0599112234 into 599112234 and a passport
0123456 into 123456 (the cell became a number). Such a value may still read as a valid number, so
nothing else would stop it; the import preview names the column and its rows, and flags each cell:

    found = lost_zeros(headers, mapping, data_rows, first_row=2)
    for column in found:
        print(column.message)   # "column C (Phone): 3 numbers start without the 0 ... (rows 2, 3, 5) ..."
        column.rows             # (2, 3, 5): the sheet's row numbers

A phone is suspect when it is digits only, does not start with 0, and is not an international
number whose '+' was left out. A document number is suspect when it is digits only and shorter
than the column's usual length (the length most of its digit-only numbers have).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message
from desktop_app.domain.phones import normalize_phone
from desktop_app.exchange.readers import column_letter
from desktop_app.exchange.values import cell_text

MAX_ROWS_NAMED = 12  # more rows than this are counted, not listed
MIN_PHONE_DIGITS = 7  # shorter digit runs are not phone numbers at all
MIN_DOCUMENT_SAMPLE = 2  # a usual length needs at least this many digit-only numbers agreeing

LOST_ZERO = QT_TRANSLATE_NOOP("services.import_zeros", "may have lost its leading zeros (a spreadsheet program "
                              "saving the file turns 0599112234 into 599112234): check it against the original")


@dataclass(frozen=True, slots=True)
class LostZeros:
    """A column whose numbers look cut: which, where, and one example."""

    index: int  # 0-based column index
    header: str
    kind: str  # "phone" or "document_number"
    rows: tuple[int, ...]
    example: str

    @property
    def column(self) -> str:
        return column_letter(self.index + 1)

    @property
    def message(self) -> Message:
        shown = ", ".join(str(row) for row in self.rows[:MAX_ROWS_NAMED]) + (" …" if len(self.rows) > MAX_ROWS_NAMED
                                                                              else "")
        template = (QT_TRANSLATE_NOOP("services.import_zeros", "column {column} ({header}): {count} phone numbers "
                                      "start without their 0 (e.g. {example}), as when a spreadsheet program saved "
                                      "the file and dropped leading zeros (rows {rows}): check them against the "
                                      "original list")
                    if self.kind == "phone" else
                    QT_TRANSLATE_NOOP("services.import_zeros", "column {column} ({header}): {count} document "
                                      "numbers are shorter than the others (e.g. {example}), as when a spreadsheet "
                                      "program saved the file and dropped leading zeros (rows {rows}): check them "
                                      "against the original list"))
        return Message(template, column=self.column, header=self.header, count=len(self.rows),
                       example=self.example, rows=shown)

    def __str__(self) -> str:
        return str(self.message)


def lost_zeros(headers: Sequence[str], mapping: dict[int, str], data_rows: Sequence[Sequence[Any]], *,
               first_row: int) -> list[LostZeros]:
    """The phone and document-number columns of `mapping` with numbers that look cut, in column order."""
    found: list[LostZeros] = []
    for index, target in sorted(mapping.items()):
        if target not in ("phone", "document_number"):
            continue
        # read as the checks go (each reads them once): a list of every row here was the preview's peak of memory
        values = ((first_row + offset, cell_text(cells[index]).strip() if index < len(cells) else "")
                  for offset, cells in enumerate(data_rows))
        suspects = _phones(values) if target == "phone" else _documents(values)
        if suspects:
            header = headers[index] if index < len(headers) else ""
            found.append(LostZeros(index, header, target, tuple(row for row, _ in suspects), suspects[0][1]))
    return found


def _phones(values: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    suspects = []
    for row, text in values:
        if not text.isdigit() or text.startswith("0") or len(text) < MIN_PHONE_DIGITS:
            continue
        try:
            normalize_phone("+" + text)  # an international number written without its '+': not cut
        except ValidationError:
            suspects.append((row, text))
    return suspects


def _documents(values: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    digits = [(row, text) for row, text in values if text.isdigit()]
    lengths = Counter(len(text) for _, text in digits)
    if not lengths:
        return []
    usual, agreeing = lengths.most_common(1)[0]
    if agreeing < MIN_DOCUMENT_SAMPLE:
        return []
    return [(row, text) for row, text in digits if len(text) < usual]
