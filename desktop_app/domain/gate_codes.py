"""The code printed beside each person on a boarding list: the case reference and a check character.

The code carries nothing else (never a name or a passport number), so a lost boarding list
gives away no more than the case references printed on it anyway:

    from desktop_app.domain.gate_codes import gate_code, read_scan

    gate_code("G-1042")             # 'G-1042+8'  (what the QR code holds)
    read_scan("G-1042+8")           # Scan(text='G-1042+8', case_ref='G-1042', coded=True, valid=True)
    read_scan("П-1042+8")           # the same, typed by a scanner on a Russian keyboard layout
    read_scan("G-1042+K").valid     # False: the check character does not match (misread or typed wrong)
    read_scan("G-1042")             # Scan(..., coded=False): a case reference or a passport number, typed

The check character is ISO 7064 MOD 37-2 (the standard's alphanumeric pure system: one of
0-9, A-Z or '*') over the reference's letters and digits; it catches every single wrong
character and every swap of two neighbours. '+' separates it: it is not allowed in a case
reference, and a USB scanner types it with the same key on the US and Russian layouts.
A scanner is a keyboard: on a workstation set to the Russian layout it types 'П' for 'G'.
Text with Cyrillic letters in it is read back key by key as the US layout would have typed it.
"""

from __future__ import annotations

from dataclasses import dataclass

SEPARATOR = "+"
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"
_MODULUS = 37

# The keys of the Russian (ЙЦУКЕН) layout and what the same keys type on the US layout.
_RUSSIAN_KEYS = "йцукенгшщзхъфывапролджэячсмитьбю.ё" + "ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,Ё" + '"№;:?'
_US_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`" + 'QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?~' + "@#$^&"
_FROM_RUSSIAN_LAYOUT = str.maketrans(_RUSSIAN_KEYS, _US_KEYS)


def check_character(case_ref: str) -> str:
    """ISO 7064 MOD 37-2 check character over the letters and digits of `case_ref` (case-insensitive)."""
    total = 0
    for ch in case_ref.upper():
        value = _ALPHABET.find(ch)
        if 0 <= value < _MODULUS - 1:  # letters and digits; separators do not count
            total = ((total + value) * 2) % _MODULUS
    return _ALPHABET[(_MODULUS + 1 - total) % _MODULUS]


def gate_code(case_ref: str) -> str:
    """What the person's QR code holds: `case_ref`, '+', its check character."""
    return f"{case_ref}{SEPARATOR}{check_character(case_ref)}"


@dataclass(frozen=True)
class Scan:
    """What was scanned or typed at the gate, read.

    `coded`: it had the shape of a gate code (a '+' and one character after it); then `case_ref`
    is the reference it names and `valid` says whether the check character matched. Otherwise
    `case_ref` is the text as typed (a case reference or a passport number, to be looked up).
    """

    text: str
    case_ref: str
    coded: bool
    valid: bool


def keyboard_folded(text: str) -> str:
    """`text` as the US layout would have typed the same keys, when it has Cyrillic letters in it."""
    if any("\u0400" <= ch <= "\u04ff" or ch == "№" for ch in text):
        return text.translate(_FROM_RUSSIAN_LAYOUT)
    return text


def read_scan(text: str) -> Scan:
    """Read what the scanner (or an officer) typed; see the module docstring."""
    typed = keyboard_folded(text.strip())
    head, separator, check = typed.rpartition(SEPARATOR)
    if separator and head and len(check) == 1:
        return Scan(text, head, True, check.upper() == check_character(head))
    return Scan(text, typed, False, False)
