"""Translations as a bundle or a locked-down laptop has them (issue 21): no `lrelease` to run.

A frozen program (`sys.frozen`, as PyInstaller sets it), a PySide6 without `lrelease`, an
`lrelease` that cannot start (AppLocker) and a bundle that ships the `.qm` without its `.ts`
all load the compiled catalogue that was shipped, even when it looks older than its source.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from desktop_app.ui import i18n


def _shipped(tmp_path: Path, *, with_source: bool = True) -> Path:
    """A translations folder with the Russian `.qm`, its `.ts` edited after it was compiled."""
    folder = tmp_path / "translations"
    folder.mkdir()
    qm = shutil.copy(i18n.compiled("ru") or pytest.fail("no Russian catalogue built"), folder / "mission_roster_ru.qm")
    if with_source:
        source = Path(shutil.copy(i18n.translations_folder() / "mission_roster_ru.ts", folder))
        older = os.stat(qm).st_mtime - 3600
        os.utime(qm, (older, older))  # the .qm now looks stale
        assert source.stat().st_mtime > Path(qm).stat().st_mtime
    return folder


def _speaks_russian(path: Path | None) -> bool:
    translator = QTranslator()
    return path is not None and translator.load(str(path)) and translator.translate("MainWindow", "&File") == "&Файл"


def test_a_frozen_program_never_runs_lrelease_and_uses_the_shipped_catalogue(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _shipped(tmp_path)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert i18n.find_lrelease() is None
    path = i18n.compiled("ru", folder=folder, cache=tmp_path / "cache")
    assert path == folder / "mission_roster_ru.qm" and _speaks_russian(path)
    assert not (tmp_path / "cache").exists()  # nothing was compiled


def test_without_lrelease_the_stale_looking_catalogue_is_used(tmp_path: Path) -> None:
    folder = _shipped(tmp_path)
    path = i18n.compiled("ru", folder=folder, cache=tmp_path / "cache", lrelease=lambda: None)
    assert path == folder / "mission_roster_ru.qm" and _speaks_russian(path)


def test_an_lrelease_that_cannot_start_falls_back_to_the_shipped_catalogue(tmp_path: Path) -> None:
    folder = _shipped(tmp_path)
    blocked = tmp_path / "lrelease"
    blocked.write_bytes(b"")  # not an executable: starting it fails as a blocked program does
    path = i18n.compiled("ru", folder=folder, cache=tmp_path / "cache", lrelease=lambda: blocked)
    assert path == folder / "mission_roster_ru.qm" and _speaks_russian(path)


def test_a_catalogue_shipped_without_its_source_is_used(tmp_path: Path) -> None:
    folder = _shipped(tmp_path, with_source=False)
    path = i18n.compiled("ru", folder=folder, cache=tmp_path / "cache")
    assert path == folder / "mission_roster_ru.qm" and _speaks_russian(path)
    assert i18n.compiled("xx", folder=folder, cache=tmp_path / "cache") is None


def test_with_lrelease_a_stale_catalogue_is_compiled_again(tmp_path: Path) -> None:
    folder = _shipped(tmp_path)
    path = i18n.compiled("ru", folder=folder, cache=tmp_path / "cache")
    assert path == tmp_path / "cache" / "mission_roster_ru.qm" and _speaks_russian(path)
