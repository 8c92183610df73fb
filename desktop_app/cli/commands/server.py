"""Moving a roster file onto a shared PostgreSQL server, on the command line (issue 16).

    mission-roster --db roster.db move-to-server postgresql+psycopg://officer@db.mission/roster [--json]
    mission-roster --db secret.db --passphrase-file pw.txt move-to-server postgresql://officer@db.mission/roster
    mission-roster --db roster.db move-to-server postgresql://officer@db.mission/roster --check   # test only

The server database must be empty; the file is read only, never changed. A password is never
written in the address: psycopg takes it from PGPASSWORD or the password file (PGPASSFILE, else
~/.pgpass; %APPDATA%\\postgresql\\pgpass.conf on Windows), as every PostgreSQL client does.
`--progress` prints the rows copied so far on stderr. Afterwards: `mission-roster --db URL`, or make the
server roster the default in the window (Tools > Settings > Default database).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.cli.commands.accounts import file_has_accounts, operator_on_file
from desktop_app.cli.commands.speech import QT_TRANSLATE_NOOP, say
from desktop_app.domain.errors import RosterError
from desktop_app.domain.roles import Permission
from desktop_app.services import move_to_server
from desktop_app.storage.db import parse_target

PROGRESS_EVERY_ROWS = 20_000


def _source(ctx: Any) -> Path:
    path = parse_target(ctx.target).path
    if path is None:
        raise RosterError(QT_TRANSLATE_NOOP("commands.server", "move-to-server copies a roster file: name it with "
                                            "--db FILE"))
    return path


def cmd_move_to_server(ctx: Any) -> int:
    a = ctx.args
    source = _source(ctx)
    if a.check:
        probe = move_to_server.probe_server(a.address)
        if a.json:
            print(json.dumps({"server": probe.label, "version": probe.version, "tables": probe.tables,
                              "revision": probe.revision, "ready": probe.ready, "refusal": probe.refusal},
                             ensure_ascii=False, indent=2))
        elif probe.ready:
            say(QT_TRANSLATE_NOOP("commands.server", "{server}: PostgreSQL {version}; the database is empty and ready "
                                  "for the roster"), server=probe.label, version=probe.version)
        else:
            print(probe.refusal, file=sys.stderr)
        return 0 if probe.ready else 1
    # The whole roster, notes included, leaves the file: on a roster with accounts only a head may (issue 20).
    # A roster without accounts is not opened for writing at all: the move never changes the file.
    operator = operator_on_file(ctx, source, ctx.passphrase, Permission.MISSION) \
        if file_has_accounts(source, ctx.passphrase) else ctx.operator
    shown = [0]

    def progress(done: int, total: int) -> bool:
        if a.progress and (done - shown[0] >= PROGRESS_EVERY_ROWS or done == total):
            shown[0] = done
            say(QT_TRANSLATE_NOOP("commands.server", "copied {done} of {total} rows"), file=sys.stderr, done=done,
                total=total)
            sys.stderr.flush()
        return True

    result = move_to_server.move_roster(source, a.address, passphrase=ctx.passphrase, operator=operator,
                                        progress=progress, batch_rows=a.batch_rows)
    if a.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    say(QT_TRANSLATE_NOOP("commands.server", "{path}: moved to {server}: {persons} persons, {rows} rows in {tables} "
                          "tables; the audit trail ({entries} entries) verifies on the server. The file was not "
                          "changed."),
        path=source, server=result.server, persons=result.persons, rows=result.rows, tables=len(result.tables),
        entries=result.audit_entries)
    say(QT_TRANSLATE_NOOP("commands.server", "Work on it with: mission-roster --db {server} (or make it the default "
                          "roster in Tools > Settings)"), server=result.server)
    return 0


def register(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("move-to-server", cmd_move_to_server,
                "copy the roster file named by --db into an EMPTY PostgreSQL database in one step (schema, every "
                "record with its history and audit trail, checked on the server); the file is never changed")
    p.add_argument("address", metavar="URL", help="the server database, e.g. postgresql+psycopg://USER@HOST/DATABASE "
                   "(never with a password: psycopg reads it from PGPASSWORD or the password file, PGPASSFILE or "
                   "~/.pgpass, %%APPDATA%%\\postgresql\\pgpass.conf on Windows)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--check", action="store_true", help="only test the connection and whether the database is empty")
    p.add_argument("--progress", action="store_true", help="print the rows copied so far on stderr")
    p.add_argument("--batch-rows", type=int, default=move_to_server.BATCH_ROWS, help=argparse.SUPPRESS)
