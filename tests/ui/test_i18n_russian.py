"""The Russian interface is complete: every message of the Russian .ts is translated (placeholders
and shortcuts kept), the .ts holds every string the interface code marks for translation, and
the parts added to the window by feature modules (undo titles, protection, import, export,
reconciliation, duplicates) show Russian once the Russian translator is loaded. Message templates
from below the interface (domain/messages.py) are checked the same way, named placeholders too."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

import desktop_app.ui
from desktop_app.domain.errors import EditConflict, RosterError
from desktop_app.domain.status import Status
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui import i18n
from desktop_app.ui.errors import error_title
from desktop_app.ui.importing.wizard import open_import_wizard
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection, RetentionDialog
from desktop_app.ui.settings_dialog import SettingsDialog
from tests.ui.typing import answer_next_message_box

RU_TS = i18n.translations_folder() / "mission_roster_ru.ts"
UI_FOLDER = Path(desktop_app.ui.__file__).parent


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    return [(context.findtext("name") or "", message) for context in ET.parse(ts).getroot().iter("context")
            for message in context.iter("message")]


def _problems(ts: Path) -> list[str]:
    """Messages not translated, or translated without the source's placeholders, shortcut or layout."""
    problems = []
    for context, message in _messages(ts):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        where = f"{context}: {source!r}"
        if translation.get("type"):  # unfinished, or vanished/obsolete: no longer in the code
            problems.append(f"{where} is {translation.get('type')}")
            continue
        numerus = message.get("numerus") == "yes"
        forms = [form.text or "" for form in translation.iter("numerusform")] if numerus else [translation.text or ""]
        if numerus and len(forms) != 3:
            problems.append(f"{where} needs the three Russian plural forms")
        for text in forms:
            if not text.strip():
                problems.append(f"{where} is empty")
            elif sorted(re.findall(r"%\d+", text)) != sorted(re.findall(r"%\d+", source)):
                problems.append(f"{where}: the placeholders differ in {text!r}")
            elif sorted(re.findall(r"\{[^{}]*\}", text)) != sorted(re.findall(r"\{[^{}]*\}", source)):
                problems.append(f"{where}: the named placeholders differ in {text!r}")
            elif numerus and "%n" not in text:
                problems.append(f"{where}: %n is missing from {text!r}")
            elif text.replace("&&", "").count("&") != source.replace("&&", "").count("&"):
                problems.append(f"{where}: the shortcut '&' is missing or doubled in {text!r}")
            elif text.count("\n") != source.count("\n") or text.count("<b>") != source.count("<b>"):
                problems.append(f"{where}: line breaks or bold differ in {text!r}")
            elif (text[:1] == " ") != (source[:1] == " ") or (text[-1:] == " ") != (source[-1:] == " "):
                problems.append(f"{where}: leading or trailing space differs in {text!r}")
    return problems


def test_every_russian_message_is_translated_with_its_placeholders_and_shortcuts() -> None:
    assert len(_messages(RU_TS)) > 700
    assert _problems(RU_TS) == []
    english_plurals = _messages(RU_TS.with_name("mission_roster_en.ts"))
    assert english_plurals and [m.findtext("source") for _c, m in english_plurals
                                if m.find("translation").get("type")] == []  # type: ignore[union-attr]


def _marked_sources() -> list[str]:
    """The files `make translations-update` scans: the interface, and the Qt-free code below it that
    marks message templates with domain/messages.py's QT_TRANSLATE_NOOP."""
    package = UI_FOLDER.parent
    below = [p for p in package.rglob("*.py") if p.relative_to(package).parts[0] not in ("ui", "rendering")
             and "QT_TRANSLATE_NOOP" in p.read_text(encoding="utf-8")]  # every package, as the Makefile's grep
    rendering = list((package / "rendering").rglob("*.py"))  # QtGui's translate(), as the interface
    return sorted(str(p) for p in (*UI_FOLDER.rglob("*.py"), *rendering, *below))


def test_the_russian_source_holds_every_string_the_interface_marks(tmp_path: Path) -> None:
    """lupdate over the interface code and the message templates below it finds nothing new to
    translate and nothing gone from the code."""
    copy = tmp_path / "translations" / RU_TS.name
    copy.parent.mkdir()
    shutil.copy(RU_TS, copy)
    lupdate = Path(PySide6.__file__).parent / "lupdate"
    sources = _marked_sources()
    assert any(source.endswith("domain/errors.py") for source in sources)
    subprocess.run([str(lupdate), "-silent", *sources, "-ts", str(copy)], check=True, capture_output=True)
    assert len(_messages(copy)) == len(_messages(RU_TS))
    assert _problems(copy) == []


@pytest.fixture
def russian(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    prefs = Preferences(QSettings(str(tmp_path / "ru.ini"), QSettings.Format.IniFormat))
    prefs.operator = "А. Петрова"
    prefs.language = "ru"
    window = MainWindow(demo_db, prefs.operator, prefs)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.roster.model.complete, timeout=20_000)  # the ids are read off the GUI thread
    try:
        yield window
    finally:
        i18n.install_language("en")


def test_feature_menus_are_russian(russian: MainWindow) -> None:
    assert russian.actions["import"].text() == "&Импорт таблицы…"
    assert russian.actions["undoImport"].text() == "&Отменить импорт…"
    assert russian.actions["export"].text() == "&Экспорт…"
    assert russian.actions["reconcile"].text() == "Све&рить ответ партнёра…"
    assert russian.actions["findDuplicates"].text() == "Найти &дубликаты…"
    protection = russian.feature(Protection)
    assert protection.backup_action.text() == "&Резервная копия сейчас"
    assert protection.encrypt_action.text() == "&Зашифровать базу…"
    assert protection.retention_action.text() == "Завершение кризиса (&хранение данных)…"
    exchange = [action.text() for action in russian.actions.menu("Exchange").actions() if action.text()]
    assert exchange == ["&Экспорт…", "&Профили экспорта…", "&Импорт таблицы…", "&Отменить импорт…",
                        "Све&рить ответ партнёра…", "Отправить &пакет списка…", "Получить п&акет списка…"]


def test_undo_titles_are_russian(qtbot: QtBot, russian: MainWindow) -> None:
    person_id = russian.roster.model.person_id(0)
    editor = russian.open_editor(person_id)
    qtbot.addWidget(editor)
    case_ref = editor.person.case_ref  # type: ignore[union-attr]
    editor.fields["notes"].widget.setPlainText("позвонить брату")  # type: ignore[attr-defined]
    editor.save()
    assert russian.actions["undo"].text() == f"&Отменить правку {case_ref}"
    russian.actions["undo"].trigger()
    assert russian.actions["redo"].text() == f"&Повторить правку {case_ref}"
    russian.roster.select_person(person_id)
    answer_next_message_box([], QMessageBox.StandardButton.Yes)
    russian.delete_current()
    qtbot.waitUntil(lambda: russian.pending is not None and russian.pending.done)
    assert russian.actions["undo"].text() == "&Отменить перемещение 1 человека в корзину"


def test_protection_dialogs_and_error_titles_are_russian(qtbot: QtBot, russian: MainWindow) -> None:
    dialog = RetentionDialog(russian)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Завершение кризиса: хранение данных"
    assert dialog.state_boxes[Status.EVACUATED].text() == "эвакуирован"
    assert dialog.anonymise.text() == "Обезличить (статистика сохранится)"
    assert error_title(RosterError("x")) == "Действие невозможно"
    assert error_title(EditConflict("x")) == "Изменено другим пользователем"


def test_import_wizard_is_russian(qtbot: QtBot, russian: MainWindow) -> None:
    wizard = open_import_wizard(russian)
    qtbot.addWidget(wizard)
    assert wizard.windowTitle() == "Импорт таблицы"
    assert wizard.file_page.title() == "Выбор файла"
    assert wizard.preview_page.filter.itemText(0) == "Все строки"
    assert wizard.preview_page.filter.itemText(1) == "Новый человек"
    assert wizard.preview_page.model.headerData(1, Qt.Orientation.Horizontal) == "Результат"


def test_settings_note_and_dashboard_date_are_russian(qtbot: QtBot, russian: MainWindow, demo_db: Database) -> None:
    dialog = SettingsDialog(Workspace(demo_db, russian.operator), russian.preferences, russian)
    qtbot.addWidget(dialog)
    notes = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Новый язык будет применён при следующем открытии окна." in notes
    russian.show_page("dashboard")
    qtbot.waitUntil(lambda: bool(russian.dashboard.date_label.text()), timeout=10_000)
    assert russian.dashboard.date_label.text() == QLocale(QLocale.Language.Russian).toString(
        dt.date.today(), QLocale.FormatType.LongFormat)
