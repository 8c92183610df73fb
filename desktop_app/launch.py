"""The `mission-roster` entry point: the window, unless a command is given.

With no command (at most `--db` and `--operator`) the window opens without loading the
command line's parser, its commands and the services behind them (SQLAlchemy), which would
cost the window's start about half a second. Anything else goes to `desktop_app.cli`.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from types import SimpleNamespace

WINDOW_OPTIONS = ("--db", "--operator")


def _window_options(argv: Sequence[str]) -> SimpleNamespace | None:
    """`db` and `operator` when the arguments hold nothing else ('--db X' or '--db=X'); None for
    anything the full parser must see (a command, --help, an option without its value)."""
    values: dict[str, str | None] = dict.fromkeys(WINDOW_OPTIONS)
    rest = list(argv)
    while rest:
        name, given, value = rest.pop(0).partition("=")
        if name not in values:
            return None
        if not given:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        values[name] = value
    return SimpleNamespace(db=values["--db"], operator=values["--operator"])


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    options = _window_options(arguments)
    if options is None:
        from desktop_app.cli import main as command_line

        return command_line(arguments)
    # Until the first paint: what start-up allocates (modules, Qt's enum classes) all lives on, and
    # the cycle collector's 60-odd passes over it cost ~10 ms. The window turns it on again.
    gc.disable()
    try:
        from desktop_app.ui.app import run_gui

        return run_gui(options.db, operator=options.operator)  # None: the default roster (ui.start_roster)
    finally:
        gc.enable()
