"""The gate code: ISO 7064 MOD 37-2 check character, and what a scanner types on other keyboard layouts."""

from __future__ import annotations

import segno
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.gate_codes import check_character, gate_code, keyboard_folded, read_scan

REFS = st.from_regex(r"[A-Z0-9][A-Z0-9\-]{0,15}", fullmatch=True)


def test_check_characters_of_the_standard() -> None:
    # ISO 7064's MOD 37-2 as python-stdnum publishes it ('G123498654321' -> 'H'), separators ignored.
    assert check_character("G123498654321") == "H"
    assert check_character("G-1042") == check_character("G1042") == "8"
    assert gate_code("MR-000123") == "MR-000123+U"


@settings(deadline=None)  # a loaded machine is no counter-example
@given(REFS, st.integers(min_value=0), st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
def test_one_wrong_character_is_always_caught(ref: str, position: int, replacement: str) -> None:
    letters = [i for i, ch in enumerate(ref) if ch.isalnum()]
    index = letters[position % len(letters)]
    changed = ref[:index] + replacement + ref[index + 1:]
    if changed != ref:
        assert not read_scan(f"{changed}+{check_character(ref)}").valid


@settings(deadline=None)
@given(REFS)
def test_a_code_reads_back_as_its_reference(ref: str) -> None:
    scan = read_scan(gate_code(ref))
    assert scan.coded and scan.valid and scan.case_ref == ref


def test_a_scanner_on_the_russian_layout_types_cyrillic_for_the_same_keys() -> None:
    assert keyboard_folded("ЬК-000123+Г") == "MR-000123+U"
    assert read_scan("ЬК-000123+Г").case_ref == "MR-000123" and read_scan("ЬК-000123+Г").valid
    assert keyboard_folded("Иванов") != "Иванов"  # folded only when Cyrillic is in it; Latin text stays
    assert keyboard_folded("G-1042") == "G-1042"


def test_typed_references_and_passports_are_not_codes() -> None:
    assert read_scan(" G-1042 ") == read_scan(" G-1042 ").__class__(" G-1042 ", "G-1042", False, False)
    assert not read_scan("72 1234567").coded


def test_the_code_needs_only_a_version_1_qr_symbol_for_usual_references() -> None:
    assert segno.make(gate_code("MR-000123"), error="m", micro=False).version == 1
