"""One open roster and who works on it: the handle every screen and command starts from (no Qt).

A `Workspace` holds the open database, the operator whose name goes into the audit trail,
the mission's settings, and the look-ups that every screen and command repeats (a person by
case reference, a list by name, a household by reference, a partner organization by name, an
undoable operation by number). Like calibre's library handle, it tells its listeners two
things: that the roster was replaced (another file opened, a restore, an encryption), and
which kinds of records a change touched (`services.changes` kinds: "persons", "lists", ...).

    workspace = Workspace.open("roster.db", operator="A. Officer")
    person = workspace.person("MR-000123")                 # by case reference or UUID
    members = lists.members(workspace.db, workspace.list_id("Bus 1"))
    workspace.on_changed.append(lambda kinds: print(sorted(kinds)))
    workspace.notify(frozenset({"persons"}))              # after a write: listeners hear of it
    workspace.replace_database(workspace.db.reopen())     # after a restore: listeners hear of it
    workspace.wait_for_writer(stop.is_set, print)          # before a write: prints who holds the lock
    workspace.close()

The window's `ui.workspace_signals.WorkspaceHub` turns these callbacks into Qt signals; the
command line's `cli.Context` is a thin wrapper that opens a workspace on first use.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from desktop_app.domain.errors import Cancelled, NotFound
from desktop_app.services import accounts, households, lists, operations, partners, persons
from desktop_app.services.operations import UndoableOperation
from desktop_app.services.settings import MissionSettings, load_mission
from desktop_app.storage.db import BUSY_TIMEOUT_MS, Database, lock_holder, open_database
from desktop_app.storage.errors import Failure, failure_of

# The open roster as the window may name it (the window never imports storage itself).
Roster: TypeAlias = Database
ChangeListener = Callable[[frozenset[str]], None]
LOCK_LOOK_S = 0.2  # how long one look for the write lock waits before telling who holds it
ReplaceListener = Callable[["Workspace"], None]


def open_roster(target: str | os.PathLike[str], *, operator: str, passphrase: str | None = None,
                create: bool = True, on_upgrade: Callable[[Path | None], None] | None = None) -> Roster:
    """The roster at `target` (a path or URL) opened for `operator`, to hand to `Workspace.replace_database`;
    DatabaseError and its kinds when it cannot be opened. `on_upgrade(backup)`: a roster of an older version
    is about to be backed up (to `backup`, None on a server) and upgraded (see `open_database`)."""
    return open_database(target, create=create, passphrase=passphrase, holder=operator, on_upgrade=on_upgrade)


class Workspace:
    """The open roster (`db`), the `operator`, and what screens and commands look up on it."""

    def __init__(self, db: Database, operator: str) -> None:
        self._db = db
        self.operator = operator
        self.on_changed: list[ChangeListener] = []
        self.on_replaced: list[ReplaceListener] = []

    @classmethod
    def open(cls, target: str | os.PathLike[str], *, operator: str, passphrase: str | None = None,
             create: bool = True, on_upgrade: Callable[[Path | None], None] | None = None) -> Workspace:
        """Open the roster at `target` (a path or URL) for `operator`; DatabaseError and its kinds when it cannot."""
        return cls(open_roster(target, operator=operator, passphrase=passphrase, create=create,
                               on_upgrade=on_upgrade), operator)

    @property
    def db(self) -> Database:
        return self._db

    @property
    def label(self) -> str:
        """The roster as a person reads it: its file path, or its server URL without the password."""
        return self._db.target.label

    def replace_database(self, database: Database, *, close_old: bool = True) -> Database:
        """Work on `database` from now on (another roster opened, a restore, an encryption); returns the old one.

        The old database is closed unless `close_old` is False or it is the same object; listeners
        in `on_replaced` are told after the swap.
        """
        old, self._db = self._db, database
        if old is not database and old.target.label == database.target.label:
            # The same roster reopened (a restore, an encryption): the same officer works on. Another
            # roster has accounts of its own, and its sign-in is asked afresh.
            accounts.sign_in(database, accounts.signed_in(old))
        if close_old and old is not database:
            old.close()
        for listener in list(self.on_replaced):
            listener(self)
        return old

    def set_operator(self, operator: str) -> None:
        """Another officer works on this window from now on (Settings)."""
        self.operator = operator

    @property
    def account(self) -> accounts.AccountView | None:
        """The signed-in account (issue 20), or None on a roster without accounts."""
        return accounts.signed_in(self._db)

    def sign_in(self, name: str, pin: str) -> accounts.AccountView:
        """Authenticate `name` with `pin` and work as that account from now on (the audit trail names it);
        SignInRefused otherwise, and the account signed in before stays."""
        account = accounts.authenticate(self._db, name, pin)
        accounts.sign_in(self._db, account)
        self.operator = account.name
        return account

    def sign_in_by_server_login(self) -> accounts.AccountView | None:
        """On PostgreSQL, work as the account mapped to the server login (None when none is mapped)."""
        account = accounts.sign_in_by_server_login(self._db)
        if account is not None:
            self.operator = account.name
        return account

    def notify(self, kinds: frozenset[str]) -> None:
        """Tell the listeners that a change touched these kinds of records (see services.changes)."""
        if kinds:
            for listener in list(self.on_changed):
                listener(kinds)

    def close(self) -> None:
        self._db.close()

    # --- the write lock -----------------------------------------------------------------------

    def wait_for_writer(self, cancelled: Callable[[], bool], waiting: Callable[[str | None], None]) -> None:
        """Return once no one else holds the roster's write lock, so that a write can start.

        While a colleague holds it, `waiting(holder)` is called (again whenever the holder changes;
        `holder` names operator, computer and since when, or None when the writer left no note);
        `cancelled()` is asked every `LOCK_LOOK_S` seconds and raises Cancelled when it says so
        (nothing was written). On PostgreSQL the lock is the server's (an advisory lock) and its holder
        the name its program gave the server. The lock is not kept: a writer that comes in between
        makes the write wait its busy timeout.
        """
        path = self._db.target.path
        if self._db.damage is not None:  # a damaged file refuses writes
            return
        told = False
        last: str | None = None
        while True:
            if cancelled():
                raise Cancelled("Not saved: the wait for a colleague's change to finish was cancelled; nothing "
                                "was changed.")
            # Asked again once the lock is free: a Cancel pressed during the look (the colleague letting go in
            # the same moment) still gives the write up.
            if self._lock_free() and not cancelled():
                return
            holder = lock_holder(path) if path is not None else self._db.server_lock_holder()
            if not told or holder != last:
                told, last = True, holder
                waiting(holder)

    def _lock_free(self) -> bool:
        """Whether the write lock could be taken within `LOCK_LOOK_S` (it is let go at once)."""
        if self._db.target.path is None:
            return self._db.server_write_lock_free(LOCK_LOOK_S)
        started = time.monotonic()
        with self._db.raw_connection() as connection:
            connection.execute(f"PRAGMA busy_timeout = {int(LOCK_LOOK_S * 1000)}")
            try:
                connection.execute("BEGIN IMMEDIATE")
            except Exception as exc:  # sqlite3's or sqlcipher3's OperationalError
                if failure_of(exc) is not Failure.BUSY:
                    raise
                # A lock held by another connection of this process fails at once: wait out the look here.
                time.sleep(max(0.0, LOCK_LOOK_S - (time.monotonic() - started)))
                return False
            else:
                connection.execute("ROLLBACK")
                return True
            finally:
                connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    # --- mission settings ---------------------------------------------------------------------

    def mission(self) -> MissionSettings:
        """The mission's name and host country, read afresh (a colleague may have changed them)."""
        return load_mission(self._db)

    @property
    def phone_region(self) -> str | None:
        """The host country: phone numbers typed without a country code are read as local."""
        return self.mission().phone_region

    # --- look-ups -----------------------------------------------------------------------------

    def person(self, key: str) -> persons.PersonView:
        """A person by case reference or UUID; NotFound when there is none (or it is in the trash)."""
        return persons.find_person(self._db, key)

    def person_id(self, key: str) -> int:
        return self.person(key).id

    def list_id(self, name: str) -> int:
        """An evacuation list by its name; NotFound when there is none."""
        return lists.find_list(self._db, name).id

    def organization_id(self, name: str) -> int:
        """A partner organization by its name, whatever the case; NotFound when there is none."""
        wanted = name.strip().casefold()
        for organization in partners.organizations(self._db):
            if organization.name.casefold() == wanted:
                return organization.id
        raise NotFound("partner organization", name)

    def household_id(self, ref: str) -> int:
        """A household by its reference or UUID; NotFound when there is none."""
        found = households.find_household_id(self._db, ref)
        if found is None:
            raise NotFound("household", ref)
        return found

    def undoable_operation(self, operation_id: int, kind: str) -> UndoableOperation:
        """Operation `operation_id` when it is of `kind` and not undone yet (`services.operations.undoable`:
        NotFound, or ValidationError naming the command that undoes another kind, or who undid it)."""
        return operations.describe(self._db, operation_id, kind)
