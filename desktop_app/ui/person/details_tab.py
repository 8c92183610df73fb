"""The person editor's Details tab: every field of the person in the form's groups (identity; contact
and location; needs and consent), each with its error label.

The needs and consent group (medical needs, mobility, pregnancy, the notes) is `FORM_GROUPS`' last
entry in `ui.person.fields`, and `set_field_visible` shows or hides one field with its label: the one
place to keep such fields from someone who may not read them.

    details = DetailsTab(editor)
    details.fields["surname"].raw(); details.set_field_visible("medical", False)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop_app.services.persons import NOTE_FIELDS, PersonView
from desktop_app.ui import labels
from desktop_app.ui.person.fields import FORM_GROUPS, FieldEditor, _text_of, _tr


class DetailsTab(QScrollArea):
    """The form: one `FieldEditor` per field, in `fields` by key; `changed` is called on every edit."""

    def __init__(self, changed: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personDetailsTab")
        self.fields: dict[str, FieldEditor] = {}
        self._rows: dict[str, tuple[QWidget, QLabel | None]] = {}  # each field's cell and label
        body = QWidget()
        grid = QGridLayout(body)
        for column, (group_title, keys) in enumerate(FORM_GROUPS):
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.addRow(QLabel(f"<b>{_tr(group_title)}</b>"))
            for key in keys:
                editor = FieldEditor(key, body)
                self.fields[key] = editor
                cell = QWidget(body)
                cell_layout = QVBoxLayout(cell)
                cell_layout.setContentsMargins(0, 0, 0, 0)
                cell_layout.setSpacing(1)
                cell_layout.addWidget(editor.widget)
                cell_layout.addWidget(editor.error)
                label = "" if isinstance(editor.widget, QCheckBox) else labels.field_label(key, editor.spec.label)
                form.addRow(label, cell)
                buddy = form.labelForField(cell) if label else None
                if isinstance(buddy, QLabel):
                    buddy.setBuddy(editor.widget)
                self._rows[key] = (cell, buddy if isinstance(buddy, QLabel) else None)
                editor.connect(changed)
            # Identity fills the left column; contact and needs stack on the right.
            if column == 0:
                grid.addLayout(form, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
            else:
                grid.addLayout(form, column - 1, 1, Qt.AlignmentFlag.AlignTop)
        self.setWidgetResizable(True)
        self.setWidget(body)

    def show_person(self, person: PersonView | None) -> None:
        """Fill every field from `person` (empty for a new person); the medical need and the notes are
        hidden when the services withheld them from the signed-in role (issue 20)."""
        for key, editor in self.fields.items():
            editor.set_raw(_text_of(person, key))
        for key in NOTE_FIELDS:
            if key in self._rows:
                self.set_field_visible(key, person is None or not person.withheld)

    def set_field_visible(self, key: str, visible: bool) -> None:
        """Show or hide the field `key` with its label and error."""
        cell, label = self._rows[key]
        cell.setVisible(visible)
        if label is not None:
            label.setVisible(visible)
