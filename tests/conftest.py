"""Shared fixtures: a fresh roster database file under tmp_path, an operator, Qt offscreen.

Tests that cannot run on every system carry one marker with the reason, and are skipped
elsewhere (listed as skipped, with the reason, never silently passed):

    @pytest.mark.posix_only("SIGKILL")                           # POSIX: Linux and macOS
    @pytest.mark.posix_only("mounts a tmpfs (root)", linux=True)  # Linux only

Tests that use LibreOffice (`soffice`) or the throwaway PostgreSQL server (`/usr/lib/postgresql`)
get the marker from their fixture.
"""

from __future__ import annotations

import faulthandler
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _pytest.faulthandler import fault_handler_stderr_fd_key

from desktop_app.storage.db import Database, open_database

pytest_plugins = ["tests.helpers.libreoffice"]

OPERATOR = "test.officer"
POSIX_ONLY_FIXTURES = {
    "soffice": "LibreOffice as Debian installs it (make sysdeps)",
    "postgres_server": "PostgreSQL's server binaries from /usr/lib/postgresql",
}


@pytest.hookimpl(trylast=True)  # after pytest's faulthandler plugin has enabled it on its copy of stderr
def pytest_configure(config: pytest.Config) -> None:
    # A crash (a segmentation fault) dumps only the thread that crashed: with every thread, the idle workers of
    # the window's runner came first and CI's shortened output cut the crashing thread's frames away
    faulthandler.enable(file=config.stash[fault_handler_stderr_fd_key], all_threads=False)
    config.addinivalue_line("markers", "posix_only(reason, linux=False): runs on POSIX systems only (on Linux "
                                       "only with linux=True), skipped elsewhere with the reason")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, reason in POSIX_ONLY_FIXTURES.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.posix_only(reason, linux=True))
        for marker in item.iter_markers("posix_only"):
            why = skip_reason(marker, os.name, sys.platform)
            if why:
                item.add_marker(pytest.mark.skip(reason=why))
                break


def skip_reason(marker: pytest.Mark, os_name: str, platform: str) -> str | None:
    """Why a test marked `posix_only` does not run on this system (`os.name`, `sys.platform`); None if it does."""
    reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
    if not reason:
        raise pytest.UsageError("posix_only needs its reason: @pytest.mark.posix_only(\"SIGKILL\")")
    linux = bool(marker.kwargs.get("linux", False))
    if os_name != "posix" or (linux and not platform.startswith("linux")):
        return f"{'Linux' if linux else 'POSIX'} only: {reason}"
    return None


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "roster.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def operator() -> str:
    return OPERATOR


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does may touch the real user's data, settings or logs, on any system.

    The folders come from platformdirs, answered for every system as it answers on Linux (its XDG
    rules) under a fresh home: Windows' and macOS's folders come from the system, not from HOME.
    The settings are an INI file on every system (`ui.preferences.user_settings`), put under the
    same home. Child processes get the XDG variables (Linux)."""
    import platformdirs
    from platformdirs.unix import Unix
    from PySide6.QtCore import QSettings

    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("MISSION_ROSTER_DB", raising=False)
    monkeypatch.delenv("MISSION_ROSTER_OPERATOR", raising=False)
    for name in ("user_data_dir", "user_config_dir", "user_cache_dir", "user_state_dir", "user_log_dir"):
        monkeypatch.setattr(platformdirs, name, _xdg_folder(Unix, name))
    for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(home / "config"))


def _xdg_folder(unix: type, name: str) -> Callable[..., str]:
    def folder(appname: str | None = None, appauthor: str | bool | None = None, version: str | None = None,
               **options: object) -> str:
        return str(getattr(unix(appname, appauthor, version, **options), name))

    return folder


@pytest.fixture(autouse=True)
def _cycle_collector_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """As in the window (`ui.garbage`): once a test has a Qt application, Python's cycle collector runs
    on the GUI thread only, also between tests. Garbage of an earlier test's windows collected on a
    worker's thread crashed a whole run. A test that takes only `qapp` gets it too: with the automatic
    collector still on, a worker's allocation could collect Qt objects off the GUI thread (S1, session 17)."""
    if "qtbot" in request.fixturenames or "qapp" in request.fixturenames:
        from desktop_app.ui.garbage import install

        install(request.getfixturevalue("qapp"))
    yield
    if "PySide6.QtCore" in sys.modules:
        from desktop_app.ui.garbage import installed

        collector = installed()
        if collector is not None:
            collector.collect_due()
