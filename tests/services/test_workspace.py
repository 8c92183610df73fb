"""The Workspace handle: look-ups, listeners, a replaced roster, and the command line on top of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.errors import NotFound, ValidationError
from desktop_app.domain.partners import OrgKind
from desktop_app.domain.status import Status
from desktop_app.services import households, lists, partners, persons, status
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import open_database


@pytest.fixture
def workspace(db_path: Path, operator: str) -> Iterator[Workspace]:
    opened = Workspace.open(db_path, operator=operator)
    yield opened
    opened.close()


def test_look_ups_find_what_screens_and_commands_name(workspace: Workspace, operator: str) -> None:
    db = workspace.db
    person = persons.create_person(db, {"surname": "Петров", "given_names": "Иван"}, operator=operator)
    evacuation_list = lists.create_list(db, "Bus 1", operator=operator)
    organization = partners.create_organization(db, "Red Cross", OrgKind.INTERNATIONAL_ORGANIZATION, operator=operator)
    household = households.create_household(db, "Petrov family", operator=operator, head_person_id=person.id)

    assert workspace.person(person.case_ref).id == person.id
    assert workspace.person_id(person.uuid) == person.id
    assert workspace.list_id(" Bus 1 ") == evacuation_list.id
    assert workspace.organization_id("red cross") == organization.id
    assert workspace.household_id(household.ref) == household.id
    for look_up, key in ((workspace.person_id, "MR-999999"), (workspace.list_id, "Bus 9"),
                         (workspace.organization_id, "Blue Cross"), (workspace.household_id, "H-999")):
        with pytest.raises(NotFound):
            look_up(key)


def test_mission_settings_are_read_afresh(workspace: Workspace, operator: str) -> None:
    assert workspace.phone_region is None
    save_mission(workspace.db, MissionSettings("Embassy in Testland", "DE"), operator=operator)
    assert workspace.mission().mission_name == "Embassy in Testland"
    assert workspace.phone_region == "DE"


def test_undoable_operation_is_checked_once_for_every_kind(workspace: Workspace, operator: str) -> None:
    ids = [persons.create_person(workspace.db, {"surname": f"Иванов{n}"}, operator=operator).id for n in range(2)]
    result = status.change_statuses(workspace.db, ids, Status.VERIFIED, operator=operator)
    assert result.operation_id is not None
    found = workspace.undoable_operation(result.operation_id, "status")
    assert (found.kind, found.operator) == ("status", operator)
    with pytest.raises(ValidationError, match="is not an import but a status change: undo it with "
                                              f"`mission-roster status --undo {result.operation_id}`"):
        workspace.undoable_operation(result.operation_id, "import")
    with pytest.raises(NotFound):
        workspace.undoable_operation(result.operation_id + 100, "status")
    status.undo_status_operation(workspace.db, result.operation_id, operator=operator)
    with pytest.raises(ValidationError, match="already undone"):
        workspace.undoable_operation(result.operation_id, "status")


def test_listeners_hear_changes_and_a_replaced_roster(workspace: Workspace, tmp_path: Path, operator: str) -> None:
    heard: list[frozenset[str]] = []
    replaced: list[str] = []
    workspace.on_changed.append(heard.append)
    workspace.on_replaced.append(lambda ws: replaced.append(ws.label))
    workspace.notify(frozenset())
    workspace.notify(frozenset({"persons"}))
    assert heard == [frozenset({"persons"})]

    old = workspace.db
    other = open_database(tmp_path / "other.db")
    persons.create_person(other, {"surname": "Сидоров"}, operator=operator)
    assert workspace.replace_database(other) is old
    assert replaced == [str(tmp_path / "other.db")]
    assert workspace.person("MR-000001").display_name.startswith("Сидоров")


def test_the_command_line_works_through_the_workspace(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "--operator", "cli.tester", "person", "add", "--surname", "Орлова"]) == 0
    case_ref = capsys.readouterr().out.split("\t")[0]
    assert main(["--db", str(db_path), "person", "show", case_ref]) == 0
    assert "Орлова" in capsys.readouterr().out
    assert main(["--db", str(db_path), "person", "show", "MR-999999"]) == 1
    assert "MR-999999" in capsys.readouterr().err


def test_a_write_waits_for_a_colleague_s_lock_and_says_who_holds_it(workspace: Workspace) -> None:
    from tests.storage.test_errors import held_lock

    path = workspace.db.target.path
    assert path is not None
    told: list[str | None] = []
    with held_lock(path, 1.5) as colleague:
        workspace.wait_for_writer(lambda: False, told.append)  # returns once the colleague committed
        assert colleague.poll() is not None or colleague.wait(5) is not None
    assert len(told) == 1 and told[0] is not None and told[0].startswith("A. Colleague on ")
    lists.create_list(workspace.db, "Bus 2", operator="t")  # the lock is free: the write goes through
    workspace.wait_for_writer(lambda: False, told.append)
    assert len(told) == 1  # nobody held the lock: nobody named


def test_a_wait_for_the_lock_can_be_cancelled_with_nothing_written(workspace: Workspace) -> None:
    from desktop_app.domain.errors import Cancelled
    from tests.storage.test_errors import held_lock

    path = workspace.db.target.path
    assert path is not None
    looks: list[int] = []

    def cancelled() -> bool:
        looks.append(1)
        return len(looks) > 3

    with held_lock(path, 30), pytest.raises(Cancelled, match="cancelled; nothing was changed"):
        workspace.wait_for_writer(cancelled, lambda _holder: None)
    assert len(looks) == 4
