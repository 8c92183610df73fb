"""Protection in the window: passphrase at open, encryption, backups, restore, audit check, idle lock, retention.

`install(host)` adds to the Tools menu: Back up now, Restore from backup…, Verify audit trail,
Backup settings…, Encrypt roster… / Change passphrase…, Lock now, and Close the crisis (retention)….
It starts the automatic backups (at open, every N minutes while changes happen, at close) and the
idle lock, and makes File > New roster offer encryption and File > Open ask for the passphrase of
an encrypted roster.

Restore, encryption and a passphrase change close the roster and swap its file: they run on the
runner's worker (`ui.operations.run_in_background`), the window painting meanwhile, once no
colleague holds the roster's write lock; while one does, the waiting window names them and
Cancel gives the work up with nothing changed. `busy` is the one under way (None when none is).

    protection = window.feature(Protection)
    protection.restore()                      # asks which backup, then restores off the GUI thread
    qtbot.waitUntil(lambda: protection.busy is None)
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QWidget,
)

from desktop_app.domain.errors import Cancelled, RosterError
from desktop_app.services import audit, backups, retention
from desktop_app.storage.backup import KEEP_DAILY_DAYS, KEEP_RECENT, BackupInfo
from desktop_app.storage.db import Database, WrongPassphrase, is_encrypted, open_database
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.first_start_recovery import offer_recovery
from desktop_app.ui.latest_read import LatestRead
from desktop_app.ui.operations import (
    PendingOperation,
    Progress,
    leave_roster,
    roster_swaps,
    run_in_background,
    the_relay,
    write_and_wait,
)
from desktop_app.ui.protection.backup_dialog import (
    KEY_DAYS,
    KEY_INTERVAL,
    KEY_KEEP,
    KEY_LOCK,
    BackupSettingsDialog,
    RestoreDialog,
    int_preference,
)
from desktop_app.ui.protection.dialogs import PlainCopiesDialog, RetentionDialog
from desktop_app.ui.protection.lock import DEFAULT_LOCK_MINUTES, IdleLock
from desktop_app.ui.protection.passphrase_dialog import PassphraseDialog

if TYPE_CHECKING:
    from desktop_app.services.workspace import Workspace
    from desktop_app.ui.main_window.host import WindowHost
    from desktop_app.ui.workspace_signals import Leaving

log = logging.getLogger(__name__)
T = TypeVar("T")


# --- opening -------------------------------------------------------------------------------------

def needs_passphrase(target: str) -> bool:
    """Whether the roster at `target` is an encrypted file, whose passphrase is asked before it opens (its
    header is read: no connection)."""
    return is_encrypted(target)


def _passphrase_dialog(parent: QWidget | None, target: str, holder: str) -> PassphraseDialog:
    dialog = PassphraseDialog(parent, QCoreApplication.translate("Protection", "Encrypted roster"),
                              QCoreApplication.translate("Protection", "%1 is encrypted. Type its passphrase.")
                              .replace("%1", Path(target).name))
    offer_recovery(dialog, target, passphrase_edit=dialog.edit, operator=holder)  # forgotten: the printed key
    return dialog


def wrong_passphrase_said() -> str:
    return QCoreApplication.translate("Protection", "Wrong passphrase. The roster was not changed.")


def ask_passphrase(parent: QWidget | None, target: str, holder: str, *, wrong: bool = False) -> str | None:
    """The passphrase of the encrypted roster at `target`, asked on the GUI thread (the open with it runs on a
    worker); `wrong`: the one typed before did not open it. None when the officer cancelled."""
    dialog = _passphrase_dialog(parent, target, holder)
    if wrong:
        dialog.show_problem(wrong_passphrase_said())
    try:
        return dialog.passphrase if dialog.exec() else None
    finally:
        dialog.deleteLater()


def open_roster(parent: QWidget | None, target: str, holder: str) -> Database | None:
    """Open `target`, asking for the passphrase while the roster is encrypted and it is wrong; None if cancelled."""
    if not is_encrypted(target):
        return open_database(target, holder=holder)
    dialog = _passphrase_dialog(parent, target, holder)
    while dialog.exec():
        try:
            return open_database(target, passphrase=dialog.passphrase, holder=holder)
        except WrongPassphrase:
            log.info("wrong passphrase at open")
            dialog.show_problem(wrong_passphrase_said())
    return None


def backup_folder(window: WindowHost) -> Path:
    """The chosen backup folder (never created here: a missing USB stick is said when a backup runs), else
    a 'backups' folder beside the roster (created when needed; one that cannot be made, a file of that name or
    the roster's folder read-only, is said as the USB stick is, naming it). The services take copies there too."""
    chosen = window.preferences.backup_folder
    if chosen:
        folder = Path(chosen)
    else:
        folder = window.db.target.path.parent / "backups"
        with contextlib.suppress(OSError):
            folder.mkdir(exist_ok=True)
    backups.use_backup_folder(window.db, folder)
    return folder


def _wait_before_the_entry(workspace: Workspace, given_up: Callable[[], bool],
                           told: Callable[[str | None], None] = lambda _holder: None) -> None:
    """Before a written backup's audit entry (on its worker): wait until nobody holds the roster's write lock,
    however long a colleague's save holds it (`told(holder)` names them). `given_up()` is heeded only once someone
    was seen holding the lock: the copy is written and cannot be taken back, so with the lock free its entry is
    written whatever was asked meanwhile (a Cancel, the roster left, the program quitting)."""
    held: list[bool] = []

    def holding(holder: str | None) -> None:
        held.append(True)
        told(holder)

    workspace.wait_for_writer(lambda: bool(held) and given_up(), holding)


class Protection(QObject):
    """The window's protection behaviour: actions, automatic backups and the idle lock."""

    def __init__(self, host: WindowHost) -> None:
        window = host.window()
        super().__init__(window)
        self.host = host
        self.window = window  # the parent of the dialogs and actions
        self.auto: backups.AutoBackup | None = None
        self.auto_task: PendingOperation | None = None
        self._auto_task_of: backups.AutoBackup | None = None  # whose backup `auto_task` is
        self.busy: PendingOperation | None = None  # a restore or an encryption under way (`swap_file`)
        # The audit check's and the retention plan's reads: an answer about a roster replaced meanwhile is dropped.
        self.reads = LatestRead(window, lambda: self.host.db)
        self.closing = False
        self._closing_backup: PendingOperation | None = None
        self.leaving_backup: PendingOperation | None = None  # the last backup when File > Open left the roster
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._periodic_backup)
        self.lock = IdleLock(window, int_preference(host.preferences, KEY_LOCK, DEFAULT_LOCK_MINUTES))
        window.installEventFilter(self)
        self._add_actions()
        self._take_over_file_menu()
        self.start_auto_backups()
        QTimer.singleShot(0, self.warn_if_damaged)
        QTimer.singleShot(0, self.check_in_background)

    # --- actions ------------------------------------------------------------------------------

    def _action(self, text: str, slot: Any, name: str, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _add_actions(self) -> None:
        tools = self.host.actions.menu("Tools")
        tools.addSeparator()
        self.backup_action = self._action(self.tr("&Back up now"), self.back_up_now, "backupNowAction")
        self.restore_action = self._action(self.tr("&Restore from backup…"), self.restore, "restoreAction")
        self.verify_action = self._action(self.tr("&Verify audit trail"), self.verify_audit, "verifyAuditAction")
        self.settings_action = self._action(self.tr("Backup &settings…"), self.backup_settings,
                                            "backupSettingsAction")
        self.encrypt_action = self._action(self.tr("&Encrypt roster…"), self.encrypt_or_rekey, "encryptAction")
        self.lock_action = self._action(self.tr("&Lock now"), self.lock.lock, "lockAction", "Ctrl+Shift+K")
        self.retention_action = self._action(self.tr("Close the crisis (re&tention)…"), self.retention,
                                             "retentionAction")
        for action in (self.backup_action, self.restore_action, self.verify_action, self.settings_action, None,
                       self.encrypt_action, self.lock_action, None, self.retention_action):
            if action is None:
                tools.addSeparator()
            else:
                tools.addAction(action)
        self._update_actions()

    def _update_actions(self) -> None:
        encrypted = self.host.db.encrypted
        self.encrypt_action.setText(self.tr("Change &passphrase…") if encrypted else self.tr("&Encrypt roster…"))
        self.lock_action.setEnabled(encrypted)
        file_based = self.host.db.target.path is not None
        for action in (self.backup_action, self.restore_action, self.encrypt_action, self.retention_action):
            action.setEnabled(file_based)

    def _take_over_file_menu(self) -> None:
        """New roster offers encryption; opening asks an encrypted roster's passphrase."""
        new_action = self.host.actions["newDatabase"]
        new_action.triggered.disconnect()
        new_action.triggered.connect(self.new_roster)
        hub = self.host.hub
        hub.leaving_roster.connect(self._final_backup)  # File > Open and Open recent leave this roster
        hub.workspace_changed.connect(self._roster_replaced)

    # --- opening and creating -----------------------------------------------------------------

    def use_database(self, database: Database) -> None:
        """Work on `database` from now on (a restored, encrypted or reopened roster): the window's hub says so."""
        self.host.hub.replace_database(database)

    @Slot(object)
    def _roster_replaced(self, _workspace: object) -> None:
        self._update_actions()
        self.start_auto_backups()
        self.lock.set_minutes(int_preference(self.host.preferences, KEY_LOCK, DEFAULT_LOCK_MINUTES))
        self.warn_if_damaged()
        self.check_in_background()

    def check_in_background(self) -> None:
        """A roster too large to check in full at open is checked off the GUI thread once it is open, beside the
        saves (after the backup at open, on the same worker); damage found then is told, and refuses writes from
        then on."""
        db = self.host.db
        if not db.needs_full_check():
            return

        def checked(problem: object) -> None:
            if isinstance(problem, str) and self.host.db is db:
                db.mark_damaged(problem)
                self.warn_if_damaged()

        def failed(exc: BaseException) -> None:  # the roster was closed or switched meanwhile
            log.info("background integrity check not finished: %s", type(exc).__name__)

        host, swaps = self.host, roster_swaps()

        def given_up() -> bool:  # a swap of the file (encrypt, restore) waits for the reads running: not this long
            return self.closing or host.db is not db or swaps.swapped(db)

        # Beside the saves, as the automatic backup (`_run_auto`): it reads every page of a large file.
        run_in_background(self.window, self.tr("Checking the roster file"),
                          lambda _progress: db.check_integrity(stop=given_up), checked, failed, quiet=True,
                          reading=backups.beside_saves(db))

    @Slot()
    def warn_if_damaged(self) -> None:
        """A roster that failed its check at open: say so, name the last good backup, offer to restore."""
        damage = self.host.db.damage
        if damage is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The roster file is damaged"), damage,
                          QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("damagedRosterBox")
        restore = box.addButton(self.tr("Restore from backup…"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is restore:
            self.restore()

    @Slot()
    def new_roster(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("New roster database"),
                                              str(Path.home() / "roster.db"), self.tr("Roster databases (*.db)"))
        if not path:
            return
        if Path(path).exists():
            show_error(self.window, RosterError(self.tr("%1 already exists; use Open to open it.").replace("%1", path)))
            return
        dialog = PassphraseDialog(self.window, self.tr("Protect the new roster"),
                                  self.tr("The roster will hold names, passport and phone numbers of people in "
                                          "danger. Choose a passphrase to encrypt it: without it, nobody who gets "
                                          "the file (a lost or seized laptop) can read it. Keep the passphrase "
                                          "safe: it cannot be recovered."), choose=True, allow_plain=True)
        if dialog.exec():
            self.host.switch_database(path, dialog.passphrase)

    # --- backups ------------------------------------------------------------------------------

    def start_auto_backups(self) -> None:
        self.timer.stop()
        if self.host.db.target.path is None or self.host.db.damage is not None:
            self.auto = None  # a damaged roster is only read: no copy of it would pass its check
            return
        preferences = self.host.preferences
        self.auto = backups.AutoBackup(self.host.db, backup_folder(self.host), self.host.operator,
                                       keep_recent=int_preference(preferences, KEY_KEEP, KEEP_RECENT),
                                       keep_days=int_preference(preferences, KEY_DAYS, KEEP_DAILY_DAYS))
        self._run_auto("at open")
        self.start_timer()

    def start_timer(self) -> None:
        """Automatic backups every few minutes, as the backup settings say (none at 0)."""
        minutes = int_preference(self.host.preferences, KEY_INTERVAL, backups.DEFAULT_INTERVAL_MINUTES)
        if minutes > 0:
            self.timer.start(minutes * 60_000)

    def _run_auto(self, reason: str) -> None:
        """An automatic backup, off the GUI thread (checking a 100,000-person copy takes seconds); those when the
        roster is left are `_final_backup`'s (File > Open) and `_close_waits_for_backup`'s (the window closes)."""
        if self.auto is None:
            return
        self.auto.folder = backup_folder(self.host)
        auto = self.auto
        if self.auto_task is not None and self._auto_task_of is auto:
            return  # the previous one is still writing
        task: list[PendingOperation] = []
        workspace = self.host.workspace

        def backing_up(progress: Progress) -> BackupInfo | None:
            # Queued behind a long read (a duplicate search), it may start once the roster was left (File > Open,
            # the window closed: their backup at close took its place) or replaced: not run on a roster let go.
            if self.auto is not auto or workspace is None:
                raise Cancelled("Not backed up: the roster was left before the automatic backup started.")

            def given_up() -> bool:
                return not progress(0, 0) or self.auto is not auto

            # Its audit entry waits for a colleague's save however long it holds the lock (it failed busy after 10 s
            # and the officer read "Automatic backup failed"). The roster left meanwhile (the close, File > Open:
            # asked while the copy was written) or the program quitting, the entry is still written if nobody holds
            # the lock: given up at once, the copy stayed without its entry, and the backup at close, finding the
            # roster not backed up, copied it all again.
            return auto.run(reason, cancelled=given_up,
                            before_entry=lambda: _wait_before_the_entry(workspace, given_up))

        def finished(_result: object = None) -> None:
            if task and self.auto_task is task[0]:  # not the next roster's, asked while this one waited its turn
                self.auto_task = None

        def failed(exc: BaseException) -> None:
            finished()
            if not isinstance(exc, RosterError):
                raise exc
            if isinstance(exc, Cancelled):  # not started: the window closed, or the roster's file was swapped
                return
            self._auto_failed(exc)

        # Beside the saves (a long read's worker), not before them on the writer's: at 100,000 persons a save made
        # just after the roster opened waited for the whole copy and its check.
        self.auto_task = run_in_background(self.window, self.tr("Backing up"), backing_up, finished, failed,
                                           quiet=True, reading=backups.beside_saves(auto.db))
        self._auto_task_of = auto
        task.append(self.auto_task)

    def _auto_failed(self, exc: RosterError) -> None:
        # A missing USB stick must not stop the work: say it in the status bar.
        log.info("automatic backup failed: %s", type(exc).__name__)
        self.host.statusBar().showMessage(self.tr("Automatic backup failed: %1").replace("%1", translated(exc)),
                                            15_000)

    @Slot()
    def _periodic_backup(self) -> None:
        if self.auto is not None and not self.lock.locked and self.auto.due():
            self._run_auto("every few minutes")

    def _final_backup(self, leaving: Leaving) -> None:
        """File > Open leaves this roster: its backup at close runs on the writer's worker, after any backup still
        writing, and the switch waits for it, the window painting and answering. While a colleague holds the
        write lock the waiting window names them; Cancel gives the backup up (nothing written) and the roster
        open stays. A backup that cannot be written (a missing USB stick, a full disk) is told with why, and the officer
        chooses: Open anyway, or Cancel, which stays on this roster with its automatic backups. While the window waits
        to close (its backup at close waiting for a colleague), no other roster opens: the one open is backed up."""
        if self._closing_backup is not None:  # that backup is of the roster open: another one in would skip it
            leaving.hold()(False)
            show_error(self.window, RosterError(self.tr("%1 was not opened: the window is closing, once the backup of "
                                                        "the roster open is written.").replace("%1", leaving.target)))
            return
        auto, workspace = self.auto, self.host.workspace
        if auto is None or workspace is None:
            if self.lock.locked:
                self._unlocked_first(leaving.hold())(True)
            return
        db = workspace.db

        def keep_backing_up() -> None:  # the roster stays open: its automatic backups go on
            if self.host.db is db and self.auto is None:
                self.auto = auto
                self.start_timer()

        release = self._unlocked_first(leaving.hold(), keep_backing_up)
        self.auto = None
        self.timer.stop()

        def stay() -> None:  # nothing written, and the roster stays open with its automatic backups
            # Not when the window is being deleted (the question's box goes with it): its timer is gone first.
            if shiboken6.isValid(self.timer) and self.host.db is db:
                self.auto = auto
                self.start_timer()
            release(False)

        auto.folder = backup_folder(self.host)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, Cancelled):  # given up in the waiting window
                log.info("backup before leaving the roster cancelled")
                stay()
                return
            if not isinstance(exc, RosterError):
                release(True)
                raise exc  # a bug: the crash dialog
            log.info("backup before leaving the roster not written: %s", type(exc).__name__)
            asked.append(True)  # the officer's answer decides, not the end of the backup's operation
            self._ask_leave_without_backup(leaving.parent, translated(exc), lambda: release(True), stay)

        asked: list[bool] = []
        leaving_backup = self._backup_at_close(leaving.parent, workspace, auto, lambda _r: release(True), failed)
        # Its Cancel is the waiting window's; the window closed meanwhile gives the backup up as well.
        leaving_backup.destroyed.connect(lambda _obj=None: None if asked else release(False))
        self.leaving_backup = leaving_backup

    def _unlocked_first(self, release: Callable[[bool], None],
                        given_up: Callable[[], None] = lambda: None) -> Callable[[bool], None]:
        """`release` of a roster being left, held until the idle lock is taken off when it covers the window: the
        roster must not be replaced under the cover (it fired while the next roster opened, or while the backup
        waited for a colleague), as the lock is taken off with what the roster locked asks (its passphrase, an
        account of its own), which the roster replacing it may not have. Another officer taking the lock off
        did not ask for the next roster (signed in on it as the one before): the open is given up (`given_up`)."""
        lock, host = self.lock, self.host

        def account_id() -> int | None:
            workspace = host.workspace
            account = workspace.account if workspace is not None else None
            return account.id if account is not None else None

        def answer(done: bool) -> None:
            if not done or not lock.locked:
                release(done)
                return
            before = account_id()
            if host.db is not None:  # it stays open until the lock is off: its writes (the PIN typed there) may run
                leave_roster(host.db, False)

            def unlocked(locked: bool) -> None:
                if not locked:
                    lock.locked_changed.disconnect(unlocked)
                    if account_id() == before:
                        release(True)
                    else:
                        given_up()
                        release(False)

            lock.locked_changed.connect(unlocked)

        return answer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.closing = True  # a background check gives up
            if self._close_waits_for_backup():
                event.ignore()  # the window closes once the backup at close is written or given up
                return True
        elif watched is self.window and event.type() == QEvent.Type.Resize:
            self.lock.resize_cover()
        return False

    @property
    def closing_backup(self) -> PendingOperation | None:
        """The backup at close under way (the window closes once it is written or given up), else None."""
        return self._closing_backup

    def _close_waits_for_backup(self) -> bool:
        """Start the backup at close on the writer's worker, after any backup still writing: the window stays,
        painting and answering, and closes when it ends. While a colleague holds the roster's write lock the
        waiting window names them, and Cancel gives the backup up (nothing is written) and closes. The backup
        is written under a hidden name and given its own only once checked, so a close never leaves half a
        copy; before the application quits, the runner gives a wait up and waits for a backup writing."""
        if self._closing_backup is not None:
            return True  # asked again while it runs: the window closes when it ends
        auto, workspace = self.auto, self.host.workspace
        if auto is None or workspace is None:
            return False
        self.auto = None
        self.timer.stop()
        db = workspace.db

        def ended(_result: object = None) -> None:
            self._closing_backup = None
            self.window.close()

        def stay_open() -> None:
            self._closing_backup = None
            self.closing = False
            if self.host.db is db:  # the roster stays open, and so do its automatic backups
                self.auto = auto
                self.start_timer()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, RosterError):  # a bug: the crash dialog, the window left open to close again
                self._closing_backup = None
                raise exc
            if isinstance(exc, Cancelled):  # given up in the waiting window: nothing written, the window closes
                log.info("backup at close cancelled")
                ended()
                return
            log.info("backup at close not written: %s", type(exc).__name__)  # a missing USB stick, a full disk
            self._ask_close_without_backup(translated(exc), ended, stay_open)

        auto.folder = backup_folder(self.host)
        self._closing_backup = self._backup_at_close(self.window, workspace, auto, ended, failed)
        return True

    def _backup_at_close(self, parent: QWidget, workspace: Workspace, auto: backups.AutoBackup,
                         done: Callable[[object], None], failed: Callable[[BaseException], None]) -> PendingOperation:
        """The last backup of a roster being left or closed, on the writer's worker after any backup still
        writing; while a colleague holds the write lock the runner's waiting window names them, and its Cancel
        gives the backup up (`failed` with Cancelled). Nothing is written if another roster is open by then."""
        db, relay = workspace.db, the_relay()
        numbered = threading.Event()
        number: list[int] = []

        previous = self.tr("the automatic backup still being written")

        def back_up(progress: Progress) -> object:
            numbered.wait()

            def cancelled() -> bool:
                return not progress(0, 0)

            def wait_for_the_lock() -> None:
                # The relay outlives every window: its signal is the runner's own way to name the lock's holder.
                workspace.wait_for_writer(cancelled, lambda holder: relay.waiting.emit(number[0], holder))

            def before_entry() -> None:
                # The copy written (it cannot stop: a Cancel pressed meanwhile, its waiting window still up, came too
                # late for it), its entry is given up only while a colleague holds the lock: given up at once, the
                # copy stayed out of the audit trail and the window closed as if nothing had been written.
                _wait_before_the_entry(workspace, cancelled, lambda holder: relay.waiting.emit(number[0], holder))

            wait_for_the_lock()
            if workspace.db is not db:
                return None
            # An automatic backup still writing (minutes at a million persons) is waited for in the waiting window,
            # whose Cancel gives this one up (it waited on a lock nothing could interrupt, and no window said why).
            info = auto.run("at close", cancelled=cancelled, waiting=lambda: relay.waiting.emit(number[0], previous),
                            before_entry=before_entry)
            if cancelled():  # pressed while the copy was written: written and audited, and File > Open still stays
                raise Cancelled("Backed up, but the roster was not left: Cancel was pressed while the backup was "
                                "written.")
            return info

        operation = run_in_background(parent, self.tr("Backing up"), back_up, done, failed, quiet=True)
        operation.waiting_words[previous] = self.tr(
            "Backing up: an automatic backup of the roster is still being written, and this backup follows it. "
            "Cancel gives this backup up (nothing more is written; the automatic one is kept).")
        number.append(operation.number)
        numbered.set()
        return operation

    def _ask_close_without_backup(self, why: str, close: Callable[[], None], stay: Callable[[], None]) -> None:
        """The backup at close could not be written: the officer is told why (a full disk, a folder gone or
        read-only) and chooses to close anyway or to stay (and choose another folder); the window waits."""
        box, close_anyway = _without_backup_box(
            self.window, self.tr("Backup at close not written"),
            self.tr("The backup of the roster at close could not be written: %1\n\nClose anyway (the "
                    "roster itself is unchanged, without this backup), or Cancel to stay open and "
                    "choose another backup folder (Tools > Backup settings…).").replace("%1", why),
            self.tr("Close &anyway"), "closeBackupFailedBox", "closeAnyway")

        def answered(_result: int) -> None:
            closing = box.clickedButton() is close_anyway
            box.deleteLater()
            (close if closing else stay)()

        box.finished.connect(answered)
        box.open()

    def _ask_leave_without_backup(self, parent: QWidget, why: str, leave: Callable[[], None],
                                  stay: Callable[[], None]) -> None:
        """The backup of the roster File > Open leaves could not be written: the officer is told why and chooses
        to open the other roster anyway or to stay on this one (and choose another folder); the switch waits."""
        box, open_anyway = _without_backup_box(
            parent, self.tr("Backup not written"),
            self.tr("The backup of the roster you are leaving could not be written: %1\n\nOpen the "
                    "other roster anyway (this roster itself is unchanged, without this backup), or "
                    "Cancel to stay on this roster and choose another backup folder (Tools > Backup "
                    "settings…).").replace("%1", why),
            self.tr("Open &anyway"), "leaveBackupFailedBox", "openAnyway")
        answered: list[bool] = []

        def answer(leaving: bool) -> None:
            if not answered:
                answered.append(True)
                (leave if leaving else stay)()

        def finished(_result: int) -> None:
            leaving = box.clickedButton() is open_anyway
            box.deleteLater()
            answer(leaving)

        box.finished.connect(finished)
        box.destroyed.connect(lambda _obj=None: answer(False))  # its parent closed meanwhile: the roster stays
        box.open()

    @Slot()
    def back_up_now(self) -> None:
        db, folder, operator = self.host.db, backup_folder(self.host), self.host.operator
        keep = int_preference(self.host.preferences, KEY_KEEP, KEEP_RECENT)
        days = int_preference(self.host.preferences, KEY_DAYS, KEEP_DAILY_DAYS)

        def done(info: Any) -> None:
            self.host.statusBar().showMessage(
                self.tr("Backup written and checked: %1 persons in %2").replace("%1", str(info.persons))
                .replace("%2", str(info.path)), 15_000)

        run_in_background(self.window, self.tr("Backing up"), lambda progress: backups.backup_now(
            db, folder, operator=operator, keep_recent=keep, keep_days=days), done)

    @Slot()
    def restore(self) -> None:
        if self.host.workspace is None:
            return
        dialog = RestoreDialog(self.host.workspace, backup_folder(self.host), self.window)
        if not dialog.exec() or dialog.chosen is None:
            return
        chosen = dialog.chosen
        answer = QMessageBox.question(
            self.window, self.tr("Restore from backup"),
            self.tr("Go back to the backup taken %1 (%2 persons)? Changes made since then will be gone from the "
                    "roster; the roster as it is now is saved first.")
            .replace("%1", f"{chosen.taken_at:%Y-%m-%d %H:%M}").replace("%2", str(chosen.persons)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._restore(chosen, other_roster=False)

    def _restore(self, chosen: BackupInfo, *, other_roster: bool) -> None:
        db, operator, folder = self.host.db, self.host.operator, backup_folder(self.host)
        assert db is not None
        auto, self.auto = self.auto, None  # no automatic backup of the roster being replaced

        def restored(result: backups.RestoreResult) -> None:
            self.use_database(result.database)
            QMessageBox.information(self.window, self.tr("Restored"),
                                    self.tr("The roster is back to %1. The roster as it was is saved as %2.")
                                    .replace("%1", f"{chosen.taken_at:%Y-%m-%d %H:%M}")
                                    .replace("%2", result.safety_copy.path.name))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, backups.AnotherRostersBackup) and not other_roster:
                answer = QMessageBox.warning(
                    self.window, self.tr("Restore from backup"),
                    self.tr("%1 is a backup of another roster, not of this one. Replace this roster by that "
                            "other roster? This roster is saved first.").replace("%1", chosen.path.name),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
                if answer == QMessageBox.StandardButton.Yes and self.host.db is db:
                    self.auto = auto
                    self._restore(chosen, other_roster=True)
                    return
            self._carry_on(db, auto, exc)

        self.swap_file(self.tr("Restoring the backup"), lambda: backups.restore_backup(
            db, chosen.path, operator=operator, safety_folder=folder, other_roster=other_roster), restored, failed)

    def swap_file(self, title: str, work: Callable[[], T], done: Callable[[T], None],
                  failed: Callable[[BaseException], None]) -> PendingOperation:
        """Run `work()` (it closes the roster and swaps its file) on the writer's worker once no colleague holds
        the write lock and the window's reads of the roster still running have ended (those not started are
        dropped untold: the pages read the new roster once `done` replaced it); `done(result)` or
        `failed(error)` on the GUI thread. While a colleague holds the lock the waiting window names them, and
        Cancel (or another roster opened) gives the work up before it starts (the pages then read again)."""
        workspace = self.host.workspace
        assert workspace is not None
        db, relay = workspace.db, the_relay()
        numbered, reads_dropped = threading.Event(), threading.Event()
        number: list[int] = []

        def operation(progress: Progress) -> T:
            numbered.wait()

            def cancelled() -> bool:
                if workspace.db is not db:
                    raise Cancelled()  # another roster was opened meanwhile: nothing was changed
                return not progress(0, 0)

            # The relay outlives every window: its signal is the runner's own way to name the lock's holder.
            workspace.wait_for_writer(cancelled, lambda holder: relay.waiting.emit(number[0], holder))
            # The window's reads of this roster still running end first, and those not started are dropped
            # untold (on the old handle they would read the file half rewritten or encrypted: "damaged").
            reads_dropped.set()
            with roster_swaps().swapping(db, cancelled):
                return work()

        # Held like one of the window's writes: a colleague's change arriving meanwhile reloads no page, whose
        # reads would open the file again while it is being swapped (news is handed on once this ends).
        finished = self.host.hub.write_started(None)

        def succeeded(result: T) -> None:
            self.busy = None
            finished(None)
            done(result)

        def refused(exc: BaseException) -> None:
            self.busy = None
            finished(None)
            if isinstance(exc, Cancelled) and reads_dropped.is_set() and self.host.db is db:
                self.host.hub.announce()  # the roster stays: the pages read again what was dropped meanwhile
            failed(exc)

        self.busy = run_in_background(self.window, title, operation, succeeded, refused)
        number.append(self.busy.number)
        numbered.set()
        return self.busy

    def _carry_on(self, db: Database, auto: backups.AutoBackup | None, exc: BaseException) -> None:
        """After a restore or an encryption that did not happen: the roster as it was, the error told."""
        if isinstance(exc, Cancelled):  # given up before the file was touched: the roster is still open
            self.auto = auto
            self.host.statusBar().showMessage(translated(exc), 15_000)
            return
        if self.host.db is db:
            self.use_database(db.reopen())  # the file may have been closed before the error
        if not isinstance(exc, RosterError):
            raise exc  # a bug: the crash dialog, with its traceback
        if not isinstance(exc, backups.AnotherRostersBackup):  # that one was answered already
            show_error(self.window, exc)

    @Slot()
    def verify_audit(self) -> None:
        """Check the audit trail's chain off the GUI thread (every entry of a large roster is hashed again)."""
        db = self.host.db
        self.reads.run(lambda: audit.verify_chain(db), self._tell_audit_check)

    def _tell_audit_check(self, report: audit.ChainReport) -> None:
        if report.intact:
            QMessageBox.information(self.window, self.tr("Audit trail"),
                                    self.tr("The audit trail is intact: %1 entries, each one chained to the one "
                                            "before.").replace("%1", str(report.entries)))
        else:
            QMessageBox.warning(self.window, self.tr("Audit trail"),
                                self.tr("The audit trail does not fit together: %1. Entries before it are "
                                        "intact. Keep this file and tell your security officer.")
                                .replace("%1", report.problem))

    @Slot()
    def backup_settings(self) -> None:
        if BackupSettingsDialog(self.host.preferences, self.window).exec():
            self.lock.set_minutes(int_preference(self.host.preferences, KEY_LOCK, DEFAULT_LOCK_MINUTES))
            self.start_auto_backups()

    # --- encryption ---------------------------------------------------------------------------

    @Slot()
    def encrypt_or_rekey(self) -> None:
        db = self.host.db
        path = db.target.path
        if path is None:
            return
        old: str | None = None
        if db.encrypted:
            ask_old = PassphraseDialog(self.window, self.tr("Change passphrase"), self.tr("The current passphrase:"))
            if not ask_old.exec():
                return
            old = ask_old.passphrase
            if not old or not db.passphrase_matches(old):
                show_error(self.window, WrongPassphrase(self.tr("Wrong passphrase; nothing was changed.")))
                return
        ask_new = PassphraseDialog(self.window, self.tr("Encrypt roster") if old is None else
                                   self.tr("Change passphrase"),
                                   self.tr("Choose the new passphrase. Backups taken before keep the passphrase "
                                           "they were written with."), choose=True)
        if not ask_new.exec() or not ask_new.passphrase:
            return
        self._rewrite(db, path, old, ask_new.passphrase)

    def _rewrite(self, db: Database, path: Path, old: str | None, new: str) -> None:
        """Encrypt the roster's file under `new` (or re-key it from `old`) off the GUI thread."""
        operator, folders = self.host.operator, [backup_folder(self.host)]
        account = self.host.workspace.account if self.host.workspace is not None else None
        auto, self.auto = self.auto, None
        backup_failed: list[RosterError] = []

        def rewrite() -> tuple[Database, list[Path]]:
            if auto is not None:  # the last plain backup first, as when the roster is closed
                try:
                    auto.run("at close")
                except RosterError as exc:
                    backup_failed.append(exc)
            db.close()
            copies: list[Path] = []
            if old is None:
                copies = backups.encrypt_roster(path, new, operator=operator, account=account,
                                                folders=folders).plain_copies
            else:
                backups.change_roster_passphrase(path, old, new, operator=operator, account=account)
            return open_database(path, passphrase=new, holder=operator), copies

        def rewritten(result: tuple[Database, list[Path]]) -> None:
            database, copies = result
            self.use_database(database)
            self.host.statusBar().showMessage(self.tr("The roster file is encrypted."), 15_000)
            for exc in backup_failed:
                self._auto_failed(exc)
            if copies:
                self.protect_plain_copies(path, copies, new)

        self.swap_file(self.tr("Encrypting the roster") if old is None else self.tr("Changing the passphrase"),
                       rewrite, rewritten, lambda exc: self._carry_on(db, auto, exc))

    def protect_plain_copies(self, path: Path, copies: list[Path], passphrase: str) -> None:
        """List the plain copies an encryption left and encrypt or remove them, as the officer chooses."""
        dialog = PlainCopiesDialog(copies, self.window)
        if not dialog.exec() or dialog.keep.isChecked():
            return
        remove = dialog.remove.isChecked()
        try:
            workspace = self.host.workspace
            done = backups.protect_plain_copies(path, copies, remove=remove, passphrase=passphrase,
                                                operator=self.host.operator,
                                                account=workspace.account if workspace is not None else None)
        except RosterError as exc:
            show_error(self.window, exc)
            return
        message = (self.tr("%1 plain copies removed.") if remove else self.tr("%1 plain copies encrypted."))
        self.host.statusBar().showMessage(message.replace("%1", str(len(done))), 15_000)

    # --- retention ----------------------------------------------------------------------------

    @Slot()
    def retention(self) -> None:
        dialog = RetentionDialog(self.window)
        if not dialog.exec():
            return
        db, states, days = self.host.db, dialog.states(), dialog.days.value()
        # Planned off the GUI thread (every person's last change is read); told, then confirmed, once it comes.
        self.reads.run(lambda: retention.plan_retention(db, states, days),
                       lambda plan: self._confirm_retention(dialog, plan))

    def _confirm_retention(self, dialog: RetentionDialog, plan: retention.RetentionPlan) -> None:
        mode = retention.RetentionMode.DELETE if dialog.delete.isChecked() else retention.RetentionMode.ANONYMISE
        verb = self.tr("deleted") if mode is retention.RetentionMode.DELETE else self.tr("anonymised")
        if plan.count == 0:
            QMessageBox.information(self.window, self.tr("Retention"), self.tr("No person matches."))
            return
        first = QMessageBox.question(self.window, self.tr("Retention"), self.tr(
            "%1 persons will be %2 after the whole roster is archived, encrypted, to %3. This cannot be undone in "
            "the roster. Go on?").replace("%1", str(plan.count)).replace("%2", verb)
            .replace("%3", dialog.archive.text()))
        if first != QMessageBox.StandardButton.Yes:
            return
        typed, ok = QInputDialog.getText(self.window, self.tr("Retention: confirm"), self.tr(
            "To confirm, type the number of persons to be %1:").replace("%1", verb))
        if not ok or typed.strip() != str(plan.count):
            QMessageBox.information(self.window, self.tr("Retention"), self.tr("Nothing was changed."))
            return
        try:
            db, operator, archive, secret = (self.host.db, self.host.operator, Path(dialog.archive.text()),
                                             dialog.passphrase.text())
            # Through the runner: a colleague's write is waited for with the window answering and naming them.
            result = write_and_wait(self.window, self.tr("Applying the retention"), lambda: retention.apply_retention(
                db, plan, mode=mode, archive=archive, archive_passphrase=secret, confirm_count=int(typed),
                operator=operator), hub=self.host.hub)
        except RosterError as exc:
            show_error(self.window, exc)
            return
        self.host.data_changed()  # every page shows the roster after retention
        QMessageBox.information(self.window, self.tr("Retention"), self.tr("%1 persons %2. The encrypted archive is "
                                "%3.").replace("%1", str(result.persons)).replace("%2", verb)
                                .replace("%3", str(result.archive.path)))


def install(host: WindowHost) -> None:
    host.add_feature(Protection(host))


def _without_backup_box(parent: QWidget, title: str, text: str, go_on: str, name: str,
                        go_on_name: str) -> tuple[QMessageBox, QAbstractButton]:
    """The window-modal question after a last backup that could not be written: `go_on` (close or open anyway)
    or Cancel, the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    button = box.addButton(go_on, QMessageBox.ButtonRole.AcceptRole)
    button.setObjectName(go_on_name)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box, button
