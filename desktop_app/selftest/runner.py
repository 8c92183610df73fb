"""The steps of `mission-roster --self-test`, each through the command line as an officer would run it.

    from desktop_app.selftest.runner import run_self_test
    code = run_self_test(out=sys.stdout)     # one line per step, 0 when every step passed

Everything happens in a fresh temporary folder whose name has spaces and Cyrillic letters, which
is also the program's home for the run (`MISSION_ROSTER_HOME`: settings, logs and cache go there),
and which is wiped and removed at the end, also when the run is ended by SIGTERM or Ctrl+C (a run
killed outright is removed by the next one, `remove_abandoned`): nothing personal is written anywhere
else. The commands run in this process (`desktop_app.cli.main`), except the `--json` pipe, which starts the program
again (the bundle's own executable when frozen) with its output redirected to a file.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from desktop_app import __version__
from desktop_app.selftest import files

CYRILLIC = ("Щербакова", "Анна")  # the old roster's first person (resources/selftest/roster-0006.db)
ARABIC = ("حداد", "سلمى")  # its second
OLD_REVISION = "0006"
PASSPHRASE = "самопроверка 1 — первый ключ"
NEW_PASSPHRASE = "самопроверка 2 — второй ключ"
PLURAL_CONTEXT, PLURAL_SOURCE = "ExportDialog", "The %n selected person(s)"
LIST_NAME = "Самопроверка список"
PREFIX = "mission-roster-self-test-"  # the temporary folder of a run
OWNER_FILE = "owner.pid"  # in that folder: the run's process, so that a later run removes it once that has gone


class StepFailed(Exception):
    """A check of a step did not hold; its text is the reason printed."""


def check(condition: object, reason: str) -> None:
    if not condition:
        raise StepFailed(reason)


def resources() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"


@contextlib.contextmanager
def _environment(**values: str | None) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def program() -> list[str]:
    """How to start this program again: the bundle's executable (on Windows its console one, whose output
    can be redirected), or this Python with the package."""
    if getattr(sys, "frozen", False):
        console = Path(sys.executable).with_name("mission-roster-cli.exe")
        return [str(console) if console.is_file() else sys.executable]
    return [sys.executable, "-m", "desktop_app"]


class SelfTest:
    """The steps, sharing one temporary folder (`root`) and the roster made in it."""

    def __init__(self, root: Path, out: TextIO) -> None:
        self.root = root
        self.out = out
        self.roster = root / "ростер миссии.db"
        self.key = self._secret("ключ.txt", PASSPHRASE)
        self.failures = 0

    def _secret(self, name: str, text: str) -> Path:
        path = self.root / name
        path.write_text(text + "\n", encoding="utf-8")
        return path

    def cli(self, *args: str, roster: Path | None = None, key: Path | None = None) -> tuple[int, str, str]:
        """Run one command in this process: (exit code, stdout, stderr)."""
        from desktop_app.cli import main as command_line

        target = roster or self.roster
        argv = ["--db", str(target), "--operator", "self-test"]
        if key is not None or (roster is None and self.key.exists() and self._encrypted(target)):
            argv += ["--passphrase-file", str(key or self.key)]
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = command_line([*argv, *args])
            except SystemExit as exc:  # argparse refused the arguments
                code = exc.code if isinstance(exc.code, int) else 2
        return code, stdout.getvalue(), stderr.getvalue()

    def ok(self, *args: str, **where: Path) -> str:
        code, out, err = self.cli(*args, **where)
        check(code == 0, f"`{' '.join(args[:2])}` exited {code}: {err.strip()[-300:]}")
        return out

    @staticmethod
    def _encrypted(path: Path) -> bool:
        from desktop_app.storage.paths import SQLITE_HEADER

        return path.exists() and path.read_bytes()[:16] != SQLITE_HEADER

    def step(self, name: str, action: Callable[[], str | None]) -> None:
        try:
            detail = action()
        except StepFailed as exc:
            self.failures += 1
            print(f"FAILED  {name}: {exc}", file=self.out, flush=True)
        except Exception as exc:  # the self-test reports a bug of any step and goes on with the next
            self.failures += 1
            where = traceback.extract_tb(exc.__traceback__)[-1]
            print(f"FAILED  {name}: {type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})",
                  file=self.out, flush=True)
        else:
            print(f"ok      {name}" + (f": {detail}" if detail else ""), file=self.out, flush=True)

    # --- the steps ------------------------------------------------------------------------------

    def files_on_disk(self) -> str:
        from desktop_app.storage.migrations import known_revisions

        versions = list((resources().parent / "storage" / "migrations" / "versions").glob("*.py"))
        check(versions, "no migration .py files on disk")
        head = known_revisions()[1]
        check((resources() / "translations" / "mission_roster_ru.qm").is_file(), "no compiled Russian translation")
        check((resources() / "fonts" / "DejaVuSans.ttf").is_file(), "no PDF font")
        import iuliia

        latin = iuliia.ICAO_DOC_9303.translate("Щербакова")
        check(latin == "Shcherbakova", f"iuliia's ICAO schema gave {latin!r}")
        from desktop_app.cli import build_parser

        build_parser()  # imports every command module by name
        return f"{len(versions)} migrations (head {head}), translations, font, iuliia schemas, command modules"

    def old_roster(self) -> str:
        from desktop_app.storage.migrations import known_revisions

        old = self.root / "старый ростер.db"
        shutil.copyfile(resources() / "selftest" / f"roster-{OLD_REVISION}.db", old)
        data = json.loads(self.ok("person", "show", "MR-000001", "--json", roster=old))
        check(data.get("surname") == CYRILLIC[0], f"the old roster's first person reads {data.get('surname')!r}")
        with contextlib.closing(sqlite3.connect(old)) as connection:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        check(revision == known_revisions()[1], f"still at revision {revision}")
        self.ok("verify", roster=old)
        shutil.copyfile(old, self.roster)  # the rest of the run works on this roster, encrypted next
        return f"revision {OLD_REVISION} -> {revision}, audit trail intact"

    def encrypt(self) -> str:
        self.ok("encrypt", key=self.key)
        check(self._encrypted(self.roster), "the roster file still starts with SQLite's plain header")
        code, _, _ = self.cli("stats", key=self._secret("неверный.txt", "wrong"))
        check(code != 0, "a wrong passphrase opened the roster")
        stats = json.loads(self.ok("stats", "--json"))
        check(stats["persons"] == 2, f"{stats['persons']} persons after encrypting")
        for leftover in self.root.glob("*.before-migration-*"):
            from desktop_app.system import wipe_and_delete

            wipe_and_delete(leftover)  # the old roster's plain copy before its migration
        return "SQLCipher; a wrong passphrase refused"

    def imports(self) -> str:
        header = ["Surname", "Given names", "Date of birth", "Passport No", "Citizenship", "Sex"]
        made = {
            "импорт.xlsx": files.write_xlsx(self.root / "импорт.xlsx", [header, [
                "Смирнов", "Пётр", "03.07.1966", "721110022", "RUS", "M"]]),
            "импорт.xls": shutil.copyfile(resources() / "selftest" / "import.xls", self.root / "импорт.xls"),
            # A citizenship in Russian words: read through pycountry's Russian names, which the bundle keeps.
            "импорт.ods": files.write_ods(self.root / "импорт.ods", [header, [
                "Новикова", "Ирина", "22.11.1992", "726660033", "Россия", "F"]]),
            "импорт.csv": files.write_csv(self.root / "импорт.csv", [header, [
                "Darwish", "Yusuf", "14.02.2001", "P7788990", "PSE", "M"]]),
        }
        for name, path in made.items():
            data = json.loads(self.ok("import", str(path), "--json"))
            check(data["created"] == 1 and not data["rejected"],
                  f"{name}: {data['created']} created, {data['rejected']} rejected: {data['problems']}")
        persons = json.loads(self.ok("stats", "--json"))["persons"]
        check(persons == 6, f"{persons} persons after four imports of one each")
        found = json.loads(self.ok("search", "Новикова", "--json"))["persons"]
        check(len(found) == 1, f"{len(found)} persons found for the one imported from the .ods")
        shown = json.loads(self.ok("person", "show", found[0]["case_ref"], "--json"))
        check("RUS" in str(shown.get("citizenships")), f"'Россия' was read as {shown.get('citizenships')!r}")
        return ".xlsx, .xls (shipped), .ods, .csv; 'Россия' read as RUS"

    def reconcile(self) -> str:
        self.ok("partner", "add", "Самопроверка партнёр", "--kind", "border_authority")
        self.ok("list", "create", LIST_NAME, "--partner", "Самопроверка партнёр")
        self.ok("list", "add", LIST_NAME, "MR-000001", "MR-000002")
        self.ok("status", "MR-000001", "MR-000002", "verified", "--reason", "self-test")
        self.ok("list", "send", LIST_NAME)
        answer = files.write_xlsx(self.root / "ответ партнёра.xlsx", [
            ["Name", "Date of birth", "Passport No", "Decision"],
            ["SHCHERBAKOVA ANNA", "17.05.1984", "72 1234567", "approved"]])
        data = json.loads(self.ok("reconcile", str(answer), "--list", LIST_NAME, "--json"))
        check(data["matched"] == 1, f"{data['matched']} rows matched of {data['rows']}")
        self.ok("reconcile", str(answer), "--list", LIST_NAME, "--apply")
        shown = self.ok("person", "show", "MR-000001", "--json")
        check(json.loads(shown).get("status") == "approved", "the approved answer did not reach the person")
        return "1 of 1 rows matched and applied"

    def export_workbook(self) -> str:
        password = self._secret("пароль книги.txt", "книга-пароль")
        path = self.root / "выгрузка.xlsx"
        data = json.loads(self.ok("export", str(path), "--password-file", str(password), "--json"))
        check(data.get("encrypted") is True, "the export says it is not encrypted")
        import msoffcrypto
        import openpyxl

        with open(path, "rb") as handle:
            office = msoffcrypto.OfficeFile(handle)
            check(office.is_encrypted(), "the workbook is not encrypted")
            office.load_key(password="книга-пароль")
            plain = io.BytesIO()
            office.decrypt(plain)
        cells = {str(c) for row in openpyxl.load_workbook(plain, read_only=True).active.iter_rows(values_only=True)
                 for c in row if c is not None}
        check(CYRILLIC[0] in cells or CYRILLIC[0].upper() in cells, "the Cyrillic name is not in the workbook")
        return f"{data['rows']} rows, opened with its password"

    def manifest_pdf(self) -> str:
        path = self.root / "манифест.pdf"
        self.ok("export", str(path), "--title", f"{CYRILLIC[0]} {ARABIC[0]}", "--include-without-consent")
        text = " ".join(files.pdf_text(path).split())
        for word in (CYRILLIC[0], ARABIC[0], "HADDAD"):
            check(word in text or word[::-1] in text, f"{word!r} cannot be read back from the PDF")
        return "Cyrillic and Arabic text read back"

    def change_passphrase(self) -> str:
        new_key = self._secret("новый ключ.txt", NEW_PASSPHRASE)
        self.ok("passphrase", "--new-passphrase-file", str(new_key), key=self.key)
        code, _, _ = self.cli("stats", key=self.key)
        check(code != 0, "the old passphrase still opens the roster")
        self.key = new_key
        self.ok("stats", key=self.key)
        return "the old one refused, the new one opens"

    def backups(self) -> str:
        folder = self.root / "резервные копии"
        folder.mkdir()
        first = self.ok("backup", str(folder), "--keep", "1", "--hours", "0", "--days", "0")
        held_path = sorted(folder.glob("*.db"))[0]
        with open(held_path, "rb"):  # held open (on Windows: a sharing violation when rotation deletes it)
            for _ in range(2):
                self.ok("backup", str(folder), "--keep", "1", "--hours", "0", "--days", "0")
        check(first, "no word from the first backup")
        listed = self.ok("backups", str(folder))
        kept = sorted(folder.glob("*.db"))
        check(kept, f"no backup left in {folder}: {listed}")
        self.ok("verify")
        self.ok("person", "edit", "MR-000002", "locality=Rafah")
        self.ok("restore", str(kept[-1]), "--safety-folder", str(folder))
        shown = json.loads(self.ok("person", "show", "MR-000002", "--json"))
        check(shown.get("locality") in (None, ""), "the restore did not put back the roster as backed up")
        self.ok("verify")
        return f"3 taken with one held open, {len(kept)} kept after rotation, verified, restored"

    def json_pipe(self) -> str:
        output = self.root / "вывод.json"
        env = {name: value for name, value in os.environ.items()
               if name not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LANG")}
        env["MISSION_ROSTER_PASSPHRASE"] = NEW_PASSPHRASE
        with open(output, "wb") as handle:
            finished = subprocess.run([*program(), "--db", str(self.roster), "person", "show", "MR-000002", "--json"],
                                      stdout=handle, stderr=subprocess.PIPE, env=env, timeout=120, check=False)
        check(finished.returncode == 0, f"exited {finished.returncode}: {finished.stderr.decode(errors='replace')}")
        data = json.loads(output.read_bytes().decode("utf-8"))
        check(data.get("surname") == ARABIC[0], f"the Arabic surname came back as {data.get('surname')!r}")
        return "UTF-8 in a file, Arabic intact"

    def russian_plural(self) -> str:
        from PySide6.QtCore import QCoreApplication, QTranslator

        application = QCoreApplication.instance() or QCoreApplication([])
        translator = QTranslator()
        check(translator.load(str(resources() / "translations" / "mission_roster_ru.qm")), "the .qm does not load")
        forms = [translator.translate(PLURAL_CONTEXT, PLURAL_SOURCE, None, n).replace("%n", str(n)) for n in (1, 3, 5)]
        check(all(forms) and len(set(forms)) == 3, f"plural forms {forms}")
        check(all(any("а" <= ch <= "я" for ch in form) for form in forms), f"not Russian: {forms}")
        del application
        return " / ".join(forms)

    def run(self) -> int:
        print(f"Mission Roster {__version__} self-test in {self.root}", file=self.out, flush=True)
        self.step("files the bundle must carry", self.files_on_disk)
        self.step("old roster opened and migrated", self.old_roster)
        self.step("roster encrypted", self.encrypt)
        self.step("imports", self.imports)
        self.step("reconcile an answer", self.reconcile)
        self.step("encrypted workbook exported", self.export_workbook)
        self.step("manifest PDF", self.manifest_pdf)
        self.step("passphrase changed", self.change_passphrase)
        self.step("backups, rotation, verify, restore", self.backups)
        self.step("--json piped to a file", self.json_pipe)
        self.step("Russian translation with plurals", self.russian_plural)
        verdict = "all steps passed" if not self.failures else f"{self.failures} steps FAILED"
        print(f"self-test: {verdict}", file=self.out, flush=True)
        return 0 if not self.failures else 1


def _remove(folder: Path) -> None:
    """Wipe every file of the run (fictitious people, but a roster's files all the same), then the folder."""
    from desktop_app.system import wipe_and_delete

    for path in sorted(folder.rglob("*"), reverse=True):
        with contextlib.suppress(OSError):
            wipe_and_delete(path) if path.is_file() else path.rmdir()
    shutil.rmtree(folder, ignore_errors=True)


def remove_abandoned(temp: Path | None = None) -> list[Path]:
    """Remove the folders of earlier runs whose process is gone (killed, or its computer switched off):
    a run cannot clean up after SIGKILL, so the next one does. A folder whose owner file is missing or
    unreadable is left alone (another program's, or a run just starting). The folders removed."""
    from desktop_app.system import process_alive

    removed = []
    for folder in Path(temp or tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            pid = int((folder / OWNER_FILE).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue
        if not process_alive(pid):
            _remove(folder)
            removed.append(folder)
    return removed


class Ended(BaseException):
    """The run was ended by a signal; a BaseException, so that no step's or command's handler (the command
    line turns SystemExit and KeyboardInterrupt into exit codes) swallows it and goes on with the next step."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.code = 128 + number


@contextlib.contextmanager
def _signals_end_the_run() -> Iterator[None]:
    """SIGTERM (a CI's timeout, a logout, `kill`) and Ctrl+C end the run through its `finally`, which wipes
    the folder: Python's default for SIGTERM would end the process at once and leave the roster in the temp
    folder, and Ctrl+C's KeyboardInterrupt became one failed command and the run went on."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _end(number: int, _frame: object) -> None:
        raise Ended(number)

    previous = {number: signal.signal(number, _end) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def run_self_test(out: TextIO | None = None) -> int:
    """Run every step in a new temporary folder; 0 when all passed."""
    from desktop_app.system import ENV_HOME, utf8_console

    utf8_console()
    out = out or sys.stdout
    try:
        with _signals_end_the_run():
            remove_abandoned()
            base = Path(tempfile.mkdtemp(prefix=PREFIX))
            try:
                (base / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
                root = base / "Самопроверка ростера"
                root.mkdir()
                with _environment(**{ENV_HOME: str(root / "home"), "MISSION_ROSTER_DB": None,
                                     "MISSION_ROSTER_PASSPHRASE": None, "QT_QPA_PLATFORM": "offscreen"}):
                    return SelfTest(root, out).run()
            finally:
                _remove(base)
    except Ended as ended:
        print(f"self-test: ended by signal {ended.args[0]}; its folder was wiped", file=out, flush=True)
        return ended.code
