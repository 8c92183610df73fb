"""One person in the window: the editor (every field validated as typed, documents and phones,
household, history, liaison log and audit), its field widgets, and the status dialog.

    from desktop_app.ui.person import PersonEditor, StatusDialog
    editor = PersonEditor(db, "A. Officer", person_id, parent=window, hub=window.hub)
    editor.exec()
"""

from desktop_app.ui.person.editor import PersonEditor
from desktop_app.ui.person.fields import FieldEditor, PersonEdit
from desktop_app.ui.person.status_dialog import StatusDialog

__all__ = ["FieldEditor", "PersonEdit", "PersonEditor", "StatusDialog"]
