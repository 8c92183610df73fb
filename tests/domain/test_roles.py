"""The role table of issue 20: what each role holds, as the issue lists it."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import PERMISSIONS, Permission, Role


def test_volunteer_registers_and_logs_but_exports_merges_and_reads_notes_never() -> None:
    volunteer = Role.VOLUNTEER
    assert volunteer.may(Permission.SEARCH) and volunteer.may(Permission.REGISTER)
    assert volunteer.may(Permission.LOG_CONTACTS)
    for refused in (Permission.EXPORT, Permission.ANSWERS, Permission.MERGE, Permission.RETENTION,
                    Permission.ACCOUNTS, Permission.READ_NOTES):
        assert volunteer.lacks(refused), refused


def test_officer_does_the_daily_work_but_not_the_heads() -> None:
    officer = Role.OFFICER
    for allowed in (Permission.LISTS, Permission.EXPORT, Permission.ANSWERS, Permission.CHECK_IN,
                    Permission.MERGE, Permission.READ_NOTES, Permission.IMPORT):
        assert officer.may(allowed), allowed
    for refused in (Permission.RETENTION, Permission.ENCRYPTION, Permission.PACKAGES, Permission.ACCOUNTS):
        assert officer.lacks(refused), refused


def test_roles_nest_and_the_head_holds_everything() -> None:
    assert PERMISSIONS[Role.VOLUNTEER] < PERMISSIONS[Role.OFFICER] < PERMISSIONS[Role.HEAD]
    assert PERMISSIONS[Role.HEAD] == frozenset(Permission)
    assert all(permission.label for permission in Permission)


def test_a_role_is_read_in_any_case_and_an_unknown_one_is_refused_naming_the_known() -> None:
    assert Role.parse(" Officer ") is Role.OFFICER
    with pytest.raises(ValidationError) as caught:
        Role.parse("consul")
    assert "volunteer, officer, head" in str(caught.value)
