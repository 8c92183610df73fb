"""The interface language: Qt translators loaded from the package's compiled `.qm` files.

Sources are Qt Linguist `.ts` files in `desktop_app/resources/translations/` (checked in);
`make translations` compiles them to `.qm` beside them (build output, not checked in). A
`.qm` missing or older than its `.ts` (a wheel built without `make`, or a `.ts` just edited)
is compiled on first use with the `lrelease` that ships inside PySide6 into the user cache
folder, so `pip install .` carries translations without a build step of its own. A frozen
bundle never runs `lrelease` (it has none, and AppLocker may block one): it uses the `.qm`
compiled when it was built, as does any install where `lrelease` is missing or fails, even
when that `.qm` looks older than its `.ts`; a `.qm` without its `.ts` is used as it is.

The command line speaks the operator's language too, with QtCore alone and only when it has
something to say (the catalogue is read from the same `.qm` when a message is printed):

    translate = command_line_translate()      # None for English
    print(exc.render(translate) if translate else exc.message)
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский"}
_installed: list[QTranslator] = []


def translations_folder() -> Path:
    return Path(__file__).parent.parent / "resources" / "translations"  # real files in every install


def find_lrelease() -> Path | None:
    """The `lrelease` inside PySide6; None when frozen (a bundle ships compiled `.qm` files and
    must not start tools) or when this PySide6 has none."""
    if getattr(sys, "frozen", False):
        return None
    import PySide6

    folder = Path(PySide6.__file__).parent
    for name in ("lrelease", "lrelease.exe"):
        if (folder / name).exists():
            return folder / name
    return None


def compiled(code: str, folder: Path | None = None, cache: Path | None = None,
             lrelease: Callable[[], Path | None] = find_lrelease) -> Path | None:
    """The `.qm` for `code`: the one beside its `.ts` (in `folder`, the package's by default) when
    it is up to date or cannot be remade, else one compiled by `lrelease` into `cache` (the user
    cache folder by default). None when there is no catalogue for `code` at all."""
    source = (folder or translations_folder()) / f"mission_roster_{code}.ts"
    packaged = source.with_suffix(".qm")
    shipped = packaged if packaged.exists() else None
    if not source.exists():
        return shipped  # a bundle may ship the compiled catalogue alone
    if shipped is not None and shipped.stat().st_mtime >= source.stat().st_mtime:
        return shipped
    from desktop_app.system import user_folder

    cache = cache or user_folder("cache") / "translations"
    target = cache / packaged.name
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    tool = lrelease()
    if tool is None:
        log.info("no lrelease here: translations as shipped")
        return shipped or (target if target.exists() else None)
    import subprocess

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(tool), "-silent", str(source), "-qm", str(target)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:  # blocked (AppLocker), a read-only cache
        log.warning("lrelease could not compile the %s translation (%s): the shipped one is used",
                    code, type(exc).__name__)
        return shipped or (target if target.exists() else None)
    return target


def install_language(code: str) -> bool:
    """Replace the application's translators with those for `code` ("en", "ru"); True when ours loaded."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if code not in LANGUAGES:
        code = "en"
    QLocale.setDefault(QLocale(code) if code != "en" else QLocale(QLocale.Language.English,
                                                                  QLocale.Country.UnitedKingdom))
    path = compiled(code)  # English has a file too: the plural forms of "%n person(s)"
    loaded = False
    if path is not None:
        ours = QTranslator(app)
        if ours.load(str(path)):
            app.installTranslator(ours)
            _installed.append(ours)
            loaded = True
    if code == "en":
        return loaded
    qt_own = QTranslator(app)  # Qt's own dialogs' buttons (OK, Cancel, Save)
    if qt_own.load(QLocale(code), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    log.info("language %s: %s", code, "loaded" if loaded else "missing")
    return loaded


def command_line_language(environ: Mapping[str, str] | None = None, settings: QSettings | None = None) -> str:
    """The language of Tools > Settings when the operator chose one on this workstation, else of
    the environment (LC_ALL, LC_MESSAGES, LANG in POSIX order: ru_RU.UTF-8 -> "ru"); "en" otherwise."""
    from desktop_app.ui.preferences import user_settings

    stored = (settings or user_settings()).value("language", "")
    if stored in LANGUAGES:
        return str(stored)
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


def catalogue(code: str) -> Callable[[str, str], str] | None:
    """A translate function (context, English) -> text over the compiled catalogue of `code`,
    without a QCoreApplication; None for English or when the catalogue cannot be read."""
    if code == "en" or code not in LANGUAGES:
        return None
    path = compiled(code)
    translator = QTranslator()
    if path is None or not translator.load(str(path)):
        return None

    def translate(context: str, text: str) -> str:
        return translator.translate(context, text) or text

    return translate


def command_line_translate() -> Callable[[str, str], str] | None:
    """The command line's translate function (None for English)."""
    return catalogue(command_line_language())
