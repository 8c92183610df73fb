"""Reading a .csv as the sender wrote it: its encoding, its delimiter, every cell as text.

    decode_text(data) -> (text, encoding name)
    sniff_delimiter(text) -> one of , ; TAB |
    read_csv_rows(data, max_rows) -> (rows of str | None, encoding, delimiter)

Encodings, in the order they are tried: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16
without a mark (NUL bytes in every other position); strict UTF-8; then Windows-1251
(Cyrillic) or Windows-1256 (Arabic), whichever reading makes more of its letters the
language's most frequent ones. Both single-byte code pages decode any byte, so a plain
"does it decode" test cannot choose between them; letter frequencies can, given a few
dozen letters. No third-party detector is used: the five encodings the missions receive
are told apart by these rules, and the tests pin each one.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Callable

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_LINES = 50
_UTF16_HIGH = frozenset({0x00, 0x04, 0x06})
# The ten most frequent letters of Russian and of Arabic running text (names and addresses).
_RUSSIAN_COMMON = set("оеаинтсрвл")
_ARABIC_COMMON = set("اليمونربهت")


class TooManyRows(Exception):
    """Raised by read_csv_rows past `max_rows`; the reader turns it into FileTooLarge."""


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of the encoding it was read in."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding), encoding
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    cyrillic = data.decode("cp1251", errors="replace")
    arabic = data.decode("cp1256")
    if _share(cyrillic, _RUSSIAN_COMMON, _is_cyrillic) >= _share(arabic, _ARABIC_COMMON, _is_arabic):
        return cyrillic, "cp1251"
    return arabic, "cp1256"


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes are UTF-16 with no mark, else None.

    In UTF-16 the high byte of Latin, Cyrillic and Arabic letters is 0x00, 0x04 or 0x06,
    bytes that 8-bit text never holds; they fill one parity of positions and not the other.
    """
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sum(byte in _UTF16_HIGH for byte in sample[0::2]) / len(sample[0::2])
    odd = sum(byte in _UTF16_HIGH for byte in sample[1::2]) / len(sample[1::2])
    if odd > 0.25 and even < 0.05:
        return "utf-16-le"
    if even > 0.25 and odd < 0.05:
        return "utf-16-be"
    return None


def _share(text: str, common: set[str], in_script: Callable[[str], bool]) -> float:
    """Of the non-ASCII characters, the share that are the language's most frequent letters.

    Counted over every non-ASCII character, not the script's letters alone: Cyrillic read as
    Windows-1256 gives Latin letters with accents (0xEE 'о' -> 'î') besides Arabic ones, and a
    one-word decision ("одобрен") then looked more Arabic than Russian.
    """
    letters = [ch for ch in text.lower() if not ch.isascii()]
    if not any(in_script(ch) for ch in letters):
        return 0.0
    return sum(ch in common for ch in letters) / len(letters)


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number (>1) of fields most often.

    Ties go to the earlier of , ; TAB |. A file of one column gives ','.
    """
    sample = "\n".join(text.splitlines()[:_SNIFF_LINES])
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        score = (count, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_rows(data: bytes, max_rows: int) -> tuple[list[list[str | None]], str, str]:
    """Rows of text cells (None for empty ones), the encoding and the delimiter found.

    Raises TooManyRows past `max_rows`.
    """
    text, encoding = decode_text(data)
    delimiter = sniff_delimiter(text)
    rows: list[list[str | None]] = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        if len(rows) >= max_rows:
            raise TooManyRows(f"more than {max_rows:,} rows")
        rows.append([cell if cell != "" else None for cell in row])
    return rows, encoding, delimiter
