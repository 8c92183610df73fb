"""The `mission-roster` command line: every workflow the window offers, for scripts and tests.

    from desktop_app.cli import main
    main(["--db", "roster.db", "--operator", "A. Officer", "stats"])     # returns the exit status

`program` holds the parser, the `Context` a command is handed (a thin wrapper around the
services' `Workspace`) and the core commands (persons, households, lists, partners, audit);
`commands/` holds the feature areas' commands (import, export, reconcile, protection, crossing,
packages, recovery), each registered through `COMMAND_MODULES`. The command line never imports
the window's code (`ui/`); it prints PDFs through `desktop_app.rendering` (import contracts in
pyproject.toml). `desktop_app.launch:main`, the installed `mission-roster`, opens the window
when no command is given and comes here otherwise.
"""

from __future__ import annotations

from desktop_app.cli.program import COMMAND_MODULES, EXIT_BROKEN_PIPE, Context, build_parser, main

__all__ = ["COMMAND_MODULES", "EXIT_BROKEN_PIPE", "Context", "build_parser", "main"]
