"""Undo and redo of what the window changes: person edits, status changes, moves to the trash,
and whole operations (a merge, an import, a reconcile apply, a status change for many).

Each command is pushed after its action succeeded (the first `redo` is skipped). Undo and
redo are service calls like any change, so they are audited and checked: an edit is undone
with the version the redo left, so a colleague's change in between is never overwritten;
a status goes back through `services.undo.revert_status`, which refuses when the status
moved on; a deletion is undone by restoring from the trash. A refused undo is shown by the
error presenter and the command leaves the stack (it can no longer apply). Each undo and redo is
a write through `ui.operations.write_and_wait`: off the GUI thread, waiting for a colleague's
write while the window keeps answering and says who; the commands hold the window's `Workspace`,
so they act on the roster open now and in the operator's name.

Operations are pushed on the window's stack by the dialog that made them, so Edit > Undo
still takes them back after the dialog closed; their undo is the operation's own undo
service, and there is no redo (doing it again is a new operation):

    push_operation(window, "Merge MR-000012", lambda: duplicates.undo_merge(db, op_id, operator=who), written_on=db)
    window.undo_stack.push(StatusCommand(window.workspace, person_id, "MR-000012", old, new, window, reload))
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from desktop_app.domain.errors import Cancelled, RosterError
from desktop_app.domain.status import Status
from desktop_app.services import changes, persons, undo
from desktop_app.ui.errors import show_error
from desktop_app.ui.operations import write_and_wait

if TYPE_CHECKING:
    from desktop_app.services.workspace import Roster, Workspace
    from desktop_app.ui.main_window.host import WindowHost

log = logging.getLogger(__name__)
PERSON_KINDS = frozenset({changes.PERSONS})
# An undo or redo waiting for the lock runs the event loop: Ctrl+Z pressed again meanwhile is ignored (the stack
# has not moved yet, so the same command would run twice).
_running: list[QUndoCommand] = []
# Stacks to clear once the running command is done: clearing deletes the command whose undo() is still on the
# call stack (QUndoStack.undo goes on with it when the nested loop returns), which crashes the program.
_clear_after: list[QUndoStack] = []


def clear_stack(stack: QUndoStack) -> None:
    """Empty `stack` (another roster opened): at once, or, while an undo or redo waits in its nested loop, right
    after it is done."""
    if not _running:
        stack.clear()
    elif stack not in _clear_after:
        _clear_after.append(stack)


def _ended(command: QUndoCommand) -> None:
    _running.remove(command)
    if not _running and _clear_after:
        stacks = list(_clear_after)
        _clear_after.clear()
        for stack in stacks:  # after QUndoStack.undo/redo has returned, not inside it
            QTimer.singleShot(0, stack, stack.clear)


def _step_back(widget: QWidget | None, undoing: bool) -> None:
    """An undo (or redo) whose wait for the lock was given up did nothing, but the stack moves past it once
    it returns: move the stack back (the command skips that call), so the entry stays where it was. Called
    last in the command: no event loop may turn before the stack has moved."""
    while widget is not None:
        stack = getattr(widget, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            QTimer.singleShot(0, stack, stack.redo if undoing else stack.undo)
            return
        widget = widget.parentWidget()


class ServiceCommand(QUndoCommand):
    """Runs service calls for undo and redo; reports refusals and then drops out of the stack."""

    def __init__(self, text: str, parent_widget: QWidget | None, changed: Callable[[int], None],
                 person_id: int) -> None:
        super().__init__(text)
        self._skip_next = True  # pushed after its action succeeded: the first redo is skipped
        self._parent_widget = parent_widget
        self._changed = changed
        self.person_id = person_id

    def _run(self, action: Callable[[], Any], undoing: bool) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        if _running:
            return
        _running.append(self)
        try:
            if self._parent_widget is None:
                action()
            else:
                write_and_wait(self._parent_widget, self.text(), action, kinds=PERSON_KINDS)
        except Cancelled as exc:  # nothing was written: the entry stays, to be undone (or redone) later
            self._skip_next = True
            show_error(self._parent_widget, exc)
            _step_back(self._parent_widget, undoing)  # after the message's own event loop
        except RosterError as exc:
            self.setObsolete(True)
            show_error(self._parent_widget, exc)
        finally:
            _ended(self)
        self._changed(self.person_id)

    def do_undo(self) -> None:
        raise NotImplementedError

    def do_redo(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        self._run(self.do_undo, undoing=True)

    def redo(self) -> None:
        self._run(self.do_redo, undoing=False)


class EditPersonCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, person_id: int, case_ref: str, before: dict[str, Any],
                 after: dict[str, Any], version_after: int, parent_widget: QWidget | None,
                 changed: Callable[[int], None]) -> None:
        # Titles read after the Edit menu's "Undo"/"Redo"; spelled out in full so pyside6-lupdate finds them.
        super().__init__(QCoreApplication.translate("UndoCommands", "Edit %1").replace("%1", case_ref),
                         parent_widget, changed, person_id)
        self.workspace = workspace
        self.before, self.after = before, after
        self.version = version_after

    def _apply(self, values: dict[str, Any]) -> None:
        self.version = persons.update_person(self.workspace.db, self.person_id, values,
                                             operator=self.workspace.operator, expected_version=self.version).version

    def do_undo(self) -> None:
        self._apply(self.before)

    def do_redo(self) -> None:
        self._apply(self.after)


class StatusCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, person_id: int, case_ref: str, old: Status, new: Status,
                 parent_widget: QWidget | None, changed: Callable[[int], None]) -> None:
        super().__init__(QCoreApplication.translate("UndoCommands", "Status of %1").replace("%1", case_ref),
                         parent_widget, changed, person_id)
        self.workspace, self.old, self.new = workspace, old, new

    def do_undo(self) -> None:
        undo.revert_status(self.workspace.db, self.person_id, self.old, expected_current=self.new,
                           operator=self.workspace.operator)

    def do_redo(self) -> None:
        undo.revert_status(self.workspace.db, self.person_id, self.new, expected_current=self.old,
                           operator=self.workspace.operator, reason="redo")


class DeleteCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, person_id: int, case_ref: str, parent_widget: QWidget | None,
                 changed: Callable[[int], None]) -> None:
        super().__init__(QCoreApplication.translate("UndoCommands", "Move %1 to the trash").replace("%1", case_ref),
                         parent_widget, changed, person_id)
        self.workspace = workspace

    def do_undo(self) -> None:
        persons.restore_person(self.workspace.db, self.person_id, operator=self.workspace.operator)

    def do_redo(self) -> None:
        persons.delete_person(self.workspace.db, self.person_id, operator=self.workspace.operator, reason="redo")


class OperationCommand(QUndoCommand):
    """A whole operation on the window's stack: undo runs its undo service once, then it leaves the stack."""

    def __init__(self, text: str, undo_operation: Callable[[], Any], parent_widget: QWidget | None,
                 changed: Callable[[], None], on_undone: Callable[[Any], None] | None = None) -> None:
        super().__init__(text)
        self._undo_operation = undo_operation
        self._on_undone = on_undone
        self._parent_widget = parent_widget
        self._changed = changed
        self.done = False  # undone already (here or by the dialog's own Undo button)

    def undo(self) -> None:
        if _running:
            return
        if not self.done:
            self.done = True
            _running.append(self)
            try:
                if self._parent_widget is None:
                    result = self._undo_operation()
                else:  # the operation's kinds are what its audit entries say (ui.operations)
                    result = write_and_wait(self._parent_widget, self.text(), self._undo_operation)
            except Cancelled as exc:  # nothing was written: the entry stays, to be undone later
                self.done = False
                show_error(self._parent_widget, exc)
                _step_back(self._parent_widget, undoing=True)  # its redo does nothing
                return
            except RosterError as exc:
                show_error(self._parent_widget, exc)
            else:
                if self._on_undone is not None:
                    self._on_undone(result)
            finally:
                _ended(self)
            self._changed()
        self.setObsolete(True)  # nothing to redo: the stack drops it

    def redo(self) -> None:
        """Pushed after the operation ran: nothing to do (and it never returns after an undo)."""


def push_operation(window: WindowHost | None, text: str, undo_operation: Callable[[], Any],
                   dialog: QWidget | None = None, on_undone: Callable[[Any], None] | None = None, *,
                   written_on: Roster) -> OperationCommand | None:
    """Put an operation written on the roster `written_on` on `window`'s undo stack (None without a window,
    e.g. a dialog on its own, or when another roster opened while it was written: its undo would run the
    old roster's operation id against the one open now).

    `on_undone(result)` tells `dialog`, if it is still open, that Edit > Undo took the operation back."""
    if window is None:
        return None
    if window.db is not written_on:
        log.info("an operation finished after its roster was replaced; its undo entry is dropped")
        return None
    stack = window.undo_stack

    def changed() -> None:
        window.data_changed()  # every page that shows the operation's records reloads (the roster too)

    def tell_dialog(result: Any) -> None:
        if dialog is not None and on_undone is not None and shiboken6.isValid(dialog):
            on_undone(result)

    command = OperationCommand(text, undo_operation, window.window(), changed, tell_dialog)
    stack.push(command)
    return command


def spend(window: WindowHost | None, command: OperationCommand | None) -> None:
    """The operation was undone another way (the dialog's own Undo button): its stack entry is spent,
    and leaves the stack at once when it is the latest entry."""
    if command is None or command.done:
        return
    command.done = True
    stack: QUndoStack | None = window.undo_stack if window is not None else None
    if stack is not None and stack.index() > 0 and stack.command(stack.index() - 1) is command:
        stack.undo()  # a spent command only drops out


def undo_pushed(window: WindowHost | None, command: OperationCommand | None, undo_operation: Callable[[], Any]) -> Any:
    """Undo an operation from its dialog and spend its stack entry; raises like the service (entry kept)."""
    result = undo_operation()
    spend(window, command)
    return result
