"""A page's reads off the GUI thread where only the newest answer counts (`LatestRead`).

A page that reloads (a colleague's change, a filter typed, another roster opened) may ask
again before the last answer came back. `LatestRead.run(work, show)` runs `work()` through
`ui.operations.run_read` and calls `show(result)` on the GUI thread only if no later read was
asked since and the roster (and the account signed in on it) is still the one the read was asked of;
an older answer is dropped, and so is an error about a roster no longer open or for an officer signed
out. `busy` says whether an answer is still on its way (tests wait on it, the page could show it).

    reads = LatestRead(page, lambda: page.db)
    reads.run(lambda: persons.list_trash(db), page.trash_model.set_records)

A page whose reload must return only once shown (the households and lists pages) waits for its read
instead (`WaitedReads`), the event loop turning meanwhile:

    waited = WaitedReads(page, lambda: page.db)
    found = waited.wait_for(lambda: lists.all_lists(db))   # [] if it failed (and said why) or came too late

A screen opened after such a read (the export dialog, Change status) is asked for once at a time: the key
pressed again while the first read is on its way would open a second screen after the first, read before
the first one's change (`opening_once`):

    with opening_once(window, "statusDialog") as first:
        if not first:
            return                                      # the first press opens the screen
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtWidgets import QWidget

from desktop_app.ui.errors import show_error
from desktop_app.ui.operations import PendingOperation, run_read

if TYPE_CHECKING:
    from desktop_app.services.workspace import Roster


def _still_asked_of(roster: Callable[[], Roster | None]) -> Callable[[], bool]:
    """A check, taken now, that the roster open and the account signed in on it are still the same: another
    sign-in meanwhile (a switch of user, a sign-out) means an answer was read for the officer before, and a
    refusal was theirs."""
    from desktop_app.services.accounts import signed_in  # loaded when first read: not at the first paint

    asked_of = roster()
    account = signed_in(asked_of) if asked_of is not None else None

    def same() -> bool:
        now = roster()
        return now is asked_of and (now is None or signed_in(now) is account)

    return same


class LatestRead:
    """The reads of one widget (or one part of it): the newest answer is shown, older ones dropped."""

    def __init__(self, widget: QWidget, roster: Callable[[], Roster | None]) -> None:
        self._widget = widget
        self._roster = roster
        self._asked = 0  # the number of the newest read
        self._running = 0  # reads whose answer (or error) has not been handled yet

    @property
    def busy(self) -> bool:
        return self._running > 0

    def run(self, work: Callable[[], Any], show: Callable[[Any], None]) -> PendingOperation:
        """Run `work()` off the GUI thread; `show(result)` on it unless overtaken (see the module)."""
        self._asked += 1
        number, same_roster = self._asked, _still_asked_of(self._roster)

        def current() -> bool:  # the pages read again for whoever is signed in now
            return number == self._asked and same_roster()

        def shown(result: Any) -> None:
            if current():
                show(result)

        def failed(exc: BaseException) -> None:
            if current():  # an error about a roster closed meanwhile is not news
                show_error(self._widget, exc)

        self._running += 1
        operation = run_read(self._widget, work, shown, failed)
        operation.finished.connect(self._finished)
        return operation

    def _finished(self) -> None:
        self._running -= 1


class WaitedReads:
    """Reads a widget waits for, off the GUI thread with the window answering meanwhile.

    Given `roster` (the roster open now), an answer or error about a roster replaced meanwhile, or read for an
    officer who has since signed out or switched user, is dropped: `wait_for` returns [] as for a failed read."""

    def __init__(self, widget: QWidget, roster: Callable[[], Roster | None] | None = None) -> None:
        self._widget = widget
        self._roster = roster
        self._reading = 0  # reads on their way

    @property
    def busy(self) -> bool:
        """Whether a read is still on its way."""
        return self._reading > 0

    def wait_for(self, read: Callable[[], Any]) -> list[Any]:
        """`[read()]` once done; [] if it failed (and said why), the widget was closed meanwhile, or (with
        `roster`) the roster or its officer changed meanwhile."""
        found: list[Any] = []
        widget = self._widget
        current = _still_asked_of(self._roster) if self._roster is not None else lambda: True

        def failed(exc: BaseException) -> None:
            if current():  # an error about a roster closed meanwhile is not news
                show_error(widget, exc)

        self._reading += 1
        try:
            run_read(widget, read, found.append, failed).wait()
        finally:
            if shiboken6.isValid(widget):
                self._reading -= 1
        if not shiboken6.isValid(widget) or not current():
            return []
        return found


@contextmanager
def opening_once(widget: QWidget, screen: str) -> Iterator[bool]:
    """True for the first to open `screen` from `widget`; False while that one is still under way (its read
    waited for, its screen shown), so that a second press meanwhile opens nothing."""
    name = f"opening:{screen}"
    if widget.property(name):
        yield False
        return
    widget.setProperty(name, True)
    try:
        yield True
    finally:
        if shiboken6.isValid(widget):
            widget.setProperty(name, False)
