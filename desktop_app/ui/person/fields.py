"""The person editor's field widgets: one `FieldEditor` per person field (its widget, its error label,
reading and checking the value by the domain's rules), the form's groups, and `PersonEdit`, a saved
edit as the undo stack keeps it.

    editor = FieldEditor("birth_date", parent)
    editor.set_raw("1990-02-30"); editor.validate()     # the error label says why
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.domain.person import (
    FIELDS_BY_KEY,
    FieldKind,
    Relationship,
    Sex,
)
from desktop_app.services.persons import PersonView
from desktop_app.ui import labels
from desktop_app.ui.text_direction import follow_text_direction


def _tr(text: str) -> str:
    return QCoreApplication.translate("PersonEditor", text)


ERROR_STYLE = "border: 1px solid #c62828; background: #fff3f3;"
# The order of the form: names first, as officers read them off a passport.
FORM_GROUPS: list[tuple[str, list[str]]] = [
    (QT_TRANSLATE_NOOP("PersonEditor", "Identity"), ["case_ref", "surname", "given_names", "patronymic",
                                                      "surname_latin", "given_names_latin", "sex",
                  "birth_date", "place_of_birth", "citizenships"]),
    (QT_TRANSLATE_NOOP("PersonEditor", "Contact and location"),
     ["email", "messenger", "region", "locality", "address"]),
    (QT_TRANSLATE_NOOP("PersonEditor", "Needs and consent"), ["medical", "reduced_mobility", "pregnant",
                                                               "unaccompanied_minor", "consent_to_share",
                           "consent_date", "source", "notes"]),
]


def _text_of(view: PersonView | None, key: str) -> Any:
    if view is None:
        return None
    value = view.value(key)
    if key == "birth_date" and value is not None:
        return value.iso()
    if key == "citizenships":
        return ", ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class PersonEdit:
    """A saved edit, for Undo: the changed fields' values before and after, in the form's terms."""

    person_id: int
    case_ref: str
    before: dict[str, Any]
    after: dict[str, Any]
    version_after: int


class FieldEditor:
    """One field's widget, its error label, and how to read and check its value."""

    def __init__(self, key: str, parent: QWidget) -> None:
        self.key = key
        self.spec = FIELDS_BY_KEY[key]
        kind = self.spec.kind
        self.widget: QWidget
        if kind is FieldKind.BOOL:
            self.widget = QCheckBox(labels.field_label(key, self.spec.label), parent)
        elif kind is FieldKind.SEX:
            combo = QComboBox(parent)
            combo.addItem("", None)
            for sex in Sex:
                combo.addItem(labels.word(sex.label), sex.value)
            self.widget = combo
        elif kind is FieldKind.RELATIONSHIP:
            combo = QComboBox(parent)
            combo.addItem("", None)
            for relation in Relationship:
                combo.addItem(labels.relationship(relation.value), relation.value)
            self.widget = combo
        elif key == "notes":
            self.widget = QPlainTextEdit(parent)
            self.widget.setFixedHeight(70)
        else:
            line = QLineEdit(parent)
            line.setPlaceholderText({
                FieldKind.PARTIAL_DATE: QCoreApplication.translate("PersonEditor", "YYYY-MM-DD or YYYY"),
                FieldKind.DATE: "YYYY-MM-DD",
                FieldKind.COUNTRIES: QCoreApplication.translate("PersonEditor", "ISO codes, e.g. RUS, PSE"),
            }.get(kind, ""))
            if key in ("surname", "given_names", "patronymic", "place_of_birth", "address", "locality", "region"):
                follow_text_direction(line)  # an Arabic name reads right to left inside the left-to-right form
            self.widget = line
        self.widget.setObjectName(f"field_{key}")
        self.error = QLabel(parent)
        self.error.setObjectName(f"error_{key}")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()

    def raw(self) -> Any:
        w = self.widget
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        assert isinstance(w, QLineEdit)
        return w.text()

    def set_raw(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(value or "")
        else:
            assert isinstance(w, QLineEdit)
            w.setText("" if value is None else str(value))

    def connect(self, slot: Any) -> None:
        w = self.widget
        if isinstance(w, QCheckBox):
            w.toggled.connect(slot)
        elif isinstance(w, QComboBox):
            w.currentIndexChanged.connect(slot)
        elif isinstance(w, QPlainTextEdit):
            w.textChanged.connect(slot)
        else:
            assert isinstance(w, QLineEdit)
            w.textChanged.connect(slot)

    def show_problem(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        if not isinstance(self.widget, QCheckBox | QComboBox):
            self.widget.setStyleSheet(ERROR_STYLE if message else "")
