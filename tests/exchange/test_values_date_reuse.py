"""A text date is parsed once per text and order hint (issue 14, the answer's read): reuse never mixes hints.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q tests/exchange/test_values_date_reuse.py
"""

from __future__ import annotations

from desktop_app.domain.dates import PartialDate
from desktop_app.exchange.values import DateOrder, parse_date_cell


def test_the_same_text_read_under_each_hint_keeps_each_reading() -> None:
    for _ in range(2):  # the second round is answered from what the first kept
        assert parse_date_cell("03/04/2008", DateOrder.DMY).value == PartialDate(2008, 4, 3)
        assert parse_date_cell("03/04/2008", DateOrder.MDY).value == PartialDate(2008, 3, 4)
        unsettled = parse_date_cell("03/04/2008")
        assert unsettled.value is None
        assert set(unsettled.readings) == {PartialDate(2008, 4, 3), PartialDate(2008, 3, 4)}


def test_a_refused_text_is_refused_again_with_its_own_words() -> None:
    first = parse_date_cell("31.02.2008")
    again = parse_date_cell("31.02.2008")
    assert first.value is None and again.value is None
    assert first.problem == again.problem and "31.02.2008" in str(first.problem)
    assert parse_date_cell("soon").value is None and "soon" in str(parse_date_cell("soon").problem)
