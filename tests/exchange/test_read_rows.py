"""A sheet's row is read as a whole when nothing in it needs a cell's own reading: the result must not differ."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.exchange.readers import SHARED_TEXTS, CellWarning, _cell, _row, _SharedTexts

VALUES = st.one_of(
    st.text(max_size=8), st.sampled_from(["", "a\r\nb", "x\u200by", "\u202eabc", "\x00", "  ", "Иванов", "0123"]),
    st.integers(-10**12, 10**12), st.floats(allow_nan=False), st.just(12.0), st.booleans(), st.none(),
    st.dates(), st.datetimes(), st.times(), st.timedeltas())


@given(st.lists(VALUES, max_size=12), st.booleans())
def test_a_row_reads_as_its_cells_read_one_by_one(raw: list[object], formatted: bool) -> None:
    text_cells = {(7, 2): "@", (7, 3): "0000000"} if formatted else {}
    by_row: list[CellWarning] = []
    by_cell: list[CellWarning] = []
    expected = [_cell(v, 7, c, text_cells, by_cell) for c, v in enumerate(raw, 1)]
    assert _row(raw, 7, text_cells, by_row, _SharedTexts()) == expected
    assert by_row == by_cell


def test_a_plain_row_is_taken_as_it_is() -> None:
    raw: list[object] = ["Иванов", "", dt.date(1980, 1, 2), True, None, "+201001234567"]
    warnings: list[CellWarning] = []
    expected = ["Иванов", None, dt.date(1980, 1, 2), True, None, "+201001234567"]
    assert _row(raw, 3, {}, warnings, _SharedTexts()) == expected
    assert warnings == []
    assert _row(["a\u200bb", 12.0], 3, {}, warnings, _SharedTexts()) == ["ab", 12] and len(warnings) == 1


def test_a_text_the_sheet_repeats_is_one_object() -> None:
    texts = _SharedTexts()
    first = _row(["".join(["Газа"]), "x\u200by"], 2, {}, [], texts)
    second = _row(["".join(["Газа"]), "x\u200by"], 3, {}, [], texts)
    assert first == second == ["Газа", "xy"]
    assert first[0] is second[0] and first[1] is second[1]


def test_the_texts_remembered_are_bounded() -> None:
    texts = _SharedTexts()
    for number in range(SHARED_TEXTS):
        _row([f"+2010{number:08d}"], number + 1, {}, [], texts)
    late = [_row([f"late {number}"], 1, {}, [], texts)[0] for number in (1, 1)]
    assert late[0] == late[1] and late[0] is not late[1]  # full: a text first seen now is not remembered
    early = _row([f"+2010{7:08d}"], 1, {}, [], texts)[0]
    assert early is _row([f"+2010{7:08d}"], 1, {}, [], texts)[0]  # one remembered before still is shared
