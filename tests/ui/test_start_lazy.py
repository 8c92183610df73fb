"""Start-up loads only what the workspace needs: the feature modules' dialogs and the services behind
them (matching, numpy, import, export, packages) are imported when a feature is first used.

The window is started as `mission-roster --db ROSTER` starts it (`desktop_app.launch.main`), in a real
process: the test's own process has imported everything long before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop_app.services import demo
from desktop_app.storage.db import Database

ROOT = Path(__file__).resolve().parents[2]

# Loaded only when the officer opens the feature that needs them.
FEATURE_MODULES = ("desktop_app.services.reconciling", "desktop_app.services.duplicates",
                   "desktop_app.services.importing", "desktop_app.services.exporting", "desktop_app.services.packages",
                   "desktop_app.matching", "desktop_app.exchange", "numpy", "desktop_app.ui.reconcile.dialog",
                   "desktop_app.ui.importing.wizard", "desktop_app.ui.importing.history",
                   "desktop_app.ui.export_dialog", "desktop_app.ui.merge_dialog", "desktop_app.ui.packages.send_dialog",
                   "desktop_app.ui.packages.receive_dialog", "desktop_app.ui.packages.sites_dialog")

# Started as a user starts it; once the workspace is ready it prints what is loaded, opens Tools > Find
# duplicates…, prints what is loaded then, and leaves.
READY_CHILD = r"""
import json, os, sys
from PySide6.QtCore import QTimer
from desktop_app.ui import app as window_start

start_window = window_start.start_window

def report(window):
    loaded = {"ready": sorted(sys.modules), "features": list(window.actions)}
    window.actions["findDuplicates"].trigger()
    loaded["after"] = sorted(sys.modules)
    print(json.dumps(loaded), flush=True)
    os._exit(0)

def watched(*args, **kwargs):
    window = start_window(*args, **kwargs)
    if window.completed:
        QTimer.singleShot(0, lambda: report(window))
    else:
        window.ready.connect(lambda: report(window))
    return window

window_start.start_window = watched
from desktop_app.launch import main
main(["--db", sys.argv[1], "--operator", "lazy.start"])
raise SystemExit("the window closed before it was ready")
"""


def _user_folders(tmp_path: Path) -> dict[str, str]:
    return {name: str(tmp_path / name.lower()) for name in
            ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")}


def test_the_ready_workspace_has_loaded_no_feature_service_until_the_feature_is_used(db: Database, db_path: Path,
                                                                                      tmp_path: Path) -> None:
    demo.fill_demo(db, households=20, operator="demo")
    db.close()
    done = subprocess.run([sys.executable, "-c", READY_CHILD, str(db_path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=180,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **_user_folders(tmp_path)))
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert {"export", "import", "reconcile", "findDuplicates", "sendPackage"} <= set(loaded["features"])
    assert "desktop_app.services.workspace" in loaded["ready"]  # the check sees the opened workspace
    early = [name for name in loaded["ready"]
             if name in FEATURE_MODULES or name.startswith(tuple(f"{module}." for module in FEATURE_MODULES))]
    assert early == []
    # A SQLite roster needs no PostgreSQL dialect (the data model named a PostgreSQL index option, which
    # loaded it into every start).
    assert not [name for name in loaded["ready"] if name.startswith("sqlalchemy.dialects.postgresql")]
    assert {"desktop_app.ui.merge_dialog", "desktop_app.services.duplicates"} <= set(loaded["after"])


# Started as a user starts it; once the workspace is ready it prints which modules PySide6's import hook
# looked at (its feature table) and whether that hook is Python's import again, then leaves.
# PySide6's hook itself puts Python's import in builtins while it handles an import on any thread, and the
# runner's threads import as they start their first reads: one look can fall on that moment (it failed
# so under load). A hook not put back never comes back; one only lent comes back as that import ends.
SCAN_CHILD = r"""
import builtins, json, os, sys, time
from PySide6.QtCore import QTimer
from desktop_app.ui import app as window_start

start_window = window_start.start_window

def hooked():
    for _look in range(5000):
        if builtins.__import__ is not builtins.__orig_import__:
            return True
        time.sleep(0.001)  # lets a thread within PySide6's hook finish its import
    return False

def report():
    table = sys.modules["shibokensupport.feature"].pyside_feature_dict
    print(json.dumps({"looked_at": sorted(table), "hooked": hooked()}), flush=True)
    os._exit(0)

def watched(*args, **kwargs):
    window = start_window(*args, **kwargs)
    later = lambda: QTimer.singleShot(0, report)  # once the start has returned to the event loop
    later() if window.completed else window.ready.connect(later)
    return window

window_start.start_window = watched
from desktop_app.launch import main
main(["--db", sys.argv[1], "--operator", "lazy.start"])
raise SystemExit("the window closed before it was ready")
"""


def test_the_workspace_opens_with_pythons_own_import_and_pyside6s_hook_is_back_after(db: Database, db_path: Path,
                                                                                    tmp_path: Path) -> None:
    """PySide6's import hook reads each new module's source (ui.app's docstring): the modules opening the
    roster loads after the first paint are imported without it, and the hook is in place again after."""
    demo.fill_demo(db, households=5, operator="demo")
    db.close()
    done = subprocess.run([sys.executable, "-c", SCAN_CHILD, str(db_path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=180,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **_user_folders(tmp_path)))
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["hooked"]  # a feature's module imported later goes through PySide6's import as before
    looked_at = set(seen["looked_at"])
    assert "desktop_app.ui.roster_page" in looked_at  # imported before the first paint, with PySide6's hook
    assert not {"sqlalchemy.orm", "desktop_app.storage.models", "desktop_app.services.workspace",
                "desktop_app.ui.protection.feature", "desktop_app.ui.pages.households"} & looked_at


def test_plain_imports_puts_pysides_import_back_even_when_the_block_fails() -> None:
    import builtins

    import PySide6.QtCore  # noqa: F401 - installs PySide6's import hook

    from desktop_app.ui.app import plain_imports

    hooked = builtins.__import__
    assert hooked is not builtins.__orig_import__  # type: ignore[attr-defined]
    with plain_imports():
        assert builtins.__import__ is builtins.__orig_import__  # type: ignore[attr-defined]
    assert builtins.__import__ is hooked
    try:
        with plain_imports():
            raise LookupError("a failed open")
    except LookupError:
        pass
    assert builtins.__import__ is hooked
