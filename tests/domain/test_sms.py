"""SMS segments by the GSM 03.38 rules, and the links to reach a phone."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from desktop_app.domain.sms import GSM7_BASIC, GSM7_EXTENSION, count_segments, is_gsm7, phone_links


def test_the_alphabets_have_their_sizes() -> None:
    assert len(GSM7_BASIC) == 128 and len(set(GSM7_BASIC)) == 128
    assert len(GSM7_EXTENSION) == 10  # form feed and ^ { } \ [ ~ ] | €


@pytest.mark.parametrize(("text", "encoding", "units", "segments"), [
    ("", "GSM-7", 0, 0),
    ("a" * 160, "GSM-7", 160, 1),
    ("a" * 161, "GSM-7", 161, 2),
    ("a" * 306, "GSM-7", 306, 2),  # 2 x 153
    ("a" * 307, "GSM-7", 307, 3),
    ("€" * 80, "GSM-7", 160, 1),  # extension characters cost two septets
    ("a" * 152 + "€" + "a" * 10, "GSM-7", 164, 2),  # the pair moves whole to the second segment
    ("a" * 152 + "€" * 77, "GSM-7", 306, 3),  # 152 + (0 room for a pair) -> 153 + 153 + ... = 3
    ("é, ü, Ñ, Δ and ¿", "GSM-7", 16, 1),  # accented Latin of the default alphabet
    ("я" * 70, "UCS-2", 70, 1),
    ("я" * 71, "UCS-2", 71, 2),
    ("я" * 134, "UCS-2", 134, 2),
    ("я" * 135, "UCS-2", 135, 3),
    ("مرحبا" * 14, "UCS-2", 70, 1),
    ("ç", "UCS-2", 1, 1),  # lower-case ç is not in the default alphabet (only Ç is)
    ("a😀" * 35, "UCS-2", 105, 2),  # an emoji outside the BMP is two UTF-16 units
])
def test_segments_follow_gsm_03_38(text: str, encoding: str, units: int, segments: int) -> None:
    counted = count_segments(text)
    assert (counted.encoding, counted.units, counted.segments) == (encoding, units, segments)


def test_a_surrogate_pair_is_never_split() -> None:
    # 134 units would fill two segments of 67 exactly, but the pair cannot straddle them: 66 | 67 | 1.
    assert count_segments("я" * 66 + "😀" + "я" * 66).segments == 3
    assert not is_gsm7("Автобус") and is_gsm7("Bus [7:00] {gate} ~ok~")


def test_links_carry_e164_and_url_encoded_text() -> None:
    text = "Сбор 14.11 в 07:00 & возьмите паспорта? #1"
    links = phone_links("+201001234567", text)
    assert links.tel == "tel:+201001234567"
    sms = urlsplit(links.sms)
    assert sms.scheme == "sms" and sms.path == "+201001234567" and parse_qs(sms.query)["body"] == [text]
    whatsapp = urlsplit(links.whatsapp)
    assert whatsapp.netloc == "wa.me" and whatsapp.path == "/201001234567"
    assert parse_qs(whatsapp.query)["text"] == [text]
    assert " " not in links.whatsapp and "&" not in links.whatsapp.split("?text=")[1]
    with pytest.raises(ValueError, match=r"E\.164"):
        phone_links("0100 123 4567", text)
