"""A partner's answer saved as CSV by Excel on a Russian Windows (Windows-1251) whose only Cyrillic is
the decision column: one short word a row ("одобрен", "да") was read as Windows-1256 Arabic
('îنîلًهي') and every decision came out unreadable. Replayed on each word of both languages, and
through the reconcile of a real file."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.exchange.csv_text import decode_text
from desktop_app.services import lists, persons
from desktop_app.services.reconciling import reconcile_answer
from desktop_app.storage.db import Database

RUSSIAN_WORDS = ["одобрен", "отказ", "да", "нет", "одобрено", "отклонён", "Иванов", "Щукин", "Эльза"]
ARABIC_WORDS = ["موافق", "مرفوض", "نعم", "لا", "مقبول", "محمد", "أبو شنب", "عبد الرحمن", "خالد"]


@pytest.mark.parametrize("word", RUSSIAN_WORDS)
def test_one_cyrillic_word_a_row_is_read_as_windows_1251(word: str) -> None:
    data = f"Name;Date of birth;Decision\r\nALEKSEEV PAVEL;25.07.1952;{word}\r\n".encode("cp1251")
    assert decode_text(data) == (data.decode("cp1251"), "cp1251")


@pytest.mark.parametrize("word", ARABIC_WORDS)
def test_one_arabic_word_a_row_is_still_read_as_windows_1256(word: str) -> None:
    data = f"Name;Decision\r\nX;{word}\r\n".encode("cp1256")
    assert decode_text(data) == (data.decode("cp1256"), "cp1256")


def test_a_windows_1251_answer_is_reconciled_with_its_decisions(db: Database, tmp_path: Path) -> None:
    pavel = persons.create_person(db, {"surname_latin": "ALEKSEEV", "given_names_latin": "PAVEL",
                                       "birth_date": "1952-07-25"}, operator="x")
    rafah = lists.create_list(db, "Rafah 14", operator="x")
    lists.add_members(db, rafah.id, [pavel.id], operator="x")
    answer = tmp_path / "answer.csv"
    answer.write_bytes("Name;Date of birth;Decision\r\nALEKSEEV PAVEL;25.07.1952;одобрен\r\n".encode("cp1251"))
    result = reconcile_answer(db, answer, list_id=rafah.id)
    assert [(r.person.case_ref if r.person else None, r.answer.answer.value if r.answer.answer else None)
            for r in result.rows] == [(pavel.case_ref, "approved")]
    assert result.warnings == ()
