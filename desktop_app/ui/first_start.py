"""The first-start assistant: a consular officer who has never seen the program is working in minutes.

Shown when no roster and no settings exist yet (`is_first_start`). Pages: the language (applied at
once), or "Explore with a demonstration roster"; the officer's name and the mission's name and
country (the default region of phone numbers); where the roster lives (the local data folder by
default; a sync folder or a network share is warned about); a passphrase typed twice with a
strength hint, or an explicit "no encryption"; the recovery key, shown once, to print for the
safe; the backup folder (a USB stick). The work itself is `services.first_start`.

    wizard = FirstStartWizard(preferences)
    if wizard.exec():
        wizard.result_target, wizard.result_passphrase, wizard.result_demo
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app import APP_NAME, system
from desktop_app.domain.errors import RosterError, ValidationError
from desktop_app.ui.errors import translated
from desktop_app.ui.i18n import LANGUAGES, install_language
from desktop_app.ui.preferences import Preferences

if TYPE_CHECKING:
    from desktop_app.services.settings import MissionSettings
    from desktop_app.ui.main_window.host import WindowHost

log = logging.getLogger(__name__)

MIN_PASSPHRASE = 8  # as storage.db.MIN_PASSPHRASE_LENGTH, which the roster enforces again
KEY_DEMO_ONLY = "first_start/demo_only"  # only the demonstration was explored: the assistant comes back
PAGE_WELCOME, PAGE_OFFICER, PAGE_ROSTER, PAGE_PASSPHRASE, PAGE_RECOVERY, PAGE_BACKUP = range(6)


def is_first_start(preferences: Preferences, named: str | None) -> bool:
    """True when nothing is named, no default roster is chosen or there, and no roster was opened
    (but a demonstration)."""
    from desktop_app.services.first_start import default_roster_path

    if named or preferences.default_database:
        return False
    if preferences.recent_databases and preferences.value(KEY_DEMO_ONLY, False) not in (True, "true"):
        return False
    return not default_roster_path().exists()


def strength(passphrase: str) -> int:
    """A rough strength, 0 (weak) to 3 (strong): length and variety; several words count most."""
    if len(passphrase) < MIN_PASSPHRASE:
        return 0
    kinds = sum(any(test(ch) for ch in passphrase) for test in (str.islower, str.isupper, str.isdigit,
                                                                 lambda ch: not ch.isalnum()))
    words = len(passphrase.split())
    score = 1 + (len(passphrase) >= 14) + (words >= 3 or kinds >= 3)
    return min(score, 3)


class _Page(QWizardPage):
    """A page whose texts are set in `retranslate`, called again when the language changes."""

    def wizard_(self) -> FirstStartWizard:
        wizard = self.wizard()
        assert isinstance(wizard, FirstStartWizard)
        return wizard

    def retranslate(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def _problem_label(self) -> QLabel:
        label = QLabel("", self, objectName="firstStartProblem")
        label.setStyleSheet("color: #b00020;")
        label.setWordWrap(True)
        return label


class WelcomePage(_Page):
    def __init__(self, preferences: Preferences) -> None:
        super().__init__()
        self.setObjectName("firstStartWelcome")
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.language = QComboBox(self, objectName="firstStartLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language, 1)
        self.set_up = QRadioButton(self, objectName="firstStartSetUp")
        self.set_up.setChecked(True)
        self.demo = QRadioButton(self, objectName="firstStartDemo")
        self.demo_note = QLabel(self)
        self.demo_note.setWordWrap(True)
        self.demo_note.setIndent(24)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addSpacing(12)
        layout.addWidget(self.set_up)
        layout.addWidget(self.demo)
        layout.addWidget(self.demo_note)
        layout.addStretch(1)
        self.demo.toggled.connect(self.setFinalPage)  # Finish instead of Next: the wizard lays its buttons out again

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to %1").replace("%1", APP_NAME))
        self.intro.setText(self.tr("This assistant sets up the roster of your mission: who you are, where the "
                                   "roster is kept, how it is protected and where its backups go. It takes a few "
                                   "minutes; everything can be changed later in Tools > Settings."))
        self.language_label.setText(self.tr("&Language"))
        self.set_up.setText(self.tr("&Set up my mission's roster"))
        self.demo.setText(self.tr("&Explore with a demonstration roster"))
        self.demo_note.setText(self.tr("Invented families, lists and partners, to try every screen. The title bar "
                                       "and every export say DEMONSTRATION while it is open."))

    def nextId(self) -> int:
        return -1 if self.demo.isChecked() else PAGE_OFFICER


class OfficerPage(_Page):
    def __init__(self, preferences: Preferences) -> None:
        super().__init__()
        self.setObjectName("firstStartOfficer")
        self.officer = QLineEdit(preferences.operator, self, objectName="firstStartOfficerName")
        self.mission = QLineEdit(self, objectName="firstStartMissionName")
        self.country = QLineEdit(self, objectName="firstStartMissionCountry")
        self.pin = QLineEdit(self, objectName="firstStartPin")  # issue 20: optional, makes the head's account
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.problem = self._problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.labels = [QLabel(self) for _ in range(4)]
        for label, edit in zip(self.labels, (self.officer, self.mission, self.country, self.pin), strict=True):
            label.setBuddy(edit)
            self.form.addRow(label, edit)
        self.officer.textChanged.connect(self.completeChanged)

    def retranslate(self) -> None:
        self.setTitle(self.tr("You and your mission"))
        self.note.setText(self.tr("Your name goes into the audit trail with every change you make. The mission's "
                                  "country is where phone numbers typed without + are from."))
        for label, text in zip(self.labels, (self.tr("Your &name"), self.tr("&Mission name"),
                                             self.tr("Host &country"), self.tr("Your &PIN (optional)")), strict=True):
            label.setText(text)
        self.pin.setPlaceholderText(self.tr("gives every officer an account; you are the head of mission"))
        self.mission.setPlaceholderText(self.tr("e.g. Consulate General in Cairo"))
        self.country.setPlaceholderText(self.tr("ISO code, e.g. EGY: phones without + are from there"))

    def isComplete(self) -> bool:
        return bool(self.officer.text().strip())

    def validatePage(self) -> bool:
        from desktop_app.domain.countries import normalize_country
        from desktop_app.services.accounts import checked_pin

        text = self.country.text().strip()
        try:
            self.wizard_().country = normalize_country(text, "mission country") if text else None
            if self.pin.text():
                checked_pin(self.pin.text())
        except ValidationError as exc:
            self.problem.setText(translated(exc))
            return False
        self.problem.clear()
        return True


class RosterPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        from desktop_app.services.first_start import default_roster_path

        self.setObjectName("firstStartRoster")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.path = QLineEdit(str(default_roster_path()), self, objectName="firstStartRosterPath")
        self.choose = QPushButton(self, objectName="firstStartRosterChoose")
        self.choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        self.warning = QLabel("", self, objectName="firstStartRosterWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5300;")
        self.problem = self._problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.warning)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.path.textChanged.connect(self._check_place)
        self.path.textChanged.connect(self.completeChanged)
        self._check_place()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Where the roster lives"))
        self.note.setText(self.tr("The roster is one file on this computer. The suggested place is this user's "
                                  "local data folder. Avoid a OneDrive, Dropbox or Google Drive folder and network "
                                  "shares: several officers at once work better on a shared PostgreSQL roster."))
        self.choose.setText(self.tr("C&hoose…"))
        self._check_place()

    @Slot()
    def _check_place(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.warning.clear()
            return
        self.warning.setText("\n".join(translated(w) for w in system.location_warnings(Path(text).expanduser())))

    @Slot()
    def _choose(self) -> None:
        dialog = QFileDialog(self, self.tr("New roster"), str(Path(self.path.text()).parent),
                             self.tr("Roster databases (*.db)"))
        dialog.setObjectName("firstStartRosterDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("db")
        if dialog.exec() and dialog.selectedFiles():
            self.path.setText(dialog.selectedFiles()[0])

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path.text().strip()).expanduser().absolute()
        if path.exists():
            self.problem.setText(self.tr("%1 exists already. Choose another file; an existing roster is opened "
                                         "with File > Open roster.").replace("%1", str(path)))
            return False
        from desktop_app.services.first_start import check_place

        try:
            check_place(path)
        except RosterError as exc:
            self.problem.setText(translated(exc))
            return False
        self.problem.clear()
        self.wizard_().roster = path
        return True


class PassphrasePage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("firstStartPassphrase")
        self.setCommitPage(True)  # the roster is created when this page is left: no way back past it
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.edit = QLineEdit(self, objectName="firstStartPassphraseEdit")
        self.again = QLineEdit(self, objectName="firstStartPassphraseAgain")
        for edit in (self.edit, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._typed)
        self.hint = QLabel("", self, objectName="firstStartStrength")
        self.plain = QCheckBox(self, objectName="firstStartNoEncryption")
        self.plain.toggled.connect(self._plain_toggled)
        self.labels = [QLabel(self), QLabel(self)]
        form = QFormLayout()
        for label, edit in zip(self.labels, (self.edit, self.again), strict=True):
            label.setBuddy(edit)
            form.addRow(label, edit)
        form.addRow("", self.hint)
        self.problem = self._problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.plain)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Protect the roster"))
        self.note.setText(self.tr("The roster holds names, passport and phone numbers of people in danger. With a "
                                  "passphrase the file is encrypted: nobody who gets it (a lost or seized laptop) "
                                  "can read it. Several words you can remember are best. Next you get a recovery "
                                  "key to keep in the safe, in case the passphrase is forgotten."))
        self.labels[0].setText(self.tr("&Passphrase"))
        self.labels[1].setText(self.tr("&Again"))
        self.plain.setText(self.tr("&No encryption: anyone who gets this file can read it"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create the roster"))
        self._typed()

    def _strength_text(self, score: int) -> str:
        return (self.tr("Too short: at least %1 characters").replace("%1", str(MIN_PASSPHRASE)), self.tr("Fair"),
                self.tr("Good"), self.tr("Strong"))[score]

    @Slot()
    def _typed(self) -> None:
        typed = self.edit.text()
        self.hint.setText(self._strength_text(strength(typed)) if typed else "")
        self.hint.setStyleSheet("color: #b00020;" if typed and strength(typed) == 0 else "")
        self.completeChanged.emit()

    @Slot(bool)
    def _plain_toggled(self, plain: bool) -> None:
        for edit in (self.edit, self.again):
            edit.setEnabled(not plain)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.plain.isChecked():
            return True
        return strength(self.edit.text()) > 0 and self.edit.text() == self.again.text()

    def nextId(self) -> int:
        return PAGE_BACKUP if self.plain.isChecked() else PAGE_RECOVERY

    def validatePage(self) -> bool:
        wizard = self.wizard_()
        wizard.result_passphrase = None if self.plain.isChecked() else self.edit.text()
        try:
            wizard.create_roster()
        except RosterError as exc:
            self.problem.setText(translated(exc))
            return False
        return True


class RecoveryPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("firstStartRecovery")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        from desktop_app.ui.first_start_recovery import RecoveryKeyView  # only when the assistant runs

        self.view = RecoveryKeyView(self, Path(), "")
        self.key = self.view.key
        self.key.setObjectName("firstStartRecoveryKey")
        self.kept = QCheckBox(self, objectName="firstStartKeyKept")
        self.kept.toggled.connect(self.completeChanged)
        self.problem = self._problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addSpacing(8)
        layout.addWidget(self.view)
        layout.addWidget(self.kept)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = self.wizard_()
        self.view.set_key(wizard.recovery_key or "", roster=wizard.roster or Path(),
                          mission=wizard.officer_page.mission.text(), officer=wizard.officer_page.officer.text())

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your recovery key"))
        self.note.setText(self.tr("If the passphrase is ever forgotten, this key opens the roster and sets a new "
                                  "one. It is shown only now. Print it (or write it down) and keep it in the "
                                  "mission's safe, not with the laptop."))
        self.view.retranslate()
        self.kept.setText(self.tr("I have &printed the key or written it down"))

    def isComplete(self) -> bool:
        return self.kept.isChecked()

    def save_pdf(self, path: Path) -> None:
        """Write the sheet to print as a PDF at `path` (chosen by the officer)."""
        self.view.save_pdf(path)


class BackupPage(_Page):
    def __init__(self, preferences: Preferences) -> None:
        super().__init__()
        self.setObjectName("firstStartBackup")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.folder = QLineEdit(preferences.backup_folder, self, objectName="firstStartBackupFolder")
        self.choose = QPushButton(self, objectName="firstStartBackupChoose")
        self.choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        self.warning = QLabel("", self, objectName="firstStartBackupWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5300;")
        self.problem = self._problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.warning)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.folder.textChanged.connect(self._check_place)

    def initializePage(self) -> None:
        self._check_place()

    @Slot()
    def _check_place(self) -> None:
        """Warn when the backups would be on the roster's own disk (the empty default is beside the roster)."""
        roster = self.wizard_().roster if isinstance(self.wizard(), FirstStartWizard) else None
        text = self.folder.text().strip()
        if roster is None or not system.same_disk(roster.parent, Path(text).expanduser() if text else roster.parent):
            self.warning.clear()
            return
        self.warning.setText(self.tr("These backups would be on the same disk as the roster: a lost, stolen or "
                                     "broken laptop takes both. Choose a folder on a USB stick that stays at the "
                                     "mission."))

    def retranslate(self) -> None:
        self._check_place()
        self.setTitle(self.tr("Backups"))
        self.note.setText(self.tr("A backup is taken when the roster opens, every few minutes while you work and "
                                  "when it closes, each checked. Choose a folder on a USB stick that stays at the "
                                  "mission, so the roster survives a lost laptop. Left empty, backups go to a "
                                  "'backups' folder beside the roster."))
        self.folder.setPlaceholderText(self.tr("beside the roster"))
        self.choose.setText(self.tr("C&hoose…"))

    @Slot()
    def _choose(self) -> None:
        start = self.folder.text() or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), start)
        if folder:
            self.folder.setText(folder)

    def validatePage(self) -> bool:
        text = self.folder.text().strip()
        if text and not (Path(text).is_dir() and system.folder_writable(text)):
            self.problem.setText(self.tr("%1 is not a folder this program can write in. Plug in the stick, or "
                                         "choose another folder.").replace("%1", text))
            return False
        self.problem.clear()
        return True


class FirstStartWizard(QWizard):
    """The assistant; when accepted, `result_target` is the roster to open (with `result_passphrase`)."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartWizard")
        self.preferences = preferences
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same on every system (and in tests)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.country: str | None = None
        self.roster: Path | None = None
        self.recovery_key: str | None = None
        self.result_target: str | None = None
        self.result_passphrase: str | None = None
        self.result_demo = False
        self.result_demo_new = False  # a new demonstration roster: the window invents its families
        self.welcome = WelcomePage(preferences)
        self.officer_page = OfficerPage(preferences)
        self.roster_page = RosterPage()
        self.passphrase_page = PassphrasePage()
        self.recovery_page = RecoveryPage()
        self.backup_page = BackupPage(preferences)
        self.pages_: list[_Page] = [self.welcome, self.officer_page, self.roster_page, self.passphrase_page,
                                    self.recovery_page, self.backup_page]
        for number, page in enumerate(self.pages_):
            self.setPage(number, page)
        self.welcome.language.currentIndexChanged.connect(self._language_chosen)
        self.retranslate()
        self.resize(720, 520)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("%1: first start").replace("%1", APP_NAME))
        for page in self.pages_:
            page.retranslate()
        for button, text in ((QWizard.WizardButton.NextButton, self.tr("&Next >")),
                             (QWizard.WizardButton.BackButton, self.tr("< &Back")),
                             (QWizard.WizardButton.FinishButton, self.tr("&Finish")),
                             (QWizard.WizardButton.CancelButton, self.tr("Cancel"))):
            self.setButtonText(button, text)

    @Slot(int)
    def _language_chosen(self, _index: int) -> None:
        code = str(self.welcome.language.currentData())
        self.preferences.language = code
        install_language(code)
        self.retranslate()

    def create_roster(self) -> None:
        """Create the roster the pages describe (called when the passphrase page is left)."""
        from desktop_app.services.first_start import FirstStart, set_up_roster

        assert self.roster is not None
        officer = self.officer_page.officer.text().strip()
        self.recovery_key = set_up_roster(FirstStart(officer, self.officer_page.mission.text().strip(), self.country,
                                                     self.roster, self.result_passphrase,
                                                     head_pin=self.officer_page.pin.text() or None))
        self.preferences.operator = officer
        self.preferences.default_database = str(self.roster)
        self.preferences.set_value(KEY_DEMO_ONLY, False)
        log.info("first start: roster created (%s)", "encrypted" if self.result_passphrase else "plain")

    def reject(self) -> None:
        """Cancel, Esc or the close button. On the recovery key's page, before the key is kept, the first one
        only says that the key is shown only now (no modal question: a programmatic reject never blocks);
        a second one leaves."""
        page = self.recovery_page
        if self.currentId() == PAGE_RECOVERY and not page.kept.isChecked() and not page.problem.text():
            page.problem.setText(self.tr("The recovery key is shown only now: without it, a forgotten passphrase "
                                         "loses the roster. Print it or write it down and tick the box; Cancel "
                                         "again leaves without it."))
            return
        super().reject()

    def accept(self) -> None:
        if self.welcome.demo.isChecked():
            from desktop_app.services.first_start import demo_roster_path, set_up_demo

            try:
                path, self.result_demo_new = set_up_demo(demo_roster_path(),
                                                         operator=self.preferences.operator or "demo")
            except RosterError as exc:
                from desktop_app.ui.errors import show_error

                show_error(self, exc)
                return
            self.result_demo = True
            self.result_target = str(path)
            self.preferences.set_value(KEY_DEMO_ONLY, True)
        else:
            self.preferences.backup_folder = self.backup_page.folder.text().strip()
            self.result_target = str(self.roster)
        self.preferences.sync()
        super().accept()


class DemonstrationMark(QObject):
    """Keeps DEMONSTRATION in the window's title while a demonstration roster is open, whoever sets the title."""

    def __init__(self, host: WindowHost) -> None:
        super().__init__(host.window())
        self.host = host
        self.demonstration = False
        host.hub.workspace_changed.connect(self._roster_replaced)
        host.window().windowTitleChanged.connect(self._title_changed)
        self._roster_replaced(None)

    def mark(self) -> str:
        return self.tr("DEMONSTRATION")

    @Slot(object)
    def _roster_replaced(self, _workspace: object) -> None:
        """Marked as its mission says: as read when the roster opened (File > Open), else read off the GUI thread."""
        from desktop_app.services.settings import load_mission
        from desktop_app.ui.operations import run_read

        db = self.host.db
        known = self.host.mission_of(db)
        if db is None or known is not None:
            self._mark(db, known)
            return

        def read(mission: MissionSettings) -> None:
            if self.host.db is db:  # not a roster replaced meanwhile
                self._mark(db, mission)

        run_read(self.host.window(), lambda: load_mission(db), read)

    def _mark(self, db: object, mission: MissionSettings | None) -> None:
        self.demonstration = db is not None and mission is not None and mission.demonstration
        self._title_changed(self.host.window().windowTitle())

    @Slot(str)
    def _title_changed(self, title: str) -> None:
        mark = self.mark()
        if self.demonstration and not title.startswith(mark):
            self.host.window().setWindowTitle(f"{mark} — {title}")
        elif not self.demonstration and title.startswith(mark):
            self.host.window().setWindowTitle(title.removeprefix(f"{mark} — "))


def install(host: WindowHost) -> None:
    """The window says DEMONSTRATION in its title bar while a demonstration roster is open; Tools > Make a
    recovery key… (`ui.first_start_recovery`)."""
    from desktop_app.ui import first_start_recovery

    host.add_feature(DemonstrationMark(host))
    first_start_recovery.install(host)
