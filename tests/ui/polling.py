"""Looking at the screen again and again until a dialog opens, for as long as the test runs.

A test that waits for a dialog schedules a look every 20 ms. A look that outlived its test (its
dialog never opened) used to go on for the rest of the session and press the buttons of a later
test's dialogs: the unopenable-default test lost its 'roster could not be opened' dialog to a
message-box helper left over from the daily-loop tests. `keep_looking` stops at the end of the
test that started it (tests/ui/conftest.py ends each test's looks).

    keep_looking(lambda: accept_box_if_open())   # True once done
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer

_test_number = 0


def end_of_test() -> None:
    """Every look started so far stops."""
    global _test_number
    _test_number += 1


def keep_looking(look: Callable[[], bool], interval_ms: int = 20) -> None:
    """Call `look` on the event loop until it returns True, or until the test that asked ends."""
    started_in = _test_number

    def tick() -> None:
        if started_in != _test_number:
            return
        if not look():
            QTimer.singleShot(interval_ms, tick)

    QTimer.singleShot(0, tick)
