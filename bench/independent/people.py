"""The people a consular mission registers: Russian families and Russian-Palestinian families.

    rng = random.Random(2)
    people = Population(rng)
    household = people.household("H-0001")     # list[Person]: head first, then spouse, children, parent

A Russian household shares a surname (in its gendered form), its children carry the father's
patronymic; a son may bear his father's name, twins share a birth date. In a mixed household
the husband is Palestinian (his names in Arabic on the roster, his passport's Latin spelling
beside them), the wife Russian (sometimes under his surname in Cyrillic), and each child is
registered either as a Russian citizen (an Arabic name written in Cyrillic, with a Russian
passport romanised by ICAO) or as a Palestinian (Arabic names only). Surnames are drawn by a
Zipf law over `names.RU_SURNAMES`, so a roster of a few thousand has many namesakes.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from bench.independent import rates
from bench.independent.names import AR_FAMILY, AR_FEMALE, AR_MALE, RU_FEMALE, RU_MALE, RU_SURNAMES, ArName, RuGiven
from bench.independent.spelling import pick, romanise

RU, PS = "RU", "PS"
_SIZES = {1: 0.30, 2: 0.25, 3: 0.20, 4: 0.14, 5: 0.08, 6: 0.03}
_FEMININE = (("ский", "ская"), ("цкий", "цкая"), ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"),
             ("ын", "ына"))


@dataclass(frozen=True)
class Person:
    """One person as the mission knows them; `ar_*` hold the Arabic origin of names that have one."""

    household: str
    relationship: str
    sex: str
    birth: dt.date
    citizenship: str
    surname: str          # as written on the roster: Cyrillic or Arabic
    given: str
    patronymic: str       # Russian patronymic, or a Palestinian's father's name in Arabic; may be ""
    latin_surname: str    # as in the passport; "" when the mission has no passport spelling
    latin_given: str
    passport: str         # "" when no document is on file
    id_card: str = ""     # a Palestinian's identity card number
    ar_surname: ArName | None = None
    ar_given: ArName | None = None
    ar_father: ArName | None = None


def feminine(surname: str) -> str:
    """The feminine form of a Russian surname ('Соловьёв' -> 'Соловьёва'; 'Шевченко' unchanged)."""
    for male, female in _FEMININE:
        if surname.endswith(male):
            return surname[: -len(male)] + female
    return surname


def _patronymic_from(name: str, sex: str) -> str:
    """A Russian patronymic made from a given name of Arabic origin written in Cyrillic ('Ахмед' -> 'Ахмедович')."""
    stem, tail = (name[:-1], "евич") if name.endswith(("и", "й")) else (name.rstrip("а"), "ович")
    return stem + (tail if sex == "M" else tail[:-2] + "на")


class Population:
    """Draws households; every document number it hands out is unique."""

    def __init__(self, rng: random.Random, numbers: set[str] | None = None) -> None:
        """`numbers`: document numbers already handed out (shared with another population), kept unique."""
        self.rng = rng
        self.numbers: set[str] = set() if numbers is None else numbers
        ranks = range(1, len(RU_SURNAMES) + 1)
        self._surname_weights = [1 / r for r in ranks]
        self._male_weights = [1 / r ** 0.8 for r in range(1, len(RU_MALE) + 1)]
        self._female_weights = [1 / r ** 0.8 for r in range(1, len(RU_FEMALE) + 1)]

    # --- numbers and spellings -------------------------------------------------------------------------
    def number(self, kind: str) -> str:
        """A fresh Russian passport (9 digits), Palestinian passport (7) or identity card (9, from 4/8/9)."""
        while True:
            if kind == "ru":
                text = f"{self.rng.randint(70, 77)}{self.rng.randrange(10 ** 7):07d}"
            elif kind == "ps":
                text = f"{self.rng.randrange(10 ** 6, 10 ** 7)}"
            else:
                text = f"{self.rng.choice('489')}{self.rng.randrange(10 ** 8):08d}"
            if text not in self.numbers:
                self.numbers.add(text)
                return text

    def arabic_spelling(self, name: ArName) -> str:
        return self.rng.choices(name.latin, weights=name.weights)[0]

    def _russian(self, household: str, relationship: str, sex: str, birth: dt.date, surname: str, given: str,
                 patronymic: str, ar_surname: ArName | None = None, ar_given: ArName | None = None) -> Person:
        rng = self.rng
        latin_surname = latin_given = ""
        if rng.random() >= rates.ROSTER_LATIN_MISSING:
            scheme = pick(rates.PASSPORT_SCHEMES, rng)
            # A passport has no apostrophes: the machine-readable zone cannot hold them.
            latin_surname, latin_given = (romanise(text, scheme).upper().replace("'", "") for text in (surname, given))
        passport = "" if rng.random() < rates.ROSTER_DOC_MISSING else self.number("ru")
        return Person(household, relationship, sex, birth, RU, surname, given, patronymic, latin_surname,
                      latin_given, passport, ar_surname=ar_surname, ar_given=ar_given)

    def _palestinian(self, household: str, relationship: str, sex: str, birth: dt.date, family: ArName,
                     given: ArName, father: ArName | None) -> Person:
        passport = "" if self.rng.random() < rates.ROSTER_DOC_MISSING else self.number("ps")
        return Person(household, relationship, sex, birth, PS, family.arabic, given.arabic,
                      father.arabic if father else "", self.arabic_spelling(family).upper(),
                      self.arabic_spelling(given).upper(), passport, self.number("id"), family, given, father)

    # --- households ------------------------------------------------------------------------------------
    def _birth(self, first: int, last: int) -> dt.date:
        start = dt.date(first, 1, 1).toordinal()
        return dt.date.fromordinal(self.rng.randint(start, dt.date(last, 12, 31).toordinal()))

    def _children_births(self, mother_birth: dt.date, count: int) -> list[dt.date]:
        births: list[dt.date] = []
        while len(births) < count:
            first = mother_birth.year + 19
            born = self._birth(first, min(mother_birth.year + 42, 2025))
            births.append(born)
            if len(births) < count and self.rng.random() < rates.TWINS:
                births.append(born)
        return births

    def household(self, ref: str) -> list[Person]:
        """A new household under reference `ref`, head first."""
        size = int(pick({str(k): v for k, v in _SIZES.items()}, self.rng))
        if size >= 2 and self.rng.random() < rates.MIXED_HOUSEHOLD:
            return self._mixed(ref, size)
        return self._russian_household(ref, size)

    def _male(self) -> RuGiven:
        return self.rng.choices(RU_MALE, weights=self._male_weights)[0]

    def _female(self) -> str:
        return self.rng.choices(RU_FEMALE, weights=self._female_weights)[0]

    def _russian_household(self, ref: str, size: int) -> list[Person]:
        rng = self.rng
        surname = rng.choices(RU_SURNAMES, weights=self._surname_weights)[0]
        father, father_patronymic = self._male(), self._male().son
        father_birth = self._birth(1955, 2000)
        mother_birth = self._birth(max(1955, father_birth.year - 6), min(2002, father_birth.year + 4))
        single = size == 1 or rng.random() < 0.15  # a single parent with children
        head_male = rng.random() < 0.6
        parents: list[Person] = []
        if not single or head_male:
            parents.append(self._russian(ref, "", "M", father_birth, surname, father.name, father_patronymic))
        if not single or not head_male:
            mother_surname = surname if rng.random() < 0.85 else rng.choices(RU_SURNAMES, self._surname_weights)[0]
            parents.append(self._russian(ref, "", "F", mother_birth, feminine(mother_surname), self._female(),
                                         self._male().daughter))
        if not head_male:
            parents.reverse()
        members = [replace(p, relationship=r) for p, r in zip(parents, ("head", "spouse"), strict=False)]
        for born in self._children_births(mother_birth, size - len(members)):
            if rng.random() < 0.5:
                name = father if rng.random() < rates.SON_NAMED_AFTER_FATHER else self._male()
                members.append(self._russian(ref, "child", "M", born, surname, name.name, father.son))
            else:
                members.append(self._russian(ref, "child", "F", born, feminine(surname), self._female(),
                                             father.daughter))
        return members

    def _mixed(self, ref: str, size: int) -> list[Person]:
        rng = self.rng
        family = rng.choice(AR_FAMILY)
        husband_name, grandfather = rng.choice(AR_MALE), rng.choice(AR_MALE)
        husband_birth = self._birth(1960, 1998)
        wife_birth = self._birth(max(1960, husband_birth.year - 8), min(2002, husband_birth.year + 3))
        wife_head = rng.random() < 0.5  # the Russian citizen is the mission's contact
        if rng.random() < rates.WIFE_TAKES_ARABIC_SURNAME:
            wife_surname, wife_ar = family.cyrillic, family
        else:
            wife_surname, wife_ar = feminine(rng.choices(RU_SURNAMES, self._surname_weights)[0]), None
        wife = self._russian(ref, "head" if wife_head else "spouse", "F", wife_birth, wife_surname, self._female(),
                             self._male().daughter, ar_surname=wife_ar)
        husband = self._palestinian(ref, "spouse" if wife_head else "head", "M", husband_birth, family,
                                    husband_name, grandfather)
        members = [wife, husband] if wife_head else [husband, wife]
        for born in self._children_births(wife_birth, size - 2):
            sex = rng.choice("MF")
            given = rng.choice(AR_MALE if sex == "M" else AR_FEMALE)
            if rng.random() < 0.6:
                patronymic = _patronymic_from(husband_name.cyrillic, sex) if rng.random() < 0.5 else ""
                members.append(self._russian(ref, "child", sex, born, family.cyrillic, given.cyrillic, patronymic,
                                             ar_surname=family, ar_given=given))
            else:
                members.append(self._palestinian(ref, "child", sex, born, family, given, husband_name))
        return members

    # --- relatives who are not on the roster -------------------------------------------------------------
    def _given_beside(self, kin: Person, sex: str) -> tuple[str, ArName | None]:
        """A given name for `kin`'s brother or sister: of the same kind as kin's (Russian, or Arabic in
        Arabic script or in Cyrillic), never kin's own; sometimes with kin's first two letters."""
        rng = self.rng
        if kin.ar_given is not None:
            pool = [n for n in (AR_MALE if sex == "M" else AR_FEMALE) if n.arabic != kin.ar_given.arabic]
            alike = [n for n in pool if n.cyrillic[:2] == kin.ar_given.cyrillic[:2]]
            name = rng.choice(alike if alike and rng.random() < rates.SIBLING_NAME_ALIKE else pool)
            return (name.arabic if kin.citizenship == PS else name.cyrillic), name
        while True:
            given = self._male().name if sex == "M" else self._female()
            if given == kin.given:
                continue
            if rng.random() < rates.SIBLING_NAME_ALIKE:
                alike = [n for n in ((m.name for m in RU_MALE) if sex == "M" else RU_FEMALE)
                         if n[:2] == kin.given[:2] and n != kin.given]
                if alike:
                    return rng.choice(alike), None
            return given, None

    def _sibling(self, kin: Person, sex: str, birth: dt.date) -> Person:
        """`kin`'s brother or sister born on `birth`: kin's family name (gendered) and father, an own given
        name and documents."""
        given, ar_given = self._given_beside(kin, sex)
        if kin.citizenship == PS:
            assert kin.ar_surname is not None
            passport = "" if self.rng.random() < rates.ROSTER_DOC_MISSING else self.number("ps")
            return Person(kin.household, "not on roster", sex, birth, PS, kin.surname, given, kin.patronymic,
                          self.arabic_spelling(kin.ar_surname).upper(),
                          self.arabic_spelling(ar_given).upper() if ar_given else "", passport, self.number("id"),
                          kin.ar_surname, ar_given, kin.ar_father)
        surname = kin.surname
        if kin.ar_surname is None:  # a Russian surname takes the sister's or brother's form
            masculine = _masculine(kin.surname) if kin.sex == "F" else kin.surname
            surname = feminine(masculine) if sex == "F" else masculine
        return self._russian(kin.household, "not on roster", sex, birth, surname, given,
                             _patronymic_for(kin.patronymic, sex), ar_surname=kin.ar_surname, ar_given=ar_given)

    def twin_of(self, kin: Person) -> Person:
        """`kin`'s twin: same birth date, family name and father, an own given name and passport; the
        passport sometimes numbered next to kin's (the parents applied for both at once)."""
        sex = kin.sex if self.rng.random() < rates.TWINS_SAME_SEX else ("F" if kin.sex == "M" else "M")
        twin = self._sibling(kin, sex, kin.birth)
        if twin.passport and kin.passport and self.rng.random() < rates.TWIN_PASSPORT_IN_SEQUENCE:
            for step in (1, -1, 2, -2):
                text = f"{int(kin.passport) + step:0{len(kin.passport)}d}"
                if len(text) == len(kin.passport) and text not in self.numbers:
                    self.numbers.add(text)
                    return replace(twin, passport=text)
        return twin

    def sibling_of(self, kin: Person) -> Person:
        """`kin`'s brother or sister born one to ten years before or after (not after 2025)."""
        sex = self.rng.choice("MF")
        while True:
            days = self.rng.choice((-1, 1)) * self.rng.randint(300, 3650)
            born = dt.date.fromordinal(kin.birth.toordinal() + days)
            if born <= dt.date(2025, 12, 31):
                return self._sibling(kin, sex, born)

    def son_named_after(self, father: Person) -> Person:
        """A Russian father's son of his name (Иван Иванович), born when the father was 20 to 40."""
        latest = min(father.birth.year + 40, 2025)
        born = self._birth(min(father.birth.year + 20, latest), latest)
        named = next((g for g in RU_MALE if g.name == father.given), None)
        patronymic = named.son if named else _patronymic_from(father.given, "M")
        return self._russian(father.household, "not on roster", "M", born, father.surname, father.given, patronymic,
                             ar_surname=father.ar_surname, ar_given=father.ar_given)


def _masculine(surname: str) -> str:
    """The masculine form of a Russian surname ('Соловьёва' -> 'Соловьёв'); others unchanged."""
    for male, female in _FEMININE:
        if surname.endswith(female):
            return surname[: -len(female)] + male
    return surname


def _patronymic_for(patronymic: str, sex: str) -> str:
    """A brother's or sister's patronymic from kin's ('Иванович' -> 'Ивановна' for a sister); "" stays ""."""
    for given in RU_MALE:
        if patronymic in (given.son, given.daughter):
            return given.son if sex == "M" else given.daughter
    for son, daughter in (("ович", "овна"), ("евич", "евна")):
        if patronymic.endswith(son) and sex == "F":
            return patronymic[: -len(son)] + daughter
        if patronymic.endswith(daughter) and sex == "M":
            return patronymic[: -len(daughter)] + son
    return patronymic
