"""The export profile editor: the columns a partner gets, in its order, with its header labels.

Profiles are listed on the left (built-in ones first, then the mission's own). The form on
the right sets the name, the partner's language (English, Russian, French, Arabic: default
headers follow the language, headers typed by hand stay), the date format, upper-case Latin
names, grouping, whether the UUID column shows, the title row and the sheet name. Columns
are chosen from every export column and ordered with the buttons; each header is edited in
place. Built-in profiles cannot be changed: opening one proposes a copy under a new name.
Everything is saved through `services.exporting`, which validates and audits.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import RosterError
from desktop_app.domain.export_profile import (
    DATE_FORMATS,
    EXPORT_COLUMNS,
    LANGUAGES,
    ExportColumn,
    ExportProfile,
    Grouping,
    default_label,
)
from desktop_app.services import exporting
from desktop_app.services.changes import PROFILES
from desktop_app.services.exporting import ProfileEntry
from desktop_app.services.workspace import Workspace
from desktop_app.ui.errors import show_error, translated
from desktop_app.ui.operations import write_and_wait
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.workspace_signals import HoldsWorkspace

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "fr": "Français", "ar": "العربية"}
GROUPING_NAMES = {Grouping.PERSON: QT_TRANSLATE_NOOP("ProfileEditor", "One row per person"),
                  Grouping.HOUSEHOLD: QT_TRANSLATE_NOOP("ProfileEditor", "Households together"),
                  Grouping.LIST: QT_TRANSLATE_NOOP("ProfileEditor", "One sheet per evacuation list")}
NEW_PROFILE_COLUMNS = ("row_number", "surname", "given_names", "birth_date", "nationality", "document_number")
KEY_ROLE = Qt.ItemDataRole.UserRole + 20


def column_title(key: str) -> str:
    """How the editor names a column key: its default header in the interface language (English otherwise)."""
    return default_label(key, "ru" if QLocale().language() == QLocale.Language.Russian else "en")


class ChosenColumnsModel(QAbstractTableModel):
    """The profile's columns in order: the column (fixed) and its header in the file (editable)."""

    TITLES = (QT_TRANSLATE_NOOP("ChosenColumnsModel", "Column"),
              QT_TRANSLATE_NOOP("ChosenColumnsModel", "Header in the file"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns: list[list[str]] = []  # [key, label]

    def set_columns(self, columns: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._columns = [[key, label] for key, label in columns]
        self.endResetModel()

    def columns(self) -> list[tuple[str, str]]:
        return [(key, label) for key, label in self._columns]

    def column_keys(self) -> list[str]:
        return [key for key, _ in self._columns]

    def add(self, key: str, label: str) -> None:
        row = len(self._columns)
        self.beginInsertRows(QModelIndex(), row, row)
        self._columns.append([key, label])
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._columns[row]
        self.endRemoveRows()

    def move(self, row: int, step: int) -> int:
        """Move a column up (-1) or down (+1); returns its new row."""
        target = row + step
        if not (0 <= row < len(self._columns) and 0 <= target < len(self._columns)):
            return row
        destination = target + 1 if step > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._columns.insert(target, self._columns.pop(row))
        self.endMoveRows()
        return target

    def retranslate(self, old: str, new: str) -> None:
        """Default headers of language `old` become those of `new`; headers typed by hand stay."""
        for column in self._columns:
            if column[1] == default_label(column[0], old):
                column[1] = default_label(column[0], new)
        if self._columns:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._columns) - 1, 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.TITLES):
            return QCoreApplication.translate("ChosenColumnsModel", self.TITLES[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._columns):
            return None
        key, label = self._columns[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column_title(key) if index.column() == 0 else label
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return f"{key} ({EXPORT_COLUMNS[key].kind.value})"
        if role == KEY_ROLE:
            return key
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        self._columns[index.row()][1] = str(value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True


class AvailableColumnsModel(QAbstractListModel):
    """Every export column not chosen yet, in the registry's order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys: list[str] = []

    def set_excluded(self, chosen: list[str]) -> None:
        self.beginResetModel()
        self._keys = [key for key in EXPORT_COLUMNS if key not in set(chosen)]
        self.endResetModel()

    def key(self, row: int) -> str:
        return self._keys[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        key = self._keys[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return key
        if role == KEY_ROLE:
            return key
        return None


class ProfileEditor(QDialog, HoldsWorkspace):
    """Browse, make, change and delete export profiles; `saved` carries a saved profile's name."""

    saved = Signal(str)

    def __init__(self, workspace: Workspace, *, start: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileEditor")
        self.setWindowTitle(self.tr("Export profiles"))
        self.workspace = workspace
        self.last_saved: str | None = None
        self.loaded: ProfileEntry | None = None
        self._language = "en"
        self.resize(1060, 640)

        self.profiles_model: RecordsModel[ProfileEntry] = RecordsModel(
            [(self.tr("Profile"), lambda e: e.name),
             (self.tr("Kind"), lambda e: self.tr("built in") if e.builtin else self.tr("mission's own"))],
            parent=self)
        self.profiles_view = QTableView(self, objectName="profilesTable")
        self.profiles_view.setModel(self.profiles_model)
        self.profiles_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.profiles_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.profiles_view.verticalHeader().hide()
        self.profiles_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.new_button = QPushButton(self.tr("New"), self, objectName="newProfileButton")
        self.new_button.clicked.connect(self.new_profile)
        self.delete_button = QPushButton(self.tr("Delete"), self, objectName="deleteProfileButton")
        self.delete_button.clicked.connect(self.delete_profile)

        self.name_edit = QLineEdit(self, objectName="profileName")
        self.language_combo = QComboBox(self, objectName="profileLanguage")
        for code in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES[code], code)
        self.date_combo = QComboBox(self, objectName="profileDateFormat")
        for date_format in DATE_FORMATS:
            self.date_combo.addItem(date_format, date_format)
        self.grouping_combo = QComboBox(self, objectName="profileGrouping")
        for grouping, text in GROUPING_NAMES.items():
            self.grouping_combo.addItem(self.tr(text), grouping.value)
        self.latin_box = QCheckBox(self.tr("Names in upper-case Latin letters, as in the passport"), self,
                                   objectName="profileLatin")
        self.uuid_box = QCheckBox(self.tr("Show the record ID (UUID) column (always written last; hidden unless "
                                          "ticked)"), self, objectName="profileShowUuid")
        self.title_edit = QLineEdit(self, objectName="profileTitle", placeholderText=self.tr("none"))
        self.sheet_edit = QLineEdit(self, objectName="profileSheetName")

        self.available_model = AvailableColumnsModel(self)
        self.available_view = QListView(self, objectName="availableColumns")
        self.available_view.setModel(self.available_model)
        self.available_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.available_view.doubleClicked.connect(lambda _index: self.add_columns())
        self.chosen_model = ChosenColumnsModel(self)
        self.chosen_view = QTableView(self, objectName="chosenColumns")
        self.chosen_view.setModel(self.chosen_model)
        self.chosen_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.chosen_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.chosen_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.chosen_view.verticalHeader().setDefaultSectionSize(22)
        self.add_button = QPushButton(self.tr("Add →"), self, objectName="addColumnButton")
        self.add_button.clicked.connect(self.add_columns)
        self.remove_button = QPushButton(self.tr("← Remove"), self, objectName="removeColumnButton")
        self.remove_button.clicked.connect(self.remove_column)
        self.up_button = QPushButton(self.tr("Up"), self, objectName="moveUpButton")
        self.up_button.clicked.connect(lambda: self.move_column(-1))
        self.down_button = QPushButton(self.tr("Down"), self, objectName="moveDownButton")
        self.down_button.clicked.connect(lambda: self.move_column(1))

        self.hint_label = QLabel(self, objectName="profileHint")
        self.hint_label.setWordWrap(True)
        self.problem_label = QLabel(self, objectName="profileProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b71c1c;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveProfileButton")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self._lay_out()
        self.language_combo.currentIndexChanged.connect(self._language_changed)
        for signal in (self.name_edit.textChanged, self.date_combo.currentIndexChanged,
                       self.grouping_combo.currentIndexChanged, self.latin_box.toggled, self.uuid_box.toggled,
                       self.title_edit.textChanged, self.sheet_edit.textChanged, self.chosen_model.dataChanged,
                       self.chosen_model.rowsInserted, self.chosen_model.rowsRemoved, self.chosen_model.rowsMoved,
                       self.chosen_model.modelReset):
            signal.connect(self.check)
        self.profiles_view.selectionModel().currentRowChanged.connect(self._profile_chosen)
        self.reload_profiles(start)

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<b>Profiles</b>")))
        left.addWidget(self.profiles_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name_edit)
        form.addRow(self.tr("&Language of the headers"), self.language_combo)
        form.addRow(self.tr("&Dates"), self.date_combo)
        form.addRow(self.tr("&Grouping"), self.grouping_combo)
        form.addRow("", self.latin_box)
        form.addRow("", self.uuid_box)
        form.addRow(self.tr("&Title row"), self.title_edit)
        form.addRow(self.tr("&Sheet name"), self.sheet_edit)
        columns = QGridLayout()
        columns.addWidget(QLabel(self.tr("Available columns")), 0, 0)
        columns.addWidget(QLabel(self.tr("Columns of the file, in order (double-click a header to edit it)")), 0, 2)
        columns.addWidget(self.available_view, 1, 0)
        middle = QVBoxLayout()
        middle.addStretch(1)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            middle.addWidget(button)
        middle.addStretch(1)
        columns.addLayout(middle, 1, 1)
        columns.addWidget(self.chosen_view, 1, 2)
        columns.setColumnStretch(0, 2)
        columns.setColumnStretch(2, 4)
        right = QVBoxLayout()
        right.addWidget(self.hint_label)
        right.addLayout(form)
        right.addLayout(columns, 1)
        right.addWidget(self.problem_label)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

    # --- loading ------------------------------------------------------------------------------------

    def reload_profiles(self, select: str | None = None) -> None:
        entries = exporting.list_profiles(self.db)
        self.profiles_model.set_records(entries)
        wanted = (select or "").casefold()
        row = next((i for i, e in enumerate(entries) if wanted in (e.key.casefold(), e.name.casefold())), 0)
        if entries:
            self.profiles_view.selectRow(row)
            self._load(entries[row])

    @Slot(QModelIndex, QModelIndex)
    def _profile_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._load(self.profiles_model.record(current.row()))

    def _load(self, entry: ProfileEntry) -> None:
        self.loaded = entry
        profile = entry.profile
        self._set_form(profile, name=self.tr("%1 (copy)").replace("%1", profile.name) if entry.builtin
                       else profile.name)
        self.delete_button.setEnabled(not entry.builtin)
        if entry.builtin:
            hint = self.tr("A built-in profile cannot be changed: your changes are saved as a new profile under the "
                           "name below.")
        elif entry.updated_at:
            hint = (self.tr("Saved by %1 on %2; shared by every workstation of the mission.")
                    .replace("%1", entry.updated_by or "").replace("%2", f"{entry.updated_at:%Y-%m-%d %H:%M}"))
        else:
            hint = ""
        self.hint_label.setText(hint)

    def _set_form(self, profile: ExportProfile, *, name: str) -> None:
        self.name_edit.setText(name)
        self._language = profile.language
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(self.language_combo.findData(profile.language))
        self.language_combo.blockSignals(False)
        self.date_combo.setCurrentIndex(self.date_combo.findData(profile.date_format))
        self.grouping_combo.setCurrentIndex(self.grouping_combo.findData(profile.grouping.value))
        self.latin_box.setChecked(profile.latin_upper_names)
        self.uuid_box.setChecked(profile.show_uuid)
        self.title_edit.setText(profile.title)
        self.sheet_edit.setText(profile.sheet_name)
        self.chosen_model.set_columns([(c.key, c.label) for c in profile.columns])
        self.available_model.set_excluded(self.chosen_model.column_keys())
        self.check()

    @Slot()
    def new_profile(self) -> None:
        self.loaded = None
        columns = tuple(ExportColumn.of(key) for key in NEW_PROFILE_COLUMNS)
        self.profiles_view.clearSelection()
        self._set_form(ExportProfile(name="New profile", columns=columns), name="")
        self.delete_button.setEnabled(False)
        self.hint_label.setText(self.tr("A new profile: name it, choose its columns, save."))
        self.name_edit.setFocus()

    # --- columns ---------------------------------------------------------------------------------------

    @Slot()
    def add_columns(self) -> None:
        rows = sorted(index.row() for index in self.available_view.selectionModel().selectedIndexes())
        for key in [self.available_model.key(row) for row in rows]:
            self.chosen_model.add(key, default_label(key, self._language))
        self.available_model.set_excluded(self.chosen_model.column_keys())

    @Slot()
    def remove_column(self) -> None:
        index = self.chosen_view.currentIndex()
        if index.isValid():
            self.chosen_model.remove(index.row())
            self.available_model.set_excluded(self.chosen_model.column_keys())

    def move_column(self, step: int) -> None:
        index = self.chosen_view.currentIndex()
        if index.isValid():
            row = self.chosen_model.move(index.row(), step)
            self.chosen_view.selectRow(row)

    @Slot()
    def _language_changed(self) -> None:
        new = self.language_combo.currentData()
        self.chosen_model.retranslate(self._language, new)
        self._language = new
        self.check()

    # --- saving ---------------------------------------------------------------------------------------

    def profile(self) -> ExportProfile:
        """The profile the form describes; ValidationError says what is wrong."""
        columns = tuple(ExportColumn.of(key, self._language, label) for key, label in self.chosen_model.columns())
        return ExportProfile(name=self.name_edit.text().strip(), columns=columns, language=self._language,
                             date_format=self.date_combo.currentData(), latin_upper_names=self.latin_box.isChecked(),
                             grouping=Grouping(self.grouping_combo.currentData()), show_uuid=self.uuid_box.isChecked(),
                             title=self.title_edit.text().strip(), sheet_name=self.sheet_edit.text().strip())

    @Slot()
    def check(self) -> bool:
        try:
            self.profile()
        except RosterError as exc:
            self.problem_label.setText(translated(exc))
            self.save_button.setEnabled(False)
            return False
        self.problem_label.setText("")
        self.save_button.setEnabled(True)
        return True

    @Slot()
    def save(self) -> None:
        if not self.check():
            return
        profile = self.profile()
        db, operator = self.db, self.operator
        try:  # through the runner: a colleague's write is waited for with the window answering
            entry = write_and_wait(self, self.tr("Saving the profile"),
                                   lambda: exporting.save_profile(db, profile, operator=operator),
                                   kinds=frozenset({PROFILES}))
        except RosterError as exc:
            self.problem_label.setText(translated(exc))
            return
        self.last_saved = entry.name
        self.saved.emit(entry.name)
        self.reload_profiles(entry.name)

    @Slot()
    def delete_profile(self) -> None:
        entry = self.loaded
        if entry is None or entry.builtin:
            return
        answer = QMessageBox.question(self, self.tr("Delete profile"),
                                      self.tr("Delete the export profile '%1' for the whole mission?")
                                      .replace("%1", entry.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, operator = self.db, self.operator
        try:
            write_and_wait(self, self.tr("Deleting the profile"),
                           lambda: exporting.delete_profile(db, entry.name, operator=operator),
                           kinds=frozenset({PROFILES}))
        except RosterError as exc:
            show_error(self, exc)
            return
        self.reload_profiles()
