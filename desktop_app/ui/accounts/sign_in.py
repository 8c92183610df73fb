"""The sign-in dialog of a roster with accounts (issue 20): an account's name and its PIN.

Shown when a roster with accounts opens and by File > Switch user…; a wrong PIN, a locked or a
disabled account is said in the dialog, which stays open with the PIN field cleared:

    dialog = SignInDialog(workspace, parent)
    if dialog.exec():            # the workspace works as dialog.account from now on
        print(dialog.account.name)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.services import accounts
from desktop_app.ui.errors import translated

if TYPE_CHECKING:
    from desktop_app.services.workspace import Workspace


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """`widget` with its object name (tests and screenshots find it by that name)."""
    widget.setObjectName(name)
    return widget


class SignInDialog(QDialog):
    """Choose an account and type its PIN; accepted once the workspace has signed in."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *, switching: bool = False) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.account: accounts.AccountView | None = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Switch user") if switching else self.tr("Sign in"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("This roster has accounts: sign in with yours. What you do is recorded under "
                               "your name."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = named(QComboBox(self), "signInName")
        current = workspace.account
        for name, role in accounts.account_names(workspace.db):
            self.name.addItem(f"{name} ({translated(role.label)})", name)
        if current is not None and not switching:
            self.name.setCurrentIndex(max(0, self.name.findData(current.name)))
        form.addRow(self.tr("&Account:"), self.name)
        self.pin = named(QLineEdit(self), "signInPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&PIN:"), self.pin)
        layout.addLayout(form)
        self.problem = named(QLabel("", self), "signInProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c;")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.pin.setFocus()

    @Slot()
    def sign_in(self) -> None:
        name = self.name.currentData()
        if not name:
            return
        try:
            self.account = self.workspace.sign_in(str(name), self.pin.text())
        except RosterError as exc:
            self.problem.setText(translated(exc))
            self.pin.clear()
            self.pin.setFocus()
            return
        self.accept()
