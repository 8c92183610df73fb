"""The sign-in dialog of a roster with accounts (issue 20): an account's name and its PIN.

Shown when a roster with accounts opens and by File > Switch user…; a wrong PIN, a locked or a
disabled account is said in the dialog, which stays open with the PIN field cleared. The account names
are read off the GUI thread (Sign in waits for them) and the PIN is checked on the writer's worker, as it
writes the count of wrong PINs and the audit entry: the dialog paints meanwhile, Sign in pressed again does
nothing, and a colleague holding the roster's write lock is named with Cancel:

    dialog = SignInDialog(workspace, parent)
    if dialog.exec():            # the workspace works as dialog.account from now on
        print(dialog.account.name)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import shiboken6
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
from desktop_app.ui.operations import PendingOperation, run_read, write_and_wait

if TYPE_CHECKING:
    from desktop_app.domain.roles import Role
    from desktop_app.services.workspace import Workspace


W = TypeVar("W", bound=QWidget)
PROBLEM_STYLE = "color: #b71c1c;"


def _account_id(account: accounts.AccountView | None) -> int | None:
    return account.id if account is not None else None


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
        self.name.setPlaceholderText(self.tr("Reading the accounts…"))
        self._switching = switching
        self.names_read = False  # Sign in waits for the names
        self.signing = False  # a PIN being checked: Sign in pressed again does nothing
        form.addRow(self.tr("&Account:"), self.name)
        self.pin = named(QLineEdit(self), "signInPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&PIN:"), self.pin)
        layout.addLayout(form)
        self.problem = named(QLabel("", self), "signInProblem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Sign in"))
        self.ok.setEnabled(False)
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.pin.setFocus()
        db = workspace.db
        run_read(self, lambda: accounts.account_names(db), self._show_names)

    def _show_names(self, names: list[tuple[str, Role]]) -> None:
        for name, role in names:
            self.name.addItem(f"{name} ({translated(role.label)})", name)
        current = self.workspace.account
        if current is not None and not self._switching:
            self.name.setCurrentIndex(max(0, self.name.findData(current.name)))
        elif names:
            self.name.setCurrentIndex(0)
        self.names_read = True
        self.ok.setEnabled(True)

    @Slot()
    def sign_in(self) -> None:
        name = self.name.currentData()
        if not name or not self.names_read or self.signing:
            return
        db, pin = self.workspace.db, self.pin.text()
        before = _account_id(self.workspace.account)
        self.signing = True
        self.ok.setEnabled(False)
        self._say(self.tr("Checking the PIN…"), problem=False)  # news, not a problem: not in red
        try:
            account = write_and_wait(self, self.tr("Signing in"), lambda: accounts.authenticate(db, str(name), pin),
                                     workspace=self.workspace)
        except RosterError as exc:  # a wrong PIN, a locked or disabled account, the wait cancelled
            if shiboken6.isValid(self):
                self._refused(translated(exc))
            return
        except BaseException:
            if shiboken6.isValid(self):
                self._refused("")
            raise
        if not shiboken6.isValid(self) or not self.signing:  # Cancel pressed, or the dialog closed, meanwhile
            return
        if _account_id(self.workspace.account) not in (before, account.id):
            # Someone else signed in meanwhile (at the idle lock, which fired while this PIN waited for a
            # colleague): they are at the keyboard now, and this check's officer is not.
            self.signing = False
            self.reject()
            return
        # Signed in here, on the GUI thread, once the check is done: a Cancel meanwhile signed nobody in.
        accounts.sign_in(db, account)
        self.workspace.operator = account.name
        self.account = account
        self.signing = False
        self.accept()

    @Slot()
    def reject(self) -> None:
        """Cancel: a PIN being checked is given up (while it waits for a colleague's lock, nothing is written)
        and nobody is signed in, whatever the check says."""
        self.signing = False  # the check under way is given up with the dialog's other reads (`done`)
        super().reject()

    def done(self, result: int) -> None:
        """Closed (signed in or not): the account names' read, if not begun yet, is given up: the roster may be
        closed next (File > Open's sign-in cancelled), and a read on it then would open a connection nobody closes."""
        for pending in self.findChildren(PendingOperation):
            if not pending.done:
                pending.cancel()
        super().done(result)

    def _say(self, text: str, *, problem: bool) -> None:
        self.problem.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.problem.setText(text)

    def _refused(self, why: str) -> None:
        self.signing = False
        self._say(why, problem=True)
        self.ok.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
