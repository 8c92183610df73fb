"""Exchange ▸ Import spreadsheet… (Ctrl+I): a wizard from the file to the report.

Pages: the file (a protected workbook asks for its password) → the sheet and header row
(the first rows shown, the header highlighted) → the column mapping (a field for each
column, saved profiles, how to read ambiguous dates) → the preview (every row with its
outcome, filtered by outcome; possible duplicates left out unless ticked) → the report
(counts, rejected rows saved to fix). Reading, previewing and committing run off the GUI
thread with progress and cancel; nothing is written before the preview's Import button.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.domain.errors import RosterError
from desktop_app.services import importing
from desktop_app.services.changes import PROFILES
from desktop_app.services.importing import IMPORT_TARGETS, PasswordRequired, WrongPassword, column_letter
from desktop_app.services.workspace import Workspace
from desktop_app.ui import labels
from desktop_app.ui.cell_text import LinesTable
from desktop_app.ui.errors import show_error
from desktop_app.ui.importing.models import SheetGridModel
from desktop_app.ui.importing.pages import PreviewPage, ReportPage
from desktop_app.ui.operations import PendingOperation, run_in_background, write_and_wait
from desktop_app.ui.workspace_signals import HoldsWorkspace, hub_of

if TYPE_CHECKING:
    from desktop_app.services.workspace import Roster
    from desktop_app.ui.main_window.host import WindowHost

FILE_PAGE, TABLE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, REPORT_PAGE = range(5)


class ImportWizard(QWizard, HoldsWorkspace):
    """The import, step by step; `imported(import_id)` once the roster changed."""

    imported = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import a spreadsheet"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.workspace = workspace
        self.source: importing.ImportFile | None = None
        self.password: str | None = None
        self.table: importing.TableInfo | None = None
        self.preview: importing.ImportPreview | None = None
        self.result: importing.ImportResult | None = None
        self.task: PendingOperation | None = None
        self.imported_into: Roster | None = None  # the roster the import was written on
        self.file_page = FilePage(self)
        self.table_page = TablePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.report_page = ReportPage(self)
        for page_id, page in enumerate((self.file_page, self.table_page, self.mapping_page, self.preview_page,
                                        self.report_page)):
            self.setPage(page_id, page)
        self.resize(1100, 680)

    def run_task(self, title: str, operation: Any, on_success: Any, on_failure: Any = None, *,
                 write: bool = False) -> None:
        """Run `operation(progress)` off the GUI thread; a `write` waits for the roster's lock and tells the
        window what it committed."""
        self.task = run_in_background(self, title, operation, on_success, on_failure,
                                      hub=hub_of(self) if write else None, kinds=frozenset())


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("A list in .xlsx, .xls, .ods or .csv (any encoding). Nothing is written before the "
                                 "preview."))
        self.path = QLineEdit(objectName="importPath")
        self.path.setPlaceholderText(self.tr("Path of the spreadsheet"))
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Browse…"), objectName="importBrowse")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.info = QLabel(objectName="importFileInfo")
        self.info.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.info)
        layout.addStretch(1)
        self._read_path: str | None = None

    @Slot()
    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a spreadsheet"), self.path.text(),
                                              self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;"
                                                      "All files (*)"))
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        path = self.path.text().strip()
        if self.wiz.source is not None and self._read_path == path:
            return True
        self.read(path, self.wiz.password)
        return False

    def read(self, path: str, password: str | None) -> None:
        """Read the file off the GUI thread; go on to the next page when it is read."""
        def done(source: importing.ImportFile) -> None:
            self.wiz.source, self.wiz.password, self._read_path = source, password, path
            hidden = self.tr("%1 (hidden)")
            sheets = ", ".join(hidden.replace("%1", s.name) if s.hidden else s.name for s in source.sheets)
            self.info.setText(self.tr("%1 file with sheets: %2").replace("%1", source.format.upper())
                              .replace("%2", sheets))
            self.wiz.next()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PasswordRequired | WrongPassword):
                if isinstance(exc, WrongPassword):
                    show_error(self, exc)
                given = self.ask_password()
                if given is not None:
                    self.read(path, given)
                return
            show_error(self, exc)

        self.wiz.source = None
        self.wiz.run_task(self.tr("Reading the file…"),
                          lambda progress: importing.open_import_file(path, password=password), done, failed)

    def ask_password(self) -> str | None:
        dialog = QInputDialog(self)
        dialog.setObjectName("importPasswordDialog")
        dialog.setWindowTitle(self.tr("Password"))
        dialog.setLabelText(self.tr("This workbook is protected by a password. Password:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        return dialog.textValue() if dialog.exec() else None


class TablePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Sheet and header row"))
        self.setSubTitle(self.tr("The header row is found below any title rows; choose another sheet or row if "
                                 "needed."))
        self.sheet = QComboBox(objectName="sheetCombo")
        self.header_row = QSpinBox(objectName="headerRowSpin")
        self.header_row.setRange(1, 30)
        self.grid = SheetGridModel(self)
        self.view = LinesTable(objectName="sheetGrid")  # its cells on one line; Ctrl+C copies a cell as typed
        self.view.setModel(self.grid)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Sheet:")))
        row.addWidget(self.sheet, 1)
        row.addWidget(QLabel(self.tr("Header in row:")))
        row.addWidget(self.header_row)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.sheet.currentIndexChanged.connect(self._sheet_chosen)
        self.header_row.valueChanged.connect(self.grid.set_header_row)

    def initializePage(self) -> None:
        source = self.wiz.source
        assert source is not None
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for info in source.sheets:
            label = info.name
            if info.hidden:
                label = self.tr("%1 (hidden)").replace("%1", label)
            if info.empty:
                label = self.tr("%1 (empty)").replace("%1", label)
            self.sheet.addItem(label, info.name)
        try:
            self.sheet.setCurrentIndex(self.sheet.findData(source.default_sheet()))
        except RosterError as exc:
            show_error(self, exc)
        self.sheet.blockSignals(False)
        self._sheet_chosen()

    @Slot()
    def _sheet_chosen(self) -> None:
        source, name = self.wiz.source, self.sheet.currentData()
        if source is None or name is None:
            return
        try:
            rows = source.first_rows(name)
            guess = source.guess_header_row(name)
        except RosterError:
            self.grid.set_rows([], 1)
            return
        self.header_row.setValue(guess)
        self.grid.set_rows(rows, guess)
        self.view.resizeColumnsToContents()

    def validatePage(self) -> bool:
        try:
            self.wiz.table = importing.describe_table(self.wiz.db, self.wiz.source, sheet=self.sheet.currentData(),
                                                      header_row=self.header_row.value())
        except RosterError as exc:
            show_error(self, exc)
            return False
        return True


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Choose the roster field of each column. A saved profile is applied by itself when "
                                 "the headers are the same."))
        self.profile = QComboBox(objectName="profileCombo")
        apply_button = QPushButton(self.tr("Apply profile"), objectName="applyProfileButton")
        apply_button.clicked.connect(self.apply_profile)
        save_button = QPushButton(self.tr("Save as profile…"), objectName="saveProfileButton")
        save_button.clicked.connect(lambda: self.save_profile())  # clicked(bool) would pass False as the name
        self.date_order = QComboBox(objectName="dateOrderCombo")
        self.date_order.addItem(self.tr("as most dates in the column"), None)
        self.date_order.addItem(self.tr("day first (31/12/1980)"), "DMY")
        self.date_order.addItem(self.tr("month first (12/31/1980)"), "MDY")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Profile:")))
        top.addWidget(self.profile, 1)
        top.addWidget(apply_button)
        top.addWidget(save_button)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(self.tr("Dates like 01/02/1980 are read")))
        dates.addWidget(self.date_order)
        dates.addStretch(1)
        # Columns left out, said where the officer looks (a volunteer's 'Место нахождения' was
        # lost in small print under the preview), with the field each may hold.
        self.left_out = QLabel(objectName="unmappedColumns")
        self.left_out.setWordWrap(True)
        self.left_out.setStyleSheet("QLabel { background: #fff3cd; color: #4d3800; border: 1px solid #d9b650; "
                                    "border-radius: 3px; padding: 6px; }")
        self.use_suggestions = QPushButton(self.tr("Use the suggested fields"), objectName="useSuggestedFields")
        self.use_suggestions.clicked.connect(self.apply_suggestions)
        left_out_row = QHBoxLayout()
        left_out_row.addWidget(self.left_out, 1)
        left_out_row.addWidget(self.use_suggestions)
        self.suggestions: dict[int, str] = {}
        self.titles: list[QLabel] = []
        self.columns = QWidget(objectName="mappingColumns")
        self.grid = QGridLayout(self.columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.columns)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(dates)
        layout.addLayout(left_out_row)
        layout.addWidget(scroll, 1)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        self.profile.clear()
        self.profile.addItem(self.tr("(none)"), None)
        for saved in importing.list_mapping_profiles(self.wiz.db):
            self.profile.addItem(saved.name, saved.name)
        table = self.wiz.table
        assert table is not None
        if table.profile_name:
            self.profile.setCurrentIndex(self.profile.findData(table.profile_name))
        self._fill(table)

    def _fill(self, table: importing.TableInfo) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.combos = []
        self.titles = []
        for col, title in enumerate((self.tr("Column"), self.tr("First values"), self.tr("Roster field"))):
            label = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(label, 0, col)
        for index in range(len(table.headers)):
            combo = QComboBox(objectName=f"mapColumn{index}")
            combo.addItem(self.tr("— not imported —"), "")
            for key, label in IMPORT_TARGETS.items():
                combo.addItem(labels.field_label(key, label), key)
            combo.setCurrentIndex(combo.findData(table.mapping.get(index, "")))
            sample = QLabel(" · ".join(table.samples[index]))
            sample.setWordWrap(True)
            title = QLabel(table.column_title(index))
            self.grid.addWidget(title, index + 1, 0)
            self.grid.addWidget(sample, index + 1, 1)
            self.grid.addWidget(combo, index + 1, 2)
            self.combos.append(combo)
            self.titles.append(title)
            combo.currentIndexChanged.connect(self._show_left_out)
        self.grid.setColumnStretch(1, 1)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(len(table.headers) + 1, 1)  # rows stay at the top
        self._show_left_out()

    @Slot()
    def _show_left_out(self) -> None:
        """Name every headed column that is not imported, with the field it may hold (when free)."""
        table = self.wiz.table
        if table is None or len(self.combos) != len(table.headers):
            return
        taken = {combo.currentData() for combo in self.combos if combo.currentData()}
        self.suggestions = {}
        lines = []
        for index, (header, combo) in enumerate(zip(table.headers, self.combos, strict=True)):
            left_out = bool(header) and not combo.currentData()
            self.titles[index].setStyleSheet("color: #8a5a00; font-weight: bold;" if left_out else "")
            if not left_out:
                continue
            suggested = importing.suggest_target(header)
            if suggested and suggested not in taken:
                self.suggestions[index] = suggested
                taken.add(suggested)
                label = labels.field_label(suggested, IMPORT_TARGETS[suggested])
                lines.append(self.tr("%1 (looks like <b>%2</b>)").replace("%1", html.escape(table.column_title(index)))
                             .replace("%2", html.escape(label)))
            else:
                lines.append(html.escape(table.column_title(index)))
        self.left_out.setText(self.tr("⚠ Not imported: %1. Choose a field below for any column you want to keep.")
                              .replace("%1", "; ".join(lines)))
        self.left_out.setVisible(bool(lines))
        self.use_suggestions.setVisible(bool(self.suggestions))

    @Slot()
    def apply_suggestions(self) -> None:
        """Map each left-out column to its suggested field."""
        for index, target in dict(self.suggestions).items():
            combo = self.combos[index]
            combo.setCurrentIndex(combo.findData(target))

    def overrides(self) -> dict[str, str | None]:
        """Every column's choice, by column letter."""
        return {column_letter(i + 1): combo.currentData() or None for i, combo in enumerate(self.combos)}

    def chosen_mapping(self) -> dict[str, str]:
        table = self.wiz.table
        assert table is not None
        return {h: self.combos[i].currentData() or "" for i, h in enumerate(table.headers) if h}

    @Slot()
    def apply_profile(self) -> None:
        try:
            self.wiz.table = importing.describe_table(self.wiz.db, self.wiz.source, sheet=self.wiz.table.sheet,
                                                      header_row=self.wiz.table.header_row,
                                                      profile_name=self.profile.currentData())
        except RosterError as exc:
            show_error(self, exc)
            return
        self._fill(self.wiz.table)

    @Slot()
    def save_profile(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("Save the mapping"),
                                            self.tr("Profile name (for example 'Egyptian MFA'):"),
                                            text=self.profile.currentData() or "")
            if not ok:
                return
        table = self.wiz.table
        assert table is not None
        db, operator, headers, mapping = self.wiz.db, self.wiz.operator, table.headers, self.chosen_mapping()
        try:  # through the runner: a colleague's write is waited for with the window answering
            saved = write_and_wait(self, self.tr("Saving the column profile"), lambda: importing.save_mapping_profile(
                db, name, headers, mapping, operator=operator), kinds=frozenset({PROFILES}))
        except RosterError as exc:
            show_error(self, exc)
            return
        if self.profile.findData(saved.name) < 0:
            self.profile.addItem(saved.name, saved.name)
        self.profile.setCurrentIndex(self.profile.findData(saved.name))

    def validatePage(self) -> bool:
        try:
            self.wiz.table = importing.describe_table(self.wiz.db, self.wiz.source, sheet=self.wiz.table.sheet,
                                                      header_row=self.wiz.table.header_row,
                                                      mapping_overrides=self.overrides())
        except RosterError as exc:
            show_error(self, exc)
            return False
        return True


def open_import_wizard(window: WindowHost) -> ImportWizard:
    assert window.workspace is not None
    wizard = ImportWizard(window.workspace, window.window())
    wizard.imported.connect(lambda import_id: _undoable(window, wizard, import_id))
    return wizard


def _undoable(window: WindowHost, wizard: ImportWizard, import_id: int) -> None:
    """Edit > Undo takes the import back as a whole, also after the wizard closed."""
    from desktop_app.ui.undo_commands import push_operation

    db, operator = wizard.imported_into, window.operator
    if db is None:
        return
    push_operation(window, QCoreApplication.translate("ImportWizard", "Import #%1").replace("%1", str(import_id)),
                   lambda: importing.undo_import(db, import_id, operator=operator), written_on=db)
