"""The model's roster counts made once per distinct name and birth date equal those made person by person.

Issue 19. `Model.with_term_frequencies`, `Model.with_twins`, `estimate_u` (and `look_alike_twins`) counted
every roster person at each opening; a roster repeats its names (namesakes share one tokens tuple,
`features.RosterPreparing`) and its birth dates, so the counts are now made per distinct name and date
(`roster_counts.RosterCounts`) and weighed by the persons carrying each. The figures must be EQUAL, not
close: this file keeps the person-by-person definitions as they were (session 15, before the change) and
compares on a roster with namesakes in three scripts (some sharing a tokens tuple, some equal in separate
ones), equal birth dates in one object and in several, twins in a household and look-alikes without one,
a person registered several times, and a group's number.

Usage: ``pytest tests/matching/test_model_counts_once.py``
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.comparisons import (
    BIRTH_F,
    D_EQUAL,
    DIFFERENT,
    DOCUMENT_ONE_OFF,
    LOCALITY_F,
    NAME_FIELDS,
    document_level,
    name_key,
    word_level,
)
from desktop_app.matching.features import GIVEN, PATRONYMIC, SURNAME, Prepared, RosterPreparing, prepare_fields
from desktop_app.matching.given_names import shipped_given_names
from desktop_app.matching.model import (
    MISSED_PRIOR,
    MISSED_PSEUDO_NAMES,
    TF_PSEUDO_NAMES,
    U_FLOOR,
    U_MIN_RECORDS,
    UNSEEN_PRIOR,
    UNSEEN_PSEUDO_NAMES,
    LookAlikes,
    Model,
    _agreeing_spellings,
    _family,
    _given_blocks,
    _groups,
    _look_alikes,
    _same_birth_date,
    estimate_u,
    look_alike_twins,
)
from desktop_app.matching.roster_counts import RosterCounts

# (surname, given name, surname in Latin, given name in Latin): one full name in three scripts and its variants.
NAMESAKES = [("محمد", "أحمد", "", ""), ("Mohammed", "Ahmed", "", ""), ("Muhammad", "Ahmad", "", ""),
             ("Мухаммед", "Ахмед", "Muhammed", "Akhmed"), ("Мухаммед", "Ахмед", "", "")]
SURNAMES = ["Иванов", "Petrov", "Haddad", "حداد", "Smith", "Nguyen", "Сидоров", "Kowalski", "Mansour", "Garcia",
            "Олейник", "Khalil", "Brown", "Abu Salem", "Taylor", "Васильев"]
GIVENS = ["Иван", "Пётр", "Sara", "سارة", "Omar", "عمر", "Anna", "Анна", "Yusuf", "Kyle", "Kyale", "Даниил",
          "Данила", "Maria", "Fatima", "Lina", "Ali", "Khaled", "John"]
GROUP_NUMBER = "GRP0001234"


def _roster(*, households: bool, seed: int = 7) -> list[Prepared]:
    """About 1,300 persons: most prepared as a roster is read (namesakes share one tokens tuple), some alone."""
    rng = random.Random(seed)
    preparing = RosterPreparing()
    shared_dates: dict[str, PartialDate] = {}
    out: list[Prepared] = []

    def add(surname: str, given: str, date: str | None, *, documents: tuple[str, ...] = (),
            household: str | None = None, surname_latin: str = "", given_latin: str = "", patronymic: str = "",
            locality: str = "") -> None:
        key = len(out) + 1
        if date is None:
            birth = None
        elif key % 3 == 0:  # an equal date in an object of its own
            birth = PartialDate.parse(date)
        else:
            birth = shared_dates.setdefault(date, PartialDate.parse(date))
        kept = household if households else None
        if key % 5 == 0:  # equal names in tokens of their own
            out.append(prepare_fields(key, surname=surname, given_names=given, patronymic=patronymic,
                                      surname_latin=surname_latin, given_names_latin=given_latin, birth_date=birth,
                                      documents=documents, household_key=kept, locality=locality))
        else:
            out.append(preparing.prepared(key, surname, given, patronymic, surname_latin, given_latin, birth, None,
                                          documents, None, None, kept, locality, ""))

    towns = ["Rafah", "Khan Younis", "Gaza", "Deir al-Balah", ""]
    for n in range(1_200):
        year = rng.randint(1950, 2020)
        date = (f"{year}" if n % 17 == 0 else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                if n % 23 else None)
        add(rng.choice(SURNAMES), rng.choice(GIVENS) if n % 29 else "", date,
            documents=(f"P{rng.randint(10**6, 10**7 - 1)}",) if n % 2 else (),
            household=f"h{n // 4}", patronymic=rng.choice(["", "Ivanovich", "Петрович"]),
            locality=rng.choice(towns))
    for n in range(60):  # a full name many carry, in three scripts, born on many days
        surname, given, surname_latin, given_latin = NAMESAKES[n % len(NAMESAKES)]
        add(surname, given, f"{1960 + n % 40}-{1 + n % 12:02d}-{1 + n % 27:02d}", surname_latin=surname_latin,
            given_latin=given_latin, household=f"m{n}", documents=(f"M{n:07d}",))
    for n in range(12):  # twins: one household, surname and birth date, two given names, passports in sequence
        date = f"{2001 + n}-03-{10 + n:02d}"
        add("Haddad", "Omar", date, documents=(f"T{n:06d}1",), household=f"t{n}")
        add("Haddad", "Khaled", date, documents=(f"T{n:06d}2",), household=f"t{n}")
    for n in range(4):  # one person registered four times, the date mistyped once
        add("Kowalski", "John", "1980-05-06" if n < 3 else "1980-06-05", documents=("K5550001",), household="k")
    for n in range(14):  # a group's travel document typed for each member
        add(rng.choice(SURNAMES), rng.choice(GIVENS), f"199{n % 10}-0{1 + n % 9}-1{n % 9}", documents=(GROUP_NUMBER,),
            household=f"g{n}")
    return out


# The person-by-person definitions as they were before the counts were made per distinct name (session 15).

def _old_term_frequencies(model: Model, records: Sequence[Prepared]) -> Model:
    tables: list[dict[str, float]] = []
    bases: list[float] = []
    agreeing = []
    for field, role in zip(NAME_FIELDS, (SURNAME, GIVEN, PATRONYMIC), strict=True):
        spellings = Counter(t.words for r in records for t in r.tokens if t.role == role)
        total = sum(spellings.values())
        base = model.u[field][0]
        agreeing.append(_agreeing_spellings(spellings))
        counts: dict[str, int] = {}
        for words, met in agreeing[-1].items():
            key = name_key(words)
            counts[key] = max(counts.get(key, 0), sum(spellings[other] for other in met))
        tables.append({key: (n + TF_PSEUDO_NAMES * base) / (total + TF_PSEUDO_NAMES) for key, n in counts.items()})
        bases.append(base)
    full_names = _old_full_name_persons(records, agreeing[0], agreeing[1])
    given_keys: list[str] = []
    in_family: list[tuple[str, int, int, int, str]] = []
    spelled: dict[str, tuple[str, ...]] = {}
    for record in records:
        named = [(name_key(t.words), t.words) for t in record.tokens if t.role == GIVEN]
        if named:
            keys = [given_key for given_key, _ in named]
            keys = keys if len(keys) < 2 else list(dict.fromkeys(keys))
            given_keys += keys
            for given_key, given_words in named:
                spelled.setdefault(given_key, given_words)
            family = _family(record)
            if family is not None:
                in_family += [(*family, key) for key in keys]
    given = Counter(given_keys)
    given_total = sum(given.values())
    alone = sum(1 for n in given.values() if n == 1)
    dictionary = shipped_given_names()
    missed = sum(1 for key, n in given.items() if n == 1 and not dictionary.knows(spelled[key]))
    places = Counter(r.locality for r in records if r.locality)
    total = sum(places.values())
    base = model.u[LOCALITY_F][0]
    holders = Counter(number for record in records for number in record.documents)
    return replace(model, term_frequencies=(tables[0], tables[1], tables[2]), given_counts=dict(given),
                   full_names=full_names or None, full_name_total=len(records),
                   group_documents=_groups(holders) or None, roster_size=len(records),
                   shared_numbers=frozenset(number for number, n in holders.items() if n > 1) or None,
                   given_in_family=dict(Counter(in_family)),
                   given_unseen=max(UNSEEN_PRIOR, (alone + UNSEEN_PSEUDO_NAMES * UNSEEN_PRIOR)
                                    / (given_total + UNSEEN_PSEUDO_NAMES)),
                   given_missed=(missed + MISSED_PSEUDO_NAMES * MISSED_PRIOR) / (alone + MISSED_PSEUDO_NAMES),
                   tf_base=(bases[0], bases[1], bases[2]), place_base=base,
                   place_frequencies={key: (n + TF_PSEUDO_NAMES * base) / (total + TF_PSEUDO_NAMES)
                                      for key, n in places.items()})


def _old_full_name_persons(records: Sequence[Prepared], surnames: dict[tuple[str, ...], frozenset[tuple[str, ...]]],
                           givens: dict[tuple[str, ...], frozenset[tuple[str, ...]]]) -> dict[tuple[str, str], int]:
    births: dict[tuple[tuple[str, ...], tuple[str, ...]], set[PartialDate]] = {}
    for record in records:
        if record.birth_date is None or not record.birth_date.is_full:
            continue
        surname_words = [t.words for t in record.tokens if t.role == SURNAME]
        given_words = [t.words for t in record.tokens if t.role == GIVEN]
        if len(surname_words) == 1 and len(given_words) == 1:
            births.setdefault((surname_words[0], given_words[0]), set()).add(record.birth_date)
    by_surname: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for surname, given in births:
        by_surname.setdefault(surname, []).append(given)
    out: dict[tuple[str, str], int] = {}
    for surname, own in by_surname.items():
        met: dict[tuple[str, ...], set[PartialDate]] = {}
        for other in surnames[surname]:
            for given in by_surname.get(other, ()):
                met.setdefault(given, set()).update(births[other, given])
        for given in own:
            dates = set().union(*(met.get(other, ()) for other in givens[given]))
            if len(dates) > 6:
                key = (name_key(surname), name_key(given))
                out[key] = max(out.get(key, 0), len(dates) - 6)
    return out


def _old_household_twins(records: Sequence[Prepared]) -> tuple[int, int]:
    """(twins, household members) as `Model.with_twins` counted them on a roster with households."""
    births: dict[tuple[object, object], list[frozenset[str]]] = {}
    members = 0
    for record in records:
        if record.household_key is None:
            continue
        members += 1
        if record.birth_date is not None and record.birth_date.is_full:
            births.setdefault((record.household_key, record.birth_date), []).append(_given_blocks(record))
    twins = sum(len(group) for group in births.values()
                if len(group) > 1 and any(not (a & b) for i, a in enumerate(group) for b in group[i + 1:]))
    return twins, members


def _old_same_birth_date(records: Sequence[Prepared]) -> float:
    days = Counter(record.birth_date for record in records
                   if record.birth_date is not None and record.birth_date.is_full)
    dated = sum(1 for record in records if record.birth_date is not None)
    return sum(n * (n - 1) for n in days.values()) / max(dated * (dated - 1), 1)


def _old_look_alikes(records: Sequence[Prepared]) -> LookAlikes:
    """`look_alike_twins`'s counts, as counted before."""
    groups: dict[tuple[int, int, int, str], list[int]] = {}
    surnames: Counter[str] = Counter()
    births: Counter[tuple[int, int, int]] = Counter()
    givens: Counter[str] = Counter()
    for position, record in enumerate(records):
        date = record.birth_date
        if date is None or date.month is None or date.day is None:
            continue
        surname = given = ""
        for token in record.tokens:
            if token.role == SURNAME:
                surname += " " + name_key(token.words)
            elif token.role == GIVEN:
                given += " " + name_key(token.words)
        if not surname:
            continue
        day = (date.year, date.month, date.day)
        surnames[surname] += 1
        births[day] += 1
        givens[given] += 1
        groups.setdefault((*day, surname), []).append(position)
    persons = sum(surnames.values())
    twins: set[int] = set()
    found = 0
    for group in groups.values():
        if len(group) < 2:
            continue
        by_given: dict[tuple[str, ...], list[int]] = {}
        for position in group:
            words = tuple(w for t in records[position].tokens if t.role == GIVEN for w in t.words)
            if words:
                by_given.setdefault(words, []).append(position)
        names = list(by_given.items())
        person = {position: position for position in group}  # registrations joined as one person

        def one(position: int, person: dict[int, int] = person) -> int:
            while person[position] != position:
                person[position] = position = person[person[position]]
            return position

        apart: list[tuple[int, int]] = []
        for i, (given_a, group_a) in enumerate(names):
            for other in group_a[1:]:
                person[one(other)] = one(group_a[0])
            for given_b, group_b in names[i + 1:]:
                if any(word_level(x, y)[0] != DIFFERENT for x in given_a for y in given_b):
                    person[one(group_b[0])] = one(group_a[0])
                    continue
                for a in group_a:
                    for b in group_b:
                        level = document_level(records[a].documents, records[b].documents)
                        if level == 0:
                            person[one(b)] = one(a)
                        elif level > DOCUMENT_ONE_OFF:
                            apart.append((a, b))
        for a, b in apart:
            # Two registrations joined by others that share a passport or a given name are one person.
            if one(a) != one(b):
                twins.update((a, b))
                found += 1
    def ordered(counts: Counter[Any]) -> float:
        return float(sum(n * (n - 1) for n in counts.values()))

    return LookAlikes(len(records), persons, len(twins), found, ordered(surnames), ordered(births), ordered(givens))


def _counted(model: Model) -> dict[str, object]:
    return {name: getattr(model, name) for name in (
        "term_frequencies", "tf_base", "given_counts", "given_in_family", "given_unseen", "given_missed",
        "full_names", "full_name_total", "group_documents", "roster_size", "shared_numbers", "place_frequencies",
        "place_base")}


def test_the_roster_holds_what_the_counts_are_about() -> None:
    """The roster below is not trivial: shared and separate tokens and dates, and each count has something."""
    records = _roster(households=True)
    assert len(records) >= U_MIN_RECORDS
    counts = RosterCounts(records)
    assert len({id(r.tokens) for r in records}) > len({tuple((t.role, t.words) for t in r.tokens) for r in records})
    assert len(counts.names) < len(records) and max(counts.name_records) >= 5
    assert len({id(r.birth_date) for r in records}) > len(counts.dates)
    model = Model.shipped().with_term_frequencies(records)
    assert model.full_names and model.group_documents == {GROUP_NUMBER: 14} and model.shared_numbers
    assert max(model.given_in_family.values()) >= 3  # type: ignore[union-attr]  # the person registered 4 times
    assert _old_household_twins(records)[0] >= 24


def test_name_frequencies_and_families_equal_the_person_by_person_counts() -> None:
    for households in (True, False):
        records = _roster(households=households)
        shipped = Model.shipped()
        assert _counted(shipped.with_term_frequencies(records)) == _counted(_old_term_frequencies(shipped, records))
        counts = RosterCounts(records)  # as the index passes them
        assert _counted(shipped.with_term_frequencies(records, counts)) == _counted(
            _old_term_frequencies(shipped, records))


def test_twins_equal_the_person_by_person_counts() -> None:
    records = _roster(households=True)
    twins, members = _old_household_twins(records)
    share = (twins + 1_000 * 0.03) / (members + 1_000)
    assert Model.shipped().with_twins(records).twin_share == share
    assert Model.shipped().with_twins(records, RosterCounts(records)).twin_share == share

    loose = _roster(households=False)
    found = _look_alikes(loose)
    assert found == _old_look_alikes(loose) == _look_alikes(loose, RosterCounts(loose))
    assert found.found > 0 and found.pairs > 0
    assert look_alike_twins(loose) == (found.twins(), found.persons)


def test_u_and_an_equal_birth_date_equal_the_person_by_person_counts() -> None:
    records = _roster(households=True)
    assert _same_birth_date(records) == _old_same_birth_date(records) > 0
    assert _same_birth_date(records, RosterCounts(records)) == _old_same_birth_date(records)
    shipped = Model.shipped()
    before = estimate_u(records, shipped, random.Random(3))
    assert estimate_u(records, shipped, random.Random(3), counts=RosterCounts(records)) == before
    assert before[BIRTH_F][D_EQUAL] == max(_old_same_birth_date(records), U_FLOOR)
