"""The person editor's one read: a person with a household, a list, a status change and an edit comes back
with each of them; a person in the trash or never created is refused as the single reads refuse it."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import RosterError
from desktop_app.domain.status import Status
from desktop_app.services import households, lists, persons, status
from desktop_app.services.person_sheet import read_person_sheet
from desktop_app.storage.db import Database


def test_the_sheet_holds_what_every_tab_shows(db: Database) -> None:
    head = persons.create_person(db, {"surname_latin": "ORLOV", "given_names_latin": "ILYA", "birth_date": "1980"},
                                 operator="t")
    household = households.create_household(db, "Orlov family", operator="t", head_person_id=head.id)
    rafah = lists.create_list(db, "Rafah 20 Nov", operator="t")
    lists.add_members(db, rafah.id, [head.id], operator="t")
    status.change_status(db, head.id, Status.VERIFIED, operator="t", reason="passport seen")
    persons.update_person(db, head.id, {"notes": "diabetic"}, operator="t",
                          expected_version=persons.get_person(db, head.id).version)

    sheet = read_person_sheet(db, head.id)

    assert sheet.person.id == head.id and sheet.person.notes == "diabetic"
    assert sheet.household is not None and sheet.household.id == household.id
    assert [m.person_id for m in sheet.household.members] == [head.id]
    assert [m.list_name for m in sheet.memberships] == ["Rafah 20 Nov"]
    assert [(h.to_status, h.reason) for h in sheet.history][-1] == ("verified", "passport seen")
    assert {"create", "update"} <= {entry.action for entry in sheet.audit}
    assert sheet.conflicts == [] and sheet.recipients == [] and sheet.log == []


def test_a_person_without_household_and_one_that_is_gone(db: Database) -> None:
    alone = persons.create_person(db, {"surname_latin": "SAYED", "given_names_latin": "MONA", "birth_date": "1991"},
                                  operator="t")
    assert read_person_sheet(db, alone.id).household is None
    with pytest.raises(RosterError):
        read_person_sheet(db, alone.id + 1000)
