"""The roster as the matching engine sees it: one `MatchRecord` per active person, read in bulk.

Reconciling and the duplicate finder both need every active person (not in the trash, not
merged) with names in both scripts, birth date, sex, documents, household, locality and address. They are read
with three SQLAlchemy Core queries (persons, documents, households): at 100,000 persons the
ORM would cost several times as much for no benefit, since nothing here is changed.

    roster = load_roster(session)                   # every active person, read now
    roster, index = roster_index(db)                # the same and the engine's index, kept while unchanged
    found = index.candidates_for_all(records)       # `index` is a fresh copy: fit and count freely
    warm_roster_index(db)                           # the window, once a roster is open: built before it is asked

Building the index (each person's name keys in every script, blocking keys, the model's u
and name frequencies) is most of a large reconcile's work, and it depends on the roster
alone; `roster_index` keeps the last one built in memory, keyed by the database and its
audit trail's head (every change to a record is audited, and the head's hash chains the
whole trail; entries that change no person, a backup or an export, are passed over: `roster_head`), and
rebuilds it when any change was committed since. The window builds it in the
background when a roster opens (`warm_roster_index`: the index and the roster's side of a batch, not
every block: each reconcile makes the blocks its answer asks for), so that a reconcile only makes those
and matches; a reconcile asked for during that build waits for it instead of building a second one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import islice, repeat
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.errors import Cancelled
from desktop_app.domain.person import Sex
from desktop_app.domain.roles import Permission
from desktop_app.domain.status import Status
from desktop_app.matching import (
    MatchRecord,
    Prepared,
    RosterIndex,
    RosterPreparing,
    collector_paused,
    prepare_fields,
)
from desktop_app.services import accounts, changes
from desktop_app.services.backups import BACKUP_ACTION
from desktop_app.storage.db import Database
from desktop_app.storage.models import AuditEntry, Document, Household, Person


class RosterPerson(NamedTuple):
    """One active person as reconciling and the duplicate finder read them.

    A named tuple rather than a frozen dataclass: one is made for every person on the roster,
    and a frozen dataclass sets each field through `object.__setattr__`, several times the cost.
    """

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
    locality: str = ""
    address: str = ""

    @property
    def name(self) -> str:
        native = " ".join(p for p in (self.surname, self.given_names, self.patronymic) if p)
        return native or self.latin_name

    @property
    def latin_name(self) -> str:
        return " ".join(p for p in (self.surname_latin, self.given_names_latin) if p)

    def prepared(self) -> Prepared:
        """What `RosterIndex` makes of `match_record()`, without making the record first."""
        return prepare_fields(
            self.id, surname=self.surname, given_names=self.given_names, patronymic=self.patronymic,
            surname_latin=self.surname_latin, given_names_latin=self.given_names_latin,
            birth_date=_date(self.birth_date) if self.birth_date else None,
            sex=_SEXES[self.sex] if self.sex else None, documents=self.documents, uuid=self.uuid,
            case_ref=self.case_ref, household_key=self.household_ref or None, locality=self.locality,
            address=self.address)

    def match_record(self) -> MatchRecord:
        return MatchRecord(
            key=self.id, surname=self.surname, given_names=self.given_names, patronymic=self.patronymic,
            surname_latin=self.surname_latin, given_names_latin=self.given_names_latin,
            birth_date=_date(self.birth_date) if self.birth_date else None,
            sex=_SEXES[self.sex] if self.sex else None, documents=self.documents, uuid=self.uuid,
            case_ref=self.case_ref, household_key=self.household_ref or None, locality=self.locality,
            address=self.address)


_SEXES = {sex.value: sex for sex in Sex}
_date = lru_cache(maxsize=65_536)(PartialDate.parse)  # a roster of 100,000 holds about 30,000 birth dates


_ASKED_EVERY = 1000  # persons read between two of `load_roster`'s checkpoints


def load_roster(session: Session, checkpoint: Callable[[], None] | None = None) -> dict[int, RosterPerson]:
    """Every active person by id (persons in the trash and merged records are left out). `checkpoint()`, if given,
    is called after the documents' read and every `_ASKED_EVERY` persons (it raises to stop: the duplicate search's
    Cancel, which waited for the whole read, 9 s at a million persons)."""
    # Core on the session's connection: the session's own execute runs column selects through the ORM's
    # row loading, which costs more than reading the rows.
    connection = session.connection()
    household_refs: dict[int, str] = dict(connection.execute(select(Household.id, Household.ref)).all())
    documents: dict[int, list[str]] = {}
    for person_id, number in connection.execute(select(Document.person_id, Document.number).order_by(Document.id)):
        documents.setdefault(person_id, []).append(number)
    if checkpoint is not None:
        checkpoint()
    query = select(Person.id, Person.uuid, Person.case_ref, Person.surname, Person.given_names, Person.patronymic,
                   Person.surname_latin, Person.given_names_latin, Person.sex, Person.birth_date,
                   Person.household_id, Person.status, Person.version, Person.locality, Person.address).where(
        Person.deleted_at.is_(None), Person.status != Status.MERGED.value).order_by(Person.id)
    roster: dict[int, RosterPerson] = {}
    # The driver gives every cell its own string: the values persons share (names, dates, towns, statuses) are
    # kept once each, which the roster's size in memory and every later lookup by them (the index) gain from.
    shared: dict[str, str] = {}
    same = shared.setdefault
    dates: dict[str | None, str | None] = {}
    places: dict[str | None, str] = {None: ""}  # a town not given is ""
    # A chunk of rows at a time, column by column: each column mapped by builtins (the strings shared, the documents
    # and household refs looked up, the tuples made straight through `tuple.__new__`, not the named tuple's own
    # `__new__`), no Python statement run per person.
    for rows in connection.execute(query).partitions(_ASKED_EVERY):
        if checkpoint is not None:
            checkpoint()
        (ids, uuids, case_refs, surnames, given_names, patronymics, surnames_latin, given_names_latin, sexes,
         birth_dates, household_ids, statuses, versions, localities, addresses) = zip(*rows, strict=True)
        roster.update(zip(ids, map(tuple.__new__, repeat(RosterPerson), zip(
            ids, uuids, case_refs, map(same, surnames, surnames), map(same, given_names, given_names),
            map(same, patronymics, patronymics), map(same, surnames_latin, surnames_latin),
            map(same, given_names_latin, given_names_latin), sexes, map(dates.setdefault, birth_dates, birth_dates),
            map(tuple, map(documents.get, ids, repeat(()))), household_ids,
            map(household_refs.get, household_ids, repeat("")), map(same, statuses, statuses), versions,
            map(places.setdefault, localities, localities), [address or "" for address in addresses],
            strict=True)), strict=True))
    return roster


_kept: dict[str, tuple[tuple[object, ...], dict[int, RosterPerson], RosterIndex]] = {}  # one roster at a time
_keeping = threading.Lock()
_building = threading.RLock()  # held while an index is built or warmed


# Audit entries of records no person's matching reads (exports and the persons they listed, profiles, partners,
# the call log, a refused permission), and the backup's (`roster`, `backup`): the window's automatic backup and
# an export leave the kept index as it is, where they had the next reconcile build it again
_NO_PERSON_CHANGED = sorted(entity for entity, kinds in changes.ENTITY_KINDS.items()
                            if kinds <= {changes.EXPORTS, changes.PROFILES, changes.PARTNERS, changes.LIAISON})


def roster_head(session: Session) -> tuple[object, ...]:
    """What changes with the roster's persons: the audit trail's last entry that may change one (its hash chains the
    trail; a backup or an export changes none), the persons' extent."""
    last = session.execute(
        select(AuditEntry.id, AuditEntry.hash)
        .where(AuditEntry.entity.not_in(_NO_PERSON_CHANGED),
               ~((AuditEntry.entity == "roster") & (AuditEntry.action == BACKUP_ACTION)))
        .order_by(AuditEntry.id.desc()).limit(1)).first()
    extent = session.execute(select(func.max(Person.id), func.count(Person.id))).one()
    return (*(last or (None, None)), *extent)


@accounts.guarded(Permission.SEARCH)
def roster_index(db: Database) -> tuple[dict[int, RosterPerson], RosterIndex]:
    """Every active person by id and a fresh copy of the engine's index over them, rebuilt only after a change.

    The persons are read in one read transaction with the head that keys them. The dict
    returned is shared with later calls: read it, never change it. A reconcile asking while
    the index is being built (`warm_roster_index` in the background) waits for that build.
    """
    with _building:
        roster, index = _kept_index(db)
        return roster, index.fresh()


def warm_roster_index(db: Database, cancelled: Callable[[], bool] = lambda: False) -> int:
    """Build the roster's index now (`RosterIndex.warm`: what a reconcile through it reads of the roster, not every
    block), so that the next reconcile only makes its answer's blocks and matches; returns the index's size.

    The window runs this in the background once a roster is open (the command line does not:
    a command reconciles once). Nothing is built again while the roster is unchanged.
    `cancelled()` turning true (the window closing) stops the build within a few seconds
    with `Cancelled`; nothing half-built is kept.
    """
    if not accounts.may(db, Permission.SEARCH):  # nobody signed in yet on a roster with accounts: read no one
        return 0
    with _building:
        _, index = _kept_index(db, cancelled)
        if cancelled():
            raise Cancelled()
        index.warm()
        return len(index)


def _kept_index(db: Database, cancelled: Callable[[], bool] = lambda: False
                ) -> tuple[dict[int, RosterPerson], RosterIndex]:
    """The kept persons and index of `db`'s roster as it is now, built first when missing or out of date."""
    where = str(db.engine.url)
    with _building:  # one build at a time: a reconcile started during a warm-up waits for it, not builds twice
        with db.reading() as session:
            head = roster_head(session)
            with _keeping:
                kept = _kept.get(where)
            if kept is not None and kept[0] == head:
                return kept[1], kept[2]
            # The persons read are kept with the index: moved to the collector's oldest generation with it, not
            # left young for the window's GUI-thread collector to walk and count towards a full pass (breaker X19l).
            with collector_paused():
                roster = load_roster(session)
        index = RosterIndex(_records(roster, cancelled))
        with _keeping:
            _kept.clear()  # a roster's index is large: keep only the last roster's
            _kept[where] = (head, roster, index)
        return roster, index


def roster_index_ready(db: Database) -> bool:
    """Whether the kept index of `db`'s roster is up to date and warmed (`RosterIndex.warmed`, by the warm-up or a
    reconcile): a reconcile now only makes its answer's blocks and matches."""
    with db.reading() as session:
        head = roster_head(session)
    with _keeping:
        kept = _kept.get(str(db.engine.url))
    return kept is not None and kept[0] == head and kept[2].warmed


CANCEL_EVERY = 50_000  # persons prepared between two looks at `cancelled`


def _records(roster: dict[int, RosterPerson], cancelled: Callable[[], bool]) -> Iterator[Prepared]:
    """`person.prepared()` of every person, a chunk of persons at a time, column by column: each distinct name,
    birth date, sex and place prepared once (`RosterPreparing.prepared_columns`). A generator: `RosterIndex`
    consumes it with the collector paused."""
    preparing = RosterPreparing()
    persons = iter(roster.values())
    while chunk := list(islice(persons, CANCEL_EVERY)):
        if cancelled():
            raise Cancelled()
        (ids, uuids, case_refs, surnames, given_names, patronymics, surnames_latin, given_names_latin, sexes,
         birth_dates, documents, _, household_refs, _, _, localities, addresses) = zip(*chunk, strict=True)
        del chunk
        dates = {text: _date(text) if text else None for text in set(birth_dates)}
        sex_of = {sex: _SEXES[sex] if sex else None for sex in set(sexes)}
        yield from preparing.prepared_columns(
            ids, surnames, given_names, patronymics, surnames_latin, given_names_latin,
            map(dates.__getitem__, birth_dates), map(sex_of.__getitem__, sexes), documents, uuids, case_refs,
            [ref or None for ref in household_refs], localities, addresses)


def prepared_roster(roster: dict[int, RosterPerson]) -> Iterator[Prepared]:
    """`person.prepared()` of every person of `roster`, namesakes sharing one tokens tuple (`RosterPreparing`), so
    that the model counts each distinct name once (`matching.roster_counts`)."""
    return _records(roster, lambda: False)


def forget_roster_index() -> None:
    """Drop the kept index (a test measuring a cold build; memory back after closing a roster)."""
    with _keeping:
        _kept.clear()
