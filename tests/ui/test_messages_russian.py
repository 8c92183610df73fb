"""Issue 13 item 9: messages from the domain and services in Russian, values untouched.

The officer's steps replayed with the Russian translator loaded: a crossing recorded before the
partner's approval (the error box), a volunteer's sheet with an impossible date (the import
preview), a partner's answer checked (the review's reasons and the summary to copy), a merge
screen's rows, the history tab, the audit trail; the sidebar shows every entry whole; and the
command line answers in the language of LANG or of Tools > Settings.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.errors import NotFound, TransitionRefused, ValidationError
from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message, about, without_value
from desktop_app.domain.reasons import audit_summary, history_reason, match_reason, service_note
from desktop_app.services import audit, lists, persons
from desktop_app.services.audit import AuditFilter
from desktop_app.services.duplicates import merge_comparison
from desktop_app.services.reconciling import summary_text
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database
from desktop_app.ui import i18n
from desktop_app.ui.errors import match_reasons, show_error, translated
from desktop_app.ui.importing.wizard import MAPPING_PAGE, PREVIEW_PAGE, TABLE_PAGE, open_import_wizard
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.merge_dialog import MergeDialog
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.reconcile import ReconcileDialog
from tests.services.import_support import write_xlsx
from tests.services.test_reconcile_roster import build_roster, write_answer

SHOTS = Path(os.environ.get("MISSION_ROSTER_SHOTS", "")) if os.environ.get("MISSION_ROSTER_SHOTS") else None


def _shot(widget: QWidget, name: str) -> None:
    """Keep a picture of the screen when MISSION_ROSTER_SHOTS names a folder (to look at it)."""
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


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


def _next_box_text(replies: list[str], shot: str) -> None:
    """When the next message box opens: keep its text (and a picture), then close it."""
    def close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close)
            return
        replies.append(box.text())
        _shot(box, shot)
        box.defaultButton().click() if box.defaultButton() else box.buttons()[0].click()

    QTimer.singleShot(0, close)


def test_a_crossing_before_approval_is_refused_in_russian(russian: MainWindow) -> None:
    db = russian.db
    person_id = russian.roster.model.person_id(0)
    case_ref = persons.get_person(db, person_id).case_ref
    list_id = lists.create_list(db, "Рафах 14 ноября", operator="А. Петрова").id
    lists.add_members(db, list_id, [person_id], operator="А. Петрова")
    with pytest.raises(ValidationError) as refused:
        lists.record_crossing(db, list_id, person_id, operator="А. Петрова")
    assert refused.value.message == f"crossing: '{case_ref}' needs the partner's approval first"  # as before
    replies: list[str] = []
    _next_box_text(replies, "ru_error_box")
    show_error(russian, refused.value)
    assert replies == [f"переход границы: '{case_ref}' — сначала нужно одобрение партнёра"]


def test_not_found_and_a_refused_status_name_their_values_untranslated(russian: MainWindow) -> None:
    assert translated(NotFound("person", "MR-999999")) == "В этой базе не найдено: человек 'MR-999999'."
    assert translated(TransitionRefused("evacuated", "crossed", [])) == (
        "Статус нельзя сменить с «эвакуирован» на «пересёк границу». Из «эвакуирован» можно перейти в: "
        "никуда (статус окончательный).")
    assert translated(NotFound("evacuation list", "Rafah 14")) == (
        "В этой базе не найдено: список на эвакуацию 'Rafah 14'.")


def test_the_import_preview_says_its_problems_in_russian(qtbot: QtBot, russian: MainWindow, tmp_path: Path) -> None:
    sheet = [["ФИО", "Дата рождения", "Телефон"],
             ["Аль-Масри Ахмед", "31.02.1990", "+970599112234"],
             ["Аль-Масри Лейла", "03.11.2008", "+970599112235"],
             ["Итого: 2 человека"]]
    wizard = open_import_wizard(russian)
    qtbot.addWidget(wizard)
    wizard.resize(1100, 640)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(write_xlsx(tmp_path / "volunteer.xlsx", sheet)))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == TABLE_PAGE, timeout=10_000)
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    model = wizard.preview_page.model
    details = [model.data(model.index(row, model.columnCount() - 1)) for row in range(model.rowCount())]
    assert "строка 2, столбец B (Дата рождения): '31.02.1990' — такой даты не существует" in details
    notes = wizard.preview_page.notes.text()
    assert "строка 4 пропущена: это итоговая строка, а не человек ('Итого: 2 человека')" in notes
    english = wizard.preview.rows[0].details  # type: ignore[union-attr]
    assert english == "row 2, column B (Дата рождения): '31.02.1990' is not a real date"
    _shot(wizard, "ru_import_preview")


def test_the_review_shows_reasons_and_the_summary_in_russian(qtbot: QtBot, russian: MainWindow, db: Database,
                                                             tmp_path: Path) -> None:
    roster = build_roster(db)
    answer = write_answer(tmp_path / "answer.xlsx", ["Name", "Date of birth", "Passport No", "Decision"], [
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"],
        ["IVANOVA ANNA", "", "", "approved"],
        ["KOZLOV SERGEI", "", "", "rejected"],
        ["JOHN NOBODY", "1970", "X1", "approved"]])
    dialog = ReconcileDialog(Workspace(db, "А. Петрова"), list_id=roster.list_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.path_edit, str(answer))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reconciliation is not None, timeout=20_000)
    rec = dialog.reconciliation
    assert rec is not None
    summary = dialog.summary.toPlainText()
    assert summary == summary_text(rec, QCoreApplication.translate)
    assert summary.startswith("Ответ партнёра answer.xlsx (лист «")
    assert "- требуют проверки: 2 (строки 3, 4)" in summary
    assert "needs review: 2 (rows 3, 4)" in summary_text(rec)  # English where no translator is given
    assert "Предупреждения:\n- семья H-" in summary and "разделена: одобрены MR-" in summary
    review = dialog.models[next(o for o in dialog.models if o.value == "review")]
    column = next(c for c in range(review.columnCount())
                  if review.headerData(c, Qt.Orientation.Horizontal) == "Почему")
    why = " ".join(str(review.data(review.index(row, column))) for row in range(review.rowCount()))
    assert "фамилия" in why and "surname" not in why
    _shot(dialog, "ru_reconcile_review")


def test_merge_rows_history_and_audit_are_russian(qtbot: QtBot, russian: MainWindow) -> None:
    db = russian.db
    a_id, b_id = russian.roster.model.person_id(0), russian.roster.model.person_id(1)
    rows = {choice.key: choice for choice in merge_comparison(db, a_id, b_id)}
    assert rows["documents"].label == "Documents (united)"
    dialog = MergeDialog(Workspace(db, "А. Петрова"), a_id, b_id, russian)
    qtbot.addWidget(dialog)
    labels = [dialog.model.data(dialog.model.index(row, 0)) for row in range(dialog.model.rowCount())]
    assert "Документы (объединяются)" in labels and "Телефоны (объединяются)" in labels
    dialog.resize(1000, 560)
    _shot(dialog, "ru_merge_rows")
    assert translated(history_reason("crossed the border")) == "пересёк(ла) границу"
    assert translated(history_reason("sent on list 'Rafah 14'")) == "отправлен(а) в списке 'Rafah 14'"
    assert translated(history_reason("papers seen")) == "papers seen"  # the officer's own words
    lists.create_list(db, "Рафах 15", operator="А. Петрова")
    entry = audit.browse(db, AuditFilter(entity="list"), limit=1)[0]
    assert entry.summary == "created list 'Рафах 15'"
    assert translated(audit_summary(entry.summary)) == "создан список 'Рафах 15'"
    assert translated(audit_summary("MR-000014: registered -> verified")) == "MR-000014: зарегистрирован → проверен"
    assert translated(service_note("MR-1: rejected recorded, status verified cannot become rejected")) == (
        "MR-1: ответ «отказано» внесён, статус «проверен» не может смениться на «отказано»")
    assert match_reasons(["surname equal under MVD 782", "birth date equal"]) == (
        "фамилия: совпадает по MVD 782; совпадает дата рождения")


def test_the_history_tab_shows_a_crossing_in_russian(qtbot: QtBot, russian: MainWindow) -> None:
    db = russian.db
    person_id = russian.roster.model.person_id(0)
    list_id = lists.create_list(db, "Рафах", operator="А. Петрова").id
    lists.add_members(db, list_id, [person_id], operator="А. Петрова")
    lists.mark_sent(db, list_id, operator="А. Петрова", verify_first=True)
    lists.record_answer(db, list_id, person_id, Answer.APPROVED, operator="А. Петрова")
    lists.record_crossing(db, list_id, person_id, operator="А. Петрова")
    editor = russian.open_editor(person_id)
    qtbot.addWidget(editor)
    editor.resize(1000, 600)
    editor.tabs.setCurrentWidget(editor.history.history_view.parentWidget())
    model = editor.history.history_model
    reasons = [model.data(model.index(row, model.columnCount() - 1)) for row in range(model.rowCount())]
    assert "пересёк(ла) границу" in reasons
    assert "ответ по списку 'Рафах'" in reasons
    _shot(editor, "ru_history_tab")


def test_every_sidebar_entry_is_shown_whole(qtbot: QtBot, russian: MainWindow) -> None:
    russian.resize(1280, 720)
    russian.show()
    qtbot.waitExposed(russian)
    russian.splitter.setSizes([40, 1200])  # a narrow sidebar saved by an English session
    navigation = russian.navigation
    metrics = navigation.fontMetrics()
    texts = [navigation.item(row).text() for row in range(navigation.count())]
    assert "Корзина и журнал изменений" in texts
    for row in range(navigation.count()):
        rect = navigation.visualItemRect(navigation.item(row))
        assert metrics.horizontalAdvance(texts[row]) <= min(rect.width(), navigation.viewport().width()), texts[row]
    _shot(russian, "ru_sidebar")


def test_a_broken_translation_falls_back_to_english_and_values_stay() -> None:
    message = Message(QT_TRANSLATE_NOOP("test", "{ref} needs {what}"), ref="MR-1", what="x")
    assert message.render(lambda _c, _t: "{oops} сломано") == "MR-1 needs x"
    assert message.render(lambda _c, _t: "{ref}: нужно {what}") == "MR-1: нужно x"
    problem = about("31.02.1990", QT_TRANSLATE_NOOP("exchange.values", "is not a real date"))
    assert str(problem) == "31.02.1990 is not a real date"
    assert str(without_value(problem, "31.02.1990")) == "is not a real date"
    assert without_value(problem, "another") is problem
    assert match_reason("a reason nobody wrote") == "a reason nobody wrote"


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


def test_the_command_line_speaks_the_language_of_lang(db: Database) -> None:
    path = str(db.target.path)
    russian = _cli("--db", path, "person", "show", "MR-999999", env={"LANG": "ru_RU.UTF-8", "LC_ALL": ""})
    assert russian.returncode == 1
    assert russian.stderr == "mission-roster: В этой базе не найдено: человек 'MR-999999'.\n"
    english = _cli("--db", path, "person", "show", "MR-999999", env={"LANG": "C.UTF-8", "LC_ALL": ""})
    assert english.stderr == "mission-roster: No person 'MR-999999' on this roster.\n"


def test_the_command_line_follows_the_settings_language_first(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert i18n.command_line_language({"LANG": "ru_RU.UTF-8"}, settings) == "ru"
    assert i18n.command_line_language({"LC_ALL": "en_GB.UTF-8", "LANG": "ru_RU.UTF-8"}, settings) == "en"
    assert i18n.command_line_language({"LC_MESSAGES": "ru_RU", "LANG": "en_US.UTF-8"}, settings) == "ru"
    assert i18n.command_line_language({}, settings) == "en"
    Preferences(settings).language = "ru"
    assert i18n.command_line_language({"LANG": "en_US.UTF-8"}, settings) == "ru"
    translate = i18n.catalogue("ru")
    assert translate is not None and translate("domain.reasons", "crossed the border") == "пересёк(ла) границу"
    assert i18n.catalogue("en") is None


def test_the_command_line_does_not_load_widgets_to_speak_russian(db: Database) -> None:
    script = ("import sys; from desktop_app.cli import main; main(['--db', sys.argv[1], 'person', 'show', "
              "'MR-999999']); print(sorted(m for m in sys.modules if m.startswith('PySide6.')))")
    done = subprocess.run([sys.executable, "-c", script, str(db.target.path)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "LANG": "ru_RU.UTF-8", "LC_ALL": ""})
    assert "не найдено" in done.stderr
    assert "QtWidgets" not in done.stdout and "QtGui" not in done.stdout
