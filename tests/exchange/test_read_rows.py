"""A sheet's row is read as a whole when nothing in it needs a cell's own reading: the result must not differ."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.exchange.readers import CellWarning, _cell, _row

VALUES = st.one_of(
    st.text(max_size=8), st.sampled_from(["", "a\r\nb", "x\u200by", "\u202eabc", "\x00", "  ", "Иванов", "0123"]),
    st.integers(-10**12, 10**12), st.floats(allow_nan=False), st.just(12.0), st.booleans(), st.none(),
    st.dates(), st.datetimes(), st.times(), st.timedeltas())


@given(st.lists(VALUES, max_size=12), st.booleans())
def test_a_row_reads_as_its_cells_read_one_by_one(raw: list[object], formatted: bool) -> None:
    text_cells = {(7, 2): "@", (7, 3): "0000000"} if formatted else {}
    by_row: list[CellWarning] = []
    by_cell: list[CellWarning] = []
    assert _row(raw, 7, text_cells, by_row) == [_cell(v, 7, c, text_cells, by_cell) for c, v in enumerate(raw, 1)]
    assert by_row == by_cell


def test_a_plain_row_is_taken_as_it_is() -> None:
    raw: list[object] = ["Иванов", "", dt.date(1980, 1, 2), True, None, "+201001234567"]
    warnings: list[CellWarning] = []
    assert _row(raw, 3, {}, warnings) == ["Иванов", None, dt.date(1980, 1, 2), True, None, "+201001234567"]
    assert warnings == []
    assert _row(["a\u200bb", 12.0], 3, {}, warnings) == ["ab", 12] and len(warnings) == 1
