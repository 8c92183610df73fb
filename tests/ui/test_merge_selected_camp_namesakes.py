"""'Merge selected into one…' must not merge unseen two distinct camp namesakes who share the office's number
(breaker X22d, session 20).

25695ce lets a pair left to look at ('review') be merged among the selected when its two records are alike in every
field shown (names, a birth date, sex) and hold one same document: meant for the copies of a file imported many times
over (G36's star). On a camp roster (`tests/matching/test_duplicates_identical_copies._camp`: 20,000 distinct
persons, the commonest names, a third born on the 1 January, most typing the office's own number for want of one)
the finder leaves two pairs of DIFFERENT persons to look at that are just as alike and hold the same number, the
office's (AL-AHMAD MARYAM HUSSEIN 1 January 1979, ZAATARI, two households): selected with a pair each is linked
through, they were merged into one person with nobody comparing them. Now only a pair the finder offers as copies
(`DuplicateCandidate.copies`: `engine.IDENTICAL`, said by a star's copies left to review) is merged so.
"""

from __future__ import annotations

import random

from desktop_app.matching.engine import find_duplicates
from desktop_app.matching.records import MatchRecord
from desktop_app.services.duplicates import DuplicateCandidate, PersonBrief
from desktop_app.services.reconciling.reconcile import differing_fields
from desktop_app.ui.merge_dialog import _needs_a_look
from tests.matching.test_duplicates_identical_copies import _camp

OFFICES_NUMBER = ("AB1234567",)


def _brief(number: int, record: MatchRecord) -> PersonBrief:
    return PersonBrief(number, f"MR-{number:06d}", f"{record.surname} {record.given_names}", "",
                       str(record.birth_date), record.sex or "", tuple(record.documents), record.household_key or "",
                       "registered")


def test_distinct_camp_namesakes_sharing_the_offices_number_need_a_look() -> None:
    roster = _camp(random.Random(3), 20_000, OFFICES_NUMBER)  # distinct persons, each once
    number = {record.key: position for position, record in enumerate(roster, start=1)}
    by_key = {record.key: record for record in roster}
    left_to_look = [DuplicateCandidate(_brief(number[pair.key_a], by_key[pair.key_a]),
                                       _brief(number[pair.key_b], by_key[pair.key_b]), pair.score, pair.decision,
                                       pair.reasons, differing_fields(pair.reasons))
                    for pair in find_duplicates(roster) if pair.decision != "match"]
    sharing = [pair for pair in left_to_look if set(pair.a.documents) & set(pair.b.documents)]
    assert sharing  # the office's number: the finder leaves them to look at
    assert [(pair.a.name, pair.a.birth_date) for pair in sharing if not _needs_a_look(pair)] == []
