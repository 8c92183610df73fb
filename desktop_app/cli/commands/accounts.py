"""Commands for the roster's accounts (issue 20): `users add | list | role | disable | enable | pin`.

    mission-roster users add "A. Consul" --role head --pin-file consul.pin     # the first: anyone, a head
    mission-roster --user "A. Consul" --pin-file consul.pin users add "V. Hotline" --role volunteer \
        --new-pin-file hotline.pin
    mission-roster users list [--json]
    mission-roster --user "A. Consul" users role "V. Hotline" officer          # PIN from MISSION_ROSTER_PIN
    mission-roster --user "A. Consul" users disable "V. Hotline"
    mission-roster --user "A. Consul" users login "V. Hotline" hotline   # PostgreSQL: login 'hotline' signs in

A PIN is read from the first line of a file (or MISSION_ROSTER_PIN for the signed-in account), never
from an argument. The global `--user NAME` signs in before the command runs; a refused command
prints one line naming the role and the permission it lacks, and exits 1.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.cli.commands.secret_files import read_secret_file
from desktop_app.cli.commands.speech import QT_TRANSLATE_NOOP, say
from desktop_app.domain.errors import RosterError
from desktop_app.domain.roles import Permission, Role
from desktop_app.services import accounts
from desktop_app.storage.db import connect_file, open_database

ENV_PIN = "MISSION_ROSTER_PIN"


def read_pin(path: str | None, *, variable: str | None = ENV_PIN) -> str:
    """The PIN on the first line of `path`, else in the environment `variable`; RosterError when neither has one."""
    if path:
        lines = read_secret_file(path, "PIN file").splitlines()
        if not lines or not lines[0].strip():
            raise RosterError(QT_TRANSLATE_NOOP("commands.accounts", "{path}: the PIN file is empty"), path=path)
        return lines[0].strip()  # a PIN has no blanks at either end (checked_pin): an editor's are dropped
    pin = (os.environ.get(variable) or "").strip() if variable else None
    if not pin:
        raise RosterError(QT_TRANSLATE_NOOP("commands.accounts", "the PIN is needed: give it with {option}"),
                          option="--pin-file FILE" + (f" or the environment variable {variable}" if variable else ""))
    return pin


def _new_pin(ctx: Any) -> str:
    return read_pin(ctx.args.new_pin_file, variable=None)


def cmd_users_add(ctx: Any) -> int:
    account = accounts.add_account(ctx.db, ctx.args.name, Role.parse(ctx.args.role), _new_pin(ctx),
                                   operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.accounts", "Account {name!r} added: {role}."), name=account.name,
        role=account.role.label)
    return 0


def cmd_users_list(ctx: Any) -> int:
    rows = accounts.list_accounts(ctx.db)
    if ctx.args.json:
        print(json.dumps([{"name": a.name, "role": a.role.value, "disabled": a.disabled, "server_login": a.db_login,
                           "locked_until": a.locked_until.isoformat() if a.locked_until else None,
                           "created_at": a.created_at.isoformat(), "created_by": a.created_by} for a in rows],
                         ensure_ascii=False, indent=2))
        return 0
    for account in rows:
        print(f"{account.name}\t{account.role.value}\t{'disabled' if account.disabled else 'active'}")
    return 0


def cmd_users_role(ctx: Any) -> int:
    account = accounts.change_role(ctx.db, ctx.args.name, Role.parse(ctx.args.role), operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.accounts", "Account {name!r} is now: {role}."), name=account.name,
        role=account.role.label)
    return 0


def cmd_users_disable(ctx: Any) -> int:
    account = accounts.disable_account(ctx.db, ctx.args.name, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.accounts", "Account {name!r} is disabled."), name=account.name)
    return 0


def cmd_users_enable(ctx: Any) -> int:
    account = accounts.disable_account(ctx.db, ctx.args.name, operator=ctx.operator, disabled=False)
    say(QT_TRANSLATE_NOOP("commands.accounts", "Account {name!r} is enabled."), name=account.name)
    return 0


def cmd_users_pin(ctx: Any) -> int:
    account = accounts.set_pin(ctx.db, ctx.args.name, _new_pin(ctx), operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.accounts", "Account {name!r} has a new PIN."), name=account.name)
    return 0


def cmd_users_login(ctx: Any) -> int:
    login = None if ctx.args.login == "-" else ctx.args.login
    account = accounts.map_server_login(ctx.db, ctx.args.name, login, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("commands.accounts", "Account {name!r}: server login {login}."), name=account.name,
        login=account.db_login or "-")
    return 0


def register(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    users = commands.add_parser("users", help="the roster's accounts and their roles").add_subparsers(
        dest="users_command", metavar="ACTION", required=True)
    roles = [role.value for role in Role]
    p = command("add", cmd_users_add, "add an account (the first must be the head of mission's)", users)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=roles)
    p.add_argument("--pin-file", "--new-pin-file", dest="new_pin_file", metavar="F", required=True,
                   help="the new account's PIN, on the first line of F")
    p = command("list", cmd_users_list, "the accounts, their roles and whether they are disabled", users)
    p.add_argument("--json", action="store_true")
    p = command("role", cmd_users_role, "give an account another role", users)
    p.add_argument("name", metavar="NAME")
    p.add_argument("role", choices=roles)
    p = command("disable", cmd_users_disable, "disable an account: it can no longer sign in", users)
    p.add_argument("name", metavar="NAME")
    p = command("enable", cmd_users_enable, "enable a disabled account again", users)
    p.add_argument("name", metavar="NAME")
    p = command("pin", cmd_users_pin, "give an account a new PIN (unlocks it)", users)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--pin-file", "--new-pin-file", dest="new_pin_file", metavar="F", required=True,
                   help="the new PIN, on the first line of F")
    p = command("login", cmd_users_login, "on PostgreSQL: the server login that signs in as this account", users)
    p.add_argument("name", metavar="NAME")
    p.add_argument("login", metavar="LOGIN", help="the server login ('-': none)")


def operator_on_file(ctx: Any, path: Path, passphrase: str | None, permission: Permission) -> str:
    """Before work on the roster file itself (encryption, a new passphrase, a recovery key): sign in with
    --user on it and check `permission` (PermissionRefused, audited); the name for the audit trail."""
    return signed_on_file(ctx, path, passphrase, permission)[0]


def signed_on_file(ctx: Any, path: Path, passphrase: str | None,
                   permission: Permission) -> tuple[str, accounts.AccountView | None]:
    """`operator_on_file`, and the account signed in with --user (None on a roster without accounts),
    which the services of the file's key check again at their entry."""
    if not getattr(ctx.args, "user", None) and not file_has_accounts(path, passphrase):
        return str(ctx.operator), None  # as before accounts, and the file is not opened for writing at all
    roster = open_database(path, create=False, passphrase=passphrase)
    try:
        if getattr(ctx.args, "user", None):
            accounts.sign_in(roster, accounts.authenticate(roster, ctx.args.user, read_pin(ctx.args.pin_file)))
        account = accounts.require(roster, permission)
        return (account.name if account is not None else str(ctx.operator)), account
    finally:
        roster.close()


def file_has_accounts(path: Path, passphrase: str | None) -> bool:
    """Whether the roster file has accounts, read without changing it (False when it cannot be read:
    the work on it then refuses the file and says why)."""
    try:
        connection = connect_file(path, passphrase, readonly=True)
    except Exception:  # sqlite3's or SQLCipher's error classes alike
        return False
    try:
        return connection.execute("SELECT 1 FROM accounts LIMIT 1").fetchone() is not None
    except Exception:  # a roster from before accounts has no such table, or the passphrase is wrong
        return False
    finally:
        connection.close()
