"""The workspace driven as a user would: pages, filters, columns, undo, households, lists,
the liaison log, the dashboard, trash and audit, settings and languages."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.flags import Flag
from desktop_app.domain.lists import Answer
from desktop_app.domain.person import Relationship
from desktop_app.domain.status import Status
from desktop_app.services import audit, households, lists, partners, persons, roster, stats, status
from desktop_app.services.roster import RosterQuery
from desktop_app.storage.db import Database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.lists import NewListDialog
from desktop_app.ui.pages.partners import QuickLogDialog
from desktop_app.ui.preferences import Preferences
from desktop_app.ui.protection import Protection
from desktop_app.ui.roster_model import RosterTableModel
from tests.ui.typing import answer_next_message_box, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def make_active(qtbot: QtBot, widget: QWidget) -> None:
    """Make `widget` the active window, asking again while waiting: on a loaded machine one request
    could be overtaken by another window's, and the keyboard then went nowhere (seen in CI)."""
    def active() -> bool:
        if not widget.isActiveWindow():
            widget.activateWindow()
        return widget.isActiveWindow()
    qtbot.waitUntil(active, timeout=20_000)


def _when_modal(kind: type, act: object) -> None:
    """When the next modal widget of `kind` opens, call act(widget)."""
    def check() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            QTimer.singleShot(20, check)
            return
        act(widget)  # type: ignore[operator]
    QTimer.singleShot(0, check)


def test_models_pass_the_model_tester(qtmodeltester: object, qtbot: QtBot, window: MainWindow,
                                     demo_db: Database) -> None:
    model = RosterTableModel(demo_db, window)  # reads through a widget, off the GUI thread
    model.set_query(RosterQuery(flags=(Flag.CHILD,), statuses=(Status.SUBMITTED,)))
    qtbot.waitUntil(lambda: model.searched and not model.loading)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    window.show_page("lists")
    qtmodeltester.check(window.lists.lists_model)  # type: ignore[attr-defined]
    qtmodeltester.check(window.lists.members_model)  # type: ignore[attr-defined]
    window.show_page("households")
    qtmodeltester.check(window.households.members_model)  # type: ignore[attr-defined]


def test_pages_switch_by_keyboard_and_sidebar(qtbot: QtBot, window: MainWindow) -> None:
    assert list(window.pages) == ["dashboard", "roster", "households", "lists", "partners", "trash"]
    for number, name in enumerate(window.pages, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        assert window.current_page() == name
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Up)
    assert window.current_page() == "partners"
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.current_page() == "roster" and window.roster.search.hasFocus()


def test_a_feature_can_add_a_page(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel
    window.add_page("extra", "Extra", QLabel("extra"))
    window.actions.menu("View").aboutToShow.emit()
    qtbot.keyClick(window, Qt.Key.Key_7, CTRL)
    assert window.current_page() == "extra"


def test_filters_combine_and_the_count_follows(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    page = window.roster
    qtbot.waitUntil(lambda: not page.choices_busy)  # the filters' choices are read off the GUI thread
    page.status_filter.setCurrentIndex(page.status_filter.findData(Status.SUBMITTED.value))
    page.flag_actions[Flag.CHILD].setChecked(True)
    locality = page.locality_filter.itemData(1)
    page.locality_filter.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.model.loading)  # the ids are read off the GUI thread
    query = RosterQuery(statuses=(Status.SUBMITTED,), flags=(Flag.CHILD,), locality=locality)
    expected = roster.count(demo_db, query)
    assert page.model.rowCount() == expected
    assert page.count_label.text() == f"{expected:,} person" + ("" if expected == 1 else "s")
    assert page.flags_button.text() == "Needs (1)"
    citizenship = page.citizenship_filter.findData("PSE")
    page.citizenship_filter.setCurrentIndex(citizenship)
    qtbot.waitUntil(lambda: not page.model.loading)
    assert page.model.rowCount() == roster.count(demo_db, RosterQuery(statuses=(Status.SUBMITTED,),
                                                                       flags=(Flag.CHILD,), locality=locality,
                                                                       citizenship="PSE"))
    page.household_filter.setText("H-00001")
    page.apply_filters()
    qtbot.waitUntil(lambda: not page.model.loading)
    assert set(page.model.ids) <= {m.person_id for m in households.get_household(demo_db, 1).members}
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.model.loading)
    assert page.model.rowCount() == roster.count(demo_db, RosterQuery())


def test_list_filter_shows_the_members_of_a_list(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    page = window.roster
    qtbot.waitUntil(lambda: not page.choices_busy)
    first = lists.all_lists(demo_db)[0]
    page.list_filter.setCurrentIndex(page.list_filter.findData(first.id))
    qtbot.waitUntil(lambda: not page.model.loading)
    assert sorted(page.model.ids) == sorted(m.person_id for m in lists.members(demo_db, first.id))


def test_columns_chosen_in_the_header_menu_are_remembered(qtbot: QtBot, window: MainWindow,
                                                          demo_db: Database) -> None:
    header = window.roster.table.horizontalHeader()
    menu = window.roster.column_menu()
    phone = menu.findChild(QAction, "column_phone")
    updated = menu.findChild(QAction, "column_updated")
    assert phone.isChecked() and not updated.isChecked()
    phone.trigger()
    updated.trigger()
    assert header.isSectionHidden(7) and not header.isSectionHidden(13)
    window.roster.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    window.close()
    # The window closes once its backup at close, written off the GUI thread, is done.
    qtbot.waitUntil(lambda: window.feature(Protection).closing_backup is None, timeout=20_000)
    again = MainWindow(demo_db, "A. Petrova", window.preferences)
    qtbot.addWidget(again)
    again_header = again.roster.table.horizontalHeader()
    assert again_header.isSectionHidden(7) and not again_header.isSectionHidden(13)
    assert again_header.sortIndicatorSection() == 3


def test_row_context_menu_is_built_from_the_shared_actions(window: MainWindow) -> None:
    extra = QAction("Feature action", window)
    window.actions.roster_actions.append(extra)
    menu = window.roster.row_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:5] == ["&Edit person…", "Change &status…", "Add to &list…", "&Log a contact…", "Move to &trash"]
    assert "Feature action" in texts


def test_edit_then_undo_and_redo_with_the_keyboard(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    person_id = window.roster.model.person_id(3)
    before = persons.get_person(demo_db, person_id).locality
    editor = window.open_editor(person_id)
    qtbot.addWidget(editor)
    editor.show()
    make_active(qtbot, editor)
    locality = editor.findChild(QLineEdit, "field_locality")
    locality.clear()
    qtbot.keyClicks(locality, "Al-Arish")
    qtbot.keyClick(locality, Qt.Key.Key_S, CTRL)
    assert persons.get_person(demo_db, person_id).locality == "Al-Arish"
    make_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert persons.get_person(demo_db, person_id).locality == before
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert persons.get_person(demo_db, person_id).locality == "Al-Arish"
    edits = [e for e in audit.browse(demo_db, audit.AuditFilter(action="update", entity="person"))
             if e.entity_key == persons.get_person(demo_db, person_id).uuid]
    assert len(edits) == 3 and all(e.operator == "A. Petrova" for e in edits)


def test_undo_of_an_edit_refuses_to_overwrite_a_colleague(qtbot: QtBot, window: MainWindow,
                                                           demo_db: Database) -> None:
    person_id = window.roster.model.person_id(4)
    editor = window.open_editor(person_id)
    qtbot.addWidget(editor)
    editor.fields["notes"].widget.setPlainText("my note")  # type: ignore[attr-defined]
    editor.save()
    persons.update_person(demo_db, person_id, {"notes": "colleague's note"}, operator="colleague")
    shown: list[str] = []
    answer_next_message_box(shown)
    window.actions["undo"].trigger()
    assert shown and "colleague" in shown[0]
    assert persons.get_person(demo_db, person_id).notes == "colleague's note"
    assert not window.undo_stack.canUndo()


def test_status_change_undone_even_backwards(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    person_id = roster.search_ids(demo_db, RosterQuery(statuses=(Status.SUBMITTED,)))[0]
    window.roster.select_person(person_id)

    def choose_approved(dialog: QDialog) -> None:
        dialog.target.setCurrentIndex(dialog.target.findData("approved"))  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.reason, "on the Rafah list")  # type: ignore[attr-defined]
        dialog.apply()  # type: ignore[attr-defined]

    _when_modal(QDialog, choose_approved)
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    assert persons.get_person(demo_db, person_id).status == "approved"
    window.actions["undo"].trigger()
    assert persons.get_person(demo_db, person_id).status == "submitted"
    assert status.history(demo_db, person_id)[-1].reason.startswith("undo")
    window.actions["redo"].trigger()
    assert persons.get_person(demo_db, person_id).status == "approved"


def test_delete_with_the_key_then_undo_restores(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    ids = [window.roster.model.person_id(0), window.roster.model.person_id(1)]
    window.roster.select_person(ids[0])
    window.roster.table.selectRow(1)
    window.roster.table.selectionModel().select(window.roster.model.index(0, 0),
                                                window.roster.table.selectionModel().SelectionFlag.Select
                                                | window.roster.table.selectionModel().SelectionFlag.Rows)
    assert sorted(window.roster.selected_ids()) == sorted(ids)
    shown: list[str] = []
    from PySide6.QtWidgets import QMessageBox
    answer_next_message_box(shown, QMessageBox.StandardButton.Yes)
    window.roster.table.setFocus()
    qtbot.keyClick(window.roster.table, Qt.Key.Key_Delete)
    assert "Move 2 persons to the trash?" in shown[0]
    qtbot.waitUntil(lambda: window.pending is not None and window.pending.done)  # written off the GUI thread
    assert {p.id for p in persons.list_trash(demo_db)} == set(ids)
    qtbot.waitUntil(lambda: ids[0] not in window.roster.model.ids)  # the roster reloads off the GUI thread
    make_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert persons.list_trash(demo_db) == []
    qtbot.waitUntil(lambda: ids[0] in window.roster.model.ids)
    assert [e.action for e in audit.browse(demo_db, audit.AuditFilter(action="restore"))] == ["restore", "restore"]


def test_households_page_add_member_set_head_and_split_warning(qtbot: QtBot, window: MainWindow,
                                                               demo_db: Database) -> None:
    window.show_page("households")
    page = window.households
    outsider = persons.create_person(demo_db, {"surname": "Сидоренко", "given_names": "Павел"},
                                     operator="demo")
    household = page.current
    assert household is not None and page.members_model.rowCount() == len(household.members)
    type_text(page.picker.search, "сидоренко павел")
    page.picker.find()
    assert page.picker.person_id() == outsider.id
    page.new_relationship.setCurrentIndex(page.new_relationship.findData(Relationship.SIBLING.value))
    qtbot.mouseClick(page.findChild(QPushButton, "addMemberButton"), Qt.MouseButton.LeftButton)
    after = households.get_household(demo_db, household.id)
    assert outsider.id in {m.person_id for m in after.members}
    row = next(i for i, m in enumerate(page.members_model.records) if m.person_id == outsider.id)
    page.members_view.selectRow(row)
    qtbot.mouseClick(page.findChild(QPushButton, "makeHeadButton"), Qt.MouseButton.LeftButton)
    assert households.get_household(demo_db, household.id).head_person_id == outsider.id
    # a partner approves one member and not the others: the family would be split
    evac = lists.create_list(demo_db, "Split test", operator="demo")
    lists.add_members(demo_db, evac.id, [outsider.id], operator="demo")
    lists.record_answer(demo_db, evac.id, outsider.id, Answer.APPROVED, operator="demo")
    page.show_household(household.id)
    assert page.split_warning.isVisibleTo(page) and household.ref in page.split_warning.text()


def test_lists_page_from_creation_to_crossing(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    organization = partners.organizations(demo_db)[0]
    chosen = roster.search_ids(demo_db, RosterQuery(statuses=(Status.VERIFIED,)))[:3]
    window.roster.select_person(chosen[0])
    for pid in chosen[1:]:
        window.roster.table.selectionModel().select(
            window.roster.model.index(window.roster.model.row_of(pid), 0),
            window.roster.table.selectionModel().SelectionFlag.Select
            | window.roster.table.selectionModel().SelectionFlag.Rows)
    window.show_page("lists")
    page = window.lists

    def fill(dialog: NewListDialog) -> None:
        qtbot.keyClicks(dialog.name, "Rafah list 9")
        dialog.partner.setCurrentIndex(dialog.partner.findData(organization.id))
        dialog.accept()

    _when_modal(NewListDialog, fill)
    qtbot.mouseClick(page.findChild(QPushButton, "newListButton"), Qt.MouseButton.LeftButton)
    assert page.current is not None and page.current.name == "Rafah list 9"
    qtbot.mouseClick(page.findChild(QPushButton, "addSelectionButton"), Qt.MouseButton.LeftButton)
    assert sorted(m.person_id for m in page.members_model.records) == sorted(chosen)
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert lists.get_list(demo_db, page.current.id).state == "sent"
    page.members_view.selectRow(0)
    page.answer.setCurrentIndex(page.answer.findData(Answer.APPROVED.value))
    qtbot.mouseClick(page.findChild(QPushButton, "recordAnswerButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.pending is not None and page.pending.done)  # answers are written off the GUI thread
    page.members_view.selectRow(1)
    page.answer.setCurrentIndex(page.answer.findData(Answer.REJECTED.value))
    qtbot.mouseClick(page.findChild(QPushButton, "recordAnswerButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.pending is not None and page.pending.done)
    page.members_view.selectRow(0)
    qtbot.mouseClick(page.findChild(QPushButton, "recordCrossingButton"), Qt.MouseButton.LeftButton)
    summary = next(s for s in page.lists_model.records if s.name == "Rafah list 9")
    assert (summary.members, summary.pending, summary.approved, summary.rejected, summary.crossed) == (3, 1, 1, 1, 1)
    first = page.members_model.record(0)
    assert first.crossed_at is not None and persons.get_person(demo_db, first.person_id).status == "crossed"
    assert first.valid_until == dt.date.today() + dt.timedelta(days=3)


def test_quick_liaison_entry_by_keyboard_and_follow_up_done(qtbot: QtBot, window: MainWindow,
                                                            demo_db: Database) -> None:
    person_id = window.roster.model.person_id(0)
    window.roster.select_person(person_id)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    dialog = window.partners.findChild(QuickLogDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.summary.hasFocus)
    qtbot.keyClicks(dialog.summary, "Asked for the corrected passport number")
    dialog.organization.setCurrentIndex(1)
    dialog.follow_up.setChecked(True)
    dialog.follow_up_date.setDate(dt.date.today())
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, CTRL)
    entry = partners.log_entries(demo_db, person_id=person_id)[0]
    assert entry.summary == "Asked for the corrected passport number" and entry.follow_up_due == dt.date.today()
    assert entry.operator == "A. Petrova"
    window.show_page("partners")
    page = window.partners
    row = next(i for i, e in enumerate(page.due_model.records) if e.id == entry.id)
    page.due_view.selectRow(row)
    qtbot.mouseClick(page.findChild(QPushButton, "followUpDoneButton"), Qt.MouseButton.LeftButton)
    assert entry.id not in {e.id for e in partners.follow_ups_due(demo_db)}
    assert entry.id not in {e.id for e in page.due_model.records}
    editor = window.open_editor(person_id)
    qtbot.addWidget(editor)
    assert editor.log.log_model.record(0).id == entry.id


def test_partner_organization_added_and_edited(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    window.show_page("partners")
    page = window.partners

    def fill(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.name, "Egyptian Red Crescent")  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.country, "EGY")  # type: ignore[attr-defined]
        dialog.accept()

    _when_modal(QDialog, fill)
    qtbot.mouseClick(page.findChild(QPushButton, "addOrganizationButton"), Qt.MouseButton.LeftButton)
    row = next(i for i, o in enumerate(page.orgs_model.records) if o.name == "Egyptian Red Crescent")
    page.orgs_view.selectRow(row)

    def rename(dialog: QDialog) -> None:
        dialog.name.setText("Egyptian Red Crescent Society")  # type: ignore[attr-defined]
        dialog.accept()

    _when_modal(QDialog, rename)
    qtbot.mouseClick(page.findChild(QPushButton, "editOrganizationButton"), Qt.MouseButton.LeftButton)
    names = {o.name: o.country for o in partners.organizations(demo_db)}
    assert names.get("Egyptian Red Crescent Society") == "EGY"


def test_dashboard_reads_the_same_numbers(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    window.show_page("dashboard")
    page = window.dashboard
    qtbot.waitUntil(lambda: page.stats is not None, timeout=10_000)
    figures = stats.roster_stats(demo_db)
    assert page.figures["persons"].value.text() == f"{figures.persons:,}"
    assert page.figures["approved_not_crossed"].value.text() == f"{figures.approved_not_crossed:,}"
    assert page.chart.counts and sum(d.registered for d in page.chart.counts) == figures.persons
    assert page.chart.grab().width() > 0
    approved_row = next(i for i, r in enumerate(page.by_status.records) if r[0] == "approved")
    page.status_chosen.emit("approved")
    assert window.current_page() == "roster"
    qtbot.waitUntil(lambda: window.roster.model.query.statuses == (Status.APPROVED,)  # read off the GUI thread
                    and not window.roster.model.loading)
    assert window.roster.model.rowCount() == page.by_status.records[approved_row][1]


def test_trash_restore_and_audit_filters(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    person_id = window.roster.model.person_id(0)
    case_ref = persons.get_person(demo_db, person_id).case_ref
    persons.delete_person(demo_db, person_id, operator="colleague", reason="twice")
    window.show_page("trash")
    page = window.trash
    qtbot.waitUntil(lambda: not page.busy)  # the trash and the trail are read off the GUI thread
    assert [p.id for p in page.trash_model.records] == [person_id]
    page.trash_view.selectRow(0)
    qtbot.mouseClick(page.findChild(QPushButton, "restoreButton"), Qt.MouseButton.LeftButton)
    assert persons.list_trash(demo_db) == []
    qtbot.waitUntil(lambda: not page.busy)
    assert page.trash_model.rowCount() == 0
    page.record_filter.setText(case_ref)
    page.operator_filter.setCurrentIndex(page.operator_filter.findData("colleague"))
    page.browse()
    qtbot.waitUntil(lambda: not page.busy)
    assert [e.action for e in page.audit_model.records] == ["delete"]
    page.operator_filter.setCurrentIndex(0)
    page.browse()
    qtbot.waitUntil(lambda: not page.busy)
    assert [e.action for e in page.audit_model.records][:2] == ["restore", "delete"]
    page.since.setDate(dt.date.today() + dt.timedelta(days=1))
    page.until.setDate(dt.date.today() + dt.timedelta(days=2))
    page.browse()
    qtbot.waitUntil(lambda: not page.busy)
    assert page.audit_model.rowCount() == 0


def test_settings_dialog_saves_operator_mission_language_and_folders(qtbot: QtBot, window: MainWindow,
                                                                     demo_db: Database, tmp_path: object) -> None:
    from desktop_app.services.settings import load_mission
    from desktop_app.ui.settings_dialog import SettingsDialog

    def fill(dialog: SettingsDialog) -> None:
        dialog.operator.setText("B. Ivanov")
        dialog.mission_name.setText("Embassy in Cairo")
        dialog.mission_country.setText("EGY")
        dialog.language.setCurrentIndex(dialog.language.findData("ru"))
        dialog.backup.setText(str(tmp_path))
        dialog.save()
        answer_next_message_box([])

    _when_modal(SettingsDialog, fill)
    window.findChild(QAction, "settingsAction").trigger()
    prefs = window.preferences
    assert (prefs.operator, prefs.language, prefs.value("backup_folder")) == ("B. Ivanov", "ru", str(tmp_path))
    assert window.operator == "B. Ivanov" and window.lists.operator == "B. Ivanov"
    mission = load_mission(demo_db)
    assert (mission.mission_name, mission.mission_country) == ("Embassy in Cairo", "EGY")
    qtbot.waitUntil(lambda: "Embassy in Cairo" in window.windowTitle())  # the mission read again off the GUI thread


def test_russian_interface(qtbot: QtBot, demo_db: Database, tmp_path: object) -> None:
    prefs = Preferences(QSettings(str(tmp_path) + "/ru.ini", QSettings.Format.IniFormat))
    prefs.operator = "А. Петрова"
    prefs.language = "ru"
    russian = MainWindow(demo_db, prefs.operator, prefs)
    qtbot.addWidget(russian)
    try:
        titles = [action.text() for action in russian.menuBar().actions()]
        assert titles[:3] == ["&Файл", "&Правка", "&Человек"]
        assert russian.navigation.item(1).text() == "Список"
        qtbot.waitUntil(lambda: russian.roster.model.searched and not russian.roster.model.loading)
        count = russian.roster.model.rowCount()
        assert russian.roster.count_label.text().endswith(("человек", "человека"))
        assert f"{count:,}" in russian.roster.count_label.text()
        editor = russian.open_editor(russian.roster.model.person_id(0))
        qtbot.addWidget(editor)
        assert editor.tabs.tabText(0) == "&Данные"
    finally:
        from desktop_app.ui.i18n import install_language
        install_language("en")


def test_arabic_names_run_right_to_left_in_the_form(qtbot: QtBot, window: MainWindow) -> None:
    from desktop_app.ui.text_direction import direction_of
    assert direction_of("  أبو شنب") == Qt.LayoutDirection.RightToLeft
    assert direction_of("123 Abu") == Qt.LayoutDirection.LeftToRight
    assert direction_of("Щербакова") == Qt.LayoutDirection.LeftToRight
    editor = window.open_editor(None)
    qtbot.addWidget(editor)
    surname = editor.findChild(QLineEdit, "field_surname")
    type_text(surname, "أبو شنب")
    assert surname.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert editor.layoutDirection() == Qt.LayoutDirection.LeftToRight
    surname.clear()
    type_text(surname, "Abu Shanab")
    assert surname.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_person_editor_household_tab_join_and_leave(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    person = persons.create_person(demo_db, {"surname": "Орлов", "given_names": "Олег"}, operator="demo")
    window.roster.model.refresh()
    editor = window.open_editor(person.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.household.join_ref, "H-00002")
    editor.household.join_relationship.setCurrentIndex(editor.household.join_relationship.findData("spouse"))
    qtbot.mouseClick(editor.findChild(QPushButton, "joinHouseholdButton"), Qt.MouseButton.LeftButton)
    joined = persons.get_person(demo_db, person.id)
    assert joined.household_ref == "H-00002" and joined.relationship == "spouse"
    assert person.id in {m.person_id for m in editor.household.household_members.records}
    qtbot.mouseClick(editor.household.leave_button, Qt.MouseButton.LeftButton)
    assert persons.get_person(demo_db, person.id).household_id is None
    assert [e.action for e in editor.log.audit_model.records][:1] == ["update"]


def test_next_person_from_inside_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    first, second = window.roster.model.person_id(0), window.roster.model.person_id(1)
    editor = window.open_editor(first)
    qtbot.addWidget(editor)
    editor.show()
    make_active(qtbot, editor)
    qtbot.keyClick(editor.tabs, Qt.Key.Key_PageDown, CTRL)
    assert window.roster.current_id() == second
    opened = [w for w in QApplication.topLevelWidgets() if w.objectName() == "personEditor" and w.isVisible()]
    assert [w.person.id for w in opened] == [second]  # type: ignore[attr-defined]
    for w in opened:
        w.close()


def test_fill_with_demo_data_runs_in_the_background(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    before = roster.count(demo_db, RosterQuery())
    task = window.start_demo_fill(3)
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    assert roster.count(demo_db, RosterQuery()) > before
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == roster.count(demo_db, RosterQuery()))


def test_add_to_list_from_the_roster_menu(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    evac = lists.create_list(demo_db, "Manifest 1", operator="demo")
    person_id = window.roster.model.person_id(5)
    window.roster.select_person(person_id)
    _when_modal(QInputDialog, lambda d: (d.setTextValue("Manifest 1"), d.accept()))
    window.actions["addToList"].trigger()
    assert window.pending is not None
    qtbot.waitUntil(lambda: window.pending is not None and window.pending.done)  # written off the GUI thread
    assert [m.person_id for m in lists.members(demo_db, evac.id)] == [person_id]


def test_shortcut_list_names_every_shortcut(window: MainWindow) -> None:
    table = dict(window.shortcut_table())
    for name in ("Undo", "Redo", "Find", "New person", "Log a contact", "Settings", "Dashboard",
                 "Save the person (in the editor)"):
        assert name in table, name
    assert table["Dashboard"] == "Ctrl+1"


