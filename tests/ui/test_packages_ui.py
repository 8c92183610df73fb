"""Roster packages in the window: Tools > Sites and keys, Exchange > Send / Receive a roster package.

Real rosters, real widgets: a site created and another added by typing, a package sent and
received (preview, then apply), a conflict shown side by side and settled with Take theirs, and
a package from a site not added yet applied only once its fingerprint is confirmed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.errors import NotFound
from desktop_app.services import packages, persons
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database, open_database
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.packages import ReceiveDialog, SendDialog, SitesDialog

# Every dialog a test opens is kept until the test ends: one dropped mid-test would be destroyed
# by Python's garbage collector on whatever thread it runs in, a worker's included.
_KEPT: list[object] = []


@pytest.fixture(autouse=True)
def _keep_dialogs() -> Iterator[None]:
    yield
    for dialog in _KEPT:
        dialog.close()  # type: ignore[attr-defined]
        dialog.deleteLater()  # type: ignore[attr-defined]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _KEPT.clear()
    gc.collect()  # here, on the GUI thread


@pytest.fixture
def rosters(tmp_path: Path) -> Iterator[dict[str, Database]]:
    made = {name: open_database(tmp_path / f"{name}.db") for name in ("cairo", "ramallah", "telaviv")}
    yield made
    for db in made.values():
        db.close()


def _create_site(qtbot: QtBot, db: Database, name: str, prefix: str) -> SitesDialog:
    dialog = SitesDialog(Workspace(db, "A. Petrova"))
    _KEPT.append(dialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.site_name, name)
    qtbot.keyClicks(dialog.site_prefix, prefix)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    return dialog


def _add_site(qtbot: QtBot, dialog: SitesDialog, name: str, key: str) -> None:
    qtbot.keyClicks(dialog.other_name, name)
    dialog.other_key.setText(key)  # pasted
    assert dialog.other_fingerprint.text() == packages.key_fingerprint(key)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)


def _send(qtbot: QtBot, db: Database, to: str, path: Path) -> None:
    dialog = SendDialog(None, Workspace(db, "A. Petrova"))
    _KEPT.append(dialog)
    qtbot.addWidget(dialog)
    dialog.show()
    items = [dialog.sites.item(i) for i in range(dialog.sites.count())]
    item = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == to)
    item.setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen_sites() == [to]
    # What Send… does once the file is chosen in the system's file dialog:
    dialog.send(path, dialog.chosen_sites(), None, dialog.since_last.isChecked())
    qtbot.waitUntil(lambda: bool(dialog.result_text), timeout=20_000)


def _receive(qtbot: QtBot, db: Database, path: Path) -> ReceiveDialog:
    dialog = ReceiveDialog(None, Workspace(db, "A. Petrova"))
    _KEPT.append(dialog)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_file(path)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled(), timeout=20_000)
    assert dialog.summary.text().startswith("Preview")
    return dialog


def _apply(qtbot: QtBot, dialog: ReceiveDialog) -> None:
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last is not None, timeout=20_000)


def test_sites_send_receive_and_resolve(qtbot: QtBot, qtmodeltester: object, tmp_path: Path,
                                        rosters: dict[str, Database]) -> None:
    cairo, ramallah = rosters["cairo"], rosters["ramallah"]
    at_cairo = _create_site(qtbot, cairo, "Cairo", "CAI")
    assert at_cairo.public_line.isVisible() and at_cairo.public_line.text().startswith("mrsite1:")
    at_ramallah = _create_site(qtbot, ramallah, "Ramallah", "RAM")
    _add_site(qtbot, at_ramallah, "Cairo", at_cairo.public_line.text())
    _add_site(qtbot, at_cairo, "Ramallah", at_ramallah.public_line.text())
    assert at_ramallah.model.rowCount() == 2
    person = persons.create_person(cairo, {"surname": "Иванов", "given_names": "Иван"}, operator="t")
    assert person.case_ref == "MR-CAI-000001"

    _send(qtbot, cairo, "Ramallah", tmp_path / "first.mrpkg")
    receive = _receive(qtbot, ramallah, tmp_path / "first.mrpkg")
    assert packages.list_sites(cairo)[0].fingerprint in receive.sender_label.text()
    assert not receive.confirmed.isVisible()
    assert "1 new" in receive.summary.text()
    with pytest.raises(NotFound):  # a preview changes nothing
        persons.find_person(ramallah, person.uuid)
    _apply(qtbot, receive)
    assert persons.find_person(ramallah, person.uuid).surname == "Иванов"
    receive.close()

    persons.update_person(cairo, person.id, {"notes": "Cairo: at the school"}, operator="t")
    there = persons.find_person(ramallah, person.uuid)
    persons.update_person(ramallah, there.id, {"notes": "Ramallah: in Khan Younis"}, operator="t")
    _send(qtbot, cairo, "Ramallah", tmp_path / "second.mrpkg")
    receive = _receive(qtbot, ramallah, tmp_path / "second.mrpkg")
    _apply(qtbot, receive)
    assert receive.model.rowCount() == 1
    qtmodeltester.check(receive.model)  # type: ignore[attr-defined]
    shown = [receive.model.index(0, c).data() for c in range(4)]
    assert shown == ["MR-CAI-000001", "Notes", "Ramallah: in Khan Younis", "Cairo: at the school"]
    receive.grab().save(str(tmp_path / "receive.png"))
    receive.conflicts.selectionModel().select(receive.model.index(0, 0), QItemSelectionModel.SelectionFlag.Rows
                                              | QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert receive.theirs_button.isEnabled()
    qtbot.mouseClick(receive.theirs_button, Qt.MouseButton.LeftButton)
    assert receive.model.rowCount() == 0
    assert persons.find_person(ramallah, person.uuid).notes == "Cairo: at the school"
    qtmodeltester.check(at_ramallah.model)  # type: ignore[attr-defined]


def test_an_unknown_sender_waits_for_the_fingerprint(qtbot: QtBot, tmp_path: Path,
                                                     rosters: dict[str, Database]) -> None:
    ramallah, tel_aviv = rosters["ramallah"], rosters["telaviv"]
    packages.init_site(ramallah, "Ramallah", operator="t")
    packages.init_site(tel_aviv, "Tel Aviv", operator="t")
    packages.add_site(tel_aviv, "Ramallah", packages.list_sites(ramallah)[0].public_line, operator="t")
    stranger = persons.create_person(tel_aviv, {"surname": "Петров", "given_names": "Пётр"}, operator="t")
    _send(qtbot, tel_aviv, "Ramallah", tmp_path / "stranger.mrpkg")
    receive = _receive(qtbot, ramallah, tmp_path / "stranger.mrpkg")
    fingerprint = packages.list_sites(tel_aviv)[0].fingerprint
    assert "not a known site" in receive.sender_label.text() and fingerprint in receive.sender_label.text()
    assert receive.confirmed.isVisible() and not receive.confirmed.isChecked()
    qtbot.mouseClick(receive.apply_button, Qt.MouseButton.LeftButton)
    assert "Confirm the sender's fingerprint" in receive.summary.text()
    assert receive.last is None
    receive.confirmed.setChecked(True)
    _apply(qtbot, receive)
    assert persons.find_person(ramallah, stranger.uuid).surname == "Петров"
    qtbot.mouseClick(receive.undo_button, Qt.MouseButton.LeftButton)  # taken back as a whole
    qtbot.waitUntil(lambda: "undone" in receive.summary.text(), timeout=20_000)
    with pytest.raises(NotFound):
        persons.find_person(ramallah, stranger.uuid)
    assert [s.name for s in packages.list_sites(ramallah)] == ["Ramallah", "Tel Aviv"]


def test_window_menus(window: MainWindow) -> None:
    for name, menu in (("sendPackage", "Exchange"), ("receivePackage", "Exchange"), ("sitesAndKeys", "Tools")):
        assert window.actions[name] in window.actions.menu(menu).actions()


def test_new_keys_and_a_replaced_key_take_two_clicks_and_show_the_fingerprints(
        qtbot: QtBot, tmp_path: Path, rosters: dict[str, Database]) -> None:
    cairo, ramallah = rosters["cairo"], rosters["ramallah"]
    packages.init_site(ramallah, "Ramallah", operator="t", prefix="RAM")
    dialog = _create_site(qtbot, cairo, "Cairo", "CAI")
    _add_site(qtbot, dialog, "Ramallah", packages.list_sites(ramallah)[0].public_line)
    old = packages.list_sites(cairo)[0].fingerprint
    qtbot.mouseClick(dialog.rekey_button, Qt.MouseButton.LeftButton)
    assert packages.list_sites(cairo)[0].fingerprint == old  # the first click only says what happens
    assert "signed with the old one" in dialog.rekey_note.text()
    qtbot.mouseClick(dialog.rekey_button, Qt.MouseButton.LeftButton)
    new = packages.list_sites(cairo)[0].fingerprint
    assert new != old and dialog.rekey_note.text() == f"New keys: fingerprint {old} is now {new}."
    assert dialog.model.record(0).fingerprint == new

    reinstalled = open_database(tmp_path / "reinstalled.db")
    try:
        packages.init_site(reinstalled, "Ramallah", operator="t", prefix="RAM")
        line = packages.list_sites(reinstalled)[0].public_line
    finally:
        reinstalled.close()
    before = packages.list_sites(cairo)[1].fingerprint
    dialog.replace_key.setText(line)  # pasted
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert dialog.replace_note.text() == "Choose another mission's site in the table first."
    dialog.table.selectionModel().select(dialog.model.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                         | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert before in dialog.replace_note.text() and packages.key_fingerprint(line) in dialog.replace_note.text()
    assert packages.list_sites(cairo)[1].fingerprint == before
    dialog.table.selectionModel().select(dialog.model.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                         | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert packages.list_sites(cairo)[1].fingerprint == packages.key_fingerprint(line)
    assert dialog.replace_note.text().endswith(f"replaced by {packages.key_fingerprint(line)}.")
    dialog.grab().save(str(tmp_path / "sites.png"))


def test_sending_one_list_only(qtbot: QtBot, tmp_path: Path, rosters: dict[str, Database]) -> None:
    from desktop_app.services import lists

    cairo, ramallah = rosters["cairo"], rosters["ramallah"]
    packages.init_site(cairo, "Cairo", operator="t", prefix="CAI")
    packages.init_site(ramallah, "Ramallah", operator="t", prefix="RAM")
    packages.add_site(cairo, "Ramallah", packages.list_sites(ramallah)[0].public_line, operator="t")
    packages.add_site(ramallah, "Cairo", packages.list_sites(cairo)[0].public_line, operator="t")
    on_list = persons.create_person(cairo, {"surname": "Listed"}, operator="t")
    other = persons.create_person(cairo, {"surname": "Not listed"}, operator="t")
    rafah = lists.create_list(cairo, "Rafah 14", operator="t")
    lists.add_members(cairo, rafah.id, [on_list.id], operator="t")
    dialog = SendDialog(None, Workspace(cairo, "A. Petrova"))
    _KEPT.append(dialog)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.part_list.isVisible()
    dialog.part.setCurrentIndex(dialog.part.findData("list"))
    assert dialog.part_list.isVisible() and dialog.part_list.currentText() == "Rafah 14"
    dialog.sites.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.grab().save(str(tmp_path / "send.png"))
    dialog.send(tmp_path / "rafah.mrpkg", dialog.chosen_sites(), None, True, *dialog.chosen_part())
    qtbot.waitUntil(lambda: bool(dialog.result_text), timeout=20_000)
    packages.import_package(ramallah, tmp_path / "rafah.mrpkg", operator="t")
    persons.find_person(ramallah, on_list.uuid)
    with pytest.raises(NotFound):
        persons.find_person(ramallah, other.uuid)
    assert [s.name for s in lists.all_lists(ramallah)] == ["Rafah 14"]
