"""Screenshots of the real window for the README and the manual: run under Xvfb by `make screenshots`.

Fills a demonstration roster in a temporary folder, opens each main screen, and grabs the
window as a user would see it (the X server's own rendering, not the offscreen platform).
With `--manual`, the screens the officer's manual shows, in English and in Russian, go to
desktop_app/resources/manual/<language>/images/ (the first-start assistant, the roster, a
person, import, export, reconcile, the lists and a restore):

    xvfb-run -a python packaging/take_screenshots.py --manual
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.services import demo, persons
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import open_database
from desktop_app.ui.app import application
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
MANUAL = Path(__file__).resolve().parent.parent / "desktop_app" / "resources" / "manual"
MANUAL_WIDTH = 1280


def _settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> int:
    app = application()
    workdir = Path(tempfile.mkdtemp(prefix="roster-shots-"))
    db = open_database(workdir / "roster.db")
    demo.fill_demo(db, households=300, operator="demo")
    preferences = Preferences(QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(db, "A. Petrova", preferences)
    window.resize(1360, 800)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)
    shots: list[tuple[str, Callable[[], QWidget]]] = []

    def roster() -> QWidget:
        return window

    def search() -> QWidget:
        window.roster.search.setText("щерб")
        window.roster.apply_filters()
        return window

    def editor() -> QWidget:
        window.roster.search.clear()
        window.roster.apply_filters()
        dialog = window.open_editor(window.roster.model.person_id(5))
        dialog.show()
        return dialog

    def dashboard() -> QWidget:
        window.show_page("dashboard")
        deadline = time.monotonic() + 30
        while window.dashboard.stats is None and time.monotonic() < deadline:  # counted in the background
            app.processEvents()
        return window

    def lists() -> QWidget:
        window.show_page("lists")
        window.lists.lists_view.selectRow(1)
        return window

    def households() -> QWidget:
        window.show_page("households")
        return window

    def partners() -> QWidget:
        window.show_page("partners")
        return window

    def duplicates() -> QWidget:
        from desktop_app.ui.merge_dialog import DuplicatesDialog

        workspace = window.hub.workspace
        assert workspace is not None
        # A person a clerk registered twice (the surname typed one letter short), and two families' sons alike.
        for surname, given, latin, born, passport in (
                ("Щербаков", "Иван", ("SHCHERBAKOV", "IVAN"), "1980-03-05", "721234567"),
                ("Щербков", "Иван", ("SHCHERBKOV", "IVAN"), "1980-03-05", "721234567"),
                ("أبو عيشة", "إبراهيم", ("ABU AISHA", "IBRAHIM"), "2020-11-09", "720495246"),
                ("أبو شنب", "إبراهيم", ("ABU SHANAB", "IBRAHIM"), "2020-11-09", "748593788")):
            persons.create_person(db, {"surname": surname, "given_names": given, "surname_latin": latin[0],
                                       "given_names_latin": latin[1], "birth_date": born, "locality": "Rafah",
                                       "address": "Rafah, block 26"}, operator="demo",
                                  documents=[DocumentData.create(DocumentType.PASSPORT, passport, "PSE")])
        # And a registration a clerk imported three times over, its pairs selected for 'Merge selected into one…'.
        copies = {persons.create_person(db, {"surname": "حداد", "given_names": "نور", "surname_latin": "HADDAD",
                                             "given_names_latin": "NOUR", "birth_date": "1994-07-12", "sex": "F",
                                             "locality": "Rafah"}, operator="demo",
                                        documents=[DocumentData.create(DocumentType.PASSPORT, "736502914", "PSE")]).id
                  for _ in range(3)}
        dialog = DuplicatesDialog(workspace, window, undo_host=window)
        dialog.resize(1300, 520)
        dialog.show()
        deadline = time.monotonic() + 60
        while not dialog.loaded and time.monotonic() < deadline:  # found off the GUI thread
            app.processEvents()
        selection = dialog.table.selectionModel()
        selection.clearSelection()
        for row, pair in enumerate(dialog.model.records):
            if {pair.a.id, pair.b.id} <= copies:
                selection.select(dialog.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
        return dialog

    shots += [("roster", roster), ("search", search), ("person", editor), ("dashboard", dashboard),
              ("lists", lists), ("households", households), ("partners", partners), ("duplicates", duplicates)]
    for name, prepare in getattr(sys.modules[__name__], "EXTRA_SHOTS", []):
        shots.append((name, lambda p=prepare: p(window)))

    def take_all() -> None:
        for name, prepare in shots:
            widget = prepare()
            _settle(app)
            widget.grab().save(str(OUT / f"{name}.png"))
            if widget is not window:
                widget.close()
            print(f"saved {OUT / (name + '.png')}")
        app.quit()

    QTimer.singleShot(300, take_all)
    app.exec()
    db.close()
    return 0


def _save(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.show()
    _settle(app, 40)
    widget.grab().save(str(path))
    print(f"saved {path}")


def _first_start_shots(app: QApplication, workdir: Path, out: Path) -> None:
    from PySide6.QtWidgets import QWizard

    from desktop_app.ui.first_start import FirstStartWizard

    preferences = Preferences(QSettings(str(workdir / "first.ini"), QSettings.Format.IniFormat))
    wizard = FirstStartWizard(preferences)
    wizard.resize(760, 540)
    _save(app, wizard, out / "first-start-welcome.png")
    wizard.next()
    wizard.officer_page.officer.setText("Anna Petrova")
    wizard.officer_page.mission.setText("Consulate General in Cairo")
    wizard.officer_page.country.setText("EGY")
    wizard.next()
    wizard.roster_page.path.setText(str(workdir / "cairo.db"))
    wizard.next()
    wizard.passphrase_page.edit.setText("blue river seven lanterns")
    wizard.passphrase_page.again.setText("blue river seven lanterns")
    _save(app, wizard, out / "first-start-passphrase.png")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    _settle(app)
    _save(app, wizard, out / "first-start-recovery.png")  # a key of this throwaway roster only
    wizard.recovery_page.kept.setChecked(True)  # else Cancel first asks to keep the key
    wizard.reject()


def manual_shots(language: str) -> None:
    """The manual's screenshots in `language`."""
    from desktop_app.services import backups, exporting
    from desktop_app.services.exporting import Selection
    from desktop_app.ui.export_dialog import open_export_dialog
    from desktop_app.ui.i18n import install_language
    from desktop_app.ui.importing.wizard import open_import_wizard
    from desktop_app.ui.protection.backup_dialog import RestoreDialog
    from desktop_app.ui.reconcile import ReconcileDialog

    app = application()
    install_language(language)
    out = MANUAL / language / "images"
    out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"manual-shots-{language}-"))
    _first_start_shots(app, workdir, out)
    db = open_database(workdir / "roster.db")
    demo.fill_demo(db, households=150, operator="demo")
    folder = workdir / "backups"
    folder.mkdir()
    for reason in ("at open", "manual"):
        backups.backup_now(db, folder, operator="A. Petrova", reason=reason)
    preferences = Preferences(QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat))
    preferences.language = language
    preferences.backup_folder = str(folder)
    window = MainWindow(db, "A. Petrova", preferences)
    window.resize(MANUAL_WIDTH, 780)
    _save(app, window, out / "roster.png")
    editor = window.open_editor(window.roster.model.person_id(3))
    _save(app, editor, out / "person.png")
    editor.close()
    for name, dialog in (("import", open_import_wizard(window)), ("export", open_export_dialog(window)),
                         ("restore", RestoreDialog(window.workspace, folder, window))):
        _save(app, dialog, out / f"{name}.png")
        dialog.close()
    answer = workdir / "answer.xlsx"  # the partner's answer: the list as the partner received it
    exporting.export_persons(db, answer, selection=Selection(list_id=1), operator="A. Petrova",
                             include_without_consent=True)
    reconcile = ReconcileDialog(Workspace(db, "A. Petrova"), window, list_id=1)
    reconcile.show()
    reconcile.path_edit.setText(str(answer))
    reconcile.check_button.click()
    deadline = time.monotonic() + 120
    while reconcile.reconciliation is None and time.monotonic() < deadline:  # matched off the GUI thread
        app.processEvents()
    _save(app, reconcile, out / "reconcile.png")
    reconcile.close()
    window.show_page("lists")
    window.lists.lists_view.selectRow(0)
    _save(app, window, out / "lists.png")
    window.close()
    db.close()
    shutil.rmtree(workdir, ignore_errors=True)  # the throwaway rosters, their backups and recovery file


if __name__ == "__main__":
    if "--manual" in sys.argv[1:]:
        for code in ("en", "ru"):
            manual_shots(code)
        raise SystemExit(0)
    raise SystemExit(main())
