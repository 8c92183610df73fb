"""Tools > Move roster to a shared server…: the open roster file copied onto an empty PostgreSQL database.

    dialog = MoveToServerDialog(db, operator, preferences, open_roster=host.switch_database, parent=window)
    dialog.exec()

The officer types the server's address, may test the connection (the server's version, and whether
the database is empty), and presses Move: the copy runs on the writer's worker through
`ui.operations.run_in_background` with progress and Cancel (a cancelled copy leaves the server
database empty). Once it is checked, the window asks "Open the server roster now?"; the server
roster can also become this workstation's default roster. The file itself is never changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import Cancelled, RosterError
from desktop_app.services import move_to_server
from desktop_app.services.workspace import Roster
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.operations import Progress, run_in_background, run_read
from desktop_app.ui.preferences import Preferences


class MoveToServerDialog(QDialog):
    def __init__(self, db: Roster, operator: str, preferences: Preferences, *,
                 open_roster: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moveToServerDialog")
        self.setWindowTitle(self.tr("Move roster to a shared server"))
        self.db, self._operator, self._preferences, self._open_roster = db, operator, preferences, open_roster
        self.moved_to: str | None = None  # the server's address once the roster is there
        self.question: QMessageBox | None = None

        intro = QLabel(self.tr(
            "Copies this roster, with every record, its history and the audit trail, into an empty PostgreSQL "
            "database that every workstation of the mission can share. The roster file stays as it is: keep it "
            "as the last copy from before the move, and ask colleagues to stop working on it."), wordWrap=True)
        self.address = QLineEdit(self)
        self.address.setObjectName("serverAddress")
        self.address.setPlaceholderText("postgresql://officer@db.mission.local/roster")
        self.address.setMinimumWidth(420)
        self.address.textChanged.connect(self._address_changed)
        password_note = QLabel(self.tr(
            "Write no password in the address: it is read from the PostgreSQL password file (pgpass.conf, "
            "~/.pgpass or PGPASSFILE) or PGPASSWORD, as every PostgreSQL program does."), wordWrap=True)
        password_note.setObjectName("passwordNote")
        self.test_button = QPushButton(self.tr("&Test connection"), self)
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.status = QLabel(self, wordWrap=True)
        self.status.setObjectName("moveStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.make_default = QCheckBox(self.tr("Make the server roster this workstation's default roster"), self)
        self.make_default.setObjectName("makeServerDefault")

        form = QFormLayout()
        form.addRow(self.tr("Server &address:"), self.address)
        form.addRow("", password_note)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        form.addRow("", test_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.move_button = self.buttons.addButton(self.tr("&Move the roster"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.move_button.setObjectName("moveRoster")
        self.move_button.clicked.connect(self.start_move)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.make_default)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._address_changed("")

    @Slot(str)
    def _address_changed(self, text: str) -> None:
        filled = bool(text.strip())
        self.test_button.setEnabled(filled)
        self.move_button.setEnabled(filled and self.moved_to is None)

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.status.setText(("⚠ " if problem else "") + text)

    def _failed(self, exc: BaseException) -> None:
        self.address.setEnabled(True)
        self._address_changed(self.address.text())
        if isinstance(exc, Cancelled):
            self._say(self.tr("Cancelled: the server database was left empty and the roster file was not changed."))
        elif isinstance(exc, RosterError):
            self._say(translated(exc), problem=True)
        else:
            show_error(self, exc)  # a bug: the crash dialog with its traceback

    @Slot()
    def test_connection(self) -> None:
        address = self.address.text().strip()
        self._say(self.tr("Connecting…"))
        run_read(self, lambda: move_to_server.probe_server(address), self._tested, self._failed)

    def _tested(self, probe: move_to_server.ServerProbe) -> None:
        if probe.ready:
            self._say(self.tr("Connected to PostgreSQL %1: the database is empty and ready for the roster.")
                      .replace("%1", probe.version))
        else:
            self._say(self.tr("Connected to PostgreSQL %1, but: %2").replace("%1", probe.version)
                      .replace("%2", probe.refusal or ""), problem=True)

    @Slot()
    def start_move(self) -> None:
        address = self.address.text().strip()
        db, operator = self.db, self._operator
        self.move_button.setEnabled(False)
        self.test_button.setEnabled(False)
        self.address.setEnabled(False)
        self._say(self.tr("Moving the roster… (the server database stays empty until everything is copied and "
                          "checked)"))

        def work(progress: Progress) -> move_to_server.MoveResult:
            return move_to_server.move_open_roster(db, address, operator=operator, progress=progress)

        run_in_background(self, self.tr("Moving the roster to the server"), work, self._moved, self._failed)

    def _moved(self, result: move_to_server.MoveResult) -> None:
        self.moved_to = move_to_server.server_url(self.address.text())
        self.address.setEnabled(True)
        self._address_changed(self.address.text())
        self._say(self.tr("Moved: %1 persons, %2 rows in %3 tables; the audit trail (%4 entries) verifies on the "
                          "server. The roster file was not changed.")
                  .replace("%1", str(result.persons)).replace("%2", str(result.rows))
                  .replace("%3", str(len(result.tables))).replace("%4", str(result.audit_entries)))
        if self.make_default.isChecked():
            self._preferences.default_database = self.moved_to
        self.question = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(),
                                    self.tr("The roster is on the server. Open the server roster now?"),
                                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        self.question.setObjectName("openServerRoster")
        self.question.finished.connect(self._answered)
        self.question.open()

    @Slot(int)
    def _answered(self, _result: int) -> None:
        question = self.question
        yes = question is not None and question.clickedButton() is question.button(QMessageBox.StandardButton.Yes)
        if yes and self.moved_to is not None:
            self.accept()
            self._open_roster(self.moved_to)
