"""The window's cycle collector while a worker imports the matching engine for the first time (the warm-up's first
build): the engine is in `sys.modules` before its functions are defined, and the collector's timer asked it whether
a build was paused, raising AttributeError in its slot on the GUI thread (seen in tests/ui/test_live_changes.py,
2 runs of 3 on a fresh interpreter, load 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A fresh interpreter: in the test run the engine is usually imported already. The GUI thread collects what is due
# while a thread imports the engine, as the window's timer does while the warm-up's worker starts.
IMPORTING_CHILD = """
import json, sys, threading
from PySide6.QtCore import QCoreApplication
from desktop_app.ui import garbage

ENGINE = "desktop_app.matching.engine"
assert ENGINE not in sys.modules
app = QCoreApplication([])
collector = garbage.install(app)
errors, met_half_imported = [], 0
importing = threading.Thread(target=lambda: __import__(ENGINE))
importing.start()
while importing.is_alive():
    young = [[] for _ in range(800)]
    for item in young:
        item.append(item)  # cycles: the young collections, and the middle one after ten of them, are due
    del young
    engine = sys.modules.get(ENGINE)
    half_imported = engine is not None and not hasattr(engine, "collector_pauses_running")
    try:
        generation = collector.collect_due()
    except AttributeError as exc:
        errors.append(str(exc))
        break
    if generation == 1 and half_imported:  # the collection that asks the engine about a paused build
        met_half_imported += 1
importing.join()
print(json.dumps({"errors": errors, "met_half_imported": met_half_imported}))
"""


def test_the_collector_is_not_upset_by_the_engine_being_imported_on_a_worker() -> None:
    done = subprocess.run([sys.executable, "-c", IMPORTING_CHILD], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["errors"] == []
    assert seen["met_half_imported"] > 0  # the replay did reach the moment it is about
