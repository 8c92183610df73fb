"""The recovery key in the window: the sheet to print, and Tools > Make a recovery key….

The first-start assistant shows the key of a new roster (`ui.first_start.RecoveryPage`); a roster
encrypted later (Tools > Encrypt roster…), or one whose printed key was lost, gets a new key from
Tools > Make a recovery key…: its passphrase is asked first, then the key is shown once with
Print… and Save as PDF…. The key made before stops working.

    document = recovery_sheet_document(parent, roster_path, key, mission="Cairo", officer="A. Petrova")
    save_sheet_pdf(document, Path("key.pdf"))
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, Qt, Slot
from PySide6.QtGui import QAction, QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME
from desktop_app.domain.errors import RosterError
from desktop_app.ui.errors import show_error

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost

log = logging.getLogger(__name__)

MIN_NEW_PASSPHRASE = 8  # as storage.db.MIN_PASSPHRASE_LENGTH, which the roster enforces again


def recovery_sheet_document(parent: QObject, roster: Path, key: str, *, mission: str, officer: str) -> QTextDocument:
    """The sheet to print and keep in the safe, laid out by Qt."""
    from desktop_app.services.recovery import recovery_sheet

    document = QTextDocument(parent)
    document.setHtml(recovery_sheet(
        roster, key, mission=mission, officer=officer,
        title=QCoreApplication.translate("RecoveryKey", "%1: recovery key").replace("%1", APP_NAME),
        advice=QCoreApplication.translate(
            "RecoveryKey", "Keep this sheet in the mission's safe. With it, the roster can be opened and given a new "
            "passphrase when the passphrase is forgotten (Help > Manual: lost laptop, forgotten passphrase).")))
    return document


def save_sheet_pdf(document: QTextDocument, path: Path, *, roster: Path | None = None) -> None:
    """Write the sheet as an A4 PDF at `path` (a file the officer chose, replacing it was confirmed in the
    file dialog) through `output_files`: never over the roster or its files, whole or not at all, readable
    by this user only (the key opens the roster). OutputRefused / OutputError otherwise."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from desktop_app import output_files

    content = QByteArray()
    buffer = QBuffer(content)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    writer.setTitle(APP_NAME)
    document.print_(writer)
    del writer  # ends the PDF in the buffer
    buffer.close()
    output_files.write_bytes(path, content.data(), overwrite=True, roster=roster)


def key_font(base: QFont) -> QFont:
    """Large, bold and fixed-width: a key read aloud or copied by hand letter by letter."""
    font = QFont(base)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFamily("DejaVu Sans Mono")
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    return font


class RecoveryKeyView(QWidget):
    """The key, with Print… and Save as PDF…."""

    def __init__(self, parent: QWidget, roster: Path, key: str, *, mission: str = "", officer: str = "") -> None:
        super().__init__(parent)
        self.roster, self.mission, self.officer = roster, mission, officer
        self.key = QLabel(key, self, objectName="recoveryKeyText")
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setFont(key_font(self.key.font()))
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_button = QPushButton(self.tr("&Print…"), self, objectName="recoveryKeyPrint")
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"), self, objectName="recoveryKeyPdf")
        self.print_button.clicked.connect(self.print_sheet)
        self.pdf_button.clicked.connect(self._save_pdf)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.key)
        layout.addSpacing(8)
        layout.addLayout(buttons)

    def set_key(self, key: str, *, roster: Path, mission: str, officer: str) -> None:
        self.key.setText(key)
        self.roster, self.mission, self.officer = roster, mission, officer

    def retranslate(self) -> None:
        self.print_button.setText(self.tr("&Print…"))
        self.pdf_button.setText(self.tr("Save as P&DF…"))

    def document(self) -> QTextDocument:
        return recovery_sheet_document(self, self.roster, self.key.text(), mission=self.mission,
                                       officer=self.officer)

    def save_pdf(self, path: Path) -> None:
        save_sheet_pdf(self.document(), path, roster=self.roster if self.roster != Path() else None)

    @Slot()
    def _save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the recovery key"),
                                              str(Path.home() / "recovery-key.pdf"), self.tr("PDF (*.pdf)"))
        if path:
            try:
                self.save_pdf(Path(path))
            except RosterError as exc:
                show_error(self, exc)

    @Slot()
    def print_sheet(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.document().print_(printer)


class RecoveryKeyDialog(QDialog):
    """A new key shown once, to print or save as PDF."""

    def __init__(self, parent: QWidget, roster: Path, key: str, *, mission: str, officer: str) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(self.tr("Recovery key"))
        note = QLabel(self.tr("This key opens the roster and sets a new passphrase if the passphrase is forgotten; "
                              "the key made before no longer works. It is shown only now. Print it (or write it "
                              "down) and keep it in the mission's safe, not with the laptop."), self)
        note.setWordWrap(True)
        self.view = RecoveryKeyView(self, roster, key, mission=mission, officer=officer)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addSpacing(8)
        layout.addWidget(self.view)
        layout.addWidget(close)
        self.resize(640, self.sizeHint().height())


class RecoveryKeyAction(QObject):
    """Tools > Make a recovery key…, enabled on an encrypted roster file."""

    def __init__(self, host: WindowHost) -> None:
        super().__init__(host.window())
        self.host = host
        self.action = host.actions.add("recoveryKey", QAction(self.tr("Make a &recovery key…"), host.window()),
                                       menus=("Tools",))
        self.action.triggered.connect(self.make_key)
        host.hub.workspace_changed.connect(self._roster_replaced)
        self._roster_replaced(None)
        self.dialog: RecoveryKeyDialog | None = None

    @Slot(object)
    def _roster_replaced(self, _workspace: object) -> None:
        db = self.host.db
        self.action.setEnabled(db is not None and db.encrypted and db.target.path is not None)

    @Slot()
    def make_key(self) -> None:
        from desktop_app.services.recovery import WrongPassphrase, make_recovery_key
        from desktop_app.services.settings import load_mission
        from desktop_app.ui.protection.passphrase_dialog import PassphraseDialog

        db, window = self.host.db, self.host.window()
        if db is None or db.target.path is None:
            return
        path = db.target.path
        ask = PassphraseDialog(window, self.tr("Make a recovery key"),
                               self.tr("Type the roster's passphrase. The recovery key made before (if any) "
                                       "stops working."))
        ask.setObjectName("recoveryKeyPassphrase")
        while ask.exec():
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                workspace = self.host.workspace
                key = make_recovery_key(path, ask.passphrase or "", operator=self.host.operator,
                                        account=workspace.account if workspace is not None else None)
            except WrongPassphrase:
                ask.show_problem(self.tr("Wrong passphrase; no key was made."))
                continue
            except RosterError as exc:
                show_error(window, exc)
                return
            finally:
                QApplication.restoreOverrideCursor()
            self.dialog = RecoveryKeyDialog(window, path, key, mission=load_mission(db).mission_name,
                                            officer=self.host.operator)
            self.dialog.exec()
            self.dialog = None
            return


def install(host: WindowHost) -> None:
    """Tools > Make a recovery key…."""
    host.add_feature(RecoveryKeyAction(host))


class RecoverDialog(QDialog):
    """The passphrase is forgotten: the printed recovery key and a new passphrase, typed twice."""

    def __init__(self, parent: QWidget | None, roster: Path, operator: str) -> None:
        from PySide6.QtWidgets import QFormLayout, QLineEdit

        super().__init__(parent)
        self.setObjectName("recoverDialog")
        self.roster = roster
        self.operator = operator
        self.new_passphrase: str | None = None
        self.setWindowTitle(self.tr("Open with the recovery key"))
        note = QLabel(self.tr("Type the recovery key kept in the mission's safe (dashes and spaces do not matter) "
                              "and choose a new passphrase. The roster is given the new passphrase; the recovery "
                              "key keeps working."), self)
        note.setWordWrap(True)
        self.key = QLineEdit(self, objectName="recoverKey")
        self.key.setFont(key_font(self.key.font()))
        self.new = QLineEdit(self, objectName="recoverNew")
        self.again = QLineEdit(self, objectName="recoverAgain")
        for edit in (self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Recovery &key"), self.key)
        form.addRow(self.tr("&New passphrase"), self.new)
        form.addRow(self.tr("&Again"), self.again)
        self.problem = QLabel("", self, objectName="recoverProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._recover)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    @Slot()
    def _recover(self) -> None:
        from desktop_app.services.recovery import recover_roster

        if len(self.new.text()) < MIN_NEW_PASSPHRASE:
            self.problem.setText(self.tr("Use at least %1 characters for the new passphrase.")
                                 .replace("%1", str(MIN_NEW_PASSPHRASE)))
            return
        if self.new.text() != self.again.text():
            self.problem.setText(self.tr("The two passphrases differ."))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            recover_roster(self.roster, self.key.text(), self.new.text(), operator=self.operator)
        except RosterError as exc:
            from desktop_app.ui.errors import translated

            self.problem.setText(translated(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        log.info("roster opened with its recovery key")
        self.new_passphrase = self.new.text()
        self.accept()


def offer_recovery(dialog: QDialog, target: str, *, passphrase_edit: QWidget, operator: str) -> QPushButton | None:
    """A "Forgot the passphrase?" button on the passphrase `dialog` of the roster at `target`, when it has a
    recovery file: the recovery key and a new passphrase re-key the roster, and the dialog is accepted with
    the new passphrase typed in `passphrase_edit` (a QLineEdit)."""
    from PySide6.QtWidgets import QLineEdit

    from desktop_app.services.recovery import has_recovery_key

    roster = Path(target)
    buttons = dialog.findChild(QDialogButtonBox)
    if "://" in target or buttons is None or not has_recovery_key(roster):
        return None
    button = QPushButton(QCoreApplication.translate("RecoveryKey", "Forgot the passphrase?"), dialog)
    button.setObjectName("forgotPassphraseButton")
    buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)

    def recover() -> None:
        recovering = RecoverDialog(dialog, roster, operator)
        if recovering.exec() and recovering.new_passphrase and isinstance(passphrase_edit, QLineEdit):
            passphrase_edit.setText(recovering.new_passphrase)
            dialog.accept()

    button.clicked.connect(recover)
    return button
