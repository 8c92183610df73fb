"""What the person editor's tabs see of the editor: the person shown, how to reach the roster, and the one
way to write and show the result (the editor reads the person's sheet again, once, for every tab).

    class DocumentsTab(QWidget):
        def __init__(self, host: EditorHost) -> None: ...
        host.write_then_reload(self.tr("Adding a phone"), lambda: persons.add_phone(...))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from desktop_app.domain.person import DocumentData
    from desktop_app.services.persons import PersonView
    from desktop_app.storage.db import Database


class EditorHost(Protocol):
    """The person editor as its tabs use it (`ui.person.editor.PersonEditor`)."""

    db: Database
    operator: str
    phone_region: str | None
    person: PersonView | None  # None: a person not registered yet
    pending_documents: list[DocumentData]  # added to a person not registered yet: written by Save
    pending_phones: list[tuple[str, str]]  # (E.164, label) likewise

    def write_then_reload(self, what: str, action: Callable[[], object]) -> None:
        """Run `action` (a write naming `what` for the officer) off the GUI thread when the window's hub is
        here, then show the person read again in every tab; a refusal is shown and nothing is lost."""
        ...
