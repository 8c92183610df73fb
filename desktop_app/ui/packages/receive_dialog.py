"""Exchange > Receive a roster package…: preview, the sender's fingerprint, conflicts side by side, apply, resolve.

    dialog = ReceiveDialog(host.hub, host.workspace, parent)
    dialog.open_file(Path("from-cairo.mrpkg"))    # or the Choose… button
    dialog.preview()                              # a dry run: nothing changes
    dialog.apply()                                # backup, one transaction, undoable (package undo N)

A package from a site not added yet shows its key fingerprint; it is applied only once the
officer ticks that they confirmed it by phone. Conflicts (the same field changed at both
missions) are listed with both values; Keep ours / Take theirs settles the selected one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.person import FIELDS_BY_KEY
from desktop_app.services import packages
from desktop_app.services.changes import PERSONS
from desktop_app.services.workspace import Roster, Workspace
from desktop_app.ui import labels
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import show_error
from desktop_app.ui.operations import run_in_background, write_and_wait
from desktop_app.ui.records_model import RecordsModel


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _english_label(key: str) -> str:
    spec = FIELDS_BY_KEY.get(key)
    return spec.label if spec is not None else key


class ReceiveDialog(QDialog):
    applied = Signal()

    def __init__(self, hub: Any, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receivePackageDialog")
        self.setWindowTitle(self.tr("Receive a roster package"))
        self._hub, self.workspace = hub, workspace
        db = workspace.db
        self.path: Path | None = None
        self.last: packages.ImportResult | None = None
        self.file_label = QLabel(self.tr("No package chosen"), objectName="packageFile")
        choose = QPushButton(self.tr("Choose…"), objectName="choosePackage")
        choose.clicked.connect(self._choose)
        self.passphrase = QLineEdit(objectName="receivePassphrase", echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("only for a package made with a passphrase"))
        self.sender_label = QLabel(objectName="packageSender", wordWrap=True)
        self.confirmed = QCheckBox(self.tr("I confirmed this fingerprint with the sender by phone"),
                                   objectName="fingerprintConfirmed", visible=False)
        self.summary = QLabel(objectName="packageSummary", wordWrap=True)
        self.model: RecordsModel[packages.ConflictView] = RecordsModel([
            (self.tr("Person"), lambda c: c.person),
            (self.tr("Field"), lambda c: labels.field_label(c.field, _english_label(c.field))),
            (self.tr("Ours"), lambda c: _shown(c.ours)),
            (self.tr("Theirs"), lambda c: _shown(c.theirs)),
            (self.tr("From"), lambda c: c.sender),
        ], parent=self)
        self.conflicts = LinesTable(objectName="packageConflicts")
        self.conflicts.setModel(self.model)
        self.conflicts.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.conflicts.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.conflicts.verticalHeader().hide()
        self.conflicts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview_button = QPushButton(self.tr("Preview"), objectName="previewPackage", enabled=False)
        self.apply_button = QPushButton(self.tr("Apply"), objectName="applyPackage", enabled=False)
        self.ours_button = QPushButton(self.tr("Keep ours"), objectName="keepOurs", enabled=False)
        self.theirs_button = QPushButton(self.tr("Take theirs"), objectName="takeTheirs", enabled=False)
        self.undo_button = QPushButton(self.tr("Undo this import"), objectName="undoPackage", enabled=False)
        self.undo_button.clicked.connect(self.undo)
        close = QPushButton(self.tr("Close"), objectName="closeReceive")
        self.preview_button.clicked.connect(self.preview)
        self.apply_button.clicked.connect(self.apply)
        self.ours_button.clicked.connect(lambda: self.resolve("ours"))
        self.theirs_button.clicked.connect(lambda: self.resolve("theirs"))
        close.clicked.connect(self.accept)
        self.conflicts.selectionModel().selectionChanged.connect(self._selection_changed)

        form = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose)
        form.addRow(self.tr("Package:"), file_row)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.apply_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.ours_button, self.theirs_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sender_label)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Conflicts: the same field changed at both missions")))
        layout.addWidget(self.conflicts, 1)
        layout.addLayout(buttons)
        self.resize(860, 560)
        self.model.set_records(packages.list_conflicts(db))

    # The roster open now and its operator (the window closes this dialog when another roster opens).
    @property
    def _db(self) -> Roster:
        return self.workspace.db

    @property
    def _operator(self) -> str:
        return self.workspace.operator

    @Slot()
    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open a roster package"), "",
                                              self.tr("Roster packages (*.mrpkg)"))
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        self.preview_button.setEnabled(True)
        self.apply_button.setEnabled(False)
        self.summary.clear()
        self.sender_label.clear()

    def _passphrase(self) -> str | None:
        return self.passphrase.text() or None

    @Slot()
    def preview(self) -> None:
        path, passphrase = self.path, self._passphrase()
        if path is None:
            return

        def work(_progress: Any) -> tuple[packages.Peek, packages.ImportResult]:
            peek = packages.peek_package(self._db, path, passphrase=passphrase)
            return peek, packages.import_package(self._db, path, operator=self._operator, passphrase=passphrase,
                                                 dry_run=True, trust_sender=True)

        run_in_background(self, self.tr("Reading the package"), work, self._previewed, self._failed)

    def _previewed(self, found: tuple[packages.Peek, packages.ImportResult]) -> None:
        peek, result = found
        if peek.known:
            self.sender_label.setText(self.tr("From {site} (package {number}), key fingerprint {fingerprint}.").format(
                site=peek.sender, number=result.number, fingerprint=peek.fingerprint))
        else:
            self.sender_label.setText(self.tr("{site} is not a known site. Read this key fingerprint to them by phone "
                                        "before you apply: {fingerprint}").format(site=peek.sender,
                                                                                 fingerprint=peek.fingerprint))
        self.confirmed.setVisible(not peek.known)
        self.confirmed.setChecked(False)
        self._show(result, self.tr("Preview (nothing changed yet)"))
        self.model.set_records(result.conflicts)
        self.apply_button.setEnabled(True)

    def _show(self, result: packages.ImportResult, title: str) -> None:
        lines = [title + ":", self.tr("{created} new, {updated} updated, {unchanged} unchanged persons; {conflicts} "
                                      "conflicts; {duplicates} possible duplicates").format(
            created=result.created, updated=result.updated, unchanged=result.unchanged,
            conflicts=len(result.conflicts), duplicates=len(result.duplicates))]
        if result.missing:
            lines.append(self.tr("Packages {numbers} from {site} never arrived here.").format(
                numbers=", ".join(map(str, result.missing)), site=result.sender))
        for pair in result.duplicates[:10]:
            lines.append(self.tr("Possibly the same person: {new} and {existing}").format(**pair))
        self.summary.setText("\n".join(lines))

    @Slot()
    def apply(self) -> None:
        path, passphrase = self.path, self._passphrase()
        if path is None:
            return
        if self.confirmed.isVisible() and not self.confirmed.isChecked():
            self.summary.setText(self.tr("Confirm the sender's fingerprint by phone first."))
            return
        trust = self.confirmed.isVisible()

        def work(_progress: Any) -> packages.ImportResult:
            return packages.import_package(self._db, path, operator=self._operator, passphrase=passphrase,
                                           trust_sender=trust)

        run_in_background(self, self.tr("Applying the package"), work, self._applied, self._failed,
                          hub=self._hub)

    def _applied(self, result: packages.ImportResult) -> None:
        self.last = result
        self._show(result, self.tr("Applied as import #{number}").format(number=result.operation_id))
        self.apply_button.setEnabled(False)
        self.undo_button.setEnabled(True)
        self.preview_button.setEnabled(False)
        self.confirmed.setVisible(False)
        self.model.set_records(packages.list_conflicts(self._db))
        self.applied.emit()

    @Slot()
    def undo(self) -> None:
        if self.last is None or self.last.operation_id is None:
            return
        number = self.last.operation_id

        def work(_progress: Any) -> int:
            return packages.undo_package_import(self._db, number, operator=self._operator)

        run_in_background(self, self.tr("Undoing the package import"), work, self._undone, self._failed,
                          hub=self._hub)

    def _undone(self, count: int) -> None:
        self.summary.setText(self.tr("Import #{number} undone: {count} records put back.").format(
            number=self.last.operation_id if self.last else "", count=count))
        self.undo_button.setEnabled(False)
        self.preview_button.setEnabled(True)
        self.model.set_records(packages.list_conflicts(self._db))
        self.applied.emit()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, RosterError):
            self.summary.setText(str(exc))
        show_error(self, exc)

    @Slot()
    def _selection_changed(self) -> None:
        chosen = bool(self.conflicts.selectionModel().selectedRows())
        self.ours_button.setEnabled(chosen)
        self.theirs_button.setEnabled(chosen)

    def resolve(self, choice: str) -> None:
        rows = self.conflicts.selectionModel().selectedRows()
        if not rows:
            return
        conflict = self.model.record(rows[0].row())
        db, operator = self._db, self._operator
        try:  # through the runner: a colleague's write is waited for with the window answering
            write_and_wait(self, self.tr("Settling the conflict"), lambda: packages.resolve_conflict(
                db, conflict.person, conflict.field, choice, operator=operator), kinds=frozenset({PERSONS}),
                hub=self._hub)
        except RosterError as exc:
            show_error(self, exc)
            return
        self.model.set_records(packages.list_conflicts(self._db))
        self.applied.emit()
