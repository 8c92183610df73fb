"""Find a person by typing: a search field and a drop-down of the first matches.

Used wherever a person must be named (add to a household, a liaison entry about someone).
The search is the roster's own (names in any script, case ref, passport, phone), run off the
GUI thread (`ui.operations.run_read`); the picker asks for the open roster each time, so a
roster opened in its place needs nothing done to it.

    picker = PersonPicker(lambda: page.db, page, "householdPicker")
    picker.search.setText("сидоренко"); picker.find(); picker.person_id()
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from desktop_app.services import roster
from desktop_app.services.roster import RosterQuery
from desktop_app.services.roster_rows import RosterRow
from desktop_app.services.workspace import Roster
from desktop_app.ui.operations import run_read

MAX_MATCHES = 25


class PersonPicker(QWidget):
    picked = Signal(int)

    def __init__(self, database: Callable[[], Roster], parent: QWidget | None = None,
                 name: str = "personPicker") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._database = database
        self.search = QLineEdit(self, objectName=f"{name}Search")
        self.search.setPlaceholderText(self.tr("Find a person: name, case ref, passport…"))
        self.matches = QComboBox(self, objectName=f"{name}Matches")
        self.matches.setMinimumContentsLength(28)
        self.matches.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.find)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.find)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.matches, 2)

    @Slot()
    def find(self) -> None:
        self._debounce.stop()
        self.matches.clear()
        text = self.search.text().strip()
        if not text:
            return
        db = self._database()

        def search() -> tuple[list[int], dict[int, RosterRow]]:
            ids = roster.search_ids(db, RosterQuery(text=text))[:MAX_MATCHES]
            return ids, roster.fetch_rows(db, ids)

        found: list[tuple[list[int], dict[int, RosterRow]]] = []
        run_read(self, search, found.append).wait()  # the window answers meanwhile; find() returns with the matches
        if not found or self.search.text().strip() != text:
            return  # the search failed (and said why), or the officer typed on meanwhile: a later find shows those
        self.matches.clear()
        ids, rows = found[0]
        for person_id in ids:
            row = rows[person_id]
            name = " ".join(p for p in (row.surname, row.given_names) if p) or row.surname_latin
            self.matches.addItem(f"{row.case_ref}  {name}  ({row.birth_date or '?'})", person_id)

    def person_id(self) -> int | None:
        value = self.matches.currentData()
        return int(value) if value is not None else None
