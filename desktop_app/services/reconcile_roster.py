"""The roster as the matching engine sees it: one `MatchRecord` per active person, read in bulk.

Reconciling and the duplicate finder both need every active person (not in the trash, not
merged) with names in both scripts, birth date, sex, documents and household. They are read
with three SQLAlchemy Core queries (persons, documents, households): at 100,000 persons the
ORM would cost several times as much for no benefit, since nothing here is changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex
from desktop_app.domain.status import Status
from desktop_app.matching import MatchRecord
from desktop_app.storage.models import Document, Household, Person


@dataclass(frozen=True, slots=True)
class RosterPerson:
    id: int
    uuid: str
    case_ref: str
    surname: str
    given_names: str
    patronymic: str
    surname_latin: str
    given_names_latin: str
    sex: str | None
    birth_date: str | None  # PartialDate ISO text
    documents: tuple[str, ...]
    household_id: int | None
    household_ref: str
    status: str
    version: int

    @property
    def name(self) -> str:
        native = " ".join(p for p in (self.surname, self.given_names, self.patronymic) if p)
        return native or self.latin_name

    @property
    def latin_name(self) -> str:
        return " ".join(p for p in (self.surname_latin, self.given_names_latin) if p)

    def match_record(self) -> MatchRecord:
        return MatchRecord(
            key=self.id, surname=self.surname, given_names=self.given_names, patronymic=self.patronymic,
            surname_latin=self.surname_latin, given_names_latin=self.given_names_latin,
            birth_date=PartialDate.parse(self.birth_date) if self.birth_date else None,
            sex=Sex(self.sex) if self.sex else None, documents=self.documents, uuid=self.uuid,
            case_ref=self.case_ref, household_key=self.household_ref or None)


def load_roster(session: Session) -> dict[int, RosterPerson]:
    """Every active person by id (persons in the trash and merged records are left out)."""
    household_refs: dict[int, str] = dict(session.execute(select(Household.id, Household.ref)).all())
    documents: dict[int, list[str]] = {}
    for person_id, number in session.execute(select(Document.person_id, Document.number).order_by(Document.id)):
        documents.setdefault(person_id, []).append(number)
    query = select(Person.id, Person.uuid, Person.case_ref, Person.surname, Person.given_names, Person.patronymic,
                   Person.surname_latin, Person.given_names_latin, Person.sex, Person.birth_date,
                   Person.household_id, Person.status, Person.version).where(
        Person.deleted_at.is_(None), Person.status != Status.MERGED.value).order_by(Person.id)
    roster: dict[int, RosterPerson] = {}
    for row in session.execute(query):
        roster[row.id] = RosterPerson(
            row.id, row.uuid, row.case_ref, row.surname, row.given_names, row.patronymic, row.surname_latin,
            row.given_names_latin, row.sex, row.birth_date, tuple(documents.get(row.id, ())), row.household_id,
            household_refs.get(row.household_id, "") if row.household_id else "", row.status, row.version)
    return roster
