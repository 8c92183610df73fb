"""Breaker X19m on b3199e1: rows looked up again after a batch rank as with every block, on a roster of namesakes.

`RosterIndex.candidates_of` on a batch's index makes only the blocks its rows ask for
(`RosterBlocks.blocks`); the single lookups before it built every block (`_all_blocks`). The
builder's test uses a generated roster of 3,000; here the roster is what a list's namesakes look
like: hundreds of one name in Cyrillic, Arabic and Latin script (a block wider than `MAX_BLOCK`, blocks
narrowed by birth), fathers and sons named alike, twins, births missing or only a year, shared and
mistyped document numbers, our own case references echoed. Every row is looked up both ways.
"""

from __future__ import annotations

import random

from bench.matching_data import make_answer, make_roster, roster_record
from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex
from desktop_app.matching import MatchRecord, RosterIndex
from desktop_app.matching.engine import MAX_BLOCK, Candidate

_SURNAMES = (("Ахмед", "أحمد", "AHMED"), ("Мохаммед", "محمد", "MOHAMMED"), ("Хасан", "حسن", "HASSAN"))
_GIVEN = (("Али", "علي", "ALI"), ("Омар", "عمر", "OMAR"), ("Юсуф", "يوسف", "YUSUF"), ("Мохаммед", "محمد", "MOHAMMED"))


def _ranked(found: list[Candidate]) -> list[tuple[object, float, str, tuple[str, ...]]]:
    return [(c.key, round(c.score, 9), c.decision, c.reasons) for c in found]


def _namesakes(first_key: int, rng: random.Random) -> list[MatchRecord]:
    """Families of few names: fathers and sons alike, twins, births missing or a year, documents shared."""
    out: list[MatchRecord] = []
    key = first_key
    for family in range(700):
        surname = _SURNAMES[family % len(_SURNAMES)]
        father_given = _GIVEN[family % len(_GIVEN)]
        script = family % 3
        year = 1950 + family % 30
        father_birth = (None if family % 7 == 0 else PartialDate(year) if family % 5 == 0
                        else PartialDate(year, 1 + family % 12, 1 + family % 28))
        passport = f"N{rng.randrange(10**7):07d}"
        members = [(father_given, father_birth, Sex.MALE, (passport,))]
        son_birth = PartialDate(year + 25, 1, 1) if family % 4 else PartialDate(year + 25)
        members.append((father_given, son_birth, Sex.MALE, (passport[:-1] + "9",) if family % 3 == 0 else ()))
        if family % 6 == 0:  # twins
            members.append((_GIVEN[(family + 1) % len(_GIVEN)], son_birth, Sex.MALE, ()))
        for given, birth, sex, documents in members:
            if script == 0:
                record = MatchRecord(key=key, surname=surname[0], given_names=given[0], birth_date=birth, sex=sex,
                                     documents=documents, case_ref=f"CAI-{key:06d}", household_key=10_000 + family)
            elif script == 1:
                record = MatchRecord(key=key, full_name=f"{given[1]} {surname[1]}", birth_date=birth, sex=sex,
                                     documents=documents, case_ref=f"CAI-{key:06d}", household_key=10_000 + family)
            else:
                record = MatchRecord(key=key, surname=surname[0], given_names=given[0], surname_latin=surname[2],
                                     given_names_latin=given[2], birth_date=birth, sex=sex, documents=documents,
                                     case_ref=f"CAI-{key:06d}", household_key=10_000 + family)
            out.append(record)
            key += 1
    return out


def _rows(namesakes: list[MatchRecord], rng: random.Random) -> list[MatchRecord]:
    """A partner's rows about the namesakes: a name alone, a name and a year, a mistyped number, our reference."""
    rows: list[MatchRecord] = []
    for k, person in enumerate(rng.sample(namesakes, 160)):
        name = " ".join(filter(None, (person.given_names_latin or person.given_names, person.surname_latin
                                      or person.surname))) or person.full_name
        kind = k % 5
        birth = person.birth_date if kind in (1, 2) else PartialDate(person.birth_date.year) \
            if kind == 3 and person.birth_date else None
        documents = tuple(d[:-2] + "77" for d in person.documents) if kind == 2 else ()
        rows.append(MatchRecord(key=100_000 + k, full_name=name, birth_date=birth, documents=documents,
                                case_ref=person.case_ref if kind == 4 and k % 10 == 4 else None))
    rows.append(MatchRecord(key=200_000, full_name="AHMED ALI"))  # the widest name, nothing else
    rows.append(MatchRecord(key=200_001, full_name="علي أحمد", birth_date=PartialDate(1960)))
    rows.append(MatchRecord(key=200_002))  # an empty row
    return rows


def test_namesakes_looked_up_after_a_batch_rank_as_with_every_block() -> None:
    rng = random.Random(1917)
    people = make_roster(1_500, seed=61)
    namesakes = _namesakes(len(people) + 1, rng)
    wide = [MatchRecord(key=50_000 + k, surname="Ахмед", given_names="Али", birth_date=PartialDate(1980))
            for k in range(MAX_BLOCK + 50)]  # one name and year held by more than MAX_BLOCK
    roster = [roster_record(p) for p in people] + namesakes + wide
    generated, _ = make_answer(people, 200, seed=62)
    answer = generated + _rows(namesakes, rng)
    kept = RosterIndex(roster)
    copy = kept.fresh()  # as a kept index answers a reconcile
    copy.candidates_for_all(answer)
    every = RosterIndex(roster)
    every.candidates_for_all(answer)  # the same fit
    every._all_blocks()
    assert [_ranked(f) for f in copy.candidates_of(answer, limit=None)] == \
        [_ranked(every.candidates(record, limit=None)) for record in answer]
    assert copy._blocks is None
    tail = answer[-40:]  # a few rows at once, in another order
    assert [_ranked(f) for f in copy.candidates_of(tail[::-1], limit=5)] == \
        [_ranked(every.candidates(record, limit=5)) for record in tail[::-1]]
    namesake_rows = [f for f in every.candidates_of(answer[len(generated):], limit=None) if len(f) > 5]
    assert len(namesake_rows) > 50  # the namesakes crowd each other: the lookups say something
