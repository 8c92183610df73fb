"""Ground truth for the matching benchmark: a seeded roster and a partner's answer sheet.

The roster holds households: Russian families (patronymics from the father, twins, a son
named after his father), Russian women married to Palestinians (Arabic family names in
Latin letters, children with the father's name), single travellers. Common names make
namesakes by themselves.

The answer rows are roster people as a border authority would type them, plus people not
on the roster (some of them namesakes of roster people): names under another scheme or an
informal spelling, Arabic particles spelled and joined otherwise, surname first or last,
typos, passports missing, spaced, one digit off or replaced, dates with day and month
swapped or only a year. `truth[row.key]` is the roster key, or None.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import iuliia

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex
from desktop_app.matching.normalize import fold_latin
from desktop_app.matching.records import MatchRecord


def _words(text: str, separator: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(separator))



SURNAMES = _words(
    "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков "
    "Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин "
    "Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов "
    "Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв "
    "Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов "
    "Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов "
    "Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов "
    "Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев Воронин Климов "
    "Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов "
    "Соболев Ермаков Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов "
    "Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров "
    "Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев Цветков "
    "Левин Митрофанов Воронцов Хабибуллин Шубин Блинов Шестаков Субботин Юсупов Хохлов Шилов Зуев")
MALE_NAMES = _words(
    "Александр Сергей Дмитрий Андрей Алексей Максим Евгений Иван Михаил Артём Никита Владимир Денис "
    "Павел Роман Николай Илья Кирилл Антон Олег Юрий Виктор Игорь Константин Вадим Фёдор Григорий "
    "Тимофей Матвей Степан Ярослав Данила Даниил Вячеслав Георгий Борис Леонид Пётр Василий Арсений")
FEMALE_NAMES = _words(
    "Анна Мария Елена Ольга Наталья Екатерина Татьяна Ирина Светлана Юлия Анастасия Дарья Ксения "
    "Марина Алина Виктория Полина Людмила Галина Валентина Надежда Вера Любовь Евгения Софья Алёна "
    "Кристина Яна Диана Василиса Варвара Ульяна Юлиана Маргарита Лариса Жанна Зоя Инна Элина")
ARABIC_SURNAMES = _words(
    "Abu Shanab|Abu Khater|Al-Masri|Abdel Rahman|Haddad|Nasser|Khalil|Al-Najjar|Abu Zaid|El-Helou|"
    "Shaath|Barakat|Hamdan|Abu Ghali|Al-Astal|Ashour|Salem|Abu Daqqa|Al-Farra|Shurrab|Qudaih|Abu Jazar|"
    "Zourob|Al-Agha|Abu Mustafa|Hijazi|Abdel Aal|Al-Khatib|Abu Ramadan|Sarsour", "|")
ARABIC_MALE = _words("Mohammed Ahmed Mahmoud Omar Khaled Youssef Ibrahim Ali Hassan Mustafa Samir Nabil Tarek "
               "Adnan Fadi Rami Karim Walid Hani Ziad")
ARABIC_FEMALE = _words("Fatima Amal Layla Nour Rana Huda Salma Yasmin Mariam Dina Lina Sara Reem Aya")

_ROMANISATIONS = (  # the partner's scheme for one row, with its share
    (iuliia.ICAO_DOC_9303, 0.35), (iuliia.MVD_310, 0.12), (iuliia.MVD_782, 0.12), (iuliia.BGN_PCGN, 0.1),
    (iuliia.GOST_779_ALT, 0.05), (iuliia.ALA_LC, 0.05), (iuliia.WIKIPEDIA, 0.06), (None, 0.15),  # informal
)


@dataclass(frozen=True)
class ErrorRates:
    """How often the partner's sheet departs from the roster, per answer row."""

    surname_first: float = 0.45
    given_first: float = 0.35          # the rest: separate surname and given-name columns
    with_patronymic: float = 0.15
    name_typo: float = 0.04
    passport_missing: float = 0.08
    passport_spaced: float = 0.15
    passport_one_digit: float = 0.03
    passport_replaced: float = 0.02
    birth_swapped: float = 0.05
    birth_year_only: float = 0.04
    birth_missing: float = 0.02
    not_on_roster: float = 0.12
    outsider_namesake: float = 0.3     # share of the people not on the roster


@dataclass(frozen=True)
class Person:
    key: int
    surname: str
    given: str
    patronymic: str
    sex: Sex
    birth: PartialDate
    passport: str
    household: int
    arabic_surname: bool
    surname_latin: str = ""
    given_latin: str = ""


class _Population:
    """Makes people with unique passports."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.passports: set[str] = set()
        self.next_key = 1

    def passport(self, palestinian: bool = False) -> str:
        while True:
            number = (f"{self.rng.randint(1_000_000, 9_999_999)}" if palestinian
                      else f"{self.rng.choice('567')}{self.rng.randint(10_000_000, 99_999_999)}")
            if number not in self.passports:
                self.passports.add(number)
                return number

    def person(self, surname: str, given: str, patronymic: str, sex: Sex, birth: PartialDate, household: int,
               arabic: bool = False) -> Person:
        key, self.next_key = self.next_key, self.next_key + 1
        latin = self.rng.random() < 0.6 and not arabic
        return Person(key, surname, given, patronymic, sex, birth, self.passport(arabic), household, arabic,
                      _icao(surname) if latin else "", _icao(given) if latin else "")

    def birth(self, low: int, high: int) -> PartialDate:
        year = self.rng.randint(low, high)
        return PartialDate(year, self.rng.randint(1, 12), self.rng.randint(1, 28))


def _icao(text: str) -> str:
    return fold_latin(iuliia.ICAO_DOC_9303.translate(text)) if any("а" <= c <= "я" or c in "ёЁ"
                                                                   or "А" <= c <= "Я" for c in text) else text


def _female_surname(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ёв", "ин", "ын")) else surname


def _patronymic(father: str, sex: Sex) -> str:
    male = sex is Sex.MALE
    special = {"Илья": ("Ильич", "Ильинична"), "Никита": ("Никитич", "Никитична"),
               "Данила": ("Данилович", "Даниловна"), "Пётр": ("Петрович", "Петровна")}
    if father in special:
        return special[father][0 if male else 1]
    if father.endswith("ий"):
        return father[:-2] + ("ьевич" if male else "ьевна")
    if father.endswith(("й", "ь")):
        return father[:-1] + ("евич" if male else "евна")
    return father + ("ович" if male else "овна")


def make_roster(size: int, seed: int = 1) -> list[Person]:
    """`size` people in households, seeded."""
    rng = random.Random(seed)
    pop = _Population(rng)
    people: list[Person] = []
    household = 0
    while len(people) < size:
        household += 1
        kind = rng.random()
        if kind < 0.6:
            people += _russian_family(pop, household)
        elif kind < 0.85:
            people += _mixed_family(pop, household)
        else:
            sex = rng.choice((Sex.MALE, Sex.FEMALE))
            people.append(_russian_adult(pop, household, sex, rng.choice(SURNAMES)))
    return people[:size]


def _russian_adult(pop: _Population, household: int, sex: Sex, surname: str) -> Person:
    rng = pop.rng
    given = rng.choice(MALE_NAMES if sex is Sex.MALE else FEMALE_NAMES)
    patronymic = _patronymic(rng.choice(MALE_NAMES), sex)
    name = surname if sex is Sex.MALE else _female_surname(surname)
    return pop.person(name, given, patronymic, sex, pop.birth(1950, 2002), household)


def _russian_family(pop: _Population, household: int) -> list[Person]:
    rng = pop.rng
    surname = rng.choice(SURNAMES)
    father = _russian_adult(pop, household, Sex.MALE, surname)
    namesake_son = rng.random() < 0.05
    if namesake_son:  # father and son share the full name
        father = replace(father, patronymic=_patronymic(father.given, Sex.MALE))
    mother = _russian_adult(pop, household, Sex.FEMALE, surname)
    mother = replace(mother, birth=pop.birth(father.birth.year - 5, min(father.birth.year + 5, 2002)))
    family = [father, mother]
    base = max(father.birth.year, mother.birth.year)
    children = rng.choice((0, 1, 1, 2, 2, 3)) if base < 2000 else 0
    twins = children >= 2 and rng.random() < 0.15
    for index in range(children):
        sex = rng.choice((Sex.MALE, Sex.FEMALE))
        given = rng.choice(MALE_NAMES if sex is Sex.MALE else FEMALE_NAMES)
        if index == 0 and namesake_son:
            sex, given = Sex.MALE, father.given
        elif twins and index == 1:
            while given == family[-1].given:
                given = rng.choice(MALE_NAMES if sex is Sex.MALE else FEMALE_NAMES)
        birth = (family[-1].birth if twins and index == 1
                 else pop.birth(base + 20, min(base + 40, 2023)))
        name = surname if sex is Sex.MALE else _female_surname(surname)
        family.append(pop.person(name, given, _patronymic(father.given, sex), sex, birth, household))
    return family


def _mixed_family(pop: _Population, household: int) -> list[Person]:
    rng = pop.rng
    surname = rng.choice(ARABIC_SURNAMES)
    husband = pop.person(surname, rng.choice(ARABIC_MALE), "", Sex.MALE, pop.birth(1955, 2000), household,
                         arabic=True)
    wife = _russian_adult(pop, household, Sex.FEMALE, rng.choice(SURNAMES))
    family = [husband, wife]
    for _ in range(rng.choice((0, 1, 2, 3))):
        sex = rng.choice((Sex.MALE, Sex.FEMALE))
        names = (MALE_NAMES + ARABIC_MALE) if sex is Sex.MALE else (FEMALE_NAMES + ARABIC_FEMALE)
        given = rng.choice(names)
        birth = pop.birth(max(husband.birth.year, wife.birth.year) + 20, 2023)
        if birth.year > 2023:
            break
        given_latin = _icao(given)
        child = pop.person(surname, given if given_latin != given else "", "", sex, birth, household, True)
        family.append(replace(child, surname="", surname_latin=surname, given_latin=given_latin))
    husband = replace(husband, surname="", surname_latin=surname, given="", given_latin=husband.given)
    return [husband, wife, *family[2:]]


def roster_record(person: Person) -> MatchRecord:
    """The roster's view of a person (Cyrillic names, passport Latin where known)."""
    return MatchRecord(
        key=person.key, surname=person.surname, given_names=person.given, patronymic=person.patronymic,
        surname_latin=person.surname_latin, given_names_latin=person.given_latin, birth_date=person.birth,
        sex=person.sex, documents=(person.passport,) if person.passport else (),
        uuid=f"00000000-0000-4000-8000-{person.key:012d}", case_ref=f"CAI-{person.key:06d}",
        household_key=person.household,
    )


# -- the partner's answer ----------------------------------------------------------------

def make_answer(roster: list[Person], rows: int, seed: int = 2,
                rates: ErrorRates | None = None) -> tuple[list[MatchRecord], dict[int, int | None]]:
    """`rows` answer rows and the truth: answer row key -> roster key (None: not on the roster)."""
    rates = rates or ErrorRates()
    rng = random.Random(seed)
    pop = _Population(rng)
    pop.passports.update(p.passport for p in roster)
    pop.next_key = max(p.key for p in roster) + 1
    outsiders = round(rows * rates.not_on_roster)
    chosen = rng.sample(roster, rows - outsiders)
    records: list[MatchRecord] = []
    truth: dict[int, int | None] = {}
    for person in chosen:
        truth[len(records)] = person.key
        records.append(_typed(person, len(records), rng, rates))
    for _ in range(outsiders):
        if rng.random() < rates.outsider_namesake:  # same name as someone on the roster, another person
            model = rng.choice(roster)
            person = replace(model, key=-1, birth=pop.birth(1950, 2020), passport=pop.passport(model.arabic_surname))
        else:
            person = (_russian_adult(pop, 0, rng.choice((Sex.MALE, Sex.FEMALE)), rng.choice(SURNAMES))
                      if rng.random() < 0.7 else _mixed_family(pop, 0)[0])
        truth[len(records)] = None
        records.append(_typed(person, len(records), rng, rates))
    order = list(range(len(records)))
    rng.shuffle(order)
    return [replace(records[i], key=k) for k, i in enumerate(order)], {k: truth[i] for k, i in enumerate(order)}


def _typed(person: Person, key: int, rng: random.Random, rates: ErrorRates) -> MatchRecord:
    schema = _pick_schema(rng)
    surname = _romanise(person.surname, schema, rng) if person.surname else _arabic_variant(person.surname_latin, rng)
    given = _romanise(person.given, schema, rng) if person.given else _arabic_variant(person.given_latin, rng)
    patronymic = _romanise(person.patronymic, schema, rng) if person.patronymic else ""
    if rng.random() < rates.name_typo:
        if rng.random() < 0.5:
            surname = _typo(surname, rng)
        else:
            given = _typo(given, rng)
    if rng.random() < rates.with_patronymic and patronymic:
        given = f"{given} {patronymic}"
    documents = _passport(person.passport, rng, rates)
    birth = _birth(person.birth, rng, rates)
    order = rng.random()
    if order < rates.surname_first:
        return MatchRecord.from_full_name(key, f"{surname} {given}", birth_date=birth, sex=person.sex,
                                          documents=documents)
    if order < rates.surname_first + rates.given_first:
        return MatchRecord.from_full_name(key, f"{given} {surname}", birth_date=birth, sex=person.sex,
                                          documents=documents)
    return MatchRecord(key, surname_latin=surname, given_names_latin=given, birth_date=birth, sex=person.sex,
                       documents=tuple(documents))


def _pick_schema(rng: random.Random) -> iuliia.Schema | None:
    roll = rng.random()
    for schema, share in _ROMANISATIONS:
        roll -= share
        if roll < 0:
            return schema
    return None


def _romanise(text: str, schema: iuliia.Schema | None, rng: random.Random) -> str:
    if schema is not None:
        latin = schema.translate(text)
        return fold_latin(latin if latin.isascii() else schema.translate(text.replace("ё", "е")))
    latin = fold_latin(iuliia.ICAO_DOC_9303.translate(text))  # informal: a German or English ear
    for old, new in (("SHCH", "SCH"), ("IIA", "IA"), ("KH", "H"), ("IU", "YU"), ("EI", "EY")):
        if rng.random() < 0.6:
            latin = latin.replace(old, new)
    if latin.endswith(("OV", "EV")) and rng.random() < 0.5:
        latin = latin[:-1] + "FF"
    return latin


def _arabic_variant(name: str, rng: random.Random) -> str:
    words = fold_latin(name).split()
    if rng.random() < 0.3:  # a French ear
        words = [w.replace("SH", "CH").replace("U", "OU") for w in words]
    if words and words[0] in ("ABU", "ABOU"):
        words[0] = rng.choice(("ABU", "ABOU", "ABU", "ABO"))
        if rng.random() < 0.4:
            words = [words[0] + words[1], *words[2:]]
    elif words and words[0] == "AL":
        words[0] = rng.choice(("AL", "EL", "AL", ""))
    elif words and words[0] == "ABDEL":
        words = rng.choice((["ABDEL", *words[1:]], ["ABD", "AL", *words[1:]], ["ABDUL" + "".join(words[1:])]))
    return " ".join(w for w in words if w)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    at = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:
        return word[:at] + word[at + 1:]
    return word[:at] + rng.choice("AEIOUKLMNRST") + word[at + 1:]


def _passport(number: str, rng: random.Random, rates: ErrorRates) -> list[str]:
    roll = rng.random()
    if roll < rates.passport_missing:
        return []
    roll -= rates.passport_missing
    if roll < rates.passport_spaced:
        return [f"{number[:2]} {number[2:]}"]
    roll -= rates.passport_spaced
    if roll < rates.passport_one_digit:
        at = rng.randrange(len(number))
        return [number[:at] + str((int(number[at]) + rng.randint(1, 9)) % 10) + number[at + 1:]]
    roll -= rates.passport_one_digit
    if roll < rates.passport_replaced:
        return [f"{rng.choice('567')}{rng.randint(10_000_000, 99_999_999)}"]
    return [number]


def _birth(birth: PartialDate, rng: random.Random, rates: ErrorRates) -> PartialDate | None:
    roll = rng.random()
    if roll < rates.birth_missing:
        return None
    roll -= rates.birth_missing
    if roll < rates.birth_year_only:
        return PartialDate(birth.year)
    roll -= rates.birth_year_only
    if roll < rates.birth_swapped and birth.day and birth.day <= 12 and birth.day != birth.month:
        return PartialDate(birth.year, birth.day, birth.month)
    return birth
