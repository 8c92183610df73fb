"""Find a person by typing: a search field and a drop-down of the first matches.

Used wherever a person must be named (add to a household, a liaison entry about someone).
The search is the roster's own (names in any script, case ref, passport, phone).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from desktop_app.services import roster
from desktop_app.services.roster import RosterQuery
from desktop_app.storage.db import Database

MAX_MATCHES = 25


class PersonPicker(QWidget):
    picked = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None, name: str = "personPicker") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.db = db
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
        ids = roster.search_ids(self.db, RosterQuery(text=text))[:MAX_MATCHES]
        rows = roster.fetch_rows(self.db, ids)
        for person_id in ids:
            row = rows[person_id]
            name = " ".join(p for p in (row.surname, row.given_names) if p) or row.surname_latin
            self.matches.addItem(f"{row.case_ref}  {name}  ({row.birth_date or '?'})", person_id)

    def person_id(self) -> int | None:
        value = self.matches.currentData()
        return int(value) if value is not None else None
