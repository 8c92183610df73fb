"""Who may go: each household member's basis for evacuation and the evidence that basis needs.

    required_evidence(Basis.SPOUSE)                                  # (passport, marriage_certificate)
    required_evidence(Basis.CHILD, minor_with_one_parent=True)       # + consent of the other parent
    missing_evidence(Basis.SPOUSE, {Evidence.PASSPORT})              # [Evidence.MARRIAGE_CERTIFICATE]

The bases are those the German and Canadian crisis registries record for accompanying
non-citizens: the citizen, the citizen's spouse, child or parent, and other. Each needs the
person's own passport; a spouse the marriage certificate; a child the birth certificate (and,
a minor travelling with one parent, the other parent's consent); a parent the birth certificate
of the citizen child. 'other' needs the passport alone and is decided by the consul.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP


class Basis(StrEnum):
    CITIZEN = "citizen"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    OTHER = "other"


class Evidence(StrEnum):
    PASSPORT = "passport"
    MARRIAGE_CERTIFICATE = "marriage_certificate"
    BIRTH_CERTIFICATE = "birth_certificate"
    OTHER_PARENT_CONSENT = "other_parent_consent"


_REQUIRED: dict[Basis, tuple[Evidence, ...]] = {
    Basis.CITIZEN: (Evidence.PASSPORT,),
    Basis.SPOUSE: (Evidence.PASSPORT, Evidence.MARRIAGE_CERTIFICATE),
    Basis.CHILD: (Evidence.PASSPORT, Evidence.BIRTH_CERTIFICATE),
    Basis.PARENT: (Evidence.PASSPORT, Evidence.BIRTH_CERTIFICATE),
    Basis.OTHER: (Evidence.PASSPORT,),
}


def required_evidence(basis: Basis, *, minor_with_one_parent: bool = False) -> tuple[Evidence, ...]:
    required = _REQUIRED[basis]
    if basis is Basis.CHILD and minor_with_one_parent:
        required = (*required, Evidence.OTHER_PARENT_CONSENT)
    return required


def missing_evidence(basis: Basis, have: Iterable[Evidence], *, minor_with_one_parent: bool = False) -> list[Evidence]:
    held = set(have)
    return [e for e in required_evidence(basis, minor_with_one_parent=minor_with_one_parent) if e not in held]


def parse_basis(text: str) -> Basis:
    try:
        return Basis(text.strip().lower())
    except ValueError:
        raise ValidationError("basis", text, QT_TRANSLATE_NOOP("domain.eligibility", "is not one of {known}"),
                              known=", ".join(b.value for b in Basis)) from None


def parse_evidence(text: str) -> list[Evidence]:
    """'passport, marriage-certificate' -> [PASSPORT, MARRIAGE_CERTIFICATE]; '' -> []."""
    found = []
    for part in (p.strip().lower().replace("-", "_").replace(" ", "_") for p in text.split(",")):
        if not part:
            continue
        try:
            found.append(Evidence(part))
        except ValueError:
            raise ValidationError("evidence", part, QT_TRANSLATE_NOOP("domain.eligibility", "is not one of {known}"),
                                  known=", ".join(e.value for e in Evidence)) from None
    return list(dict.fromkeys(found))
