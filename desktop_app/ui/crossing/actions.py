"""What the Lists page offers for the crossing day: the check-in screen and the printed boarding list.

    open_checkin(page, hub, list_id, "Rafah 14")           # the screen for the gate, not modal
    print_boarding_list(page, hub, list_id, "Rafah 14")    # asks where, prints, audits

The boarding list is read off the window's thread, drawn on it (Qt's fonts are the GUI
thread's), and written with its audit entry by the writer's worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.services import crossing
from desktop_app.ui.crossing.checkin_screen import CheckinScreen
from desktop_app.ui.operations import run_read, run_write
from desktop_app.ui.workspace_signals import WorkspaceHub

if TYPE_CHECKING:
    from desktop_app.services.workspace import Roster

translate = QCoreApplication.translate  # lupdate collects translate("Context", "text") calls


def open_checkin(parent: QWidget, hub: WorkspaceHub, list_id: int, list_name: str) -> CheckinScreen:
    screen = CheckinScreen(hub, list_id, list_name, parent)
    screen.show()
    screen.activateWindow()
    return screen


def print_boarding_list(parent: QWidget, hub: WorkspaceHub, list_id: int, list_name: str,
                        path: str | None = None) -> None:
    """Ask for the PDF's place (unless `path` is given), then print and audit it; the status bar says where."""
    workspace = hub.workspace
    if workspace is None:
        return
    if path is None:
        path, _filter = QFileDialog.getSaveFileName(
            parent, translate("CrossingActions", "Print the boarding list"), f"{list_name} - boarding.pdf",
            translate("CrossingActions", "PDF (*.pdf)"))
        if not path:
            return
    db, operator = workspace.db, workspace.operator

    def render(printed: crossing.BoardingList) -> None:
        from desktop_app.rendering import boarding_pdf

        pdf = boarding_pdf(printed)
        run_write(parent, hub, translate("CrossingActions", "Printing the boarding list"),
                  lambda: crossing.export_boarding_list(db, list_id, path, render=lambda _p: pdf, operator=operator,
                                                        overwrite=True, printed=printed),
                  done, kinds=frozenset({"lists", "exports"}))

    def done(result: crossing.BoardingExport) -> None:
        window = parent.window()
        message = translate("CrossingActions", "Boarding list of {persons} persons printed to {path}").format(
            persons=result.persons, path=result.path)
        status_bar = getattr(window, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(message, 10_000)

    run_read(parent, lambda: _read_with_codes(db, list_id), render)


def _read_with_codes(db: Roster, list_id: int) -> crossing.BoardingList:
    """The list, and each code's modules worked out here, off the window's thread (segno is plain Python and
    takes about 15 ms a code): the drawing on the window's thread then finds them in the cache."""
    from desktop_app.rendering import qr_matrix

    printed = crossing.boarding_list(db, list_id)
    for row in printed.rows:
        qr_matrix(row.code)
    return printed


def open_notify(parent: QWidget, hub: WorkspaceHub, list_id: int, list_name: str) -> QWidget:
    """Notify a list's members (its approved, to begin with)."""
    from desktop_app.ui.crossing.notify_dialog import NotifyDialog

    dialog = NotifyDialog(hub, crossing.NotifyGroup(list_id=list_id, approved_only=True), list_name, parent)
    dialog.show()
    return dialog


def open_notify_roster(parent: QWidget, hub: WorkspaceHub, person_ids: list[int]) -> QWidget:
    """Notify the persons the roster shows (or those selected)."""
    from desktop_app.ui.crossing.notify_dialog import NotifyDialog

    title = translate("CrossingActions", "the roster ({count})").format(count=len(person_ids))
    dialog = NotifyDialog(hub, crossing.NotifyGroup(person_ids=tuple(person_ids)), title, parent)
    dialog.show()
    return dialog
