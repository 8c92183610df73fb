"""The `mission-roster` entry point: the window, unless a command is given.

With no command (at most `--db` and `--operator`) the window opens without loading the
command line's parser, its commands and the services behind them (SQLAlchemy), which would
cost the window's start about half a second. Anything else goes to `desktop_app.cli`.

A roster file double-clicked, or dropped on the program's icon, comes as a bare path
(`mission-roster C:\\Rosters\\cairo.db`): the window opens on it, as with `--db`. A bare word
is a command unless it names an existing file and looks like a path (a folder separator or a
suffix), so that a file called `stats` in the current folder does not hide the command.

`mission-roster --self-test` runs `desktop_app.selftest` (in a bundle above all) and exits 0 when
every step passed.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace

WINDOW_OPTIONS = ("--db", "--operator")


def _window_options(argv: Sequence[str]) -> SimpleNamespace | None:
    """`db` and `operator` when the arguments hold nothing else ('--db X' or '--db=X', or a roster
    file's bare path); None for anything the full parser must see (a command, --help, an option
    without its value)."""
    values: dict[str, str | None] = dict.fromkeys(WINDOW_OPTIONS)
    rest = [argument for argument in argv if not argument.startswith("-psn_")]  # macOS Finder's process serial
    while rest:
        if values["--db"] is None and _bare_roster_path(rest[0]):
            values["--db"] = rest.pop(0)
            continue
        name, given, value = rest.pop(0).partition("=")
        if name not in values:
            return None
        if not given:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        values[name] = value
    return SimpleNamespace(db=values["--db"], operator=values["--operator"])


def _bare_roster_path(argument: str) -> bool:
    """Whether `argument` is a file's path as the system passes one when a file is opened with the program."""
    looks_like_a_path = os.sep in argument or "/" in argument or "." in os.path.basename(argument)
    return not argument.startswith("-") and looks_like_a_path and os.path.isfile(argument)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--self-test"]:
        from desktop_app.selftest import run_self_test

        return run_self_test()
    options = _window_options(arguments)
    if options is None:
        from desktop_app.system import utf8_console

        utf8_console()  # before anything prints: a Windows pipe would get the ANSI code page
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
