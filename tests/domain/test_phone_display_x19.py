"""Breaker X19 (issue 19): the display form made from patterns compiled once equals phonenumbers' own,
on numbers aimed at each format's leading digits (where choosing the format can go wrong), valid or
not, with a national prefix left in, a leading zero, and on the valid ones parsed back."""

from __future__ import annotations

import random
import re

import phonenumbers

from desktop_app.domain.phones import display_phone

INTERNATIONAL = phonenumbers.PhoneNumberFormat.INTERNATIONAL


def _as_phonenumbers_formats(e164: str) -> str:
    """What display_phone gave before issue 19: the stored number built as code and national number
    (parsed when it starts with a zero), formatted by phonenumbers."""
    digits = e164[1:]
    for length in (1, 2, 3):
        code = int(digits[:length])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            national = digits[length:]
            if national[:1] not in ("", "0"):
                number = phonenumbers.PhoneNumber(country_code=code, national_number=int(national))
                return phonenumbers.format_number(number, INTERNATIONAL)
            break
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164, None), INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


def _starts(generator: random.Random, code: int) -> list[str]:
    """Digit strings that begin as the code's formats' leading-digits patterns ask."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(
        code, phonenumbers.region_code_for_country_code(code).upper())
    found: set[str] = set()
    if metadata is not None:
        for number_format in (*metadata.number_format, *(metadata.intl_number_format or ())):
            for leading in number_format.leading_digits_pattern:
                pattern = re.compile(leading)
                for _ in range(40):
                    tail = "".join(generator.choices("0123456789", k=generator.randint(0, 4)))
                    start = str(generator.randint(1, 9)) + tail
                    if pattern.match(start):
                        found.add(start)
    return sorted(found) or ["1"]


def test_numbers_aimed_at_every_format_display_as_phonenumbers_formats_them() -> None:
    generator = random.Random(1919)
    checked = valid = 0
    for code in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE):
        starts = _starts(generator, code)
        for _ in range(30):
            national = (generator.choice(starts) + "".join(generator.choices("0123456789", k=generator.randint(0, 11))))
            for e164 in (f"+{code}{national[:17]}", f"+{code}0{national[:16]}"):
                assert display_phone(e164) == _as_phonenumbers_formats(e164), e164
                checked += 1
            try:
                number = phonenumbers.parse(f"+{code}{national[:17]}", None)
            except phonenumbers.NumberParseException:  # too short for phonenumbers: no stored number
                continue
            if phonenumbers.is_valid_number(number):
                stored = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                assert display_phone(stored) == phonenumbers.format_number(number, INTERNATIONAL), stored
                valid += 1
    assert checked > 10_000 and valid > 200, (checked, valid)
