"""The evidence each basis for evacuation needs."""

from __future__ import annotations

import pytest

from desktop_app.domain.eligibility import Basis, Evidence, missing_evidence, parse_evidence, required_evidence
from desktop_app.domain.errors import ValidationError

E = Evidence


@pytest.mark.parametrize(("basis", "one_parent", "required"), [
    (Basis.CITIZEN, False, [E.PASSPORT]),
    (Basis.SPOUSE, False, [E.PASSPORT, E.MARRIAGE_CERTIFICATE]),
    (Basis.CHILD, False, [E.PASSPORT, E.BIRTH_CERTIFICATE]),
    (Basis.CHILD, True, [E.PASSPORT, E.BIRTH_CERTIFICATE, E.OTHER_PARENT_CONSENT]),
    (Basis.PARENT, False, [E.PASSPORT, E.BIRTH_CERTIFICATE]),
    (Basis.SPOUSE, True, [E.PASSPORT, E.MARRIAGE_CERTIFICATE]),  # consent concerns minors only
    (Basis.OTHER, False, [E.PASSPORT]),
])
def test_required_evidence_follows_the_basis(basis: Basis, one_parent: bool, required: list[Evidence]) -> None:
    assert list(required_evidence(basis, minor_with_one_parent=one_parent)) == required
    assert missing_evidence(basis, required, minor_with_one_parent=one_parent) == []
    assert missing_evidence(basis, [], minor_with_one_parent=one_parent) == required


def test_evidence_is_read_as_typed_and_unknown_words_are_refused() -> None:
    assert parse_evidence("passport, marriage-certificate, Passport") == [E.PASSPORT, E.MARRIAGE_CERTIFICATE]
    assert parse_evidence("") == []
    with pytest.raises(ValidationError, match="'visa' is not one of passport"):
        parse_evidence("passport, visa")
