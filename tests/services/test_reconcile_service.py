"""Reconciling partner answers written as real .xlsx and .csv files: every error type, hard negatives,
one-to-one assignment, warnings, apply and undo, report and summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from desktop_app.domain.errors import EditConflict, ExchangeError, ValidationError
from desktop_app.domain.lists import Answer, ListState
from desktop_app.services import audit, lists, persons, status
from desktop_app.services.reconciling import (
    Outcome,
    apply_reconciliation,
    reconcile_answer,
    summary_text,
    undo_reconciliation,
    write_reconcile_report,
)
from desktop_app.storage.db import Database
from tests.services.test_reconcile_roster import OPERATOR, Roster, build_roster, write_answer

HEADER = ["Name", "Date of birth", "Passport No", "Decision"]


@pytest.fixture
def roster(db: Database) -> Roster:
    return build_roster(db)


def _one_row(db: Database, roster: Roster, tmp_path: Path, row: list[object]) -> object:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [[*row, "approved"]])
    return reconcile_answer(db, path, list_id=roster.list_id).rows[0]


@pytest.mark.parametrize(("who", "row"), [
    ("ivan", ["SHCHERBAKOV IVAN", "05.03.1980", "721234567"]),          # ICAO, passport unspaced
    ("ivan", ["SCHERBAKOV IVAN", "05.03.1980", "72 1234567"]),          # informal romanisation
    ("ivan", ["SHCHERBAKOFF IVAN", "1980-03-05", "72 1234567"]),        # -off ending
    ("ivan", ["IVAN SHCHERBAKOV", "05.03.1980", "72 1234567"]),         # given name first
    ("ivan", ["SHCHERBAKOV IVAN", "03/05/1980", "72 1234567"]),         # day and month swapped
    ("ivan", ["SHHERBAKOV IVAN", "1980", "72 1234567"]),                # GOST-style spelling, year only
    ("maria", ["MARIYA SHCHERBAKOVA", "02.11.1984", "72 7654321"]),     # Мария as MARIYA
    ("maria", ["SHCHERBAKOVA MARIIA", "02.11.1984", "72 7654322"]),     # passport one digit off
    ("ahmed", ["ABOU CHANAB AHMED", "20.01.1975", "P 0481516"]),        # Arabic particle spelled otherwise
    ("ahmed", ["ABUSHANAB AHMED", "20.01.1975", "P0481516"]),           # particle joined
    ("alexei", ["SMIRNOV ALEKSEI", "09.04.2001", ""]),                  # twin, right one, no passport
])
def test_each_error_type_still_matches_the_right_person(db: Database, roster: Roster, tmp_path: Path,
                                                         who: str, row: list[object]) -> None:
    result = _one_row(db, roster, tmp_path, row)
    assert result.outcome is Outcome.MATCH
    assert result.person.person_id == roster.ids[who]
    assert result.best.reasons


@pytest.mark.parametrize(("row", "must_not"), [
    (["SMIRNOV ANDREI", "09.04.2001", ""], "alexei"),                   # twin brother: another given name
    (["KOZLOV SERGEI SERGEEVICH", "", ""], "kozlov_father"),            # father and son, same name
    (["KOZLOV SERGEI SERGEEVICH", "", ""], "kozlov_son"),
    (["IVANOVA ANNA", "", ""], "anna_1"),                               # namesakes, nothing else known
    (["IVANOVA ANNA", "", ""], "anna_2"),
    (["SHCHERBAKOV IVAN", "17.06.2012", ""], "ivan"),                   # the son's birth date: not the father
])
def test_hard_negatives_are_never_matched_and_never_applied(db: Database, roster: Roster, tmp_path: Path,
                                                            row: list[object], must_not: str) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [[*row, "approved"]])
    rec = reconcile_answer(db, path, list_id=roster.list_id)
    result = rec.rows[0]
    assert not (result.outcome is Outcome.MATCH and result.person.person_id == roster.ids[must_not])
    applied = apply_reconciliation(db, rec, operator=OPERATOR)
    assert lists.memberships(db, roster.ids[must_not])[0].answer == Answer.PENDING.value
    assert applied.approved == (1 if result.outcome is Outcome.MATCH else 0)


def test_namesakes_go_to_review_with_both_candidates_and_differing_fields(db: Database, roster: Roster,
                                                                          tmp_path: Path) -> None:
    result = _one_row(db, roster, tmp_path, ["IVANOVA ANNA", "", ""])
    assert result.outcome is Outcome.REVIEW
    assert {c.person.person_id for c in result.candidates} == {roster.ids["anna_1"], roster.ids["anna_2"]}
    twin = _one_row(db, roster, tmp_path, ["SMIRNOV ANDREI", "09.04.2001", "75 1111111"])  # brother's passport
    assert twin.outcome is Outcome.REVIEW
    alexei = next(c for c in twin.candidates if c.person.person_id == roster.ids["alexei"])
    assert "name" in alexei.differing


def test_person_not_on_roster_and_members_not_mentioned(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"],
        ["JOHN NOBODY", "1970", "X1", "approved"]])
    rec = reconcile_answer(db, path, list_id=roster.list_id)
    assert [r.outcome for r in rec.rows] == [Outcome.MATCH, Outcome.NONE]
    assert rec.rows[1].row == 3
    mentioned = {roster.ids["ivan"]}
    expected = {v for k, v in roster.ids.items() if k != "petrov"} - mentioned
    assert {p.person_id for p in rec.not_mentioned} == expected


def test_two_rows_naming_one_person_one_to_one_and_approved_twice(db: Database, roster: Roster,
                                                                  tmp_path: Path) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [
        ["SCHERBAKOV IVAN", "05.03.1980", "", "approved"],
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"]])
    rec = reconcile_answer(db, path, list_id=roster.list_id)
    assert [r.outcome for r in rec.rows] == [Outcome.REVIEW, Outcome.MATCH]
    assert "row 3" in rec.rows[0].note
    assert [w.kind for w in rec.warnings if w.kind == "approved_twice"] == ["approved_twice"]
    twice = next(w for w in rec.warnings if w.kind == "approved_twice")
    assert twice.rows == (2, 3) and twice.person_ids == (roster.ids["ivan"],)


def test_conflicting_answers_warned_and_not_applied(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"],
        ["SHCHERBAKOV IVAN", "05.03.1980", "", "rejected"]])
    rec = reconcile_answer(db, path, list_id=roster.list_id)
    assert any(w.kind == "conflicting_answers" for w in rec.warnings)
    result = apply_reconciliation(db, rec, {3: roster.ids["ivan"]}, operator=OPERATOR)
    assert result.applied == 0
    assert {s.row for s in result.skipped} == {2, 3}


def test_row_matching_a_person_not_on_the_list_is_warned_and_skipped(db: Database, roster: Roster,
                                                                    tmp_path: Path) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [["PETROV OLEG", "09.09.1979", "77 9999999", "approved"]])
    rec = reconcile_answer(db, path, list_id=roster.list_id)
    assert rec.rows[0].outcome is Outcome.MATCH
    warning = next(w for w in rec.warnings if w.kind == "not_on_list")
    assert warning.rows == (2,) and "not on this list" in warning.message
    result = apply_reconciliation(db, rec, operator=OPERATOR)
    assert result.operation_id is None and "not on this list" in result.skipped[0].reason
    assert persons.get_person(db, roster.ids["petrov"]).status == "registered"


def test_household_approved_in_part_is_warned(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"],
        ["SHCHERBAKOVA MARIA", "02.11.1984", "72 7654321", "approved"]])
    rec = reconcile_answer(db, path, list_id=roster.list_id)
    split = [w for w in rec.warnings if w.kind == "household_split"]
    assert len(split) == 1
    petr = persons.get_person(db, roster.ids["petr"])
    assert petr.case_ref in split[0].message and "but not" in split[0].message
    assert set(split[0].person_ids) == {roster.ids["ivan"], roster.ids["maria"], roster.ids["petr"]}


def _snapshot(db: Database, roster: Roster) -> dict[str, object]:
    members = {m.person_id: (m.answer, m.valid_until, m.answer_note) for m in lists.members(db, roster.list_id)}
    statuses = {pid: persons.get_person(db, pid).status for pid in roster.ids.values()}
    return {"members": members, "statuses": statuses, "list": lists.get_list(db, roster.list_id).state}


def test_apply_then_undo_restores_answers_statuses_and_list(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = write_answer(tmp_path / "rafah_answer.xlsx", [*HEADER, "Valid until"], [
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved", dt.date(2023, 11, 20)],
        ["SHCHERBAKOVA MARIIA", "02.11.1984", "72 7654321", "Одобрено", "20.11.2023"],
        ["SMIRNOV ANDREI", "09.04.2001", "75 2222222", "مرفوض", None],
        ["IVANOVA ANNA", "", "", "approved", None]], title="Rafah crossing — 14 Nov")
    before = _snapshot(db, roster)
    rec = reconcile_answer(db, path, list_id=roster.list_id)
    assert rec.header_row == 3 and [r.row for r in rec.rows] == [4, 5, 6, 7]
    result = apply_reconciliation(db, rec, {7: roster.ids["anna_2"]}, operator=OPERATOR)
    assert (result.approved, result.rejected) == (3, 1)
    after = _snapshot(db, roster)
    assert after["members"][roster.ids["ivan"]][:2] == ("approved", dt.date(2023, 11, 20))
    assert after["members"][roster.ids["maria"]][:2] == ("approved", dt.date(2023, 11, 20))
    assert after["members"][roster.ids["andrei"]][0] == "rejected"
    assert after["members"][roster.ids["anna_2"]][0] == "approved"
    assert after["members"][roster.ids["anna_1"]][0] == "pending"
    assert after["statuses"][roster.ids["ivan"]] == "approved"
    assert after["statuses"][roster.ids["andrei"]] == "rejected"
    assert after["list"] == ListState.ANSWERED.value
    history = status.history(db, roster.ids["ivan"])
    assert "rafah_answer.xlsx" in history[-1].reason

    undone = undo_reconciliation(db, result.operation_id, operator=OPERATOR)
    assert undone.restored == 4
    assert _snapshot(db, roster) == before
    history_after = status.history(db, roster.ids["ivan"])
    assert len(history_after) > len(history)  # the undo is recorded, nothing deleted
    assert history_after[-1].to_status == before["statuses"][roster.ids["ivan"]] == "submitted"
    assert "undo" in history_after[-1].reason
    assert audit.verify_chain(db).intact
    with pytest.raises(ValidationError, match="already undone"):
        undo_reconciliation(db, result.operation_id, operator=OPERATOR)


def test_undo_refused_when_a_person_changed_since(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567",
                                                            "approved"]])
    result = apply_reconciliation(db, reconcile_answer(db, path, list_id=roster.list_id), operator=OPERATOR)
    persons.update_person(db, roster.ids["ivan"], {"email": "ivan@example.org"}, operator="someone.else")
    with pytest.raises(EditConflict, match="changed after it was applied"):
        undo_reconciliation(db, result.operation_id, operator=OPERATOR)
    assert lists.memberships(db, roster.ids["ivan"])[0].answer == "approved"


def test_review_rows_are_applied_only_with_a_decision(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [["IVANOVA ANNA", "", "", "approved"]])
    rec = reconcile_answer(db, path, list_id=roster.list_id)
    assert apply_reconciliation(db, rec, operator=OPERATOR).skipped[0].reason == "needs review"
    left_out = apply_reconciliation(db, rec, {2: None}, operator=OPERATOR)
    assert left_out.operation_id is None and left_out.skipped[0].reason == "left out by the officer"
    with pytest.raises(ValidationError, match="not a row"):
        apply_reconciliation(db, rec, {99: roster.ids["anna_1"]}, operator=OPERATOR)


def test_whole_roster_reconcile_is_for_looking_only(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [["PETROV OLEG", "09.09.1979", "", "approved"]])
    rec = reconcile_answer(db, path)
    assert rec.rows[0].outcome is Outcome.MATCH and not rec.not_mentioned and rec.list_id is None
    with pytest.raises(ValidationError, match="answers are recorded per list"):
        apply_reconciliation(db, rec, operator=OPERATOR)


def test_real_csv_answer_without_decision_column(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = tmp_path / "approved.csv"
    path.write_text("Фамилия;Имя;Дата рождения;№ паспорта\nSHCHERBAKOV;IVAN;05.03.1980;72 1234567\n"
                    "SMIRNOV;ALEKSEI;09.04.2001;\n", encoding="cp1251")
    with pytest.raises(ExchangeError, match="no decision column") as refused:
        reconcile_answer(db, path, list_id=roster.list_id)
    assert "approved.csv" in str(refused.value)
    rec = reconcile_answer(db, path, list_id=roster.list_id, default_answer=Answer.APPROVED)
    assert [(r.outcome, r.person.person_id) for r in rec.rows] == [
        (Outcome.MATCH, roster.ids["ivan"]), (Outcome.MATCH, roster.ids["alexei"])]
    assert all(r.answer.answer is Answer.APPROVED for r in rec.rows)


def test_unreadable_decision_is_reported_by_row_and_column_and_never_applied(db: Database, roster: Roster,
                                                                            tmp_path: Path) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567",
                                                            "maybe"]])
    rec = reconcile_answer(db, path, list_id=roster.list_id)
    assert rec.rows[0].answer.answer is None
    cell = next(w for w in rec.warnings if w.kind == "cell")
    assert "row 2, column D" in cell.message and "'maybe'" in cell.message
    result = apply_reconciliation(db, rec, operator=OPERATOR)
    assert result.operation_id is None and result.skipped[0].reason == "the decision could not be read"


def test_bad_files_name_file_sheet_and_row_and_change_nothing(db: Database, roster: Roster, tmp_path: Path) -> None:
    header_only = write_answer(tmp_path / "header_only.xlsx", HEADER, [])
    with pytest.raises(ExchangeError) as refused:
        reconcile_answer(db, header_only, list_id=roster.list_id)
    assert "header_only.xlsx" in str(refused.value) and "sheet 'Answer'" in str(refused.value)
    no_names = write_answer(tmp_path / "no_names.xlsx", ["Colour", "Decision"], [["red", "approved"]])
    with pytest.raises(ExchangeError, match="no column names the persons"):
        reconcile_answer(db, no_names, list_id=roster.list_id)
    assert {m.answer for m in lists.members(db, roster.list_id)} == {"pending"}


def test_report_workbook_and_summary(db: Database, roster: Roster, tmp_path: Path) -> None:
    path = write_answer(tmp_path / "answer.xlsx", HEADER, [
        ["SHCHERBAKOV IVAN", "05.03.1980", "72 1234567", "approved"],
        ["IVANOVA ANNA", "", "", "approved"],
        ["+JOHN NOBODY", "1970", "X1", "approved"]])
    rec = reconcile_answer(db, path, list_id=roster.list_id)
    out = write_reconcile_report(rec, tmp_path / "report.xlsx")
    workbook = openpyxl.load_workbook(out.path)
    assert workbook.sheetnames == ["Matched", "Needs review", "Not on roster", "Not mentioned", "Warnings"]
    review_rows = [r for r in workbook["Needs review"].iter_rows(values_only=True) if r[0] == 3]
    assert len(review_rows) == 2  # both namesakes, one line each
    not_on = next(r for r in workbook["Not on roster"].iter_rows() if r[0].value == 4)
    assert not_on[1].value == "+JOHN NOBODY" and not_on[1].data_type == "s"  # text, never a formula
    text = summary_text(rec)
    assert "matched: 1 (1 approved, 0 rejected)" in text and "needs review: 1 (rows 3)" in text
    assert "not on the roster: 1 (rows 4)" in text and "household" in text
