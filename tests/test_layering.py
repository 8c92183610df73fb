"""The layering is kept by import-linter's contracts in pyproject.toml: they hold today, and they catch a breach;
and the window's first paint happens before the database layer (SQLAlchemy) is even imported.

The second test copies the package, adds one forbidden import per contract and runs the same
`lint-imports` on the copy, so a contract that could never fail (a wrong module name, an ignore
that covers too much) fails here.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from desktop_app.services import demo, roster
from desktop_app.services.roster_rows import RosterQuery
from desktop_app.storage.db import Database

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# One breach per contract: the module added to the copy, its source, and the contract it breaks.
BREACHES = {
    "desktop_app/domain/breach_layers.py": ("from desktop_app.services import audit\n", "layers"),
    "desktop_app/ui/breach_storage.py": ("from desktop_app.storage.models import Person\n", "ui-no-storage"),
    "desktop_app/services/breach_qt.py": ("from PySide6.QtWidgets import QWidget\n", "no-qt-below-ui"),
    "desktop_app/cli/commands/breach_window.py": ("from desktop_app.ui import main_window\n", "commands-no-window"),
    "desktop_app/domain/breach_sql.py": ("import sqlalchemy\n", "domain-plain"),
    "desktop_app/ui/breach_importing.py": ("from desktop_app.services.importing.commit import undo_import\n",
                                           "importing-face"),
    "desktop_app/ui/breach_exporting.py": ("from desktop_app.services.exporting.export import export_persons\n",
                                           "exporting-face"),
    "desktop_app/ui/breach_reconciling.py": ("from desktop_app.services.reconciling.apply import KIND\n",
                                             "reconciling-face"),
    "desktop_app/ui/breach_duplicates.py": ("from desktop_app.services.duplicates.merging import KIND\n",
                                            "duplicates-face"),
    "desktop_app/cli/breach_cli.py": ("from desktop_app.ui.app import run_gui\n", "cli-no-window"),
}


def lint_imports(folder: Path, *contracts: str) -> subprocess.CompletedProcess[str]:
    arguments = [str(LINT_IMPORTS), "--no-cache"] + [f"--contract={name}" for name in contracts]
    environment = dict(os.environ, PYTHONPATH=str(folder))
    return subprocess.run(arguments, cwd=folder, env=environment, capture_output=True, text=True, timeout=300)


def test_the_contracts_hold() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_each_contract_catches_its_breach(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "desktop_app", tmp_path / "desktop_app",
                    ignore=shutil.ignore_patterns("__pycache__", "resources"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    clean = lint_imports(tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr  # the copy is the package, contracts hold
    for path, (source, _contract) in BREACHES.items():
        (tmp_path / path).write_text(f'"""A forbidden import for the test."""\n\n{source}', encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    for path, (_source, contract) in BREACHES.items():
        broken = lint_imports(tmp_path, contract)
        module = path.removesuffix(".py").replace("/", ".")
        assert broken.returncode == 1 and module in broken.stdout, (contract, broken.stdout)



# The window's start as `mission-roster --db ROSTER` runs it (desktop_app.launch.main), stopped inside
# the roster table's first paint: it prints what is loaded then, and leaves.
FIRST_PAINT_CHILD = r"""
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from desktop_app.ui import app as window_start

start_window = window_start.start_window

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            window = self.parent()
            print(json.dumps({"modules": sorted(sys.modules), "rows": window.roster.model.rowCount(),
                              "opened": window.db is not None}), flush=True)
            os._exit(0)
        return False

def watched(*args, **kwargs):
    window = start_window(*args, **kwargs)
    viewport = window.roster.table.viewport()
    viewport.installEventFilter(FirstPaint(window))  # called before the window's own first-paint filter
    return window

window_start.start_window = watched
from desktop_app.launch import main
main(["--db", sys.argv[1], "--operator", "first.paint"])
raise SystemExit("the window closed before it painted")
"""


def test_the_first_paint_loads_no_sqlalchemy(db: Database, db_path: Path) -> None:
    demo.fill_demo(db, households=20, operator="demo")
    persons_on_roster = len(roster.search_ids(db, RosterQuery()))
    db.close()
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT_CHILD, str(db_path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr[-2000:]
    painted = json.loads(done.stdout.strip().splitlines()[-1])
    assert painted["rows"] == persons_on_roster and not painted["opened"]  # the first look, before the opening
    assert "desktop_app.ui.main_window" in painted["modules"]  # the check sees the window's modules
    loaded = [name for name in painted["modules"]
              if name.split(".")[0] in ("sqlalchemy", "alembic") or name.startswith("desktop_app.storage.db")]
    assert loaded == []


def widget_imports(source: str) -> list[int]:
    """The lines of `source` that import PySide6's widgets (at the top or inside a function)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        lines += [node.lineno for name in names if name == "PySide6.QtWidgets" or name.startswith("PySide6.QtWidgets.")]
    return lines


def test_nothing_outside_the_window_imports_qt_widgets() -> None:
    """import-linter sees PySide6 as one package, so the widgets are looked for in the code itself:
    only ui/ imports them; rendering/ prints with QtGui alone."""
    assert widget_imports("def f():\n    from PySide6 import QtCore, QtWidgets\n") == [2]
    assert widget_imports("import PySide6.QtWidgets as w\nfrom PySide6.QtWidgets import QApplication\n") == [1, 2]
    assert widget_imports("from PySide6.QtGui import QPdfWriter\n") == []
    package = ROOT / "desktop_app"
    found = [f"{path.relative_to(ROOT)}:{line}" for path in sorted(package.rglob("*.py"))
             if package / "ui" not in path.parents
             for line in widget_imports(path.read_text(encoding="utf-8"))]
    assert found == []


# The command line as a user runs it (desktop_app.launch.main); at exit it prints what was loaded.
COMMAND_LINE_CHILD = r"""
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules))))
from desktop_app.launch import main
raise SystemExit(main(sys.argv[1:]))
"""
# QtCore only, shared with the window: the operator's language and default roster from Settings
# (the import contract "cli-no-window" lists the same three as its ignored imports).
COMMAND_LINE_READS_FROM_UI = {"desktop_app.ui", "desktop_app.ui.i18n", "desktop_app.ui.preferences"}


def test_the_command_line_prints_a_manifest_without_the_windows_code(db: Database, db_path: Path,
                                                                      tmp_path: Path) -> None:
    demo.fill_demo(db, households=3, operator="demo")
    db.close()
    out = tmp_path / "manifest.pdf"
    done = subprocess.run([sys.executable, "-c", COMMAND_LINE_CHILD, "--db", str(db_path), "--operator", "cli",
                           "export", str(out), "--profile", "flight_manifest"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert out.read_bytes().startswith(b"%PDF") and "desktop_app.rendering.manifest_pdf" in loaded
    assert [name for name in loaded if name.startswith("PySide6.QtWidgets")] == []
    assert [name for name in loaded if name.split(".")[:2] == ["desktop_app", "ui"]
            and name not in COMMAND_LINE_READS_FROM_UI] == []
