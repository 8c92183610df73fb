"""Tools > Encrypt, Change passphrase and Restore from backup while the window's reads are still queued (found by
F1 in session 18): the swap of the roster's file waits for the reads running and drops those not started, so
that no read runs on the old handle once the file is rewritten; no error box, and the pages show the new file's
roster.

Both reader threads are held by reads of the window's roster that the test holds (each waits on an event the
test sets), the pages' own reads queued behind them (a colleague's change, a search typed), then the swap is
asked at once. The held reads are let go once the file changed or, when the swap waits for them as it should,
after a while: before the fix the queued reads ran on the closed roster once the file was rewritten ("the
database file is damaged", "not a roster database (or the wrong passphrase)") in an error box each.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.exceptions import TimeoutError as QtBotTimeout
from pytestqt.qtbot import QtBot

from desktop_app.domain.errors import Cancelled
from desktop_app.services import backups, demo, persons, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database, looks_encrypted, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.operations import READ_THREADS, read_pool, roster_swaps, run_in_background, run_read
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import PlainCopiesDialog, Protection
from desktop_app.ui.protection.backup_dialog import RestoreDialog
from desktop_app.ui.protection.passphrase_dialog import PassphraseDialog

PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "a second, longer passphrase"
CHANGED_WITHIN_MS = 4_000  # how long the held reads wait for the file to change before they are let go anyway


class Officer:
    """Answers every modal dialog while the test runs: error boxes are recorded and closed, passphrases are typed
    in the order given, the plain copies are kept, the newest backup is chosen (`at_restore` is called just
    before: the readers are held then, once the dialog has read its backups) and questions answered Yes."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.passphrases: list[str] = []
        self.at_restore: Callable[[], None] = lambda: None
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.answer)
        self.timer.start()

    def answer(self) -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, QMessageBox):
            if shown.objectName() == "errorMessage":
                self.errors.append(shown.text())
            yes = shown.button(QMessageBox.StandardButton.Yes)
            if yes is not None:
                yes.click()
            else:
                shown.done(0)
        elif isinstance(shown, PassphraseDialog) and self.passphrases:
            typed = self.passphrases.pop(0)
            shown.edit.setText(typed)
            shown.confirm.setText(typed)
            shown._accept()
        elif isinstance(shown, PlainCopiesDialog):
            shown.keep.setChecked(True)
            shown.accept()
        elif isinstance(shown, RestoreDialog) and not shown.loading and shown.restore_button.isEnabled():
            self.at_restore()
            shown.restore_button.click()


@pytest.fixture
def officer() -> Iterator[Officer]:
    answering = Officer()
    yield answering
    answering.timer.stop()


def _demo_roster(path: Path) -> tuple[Database, int]:
    """A demonstration roster of 12 households at `path`, and how many persons it holds."""
    database = open_database(path)
    demo.fill_demo(database, households=12, operator="demo")
    return database, roster.count(database, RosterQuery())


def _window(qtbot: QtBot, database: Database, folder: Path, preferences: Preferences) -> MainWindow:
    folder.mkdir(exist_ok=True)
    preferences.backup_folder = str(folder)
    window = MainWindow(database, "A. Petrova", preferences)
    qtbot.addWidget(window)
    window.show()
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: protection.auto_task is None and not window.roster.model.loading, timeout=20_000)
    return window


class HeldReads:
    """Both reader threads busy with a read of the window's roster until `release`, the pages' own reads queued
    behind them: the page in front reads again (a colleague's change) and a search is typed."""

    def __init__(self, window: MainWindow, threads: int = READ_THREADS) -> None:
        self.release = threading.Event()
        self.answers: list[object] = []
        db = window.db
        started = threading.Barrier(threads + 1)

        def held() -> int:
            started.wait()
            self.release.wait()
            return roster.count(db, RosterQuery())

        for _ in range(threads):
            run_read(window, held, self.answers.append)
        started.wait(timeout=20)
        if threads == READ_THREADS:
            window.hub.announce()
            window.roster.search.setText("a")
            window.roster.apply_filters()
            assert read_pool().queued_count() >= 1


def _let_go_once(qtbot: QtBot, window: MainWindow, held: Callable[[], HeldReads | None],
                 changed: Callable[[], bool]) -> None:
    """Let the held reads go once the file `changed()` (a swap that did not wait for them), else after a while
    (the swap waits for them: they must end for it to go on); then wait for the swap and every read."""
    with contextlib.suppress(QtBotTimeout):
        qtbot.waitUntil(lambda: held() is not None and changed(), timeout=CHANGED_WITHIN_MS)
    qtbot.waitUntil(lambda: held() is not None, timeout=20_000)
    holding = held()
    assert holding is not None
    holding.release.set()
    protection = window.feature(Protection)
    qtbot.waitUntil(lambda: protection.busy is None, timeout=30_000)
    qtbot.waitUntil(lambda: read_pool().queued_count() == 0 and read_pool().active_count() == 0, timeout=30_000)
    qtbot.waitUntil(lambda: not window.roster.model.loading, timeout=20_000)
    qtbot.wait(200)  # the answers of the last reads handled on the GUI thread


def _closes_showing_the_roster_of(qtbot: QtBot, officer: Officer, window: MainWindow, persons_there: int) -> None:
    """The search cleared, the window shows every person of its roster (`persons_there`), no error was told; then
    the window is closed."""
    window.roster.search.clear()
    window.roster.apply_filters()
    qtbot.waitUntil(lambda: not window.roster.model.loading and window.roster.model.complete, timeout=20_000)
    assert window.roster.model.ids == roster.search_ids(window.db, window.roster.model.query)
    assert len(window.roster.model.ids) == roster.count(window.db, RosterQuery()) == persons_there
    assert officer.errors == []
    window.close()


def _file_state(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def test_encrypting_with_reads_queued_tells_no_error_and_shows_the_encrypted_roster(
        qtbot: QtBot, officer: Officer, tmp_path: Path, preferences: Preferences) -> None:
    path = tmp_path / "roster.db"
    database, persons_there = _demo_roster(path)
    window = _window(qtbot, database, tmp_path / "usb", preferences)
    held = HeldReads(window)
    officer.passphrases = [PASSPHRASE, PASSPHRASE]
    window.feature(Protection).encrypt_or_rekey()
    _let_go_once(qtbot, window, lambda: held, lambda: looks_encrypted(path))
    assert officer.errors == []
    assert window.db.encrypted and looks_encrypted(path)
    assert held.answers == [persons_there] * READ_THREADS  # the reads running were waited for, not broken
    _closes_showing_the_roster_of(qtbot, officer, window, persons_there)


def test_changing_the_passphrase_with_reads_queued_tells_no_error(
        qtbot: QtBot, officer: Officer, tmp_path: Path, preferences: Preferences) -> None:
    path = tmp_path / "roster.db"
    plain, persons_there = _demo_roster(path)
    plain.close()
    backups.encrypt_roster(path, PASSPHRASE, operator="demo")
    window = _window(qtbot, open_database(path, passphrase=PASSPHRASE), tmp_path / "usb", preferences)
    before = _file_state(path)
    held = HeldReads(window)
    officer.passphrases = [PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE]
    window.feature(Protection).encrypt_or_rekey()
    _let_go_once(qtbot, window, lambda: held, lambda: _file_state(path) != before)
    assert officer.errors == []
    assert window.db.passphrase_matches(NEW_PASSPHRASE)
    _closes_showing_the_roster_of(qtbot, officer, window, persons_there)


def test_restoring_a_backup_with_reads_queued_tells_no_error_and_shows_the_backup(
        qtbot: QtBot, officer: Officer, tmp_path: Path, preferences: Preferences) -> None:
    path = tmp_path / "roster.db"
    database, persons_in_backup = _demo_roster(path)
    window = _window(qtbot, database, tmp_path / "usb", preferences)  # its backup at open is the one restored
    persons.create_person(database, {"surname": "Later"}, operator="A. Petrova")  # not in the backup
    qtbot.waitUntil(lambda: roster.count(database, RosterQuery()) == persons_in_backup + 1)
    before = _file_state(path)
    holding: list[HeldReads] = []
    officer.at_restore = lambda: holding.append(HeldReads(window))
    window.feature(Protection).restore()
    _let_go_once(qtbot, window, lambda: holding[0] if holding else None, lambda: _file_state(path) != before)
    assert officer.errors == []
    assert window.db is not database
    _closes_showing_the_roster_of(qtbot, officer, window, persons_in_backup)


def test_an_encryption_cancelled_while_it_waits_for_a_read_changes_nothing_and_the_pages_read_again(
        qtbot: QtBot, officer: Officer, tmp_path: Path, preferences: Preferences) -> None:
    path = tmp_path / "roster.db"
    database, persons_there = _demo_roster(path)
    window = _window(qtbot, database, tmp_path / "usb", preferences)
    held = HeldReads(window, threads=1)  # the other reader is free: the reads asked meanwhile start, and are dropped
    officer.passphrases = [PASSPHRASE, PASSPHRASE]
    protection = window.feature(Protection)
    protection.encrypt_or_rekey()
    qtbot.waitUntil(lambda: roster_swaps().swapped(database), timeout=20_000)  # the swap waits for the held read
    window.roster.search.setText("an")  # a search typed while the swap waits: not read on a roster being swapped
    window.roster.apply_filters()
    qtbot.waitUntil(lambda: read_pool().queued_count() == 0 and read_pool().active_count() == 1, timeout=20_000)
    swapping = protection.busy
    assert swapping is not None
    swapping.cancel()  # the officer's Cancel in the progress dialog
    qtbot.waitUntil(lambda: protection.busy is None, timeout=20_000)
    held.release.set()
    qtbot.waitUntil(lambda: read_pool().queued_count() == 0 and read_pool().active_count() == 0, timeout=30_000)
    qtbot.waitUntil(lambda: not window.roster.model.loading, timeout=20_000)
    qtbot.wait(200)
    assert officer.errors == []
    assert window.db is database and not database.encrypted and not looks_encrypted(path)
    assert not roster_swaps().swapped(database)
    assert held.answers == [persons_there]
    # the search dropped while the swap waited was read again once it was given up
    assert window.roster.model.query.text == "an"
    assert window.roster.model.ids == roster.search_ids(database, window.roster.model.query)
    _closes_showing_the_roster_of(qtbot, officer, window, persons_there)


def test_a_long_read_running_is_told_to_stop_and_the_encryption_goes_on(
        qtbot: QtBot, officer: Officer, tmp_path: Path, preferences: Preferences) -> None:
    """A long read of the roster (as the duplicate search is) asks its progress as it goes: once the swap waits for
    it, its progress says cancelled, so the officer's encryption does not wait for the whole search."""
    path = tmp_path / "roster.db"
    database, _ = _demo_roster(path)
    window = _window(qtbot, database, tmp_path / "usb", preferences)
    running, given_up, release = threading.Event(), threading.Event(), threading.Event()
    outcome: list[object] = []

    def long_read(progress: Callable[[int, int], bool]) -> int:
        running.set()
        while progress(0, 0):
            if release.wait(0.02):  # let go by the test at its end, whatever happened
                return roster.count(database, RosterQuery())
        given_up.set()
        raise Cancelled()

    run_in_background(window, "Looking for duplicates", long_read, outcome.append, outcome.append, reading=True)
    assert running.wait(20)
    officer.passphrases = [PASSPHRASE, PASSPHRASE]
    protection = window.feature(Protection)
    protection.encrypt_or_rekey()
    try:
        qtbot.waitUntil(lambda: protection.busy is None, timeout=20_000)
    finally:
        release.set()
    assert given_up.is_set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=20_000)
    assert isinstance(outcome[0], Cancelled)
    assert officer.errors == []
    assert window.db.encrypted and looks_encrypted(path)
    window.close()
