"""A roster and a border authority's answer with the truth between them, all from one seed.

    bench = generate(seed=2, roster_size=3000, answer_size=1000)
    write(bench, Path("out/seed-2"))    # roster.xlsx, answer.xlsx, truth.csv

Seed 1 is the tuning seed (an engine's weights and thresholds may be chosen on it); seeds
2-5 are the report seeds. The same seed and sizes always give the same files, byte for
byte apart from the workbooks' timestamps.

The roster is what the mission keeps: names as written (Cyrillic, or Arabic for
Palestinians), the passport's Latin spelling, sex, birth date, passport, household and
relationship, with the headers the import reads. The answer is one sheet of approvals as a
border authority writes it: one name column in the authority's own spelling and order
(`SURNAME Given`, `Given SURNAME`, `SURNAME, Given`), birth date, sex, nationality, travel
document. `truth.csv` gives, for each answer row (numbered as the spreadsheet shows it),
the roster's case number of the same person or nothing, and the changes made to the row
(the tags `python -m bench.independent` breaks its figures down by).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field, replace
from pathlib import Path

import openpyxl

from bench.independent import rates
from bench.independent.people import PS, RU, Person, Population
from bench.independent.spelling import arabic_variant, cyrillic_in_arabic, homoglyph, pick, romanise, typo

TUNING_SEED = 1
REPORT_SEEDS = (2, 3, 4, 5)
ROSTER_HEADERS = ("Case No", "Household", "Relationship", "Surname", "Given names", "Patronymic",
                  "Surname (Latin)", "Given names (Latin)", "Sex", "Date of birth", "Citizenship", "Passport No")
ANSWER_HEADERS = ("No.", "Full name", "Date of birth", "Sex", "Nationality", "Passport No.")
_NATIONALITY = {RU: "Russian Federation", PS: "Palestine"}


@dataclass
class AnswerRow:
    """One row of the answer and what the truth knows about it."""

    name: str
    birth: dt.date | None
    sex: str
    nationality: str
    document: str
    case_ref: str | None           # the roster person this row is, or None
    tags: list[str] = field(default_factory=list)


@dataclass
class Bench:
    seed: int
    roster: list[tuple[str, Person]]   # (case number, person)
    answer: list[AnswerRow]


def generate(seed: int, roster_size: int = 3000, answer_size: int = 1000, relatives: float = 0.0) -> Bench:
    """The roster (about `roster_size` persons, whole households) and an answer of `answer_size` rows.

    `relatives` > 0 adds round(answer_size * relatives) rows for relatives of roster persons who are
    not on the roster (a twin, a brother or sister, a son named after his father), tagged in the truth
    'relative twin' and so on with 'kin RU-...' for the roster person; they are drawn from their own
    random stream after the rest, so the other rows are the same as without them (in the same order,
    the new rows put between them). `relatives` = 0 gives the files the bench always gave.
    """
    rng = random.Random(seed)
    people = Population(rng)
    roster: list[tuple[str, Person]] = []
    households: list[list[int]] = []
    while len(roster) < roster_size:
        members = people.household(f"H-{len(households) + 1:05d}")
        households.append(list(range(len(roster), len(roster) + len(members))))
        roster += [(f"RU-{len(roster) + i + 1:06d}", person) for i, person in enumerate(members)]
    on_roster = round(answer_size * (1 - rates.NOT_ON_ROSTER))
    chosen: list[int] = []
    for household in rng.sample(households, len(households)):
        chosen += [i for i in household if rng.random() < 0.9]  # most of a family is approved together
        if len(chosen) >= on_roster:
            break
    rows = [_answer_row(roster[i][1], roster[i][0], people, rng) for i in chosen[:on_roster]]
    outsiders = Population(random.Random(f"outsiders-{seed}"), numbers=people.numbers)
    extra: list[Person] = []
    while len(rows) + len(extra) < answer_size:
        if rng.random() < rates.NAMESAKE_OF_ROSTER:
            _, twin = rng.choice(roster)
            extra.append(_namesake(twin, people, rng))
        else:
            extra += outsiders.household(f"X-{len(extra)}")
    rows += [_answer_row(person, None, people, rng, ["not on roster"]) for person in extra[: answer_size - len(rows)]]
    rng.shuffle(rows)
    if relatives > 0:
        _add_relatives(rows, roster, people.numbers, seed, round(answer_size * relatives))
    return Bench(seed, roster, rows)


def _add_relatives(rows: list[AnswerRow], roster: list[tuple[str, Person]], numbers: set[str], seed: int,
                   count: int) -> None:
    """Put `count` rows for roster persons' relatives not on the roster at random places among `rows`."""
    rng = random.Random(f"relatives-{seed}")
    relatives = Population(rng, numbers=numbers)
    # A woman who is not a child on the roster may carry her husband's surname: her siblings would not.
    siblings_of = [(ref, p) for ref, p in roster if p.relationship == "child" or p.sex == "M"]
    fathers = [(ref, p) for ref, p in roster
               if p.sex == "M" and p.citizenship == RU and p.ar_given is None and p.birth.year <= 2005]
    for _ in range(count):
        kind = pick(rates.RELATIVE_KINDS, rng)
        if kind == "son named after father":
            ref, kin = rng.choice(fathers)
            person, label = relatives.son_named_after(kin), kind
        else:
            ref, kin = rng.choice(siblings_of)
            person = relatives.twin_of(kin) if kind == "twin" else relatives.sibling_of(kin)
            label = kind if kind == "twin" else ("brother" if person.sex == "M" else "sister")
        tags = ["not on roster", f"relative {label}", f"kin {ref}"]
        if kind == "twin" and person.passport and kin.passport and abs(int(person.passport) - int(kin.passport)) <= 2:
            tags.append("passport in sequence")
        rows.insert(rng.randrange(len(rows) + 1), _answer_row(person, None, relatives, rng, tags))


def _namesake(person: Person, people: Population, rng: random.Random) -> Person:
    """Someone else with `person`'s names: another birth date and passport."""
    shift = rng.choice((-1, 1)) * rng.randint(200, 20000)
    birth = dt.date.fromordinal(min(person.birth.toordinal() + shift, dt.date(2025, 12, 31).toordinal()))
    passport = people.number("ps" if person.citizenship == PS else "ru")
    return replace(person, birth=birth, passport=passport, id_card=people.number("id") if person.id_card else "")


def _russian_name(person: Person, rng: random.Random, tags: list[str]) -> tuple[str, str, str]:
    """Surname, given name and patronymic of a Russian citizen as the authority writes them."""
    patronymic = person.patronymic if rng.random() < rates.PATRONYMIC_IN_ANSWER else ""
    if rng.random() < rates.ANSWER_IN_ARABIC:
        tags.append("arabic script")
        surname = person.ar_surname.arabic if person.ar_surname else cyrillic_in_arabic(person.surname)
        given = person.ar_given.arabic if person.ar_given else cyrillic_in_arabic(person.given)
        return surname, given, cyrillic_in_arabic(patronymic)
    if person.latin_surname and rng.random() < rates.COPIED_FROM_PASSPORT:
        tags.append("passport spelling")
        scheme = pick(rates.AUTHORITY_SCHEMES, rng)
        return person.latin_surname, person.latin_given, romanise(patronymic, scheme)
    scheme = pick(rates.AUTHORITY_SCHEMES, rng)
    tags.append(f"scheme {scheme}")
    surname, given = romanise(person.surname, scheme), romanise(person.given, scheme)
    if person.ar_surname and rng.random() < 0.5:
        surname = rng.choices(person.ar_surname.latin, person.ar_surname.weights)[0]
        tags.append("arabic spelling")
    if person.ar_given and rng.random() < 0.5:
        given = rng.choices(person.ar_given.latin, person.ar_given.weights)[0]
        tags.append("arabic spelling")
    return surname, given, romanise(patronymic, scheme)


def _palestinian_name(person: Person, rng: random.Random, tags: list[str]) -> tuple[str, str, str]:
    """Family name, given name and (sometimes) father's name of a Palestinian as the authority writes them."""
    assert person.ar_surname and person.ar_given
    father = person.ar_father if person.ar_father and rng.random() < rates.AR_FATHER_IN_ANSWER else None
    if father:
        tags.append("father's name")
    if rng.random() < rates.ANSWER_IN_ARABIC:
        tags.append("arabic script")
        return (arabic_variant(person.surname, rng), arabic_variant(person.given, rng),
                arabic_variant(father.arabic, rng) if father else "")
    father_latin = rng.choices(father.latin, father.weights)[0] if father else ""
    if person.latin_surname and rng.random() >= rates.AR_SPELLING_NOT_COPIED:
        tags.append("passport spelling")
        return person.latin_surname, person.latin_given, father_latin
    tags.append("arabic spelling")
    return (rng.choices(person.ar_surname.latin, person.ar_surname.weights)[0],
            rng.choices(person.ar_given.latin, person.ar_given.weights)[0], father_latin)


def _mistype(text: str, rate: float, what: str, rng: random.Random, tags: list[str]) -> str:
    if not text or not text.isascii() or rng.random() >= rate:
        return text
    for _ in range(2 if rng.random() < rates.TYPO_SECOND else 1):
        text, kind = typo(text, rng)
        if kind != "none":
            tags.append(f"typo {what} {kind}")
    return text


def _capitalised(text: str) -> str:
    """'AL-KHATIB' -> 'Al-Khatib', "OL'GA" -> "Ol'ga": a name typed in mixed case."""
    return " ".join("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
                    for word in text.split(" "))


def _full_name(surname: str, given: str, middle: str, order: str) -> str:
    given = f"{given} {middle}".strip()
    if order == "SURNAME Given":
        return f"{surname} {given}"
    if order == "Given SURNAME":
        return f"{given} {surname}"
    return f"{surname}, {given}"


def _birth(person: Person, rng: random.Random, tags: list[str]) -> dt.date | None:
    born = person.birth
    roll = rng.random()
    if roll < rates.DOB_MISSING:
        tags.append("birth missing")
        return None
    roll -= rates.DOB_MISSING
    if roll < rates.DOB_SWAP and born.day <= 12 and born.day != born.month:
        tags.append("birth day/month swapped")
        return born.replace(month=born.day, day=born.month)
    roll -= rates.DOB_SWAP
    if roll < rates.DOB_DIGIT:
        text = born.strftime("%Y%m%d")
        for _ in range(20):
            i = rng.randrange(len(text))
            changed = text[:i] + str(rng.randrange(10)) + text[i + 1:]
            try:
                new = dt.datetime.strptime(changed, "%Y%m%d").date()
            except ValueError:
                continue
            if new != born and 1900 < new.year <= 2025:
                tags.append("birth digit")
                return new
        return born
    roll -= rates.DOB_DIGIT
    if person.citizenship == PS and roll < rates.DOB_JAN_FIRST:
        tags.append("birth 1 January")
        return born.replace(month=1, day=1)
    return born


def _document(person: Person, people: Population, rng: random.Random, tags: list[str]) -> str:
    if person.citizenship == PS and rng.random() < rates.DOC_ID_CARD:
        tags.append("identity card")
        return person.id_card
    roll = rng.random()
    if roll < rates.DOC_MISSING or not person.passport:
        tags.append("document missing")
        return ""
    roll -= rates.DOC_MISSING
    if roll < rates.DOC_RENEWED:
        tags.append("passport renewed")
        return people.number("ps" if person.citizenship == PS else "ru")
    roll -= rates.DOC_RENEWED
    if roll < rates.DOC_TYPO:
        tags.append("document typo")
        i = rng.randrange(len(person.passport))
        digit = rng.choice([d for d in "0123456789" if d != person.passport[i]])
        return person.passport[:i] + digit + person.passport[i + 1:]
    return person.passport


def _answer_row(person: Person, case_ref: str | None, people: Population, rng: random.Random,
                tags: list[str] | None = None) -> AnswerRow:
    tags = list(tags or [])
    tags.append("palestinian" if person.citizenship == PS else "russian")
    if person.citizenship == PS:
        surname, given, middle = _palestinian_name(person, rng, tags)
        order = pick(rates.AR_ORDER, rng)
    else:
        surname, given, middle = _russian_name(person, rng, tags)
        order = pick(rates.RU_ORDER, rng)
    surname = _mistype(surname, rates.TYPO_SURNAME, "surname", rng, tags)
    given = _mistype(given, rates.TYPO_GIVEN, "given", rng, tags)
    case = str.upper if rng.random() < rates.UPPER_CASE else _capitalised
    name = _full_name(case(surname), case(given), case(middle), order)
    if order == "SURNAME, Given":
        tags.append("comma")
    if rng.random() < rates.HOMOGLYPH and name.isascii():
        name = homoglyph(name, rng)
        tags.append("cyrillic letter in latin")
    birth = _birth(person, rng, tags)
    sex = person.sex
    if rng.random() < rates.SEX_MISSING:
        sex = ""
    elif rng.random() < rates.SEX_WRONG:
        sex = "F" if sex == "M" else "M"
        tags.append("sex wrong")
    document = _document(person, people, rng, tags)
    return AnswerRow(name, birth, sex, _NATIONALITY[person.citizenship], document, case_ref, tags)


def write(bench: Bench, directory: Path) -> tuple[Path, Path, Path]:
    """roster.xlsx, answer.xlsx and truth.csv in `directory` (created if needed); refuses to overwrite them."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = directory / "roster.xlsx", directory / "answer.xlsx", directory / "truth.csv"
    for path in paths:
        if path.exists():
            raise FileExistsError(f"{path} exists: give an empty directory")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Roster"
    sheet.append(ROSTER_HEADERS)
    for case_ref, p in bench.roster:
        sheet.append([case_ref, p.household, p.relationship, p.surname, p.given, p.patronymic or None,
                      p.latin_surname or None, p.latin_given or None, p.sex, p.birth, p.citizenship,
                      p.passport or None])
    book.save(paths[0])
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Approved"
    sheet.append(ANSWER_HEADERS)
    for number, row in enumerate(bench.answer, start=1):
        sheet.append([number, row.name, row.birth, row.sex or None, row.nationality, row.document or None])
    book.save(paths[1])
    with paths[2].open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["row", "case_ref", "tags"])
        for number, row in enumerate(bench.answer, start=2):
            out.writerow([number, row.case_ref or "", ";".join(row.tags)])
    return paths
