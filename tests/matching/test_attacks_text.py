"""Breaker X14's attacks on the text of an answer: invisible characters and full-width digits.

Replayed: 'SOLO<zero-width space>VYEV AR<zero-width joiner>TEM' born on the roster person's day
went to review at 0.78 (the invisible character split the surname in two), and a passport number
typed in full-width digits ('７５１２３４５６７', as a Japanese or Chinese keyboard gives) did not
equal the roster's '751234567'.
"""

from __future__ import annotations

import random

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import normalize_document_number
from desktop_app.domain.scripts import fold_mixed_scripts
from desktop_app.matching import MatchRecord, RosterIndex

BORN = PartialDate(1985, 4, 7)


def _index() -> RosterIndex:
    rng = random.Random(2)
    surnames = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов"]
    given = ["Иван", "Пётр", "Сергей", "Алексей", "Андрей", "Дмитрий"]
    roster = [MatchRecord(100 + i, surname=rng.choice(surnames), given_names=rng.choice(given),
                          birth_date=PartialDate(1950 + rng.randrange(60), 1 + rng.randrange(12),
                                                 1 + rng.randrange(28)))
              for i in range(300)]
    return RosterIndex([*roster, MatchRecord(1, surname="Соловьёв", given_names="Артём", birth_date=BORN,
                                             documents=("751234567",))])


@pytest.mark.parametrize("name", [
    "SOLO\u200bVYEV AR\u200dTEM",        # zero-width space, zero-width joiner
    "SOLOV\u00adYEV ARTEM",              # soft hyphen
    "\ufeffSOLOVYEV AR\u2060TEM",        # byte-order mark, word joiner
    "SOLO\u200cVYEV ARTEM\u2069",        # zero-width non-joiner, pop directional isolate
])
def test_invisible_characters_do_not_split_a_name(name: str) -> None:
    found = _index().candidates(MatchRecord.from_full_name("q", name, birth_date=BORN))
    assert (found[0].key, found[0].decision) == (1, "match")


def test_a_document_in_full_width_digits_is_the_same_document() -> None:
    assert normalize_document_number("７５１２３４５６７") == "751234567"
    assert normalize_document_number("ＡＢ １２３") == "AB123"
    found = _index().candidates(MatchRecord.from_full_name("q", "SOLOVYEV ARTEM", documents=("７５１２３４５６７",)))
    assert (found[0].key, found[0].decision) == (1, "match")


def test_folding_invisible_characters_is_idempotent_and_leaves_plain_text() -> None:
    once = fold_mixed_scripts("Ива\u200bнов ARTЁ\u200fM")
    assert once == "Иванов ARTEM"
    assert fold_mixed_scripts(once) == once
    assert fold_mixed_scripts("Déir al-Baláh") == "Déir al-Baláh"
