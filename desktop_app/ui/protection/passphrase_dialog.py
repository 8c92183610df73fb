"""Asking for a passphrase: to open an encrypted roster, or to choose one for a new roster or archive.

The text typed is handed to the caller and never stored or logged; the fields use password echo.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.storage.db import MIN_PASSPHRASE_LENGTH


class PassphraseDialog(QDialog):
    """One passphrase field (to open), or two (to choose one: typed twice); optionally 'No encryption'."""

    def __init__(self, parent: QWidget | None, title: str, message: str, *, choose: bool = False,
                 allow_plain: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(title)
        self.choose = choose
        self.plain_chosen = False
        layout = QVBoxLayout(self)
        text = QLabel(message, self)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.edit = QLineEdit(self, objectName="passphraseEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Passphrase"), self.edit)
        self.confirm = QLineEdit(self, objectName="passphraseConfirmEdit")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        if choose:
            form.addRow(self.tr("&Again"), self.confirm)
        else:  # never shown: left in no layout it sat at the dialog's corner, an empty box over the message
            self.confirm.hide()
        layout.addLayout(form)
        self.problem = QLabel("", self, objectName="passphraseProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        if allow_plain:
            plain = QPushButton(self.tr("No encryption"), self, objectName="noEncryptionButton")
            plain.setToolTip(self.tr("Anyone who gets this file can read it"))
            buttons.addButton(plain, QDialogButtonBox.ButtonRole.RejectRole)
            plain.clicked.connect(self._choose_plain)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    @property
    def passphrase(self) -> str | None:
        """What was typed, or None when 'No encryption' was chosen."""
        return None if self.plain_chosen else self.edit.text()

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.edit.selectAll()
        self.edit.setFocus()

    def _choose_plain(self) -> None:
        self.plain_chosen = True
        self.accept()

    def _accept(self) -> None:
        typed = self.edit.text()
        if not typed:
            self.show_problem(self.tr("Type the passphrase."))
            return
        if self.choose and len(typed) < MIN_PASSPHRASE_LENGTH:
            self.show_problem(self.tr("Use at least %1 characters; several words are easier to remember and harder "
                                      "to guess.").replace("%1", str(MIN_PASSPHRASE_LENGTH)))
            return
        if self.choose and typed != self.confirm.text():
            self.show_problem(self.tr("The two passphrases differ."))
            return
        self.accept()
