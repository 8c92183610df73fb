"""The reads issue 15 left on the GUI thread, part A (session 9): the Partners page, the Lists and Households
pages after a change, the export dialog's lists and partners, the merge comparison and the reconcile dialog's
list choice.

A real `before_cursor_execute` listener on the roster's engine (`StatementThreads`) records the thread of every
statement while the real widget is driven; none may run on the GUI thread. A Partners read of a roster replaced
meanwhile, is not shown, and the export dialog read for an officer who has since switched does not open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desktop_app.domain.partners import OrgKind
from desktop_app.services import households, lists, partners, persons
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from tests.ui.polling import keep_looking
from tests.ui.test_accounts_attacks_s8 import (  # noqa: F401 (fixtures)
    head_window,
    staffed_db,
    volunteer_signs_in_during_the_read,
)
from tests.ui.test_workspace_attacks_s7 import BusyReads, StatementThreads


def _watching(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    """The change watcher takes its baseline on the GUI thread once it starts: not a page's read, so the
    recording starts after it."""
    qtbot.waitUntil(lambda: window.roster_changes.watched is db, timeout=20_000)


def test_the_partners_page_reloads_and_writes_without_sql_on_the_gui_thread(
        qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    partners.create_organization(demo_db, "ICRC", OrgKind.INTERNATIONAL_ORGANIZATION, operator="t")
    _watching(qtbot, window, demo_db)
    page = window.partners
    statements = StatementThreads(demo_db)
    try:
        window.show_page("partners")
        qtbot.waitUntil(lambda: not page.busy and page.orgs_model.rowCount() > 0)
        page.reload()
        qtbot.waitUntil(lambda: not page.busy)
        page._write("Adding the partner", lambda: partners.create_organization(
            demo_db, "UNHCR", OrgKind.INTERNATIONAL_ORGANIZATION, operator=window.operator))
        qtbot.waitUntil(lambda: not page.busy)
    finally:
        statements.stop()
    assert {"ICRC", "UNHCR"} <= {o.name for o in page.orgs_model.records}
    assert statements.threads
    assert statements.on_gui_thread() == 0


def test_a_partners_read_of_the_old_roster_never_shows_on_the_new_one(
        qtbot: QtBot, window: MainWindow, demo_db: Database, tmp_path: Path) -> None:
    partners.create_organization(demo_db, "Only in the first roster", OrgKind.OTHER, operator="t")
    empty = tmp_path / "empty.db"
    open_database(empty).close()
    window.show_page("partners")
    page = window.partners
    qtbot.waitUntil(lambda: not page.busy and page.orgs_model.rowCount() > 0)
    busy = BusyReads(window)
    switched: list[bool] = []

    def opened(ok: bool) -> None:  # the page's reload of the new roster queues behind the busy reads too
        busy.release()
        switched.append(ok)

    def switch() -> None:  # in the event loop the reload turns while its read waits
        window.switch_database(str(empty), then=opened)

    QTimer.singleShot(0, switch)
    page.reload()  # the old roster's partners, queued behind the busy reads
    qtbot.waitUntil(lambda: switched == [True], timeout=20_000)  # opened off the GUI thread
    qtbot.waitUntil(lambda: not page.busy)
    assert page.orgs_model.rowCount() == 0


def test_the_households_page_after_a_change_reads_off_the_gui_thread(
        qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    _watching(qtbot, window, demo_db)
    window.show_page("households")
    page = window.households
    qtbot.waitUntil(lambda: not page.busy and page.current is not None)
    household = page.current
    assert household is not None
    member = household.members[-1]
    stranger = next(p for p in window.roster.model.ids if p not in {m.person_id for m in household.members})
    stranger_ref = persons.get_person(demo_db, stranger).case_ref
    statements = StatementThreads(demo_db)
    try:
        page.members_view.selectRow(len(household.members) - 1)
        page.make_head()
        qtbot.waitUntil(lambda: not page.busy)
        page.picker.search.setText(stranger_ref)
        page.picker.find()
        page.picker.matches.setCurrentIndex(max(0, page.picker.matches.findData(stranger)))
        page.new_relationship.setCurrentIndex(page.new_relationship.findData("other"))
        page.add_member()
        qtbot.waitUntil(lambda: not page.busy)
    finally:
        statements.stop()
    assert households.get_household(demo_db, household.id).head_person_id == member.person_id
    assert stranger in {m.person_id for m in households.get_household(demo_db, household.id).members}
    assert stranger in {m.person_id for m in page.members_model.records}
    assert statements.threads
    assert statements.on_gui_thread() == 0


def test_the_lists_page_after_a_change_reads_off_the_gui_thread(
        qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    partners.create_organization(demo_db, "ICRC", OrgKind.INTERNATIONAL_ORGANIZATION, operator="t")
    lists.create_list(demo_db, "Convoy 1", operator="t")
    household = households.list_households(demo_db, limit=1)[0]
    _watching(qtbot, window, demo_db)
    window.show_page("lists")
    page = window.lists
    qtbot.waitUntil(lambda: not page.busy and page.current is not None)
    statements = StatementThreads(demo_db)
    try:
        page.add_persons(window.roster.model.ids[:3])
        qtbot.waitUntil(lambda: not page.busy)
        page.household_ref.setText(household.ref)
        page.add_household()
        qtbot.waitUntil(lambda: not page.busy)

        def name_it() -> bool:
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, QDialog) and dialog.objectName() == "newListDialog":
                dialog.name.setText("Convoy 2")  # type: ignore[attr-defined]
                dialog.accept()
                return True
            return False

        keep_looking(name_it)
        page.new_list()
        qtbot.waitUntil(lambda: not page.busy)
    finally:
        statements.stop()
    assert page.current is not None and page.current.name == "Convoy 2"
    convoy = next(s for s in page.lists_model.records if s.name == "Convoy 1")
    assert convoy.members == 3 + len(household.members) - len(
        {m.person_id for m in household.members} & set(window.roster.model.ids[:3]))
    assert statements.threads
    assert statements.on_gui_thread() == 0


def test_the_export_dialog_reads_its_lists_partners_and_profiles_off_the_gui_thread(
        qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    """File > Export: the profiles, lists and partners are read before the dialog opens; choosing a list
    proposes its partner from what was read; the summary and preview read the chosen profile too."""
    from desktop_app.ui.export_dialog import open_export_dialog

    icrc = partners.create_organization(demo_db, "ICRC", OrgKind.INTERNATIONAL_ORGANIZATION, operator="t")
    lists.create_list(demo_db, "Convoy 1", operator="t")
    for_icrc = lists.create_list(demo_db, "Convoy 2", operator="t", organization_id=icrc.id)
    organizations = partners.organizations(demo_db)
    _watching(qtbot, window, demo_db)
    statements = StatementThreads(demo_db)
    try:
        dialog = open_export_dialog(window)
        assert dialog is not None
        qtbot.addWidget(dialog)
        dialog.by_list.setChecked(True)
        dialog.list_combo.setCurrentIndex(dialog.list_combo.findData(for_icrc.id))
        dialog.refresh()
        qtbot.waitUntil(lambda: not dialog.busy)
    finally:
        statements.stop()
    assert dialog.partner_combo.currentText() == "ICRC"  # the list's partner is proposed
    assert dialog.partner_combo.count() == 1 + len(organizations)
    assert dialog.summary_label.text()
    assert statements.threads
    assert statements.on_gui_thread() == 0


def test_the_merge_comparison_is_read_off_the_gui_thread(qtbot: QtBot, window: MainWindow,
                                                        demo_db: Database) -> None:
    """Compare and merge… from the duplicates dialog: the comparison is read before the screen opens, and again
    after Undo merge."""
    from desktop_app.ui.merge_dialog import DuplicatesDialog

    fields = {"surname": "Щербаков", "given_names": "Иван", "birth_date": "1980-03-05", "sex": "M"}
    a = persons.create_person(demo_db, fields, operator="t").id
    b = persons.create_person(demo_db, {**fields, "patronymic": "Петрович"}, operator="t").id
    _watching(qtbot, window, demo_db)
    assert window.workspace is not None
    duplicates_dialog = DuplicatesDialog(window.workspace, window, undo_host=window)
    qtbot.addWidget(duplicates_dialog)
    qtbot.waitUntil(lambda: duplicates_dialog.loaded, timeout=20_000)
    row = next(r for r in range(duplicates_dialog.model.rowCount())
               if {duplicates_dialog.model.record(r).a.id, duplicates_dialog.model.record(r).b.id} == {a, b})
    duplicates_dialog.table.setCurrentIndex(duplicates_dialog.model.index(row, 0))
    statements = StatementThreads(demo_db)
    try:
        merge = duplicates_dialog.open_current()
        assert merge is not None
        rows_before = merge.model.rowCount()
        keep_looking(_yes_to_question)
        merge.merge()
        assert merge.operation_id is not None
        merge.undo()
        qtbot.waitUntil(lambda: not merge.busy)
    finally:
        statements.stop()
    assert rows_before > 5 and merge.model.rowCount() == rows_before
    assert merge.operation_id is None  # undone, the two records shown apart again
    assert statements.threads
    assert statements.on_gui_thread() == 0


def _yes_to_question() -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        box.button(QMessageBox.StandardButton.Yes).click()
        return True
    return False


def test_the_reconcile_dialog_reads_its_lists_off_the_gui_thread(qtbot: QtBot, window: MainWindow,
                                                                demo_db: Database) -> None:
    """Reconcile answer… on the Lists page and Lists > Reconcile partner answer… read the lists to choose from
    through the runner before the screen opens."""
    from desktop_app.ui.reconcile.dialog import ReconcileDialog

    lists.create_list(demo_db, "Convoy 1", operator="t")
    chosen = lists.create_list(demo_db, "Convoy 2", operator="t")
    every = lists.all_lists(demo_db)
    _watching(qtbot, window, demo_db)
    window.show_page("lists")
    page = window.lists
    qtbot.waitUntil(lambda: not page.busy and page.current is not None)
    page.select_list(chosen.id)
    statements = StatementThreads(demo_db)
    try:
        page.reconcile()
        window.actions["reconcile"].trigger()
    finally:
        statements.stop()
    dialogs = [d for d in window.findChildren(ReconcileDialog) if d.isVisible()]
    assert len(dialogs) == 2
    for dialog in dialogs:
        assert dialog.list_combo.count() == 1 + len(every)
        assert dialog.list_combo.currentData() == chosen.id
        dialog.close()
    assert statements.threads
    assert statements.on_gui_thread() == 0


def test_the_export_dialog_read_for_the_head_does_not_open_for_the_volunteer_who_switched_in(
        qtbot: QtBot, head_window: MainWindow) -> None:  # noqa: F811
    """The head opens the export dialog and, before its lists and partners are read, the volunteer signs in
    (Switch user): the dialog, read for the head, does not open for the volunteer."""
    from desktop_app.ui.export_dialog import open_export_dialog

    db = head_window.db
    assert db is not None
    qtbot.waitUntil(lambda: not head_window.roster.model.loading and head_window.roster_changes.watched is db,
                    timeout=20_000)
    with volunteer_signs_in_during_the_read(head_window) as reading:  # the dialog's read waits for the switch
        dialog = open_export_dialog(head_window)  # returns once read, the window turning meanwhile
    assert reading.is_set()
    assert head_window.operator == "V. Hotline"
    assert dialog is None  # before: the head's lists and partners offered to the volunteer
