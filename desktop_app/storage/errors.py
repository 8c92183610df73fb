"""Database failures told apart by SQLite's result code: the known ones become typed errors, the rest are bugs.

Python's `sqlite3` (and the `sqlcipher3` driver) put SQLite's extended result code on each
exception as `sqlite_errorcode` (Python 3.11+); its low byte is the primary code. A known
failure (the roster busy with a colleague's write, a full disk, a read-only file, a damaged
or foreign file, a file that cannot be opened, a failing disk, a record that conflicts) is a
`DatabaseError` kind with a sentence for the officer. Anything else (a bad statement, a
missing table) is a bug: `translate` returns None and the caller re-raises the driver's error,
which reaches the crash dialog and the log with its traceback. On PostgreSQL the SQLSTATE
(psycopg's `sqlstate`) plays the result code's part. The driver's message is read only when
there is no code at all (a server that cannot be reached, Python's own decoding error):

    try:
        ...
    except DBAPIError as exc:
        known = translate(exc, "roster.db", holder=lambda: "A. Officer on PC-7")
        if known is None:
            raise                      # a bug: the traceback goes to the log
        raise known from exc           # DatabaseBusy, DiskFull, ReadOnlyDatabase, ...

    failure_of(sqlite3_exception)      # Failure.BUSY, Failure.FULL, ... or None
"""

from __future__ import annotations

import enum
import errno
from collections.abc import Callable

from desktop_app.domain.errors import DatabaseError


class Failure(enum.Enum):
    """The kinds of database failure the program expects and explains."""

    BUSY = "busy"  # SQLITE_BUSY, SQLITE_LOCKED: another connection holds the lock
    FULL = "full"  # SQLITE_FULL, ENOSPC
    READONLY = "readonly"  # SQLITE_READONLY
    CORRUPT = "corrupt"  # SQLITE_CORRUPT
    NOTADB = "notadb"  # SQLITE_NOTADB: not an SQLite file, or the wrong key
    CANTOPEN = "cantopen"  # SQLITE_CANTOPEN
    IOERR = "ioerr"  # SQLITE_IOERR: the disk failed a read or write
    CONSTRAINT = "constraint"  # SQLITE_CONSTRAINT: a unique or foreign key refused the change


# SQLite's primary result codes (https://sqlite.org/rescode.html).
SQLITE_CODES: dict[int, Failure] = {
    5: Failure.BUSY,  # SQLITE_BUSY
    6: Failure.BUSY,  # SQLITE_LOCKED
    8: Failure.READONLY,
    10: Failure.IOERR,
    11: Failure.CORRUPT,
    13: Failure.FULL,
    14: Failure.CANTOPEN,
    19: Failure.CONSTRAINT,
    26: Failure.NOTADB,
}

# PostgreSQL's SQLSTATE (psycopg's `sqlstate`), by code or by class (its first two characters).
SQLSTATES: dict[str, Failure] = {
    "55P03": Failure.BUSY,  # lock_not_available
    "40P01": Failure.BUSY,  # deadlock_detected
    "57014": Failure.BUSY,  # query_canceled (a lock or statement timeout)
    "53100": Failure.FULL,  # disk_full
    "25006": Failure.READONLY,  # read_only_sql_transaction (a standby server)
    "XX001": Failure.CORRUPT,  # data_corrupted
    "XX002": Failure.CORRUPT,  # index_corrupted
    "58030": Failure.IOERR,  # io_error
    "3D000": Failure.CANTOPEN,  # invalid_catalog_name: no such database
    "08": Failure.CANTOPEN,  # connection exception
    "28": Failure.CANTOPEN,  # invalid authorization (a wrong password)
    "57P": Failure.CANTOPEN,  # operator intervention: the server shutting down
    "23": Failure.CONSTRAINT,  # integrity constraint violation
}

# Only for errors that carry no code: the drivers' words, checked in this order.
_WORDS: tuple[tuple[tuple[str, ...], Failure], ...] = (
    (("disk is full", "no space left"), Failure.FULL),
    # Python's sqlite3 says so, with no code, of a text cell holding bytes that are not text: damage.
    (("malformed", "corrupt", "could not decode to utf-8"), Failure.CORRUPT),
    (("locked", "busy", "lock timeout", "could not obtain lock"), Failure.BUSY),
    (("readonly", "read-only", "read only"), Failure.READONLY),
    (("not a database",), Failure.NOTADB),
    (("unable to open",), Failure.CANTOPEN),
    (("disk i/o error",), Failure.IOERR),
    # psycopg's failures to reach the server carry no SQLSTATE.
    (("connection failed", "connection refused", "could not connect", "server closed the connection",
      "could not translate host name", "connection timed out", "terminating connection"), Failure.CANTOPEN),
)


class DatabaseBusy(DatabaseError):
    """Another window or workstation holds the write lock; `holder` says who, when it said so."""

    def __init__(self, message: str, holder: str | None = None) -> None:
        self.holder = holder
        super().__init__(message)


class DiskFull(DatabaseError):
    """The disk (or the USB stick) has no room left; nothing was changed."""


class ReadOnlyDatabase(DatabaseError):
    """The roster cannot be written here (a read-only file, folder or disk)."""


class DamagedDatabase(DatabaseError):
    """A page of the roster file is damaged; it should be restored from a backup."""


class NotARoster(DatabaseError):
    """The file is not an SQLite database (or not one this key opens)."""


class CannotOpen(DatabaseError):
    """The roster file cannot be opened (a missing folder, no permission, a share gone away)."""


class DiskFailing(DatabaseError):
    """The disk failed a read or a write (a failing stick, a share that dropped)."""


class RecordConflict(DatabaseError):
    """The change conflicts with a record already on the roster (a unique value, a missing reference)."""


def _driver_error(exc: BaseException) -> BaseException:
    """The driver's own exception behind SQLAlchemy's wrapper (`DBAPIError.orig`), else `exc`."""
    original = getattr(exc, "orig", None)
    return original if isinstance(original, BaseException) else exc


def _reason(exc: BaseException) -> str:
    """The driver's reason for the failure: PostgreSQL's primary message alone, as its full text
    goes on with the statement's context, which quotes the row a COPY was sending."""
    driver = _driver_error(exc)
    primary = getattr(getattr(driver, "diag", None), "message_primary", None)
    return primary if isinstance(primary, str) and primary else str(driver)


def result_code(exc: BaseException) -> int | None:
    """SQLite's extended result code carried by `exc` (or the driver error it wraps), if any."""
    code = getattr(_driver_error(exc), "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def failure_of(exc: BaseException) -> Failure | None:
    """The known failure `exc` is, by result code (its words only when it has none); None: not a known one."""
    driver = _driver_error(exc)
    if isinstance(driver, OSError) and driver.errno in (errno.ENOSPC, errno.EDQUOT):
        return Failure.FULL
    code = result_code(exc)
    if code is not None:
        return SQLITE_CODES.get(code & 0xFF)
    state = getattr(driver, "sqlstate", None)
    if isinstance(state, str) and state:
        return next((failure for prefix, failure in SQLSTATES.items() if state.startswith(prefix)), None)
    text = str(driver).lower()
    for words, failure in _WORDS:
        if any(word in text for word in words):
            return failure
    return None


def translate(exc: BaseException, label: str, *, holder: Callable[[], str | None] | None = None,
              waited_s: int | None = None) -> DatabaseError | None:
    """The typed error for a known failure of the roster `label`; None for a bug (re-raise the original).

    `holder` says who holds the write lock (asked only for a busy roster); `waited_s` how long the
    busy timeout waited. The driver's message goes into the sentence, never the values it was
    writing (engines are created with `hide_parameters`).
    """
    failure = failure_of(exc)
    if failure is None:
        return None
    detail = _reason(exc)
    if failure is Failure.BUSY:
        who = holder() if holder is not None else None
        writing = f"{who} is writing" if who else "another window or workstation is writing"
        waited = f"; waited {waited_s} s" if waited_s else ""
        return DatabaseBusy(f"{label}: the database is busy ({writing}){waited}. Try again in a moment.", who)
    messages: dict[Failure, tuple[type[DatabaseError], str]] = {
        Failure.FULL: (DiskFull, f"{label}: the disk is full; free some space and try again. Nothing was changed"),
        Failure.READONLY: (ReadOnlyDatabase, f"{label}: the database is read-only here (a read-only file, folder "
                                             "or disk); nothing was changed"),
        Failure.CORRUPT: (DamagedDatabase, f"{label}: the database file is damaged; restore it from a backup "
                                           "(Tools > Restore from backup)"),
        Failure.NOTADB: (NotARoster, f"{label}: not a roster database (or the wrong passphrase)"),
        Failure.CANTOPEN: (CannotOpen, f"{label}: cannot open the database file ({detail})"),
        Failure.IOERR: (DiskFailing, f"{label}: the disk failed to read or write the roster ({detail}); nothing "
                                     "was changed. Check the stick or the network share"),
        Failure.CONSTRAINT: (RecordConflict, f"{label}: the change conflicts with a record already on the roster "
                                             f"({detail}); nothing was changed"),
    }
    kind, message = messages[failure]
    return kind(message)
