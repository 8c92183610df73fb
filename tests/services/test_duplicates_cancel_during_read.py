"""A duplicates search cancelled while it reads the roster stops within the read (breaker X20c).

The search asked whether to stop only once the whole roster was read: on the 1,000,000-person bench roster the
read is 9.3 s wall / 9.3 s CPU (load 2) without a question, the longest a Cancel, a closed dialog, the window's
quit or a file swap waited for the search once the key build asked within its steps. `load_roster` now asks
after the documents and every thousand persons.
"""

from __future__ import annotations

import sys

import pytest

from desktop_app.domain.errors import Cancelled
from desktop_app.services import duplicates
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import Database

PERSONS = 3_000


def _reading_the_roster() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "load_roster":
            return True
        frame = frame.f_back
    return False


def test_a_search_cancelled_while_the_roster_is_read_stops_there(db: Database) -> None:
    build_demo_roster(db, persons=PERSONS)
    asked: list[bool] = []  # each question: asked while the roster was being read

    def progress(done: int, total: int) -> bool:
        asked.append(_reading_the_roster())
        return len(asked) < 3  # Cancel pressed after the third question

    with pytest.raises(Cancelled):
        duplicates.find_duplicates(db, progress=progress)
    # Before: the first question came once all 3,000 persons were read, and the search stopped after the read
    assert asked == [True, True, True]
