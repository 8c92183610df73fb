"""Locking the window after an idle time: the roster is hidden until its passphrase is typed again.

`IdleLock` watches the application's keyboard and mouse input; after `minutes` without any, it
hides every other window of the application and covers the main window with `LockScreen`. Only
an encrypted roster locks (a plain one has no passphrase to ask for).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}
DEFAULT_LOCK_MINUTES = 10


class LockScreen(QWidget):
    """An opaque cover over the whole window with a passphrase field."""

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockScreen { background: #263238; } QLabel { color: white; font-size: 15px; }")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(self.tr("The roster is locked"), self)
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        layout.addWidget(title, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(QLabel(self.tr("Type the roster's passphrase to go on."), self),
                         alignment=Qt.AlignmentFlag.AlignHCenter)
        self.edit = QLineEdit(self, objectName="unlockEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setFixedWidth(320)
        self.edit.returnPressed.connect(self._submit)
        layout.addWidget(self.edit, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.button = QPushButton(self.tr("Unlock"), self, objectName="unlockButton")
        self.button.clicked.connect(self._submit)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.problem = QLabel("", self, objectName="unlockProblem")
        self.problem.setStyleSheet("color: #ffab91;")
        layout.addWidget(self.problem, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    @Slot()
    def _submit(self) -> None:
        self.unlock_requested.emit(self.edit.text())
        self.edit.clear()


class IdleLock(QObject):
    """Locks `window` after `minutes` without input, if its roster is encrypted."""

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, minutes: int = DEFAULT_LOCK_MINUTES) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.lock)
        self.screen: LockScreen | None = None
        self._hidden: list[QWidget] = []
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, minutes)
        self._restart()

    @property
    def locked(self) -> bool:
        return self.screen is not None

    def _restart(self) -> None:
        if self.minutes > 0 and not self.locked and getattr(self.window, "db", None) is not None \
                and self.window.db.encrypted:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and not self.locked:
            self._restart()
        return False

    @Slot()
    def lock(self) -> None:
        if self.locked or not self.window.db.encrypted:
            return
        self._hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not self.window]
        for widget in self._hidden:
            widget.hide()
        self.window.menuBar().setEnabled(False)
        self.window.centralWidget().hide()
        self.screen = LockScreen(self.window)
        self.screen.setGeometry(self.window.rect())
        self.screen.unlock_requested.connect(self._try_unlock)
        self.screen.show()
        self.screen.raise_()
        self.screen.edit.setFocus()
        log.info("window locked after idle time")
        self.locked_changed.emit(True)

    @Slot(str)
    def _try_unlock(self, passphrase: str) -> None:
        if self.screen is None:
            return
        if not self.window.db.passphrase_matches(passphrase):
            self.screen.problem.setText(self.tr("Wrong passphrase."))
            log.info("unlock refused")
            return
        self.screen.hide()
        self.screen.deleteLater()
        self.screen = None
        self.window.centralWidget().show()
        self.window.menuBar().setEnabled(True)
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self._restart()
        log.info("window unlocked")
        self.locked_changed.emit(False)

    def resize_cover(self) -> None:
        if self.screen is not None:
            self.screen.setGeometry(self.window.rect())
