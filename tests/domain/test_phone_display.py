"""A stored number's display form is what phonenumbers prints, and script detection keeps its ranges (issue 19)."""

from __future__ import annotations

import random

import phonenumbers
import pytest

from desktop_app.domain.names import has_arabic, has_cyrillic
from desktop_app.domain.phones import display_phone

INTERNATIONAL = phonenumbers.PhoneNumberFormat.INTERNATIONAL


def _examples() -> list[str]:
    numbers = [example for region in sorted(phonenumbers.SUPPORTED_REGIONS) for kind in range(12)
               if (example := phonenumbers.example_number_for_type(region, kind)) is not None]
    numbers += [example for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)
                if (example := phonenumbers.example_number_for_non_geo_entity(code)) is not None]
    return [phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164) for n in numbers]


def test_every_example_number_displays_as_phonenumbers_formats_it() -> None:
    examples = _examples()
    assert len(examples) > 1000
    for e164 in examples:
        assert display_phone(e164) == phonenumbers.format_number(phonenumbers.parse(e164, None), INTERNATIONAL), e164


def test_any_digits_after_a_calling_code_display_as_phonenumbers_formats_the_number() -> None:
    """Valid or not, as phonenumbers formats the number with that calling code and national number."""
    generator = random.Random(19)
    codes = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    for _ in range(10_000):
        code = generator.choice(codes)
        national = str(generator.randint(1, 9)) + "".join(generator.choices("0123456789", k=generator.randint(0, 13)))
        number = phonenumbers.PhoneNumber(country_code=code, national_number=int(national))
        assert display_phone(f"+{code}{national}") == phonenumbers.format_number(number, INTERNATIONAL), national


@pytest.mark.parametrize("text", ["", "+", "not a number", "+390212345678", "+20 100 123 4567"])
def test_what_is_no_stored_number_still_displays_as_before(text: str) -> None:
    try:
        expected = phonenumbers.format_number(phonenumbers.parse(text, None), INTERNATIONAL)
    except phonenumbers.NumberParseException:
        expected = text
    assert display_phone(text) == expected


@pytest.mark.parametrize(("text", "cyrillic", "arabic"), [
    ("", False, False), ("Ivanov", False, False), ("\u03ff\u0500", False, False), ("a\u0400", True, False),
    ("\u04ff", True, False), ("Иванов", True, False), ("\u05ff\u0700", False, False), ("\u0600", False, True),
    ("x\u06ff", False, True), ("حداد Иван", True, True)])
def test_scripts_are_told_by_their_unicode_blocks(text: str, cyrillic: bool, arabic: bool) -> None:
    assert (has_cyrillic(text), has_arabic(text)) == (cyrillic, arabic)
    assert not has_cyrillic(None) and not has_arabic(None)
