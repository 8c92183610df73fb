"""Issue 20, what was left open: escalating lock-out, the accounts list and the retention plan for the
head only, household notes and the medical filter withheld from roles without the notes permission,
and the roster file's key (encrypt, new passphrase, recovery key) checked by the services themselves.

Each test replays the steps that reached around the roles before.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.domain.flags import Flag
from desktop_app.domain.roles import Permission, Role
from desktop_app.domain.status import Status
from desktop_app.services import accounts, backups, households, recovery, retention, roster
from desktop_app.services.accounts import PermissionRefused, SignInRefused
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, is_encrypted, open_database
from desktop_app.storage.models import Account, AuditEntry

PINS = {Role.HEAD: "4711-consul", Role.OFFICER: "2222-duty", Role.VOLUNTEER: "1234-hotline"}
NAMES = {Role.HEAD: "A. Consul", Role.OFFICER: "B. Duty", Role.VOLUNTEER: "V. Hotline"}


def _staff(db: Database) -> dict[Role, accounts.AccountView]:
    accounts.add_account(db, NAMES[Role.HEAD], Role.HEAD, PINS[Role.HEAD], operator="setup")
    accounts.sign_in(db, accounts.authenticate(db, NAMES[Role.HEAD], PINS[Role.HEAD]))
    for role in (Role.OFFICER, Role.VOLUNTEER):
        accounts.add_account(db, NAMES[role], role, PINS[role], operator="setup")
    return {role: accounts.authenticate(db, NAMES[role], PINS[role]) for role in Role}


def _entries(db: Database, action: str) -> list[AuditEntry]:
    with db.reading() as session:
        entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))
        session.expunge_all()
        return entries


def _fail(db: Database, times: int, at: dt.datetime) -> None:
    for _ in range(times):
        with pytest.raises(SignInRefused):
            accounts.authenticate(db, NAMES[Role.VOLUNTEER], "0000-wrong", now=at)


def _locked_until(db_path: Path) -> dt.datetime | None:
    other = open_database(db_path, create=False)  # as another process finds it: only the table holds the state
    try:
        with other.reading() as session:
            return session.scalar(select(Account.locked_until).where(Account.name == NAMES[Role.VOLUNTEER]))
    finally:
        other.close()


# --- 2. lock-out escalates ----------------------------------------------------------------------------

def test_each_further_five_wrong_pins_lock_twice_as_long_audited_and_a_clock_set_back_does_not_unlock(
        db: Database, db_path: Path) -> None:
    _staff(db)
    start = dt.datetime(2026, 12, 6, 3, 0, 0)
    _fail(db, accounts.MAX_FAILURES, start)
    assert _locked_until(db_path) == start + dt.timedelta(minutes=5)
    later = start + dt.timedelta(minutes=6)
    _fail(db, accounts.MAX_FAILURES, later)
    assert _locked_until(db_path) == later + dt.timedelta(minutes=10)
    with pytest.raises(SignInRefused, match=r"locked for 10 more minute\(s\) after 10 wrong PINs in a row"):
        accounts.authenticate(db, NAMES[Role.VOLUNTEER], PINS[Role.VOLUNTEER], now=later)
    with pytest.raises(SignInRefused, match=r"locked for 3 more minute\(s\) after 10 wrong PINs"):
        accounts.authenticate(db, NAMES[Role.VOLUNTEER], PINS[Role.VOLUNTEER],
                              now=later + dt.timedelta(minutes=7, seconds=30))
    for back in (dt.timedelta(minutes=1), dt.timedelta(days=400)):  # the clock set back: still locked
        with pytest.raises(SignInRefused, match="locked"):
            accounts.authenticate(db, NAMES[Role.VOLUNTEER], PINS[Role.VOLUNTEER], now=later - back)
    locks = _entries(db, "locked")
    assert [json.loads(e.changes)["minutes"] for e in locks] == [5, 10]
    assert {e.operator for e in locks} == {accounts.NOT_SIGNED_IN}
    after = later + dt.timedelta(minutes=11)
    assert accounts.authenticate(db, NAMES[Role.VOLUNTEER], PINS[Role.VOLUNTEER], now=after).failed_attempts == 0
    _fail(db, accounts.MAX_FAILURES, after)  # the right PIN forgives: five minutes again
    assert _locked_until(db_path) == after + dt.timedelta(minutes=5)


def test_the_lock_out_doubles_up_to_a_day() -> None:
    assert [accounts.lock_out(n * accounts.MAX_FAILURES) for n in (0, 1, 2, 3)] == [
        dt.timedelta(0), dt.timedelta(minutes=5), dt.timedelta(minutes=10), dt.timedelta(minutes=20)]
    assert accounts.lock_out(1000 * accounts.MAX_FAILURES) == accounts.LONGEST_LOCK_OUT == dt.timedelta(days=1)


# --- 3. the accounts list and the retention plan ------------------------------------------------------

def test_only_the_head_lists_accounts_and_plans_retention_the_sign_in_gets_names_only(db: Database) -> None:
    signed = _staff(db)
    for role in (Role.OFFICER, Role.VOLUNTEER):
        accounts.sign_in(db, signed[role])
        with pytest.raises(PermissionRefused) as caught:
            accounts.list_accounts(db)
        assert caught.value.permission is Permission.ACCOUNTS
        with pytest.raises(PermissionRefused) as caught:
            retention.plan_retention(db, [Status.EVACUATED], 30)
        assert caught.value.permission is Permission.RETENTION
    accounts.sign_in(db, None)
    with pytest.raises(PermissionRefused):
        accounts.list_accounts(db)
    assert accounts.account_names(db) == [(NAMES[Role.HEAD], Role.HEAD), (NAMES[Role.OFFICER], Role.OFFICER),
                                          (NAMES[Role.VOLUNTEER], Role.VOLUNTEER)]
    accounts.sign_in(db, signed[Role.HEAD])
    assert len(accounts.list_accounts(db)) == 3
    assert retention.plan_retention(db, [Status.EVACUATED], 30) is not None


def test_users_list_on_the_command_line_needs_the_head(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "roster.db"
    pins = {}
    for role in Role:
        pins[role] = tmp_path / f"{role.value}.pin"
        pins[role].write_text(PINS[role] + "\n", encoding="utf-8")
    assert main(["--db", str(path), "users", "add", NAMES[Role.HEAD], "--role", "head", "--pin-file",
                 str(pins[Role.HEAD])]) == 0
    head = ["--db", str(path), "--user", NAMES[Role.HEAD], "--pin-file", str(pins[Role.HEAD])]
    assert main([*head, "users", "add", NAMES[Role.VOLUNTEER], "--role", "volunteer", "--pin-file",
                 str(pins[Role.VOLUNTEER])]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "users", "list"]) == 1
    assert "nobody is signed in" in capsys.readouterr().err
    assert main(["--db", str(path), "--user", NAMES[Role.VOLUNTEER], "--pin-file", str(pins[Role.VOLUNTEER]),
                 "users", "list"]) == 1
    assert "V. Hotline (volunteer) has no permission for accounts" in capsys.readouterr().err
    assert main([*head, "users", "list"]) == 0
    assert NAMES[Role.VOLUNTEER] in capsys.readouterr().out


# --- 4. household notes -------------------------------------------------------------------------------

def test_household_notes_are_withheld_from_a_volunteer_and_not_written_by_one(db: Database) -> None:
    signed = _staff(db)
    made = households.create_household(db, "Ivanov family", operator="x", notes="father on dialysis")
    accounts.sign_in(db, signed[Role.VOLUNTEER])
    assert households.get_household(db, made.id).notes == ""
    assert [h.notes for h in households.list_households(db)] == [""]
    with pytest.raises(PermissionRefused) as caught:
        households.create_household(db, "Petrov family", operator="x", notes="asthma")
    assert caught.value.permission is Permission.READ_NOTES
    assert [h.name for h in households.list_households(db)] == ["Ivanov family"]
    households.create_household(db, "Sidorov family", operator="x")  # without notes: registering is allowed
    for role in (Role.OFFICER, Role.HEAD):
        accounts.sign_in(db, signed[role])
        assert households.get_household(db, made.id).notes == "father on dialysis"


def test_household_notes_stay_as_before_without_accounts(db: Database) -> None:
    made = households.create_household(db, "Ivanov family", operator="typed", notes="father on dialysis")
    assert households.get_household(db, made.id).notes == "father on dialysis"


# --- 5. the medical filter ----------------------------------------------------------------------------

def test_a_volunteer_cannot_filter_by_medical_need_audited_others_can(db: Database) -> None:
    signed = _staff(db)
    medical = RosterQuery(flags=(Flag.MEDICAL,))
    accounts.sign_in(db, signed[Role.VOLUNTEER])
    before = len(_entries(db, "refused"))
    for read in (roster.search_ids, roster.count):
        with pytest.raises(PermissionRefused) as caught:
            read(db, medical)
        assert caught.value.permission is Permission.READ_NOTES
    assert len(_entries(db, "refused")) == before + 2
    assert roster.search_ids(db, RosterQuery(flags=(Flag.PREGNANT,))) == []  # the other needs stay
    accounts.sign_in(db, signed[Role.OFFICER])
    assert roster.count(db, medical) == 0


def test_the_medical_filter_works_without_accounts(db: Database) -> None:
    assert roster.search_ids(db, RosterQuery(flags=(Flag.MEDICAL,))) == []


# --- 6. the roster file's key -------------------------------------------------------------------------

def test_encrypting_rekeying_and_a_recovery_key_are_checked_by_the_services(tmp_path: Path) -> None:
    path = tmp_path / "roster.db"
    db = open_database(path)
    signed = _staff(db)
    db.close()
    for account in (None, signed[Role.VOLUNTEER], signed[Role.OFFICER]):
        with pytest.raises(PermissionRefused) as caught:
            backups.encrypt_roster(path, "a long passphrase 1", operator="typed", account=account)
        assert caught.value.permission is Permission.ENCRYPTION
        assert not is_encrypted(path)
    result = backups.encrypt_roster(path, "a long passphrase 1", operator="typed", account=signed[Role.HEAD])
    assert is_encrypted(path) and result.rewrite.rows > 0
    with pytest.raises(PermissionRefused):
        backups.change_roster_passphrase(path, "a long passphrase 1", "a long passphrase 2", operator="typed",
                                         account=signed[Role.OFFICER])
    with pytest.raises(PermissionRefused):
        recovery.make_recovery_key(path, "a long passphrase 1", operator="typed", account=None)
    assert not recovery.has_recovery_key(path)
    backups.change_roster_passphrase(path, "a long passphrase 1", "a long passphrase 2", operator="typed",
                                     account=signed[Role.HEAD])
    db = open_database(path, create=False, passphrase="a long passphrase 2")
    try:
        refusals = _entries(db, "refused")
        assert [(e.operator, e.entity_key) for e in refusals[-5:]] == [
            (accounts.NOT_SIGNED_IN, "encryption"), (NAMES[Role.VOLUNTEER], "encryption"),
            (NAMES[Role.OFFICER], "encryption"), (NAMES[Role.OFFICER], "encryption"),
            (accounts.NOT_SIGNED_IN, "encryption")]
        assert {e.operator for e in _entries(db, "encrypt") + _entries(db, "rekey")} == {NAMES[Role.HEAD]}
    finally:
        db.close()


def test_the_roster_files_key_without_accounts_works_as_before(tmp_path: Path) -> None:
    path = tmp_path / "roster.db"
    open_database(path).close()
    backups.encrypt_roster(path, "a long passphrase 1", operator="typed")
    assert recovery.make_recovery_key(path, "a long passphrase 1", operator="typed")


# --- 1. reads need a signed-in account ----------------------------------------------------------------

# Reads (first argument the roster, no operator) that need no permission, and why: each reads nothing
# about a person. A new read service must carry one (`accounts.guarded`) or be named here.
OPEN_READS: dict[str, str] = {
    **{f"desktop_app.services.accounts.{name}": "signing in itself" for name in (
        "sign_in", "signed_in", "has_accounts", "account_names", "authenticate", "server_login",
        "sign_in_by_server_login")},
    "desktop_app.services.about.about_facts": "the program's version, paths and libraries (Help > About)",
    "desktop_app.services.audit.verify_chain": "recomputes hashes; tells only the first bad entry's id",
    **{f"desktop_app.services.backups.{name}": "backup files: folders, names and times" for name in (
        "use_backup_folder", "backup_folder_of", "list_backups", "last_change_marker")},
    "desktop_app.services.backups.beside_saves": "the roster file's journal mode (whether a long read may run "
                                                 "beside its saves)",
    **{f"desktop_app.services.changes.{name}": "entry ids and kinds of change the window's watcher follows"
       for name in ("can_watch", "audit_head", "committed_since")},
    **{f"desktop_app.services.crossing.templates.{name}": "crossing point templates (documents asked, no person)"
       for name in ("list_templates", "get_template")},
    "desktop_app.services.exporting.export.check_export_path": "a check of a path the officer chose",
    "desktop_app.services.exporting.export.demonstration_marked": "whether the roster is demonstration data",
    "desktop_app.services.exporting.selection.snapshot": "opens the export's one read transaction; reads no one "
                                                         "(resolve and person_records, read in it, are guarded)",
    **{f"desktop_app.services.exporting.profiles.{name}": "export column profiles"
       for name in ("list_profiles", "get_profile")},
    "desktop_app.services.importing.profiles.list_mapping_profiles": "column mappings of import files",
    "desktop_app.services.packages.sites.list_sites": "sites and their public keys",
    "desktop_app.services.settings.load_mission": "the mission's name and country: the window's title before "
                                                  "anyone signs in",
    "desktop_app.services.reconciling.roster.roster_index_ready": "whether the matching index is warm (yes or no)",
    "desktop_app.services.reconciling.roster.warm_roster_index": "reads no one unless the account may search "
                                                                 "(returns 0): the window warms it at every opening",
    "desktop_app.services.importing.commit.list_imports": "imports: file names, times, operators and counts",
    "desktop_app.services.operations.describe": "whether an operation can be undone, its kind, time and file",
    "desktop_app.services.reconciling.apply.operation_summary": "a reconcile's file, list and counts",
    "desktop_app.services.importing.source.describe_table": "reads the workbook being imported, not the roster",
    "desktop_app.services.importing.preview.preview_import": "reads the workbook; the roster only through "
                                                             "load_snapshot, which needs search",
    "desktop_app.services.persons.for_reader": "withholds notes from what a guarded read returned",
    "desktop_app.services.households.for_reader": "withholds notes from what a guarded read returned",
    "desktop_app.services.roster.check_filters": "the check on the medical filter itself",
}


def _reads() -> dict[str, object]:
    import importlib
    import inspect
    import pkgutil

    import desktop_app.services as package

    found: dict[str, object] = {}
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for name, function in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(function) or function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters and parameters[0] == "db" and "operator" not in parameters:
                found[f"{module.__name__}.{name}"] = function
    return found


READS = _reads()
GUARDED_READS = sorted(name for name, function in READS.items() if hasattr(function, "permission"))


def test_every_read_service_names_its_permission_or_why_it_needs_none() -> None:
    open_reads = sorted(name for name, function in READS.items() if not hasattr(function, "permission"))
    assert [name for name in open_reads if name not in OPEN_READS] == [], "reads without a permission"
    assert [name for name in OPEN_READS if name in GUARDED_READS] == [], "guarded now: drop them from OPEN_READS"
    assert len(GUARDED_READS) >= 30


@pytest.fixture(scope="module")
def staffed_nobody(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = open_database(tmp_path_factory.mktemp("reads") / "roster.db")
    accounts.add_account(db, NAMES[Role.HEAD], Role.HEAD, PINS[Role.HEAD], operator="setup")
    accounts.sign_in(db, None)
    return db


@pytest.mark.parametrize("name", GUARDED_READS)
def test_a_read_with_nobody_signed_in_on_a_roster_with_accounts_is_refused_and_audited(
        name: str, staffed_nobody: Database) -> None:
    from tests.services.test_accounts_roles import _junk_call

    before = len(_entries(staffed_nobody, "refused"))
    with pytest.raises(PermissionRefused) as caught:
        _junk_call(READS[name], staffed_nobody)  # type: ignore[arg-type]
    assert caught.value.role is None and "nobody is signed in" in str(caught.value)
    refusals = _entries(staffed_nobody, "refused")
    assert len(refusals) == before + 1 and refusals[-1].operator == accounts.NOT_SIGNED_IN
