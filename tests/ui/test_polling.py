"""A look for a dialog stops with the test that started it (tests/ui/polling.py)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.polling import end_of_test, keep_looking


def test_a_look_that_never_finds_its_dialog_stops_when_its_test_ends(qtbot: QtBot) -> None:
    looks: list[int] = []
    keep_looking(lambda: looks.append(1) is not None, interval_ms=5)
    qtbot.waitUntil(lambda: len(looks) >= 3)
    end_of_test()
    qtbot.wait(30)
    seen = len(looks)
    qtbot.wait(60)
    assert len(looks) == seen


def test_a_look_stops_once_it_has_done_its_work(qtbot: QtBot) -> None:
    looks: list[int] = []
    keep_looking(lambda: (looks.append(1), len(looks) == 2)[1], interval_ms=5)
    qtbot.wait(80)
    assert len(looks) == 2
