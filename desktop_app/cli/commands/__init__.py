"""Command-line commands of the feature areas (import, export, reconcile, protection).

Each module has `register(commands, command)` and is listed in `desktop_app.cli.COMMAND_MODULES`.
"""
