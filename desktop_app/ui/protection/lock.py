"""Locking the window after an idle time: the roster is hidden until its passphrase is typed again.

`IdleLock` watches the application's keyboard and mouse input; after `minutes` without any, it
covers every window of the application (the main window and any dialog open over it) with an
opaque `LockScreen` and disables what is under the cover. Only an encrypted roster locks (a plain
one has no passphrase to ask for).

Windows are covered, never hidden: hiding a dialog ends its `exec()` as if Cancel had been
pressed, so what the officer had typed was thrown away and OK after unlocking saved nothing.
Under a cover a dialog keeps its content and its event loop; after unlocking, OK saves. The
passphrase is asked for on the cover of the window that takes input: the topmost modal dialog,
else the main window. A window shown while locked (a message at the end of a background task)
is covered as it appears. On a roster with accounts (issue 20) the cover asks for an account and
its PIN instead, and whoever signs in works on (switch user); a plain roster then locks too. Usage:

    lock = IdleLock(main_window, minutes=10)   # lock.lock() locks at once; lock.locked
    lock.accounts = SwitchUser(names, sign_in)  # ui.accounts: names() to offer, sign_in(name, pin) -> problem
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}
_WHILE_LOCKED = {QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Resize, QEvent.Type.Close}
# Input that must not reach anything under a cover. Disabling the covered widgets instead would
# disable the dialogs parented to them, and their covers with them.
_BLOCKED = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut,
            QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
            QEvent.Type.Wheel, QEvent.Type.ContextMenu, QEvent.Type.InputMethod, QEvent.Type.DragEnter,
            QEvent.Type.Drop}
DEFAULT_LOCK_MINUTES = 10
WAITING_FOR_LOCK = "waitingForLock"  # the object name of the runner's window naming the lock's holder
COVER_COLOUR = "#263238"


@dataclass(frozen=True)
class SwitchUser:
    """How a roster with accounts is unlocked: the accounts to offer, and a sign-in that returns the
    problem to show (None when the account signed in)."""

    names: Callable[[], list[str]]
    sign_in: Callable[[str, str], str | None]


class LockScreen(QWidget):
    """An opaque cover over a whole window; the passphrase field shows on the one taking input."""

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        # Opaque whatever the style: a style sheet background needs WA_StyledBackground on a plain QWidget.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(COVER_COLOUR))
        self.setPalette(palette)
        self.setStyleSheet(f"#lockScreen {{ background: {COVER_COLOUR}; }} QLabel {{ color: white; font-size: 15px; }}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(self.tr("The roster is locked"), self)
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        layout.addWidget(title, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.hint = QLabel(self.tr("Type the roster's passphrase to go on."), self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.user = QComboBox(self)
        self.user.setObjectName("unlockUser")
        self.user.setMinimumWidth(200)
        self.user.hide()
        layout.addWidget(self.user, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.edit = QLineEdit(self, objectName="unlockEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMinimumWidth(200)
        self.edit.setMaximumWidth(320)
        self.edit.returnPressed.connect(self._submit)
        layout.addWidget(self.edit, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.button = QPushButton(self.tr("Unlock"), self, objectName="unlockButton")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self._submit)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.problem = QLabel("", self, objectName="unlockProblem")
        self.problem.setStyleSheet("color: #ffab91;")
        layout.addWidget(self.problem, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def set_asks(self, asks: bool) -> None:
        """Show the passphrase field (on the window that takes input) or only the title."""
        for widget in (self.hint, self.edit, self.button, self.problem):
            widget.setVisible(asks)
        self.user.setVisible(asks and self.user.count() > 0)
        (self.edit if asks else self).setFocus()

    def ask_for_account(self, names: list[str]) -> None:
        """Ask for an account and its PIN (a roster with accounts) instead of the passphrase."""
        self.user.clear()
        self.user.addItems(names)
        self.hint.setText(self.tr("Sign in to go on: your account and your PIN."))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Taken here, Return and Escape never reach the dialog underneath (its OK or Cancel).
        event.accept()

    @Slot()
    def _submit(self) -> None:
        edit = self.edit
        self.unlock_requested.emit(edit.text())
        if shiboken6.isValid(edit):  # an unlock deletes the cover, and a sign-in's wait may delete its window
            edit.clear()


class _Cover:
    """What locking did to one window, to undo it exactly."""

    def __init__(self, window: QWidget, on_unlock: Callable[[str], None]) -> None:
        self.window = window
        self.focus = window.focusWidget()
        self.size = window.size()
        self.screen = LockScreen(window)
        self.screen.unlock_requested.connect(on_unlock)
        needed = self.screen.minimumSizeHint().expandedTo(QSize(260, 200))
        if window.width() < needed.width() or window.height() < needed.height():
            window.resize(window.size().expandedTo(needed))
        self.fit()
        self.screen.show()

    def fit(self) -> None:
        self.screen.setGeometry(self.window.rect())
        self.screen.raise_()

    def remove(self) -> None:
        self.screen.hide()
        self.screen.deleteLater()
        if self.window.size() != self.size and not isinstance(self.window, QMainWindow):
            self.window.resize(self.size)
        if self.focus is not None:
            self.focus.setFocus()


class IdleLock(QObject):
    """Locks `window` (and every dialog open over it) after `minutes` without input, if its roster is encrypted."""

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, minutes: int = DEFAULT_LOCK_MINUTES) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.lock)
        self.covers: dict[QWidget, _Cover] = {}
        self.accounts: SwitchUser | None = None  # set on a roster with accounts (ui.accounts)
        # While a PIN typed here is checked, the window saying which colleague holds the roster's write lock
        # is left uncovered and takes input: its Cancel is the officer's only way to give the sign-in up.
        self._checking = False
        self.answering: set[QWidget] = set()
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, minutes)
        self._restart()

    @property
    def locked(self) -> bool:
        return bool(self.covers)

    @property
    def screen(self) -> LockScreen | None:
        """The main window's cover while locked."""
        cover = self.covers.get(self.window)
        return cover.screen if cover is not None else None

    @property
    def asking_screen(self) -> LockScreen | None:
        """The cover that shows the passphrase field (on the window that takes input)."""
        cover = self.covers.get(self._input_window())
        return cover.screen if cover is not None else None

    def _restart(self) -> None:
        if self.minutes > 0 and not self.locked and getattr(self.window, "db", None) is not None \
                and (self.window.db.encrypted or self.accounts is not None):
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self.covers:
            if kind in INPUT_EVENTS:
                self._restart()
            return False
        if kind in _BLOCKED:
            return not (self._on_a_cover(watched) or self._answering(watched))
        if kind not in _WHILE_LOCKED or not isinstance(watched, QWidget) or not watched.isWindow():
            return False
        if kind == QEvent.Type.Close and watched in self.covers and watched is not self.window \
                and not self._accepted(watched):
            event.ignore()  # closing a dialog under the cover would throw its content away
            return True
        if kind == QEvent.Type.Show and self._checking and watched.objectName() == WAITING_FOR_LOCK:
            self.answering.add(watched)
        elif kind == QEvent.Type.Hide and watched in self.answering:
            self.answering.discard(watched)
        elif kind == QEvent.Type.Show and watched not in self.covers and self._coverable(watched) \
                and watched not in self.answering:
            self.covers[watched] = self._cover(watched)
            self._ask_on_input_window()
        elif kind == QEvent.Type.Hide and watched in self.covers and watched is not self.window:
            self.covers.pop(watched).remove()
            self._ask_on_input_window()
        elif kind == QEvent.Type.Resize and watched in self.covers:
            self.covers[watched].fit()
        return False

    @staticmethod
    def _on_a_cover(target: QObject) -> bool:
        while target is not None:
            if isinstance(target, LockScreen):
                return True
            target = target.parent()
        return False

    @staticmethod
    def _accepted(window: QWidget) -> bool:
        """A dialog closing as its own work is done (a sign-in whose PIN was checked under the cover): it throws
        nothing away, and kept open it could not close until its OK was pressed again."""
        return isinstance(window, QDialog) and window.result() == QDialog.DialogCode.Accepted

    def _answering(self, target: QObject) -> bool:
        while target is not None:
            if target in self.answering:
                return True
            target = target.parent()
        return False

    @staticmethod
    def _coverable(widget: QWidget) -> bool:
        kind = widget.windowType()
        return kind not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen) \
            and not isinstance(widget, LockScreen)

    def _input_window(self) -> QWidget:
        modal = QApplication.activeModalWidget()
        return modal if modal is not None and modal in self.covers else self.window

    def _ask_on_input_window(self) -> None:
        asking = self._input_window()
        for window, cover in self.covers.items():
            cover.screen.set_asks(window is asking)

    def _cover(self, window: QWidget) -> _Cover:
        cover = _Cover(window, self._try_unlock)
        # A covered window deleted under the cover (the runner's window naming a colleague, a message closed by its
        # own code) takes its cover's screen with it: the cover goes too, or the unlock would fail on it.
        cover.screen.destroyed.connect(lambda _gone=None, covered=window: self._forget(covered, cover))
        if self.accounts is not None:
            cover.screen.ask_for_account(self.accounts.names())
        return cover

    def _forget(self, window: QWidget, cover: _Cover) -> None:
        if self.covers.get(window) is cover:
            del self.covers[window]

    @Slot()
    def lock(self) -> None:
        if self.locked or not (self.window.db.encrypted or self.accounts is not None):
            return
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()  # an open menu or drop-down list would stay above the cover
        windows = [self.window, *(w for w in QApplication.topLevelWidgets()
                                  if w.isVisible() and w is not self.window and self._coverable(w))]
        for widget in windows:
            self.covers[widget] = self._cover(widget)
        self.window.centralWidget().hide()
        self.window.menuBar().setEnabled(False)  # no dialog is parented to it, so none is disabled with it
        self._ask_on_input_window()
        log.info("window locked after idle time (%d windows covered)", len(windows))
        self.locked_changed.emit(True)

    @Slot(str)
    def _try_unlock(self, passphrase: str) -> None:
        if not self.covers:
            return
        asking = self.asking_screen
        if self.accounts is not None and asking is not None:
            if self._checking:  # Enter again while the PIN is checked: the first check answers
                return
            self._checking = True
            self._answer_waiting_windows()
            try:
                problem = self.accounts.sign_in(asking.user.currentText(), passphrase)
            finally:
                self._checking = False
                answered, self.answering = self.answering, set()
                for window in answered:  # still there (a backup still waiting) and still locked: covered again
                    if self.covers and shiboken6.isValid(window) and window.isVisible() and window not in self.covers:
                        self.covers[window] = self._cover(window)
            if problem is not None:
                for cover in self.covers.values():
                    cover.screen.problem.setText(problem)
                log.info("unlock refused")
                return
        elif not self.window.db.passphrase_matches(passphrase):
            for cover in self.covers.values():
                cover.screen.problem.setText(self.tr("Wrong passphrase."))
            log.info("unlock refused")
            return
        self.window.centralWidget().show()
        self.window.menuBar().setEnabled(True)
        covers, self.covers = self.covers, {}
        for cover in covers.values():  # the main window first, the topmost dialog last (it keeps the focus)
            cover.remove()
        self._restart()
        log.info("window unlocked")
        self.locked_changed.emit(False)

    def _answer_waiting_windows(self) -> None:
        """While a PIN typed here is checked, the windows already naming a colleague who holds the write lock take
        input: the check waits behind their work (one writer: the backup of a roster File > Open leaves), and
        their Cancel is the officer's only way not to wait for the colleague."""
        for window in [w for w in self.covers if w.objectName() == WAITING_FOR_LOCK and w.isVisible()]:
            self.covers.pop(window).remove()
            self.answering.add(window)
        self._ask_on_input_window()

    def resize_cover(self) -> None:
        for cover in self.covers.values():
            cover.fit()
