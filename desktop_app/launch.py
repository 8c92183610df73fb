"""The `mission-roster` entry point: the window, unless a command is given.

With no command (at most `--db` and `--operator`) the window opens without loading the
command line's parser, its commands and the services behind them (SQLAlchemy), which would
cost the window's start about half a second. Anything else goes to `desktop_app.cli`.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence


def _window_options(argv: Sequence[str]) -> argparse.Namespace | None:
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    parser.add_argument("--db")
    parser.add_argument("--operator")
    try:
        options, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:  # an option without its value: the full parser says what is wrong
        return None
    return None if rest else options


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
        from desktop_app.storage.paths import resolve_target
        from desktop_app.ui.app import run_gui

        return run_gui(resolve_target(options.db), operator=options.operator)
    finally:
        gc.enable()
