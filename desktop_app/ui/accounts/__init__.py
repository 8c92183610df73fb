"""Accounts in the window (issue 20): sign in when a roster with accounts opens, switch user, Tools > Accounts…,
and every action the signed-in role lacks disabled, with the reason as its tooltip.

    install(host)   # listed last in ui.main_window.features.FEATURE_MODULES: it gates the others' actions

The services refuse what a role may not do whatever the window shows (`services.accounts`); the
window follows them so that a volunteer is not offered an export, a merge or retention at all.
An action another feature enables later (a selection, a roster switched) is disabled again at once
while the role lacks its permission.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QChildEvent, QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QDialog, QMainWindow

from desktop_app.domain.roles import Permission
from desktop_app.ui.errors import translated
from desktop_app.ui.main_window.features import lazy_face

if TYPE_CHECKING:
    from desktop_app.services.accounts import AccountView
    from desktop_app.services.workspace import Roster, Workspace
    from desktop_app.ui.accounts.manage import AccountsDialog
    from desktop_app.ui.accounts.sign_in import SignInDialog
    from desktop_app.ui.latest_read import LatestRead
    from desktop_app.ui.main_window.host import WindowHost

__all__ = ["ACTION_PERMISSIONS", "BUTTON_PERMISSIONS", "HIDDEN_ACTIONS", "AccountsDialog", "AccountsFeature",
           "SignInDialog", "install"]
__getattr__ = lazy_face(__name__, {"AccountsDialog": "manage", "SignInDialog": "sign_in"})

# The window's actions (by object name) and the permission each needs; the others need none.
ACTION_PERMISSIONS: dict[str, Permission] = {
    "fillDemoAction": Permission.MISSION, "newPersonAction": Permission.REGISTER,
    "editPersonAction": Permission.REGISTER, "changeStatusAction": Permission.STATUS,
    "bulkStatusAction": Permission.STATUS, "addToListAction": Permission.LISTS, "newListAction": Permission.LISTS,
    "quickLogAction": Permission.LOG_CONTACTS, "deletePersonAction": Permission.TRASH,
    "exportAction": Permission.EXPORT, "exportSelectionAction": Permission.EXPORT, "notifyAction": Permission.EXPORT,
    "exportProfilesAction": Permission.CONFIGURE, "importAction": Permission.IMPORT,
    "undoImportAction": Permission.IMPORT, "reconcileAction": Permission.ANSWERS,
    "findDuplicatesAction": Permission.MERGE, "eligibilityAction": Permission.CHECK_IN,
    "listEligibilityAction": Permission.CHECK_IN, "recoveryKeyAction": Permission.ENCRYPTION,
    "encryptAction": Permission.ENCRYPTION, "sendPackageAction": Permission.PACKAGES,
    "receivePackageAction": Permission.PACKAGES, "sitesAndKeysAction": Permission.PACKAGES,
    "moveToServerAction": Permission.MISSION, "backupNowAction": Permission.BACKUP,
    "backupSettingsAction": Permission.BACKUP, "restoreAction": Permission.RESTORE,
    "retentionAction": Permission.RETENTION,
}
# The pages' own buttons (by object name) that reach a guarded service, gated the same way.
BUTTON_PERMISSIONS: dict[str, Permission] = {
    "newListButton": Permission.LISTS, "markSentButton": Permission.LISTS, "reconcileListButton": Permission.ANSWERS,
    "listStatusButton": Permission.STATUS, "addSelectionButton": Permission.LISTS,
    "addFilteredButton": Permission.LISTS, "addHouseholdButton": Permission.LISTS,
    "removeMembersButton": Permission.LISTS, "recordAnswerButton": Permission.ANSWERS,
    "recordCrossingButton": Permission.LISTS, "boardingListButton": Permission.EXPORT,
    "checkinButton": Permission.CHECK_IN, "notifyListButton": Permission.EXPORT,
    "changeStatusButton": Permission.STATUS,  # the person editor's
    # the crossing screens (check-in, eligibility) and the duplicates' merge dialog, gated as they open
    "undoScan": Permission.CHECK_IN, "confirmToday": Permission.CHECK_IN, "saveEligibility": Permission.CHECK_IN,
    "overrideButton": Permission.CHECK_IN, "mergeButton": Permission.MERGE, "undoMerge": Permission.MERGE,
    "notDuplicateButton": Permission.MERGE,
    # the households, partners and trash pages' buttons: the permission their service asks
    "newHouseholdButton": Permission.REGISTER, "setRelationshipButton": Permission.REGISTER,
    "makeHeadButton": Permission.REGISTER, "removeMemberButton": Permission.REGISTER,
    "addMemberButton": Permission.REGISTER, "addOrganizationButton": Permission.PARTNERS,
    "editOrganizationButton": Permission.PARTNERS, "addContactButton": Permission.PARTNERS,
    "editContactButton": Permission.PARTNERS, "logContactButton": Permission.LOG_CONTACTS,
    "followUpDoneButton": Permission.LOG_CONTACTS, "restoreButton": Permission.TRASH,
}
# Actions shown only to a role holding the permission (hidden, not disabled: a filter on the medical
# need would tell who has one).
HIDDEN_ACTIONS: dict[str, Permission] = {"flag_medical": Permission.READ_NOTES}
Gated = QAction | QAbstractButton


@dataclass(frozen=True)
class RoleFacts:
    """What the gate reads of the roster: whether it has accounts, and the signed-in account as it stands
    now (a head may have changed its role or disabled it), read for the account signed in as `signed`."""

    staffed: bool
    current: AccountView | None
    signed: AccountView | None
    names: tuple[str, ...] | None = None  # the accounts the idle lock offers, when read with the rest


def read_role(db: Roster, *, opening: bool = False) -> RoleFacts:
    """The gate's read (for the runner: no Qt); `opening`: nobody signed in yet, its server login's account is
    signed in if one maps."""
    from desktop_app.services import accounts

    staffed = accounts.has_accounts(db)
    signed = accounts.signed_in(db)
    if opening and staffed and signed is None:
        signed = accounts.sign_in_by_server_login(db)
    names = tuple(name for name, _role in accounts.account_names(db)) if staffed else ()
    return RoleFacts(staffed, accounts.current(db) if signed is not None else None, signed, names)


class AccountsFeature(QObject):
    """Sign-in at open, File > Switch user…, Tools > Accounts…, and the actions gated by the role."""

    def __init__(self, host: WindowHost) -> None:
        super().__init__(host.window())
        self.host = host
        self.allowed: frozenset[Permission] = frozenset(Permission)
        self.gated: dict[Gated, Permission] = {}
        self.held: dict[Gated, bool] = {}  # actions the gate disabled, and whether their feature wants them on
        self._setting = False
        self._handed_over = False  # another officer signed in at the idle lock: the previous one's dialogs go
        self._unlocking = False  # a PIN typed at the idle lock being checked: pressed again, not checked twice
        self._watched_lock: QObject | None = None
        self._veiled = False  # the gate hid the window's pages: nobody is signed in on a roster with accounts
        self._staffed: tuple[Roster, bool] | None = None  # whether the roster open has accounts, once known
        self._names: tuple[Roster, tuple[str, ...]] | None = None  # its accounts' names, as last read
        self._opening_reads = 0  # the reads at open asked (an older one's answer is dropped)
        self._started = False  # the window's first roster gated
        switch = QCoreApplication.translate("Accounts", "S&witch user…")
        self.switch_action = host.actions.add("switchUser", QAction(switch, host.window()),
                                              menus=("File",), shortcut="Ctrl+Shift+U")
        self.switch_action.triggered.connect(lambda: self.ask_sign_in(switching=True))
        manage = QCoreApplication.translate("Accounts", "&Accounts…")
        self.accounts_action = host.actions.add("accounts", QAction(manage, host.window()),
                                                menus=("Tools",))
        self.accounts_action.triggered.connect(self.show_accounts)
        for menu in host.actions.menus.values():
            menu.setToolTipsVisible(True)  # the reason an action is disabled shows on it
        host.hub.workspace_changed.connect(self.roster_opened)
        self._checks: LatestRead | None = None  # the account read again after each change
        host.hub.changed.connect(lambda _kinds: self.recheck())
        host.window().installEventFilter(self)  # dialogs opened later: their buttons are gated as they show

    # --- signing in -----------------------------------------------------------------------------

    def roster_opened(self, _workspace: object = None) -> None:
        """A roster opened: whether it has accounts and who is signed in, as its opening read them (File > Open),
        else read now off the GUI thread, nothing read by the pages nor any gated action enabled meanwhile
        (issue 20). A roster with accounts and nobody signed in: its server login, else the sign-in dialog."""
        workspace = self.host.workspace
        if workspace is None:
            return
        db = workspace.db
        staffed = self.host.staffed_of(db)
        if staffed is None and not self._started:
            # The window's start: its first roster was opened on the GUI thread (ui.app) and read so already
            # (`_hold_reads_until_signed_in`); what starts with it expects the gate applied (README, issue 15).
            self._started = True
            facts = read_role(db)
            self._opened_with(workspace, facts.staffed)
            self._checked(facts)
            return
        if staffed is None:
            self._staffed = None
            self.apply(None)  # held until the reader answers
            self._read_at_open(workspace)
            return
        self._opened_with(workspace, staffed)
        account = workspace.account
        self.apply(RoleFacts(staffed, account, account))  # the account just signed in: read again below
        self.recheck()  # the account as it stands and the names the idle lock offers, off the GUI thread

    def _read_at_open(self, workspace: Workspace) -> None:
        from desktop_app.ui.operations import run_read

        db = workspace.db
        self._opening_reads += 1
        asked = self._opening_reads

        def known(facts: RoleFacts) -> None:
            if asked != self._opening_reads or self.host.workspace is not workspace or workspace.db is not db:
                return  # another roster (or the same one afresh) opened meanwhile: its own read answers
            if facts.signed is not None and workspace.operator != facts.signed.name:
                workspace.operator = facts.signed.name  # its server login's account
            self._opened_with(workspace, facts.staffed)
            self._checked(facts)

        run_read(self.host.window(), lambda: read_role(db, opening=True), known)

    def _opened_with(self, workspace: Workspace, staffed: bool) -> None:
        self._staffed = (workspace.db, staffed)
        if workspace.account is None and staffed:
            QTimer.singleShot(0, self.ask_sign_in)  # after the window has painted the roster's pages
        self._idle_lock_switches_user(staffed)

    def _known_staffed(self, db: Roster) -> bool:
        """Whether `db` has accounts, as last read (False while not read yet: nothing is offered before)."""
        known = self._staffed
        return known is not None and known[0] is db and known[1]

    def _idle_lock_switches_user(self, staffed: bool) -> None:
        """The idle lock asks for the next officer's account and PIN on a roster with accounts."""
        from desktop_app.ui.protection import Protection
        from desktop_app.ui.protection.lock import SwitchUser

        try:
            lock = self.host.feature(Protection).lock
        except KeyError:  # a window built without protection (some tests)
            return
        lock.accounts = SwitchUser(self._account_names, self._unlock_as) if staffed else None
        if self._watched_lock is not lock:
            self._watched_lock = lock
            lock.locked_changed.connect(self._lock_changed)
        lock.set_minutes(lock.minutes)

    def _account_names(self) -> list[str]:
        """The accounts the idle lock offers, as last read off the GUI thread (at open, after each change)."""
        workspace = self.host.workspace
        if workspace is None or self._names is None or self._names[0] is not workspace.db:
            return []
        names = list(self._names[1])
        current = workspace.account
        if current is not None and current.name in names:  # the one who locked it first
            names.remove(current.name)
            names.insert(0, current.name)
        return names

    def _unlock_as(self, name: str, pin: str) -> str | None:
        """Sign `name` in from the lock screen: None when done, else the problem to show there. The PIN is
        checked on the writer's worker (it writes the count of wrong PINs and the audit entry), the window
        painting meanwhile and a colleague holding the write lock named with Cancel."""
        from desktop_app.domain.errors import RosterError
        from desktop_app.services import accounts
        from desktop_app.ui.operations import write_and_wait

        workspace = self.host.workspace
        if workspace is None:
            return None
        if self._unlocking:  # Enter again while the PIN is checked: the first check answers
            return QCoreApplication.translate("Accounts", "Checking the PIN…")
        before, db = workspace.account, workspace.db
        self._unlocking = True
        try:
            # While File > Open leaves this roster the switch waits for the lock to come off: the PIN is checked.
            account = write_and_wait(self.host.window(), QCoreApplication.translate("Accounts", "Signing in"),
                                     lambda: accounts.authenticate(db, name, pin), while_left=True)
        except RosterError as exc:  # a wrong PIN, a locked or disabled account, the wait cancelled
            return translated(exc)
        finally:
            self._unlocking = False
        if self.host.workspace is not workspace:  # another roster opened meanwhile: nobody signed in on it
            return QCoreApplication.translate("Accounts", "Not signed in: another roster was opened meanwhile.")
        accounts.sign_in(db, account)  # on the GUI thread, once checked
        workspace.operator = account.name
        # Another officer: the previous one's dialogs are closed once the covers are off (a dialog under
        # a cover refuses to close, so that the same officer unlocking finds what they had typed).
        self._handed_over = before is None or before.id != account.id
        self.signed_in(RoleFacts(True, account, account))  # the account as just checked: no read here
        return None

    def _lock_changed(self, locked: bool) -> None:
        if locked:  # the names offered were read before: read again, a colleague may have added an account
            self.recheck()
        if not locked and self._handed_over:
            self._handed_over = False
            self._end_previous_work()

    def _end_previous_work(self) -> None:
        """Another officer takes the laptop over: the dialogs the one before left open (a person's editor
        with the medical need and notes, an export or a merge) are closed, unsaved, and their undo steps
        dropped; under the idle lock's cover they were handed, readable and saveable under the next
        account's name, to whoever signed in next."""
        from PySide6.QtWidgets import QDialog, QProgressDialog

        from desktop_app.ui.undo_commands import clear_stack

        clear_stack(self.host.undo_stack)
        for dialog in self.host.window().findChildren(QDialog):
            # Work under way (its progress) runs on: closing it would cancel what the officer started.
            if dialog.isVisible() and dialog is not getattr(self, "dialog", None) \
                    and not isinstance(dialog, QProgressDialog):
                dialog.reject()

    def ask_sign_in(self, *, switching: bool = False) -> SignInDialog | None:
        workspace = self.host.workspace
        if workspace is None:
            return None
        from desktop_app.services import accounts
        from desktop_app.ui.accounts.sign_in import SignInDialog

        if not self._known_staffed(workspace.db):
            return None
        if switching and workspace.account is not None:
            # The one handing the laptop over is signed out first: a Cancel by the next person left them
            # working, and recorded in the audit trail, as the officer before (with that officer's role).
            accounts.sign_in(workspace.db, None)
            self._end_previous_work()
            self.apply(RoleFacts(True, None, None))
        dialog = SignInDialog(workspace, self.host.window(), switching=switching)
        dialog.finished.connect(lambda _result: self._sign_in_ended(dialog.account))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _sign_in_ended(self, account: AccountView | None) -> None:
        """The sign-in dialog closed: the gate is applied with what it knows (the account it checked, fresh, or
        nobody), without a read on the GUI thread; read, if someone else is signed in meanwhile."""
        workspace = self.host.workspace
        known = workspace is not None and workspace.account is account
        self.signed_in(RoleFacts(True, account, account) if known else None)

    def signed_in(self, facts: RoleFacts | None = None) -> None:
        """Someone signed in (or nobody): the gate applied (with `facts` when known, else read now), said in the
        status bar, and the pages read again for that account."""
        self.apply(facts)
        workspace = self.host.workspace
        account = workspace.account if workspace is not None else None
        if account is not None:
            said = QCoreApplication.translate("Accounts", "Signed in: {name} ({role})")
            self.host.statusBar().showMessage(said.format(name=account.name, role=translated(account.role.label)), 8000)
        self.host.data_changed()  # pages re-read what this account may see (medical and notes)

    def _accounts_closed(self) -> None:
        """Tools > Accounts… closed (a role may have changed, the first head signed in): the gate reads the
        account again off the GUI thread, and the pages read again."""
        self.recheck()
        workspace = self.host.workspace
        account = workspace.account if workspace is not None else None
        if account is not None:
            said = QCoreApplication.translate("Accounts", "Signed in: {name} ({role})")
            self.host.statusBar().showMessage(said.format(name=account.name, role=translated(account.role.label)), 8000)
        self.host.data_changed()

    def show_accounts(self) -> AccountsDialog | None:
        workspace = self.host.workspace
        if workspace is None:
            return None
        from desktop_app.ui.accounts.manage import AccountsDialog

        dialog = AccountsDialog(workspace, self.host.window())
        dialog.finished.connect(lambda _result: self._accounts_closed())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.accounts_dialog = dialog
        return dialog

    # --- gating the actions ---------------------------------------------------------------------

    @property
    def checking(self) -> bool:
        """Whether the account is being read again after a change."""
        return self._checks is not None and self._checks.busy

    def recheck(self) -> None:
        """A change (ours or a colleague's, who may have changed this account's role): the account is read
        again off the GUI thread and the gate applied with it on the GUI thread; an answer overtaken by a
        later change, another roster or another sign-in is dropped."""
        workspace = self.host.workspace
        if workspace is None:
            return
        from desktop_app.ui.latest_read import LatestRead

        if self._checks is None:
            host = self.host
            self._checks = LatestRead(host.window(), lambda: host.db)
        db = workspace.db
        self._checks.run(lambda: read_role(db), self._checked)

    def _checked(self, facts: RoleFacts) -> None:
        workspace = self.host.workspace
        if workspace is not None and workspace.account is facts.signed:  # nobody signed in or out meanwhile
            if facts.names is not None and (self._names is None or self._names != (workspace.db, facts.names)):
                self._names = (workspace.db, facts.names)
                self._offer_names()
            self.apply(facts)

    def _offer_names(self) -> None:
        """The idle lock, if it is locked, offers the names just read (the one chosen stays chosen)."""
        lock = self._watched_lock
        covers = getattr(lock, "covers", None)
        if not covers:
            return
        names = self._account_names()
        for cover in covers.values():
            chosen = cover.screen.user.currentText()
            cover.screen.ask_for_account(names)
            if chosen in names:
                cover.screen.user.setCurrentIndex(names.index(chosen))

    def apply(self, facts: RoleFacts | None = None) -> None:
        """Enable what the signed-in role may do; disable the rest, saying why (with `facts` read off the GUI
        thread; None: not known yet, so every gated action is disabled and the pages read nothing until the
        account, read now off the GUI thread, is applied)."""
        workspace = self.host.workspace
        account = workspace.account if workspace is not None else None
        if facts is None and workspace is not None:
            self.allowed = frozenset()
            if self._staffed is not None and self._staffed[0] is workspace.db:
                self.recheck()
        elif workspace is None or facts is None or (account is None and not facts.staffed):
            self.allowed = frozenset(Permission)  # a roster without accounts: as before
        elif account is None:
            self.allowed = frozenset()
        else:
            current = facts.current
            self.allowed = current.role.permissions if current is not None and not current.disabled else frozenset()
        staffed = facts.staffed if facts is not None else workspace is not None and self._known_staffed(workspace.db)
        self.switch_action.setVisible(staffed)
        for action in self.host.window().findChildren(QAction):
            permission = ACTION_PERMISSIONS.get(action.objectName())
            if permission is not None:
                self._gate(action, permission, account)
        self._gate_buttons(self.host.window(), account)
        for action in self.host.window().findChildren(QAction):
            permission = HIDDEN_ACTIONS.get(action.objectName())
            if permission is not None:
                if permission not in self.allowed and action.isChecked():
                    action.setChecked(False)  # the filter goes with it
                action.setVisible(permission in self.allowed)
        self._gate(self.accounts_action, Permission.ACCOUNTS, account)
        if facts is not None:  # not known yet: held, the pages left as they are until it is
            self._veil(not self.allowed)
        self.host.hub.hold_reads(Permission.SEARCH not in self.allowed)  # the pages read nobody until then

    def _veil(self, hidden: bool) -> None:
        """Nobody signed in on a roster with accounts: the pages (the roster's names, phones and
        documents, the audit trail) are hidden, as the idle lock hides them, until someone signs in;
        a sign-in dialog cancelled no longer leaves them readable. Only what the gate hid is shown again
        (the idle lock shows its own)."""
        window = self.host.window()
        central = window.centralWidget() if isinstance(window, QMainWindow) else None
        if central is None or hidden == self._veiled:
            return
        self._veiled = hidden
        central.setVisible(not hidden)
        if hidden:
            self.host.statusBar().showMessage(QCoreApplication.translate(
                "Accounts", "Sign in (File > Switch user…) to see the roster."))
        else:
            self.host.statusBar().clearMessage()

    def _gate_buttons(self, parent: QObject, account: object) -> None:
        for button in parent.findChildren(QAbstractButton):
            permission = BUTTON_PERMISSIONS.get(button.objectName())
            if permission is not None:
                self._gate(button, permission, account)

    def _gate(self, action: Gated, permission: Permission, account: object) -> None:
        if action not in self.gated:
            self.gated[action] = permission
            if isinstance(action, QAction):
                action.enabledChanged.connect(lambda enabled, a=action: self._keep_gated(a, enabled))
            else:  # a button has no signal for it: its EnabledChange event (see eventFilter)
                action.installEventFilter(self)
        if permission in self.allowed:
            if action in self.held:  # disabled by the gate: back to what its feature wants
                action.setToolTip("")
                action.setStatusTip("")
                self._set_enabled(action, self.held.pop(action))
            return
        if action not in self.held:
            self.held[action] = action.isEnabled()
        signed = self.host.workspace.account if self.host.workspace is not None else None
        what = translated(permission.label)
        if signed is not None:
            reason = QCoreApplication.translate(
                "Accounts", "{name} ({role}) has no permission for {permission}.").format(
                name=signed.name, role=translated(signed.role.label), permission=what)
        else:
            reason = QCoreApplication.translate(
                "Accounts", "Sign in (File > Switch user…) to use {permission}.").format(permission=what)
        action.setToolTip(reason)
        action.setStatusTip(reason)
        self._set_enabled(action, False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QAbstractButton):
            self._keep_gated(watched, watched.isEnabled())
        elif isinstance(event, QChildEvent) and event.type() == QEvent.Type.ChildPolished:
            if isinstance(event.child(), QDialog):  # a dialog of the window: its buttons when it shows
                event.child().installEventFilter(self)
        elif event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            workspace = self.host.workspace
            self._gate_buttons(watched, workspace.account if workspace is not None else None)
        return False

    def _set_enabled(self, action: Gated, enabled: bool) -> None:
        self._setting = True
        try:
            action.setEnabled(enabled)
        finally:
            self._setting = False

    def _keep_gated(self, action: Gated, enabled: bool) -> None:
        """Another feature enabled or disabled a gated action: remember what it wants, keep it disabled."""
        if self._setting or action not in self.held:
            return
        self.held[action] = enabled
        if enabled:
            self._set_enabled(action, False)


def install(host: WindowHost) -> None:
    feature = AccountsFeature(host)
    host.add_feature(feature)
    feature.roster_opened()
