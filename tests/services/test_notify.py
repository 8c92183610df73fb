"""Telling the families: templates in three languages, the group and its order, the attempt log and the
second round, the files (SMS CSV, links, call sheet with Arabic right to left), all audited."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.notify_templates import NotifyFields, builtin_template, fill
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.rendering import call_sheet_html
from desktop_app.services import lists, persons
from desktop_app.services.crossing import (
    NotifyGroup,
    Outcome,
    attempts_of,
    get_template,
    list_templates,
    notify_plan,
    record_attempt,
    save_template,
    sms_csv,
)
from desktop_app.storage.db import Database
from desktop_app.storage.models import AuditEntry, ContactAttempt

FIELDS = NotifyFields(date="14.11", time="07:00", meeting_point="Rafah gate", bring="passports")


@pytest.fixture
def group(db: Database, operator: str) -> dict[str, int]:
    ids = {}
    for surname, given, latin, ref, phones in (
            ("Орлова", "Анна", ("ORLOVA", "ANNA"), "G-1042", ["+20 100 123 4567", "+7 916 123-45-67"]),
            ("أبو شنب", "أحمد", ("ABU SHANAB", "AHMAD"), "G-1044", ["+970 59 912 3456"]),
            ("Смирнов", "Олег", ("SMIRNOV", "OLEG"), "MR-000123", [])):
        email = {"MR-000123": "oleg@example.org"}.get(ref, "")
        ids[ref] = persons.create_person(db, {"surname": surname, "given_names": given, "surname_latin": latin[0],
                                              "given_names_latin": latin[1], "case_ref": ref, "email": email},
                                         operator=operator, phones=phones,
                                         documents=[DocumentData(DocumentType.PASSPORT, "P" + ref[-4:])]).id
    evacuation_list = lists.create_list(db, "Rafah 14", operator=operator)
    lists.add_members(db, evacuation_list.id, list(ids.values()), operator=operator)
    ids["list"] = evacuation_list.id
    return ids


@pytest.mark.parametrize("language", ["ru", "en", "ar"])
def test_the_builtin_default_fills_every_field_in_each_language(language: str) -> None:
    text = fill(builtin_template(language).text, FIELDS, name="NAME", case_ref="G-1042")
    for value in ("NAME", "14.11", "07:00", "Rafah gate", "passports", "G-1042"):
        assert value in text
    assert "{" not in text


def test_a_template_with_an_unknown_field_is_refused_when_saved(db: Database, operator: str) -> None:
    with pytest.raises(ValidationError, match=r"unknown fields \{meeting\}"):
        save_template(db, "bus", "en", "Meet at {meeting}", operator=operator)
    save_template(db, "bus", "en", "{name}: bus at {time}", operator=operator)
    assert get_template(db, "bus", "en").text == "{name}: bus at {time}"
    names = [(t.name, t.language, t.builtin) for t in list_templates(db)]
    assert names == [("default", "ru", True), ("default", "en", True), ("default", "ar", True), ("bus", "en", False)]


def test_the_group_in_the_order_to_call_with_links_and_segments(db: Database, operator: str,
                                                                group: dict[str, int]) -> None:
    record_attempt(db, group["G-1042"], Outcome.NO_ANSWER, operator=operator, note="twice")
    plan = notify_plan(db, NotifyGroup(list_id=group["list"]), get_template(db, "default", "ru"), FIELDS)
    # never tried first (with a phone, then without), then tried longest ago
    assert [r.case_ref for r in plan.recipients] == ["G-1044", "MR-000123", "G-1042"]
    orlova = plan.recipients[2]
    assert orlova.message.startswith("Орлова Анна, ваша эвакуация одобрена. Сбор 14.11 в 07:00")
    assert [p.e164 for p in orlova.phones] == ["+201001234567", "+79161234567"]
    assert orlova.phones[0].links.whatsapp.startswith("https://wa.me/201001234567?text=%D0%9E%D1%80")
    assert orlova.segments.encoding == "UCS-2" and orlova.segments.segments == 2
    assert orlova.last_attempt is not None and orlova.last_attempt.outcome == "no_answer"
    arabic = notify_plan(db, NotifyGroup(list_id=group["list"]), get_template(db, "default", "ar"), FIELDS)
    by_ref = {r.case_ref: r for r in arabic.recipients}
    assert by_ref["G-1044"].message.startswith("أبو شنب أحمد،")  # an Arabic name in an Arabic message
    assert by_ref["G-1042"].message.startswith("ORLOVA ANNA،")  # a Cyrillic name: its Latin form


def test_empty_fields_the_template_needs_are_refused(db: Database, group: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="needs date, meeting point"):
        notify_plan(db, NotifyGroup(list_id=group["list"]), builtin_template("en"),
                    NotifyFields(time="07:00", bring="passports"))


def test_the_second_round_goes_only_to_those_not_reached(db: Database, operator: str, group: dict[str, int]) -> None:
    record_attempt(db, group["G-1044"], Outcome.REACHED, operator=operator)
    record_attempt(db, group["G-1042"], Outcome.WRONG_NUMBER, operator=operator)
    first = notify_plan(db, NotifyGroup(list_id=group["list"]), builtin_template("en"), FIELDS)
    assert first.not_reached == 2 and first.recipients[-1].case_ref == "G-1044"  # the reached last
    second = notify_plan(db, NotifyGroup(list_id=group["list"], second_round=True), builtin_template("en"), FIELDS)
    assert [r.case_ref for r in second.recipients] == ["MR-000123", "G-1042"]
    assert [(a.outcome, a.operator) for a in attempts_of(db, group["G-1042"])] == [("wrong_number", operator)]
    with db.reading() as session:
        logged = list(session.scalars(select(AuditEntry.summary).where(AuditEntry.action == "attempt")))
    assert logged == ["G-1044: reached", "G-1042: wrong_number"]


def test_the_sms_csv_has_one_row_per_phone(db: Database, group: dict[str, int]) -> None:
    plan = notify_plan(db, NotifyGroup(list_id=group["list"]), builtin_template("en"), FIELDS)
    rows = list(csv.reader(io.StringIO(sms_csv(plan).decode("utf-8"))))
    assert rows[0] == ["phone", "message", "case_ref"]
    assert sorted(r[0] for r in rows[1:]) == ["+201001234567", "+79161234567", "+970599123456"]


def cli(db_path: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--db", str(db_path), "--operator", "call.officer", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_notify_writes_the_call_sheet_csv_and_links_audited(db_path: Path, group: dict[str, int], tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str], db: Database,
                                                            qapp: object) -> None:
    sheet, sms, links = tmp_path / "calls.pdf", tmp_path / "sms.csv", tmp_path / "links.html"
    code, out, err = cli(db_path, "notify", "--list", "Rafah 14", "--template", "default", "--language", "ar",
                         "--date", "14.11", "--time", "07:00", "--meeting-point", "بوابة رفح", "--bring", "جوازات",
                         "--call-sheet", str(sheet), "--sms-csv", str(sms), "--links", str(links), capsys=capsys)
    assert code == 0, err
    assert "3 persons, 3 not reached yet" in out
    text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\xa0", " ")  # phone numbers are kept on one line
    assert "G-1044" in text and "+970599123456" in text.replace(" ", "") and "no-answer" in text
    page = links.read_text(encoding="utf-8")
    assert "https://wa.me/970599123456?text=" in page and "<svg" in page and "dir='rtl'" in page
    assert "mailto:oleg@example.org?subject=Rafah%2014&amp;body=SMIRNOV%20OLEG" in page  # an e-mail draft
    with db.reading() as session:
        exports = list(session.scalars(select(AuditEntry.changes).where(AuditEntry.action == "export")))
    assert sorted(json.loads(e)["kind"] for e in exports) == ["call_sheet", "links", "sms_csv"]
    code, _, err = cli(db_path, "notify", "--list", "Rafah 14", "--language", "ar", "--date", "1", "--time", "2",
                       "--meeting-point", "3", "--bring", "4", "--sms-csv", str(sms), capsys=capsys)
    assert code == 1 and "exists" in err  # never replaced unless asked


def test_attempt_and_templates_from_the_command_line(db_path: Path, group: dict[str, int],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(db_path, "attempt", "G-1042", "message-left", "--note", "voicemail", capsys=capsys)
    assert code == 0 and "G-1042: message-left at" in out
    code, out, _ = cli(db_path, "templates", "save", "bus", "--language", "ru", "--text", "{name}: автобус в {time}",
                       capsys=capsys)
    assert code == 0
    code, out, _ = cli(db_path, "templates", "show", "bus", "--language", "ru", capsys=capsys)
    assert out.strip() == "{name}: автобус в {time}"
    code, out, _ = cli(db_path, "notify", "--list", "Rafah 14", "--template", "bus", "--language", "ru",
                       "--time", "07:00", "--json", capsys=capsys)
    data = json.loads(out)
    assert code == 0 and data["recipients"][-1]["last_outcome"] == "message_left"
    assert data["recipients"][0]["message"] == "ABU SHANAB AHMAD: автобус в 07:00"  # Latin in a Russian message


def test_the_arabic_message_is_a_right_to_left_paragraph_of_the_call_sheet(db: Database, group: dict[str, int],
                                                                           qapp: object) -> None:
    plan = notify_plan(db, NotifyGroup(list_id=group["list"]), builtin_template("ar"), FIELDS)
    document = QTextDocument()
    document.setHtml(call_sheet_html(plan))
    directions = {}
    block = document.begin()
    while block.isValid():
        if block.text().startswith(("أبو", "ABU", "ORLOVA")):
            directions[block.text()[:3]] = block.textDirection()
        block = block.next()
    assert directions and set(directions.values()) == {Qt.LayoutDirection.RightToLeft}


def test_approved_for_tomorrow_and_not_yet_reached(db: Database, operator: str, group: dict[str, int]) -> None:
    import datetime as dt

    from desktop_app.domain.lists import Answer
    from desktop_app.domain.status import Status
    from desktop_app.services import status
    from desktop_app.services.crossing import approved_not_reached

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    for ref in ("G-1042", "G-1044", "MR-000123"):
        status.change_status(db, group[ref], Status.VERIFIED, operator=operator)
    lists.mark_sent(db, group["list"], operator=operator)
    before = record_attempt(db, group["G-1042"], Outcome.REACHED, operator=operator)
    with db.transaction() as session:  # reached yesterday, before the approval: it tells them nothing of it
        session.get(ContactAttempt, before.id).at -= dt.timedelta(days=1)  # type: ignore[union-attr]
    lists.record_answers(db, group["list"], [group["G-1042"], group["G-1044"]], Answer.APPROVED, operator=operator,
                         valid_until=tomorrow)
    lists.record_answer(db, group["list"], group["MR-000123"], Answer.APPROVED, operator=operator,
                        valid_until=dt.date.today())  # expires before tomorrow
    assert [n.case_ref for n in approved_not_reached(db, day=tomorrow)] == ["G-1042", "G-1044"]
    record_attempt(db, group["G-1044"], Outcome.NO_ANSWER, operator=operator)
    record_attempt(db, group["G-1042"], Outcome.REACHED, operator=operator)
    assert [n.case_ref for n in approved_not_reached(db, day=tomorrow)] == ["G-1044"]
