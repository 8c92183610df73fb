"""Accounts and roles (issue 20): who works on the roster, and the check every guarded service makes.

A roster without accounts works as before: anyone with the roster (and its passphrase) may do
everything, under the name they typed. Its first account must be a head of mission, and anyone
may make it; from then on only a head adds, disables or changes accounts, every guarded service
asks `require` at its entry, and the audit trail names the signed-in account, never a typed name.
A PIN is kept only as a scrypt hash (hashlib, per-account salt, the parameters stored with it);
five wrong PINs in a row lock the account for five minutes, each further five for twice as long as the
last (up to a day) until the right PIN is given; every refusal and every lock is audited.

    head = accounts.add_account(db, "A. Consul", Role.HEAD, "4711", operator="A. Consul")   # the first
    me = accounts.authenticate(db, "A. Consul", "4711")     # SignInRefused: unknown, wrong, locked, disabled
    accounts.sign_in(db, me)                                # the services now act for this account
    accounts.add_account(db, "V. Hotline", Role.VOLUNTEER, "1234", operator=me.name)
    accounts.require(db, Permission.EXPORT)                  # PermissionRefused (audited) for a volunteer

    @accounts.guarded(Permission.EXPORT)                    # a service's entry: db (or a workspace) first
    def export_persons(db: Database, out_path: Path, *, operator: str) -> ...: ...
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import hashlib
import hmac
import inspect
import json
import secrets
import unicodedata
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import func, select, update

from desktop_app.domain.errors import DatabaseError, DuplicateValue, NotFound, ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission, Role
from desktop_app.services import audit
from desktop_app.storage.db import Database, connect_file, open_database
from desktop_app.storage.models import Account

P = ParamSpec("P")
R = TypeVar("R")

MAX_FAILURES = 5  # wrong PINs in a row before the account is locked
LOCK_OUT = dt.timedelta(minutes=5)  # the first lock; each next one (five more wrong PINs) lasts twice as long
LONGEST_LOCK_OUT = dt.timedelta(days=1)
MIN_PIN = 4
# The audit trail's operator for what nobody authenticated did (a refusal, a failed sign-in): never a typed name.
NOT_SIGNED_IN = "(not signed in)"
# scrypt's cost: 16 MiB of memory per try (n * r * 128 bytes), as OWASP's password storage sheet advises.
SCRYPT_PARAMS: dict[str, int] = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 64}

# Service entry points and the permission each needs: `guarded` fills it, the role test reads it.
GUARDS: dict[str, Permission] = {}


class PermissionRefused(DatabaseError):
    """The signed-in account's role does not hold the permission a service needs (the refusal is audited)."""

    def __init__(self, account: str | None, role: Role | None, permission: Permission) -> None:
        self.account = account
        self.role = role
        self.permission = permission
        if role is None and account is not None:  # signed in, and disabled since
            super().__init__(QT_TRANSLATE_NOOP("services.accounts", "Refused: the account {account} is disabled; "
                                               "{permission} needs an account that may. Nothing was changed."),
                             account=account, permission=permission.label)
        elif role is None:
            super().__init__(QT_TRANSLATE_NOOP("services.accounts", "Refused: this roster has accounts and nobody is "
                                               "signed in; sign in (--user NAME) to use {permission}. Nothing was "
                                               "changed."), permission=permission.label)
        else:
            super().__init__(QT_TRANSLATE_NOOP("services.accounts", "Refused: {account} ({role}) has no permission "
                                               "for {permission}. Nothing was changed."),
                             account=account, role=role.label, permission=permission.label)


class SignInRefused(DatabaseError):
    """A sign-in that failed: an unknown name or a wrong PIN (not told apart), a locked or disabled account."""


@dataclass(frozen=True)
class AccountView:
    """An account as screens and commands see it (never its PIN or hash)."""

    id: int
    name: str
    role: Role
    disabled: bool
    locked_until: dt.datetime | None
    failed_attempts: int
    db_login: str | None
    created_at: dt.datetime
    created_by: str

    def may(self, permission: Permission) -> bool:
        return not self.disabled and self.role.may(permission)


def _view(row: Account) -> AccountView:
    return AccountView(row.id, row.name, Role(row.role), row.disabled, row.locked_until, row.failed_attempts,
                       row.db_login, row.created_at, row.created_by)


# --- who is signed in on an open roster --------------------------------------------------------------

_SIGNED_IN: weakref.WeakKeyDictionary[Database, AccountView] = weakref.WeakKeyDictionary()


def sign_in(db: Database, account: AccountView | None) -> None:
    """The services act for `account` on `db` from now on (None: nobody; the roster's own rule then applies)."""
    if account is None:
        _SIGNED_IN.pop(db, None)
    else:
        _SIGNED_IN[db] = account
    _forget_gate(db)


def signed_in(db: Database) -> AccountView | None:
    return _SIGNED_IN.get(db)


# --- the gate, read once per guarded call -------------------------------------------------------------
#
# What the gate read at the entry of the guarded service now running (this thread's, or this task's), per
# roster: whether it has accounts, or the signed-in account as it stood. The checks the service makes in
# turn (a second permission, a guarded service it calls) use it instead of reading the accounts again; the
# next call reads them afresh, so a role changed or an account disabled by another officer holds from the
# next service call on (the roster's next page, the next search), as the entry's own check always did.
# Anything that changes an account or who is signed in forgets it.


@dataclass
class _Gate:
    db: Database
    signed: AccountView | None  # who was signed in when it was read (another sign-in makes it stale)
    staffed: bool | None = None  # whether the roster has accounts (read when nobody is signed in)
    account: AccountView | None = None  # the signed-in account as read
    account_read: bool = False
    open: bool = True  # closed when its call ends: a context copied during the call (a task, a thread) shares it


_GATES: contextvars.ContextVar[dict[int, _Gate] | None] = contextvars.ContextVar("accounts_gates", default=None)


@contextlib.contextmanager
def gate_once(target: Any) -> Iterator[None]:
    """Within it, the accounts gate of the roster of `target` is read once, by its first check, on this
    thread: for work that is one read made of several guarded services (a page of the roster table: its
    ids, then its rows). Keep it short: a permission revoked meanwhile holds only from the next gate read.

        with accounts.gate_once(db):
            rows = roster.fetch_rows(db, roster.first_page_ids(db, query, 200))
    """
    db = _database(target)
    gates = _GATES.get()
    if gates is not None and id(db) in gates:
        yield  # an enclosing call holds the gate already
        return
    made = gates is None
    if made:
        gates = {}
        token = _GATES.set(gates)
    assert gates is not None
    gates[id(db)] = _Gate(db, signed_in(db))
    try:
        yield
    finally:
        # Closed, not only dropped: a context copied meanwhile (an asyncio task, a thread run in
        # contextvars.copy_context()) holds the same dict and may outlive the call; it reads afresh.
        gate = gates.pop(id(db), None)
        if gate is not None:
            gate.open = False
        if made:
            _GATES.reset(token)


def _gate(db: Database) -> _Gate | None:
    gates = _GATES.get()
    gate = gates.get(id(db)) if gates is not None else None
    if gate is None or not gate.open or gate.db is not db or gate.signed is not signed_in(db):
        return None
    return gate


def _forget_gate(db: Database) -> None:
    gates = _GATES.get()
    if gates is not None and id(db) in gates:
        gates[id(db)] = _Gate(db, signed_in(db))


def has_accounts(db: Database) -> bool:
    """Whether the roster has any account yet (without one, today's behaviour: no checks)."""
    gate = _gate(db)
    if gate is not None and gate.staffed is not None:
        return gate.staffed
    with db.reading(one_statement=True) as session:
        staffed = session.scalar(select(Account.id).limit(1)) is not None
    if gate is not None:
        gate.staffed = staffed
    return staffed


def _database(target: Any) -> Database:
    """The roster of a Database or of anything holding one as `.db` (a Workspace, the command line's Context)."""
    return target if isinstance(target, Database) else target.db


def current(target: Any) -> AccountView | None:
    """The signed-in account as it stands now (a head may have changed its role or disabled it meanwhile)."""
    db = _database(target)
    account = signed_in(db)
    if account is None:
        return None
    gate = _gate(db)
    if gate is not None and gate.account_read:
        return gate.account
    with db.reading(one_statement=True) as session:
        row = session.get(Account, account.id)
        now = _view(row) if row is not None and row.name == account.name else None
    if gate is not None:
        gate.account, gate.account_read = now, True
    return now


def may(target: Any, permission: Permission) -> bool:
    """Whether the work may do `permission` now (no audit: for showing or withholding, not for refusing)."""
    db = _database(target)
    if signed_in(db) is None:
        return not has_accounts(db)
    account = current(db)
    return account is not None and account.may(permission)


def require(target: Any, permission: Permission) -> AccountView | None:
    """Return the signed-in account (None on a roster without accounts) when it may do `permission`;
    else audit the refusal and raise PermissionRefused naming the role and the permission."""
    db = _database(target)
    if signed_in(db) is None:
        if not has_accounts(db):
            return None
        _audit_refusal(db, NOT_SIGNED_IN, None, permission)
        raise PermissionRefused(None, None, permission)
    account = current(db)
    if account is not None and account.may(permission):
        return account
    name = account.name if account is not None else signed_in(db).name  # type: ignore[union-attr]
    role = account.role if account is not None and not account.disabled else None
    _audit_refusal(db, name, role, permission)
    raise PermissionRefused(name, role, permission)


def require_on_file(path: Path, passphrase: str | None, permission: Permission,
                    account: AccountView | None) -> AccountView | None:
    """Before work on a roster file itself (encrypting it, a new passphrase, a recovery key), which the
    services do with the file closed: None when the file has no accounts (as before accounts); else
    `account` as the file has it now when it may do `permission`, or PermissionRefused, audited in the
    file. `passphrase` opens the file as it is now (None for a plain one)."""
    try:
        connection = connect_file(path, passphrase, readonly=True)
    except Exception:  # sqlite3's or SQLCipher's error classes alike: the work itself says what is wrong
        return None
    try:
        staffed = connection.execute("SELECT 1 FROM accounts LIMIT 1").fetchone() is not None
    except Exception as exc:  # a roster from before accounts has no such table, or the passphrase is wrong
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            # Unread is not 'no accounts': a file held by another program passed whoever asked.
            raise DatabaseError(QT_TRANSLATE_NOOP("services.accounts", "{path}: the roster is in use by another "
                                                  "program, so its accounts cannot be checked; try again when it "
                                                  "is done. Nothing was changed."), path=path) from None
        staffed = False
    finally:
        connection.close()
    if not staffed:
        return None
    roster = open_database(path, create=False, passphrase=passphrase)
    try:
        sign_in(roster, account)
        return require(roster, permission)
    finally:
        roster.close()


def _audit_refusal(db: Database, operator: str, role: Role | None, permission: Permission) -> None:
    try:
        with db.transaction() as session:
            audit.record(session, operator, "refused", "permission", permission.value,
                         f"refused {permission.value} to {role.value if role else 'nobody signed in'}",
                         {"role": role.value if role else None, "permission": permission.value})
    except DatabaseError:  # a damaged or read-only roster cannot take the entry; the refusal stands
        pass


def guarded(permission: Permission) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a service entry point (its first argument the Database, or anything with `.db`) as needing
    `permission`: it is refused before it starts, and an `operator` it is given is replaced by the
    signed-in account's name, so the audit trail names the authenticated account."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(function)
        names_operator = "operator" in signature.parameters

        @functools.wraps(function)
        def entry(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                with gate_once(args[0]):
                    account = require(args[0], permission)
                    if account is not None and names_operator:
                        bound = signature.bind(*args, **kwargs)
                        bound.arguments["operator"] = account.name
                        return function(*bound.args, **bound.kwargs)
                    return function(*args, **kwargs)
            finally:
                if permission is Permission.ACCOUNTS:  # an account changed: what a gate read may no longer hold
                    _forget_gate(_database(args[0]))

        entry.permission = permission  # type: ignore[attr-defined]
        GUARDS[f"{function.__module__}.{function.__qualname__}"] = permission
        return entry

    return decorate


# --- PINs ---------------------------------------------------------------------------------------------

def pin_form(pin: str) -> str:
    """The form a PIN is hashed in: NFKC, and every decimal digit of any script as its ASCII digit, so
    that 1234 typed on an Arabic or Persian keyboard (١٢٣٤, ۱۲۳۴) is the PIN the head of mission set."""
    return "".join(str(digit) if (digit := unicodedata.decimal(ch, None)) is not None else ch
                   for ch in unicodedata.normalize("NFKC", pin))


def _hash(pin: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hashlib.scrypt(pin_form(pin).encode("utf-8"), salt=salt, n=params["n"], r=params["r"], p=params["p"],
                          dklen=params["dklen"], maxmem=params["n"] * params["r"] * 256)


def checked_pin(pin: str) -> str:
    if len(pin) < MIN_PIN or pin != pin.strip():
        raise ValidationError("PIN", "", QT_TRANSLATE_NOOP("services.accounts", "must have at least {count} "
                                                           "characters and no spaces at either end"), count=MIN_PIN)
    return pin


def _checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise ValidationError("name", name, QT_TRANSLATE_NOOP("services.accounts", "must be 1 to 100 characters"))
    return name


def name_key(name: str) -> str:
    """The form two account names are compared in: any case, any script, blanks collapsed (in Python:
    SQLite's lower() folds ASCII letters only, so 'Иван' would never match 'иван', nor itself). Invisible
    format characters (zero-width spaces and joiners, direction marks) do not tell two names apart: an
    account 'Head\u200b2' would read as 'Head2' in the sign-in list and the audit trail."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join("".join(ch for ch in folded if unicodedata.category(ch) != "Cf").split())


def _find(session: Any, name: str) -> Account | None:
    wanted = name_key(name)
    return next((row for row in session.scalars(select(Account)) if name_key(row.name) == wanted), None)


def _row(session: Any, name: str) -> Account:
    row = _find(session, name)
    if row is None:
        raise NotFound("account", name)
    return row


# --- the services -------------------------------------------------------------------------------------

@guarded(Permission.ACCOUNTS)
def list_accounts(db: Database) -> list[AccountView]:
    """Every account by name, with its state (for the head of mission; no PINs)."""
    with db.reading() as session:
        return sorted((_view(row) for row in session.scalars(select(Account))), key=lambda a: name_key(a.name))


def account_names(db: Database) -> list[tuple[str, Role]]:
    """The accounts that may sign in, by name, and their roles: what the sign-in dialog and the idle
    lock offer before anybody is signed in (nothing about failures, locks or server logins)."""
    with db.reading() as session:
        rows = session.execute(select(Account.name, Account.role).where(Account.disabled.is_(False)))
        return sorted(((name, Role(role)) for name, role in rows), key=lambda item: name_key(item[0]))


@guarded(Permission.ACCOUNTS)
def add_account(db: Database, name: str, role: Role, pin: str, *, operator: str) -> AccountView:
    """A new account; the roster's first must be a head of mission (and anyone may make it)."""
    name, pin = _checked_name(name), checked_pin(pin)
    salt = secrets.token_bytes(16)
    with db.transaction() as session:
        first = session.scalar(select(Account.id).limit(1)) is None
        if first and role is not Role.HEAD:
            raise ValidationError("role", role.value, QT_TRANSLATE_NOOP(
                "services.accounts", "cannot be the roster's first account: the first is the head of mission's"))
        if _find(session, name) is not None:
            raise DuplicateValue(QT_TRANSLATE_NOOP("services.accounts", "An account {name!r} exists already."),
                                 name=name)
        creator = name if first else operator
        row = Account(name=name, role=role.value, pin_hash=_hash(pin, salt, SCRYPT_PARAMS).hex(), pin_salt=salt.hex(),
                      pin_params=json.dumps(SCRYPT_PARAMS, sort_keys=True), failed_attempts=0, disabled=False,
                      created_at=audit.now(), created_by=creator)
        session.add(row)
        session.flush()
        audit.record(session, creator, "create", "account", name, f"account {name}: {role.value}",
                     {"role": role.value, "first": first})
        return _view(row)


def lock_out(failures: int) -> dt.timedelta:
    """How long `failures` wrong PINs in a row lock an account: five minutes at the fifth, doubled at
    each fifth after it, a day at most (the head of mission unlocks it at once with a new PIN)."""
    locks = failures // MAX_FAILURES
    if locks < 1:
        return dt.timedelta(0)
    doubled: int = 2 ** min(locks - 1, 20)
    return min(LOCK_OUT * doubled, LONGEST_LOCK_OUT)


_LOCKED = QT_TRANSLATE_NOOP("services.accounts", "Not signed in: the account {name!r} is locked for "
                            "{minutes} more minute(s) after {count} wrong PINs in a row (until {until:%H:%M:%S}).")


def authenticate(db: Database, name: str, pin: str, *, now: dt.datetime | None = None) -> AccountView:
    """The account `name` when `pin` is its PIN; SignInRefused otherwise (audited; the fifth wrong PIN
    in a row locks the account for five minutes, every fifth after it for longer: `lock_out`).

    A clock set back does not shorten a lock: it is kept as the time it ends, so an earlier `now`
    only finds it further away."""
    at = now or audit.now()
    with db.transaction() as session:
        row = _find(session, name)
        refusal = None
        if row is None:
            refusal = QT_TRANSLATE_NOOP("services.accounts", "Not signed in: no account {name!r} with this PIN.")
        elif row.disabled:
            refusal = QT_TRANSLATE_NOOP("services.accounts", "Not signed in: the account {name!r} is disabled; "
                                        "the head of mission can enable it again.")
        elif row.locked_until is not None and row.locked_until > at:
            refusal = _LOCKED
        else:
            params = json.loads(row.pin_params)
            salt = bytes.fromhex(row.pin_salt)
            good = hmac.compare_digest(_hash(pin, salt, params).hex(), row.pin_hash)
            if not good and pin_form(pin) != pin:  # a hash made before `pin_form`, of the PIN as typed
                raw = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=params["n"], r=params["r"], p=params["p"],
                                     dklen=params["dklen"], maxmem=params["n"] * params["r"] * 256)
                if hmac.compare_digest(raw.hex(), row.pin_hash):
                    good, row.pin_hash = True, _hash(pin, salt, params).hex()
            if good:
                row.failed_attempts, row.locked_until = 0, None
                audit.record(session, row.name, "sign_in", "account", row.name, f"{row.name} signed in")
                return _view(row)
            # Counted in the table (one UPDATE, not read and written back), so that two processes trying
            # at once both count, and kept until the right PIN: every fifth wrong one locks for longer.
            session.execute(update(Account).where(Account.id == row.id)
                            .values(failed_attempts=Account.failed_attempts + 1))
            session.refresh(row)
            if row.failed_attempts % MAX_FAILURES == 0:
                lock = lock_out(row.failed_attempts)
                row.locked_until = at + lock
                audit.record(session, NOT_SIGNED_IN, "locked", "account", row.name,
                             f"account {row.name} locked for {int(lock.total_seconds() // 60)} minutes",
                             {"failed_attempts": row.failed_attempts, "minutes": int(lock.total_seconds() // 60)})
                refusal = _LOCKED  # the PIN that locks it says so: the officer would type on, refused unawares
            else:
                refusal = QT_TRANSLATE_NOOP("services.accounts", "Not signed in: no account {name!r} with this PIN.")
        key = row.name if row is not None else name.strip()[:64]
        audit.record(session, NOT_SIGNED_IN, "sign_in_refused", "account", key, f"sign-in refused for {key}",
                     {"locked": bool(row is not None and row.locked_until is not None and row.locked_until > at)})
        until = row.locked_until if row is not None else None
        failures = row.failed_attempts if row is not None else 0
    left = until - at if until is not None and until > at else dt.timedelta(0)
    minutes = max(1, -(-int(left.total_seconds()) // 60))  # rounded up: "1 more minute" until the very end
    raise SignInRefused(refusal, name=name, count=max(failures, MAX_FAILURES), until=until, minutes=minutes)


@guarded(Permission.ACCOUNTS)
def change_role(db: Database, name: str, role: Role, *, operator: str) -> AccountView:
    """Give account `name` another role; the roster's last active head stays a head."""
    with db.transaction() as session:
        row = _row(session, name)
        if row.role == Role.HEAD.value and role is not Role.HEAD:
            _keep_a_head(session, row)
        old, row.role = row.role, role.value
        audit.record(session, operator, "update", "account", row.name, f"account {row.name}: {old} -> {role.value}",
                     {"role": [old, role.value]})
        return _view(row)


@guarded(Permission.ACCOUNTS)
def disable_account(db: Database, name: str, *, operator: str, disabled: bool = True) -> AccountView:
    """Disable account `name` (it can no longer sign in nor act), or enable it again; never the last head."""
    with db.transaction() as session:
        row = _row(session, name)
        if disabled and row.role == Role.HEAD.value:
            _keep_a_head(session, row)
        row.disabled = disabled
        if not disabled:
            row.failed_attempts, row.locked_until = 0, None
        audit.record(session, operator, "update", "account", row.name,
                     f"account {row.name} {'disabled' if disabled else 'enabled'}", {"disabled": disabled})
        return _view(row)


@guarded(Permission.ACCOUNTS)
def set_pin(db: Database, name: str, pin: str, *, operator: str) -> AccountView:
    """A new PIN for account `name` (a head resets a forgotten one); unlocks the account."""
    pin = checked_pin(pin)
    salt = secrets.token_bytes(16)
    with db.transaction() as session:
        row = _row(session, name)
        row.pin_hash, row.pin_salt = _hash(pin, salt, SCRYPT_PARAMS).hex(), salt.hex()
        row.pin_params = json.dumps(SCRYPT_PARAMS, sort_keys=True)
        row.failed_attempts, row.locked_until = 0, None
        audit.record(session, operator, "update", "account", row.name, f"account {row.name}: new PIN")
        return _view(row)


@guarded(Permission.ACCOUNTS)
def map_server_login(db: Database, name: str, login: str | None, *, operator: str) -> AccountView:
    """On PostgreSQL: the server login `login` signs in as account `name` (None: no login any more)."""
    login = login.strip() if login else None
    with db.transaction() as session:
        row = _row(session, name)
        taken = session.scalar(select(Account.name).where(Account.db_login == login, Account.id != row.id)) \
            if login else None
        if taken is not None:
            raise DuplicateValue(QT_TRANSLATE_NOOP("services.accounts", "The server login {login!r} signs in as "
                                                   "{name!r} already."), login=login, name=taken)
        old, row.db_login = row.db_login, login
        audit.record(session, operator, "update", "account", row.name, f"account {row.name}: server login",
                     {"db_login": [old, login]})
        return _view(row)


def server_login(db: Database) -> str | None:
    """The server login this roster was opened with (PostgreSQL), None for a roster file."""
    if db.engine.dialect.name != "postgresql":
        return None
    with db.reading() as session:
        return str(session.scalar(select(func.current_user())))


def sign_in_by_server_login(db: Database) -> AccountView | None:
    """On PostgreSQL, sign in as the account mapped to the server login the roster was opened with
    (the server's own logs name the officer); None when there is none (then `authenticate` asks)."""
    login = server_login(db)
    if login is None:
        return None
    with db.reading() as session:  # most server logins map to no account: nothing is written for them
        if session.scalar(select(Account.id).where(Account.db_login == login, Account.disabled.is_(False))) is None:
            return None
    with db.transaction() as session:
        row = session.scalar(select(Account).where(Account.db_login == login, Account.disabled.is_(False)))
        if row is None:
            return None
        audit.record(session, row.name, "sign_in", "account", row.name, f"{row.name} signed in",
                     {"server_login": login})
        account = _view(row)
    sign_in(db, account)
    return account


def _keep_a_head(session: Any, row: Account) -> None:
    heads = session.scalar(select(func.count()).select_from(Account).where(
        Account.role == Role.HEAD.value, Account.disabled.is_(False), Account.id != row.id))
    if not heads:
        raise ValidationError("role", row.name, QT_TRANSLATE_NOOP(
            "services.accounts", "is the roster's last active head of mission; make another head first"))



# services.audit guards its reads at their first call (it cannot import this module while it loads).
_AUDIT_READS: tuple[Callable[..., object], ...] = (audit.browse, audit.operators)
for _read in _AUDIT_READS:
    GUARDS[f"{_read.__module__}.{_read.__qualname__}"] = _read.permission  # type: ignore[attr-defined]
