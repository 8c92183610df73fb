"""Tools > Accounts… (issue 20): the roster's accounts, for the head of mission to add, change and disable.

The table lists every account (name, role, state, server login, created by); the buttons add an
account (name, role, PIN typed twice), change the chosen one's role, disable or enable it, and give
it a new PIN. Every change goes through `services.accounts`, which refuses it (audited) unless the
signed-in account is a head; the roster's first account, a head's, anyone may add. The accounts are read
off the GUI thread (the buttons wait for them) and every change is written on the writer's worker, a
colleague holding the write lock named with Cancel:

    AccountsDialog(workspace, parent).exec()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.roles import Permission, Role
from desktop_app.services import accounts
from desktop_app.ui.accounts.sign_in import named
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.latest_read import LatestRead
from desktop_app.ui.operations import write_and_wait

if TYPE_CHECKING:
    from desktop_app.services.workspace import Workspace


class NewAccountDialog(QDialog):
    """Name, role and a PIN typed twice for a new account (or only the PIN, for a new PIN)."""

    def __init__(self, parent: QWidget | None, *, first: bool, pin_only: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newAccountDialog")
        self.setWindowTitle(self.tr("New PIN for {name}").format(name=pin_only) if pin_only
                            else self.tr("New account"))
        form = QFormLayout(self)
        self.name = named(QLineEdit(self), "accountName")
        self.role = named(QComboBox(self), "accountRole")
        for role in ((Role.HEAD,) if first else tuple(Role)):
            self.role.addItem(translated(role.label), role.value)
        if pin_only is None:
            form.addRow(self.tr("&Name:"), self.name)
            form.addRow(self.tr("&Role:"), self.role)
        if first:
            hint = QLabel(self.tr("The roster's first account is the head of mission's: only a head adds, "
                                  "disables and changes accounts."), self)
            hint.setWordWrap(True)
            form.addRow(hint)
        self.pin = named(QLineEdit(self), "accountPin")
        self.again = named(QLineEdit(self), "accountPinAgain")
        for edit in (self.pin, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&PIN:"), self.pin)
        form.addRow(self.tr("PIN a&gain:"), self.again)
        self.problem = named(QLabel("", self), "accountProblem")
        self.problem.setStyleSheet("color: #b71c1c;")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @property
    def chosen_role(self) -> Role:
        return Role(str(self.role.currentData()))

    @Slot()
    def _check(self) -> None:
        if self.pin.text() != self.again.text():
            self.problem.setText(self.tr("The two PINs differ."))
            return
        self.accept()


class AccountsDialog(QDialog):
    """The roster's accounts, and the head's changes to them."""

    COLUMNS = 5

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("accountsDialog")
        self.setWindowTitle(self.tr("Accounts"))
        self.resize(720, 360)
        layout = QVBoxLayout(self)
        self.who = named(QLabel("", self), "accountsSignedIn")
        layout.addWidget(self.who)
        self.model = QStandardItemModel(0, self.COLUMNS, self)
        self.model.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("State"),
                                              self.tr("Server login"), self.tr("Created by")])
        self.table = named(QTableView(self), "accountsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = self._button(row, self.tr("&Add…"), "addAccountButton", self.add_account)
        self.role_button = self._button(row, self.tr("Change &role…"), "changeRoleButton", self.change_role)
        self.disable_button = self._button(row, self.tr("&Disable"), "disableAccountButton", self.toggle_disabled)
        self.pin_button = self._button(row, self.tr("New &PIN…"), "newPinButton", self.new_pin)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.rows: list[accounts.AccountView] = []
        self.head = False  # whether the signed-in account may change accounts, as last read
        self.loaded = False
        self.writing = False  # a change on its way: the buttons wait for it and for the accounts read after it
        self._reads = LatestRead(self, lambda: workspace.db)
        self.add_button.setEnabled(False)  # until the accounts are read
        self.table.selectionModel().selectionChanged.connect(self._chosen_changed)
        self._chosen_changed()
        self.reload()

    def _button(self, row: QHBoxLayout, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = named(QPushButton(text, self), name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    @property
    def busy(self) -> bool:
        """Whether the accounts are being read."""
        return self._reads.busy

    def reload(self) -> None:
        """Read the accounts and whether the one signed in may change them, off the GUI thread."""
        db = self.workspace.db
        reading = self._reads.run(lambda: (accounts.list_accounts(db), accounts.may(db, Permission.ACCOUNTS)),
                                  self._show)
        reading.finished.connect(self._chosen_changed)  # the buttons, once the read is no longer on its way
        self._chosen_changed()

    def _show(self, found: tuple[list[accounts.AccountView], bool]) -> None:
        chosen = self.chosen()
        self.rows, self.head = found
        self.loaded = True
        self.model.removeRows(0, self.model.rowCount())
        for account in self.rows:
            state = (self.tr("disabled") if account.disabled else self.tr("locked") if _locked_now(account)
                     else self.tr("active"))
            items = [QStandardItem(text) for text in (account.name, translated(account.role.label), state,
                                                      account.db_login or "", account.created_by)]
            self.model.appendRow(items)
        signed = self.workspace.account
        self.who.setText(self.tr("Signed in: {name} ({role})").format(name=signed.name,
                                                                      role=translated(signed.role.label))
                         if signed is not None else self.tr("Nobody is signed in."))
        head = self.head
        reason = "" if head else self.tr("Only the head of mission adds, disables and changes accounts.")
        self.add_button.setEnabled(head and self.ready)
        self.add_button.setToolTip(reason)
        if chosen is not None:
            for index, account in enumerate(self.rows):
                if account.name == chosen.name:
                    self.table.selectRow(index)
        self._chosen_changed()

    def chosen(self) -> accounts.AccountView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()] if rows and getattr(self, "rows", None) else None

    @Slot()
    def _chosen_changed(self) -> None:
        chosen = self.chosen()
        head = self.head
        ready = self.ready
        self.add_button.setEnabled(head and ready)
        for button in (self.role_button, self.disable_button, self.pin_button):
            button.setEnabled(chosen is not None and head and ready)
            button.setToolTip("" if head else self.tr("Only the head of mission adds, disables and changes "
                                                      "accounts."))
        self.disable_button.setText(self.tr("&Enable") if chosen is not None and chosen.disabled
                                    else self.tr("&Disable"))

    @property
    def ready(self) -> bool:
        """Whether a change may start: the accounts read, no change on its way and none read back yet (a button
        pressed twice would act again on the rows read before the first press)."""
        return self.loaded and not self.writing and not self.busy

    def _run(self, change: Callable[[], object]) -> object:
        """Write `change()` on the writer's worker (the dialog answering meanwhile), then read the accounts
        again; its result, or None when it was refused (and said why), given up, or the dialog closed meanwhile."""
        result: object = None
        self.writing = True
        self._chosen_changed()
        try:
            result = write_and_wait(self, self.tr("Changing the accounts"), change)
        except RosterError as exc:
            if not shiboken6.isValid(self) or not self.isVisible():  # closed while the change waited
                return None
            show_error(self, exc)
        finally:
            if shiboken6.isValid(self):
                self.writing = False
        if not shiboken6.isValid(self) or not self.isVisible():
            return None
        self.reload()
        return result

    @Slot()
    def add_account(self) -> None:
        if not self.ready:
            return
        first = not self.rows
        dialog = NewAccountDialog(self, first=first)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        db, operator = self.workspace.db, self.workspace.operator
        name, role, pin = dialog.name.text(), dialog.chosen_role, dialog.pin.text()
        created = self._run(lambda: accounts.add_account(db, name, role, pin, operator=operator))
        if not shiboken6.isValid(self):
            return
        if first and isinstance(created, accounts.AccountView) and self.workspace.account is None:
            # the head who made it works on as it (the sign-in writes its audit entry)
            account = self._run(lambda: accounts.authenticate(db, created.name, pin))
            if isinstance(account, accounts.AccountView) and shiboken6.isValid(self):
                accounts.sign_in(db, account)
                self.workspace.operator = account.name
                self.reload()  # read again for the head now signed in

    @Slot()
    def change_role(self) -> None:
        chosen = self.chosen()
        if chosen is None or not self.ready:
            return
        labels = [translated(role.label) for role in Role]
        label, ok = QInputDialog.getItem(self, self.tr("Change role"), self.tr("Role of {name}:").format(
            name=chosen.name), labels, list(Role).index(chosen.role), False)
        if ok:
            role = list(Role)[labels.index(label)]
            db, operator = self.workspace.db, self.workspace.operator
            self._run(lambda: accounts.change_role(db, chosen.name, role, operator=operator))

    @Slot()
    def toggle_disabled(self) -> None:
        chosen = self.chosen()
        if chosen is not None and self.ready:
            db, operator = self.workspace.db, self.workspace.operator
            name, disabled = chosen.name, not chosen.disabled
            self._run(lambda: accounts.disable_account(db, name, operator=operator, disabled=disabled))

    @Slot()
    def new_pin(self) -> None:
        chosen = self.chosen()
        if chosen is None or not self.ready:
            return
        dialog = NewAccountDialog(self, first=False, pin_only=chosen.name)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            db, operator, pin = self.workspace.db, self.workspace.operator, dialog.pin.text()
            self._run(lambda: accounts.set_pin(db, chosen.name, pin, operator=operator))


def _locked_now(account: accounts.AccountView) -> bool:
    from desktop_app.services.audit import now

    return account.locked_until is not None and account.locked_until > now()

