"""The roster page: search as you type, combinable filters, the count, and the paged table.

Filters: status, evacuation list, household, needs (several at once: all must hold),
citizenship and locality; the count of matching persons is always shown. The columns are
the user's: the header's context menu shows or hides each, they can be dragged and sorted,
and the layout is saved with the window. A row's context menu is built from
`context_actions` (the window's and any feature's QActions; None is a separator).

The filters' choices (lists, citizenships and localities in use) are read off the GUI thread
(`fill_filter_choices`; `choices_busy` while on their way), and so are the table's ids and rows
(`RosterTableModel`) and the household filter's look-up (with the search it filters); the count
says "200+ persons" until every matching id is known. A reload keeps the selection and the
current person by id. Given the window's hub, the page
follows it: another roster opened (`workspace_changed`) is shown with the filters cleared.

    page = RosterPage(None, window, hub=window.hub)   # the first paint, before the database
    page.attach(database)
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.flags import Flag
from desktop_app.domain.status import Status
from desktop_app.ui import labels
from desktop_app.ui.colours import muted_text
from desktop_app.ui.keys import native_keys
from desktop_app.ui.roster_model import COLUMN_KEYS, COLUMNS, RosterTableModel, column_title

if TYPE_CHECKING:
    from desktop_app.services.workspace import Workspace
    from desktop_app.storage.db import Database
    from desktop_app.ui.latest_read import LatestRead
    from desktop_app.ui.workspace_signals import WorkspaceHub

SEARCH_DELAY_MS = 150
DEFAULT_WIDTHS = {"case_ref": 85, "name": 250, "latin": 210, "birth_date": 90, "sex": 40, "citizenships": 95,
                  "passport": 105, "phone": 130, "status": 90, "household": 80, "relationship": 80, "locality": 110,
                  "flags": 60, "updated": 120}
HIDDEN_BY_DEFAULT = {"relationship", "updated"}
# What a 1280-pixel window shows first: the status right after the name (it fell off the right edge).
DEFAULT_ORDER = ("case_ref", "name", "status", "birth_date", "sex", "citizenships", "passport", "phone", "latin",
                 "locality", "household", "flags", "relationship", "updated")
FILTER_CHOICE_CHARS = 15


class RosterTable(QTableView):
    """The roster's table, whose Home and End (with Ctrl or without) go to the first and the last person.

    The table selects whole rows, so Qt's Home and End, moving the current cell to the first or last
    column, only scrolled the names out of view; Ctrl+End went to the last row and the last column. Here
    the current column is kept (the leftmost shown when there is none, or when the officer hid it: the table
    does not scroll to a cell in a hidden column), so the names stay where they are.
    """

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action not in (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd):
            return super().moveCursor(action, modifiers)
        model, current = self.model(), self.currentIndex()
        rows = model.rowCount()
        column = current.column() if current.isValid() and not self.isColumnHidden(current.column()) \
            else self.columnAt(0)
        if rows == 0 or column < 0:
            return QModelIndex()
        return model.index(0 if action == QAbstractItemView.CursorAction.MoveHome else rows - 1, column)

    def selectionCommand(self, index: QModelIndex | QPersistentModelIndex,
                         event: QEvent | None = None) -> QItemSelectionModel.SelectionFlag:
        """Ctrl+Home and Ctrl+End select the person they go to, as Home and End do, and with Shift every person
        between, as Shift+Home and Shift+End do: in Qt's extended selection Ctrl moves the current row alone, so
        the selection (what a bulk action works on) stayed behind."""
        if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End):
            flag = QItemSelectionModel.SelectionFlag
            extend = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            return (flag.SelectCurrent if extend else flag.ClearAndSelect) | flag.Rows
        return super().selectionCommand(index, event)


def household_id(db: Database, ref: str) -> int:
    """The household the filter names (run off the GUI thread with the search); -1 for none (nobody matches)."""
    from desktop_app.services import households

    found = households.find_household_id(db, ref)
    return -1 if found is None else found


class RosterPage(QWidget):
    person_activated = Signal(int)

    def __init__(self, db: Database | None, parent: QWidget | None = None, *,
                 hub: WorkspaceHub | None = None) -> None:
        """Without `db` the page waits for `attach` (the window's first paint comes before the database).
        With `hub`, the page shows whichever roster the hub's workspace holds (see the module)."""
        super().__init__(parent)
        self.setObjectName("rosterPage")
        self.db = db
        self._choice_reads: LatestRead | None = None  # made when first needed (it loads the runner)
        if hub is not None:
            hub.workspace_changed.connect(self._workspace_replaced)
        self.model = RosterTableModel(db, self)
        if hub is not None:  # no search nor page is read before someone who may read signs in (issue 20)
            self.model.hold_reads(lambda: hub.reads_held)
            hub.reads_released.connect(self.model.resume)
        self.context_actions: list[QAction | None] = []

        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(native_keys(
            self.tr("Search: name in any script, case ref, passport or phone  (Ctrl+F)")))
        self.search.setClearButtonEnabled(True)
        self.status_filter = self._combo("statusFilter", self.tr("All statuses"), filled_later=False)
        for status in Status:
            if status is not Status.MERGED:
                self.status_filter.addItem(labels.status(status.value).capitalize(), status.value)
        self.list_filter = self._combo("listFilter", self.tr("Any list"))
        self.citizenship_filter = self._combo("citizenshipFilter", self.tr("Any citizenship"))
        self.locality_filter = self._combo("localityFilter", self.tr("Any locality"))
        self.household_filter = QLineEdit(self, objectName="householdFilter")
        self.household_filter.setPlaceholderText(self.tr("Household"))
        self.household_filter.setClearButtonEnabled(True)
        self.household_filter.setMaximumWidth(110)
        self.flags_button = QToolButton(self, objectName="flagsFilter")
        self.flags_button.setText(self.tr("Needs"))
        self.flags_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        flags_menu = QMenu(self.flags_button)
        self.flag_actions: dict[Flag, QAction] = {}
        for flag in Flag:
            action = flags_menu.addAction(labels.flag(flag.value))
            action.setCheckable(True)
            action.setObjectName(f"flag_{flag.value}")
            action.toggled.connect(self.apply_filters)
            self.flag_actions[flag] = action
        self.flags_button.setMenu(flags_menu)
        self.clear_button = QPushButton(self.tr("Clear filters"), self, objectName="clearFilters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("matchCount")
        bold = self.count_label.font()  # fonts and palettes, not style sheets: those cost the first paint ~5 ms
        bold.setBold(True)
        self.count_label.setFont(bold)
        if db is not None:
            self.fill_filter_choices()

        self.table = RosterTable(self)
        self.empty_hint = QLabel(self.table.viewport())
        self.empty_hint.setObjectName("emptyRosterHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint_font = self.empty_hint.font()
        hint_font.setPointSizeF(12)
        self.empty_hint.setFont(hint_font)
        palette = self.empty_hint.palette()
        hint_colour = muted_text(palette)  # grey on a light theme's white, light grey on a dark theme's black
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):  # a label in a view's viewport uses Text
            palette.setColor(role, hint_colour)
        self.empty_hint.setPalette(palette)
        self.empty_hint.hide()
        QVBoxLayout(self.table.viewport()).addWidget(self.empty_hint)  # follows the table's size
        self.table.setObjectName("rosterTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # runs the first search, by name
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_column_menu)
        for index, column in enumerate(COLUMNS):
            header.resizeSection(index, DEFAULT_WIDTHS[column.key])
            header.setSectionHidden(index, column.key in HIDDEN_BY_DEFAULT)
        for position, key in enumerate(DEFAULT_ORDER):
            header.moveSection(header.visualIndex(COLUMN_KEYS.index(key)), position)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.show_row_menu)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)

        self._wanted: int | None = None  # a person to select once the ids being read arrive
        self.model.loaded.connect(self._select_wanted)
        self.table.selectionModel().currentChanged.connect(self._forget_wanted)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_filters)
        self.household_filter.textChanged.connect(self._debounce.start)
        for combo in (self.status_filter, self.list_filter, self.citizenship_filter, self.locality_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.layoutChanged, self.model.loaded):
            signal.connect(self._update_count)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.clear_button)  # beside the search, not the filters: that row is full in Russian
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Filter:"), self))
        for widget in (self.status_filter, self.list_filter, self.flags_button, self.citizenship_filter,
                       self.locality_filter, self.household_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        if db is not None and not self.model.searched and not self.model.loading:
            self.apply_filters()
        self._update_count()

    def _combo(self, name: str, everything: str, *, filled_later: bool = True) -> QComboBox:
        combo = QComboBox(self, objectName=name)
        combo.addItem(everything, None)
        if filled_later:  # choices from the roster: a steady width, not one that jumps when they arrive
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(FILTER_CHOICE_CHARS)
        else:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    @property
    def choices_busy(self) -> bool:
        """Whether the filters' choices are still being read."""
        return self._choice_reads is not None and self._choice_reads.busy

    def fill_filter_choices(self) -> None:
        """Read the lists, citizenships and localities on this roster off the GUI thread (after an import
        or a new list), then offer them; an answer overtaken by a later one or another roster is dropped."""
        from desktop_app.services import lists, roster
        from desktop_app.ui.latest_read import LatestRead

        db = self.db
        if db is None:
            return
        if self._choice_reads is None:
            self._choice_reads = LatestRead(self, lambda: self.db)

        def read() -> tuple[list[tuple[str, object]], ...]:
            return ([(s.name, s.id) for s in lists.all_lists(db)], [(c, c) for c in roster.citizenships_in_use(db)],
                    [(x, x) for x in roster.localities(db)])

        self._choice_reads.run(read, self._offer_choices)

    def _offer_choices(self, found: tuple[list[tuple[str, object]], ...]) -> None:
        for combo, choices in zip((self.list_filter, self.citizenship_filter, self.locality_filter), found,
                                  strict=True):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in choices:
                combo.addItem(text, value)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
            if chosen is not None and index < 0:  # the chosen list (or place) is gone: the filter is off now
                self.apply_filters()

    def attach(self, db: Database) -> None:
        """The database, once open: the first page shown at start-up stays, the filters fill."""
        self.db = db
        self.model.attach(db)
        self.fill_filter_choices()

    @Slot(object)
    def _workspace_replaced(self, workspace: Workspace) -> None:
        """Another roster (or the same one afresh): its persons, its choices, no filter of the old one."""
        self.db = workspace.db
        self.model.set_database(workspace.db)
        self.fill_filter_choices()
        self.clear_filters()

    # --- filtering ------------------------------------------------------------------------------

    @Slot()
    def apply_filters(self) -> None:
        self._debounce.stop()
        value = self.status_filter.currentData()
        ref = self.household_filter.text().strip()
        query = replace(self.model.asked, text=self.search.text(),
                        statuses=(Status(value),) if value else (),
                        list_id=self.list_filter.currentData(),
                        household_id=None,
                        flags=tuple(flag for flag, action in self.flag_actions.items() if action.isChecked()),
                        citizenship=self.citizenship_filter.currentData(),
                        locality=self.locality_filter.currentData())
        chosen = len(query.flags)
        self.flags_button.setText(self.tr("Needs") + (f" ({chosen})" if chosen else ""))
        self.model.set_query(query, (lambda db, asked: replace(asked, household_id=household_id(db, ref)))
                             if ref else None)

    @Slot()
    def clear_filters(self) -> None:
        for widget in (self.search, self.household_filter, self.status_filter, self.list_filter,
                       self.citizenship_filter, self.locality_filter, *self.flag_actions.values()):
            widget.blockSignals(True)
        self.search.clear()
        self.household_filter.clear()
        for combo in (self.status_filter, self.list_filter, self.citizenship_filter, self.locality_filter):
            combo.setCurrentIndex(0)
        for action in self.flag_actions.values():
            action.setChecked(False)
        for widget in (self.search, self.household_filter, self.status_filter, self.list_filter,
                       self.citizenship_filter, self.locality_filter, *self.flag_actions.values()):
            widget.blockSignals(False)
        self.apply_filters()

    def show_status(self, status: Status) -> None:
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(status.value)))

    @Slot()
    def _update_count(self) -> None:
        if not self.model.searched:  # the first answer is on its way: no count, no "empty roster" yet
            self.count_label.clear()
            self.empty_hint.hide()
            return
        count = self.model.rowCount()
        shown = f"{count:,}" if self.model.complete else f"{count:,}+"  # more are being counted
        self.count_label.setText(self.tr("%n person(s)", "", count).replace(str(count), shown))
        self._show_empty_state(count)

    def _show_empty_state(self, count: int) -> None:
        """Tell a new user how a roster gets its first persons, or say that nothing matches."""
        if count:
            self.empty_hint.hide()
            return
        query = self.model.query
        searching = bool(query.text or query.statuses or query.list_id or query.household_id or query.flags
                         or query.citizenship or query.locality)
        self.empty_hint.setText(native_keys(
            self.tr("Nobody matches this search and these filters.") if searching else
            self.tr("The roster is empty.\n\nRegister a person: Person > New person (Ctrl+N)\n"
                    "Import a list from a spreadsheet: Exchange > Import spreadsheet (Ctrl+I)\n"
                    "Try the program on invented data: File > Fill with demonstration data")))
        self.empty_hint.show()

    # --- columns and menus --------------------------------------------------------------------

    def column_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("columnMenu")
        header = self.table.horizontalHeader()
        for index, column in enumerate(COLUMNS):
            action = menu.addAction(column_title(column))
            action.setObjectName(f"column_{column.key}")
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(index))
            action.toggled.connect(lambda shown, i=index: self.set_column_shown(i, shown))
        return menu

    def set_column_shown(self, index: int, shown: bool) -> None:
        header = self.table.horizontalHeader()
        if not shown and header.count() - header.hiddenSectionCount() <= 1:
            return  # the last visible column stays
        header.setSectionHidden(index, not shown)

    @Slot(QPoint)
    def show_column_menu(self, position: QPoint) -> None:
        self.column_menu().popup(self.table.horizontalHeader().mapToGlobal(position))

    def row_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("rosterContextMenu")
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    @Slot(QPoint)
    def show_row_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        person_id = self.model.known_id(index.row()) if index.isValid() else None
        if person_id is not None and not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            self.select_person(person_id)
        self.row_menu().popup(self.table.viewport().mapToGlobal(position))

    # --- selection ----------------------------------------------------------------------------

    @Slot()
    def _select_wanted(self) -> None:
        wanted = self._wanted
        if wanted is not None and self.model.row_of(wanted) is not None:
            self.select_person(wanted)
        elif not self.model.loading:
            self._wanted = None

    @Slot()
    def _forget_wanted(self) -> None:
        if self._wanted is not None and self.current_id() not in (None, self._wanted):
            self._wanted = None  # the officer went on to someone else

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        person_id = self.model.known_id(index.row())
        if person_id is not None:  # not a row whose id is still on its way
            self.person_activated.emit(person_id)

    def selected_ids(self) -> list[int]:
        """The persons selected, in the table's order (those whose ids are still on their way left out). The table
        selects whole rows, so the selection's ranges give them: Qt's selectedRows asks the model about every
        column of every row selected, seconds on the GUI thread for a roster selected to its end (Ctrl+A,
        Shift+Ctrl+End) at 100,000 persons."""
        rows = sorted({row for selected in self.table.selectionModel().selection()
                       for row in range(selected.top(), selected.bottom() + 1)})
        return [person_id for person_id in map(self.model.known_id, rows) if person_id is not None]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.known_id(index.row()) if index.isValid() else None

    def select_person(self, person_id: int) -> None:
        """Select the person's row; one not shown yet (a new person whose reload is on its way) is selected
        when the ids being read arrive, unless the officer selected someone else meanwhile."""
        row = self.model.row_of(person_id)
        self._wanted = person_id if row is None and self.model.loading else None
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                           | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def move_current(self, step: int) -> int | None:
        """Select the next (+1) or previous (-1) person; returns their id."""
        if self.model.rowCount() == 0:
            return None
        index = self.table.currentIndex()
        row = min(max((index.row() if index.isValid() else -1) + step, 0), self.model.rowCount() - 1)
        person_id = self.model.known_id(row)
        if person_id is not None:
            self.select_person(person_id)
        return person_id

