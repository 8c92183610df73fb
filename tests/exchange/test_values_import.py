"""Reading one imported cell: dates in every common form, sex, countries, phones, Latin names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.person import Sex
from desktop_app.exchange.values import (
    DateOrder,
    cell_text,
    date_order_evidence,
    latin_name,
    parse_countries,
    parse_country,
    parse_date_cell,
    parse_phones,
    parse_sex_cell,
    prevalent_date_order,
)

FEB_1 = PartialDate(1980, 2, 1)


@pytest.mark.parametrize("value", [
    dt.date(1980, 2, 1), dt.datetime(1980, 2, 1, 13, 45), "01.02.1980", "1.2.1980", "1980-02-01", "1980/2/1",
    "13-02-1980".replace("13", "01"), "1 Feb 1980", "01-Feb-1980", "Feb 1, 1980", "February 1st 1980",
    "01-ФЕВ-1980", "1 февраля 1980", "1 февраля 1980 г.", "1 février 1980", "1er février 1980",
    "1 فبراير 1980", "1 شباط 1980", "١٩٨٠-٠٢-٠١", "01.02.80", 29252, 29252.75,
])
def test_dates_read_as_first_february_1980(value: object) -> None:
    parsed = parse_date_cell(value)
    if isinstance(value, str) and value.startswith("01-02"):
        assert parsed.ambiguous  # '01-02-1980' could be either order
        return
    assert parsed.value == FEB_1, parsed
    assert not parsed.ambiguous and parsed.problem is None


@pytest.mark.parametrize(("value", "expected"), [
    ("1980", PartialDate(1980)), (1980, PartialDate(1980)), ("1980 г.", PartialDate(1980)),
    ("02.1980", PartialDate(1980, 2)), ("1980-02", PartialDate(1980, 2)), ("Feb 1980", PartialDate(1980, 2)),
    ("февраль 1980", PartialDate(1980, 2)), ("13/2/1980", PartialDate(1980, 2, 13)),
    ("2/13/1980", PartialDate(1980, 2, 13)), ("5/5/1980", PartialDate(1980, 5, 5)),
])
def test_partial_and_unambiguous_dates(value: object, expected: PartialDate) -> None:
    assert parse_date_cell(value).value == expected


def test_ambiguous_date_is_never_guessed() -> None:
    parsed = parse_date_cell("1/2/1980")
    assert parsed.value is None
    assert parsed.ambiguous
    assert parsed.readings == (FEB_1, PartialDate(1980, 1, 2))
    assert "day/month or month/day" in (parsed.problem or "")


def test_ambiguous_date_takes_the_hint_and_stays_flagged() -> None:
    assert parse_date_cell("1/2/1980", DateOrder.DMY).value == FEB_1
    hinted = parse_date_cell("1/2/1980", DateOrder.MDY)
    assert hinted.value == PartialDate(1980, 1, 2)
    assert hinted.ambiguous and "MDY" in (hinted.problem or "")


@pytest.mark.parametrize("value", ["31.02.1980", "garbage", "12/31", "0", True, -5, 60, 3_000_000])
def test_non_dates_are_refused_with_a_reason(value: object) -> None:
    parsed = parse_date_cell(value)
    assert parsed.value is None
    assert parsed.problem


def test_empty_cells_are_no_date_and_no_problem() -> None:
    for value in (None, "", "   "):
        assert parse_date_cell(value).value is None
        assert parse_date_cell(value).problem is None


def test_excel_serials_around_the_1900_leap_bug() -> None:
    assert parse_date_cell(1).value == PartialDate(1900, 1, 1)
    assert parse_date_cell(59).value == PartialDate(1900, 2, 28)
    assert parse_date_cell(60).value is None  # Excel's 1900-02-29, a day that never was
    assert parse_date_cell(61).value == PartialDate(1900, 3, 1)
    assert parse_date_cell(36526).value == PartialDate(2000, 1, 1)
    assert parse_date_cell(45232).value == PartialDate(2023, 11, 2)


def test_two_digit_years_pivot_on_this_year() -> None:
    this_year = dt.date.today().year % 100
    assert parse_date_cell(f"01.02.{this_year:02d}").value == PartialDate(2000 + this_year, 2, 1)
    assert parse_date_cell(f"01.02.{(this_year + 1) % 100:02d}").value.year < 2000 + this_year + 1  # type: ignore[union-attr]


def test_prevalent_date_order() -> None:
    assert prevalent_date_order(["13/1/1980", "1/2/1980", "25/12/1990", "1/13/1990", None, 5]) is DateOrder.DMY
    assert prevalent_date_order(["1/13/1980", "2/28/1975", "1/2/1980"]) is DateOrder.MDY
    assert prevalent_date_order(["1/2/1980", "2/3/1981"]) is None  # nothing settles the order
    assert prevalent_date_order(["13/1/1980", "1/13/1980"]) is None
    # a column that writes dates with dots writes the day first (issue 13: '03/11/2008' beside '12.04.1979')
    assert prevalent_date_order(["03/11/2008", "12.04.1979", "01.02.1980"]) is DateOrder.DMY
    assert date_order_evidence(["03/11/2008", "12.04.1979", "25/06/1990"]) == (DateOrder.DMY,
                                                                               ("12.04.1979", "25/06/1990"))
    assert prevalent_date_order(["1/13/1980", "2/28/1975", "12.04.1979"]) is DateOrder.MDY  # votes decide


@given(st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_any_date_round_trips_through_its_common_forms(day: dt.date) -> None:
    expected = PartialDate.from_date(day)
    assert parse_date_cell(day).value == expected
    assert parse_date_cell(day.isoformat()).value == expected
    assert parse_date_cell(day.strftime("%d.%m.%Y")).value == expected
    assert parse_date_cell(day.strftime("%d %b %Y")).value == expected
    assert parse_date_cell(f"{day.month}/{day.day}/{day.year}", DateOrder.MDY).value == expected
    slashed = parse_date_cell(f"{day.day}/{day.month}/{day.year}", DateOrder.DMY)
    assert slashed.value == expected
    assert slashed.ambiguous == (day.day <= 12 and day.month != day.day)


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 12, 31)))
def test_excel_serial_numbers(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    if 1850 <= serial <= 2200:
        return  # read as a year alone, by design
    assert parse_date_cell(serial).value == PartialDate.from_date(day)
    assert parse_date_cell(serial + 0.5).value == PartialDate.from_date(day)


@given(st.text(max_size=20))
def test_date_parser_never_raises(text: str) -> None:
    parsed = parse_date_cell(text)
    assert parsed.value is None or isinstance(parsed.value, PartialDate)


@pytest.mark.parametrize(("value", "sex"), [
    ("M", Sex.MALE), ("m", Sex.MALE), ("Male", Sex.MALE), ("М", Sex.MALE), ("муж.", Sex.MALE),
    ("мужской", Sex.MALE), ("мужчина", Sex.MALE), ("ذكر", Sex.MALE), ("homme", Sex.MALE), ("H", Sex.MALE),
    ("F", Sex.FEMALE), ("female", Sex.FEMALE), ("Ж", Sex.FEMALE), ("жен", Sex.FEMALE), ("женщина", Sex.FEMALE),
    ("أنثى", Sex.FEMALE), ("انثي", Sex.FEMALE), ("Femme", Sex.FEMALE), ("F.", Sex.FEMALE), ("X", Sex.OTHER),
])
def test_sex_in_any_language(value: str, sex: Sex) -> None:
    assert parse_sex_cell(value) is sex


def test_unknown_sex_is_refused() -> None:
    with pytest.raises(ValidationError, match="sex"):
        parse_sex_cell("?")


@pytest.mark.parametrize(("text", "code"), [
    ("RUS", "RUS"), ("ru", "RUS"), ("Russia", "RUS"), ("Russian Federation", "RUS"), ("Россия", "RUS"),
    ("Российская Федерация", "RUS"), ("РФ", "RUS"), ("Russie", "RUS"), ("Fédération de Russie", "RUS"),
    ("روسيا", "RUS"), ("الاتحاد الروسي", "RUS"), ("Palestine", "PSE"), ("فلسطين", "PSE"), ("Палестина", "PSE"),
    ("Egypt", "EGY"), ("Египет", "EGY"), ("Égypte", "EGY"), ("مصر", "EGY"), ("مصري", "EGY"), ("EG", "EGY"),
    ("Jordanie", "JOR"), ("Иордания", "JOR"), ("الأردن", "JOR"), ("Syrie", "SYR"), ("Украина", "UKR"),
    ("без гражданства", "XXA"), ("XXA", "XXA"), ("Etats-Unis", "USA"),
])
def test_countries_in_four_languages(text: str, code: str) -> None:
    assert parse_country(text) == code


def test_unknown_country_is_refused() -> None:
    with pytest.raises(ValidationError, match="'Atlantis' is not a country"):
        parse_country("Atlantis")


def test_several_countries_in_one_cell() -> None:
    assert parse_countries("Россия, Египет") == ["RUS", "EGY"]
    assert parse_countries("RUS/PSE/RUS") == ["RUS", "PSE"]
    assert parse_countries("Russia and Egypt") == ["RUS", "EGY"]
    assert parse_countries("Россия и Палестина") == ["RUS", "PSE"]


def test_phones_to_e164_with_the_mission_region() -> None:
    assert parse_phones("0100 123 4567", "EG") == ["+201001234567"]
    assert parse_phones(201001234567, "EG") == ["+201001234567"]  # stored as a number, '+' lost
    assert parse_phones("+7 916 123-45-67; 01001234567", "EG") == ["+79161234567", "+201001234567"]
    assert parse_phones("", "EG") == []
    with pytest.raises(ValidationError, match="phone"):
        parse_phones("12", "EG")


def test_cell_text() -> None:
    assert cell_text(None) == ""
    assert cell_text(123456.0) == "123456"
    assert cell_text("0123456") == "0123456"
    assert cell_text(dt.datetime(1980, 2, 1)) == "1980-02-01"
    assert cell_text(dt.date(1980, 2, 1)) == "1980-02-01"


def test_latin_names_from_cyrillic_by_icao() -> None:
    assert latin_name("Щербаков") == "SHCHERBAKOV"
    assert latin_name("Юлия") == "IULIIA"
    assert latin_name("Иванов", "Ivanoff") == "IVANOFF"
    assert latin_name("حداد") == ""
