"""A realistic demonstration roster: families in Gaza registered with a consular mission in Cairo.

Russian citizens with Cyrillic names (Latin forms by ICAO 9303), Palestinian spouses and
children with Arabic names, statuses spread over the workflow, a few lists sent to partner
authorities with their answers, partner organizations and liaison log entries. Seeded, so
the same call gives the same roster.

    fill_demo(db, households=300)                 # person by person, through the services
    family = draw_family(rng, today, list_count=3)  # one family drawn, not stored (services.demo_bulk)
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop_app.domain.lists import Answer, ListState
from desktop_app.domain.partners import Channel, OrgKind
from desktop_app.domain.person import DocumentData, DocumentType, Relationship
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.services import accounts, audit
from desktop_app.services.households import new_household
from desktop_app.services.persons import new_person
from desktop_app.services.status import set_status
from desktop_app.storage.db import Database
from desktop_app.storage.models import (
    Contact,
    EvacuationList,
    LiaisonEntry,
    LiaisonPerson,
    ListMember,
    Organization,
    Person,
)

MALE_SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
                 "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
                 "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
                 "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Щербаков", "Жуков", "Юдин"]
MALE_NAMES = ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Евгений", "Иван", "Михаил",
              "Артём", "Николай", "Юрий", "Владимир", "Олег", "Игорь", "Роман", "Павел", "Илья"]
FEMALE_NAMES = ["Мария", "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Екатерина", "Светлана",
                "Юлия", "Анастасия", "Дарья", "Ксения", "Людмила", "Виктория", "Софья", "Алёна"]
ARABIC_FAMILIES = [("أبو شنب", "ABU SHANAB"), ("الخطيب", "AL KHATIB"), ("حداد", "HADDAD"), ("المصري", "AL MASRI"),
                   ("عبد الهادي", "ABDEL HADI"), ("النجار", "AL NAJJAR"), ("شعث", "SHAATH"), ("الحلو", "AL HELOU"),
                   ("عوض", "AWAD"), ("سلامة", "SALAMA"), ("أبو عيشة", "ABU AISHA"), ("البرغوثي", "AL BARGHOUTI")]
ARABIC_MALE = [("محمد", "MOHAMMED"), ("أحمد", "AHMAD"), ("خالد", "KHALED"), ("يوسف", "YOUSEF"), ("عمر", "OMAR"),
               ("سامي", "SAMI"), ("إبراهيم", "IBRAHIM"), ("محمود", "MAHMOUD")]
ARABIC_FEMALE = [("فاطمة", "FATIMA"), ("مريم", "MARIAM"), ("ليلى", "LAILA"), ("نور", "NOUR"), ("سارة", "SARA"),
                 ("هبة", "HIBA"), ("رنا", "RANA"), ("آمنة", "AMNA")]
LOCALITIES = [("Gaza", "Gaza City"), ("Gaza", "Sheikh Radwan"), ("North Gaza", "Jabalia"),
              ("North Gaza", "Beit Lahia"), ("Deir al-Balah", "Deir al-Balah"), ("Deir al-Balah", "Nuseirat"),
              ("Khan Younis", "Khan Younis"), ("Rafah", "Rafah")]
SOURCES = ["hotline", "e-mail", "embassy walk-in", "relative in Russia", "partner list"]


@dataclass(frozen=True)
class DemoSummary:
    households: int
    persons: int
    lists: int
    organizations: int
    log_entries: int


def _patronymic(father: str, female: bool) -> str:
    stems = {"Александр": "Александров", "Сергей": "Сергеев", "Дмитрий": "Дмитриев", "Андрей": "Андреев",
             "Алексей": "Алексеев", "Евгений": "Евгеньев", "Юрий": "Юрьев", "Николай": "Николаев",
             "Игорь": "Игорев", "Артём": "Артёмов", "Илья": "Ильин"}
    stem = stems.get(father, father + "ов")
    if father == "Илья":
        return "Ильинична" if female else "Ильич"
    return stem + ("на" if female else "ич")


def _feminine(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ёв", "ин")) else surname


def _birth(rng: random.Random, today: dt.date, low: int, high: int) -> str:
    age_days = rng.randint(low * 365, high * 365)
    day = today - dt.timedelta(days=age_days)
    return str(day.year) if rng.random() < 0.03 else day.isoformat()  # a few know only the year


def _passport(rng: random.Random, today: dt.date, russian: bool) -> DocumentData:
    issued = today - dt.timedelta(days=rng.randint(100, 3000))
    if russian:
        number = f"{rng.randint(70, 77)} {rng.randint(0, 9999999):07d}"
        return DocumentData.create(DocumentType.FOREIGN_PASSPORT, number, "RUS", issued,
                                   issued + dt.timedelta(days=3652))
    return DocumentData.create(DocumentType.PASSPORT, f"{rng.randint(0, 9999999):07d}", "PSE", issued,
                               issued + dt.timedelta(days=1826))


def _phone(rng: random.Random) -> str:
    return f"+97059{rng.randint(0, 9999999):07d}"


# Paths through the workflow, and how often a demo person ends on each.
_PATHS: list[tuple[float, list[Status]]] = [
    (0.25, []),
    (0.15, [Status.VERIFIED]),
    (0.20, [Status.VERIFIED, Status.SUBMITTED]),
    (0.12, [Status.VERIFIED, Status.SUBMITTED, Status.APPROVED]),
    (0.10, [Status.VERIFIED, Status.SUBMITTED, Status.APPROVED, Status.CROSSED]),
    (0.06, [Status.VERIFIED, Status.SUBMITTED, Status.APPROVED, Status.CROSSED, Status.EVACUATED]),
    (0.04, [Status.VERIFIED, Status.SUBMITTED, Status.REJECTED]),
    (0.03, [Status.ON_HOLD]),
    (0.03, [Status.UNREACHABLE]),
    (0.02, [Status.DECLINED]),
]


@accounts.guarded(Permission.MISSION)
def fill_demo(db: Database, *, households: int = 300, operator: str = "demo", seed: int = 2023,
              today: dt.date | None = None, progress: Callable[[int, int], bool] | None = None) -> DemoSummary:
    """Add `households` demonstration families (about 3.3 persons each) with lists and partners.

    `progress(done, total)` is called between batches; returning False stops after the
    current batch (what was committed stays, as one consistent roster).
    """
    rng = random.Random(seed)
    day = today or dt.date.today()
    batch = 200
    persons = 0
    with db.transaction() as session:
        organizations = add_partners(session, operator)
        lists = add_lists(session, organizations, operator, day)
    done = 0
    while done < households:
        size = min(batch, households - done)
        with db.transaction() as session:
            for _ in range(size):
                persons += _household(session, rng, operator, day, lists)
        done += size
        if progress is not None and not progress(done, households):
            break
    log_entries = _log(db, rng, organizations, operator, day)
    return DemoSummary(done, persons, len(lists), len(organizations), log_entries)


def add_partners(session: Session, operator: str, *, audited: bool = True) -> list[Organization]:
    """The demonstration's partner organizations, each with a contact (those already there are reused)."""
    specs = [("Ministry of Foreign Affairs of Egypt", OrgKind.MINISTRY, "EGY", ("Ahmed Fathy", "Consular Affairs")),
             ("Rafah Crossing Authority", OrgKind.BORDER_AUTHORITY, "EGY", ("Col. Hany Mostafa", "Duty officer")),
             ("COGAT", OrgKind.BORDER_AUTHORITY, "ISR", ("Yael Cohen", "Liaison officer")),
             ("Palestinian Ministry of Foreign Affairs", OrgKind.MINISTRY, "PSE", ("Rami Khoury", "Desk officer")),
             ("ICRC Cairo Delegation", OrgKind.INTERNATIONAL_ORGANIZATION, "CHE", ("Anne Martin", "Protection"))]
    result = []
    for name, kind, country, (contact, position) in specs:
        existing = session.query(Organization).filter_by(name=name).one_or_none()
        organization = existing or Organization(name=name, kind=kind.value, country=country)
        if existing is None:
            organization.contacts.append(Contact(name=contact, position=position, phones="", emails=""))
            session.add(organization)
            session.flush()
            if audited:
                audit.record(session, operator, "create", "organization", organization.id, f"added partner {name!r}")
        result.append(organization)
    return result


def add_lists(session: Session, organizations: list[Organization], operator: str, day: dt.date, *,
              audited: bool = True) -> list[EvacuationList]:
    """The three Rafah lists sent to the crossing authority, two of them answered (reused when there)."""
    result = []
    for index in range(3):
        name = f"Rafah list {index + 1}"
        existing = session.query(EvacuationList).filter_by(name=name).one_or_none()
        if existing is not None:
            result.append(existing)
            continue
        sent = dt.datetime.combine(day - dt.timedelta(days=6 - 2 * index), dt.time(9, 0))
        evacuation_list = EvacuationList(uuid=str(uuid.uuid4()), name=name, organization_id=organizations[1].id,
                                         state=ListState.ANSWERED.value if index < 2 else ListState.SENT.value,
                                         sent_at=sent, created_at=sent, created_by=operator)
        session.add(evacuation_list)
        session.flush()
        if audited:
            audit.record(session, operator, "create", "list", evacuation_list.uuid, f"created list {name!r}")
        result.append(evacuation_list)
    return result


def _pick_path(rng: random.Random) -> list[Status]:
    roll = rng.random()
    for share, path in _PATHS:
        roll -= share
        if roll < 0:
            return path
    return []


@dataclass(frozen=True)
class DemoMember:
    """One member of a demonstration family: person fields as typed in, documents, phones."""

    fields: dict[str, object]
    relation: Relationship
    documents: list[DocumentData]
    phones: list[str]


@dataclass(frozen=True)
class DemoFamily:
    """One demonstration household, drawn but not stored: its name, members (the head first), the
    statuses every member walks through, and which of the lists they are submitted on (if any)."""

    name: str
    members: list[DemoMember]
    path: list[Status]
    list_index: int | None


def draw_family(rng: random.Random, day: dt.date, list_count: int) -> DemoFamily:
    """The next family of the seeded demonstration roster (the per-person and the bulk builders share it)."""
    region, locality = rng.choice(LOCALITIES)
    father = rng.choice(MALE_NAMES)
    surname = rng.choice(MALE_SURNAMES)
    mixed = rng.random() < 0.6  # a Russian citizen married to a Palestinian
    common = {"region": region, "locality": locality, "source": rng.choice(SOURCES),
              "address": f"{locality}, block {rng.randint(1, 40)}"}
    members: list[tuple[dict[str, object], Relationship, bool]] = []
    if mixed:
        family_ar, family_lat = rng.choice(ARABIC_FAMILIES)
        husband_ar, husband_lat = rng.choice(ARABIC_MALE)
        wife_name = rng.choice(FEMALE_NAMES)
        wife: dict[str, object] = {"surname": _feminine(surname), "given_names": wife_name,
                                   "patronymic": _patronymic(father, True), "sex": "F",
                                   "birth_date": _birth(rng, day, 25, 55), "citizenships": "RUS"}
        husband: dict[str, object] = {"surname": family_ar, "given_names": husband_ar, "surname_latin": family_lat,
                                      "given_names_latin": husband_lat, "sex": "M",
                                      "birth_date": _birth(rng, day, 27, 60), "citizenships": "PSE"}
        members += [(wife, Relationship.HEAD, True), (husband, Relationship.SPOUSE, False)]
        name = f"{family_lat} / {_feminine(surname)}"
        for _ in range(rng.choice([0, 1, 2, 2, 3, 4])):
            girl = rng.random() < 0.5
            child_ar, child_lat = rng.choice(ARABIC_FEMALE if girl else ARABIC_MALE)
            members.append(({"surname": family_ar, "given_names": child_ar, "surname_latin": family_lat,
                             "given_names_latin": child_lat, "sex": "F" if girl else "M",
                             "birth_date": _birth(rng, day, 0, 17), "citizenships": "RUS,PSE"},
                            Relationship.CHILD, True))
    else:
        members.append(({"surname": surname, "given_names": father, "patronymic": _patronymic(rng.choice(MALE_NAMES),
                                                                                              False),
                         "sex": "M", "birth_date": _birth(rng, day, 22, 85), "citizenships": "RUS"},
                        Relationship.HEAD, True))
        name = surname
        if rng.random() < 0.7:
            members.append(({"surname": _feminine(surname), "given_names": rng.choice(FEMALE_NAMES),
                             "patronymic": _patronymic(rng.choice(MALE_NAMES), True), "sex": "F",
                             "birth_date": _birth(rng, day, 22, 80), "citizenships": "RUS"},
                            Relationship.SPOUSE, True))
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            girl = rng.random() < 0.5
            members.append(({"surname": _feminine(surname) if girl else surname,
                             "given_names": rng.choice(FEMALE_NAMES if girl else MALE_NAMES),
                             "patronymic": _patronymic(father, girl), "sex": "F" if girl else "M",
                             "birth_date": _birth(rng, day, 0, 17), "citizenships": "RUS"},
                            Relationship.CHILD, True))
    path = _pick_path(rng)
    list_index = rng.choice(range(list_count)) if Status.SUBMITTED in path else None
    phone = _phone(rng)
    drawn = []
    for index, (fields, relation, russian) in enumerate(members):
        fields = {**common, **fields, "relationship": relation.value}
        if rng.random() < 0.05:
            fields["medical"] = True
        if rng.random() < 0.03:
            fields["reduced_mobility"] = True
        fields["consent_to_share"] = rng.random() < 0.9
        documents = [_passport(rng, day, russian)] if rng.random() < 0.92 else []
        drawn.append(DemoMember(fields, relation, documents, [phone] if index == 0 else []))
    return DemoFamily(name, drawn, path, list_index)


def _household(session: Session, rng: random.Random, operator: str, day: dt.date,
               lists: list[EvacuationList]) -> int:
    family = draw_family(rng, day, len(lists))
    household = new_household(session, "", operator)
    household.name = family.name
    evacuation_list = lists[family.list_index] if family.list_index is not None else None
    for member in family.members:
        person = new_person(session, member.fields, operator, documents=member.documents, phones=member.phones)
        person.household = household
        if member.relation is Relationship.HEAD:
            head = person
        _walk(session, person, family.path, evacuation_list, operator, day)
    session.flush()
    household.head_person_id = head.id
    return len(family.members)


def _walk(session: Session, person: Person, path: list[Status], evacuation_list: EvacuationList | None,
          operator: str, day: dt.date) -> None:
    member = None
    for status in path:
        list_id = evacuation_list.id if evacuation_list and status is not Status.VERIFIED else None
        if status is Status.SUBMITTED and evacuation_list is not None:
            member = ListMember(list_id=evacuation_list.id, person=person, answer=Answer.PENDING.value,
                                added_at=audit.now(), added_by=operator)
            session.add(member)
        if member is not None and status in (Status.APPROVED, Status.REJECTED):
            member.answer = Answer.APPROVED.value if status is Status.APPROVED else Answer.REJECTED.value
            member.answered_at = audit.now()
            if status is Status.APPROVED:
                member.valid_until = day + dt.timedelta(days=int(person.case_ref[-1]) % 5 - 1)
        if member is not None and status is Status.CROSSED:
            member.crossed_at = audit.now()
        set_status(session, person, status, operator=operator, reason="demo", list_id=list_id)


_SUMMARIES = ["Confirmed receipt of the list; answer expected tomorrow morning.",
              "Asked about the status of the children's documents.",
              "Border closed today; will call back at 14:00.",
              "Family confirmed they are at the shelter in Rafah.",
              "Requested the corrected passport number for two persons.",
              "ICRC confirmed the bus leaves from Khan Younis at 07:00."]


def _log(db: Database, rng: random.Random, organizations: list[Organization], operator: str, day: dt.date) -> int:
    with db.transaction() as session:
        return log_entries(session, rng, organizations, operator, day)


def log_entries(session: Session, rng: random.Random, organizations: list[Organization], operator: str,
                day: dt.date, *, audited: bool = True) -> int:
    """The liaison log's few entries with the partners, inside the caller's transaction."""
    count = 0
    person_ids = [pid for (pid,) in session.query(Person.id).limit(50)]
    for index, summary in enumerate(_SUMMARIES):
        organization = organizations[index % len(organizations)]
        entry = LiaisonEntry(at=dt.datetime.combine(day - dt.timedelta(days=index % 3), dt.time(9 + index, 15)),
                             operator=operator, channel=rng.choice(list(Channel)).value,
                             organization_id=organization.id, counterpart="", summary=summary,
                             follow_up_due=day - dt.timedelta(days=1) + dt.timedelta(days=index % 3))
        session.add(entry)
        session.flush()
        if person_ids and index % 2:
            session.add(LiaisonPerson(entry_id=entry.id, person_id=rng.choice(person_ids)))
        if audited:
            audit.record(session, operator, "create", "liaison", entry.id, "logged a contact")
        count += 1
    return count
