"""RowConverter reads each distinct value of a column once: the rows must not tell the difference."""

from __future__ import annotations

import datetime as dt

from desktop_app.services.importing.rows import MEMO_PROBE, RowConverter

HEADERS = ["Surname", "Notes", "Sex", "DOB", "Phone"]
MAPPING = {0: "surname", 1: "notes", 2: "sex", 3: "birth_date", 4: "phone"}


def converter() -> RowConverter:
    return RowConverter(HEADERS, MAPPING, phone_region="EG", today=dt.date(2025, 1, 1))


def test_equal_values_of_other_types_read_as_their_own_type() -> None:
    rows = converter()
    first, _ = rows.convert(2, ["A", True, None, None, None])
    second, _ = rows.convert(3, ["B", 1, None, None, None])
    third, _ = rows.convert(4, ["C", 1.5, None, None, None])
    assert first is not None and second is not None and third is not None
    assert (first.fields["notes"], second.fields["notes"], third.fields["notes"]) == ("True", "1", "1.5")


def test_a_repeated_bad_value_is_refused_on_every_row_with_its_own_number() -> None:
    rows = converter()
    for number in (2, 3, 4):
        _, problems = rows.convert(number, ["A", None, "?", "31.02.1980", None])
        assert {(p.row, p.column, p.value, p.blocking) for p in problems} == {
            (number, "C", "?", True), (number, "D", "31.02.1980", True)}


def test_a_mostly_distinct_column_reads_the_same_after_it_stops_remembering() -> None:
    rows = converter()
    phones = [rows.convert(n, ["A", None, None, None, f"+2010{n:08d}"])[0] for n in range(MEMO_PROBE + 50)]
    assert [data.phones for data in phones if data] == [(f"+2010{n:08d}",) for n in range(MEMO_PROBE + 50)]
    assert rows._memos[4] is None and rows._memos[0] is not None  # phone forgotten, surname still remembered
    _, problems = rows.convert(9999, ["A", None, None, None, "12"])
    assert [(p.row, p.column, p.value) for p in problems] == [(9999, "E", "12")]


def test_a_repeated_doubtful_relationship_is_flagged_on_every_row_as_of_the_converters_day() -> None:
    rows = RowConverter(["Surname", "DOB", "Relationship"], {0: "surname", 1: "birth_date", 2: "relationship"},
                        phone_region="EG", today=dt.date(2025, 1, 1))
    for number in (2, 3, 4):
        _, problems = rows.convert(number, ["A", "2014-06-01", "spouse"])
        assert [(p.row, p.column, p.blocking) for p in problems] == [(number, "C", False)]
        assert "is unlikely at 10 years old" in str(problems[0].message)
    _, problems = rows.convert(5, ["A", "2014-06-01", "child"])
    assert problems == []
