"""Countries as ISO 3166-1 alpha-3 codes (citizenship, document issuer)."""

from __future__ import annotations

from typing import Any

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP

# Codes in use on travel documents that ISO 3166 does not list (ICAO Doc 9303 part 3).
_DOCUMENT_ONLY_CODES = {"XXA": "Stateless person", "XXB": "Refugee", "XXX": "Unspecified nationality",
                        "UNO": "United Nations"}

# Everyday English names that ISO spells otherwise ("Russian Federation").
_SHORT_NAMES = {"russia": "RUS", "palestine": "PSE", "syria": "SYR", "iran": "IRN", "moldova": "MDA",
                "bolivia": "BOL", "venezuela": "VEN", "tanzania": "TZA", "vietnam": "VNM", "laos": "LAO",
                "south korea": "KOR", "north korea": "PRK", "uk": "GBR", "usa": "USA", "turkey": "TUR",
                "czech republic": "CZE", "gaza": "PSE", "west bank": "PSE"}


def _countries() -> Any:
    import pycountry  # ~30 ms to load: at the first lookup, not while the window starts

    return pycountry.countries


def normalize_country(text: str, field: str = "country") -> str:
    """The alpha-3 code for an alpha-3 or alpha-2 code or an English name ('Russia' -> 'RUS')."""
    key = text.strip()
    if not key:
        raise ValidationError(field, text, QT_TRANSLATE_NOOP("domain.countries", "is empty"))
    upper = key.upper()
    if upper in _DOCUMENT_ONLY_CODES:
        return upper
    found = None
    if len(upper) == 3:
        found = _countries().get(alpha_3=upper)
    elif len(upper) == 2:
        found = _countries().get(alpha_2=upper)
    if found is None:
        try:
            found = _countries().lookup(_SHORT_NAMES.get(key.casefold(), key))
        except LookupError:
            found = None
    if found is None:
        raise ValidationError(field, text,
                              QT_TRANSLATE_NOOP("domain.countries", "is not a country (use an ISO code such as RUS, "
                                                "PSE, EGY)"))
    return str(found.alpha_3)


def normalize_country_list(text: str, field: str = "citizenships") -> list[str]:
    """Several countries separated by commas, semicolons, slashes or spaces; order kept, no repeats."""
    codes: list[str] = []
    for part in text.replace(";", ",").replace("/", ",").split(","):
        for token in ([part] if len(part.strip()) > 3 else part.split()):
            if token.strip():
                code = normalize_country(token, field)
                if code not in codes:
                    codes.append(code)
    return codes


def alpha2(code: str) -> str | None:
    """ISO alpha-2 for a phone region; None for document-only codes."""
    found = _countries().get(alpha_3=code)
    return str(found.alpha_2) if found else None
