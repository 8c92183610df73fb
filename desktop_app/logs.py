"""Logging to a rotating file in the user's log folder. Messages never carry personal data:
log what happened (an action, a count, an id), never names, numbers or file contents."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop_app.storage.paths import APP_DIR_NAME

LOG_FILE_NAME = "mission-roster.log"


def log_path() -> Path:
    import platformdirs  # ~7 ms: not while the window paints for the first time

    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False)) / LOG_FILE_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to the rotating file (again a no-op once done for this folder)."""
    import logging.handlers  # ~9 ms: the window starts logging after its first paint

    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger("desktop_app")
    for handler in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        if Path(handler.baseFilename) == path:
            root.setLevel(level)
            return path
        root.removeHandler(handler)  # the user folder moved (another roster's session, a test's home)
        handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
