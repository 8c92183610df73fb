"""The export dialog: which profile, which persons, which file, for whom, protected how.

The officer picks a profile, the persons (an evacuation list, a status, the roster view as
filtered now, or the rows selected in it), a file (.xlsx, .csv for a partner's system, or .pdf for
a printed manifest),
the partner receiving it, an optional password typed twice, and a title. The dialog shows
how many persons go, how many of them have not consented to sharing (an export to a partner
waits until the officer ticks the box that sends them too), and the first rows as the
partner will read them. What the dialog offers (profiles, lists with their partners, partners) is read
off the GUI thread before it opens (`read_export_choices`; nothing opens if another roster or officer came
meanwhile), and so are the summary, the preview and the chosen profile; choosing a list proposes its
partner from what was read, without reading again. The export runs off the GUI thread with progress and
cancel; its menu entries are `ui.exporting_feature`.

Files: a target the program must never write (the roster, its working files, a database) is
named as the problem and the Export button stays off; an existing file is replaced only after
`confirm_replace` asked (the file chooser's own question is turned off, so there is exactly
one, on every platform). `confirm_replace` serves the other screens that save a file too.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.export_profile import ExportProfile
from desktop_app.domain.status import Status
from desktop_app.services import exporting, lists, partners
from desktop_app.services.exporting import ExportResult, Preview, Selection
from desktop_app.services.lists import ListSummary
from desktop_app.services.partners import OrganizationView
from desktop_app.services.roster import RosterQuery
from desktop_app.services.workspace import Workspace
from desktop_app.ui import labels
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.latest_read import WaitedReads, opening_once
from desktop_app.ui.operations import PendingOperation, Progress, run_in_background
from desktop_app.ui.tooltips import plain_tip
from desktop_app.ui.workspace_signals import HoldsWorkspace, hub_of

if TYPE_CHECKING:
    from desktop_app.ui.main_window.host import WindowHost

log = logging.getLogger(__name__)

PREVIEW_ROWS = 20
REFRESH_DELAY_MS = 200
WARNING_STYLE = "color: #b71c1c;"


def confirm_replace(parent: QWidget, path: Path) -> bool:
    """Whether the user agrees to replace the existing file at `path` (asked in a message box)."""
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("export", "Replace the file?"),
                      QCoreApplication.translate("export", "%1 already exists in %2. Replace it? The file there "
                                                 "now will be lost.").replace("%1", path.name)
                      .replace("%2", str(path.parent)),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("replaceQuestion")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(QCoreApplication.translate("export", "Replace"))
    return box.exec() == QMessageBox.StandardButton.Yes


def save_file_name(parent: QWidget, title: str, suggested: str, filters: str) -> str:
    """The file chooser for a file to write, without its own overwrite question (`confirm_replace` asks)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters,
                                          options=QFileDialog.Option.DontConfirmOverwrite)
    return path


@dataclass(frozen=True)
class ExportChoices:
    """What the export dialog offers, read in one go off the GUI thread."""

    profiles: list[exporting.ProfileEntry]
    lists: list[ListSummary]
    organizations: list[OrganizationView]


def read_export_choices(waited: WaitedReads, workspace: Workspace) -> ExportChoices | None:
    """The profiles, lists and partners, read off the GUI thread through `waited` (the window answering
    meanwhile); None if the read failed (and said why) or another roster or officer came meanwhile."""
    db = workspace.db
    found = waited.wait_for(lambda: ExportChoices(exporting.list_profiles(db), lists.all_lists(db),
                                                  partners.organizations(db)))
    return found[0] if found else None


class PreviewModel(QAbstractTableModel):
    """The first rows of the export, as text, under the profile's headers (read-only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[list[str]] = []

    def set_preview(self, preview: Preview) -> None:
        self.beginResetModel()
        self._headers = list(preview.headers)
        self._rows = [list(row) for row in preview.rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        text = row[index.column()] if index.column() < len(row) else ""
        return plain_tip(text) if role == Qt.ItemDataRole.ToolTipRole else text


class ExportDialog(QDialog, HoldsWorkspace):
    """Choose and run one export; `exported` carries the result once the file is written and recorded."""

    exported = Signal(object)

    def __init__(self, workspace: Workspace, *, roster_query: RosterQuery | None = None,
                 selected_ids: list[int] | None = None, parent: QWidget | None = None,
                 choices: ExportChoices | None = None) -> None:
        """`choices`: the profiles, lists and partners to offer, read by the caller off the GUI thread
        (`read_export_choices`, as `open_export_dialog` does); without them the dialog reads them itself,
        waiting for the read."""
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export for a partner"))
        self.workspace = workspace
        self._waited = WaitedReads(self, lambda: workspace.db)
        if choices is None:
            choices = read_export_choices(self._waited, workspace) or ExportChoices([], [], [])
        self._list_partners = {summary.id: summary.organization for summary in choices.lists}
        self.roster_query = roster_query
        self.selected_ids = list(selected_ids or [])
        self.task: PendingOperation | None = None
        self.export_result: ExportResult | None = None
        self._summary: exporting.SelectionSummary | None = None
        self._generation = 0  # the selection asked for last: a summary overtaken by a later choice is not shown
        self.resize(1000, 720)

        self.profile_combo = QComboBox(self, objectName="profileCombo")
        self.edit_profiles_button = QPushButton(self.tr("Edit profiles…"), self, objectName="editProfilesButton")
        self.edit_profiles_button.clicked.connect(self.edit_profiles)
        self._fill_profiles(choices.profiles)

        self.persons_box = QGroupBox(self.tr("Persons"), self)
        self.persons_group = QButtonGroup(self)
        self.by_list = QRadioButton(self.tr("Evacuation list"), self, objectName="byList")
        self.list_combo = QComboBox(self, objectName="listCombo")
        for summary in choices.lists:
            self.list_combo.addItem(f"{summary.name}  ({summary.members})", summary.id)
        self.by_status = QRadioButton(self.tr("Status"), self, objectName="byStatus")
        self.status_combo = QComboBox(self, objectName="statusCombo")
        for status in Status:
            if status is not Status.MERGED:
                self.status_combo.addItem(labels.status(status.value).capitalize(), status.value)
        self.by_view = QRadioButton(self.tr("The roster as filtered now"), self, objectName="byView")
        self.by_selection = QRadioButton(self.tr("The %n selected person(s)", "", len(self.selected_ids)), self,
                                         objectName="bySelection")
        self.whole_roster = QRadioButton(self.tr("The whole roster"), self, objectName="wholeRoster")
        grid = QGridLayout(self.persons_box)
        for row, (button, extra) in enumerate(((self.by_list, self.list_combo), (self.by_status, self.status_combo),
                                               (self.by_view, None), (self.by_selection, None),
                                               (self.whole_roster, None))):
            self.persons_group.addButton(button, row)
            grid.addWidget(button, row, 0)
            if extra is not None:
                grid.addWidget(extra, row, 1)
        self.by_list.setEnabled(self.list_combo.count() > 0)
        self.list_combo.setEnabled(self.list_combo.count() > 0)
        self.by_view.setEnabled(roster_query is not None)
        self.by_selection.setEnabled(bool(self.selected_ids))
        initial = (self.by_selection if self.selected_ids else self.by_view if roster_query is not None
                   else self.by_list if self.list_combo.count() else self.whole_roster)
        initial.setChecked(True)

        self.file_edit = QLineEdit(self, objectName="fileEdit", placeholderText=self.tr("roster.xlsx, roster.csv or "
                                                                                      "manifest.pdf"))
        self.browse_button = QPushButton(self.tr("Choose…"), self, objectName="browseButton")
        self.browse_button.clicked.connect(self.choose_file)
        self.paper_combo = QComboBox(self, objectName="paperCombo")
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.addItem(self.tr("Letter"), "letter")
        self.partner_combo = QComboBox(self, objectName="partnerCombo")
        self.partner_combo.addItem(self.tr("(none: a file for the mission itself)"), None)
        for organization in choices.organizations:
            self.partner_combo.addItem(organization.name, organization.id)
        self.title_edit = QLineEdit(self, objectName="titleEdit",
                                    placeholderText=self.tr("the profile's title, or the list"))
        self.password_edit = QLineEdit(self, objectName="passwordEdit", placeholderText=self.tr("optional"))
        self.confirm_edit = QLineEdit(self, objectName="confirmEdit", placeholderText=self.tr("the same again"))
        for line in (self.password_edit, self.confirm_edit):
            line.setEchoMode(QLineEdit.EchoMode.Password)
        self.consent_box = QCheckBox(self.tr("Send persons who have not consented to sharing too (the audit trail "
                                             "names them)"), self, objectName="includeWithoutConsent")
        self.summary_label = QLabel(self, objectName="exportSummary")
        self.summary_label.setWordWrap(True)
        self.problem_label = QLabel(self, objectName="exportProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(WARNING_STYLE)

        self.preview_model = PreviewModel(self)
        self.preview_view = QTableView(self, objectName="previewTable")
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.preview_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.preview_view.verticalHeader().setDefaultSectionSize(22)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        file_row.addWidget(QLabel(self.tr("Paper")))
        file_row.addWidget(self.paper_combo)
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile_combo, 1)
        profile_row.addWidget(self.edit_profiles_button)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit)
        password_row.addWidget(QLabel(self.tr("Confirm")))
        password_row.addWidget(self.confirm_edit)
        form = QFormLayout()
        for text, field, buddy in ((self.tr("&Profile"), profile_row, self.profile_combo),
                                   (self.tr("&File"), file_row, self.file_edit),
                                   (self.tr("P&artner"), self.partner_combo, self.partner_combo),
                                   (self.tr("&Title"), self.title_edit, self.title_edit),
                                   (self.tr("Pass&word"), password_row, self.password_edit)):
            label = QLabel(text, self)
            label.setBuddy(buddy)
            form.addRow(label, field)
        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addWidget(self.persons_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.consent_box)
        layout.addWidget(QLabel(self.tr("<b>Preview</b> (the first rows, as the partner will read them)")))
        layout.addWidget(self.preview_view, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        for signal in (self.profile_combo.currentIndexChanged, self.list_combo.currentIndexChanged,
                       self.status_combo.currentIndexChanged, self.persons_group.idToggled,
                       self.title_edit.textChanged):
            signal.connect(self._refresh_timer.start)
        self.list_combo.currentIndexChanged.connect(self._partner_of_list)
        for signal in (self.file_edit.textChanged, self.password_edit.textChanged, self.confirm_edit.textChanged,
                       self.partner_combo.currentIndexChanged, self.consent_box.toggled):
            signal.connect(self.check)
        self._partner_of_list()
        self.refresh()

    # --- what the officer chose ------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether a read (the choices, the summary and preview, the profiles) is on its way."""
        return self._waited.busy

    def _fill_profiles(self, entries: list[exporting.ProfileEntry], select: str | None = None) -> None:
        current = select or self.profile_combo.currentData()
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for entry in entries:
            label = self.tr("%1  (built in)").replace("%1", entry.name) if entry.builtin else entry.name
            self.profile_combo.addItem(label, entry.key)
        index = self.profile_combo.findData(current) if current else -1
        self.profile_combo.setCurrentIndex(index if index >= 0 else self.profile_combo.findData("full_roster"))
        self.profile_combo.blockSignals(False)

    def selection(self) -> Selection:
        if self.by_list.isChecked():
            return Selection(list_id=self.list_combo.currentData())
        if self.by_status.isChecked():
            return Selection(statuses=(Status(self.status_combo.currentData()),))
        if self.by_view.isChecked() and self.roster_query is not None:
            return Selection(query=self.roster_query)
        if self.by_selection.isChecked():
            return Selection(person_ids=tuple(self.selected_ids))
        return Selection()

    def path(self) -> Path | None:
        """The file to write; a bare name typed in the field is in the home folder (where the file
        chooser starts), never in the folder the program happened to be started from."""
        text = self.file_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.is_absolute() else Path.home() / path

    def is_pdf(self) -> bool:
        path = self.path()
        return path is not None and path.suffix.lower() == ".pdf"

    def is_workbook(self) -> bool:
        """Whether the file is a workbook, the one format a password protects (not a PDF or a CSV)."""
        path = self.path()
        return path is None or path.suffix.lower() not in (".pdf", ".csv")

    @Slot()
    def _partner_of_list(self) -> None:
        """A list is sent to its partner: choosing it proposes that partner as the recipient."""
        if self.list_combo.currentData() is None:
            return
        organization = self._list_partners.get(self.list_combo.currentData())  # read with the lists
        index = self.partner_combo.findText(organization) if organization else -1
        if index >= 0:
            self.partner_combo.setCurrentIndex(index)

    # --- summary, preview and checks ---------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        self._refresh_timer.stop()
        self._generation += 1
        generation = self._generation
        db, title, key = self.db, self.title_edit.text() or None, self.profile_combo.currentData()
        try:
            selection = self.selection()

            def read() -> tuple[ExportProfile, exporting.SelectionSummary, Preview] | RosterError:
                try:
                    profile = exporting.get_profile(db, key)  # a saved profile is read from the roster
                    return (profile, exporting.summarize(db, selection, profile),
                            exporting.preview(db, selection, profile, limit=PREVIEW_ROWS, title=title))
                except RosterError as exc:  # said in the summary line, not in an error box
                    return exc

            # Summarising the whole roster reads every person: off the GUI thread, the window answering meanwhile.
            found = self._waited.wait_for(read)
            if not shiboken6.isValid(self) or generation != self._generation:
                return  # closed, or overtaken by a later choice, which shows its own
            if not found:
                return  # another roster or officer meanwhile: the window closes this dialog
            if isinstance(found[0], RosterError):
                raise found[0]
            profile, self._summary, preview = found[0]
            self.preview_model.set_preview(preview)
            self.preview_view.setLayoutDirection(Qt.LayoutDirection.RightToLeft if profile.language == "ar"
                                                 else Qt.LayoutDirection.LeftToRight)
        except RosterError as exc:
            self._summary = None
            self.preview_model.set_preview(Preview([], [], 0))
            self.summary_label.setText(translated(exc))
        self.check()

    @Slot()
    def check(self) -> bool:
        """Show what goes and what is wrong; the Export button is on only when nothing is."""
        summary = self._summary
        problems: list[str] = []
        pdf = self.is_pdf()
        self.paper_combo.setEnabled(pdf)
        workbook = self.is_workbook()
        for line in (self.password_edit, self.confirm_edit):
            line.setEnabled(workbook)
        if summary is not None:
            text = (self.tr("%1 persons, %2 rows.").replace("%1", f"{summary.persons:,}")
                    .replace("%2", f"{summary.rows:,}"))
            if summary.without_consent:
                refs = ", ".join(summary.without_consent_refs)
                refs += "…" if summary.without_consent > len(summary.without_consent_refs) else ""
                text += " " + (self.tr("%1 of them have not consented to sharing their data (%2).")
                               .replace("%1", str(summary.without_consent)).replace("%2", refs))
            self.summary_label.setText(text)
            self.consent_box.setVisible(bool(summary.without_consent))
            if summary.rows == 0:
                problems.append(self.tr("Nobody is selected."))
            if summary.without_consent and self.partner_combo.currentData() is not None \
                    and not self.consent_box.isChecked():
                problems.append(self.tr("Some persons have not consented to sharing: tick the box to send them "
                                        "too, or choose other persons."))
        path = self.path()
        if path is None:
            problems.append(self.tr("Choose the file to write."))
        elif path.suffix.lower() not in (".xlsx", ".csv", ".pdf"):
            problems.append(self.tr("The file must end in .xlsx (a workbook), .csv (a table for a partner's system) "
                                    "or .pdf (a printed manifest)."))
        else:
            try:  # an existing file is asked about on Export; the roster or a database is refused here
                exporting.check_export_path(self.db, path, overwrite=True)
            except RosterError as exc:
                problems.append(translated(exc))
        if workbook and self.password_edit.text() != self.confirm_edit.text():
            problems.append(self.tr("The two passwords differ."))
        self.problem_label.setText(" ".join(problems))
        ok = summary is not None and not problems
        self.export_button.setEnabled(ok and self.task is None)
        return ok

    # --- actions --------------------------------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        suggested = self.file_edit.text() or str(Path.home() / "export.xlsx")
        path = save_file_name(self, self.tr("Export to"), suggested,
                              self.tr("Excel workbook (*.xlsx);;CSV for a partner's system (*.csv);;"
                                      "PDF manifest (*.pdf)"))
        if path:
            self.file_edit.setText(path)

    @Slot()
    def edit_profiles(self) -> None:
        from desktop_app.ui.profile_editor import ProfileEditor

        editor = ProfileEditor(self.workspace, start=self.profile_combo.currentData(), parent=self)
        editor.exec()
        db = self.db
        found = self._waited.wait_for(lambda: exporting.list_profiles(db))
        if found:
            self._fill_profiles(found[0], editor.last_saved)
        self.refresh()

    @Slot()
    def start_export(self) -> None:
        if not self.check():
            return
        path = self.path()
        assert path is not None
        overwrite = os.path.lexists(path)  # a dangling link too: it is replaced only when the user agrees
        if overwrite and not confirm_replace(self, path):
            return
        key = self.profile_combo.currentData()
        kwargs: dict[str, Any] = dict(selection=self.selection(),
                                      partner=self.partner_combo.currentData(),
                                      title=self.title_edit.text() or None, operator=self.operator,
                                      include_without_consent=self.consent_box.isChecked(), overwrite=overwrite)
        db = self.db
        if self.is_pdf():
            from desktop_app.rendering import write_manifest_pdf

            paper = self.paper_combo.currentData()

            def operation(progress: Progress) -> ExportResult:
                return exporting.export_manifest(db, path, render=write_manifest_pdf, paper=paper,
                                                 profile=exporting.get_profile(db, key), **kwargs)
        else:
            password = (self.password_edit.text() or None) if self.is_workbook() else None

            def operation(progress: Progress) -> ExportResult:
                return exporting.export_persons(db, path, password=password, progress=progress,
                                                profile=exporting.get_profile(db, key), **kwargs)

        self.export_button.setEnabled(False)
        self.task = run_in_background(self, self.tr("Exporting…"), operation, self._done, self._failed,
                                      hub=hub_of(self), kinds=frozenset())

    def reject(self) -> None:
        """Escape or closing the dialog while the file is written cancels it, as the progress dialog's
        Cancel does (nothing is written): the officer who closed it must not find the file sent anyway."""
        if self.task is not None:
            self.task.cancel()
        super().reject()

    def _done(self, result: ExportResult) -> None:
        self.task = None
        self.export_result = result
        log.info("export written: %d rows, format %s", result.rows, result.format)
        self.exported.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.check()
        show_error(self, exc)


# --- the window ------------------------------------------------------------------------------------

def open_export_dialog(window: WindowHost, *, selected_only: bool = False) -> ExportDialog | None:
    """The export dialog for the main window's roster (its current filter and selection); None if what it
    offers could not be read (the officer was told why) or another roster or officer came meanwhile."""
    selected, query, workspace = window.roster.selected_ids(), window.roster.model.query, window.workspace
    assert workspace is not None
    main = window.window()
    with opening_once(main, "exportDialog") as first:
        if not first:  # asked again while the first one's choices are read: that one opens, alone
            return None
        choices = read_export_choices(WaitedReads(main, lambda: window.db), workspace)
    if choices is None:
        return None
    dialog = ExportDialog(workspace, roster_query=query, selected_ids=selected, parent=window.window(),
                          choices=choices)
    if selected_only and selected:
        dialog.by_selection.setChecked(True)
    dialog.exported.connect(lambda result: window.statusBar().showMessage(
        QCoreApplication.translate("ExportDialog", "Exported %1 persons to %2 (recorded in the audit trail)")
        .replace("%1", str(result.persons)).replace("%2", result.path.name), 10_000))
    return dialog
