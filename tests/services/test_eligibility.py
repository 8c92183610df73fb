"""Who may go: missing evidence flagged on the list, sending refused without an audited override, and the
re-confirmation round through the same notify plan."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.domain.eligibility import Basis, Evidence
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.notify_templates import NotifyFields, builtin_template
from desktop_app.domain.status import Status
from desktop_app.services import lists, persons, status
from desktop_app.services.crossing import (
    NotifyGroup,
    confirm,
    eligibility_of,
    flagged_on_list,
    notify_plan,
    override,
    set_basis,
)
from desktop_app.storage.db import Database
from desktop_app.storage.models import AuditEntry

FIELDS = NotifyFields("14.11", "07:00", "Rafah gate", "passports")


@pytest.fixture
def family(db: Database, operator: str) -> dict[str, int]:
    ids = {ref: persons.create_person(db, {"surname": s, "given_names": g, "case_ref": ref}, operator=operator).id
           for s, g, ref in (("Орлова", "Анна", "G-1042"), ("Abu Shanab", "Ahmad", "G-1044"),
                             ("Орлов", "Илья", "G-1043"))}
    for pid in ids.values():
        status.change_status(db, pid, Status.VERIFIED, operator=operator)
    created = lists.create_list(db, "Rafah 14", operator=operator)
    lists.add_members(db, created.id, list(ids.values()), operator=operator)
    ids["list"] = created.id
    return ids


def test_a_spouse_without_the_marriage_certificate_is_flagged_and_blocks_sending(
        db: Database, operator: str, family: dict[str, int]) -> None:
    set_basis(db, family["G-1042"], Basis.CITIZEN, [Evidence.PASSPORT], operator=operator)
    view = set_basis(db, family["G-1044"], Basis.SPOUSE, [Evidence.PASSPORT], operator=operator)
    assert view.missing == [Evidence.MARRIAGE_CERTIFICATE]
    set_basis(db, family["G-1043"], Basis.CHILD, [Evidence.PASSPORT, Evidence.BIRTH_CERTIFICATE], operator=operator,
              minor_with_one_parent=True)
    flagged = {f.case_ref: f.missing for f in flagged_on_list(db, family["list"])}
    assert flagged == {"G-1044": [Evidence.MARRIAGE_CERTIFICATE], "G-1043": [Evidence.OTHER_PARENT_CONSENT]}
    with pytest.raises(ValidationError, match=r"cannot be sent: evidence is missing for .*G-1044 \(spouse: "
                                              r"marriage_certificate\)"):
        lists.mark_sent(db, family["list"], operator=operator)
    assert lists.get_list(db, family["list"]).state == "draft"  # nothing was submitted
    override(db, family["list"], family["G-1044"], "certificate seen by video call", operator="consul")
    set_basis(db, family["G-1043"], Basis.CHILD, [Evidence.PASSPORT, Evidence.BIRTH_CERTIFICATE,
                                                  Evidence.OTHER_PARENT_CONSENT], operator=operator,
              minor_with_one_parent=True)
    assert lists.mark_sent(db, family["list"], operator=operator).state == "sent"
    with db.reading() as session:
        overrides = list(session.scalars(select(AuditEntry.summary).where(AuditEntry.action == "override")))
    assert overrides == ["G-1044 may be submitted on 'Rafah 14' without marriage_certificate: certificate seen by "
                         "video call"]


def test_an_override_needs_a_reason_and_a_flagged_member(db: Database, operator: str, family: dict[str, int]) -> None:
    set_basis(db, family["G-1042"], Basis.CITIZEN, [Evidence.PASSPORT], operator=operator)
    with pytest.raises(ValidationError, match="required for an override"):
        override(db, family["list"], family["G-1042"], " ", operator=operator)
    with pytest.raises(ValidationError, match="not needed"):
        override(db, family["list"], family["G-1042"], "why not", operator=operator)


def test_the_reconfirmation_round_calls_those_not_confirmed_for_n_days(db: Database, operator: str,
                                                                       family: dict[str, int]) -> None:
    confirm(db, family["G-1042"], operator=operator)
    confirm(db, family["G-1043"], operator=operator, on=dt.date.today() - dt.timedelta(days=5))
    assert eligibility_of(db, [family["G-1042"]])[family["G-1042"]].last_confirmed == dt.date.today()
    plan = notify_plan(db, NotifyGroup(list_id=family["list"], unconfirmed_days=3), builtin_template("en"), FIELDS)
    assert sorted(r.case_ref for r in plan.recipients) == ["G-1043", "G-1044"]


def test_the_command_line_records_basis_override_and_confirmation(db_path: Path, family: dict[str, int],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def cli(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), "--operator", "consul", *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, _ = cli("eligibility", "G-1044", "--basis", "spouse", "--evidence", "passport", "--json")
    assert code == 0 and json.loads(out)["missing"] == ["marriage_certificate"]
    code, _, err = cli("list", "send", "Rafah 14")
    assert code == 1 and "evidence is missing for G-1044 (spouse: marriage_certificate)" in err
    code, out, _ = cli("eligibility-override", "Rafah 14", "G-1044", "--reason", "seen by video call")
    assert code == 0 and "G-1044: may be submitted on Rafah 14 without marriage_certificate" in out
    assert cli("list", "send", "Rafah 14")[0] == 0
    code, out, _ = cli("confirm", "G-1044", "--on", "2026-11-13")
    assert code == 0 and "G-1044: confirmed on 2026-11-13" in out


def test_the_command_line_names_a_lists_flagged_members(db: Database, operator: str, db_path: Path,
                                                         family: dict[str, int],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    set_basis(db, family["G-1044"], Basis.SPOUSE, [], operator=operator)
    code = main(["--db", str(db_path), "eligibility", "--list", "Rafah 14"])
    out = capsys.readouterr().out
    assert code == 0
    assert "G-1044\tspouse\tmissing: passport, marriage_certificate\toverride: -" in out
    assert "Rafah 14: 1 members lack evidence, 1 without an override" in out
