"""Breaker X15b (issue 15): a Cancel pressed while the wait for a colleague's write lock takes its last look."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import Cancelled
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database


def test_a_cancel_during_the_look_that_finds_the_lock_free_gives_the_write_up(db: Database) -> None:
    """The officer presses Cancel (or closes the dialog) while the worker looks whether the colleague let go, and
    the colleague lets go in that look: the write went ahead, though the officer was told nothing is written."""
    asked: list[bool] = []

    def cancelled() -> bool:  # not yet when the look starts, pressed during it
        asked.append(True)
        return len(asked) > 1

    with pytest.raises(Cancelled):
        Workspace(db, "A. Petrova").wait_for_writer(cancelled, lambda _holder: None)


def test_the_wait_returns_at_once_when_nobody_holds_the_lock(db: Database) -> None:
    Workspace(db, "A. Petrova").wait_for_writer(lambda: False, lambda _holder: None)
