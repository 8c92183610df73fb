"""How many SMS segments a message takes (GSM 03.38 / 3GPP TS 23.038), and links to reach a phone.

    count_segments("Bus at 7:00")        # Segments(encoding='GSM-7', units=11, segments=1, per_segment=160)
    count_segments("Автобус в 7:00")     # UCS-2: 70 characters in one segment, 67 each when split
    count_segments("Price 5€")           # '€' is in the extension table: it costs two septets
    phone_links("+201001234567", "Bus at 7:00")
    # PhoneLinks(tel='tel:+201001234567', sms='sms:+201001234567?body=Bus%20at%207%3A00',
    #            whatsapp='https://wa.me/201001234567?text=Bus%20at%207%3A00')

The 7-bit default alphabet holds 128 characters and its extension table (reached by an escape
septet, so each costs two) nine more; a message with any other character is sent in UCS-2,
counted in UTF-16 code units (an emoji outside the BMP takes two). A single message carries 160
septets or 70 units; a concatenated one keeps 7 septets (6 units) of each segment for its
header: 153 or 67. An escape pair or a surrogate pair is never split between two segments.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

GSM7_BASIC = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
              "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENSION = "\x0c^{}\\[~]|€"
_BASIC = frozenset(GSM7_BASIC) - {"\x1b"}
_EXTENSION = frozenset(GSM7_EXTENSION)
SINGLE = {"GSM-7": 160, "UCS-2": 70}
CONCATENATED = {"GSM-7": 153, "UCS-2": 67}


@dataclass(frozen=True)
class Segments:
    encoding: str  # 'GSM-7' or 'UCS-2'
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int
    per_segment: int  # 160/153 or 70/67, as this message is sent


def is_gsm7(text: str) -> bool:
    return all(ch in _BASIC or ch in _EXTENSION for ch in text)


def _costs(text: str) -> tuple[str, list[int]]:
    if is_gsm7(text):
        return "GSM-7", [2 if ch in _EXTENSION else 1 for ch in text]
    return "UCS-2", [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def count_segments(text: str) -> Segments:
    """The segments `text` is sent in (see the module docstring)."""
    encoding, costs = _costs(text)
    units = sum(costs)
    if units <= SINGLE[encoding]:
        return Segments(encoding, units, 1 if units else 0, SINGLE[encoding])
    limit, segments, used = CONCATENATED[encoding], 1, 0
    for cost in costs:  # greedy, never splitting a pair
        if used + cost > limit:
            segments, used = segments + 1, 0
        used += cost
    return Segments(encoding, units, segments, limit)


@dataclass(frozen=True)
class PhoneLinks:
    tel: str
    sms: str
    whatsapp: str


def phone_links(e164: str, text: str) -> PhoneLinks:
    """tel:, sms: (RFC 5724 body) and WhatsApp click-to-chat links for an E.164 number, the text URL-encoded."""
    if not (e164.startswith("+") and e164[1:].isdigit()):
        raise ValueError(f"{e164!r} is not an E.164 number")
    body = quote(text, safe="")
    return PhoneLinks(f"tel:{e164}", f"sms:{e164}?body={body}", f"https://wa.me/{e164[1:]}?text={body}")
