"""Breaker X19h (issue 19): true pairs the narrowing of an answer's wide blocks must not lose.

`answer_narrowing.AnswerNarrowing` gives an answer row, in a key shared by more than
`ANSWER_WIDE_BLOCK` roster persons, only those agreeing on a second key. For a name word with a
birth year (`ty|`, `yo|`: forty men named Mohammed born in 1985) that second key was the first
letter of the other name word's sound key, and a transliteration changes exactly that letter:
Khaled and Chaled (HLD, SLD), Hussein and Gusein, Elena and Jelena, Olga and Helga, Hryhoriy and
Grigoriy, Zhukov and Schukow, Tsvetkov and Zwetkow, Zhang and Chang. When the skeleton keys of the
two spellings differ too, the pair shares no other key, and the row whose year alone was given
lost its person, whom the whole block had sent to review before (8a74f2e). Wide blocks of a name
and its year are common: a roster of thousands holds forty Mohammeds born in any one year.
"""

from __future__ import annotations

import csv
import json
import random
import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.dates import PartialDate
from desktop_app.matching import answer_narrowing
from desktop_app.matching.answer_narrowing import ANSWER_WIDE_BLOCK
from desktop_app.matching.engine import RosterIndex
from desktop_app.matching.records import MatchRecord

SURNAMES = ("HASSAN", "ALI", "IBRAHIM", "YOUSSEF", "MAHMOUD", "MUSTAFA", "ABBAS", "NASSER", "OMAR", "SALEH", "JABER",
            "DARWISH", "MANSOUR", "HAMDAN", "ZAYED", "RASHID", "KARIM", "TAHA", "FARES", "BAKR", "ISSA", "NAJJAR",
            "HADDAD", "KHOURY", "SABRI", "WAZZAN", "TAMIMI", "BARAKAT", "QASSEM", "ZOUBI")
CROWD = 40

# The roster's spelling of the other name word, and the answer's.
SPELLINGS = [
    ("KHALED", "CHALED"),  # French transliteration of the Arabic kha
    ("HUSSEIN", "GUSEIN"),  # through Russian, which writes h as g
    ("HRYHORIY", "GRIGORIY"),  # Ukrainian and Russian
    ("ZHUKOV", "SCHUKOW"),  # English and German
    ("TSVETKOV", "ZWETKOW"),
    ("ELENA", "JELENA"),
    ("OLGA", "HELGA"),
    ("ZHANG", "CHANG"),  # pinyin and Wade-Giles
]


def _mohammeds_of_1985() -> list[MatchRecord]:
    """Forty men named Mohammed born in 1985, of other surnames."""
    rng = random.Random(1985)
    return [MatchRecord(f"m{k}", surname=SURNAMES[k % len(SURNAMES)] + ("" if k < len(SURNAMES) else "I"),
                        given_names="MOHAMMED", birth_date=PartialDate(1985, rng.randint(1, 12), rng.randint(1, 28)))
            for k in range(CROWD)]


def _decided_as_by_the_whole_block(roster: list[MatchRecord], row: MatchRecord, mp: pytest.MonkeyPatch) -> None:
    """The row's person 'P' is decided as when every block was met whole (as before 04729ea: review at 8a74f2e and
    at 04729ea's whole block), and nobody else is its match."""
    found = {candidate.key: candidate.decision for candidate in RosterIndex(roster).candidates_for_all([row], None)[0]}
    mp.setattr(answer_narrowing, "ANSWER_WIDE_BLOCK", 10**9)
    whole = {candidate.key: candidate.decision for candidate in RosterIndex(roster).candidates_for_all([row], None)[0]}
    assert "P" in whole
    assert found.get("P") == whole["P"]
    assert all(decision != "match" for key, decision in found.items() if key != "P")


@pytest.mark.parametrize(("roster_spelling", "answer_spelling"), SPELLINGS)
def test_a_row_giving_its_year_alone_meets_its_person_spelt_otherwise(roster_spelling: str, answer_spelling: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    person = MatchRecord("P", surname=roster_spelling, given_names="MOHAMMED", birth_date=PartialDate(1985, 4, 7),
                         locality="Aleppo", address="Sharia Baron 3")
    row = MatchRecord("A", surname=answer_spelling, given_names="MOHAMMED", birth_date=PartialDate(1985),
                      locality="Aleppo", address="Sharia Baron 3")
    assert CROWD > ANSWER_WIDE_BLOCK
    index = RosterIndex([*_mohammeds_of_1985(), person])
    met = index.blocked(row)
    assert "P" in met
    assert len(met) <= CROWD // 2  # still narrowed: not every Mohammed born in 1985
    _decided_as_by_the_whole_block([*_mohammeds_of_1985(), person], row, monkeypatch)


# An estimated birth date (a year alone, or 1 January for an unknown day) on one side, the other's two years off:
# the roster's date of birth, and the answer's, is often an age guessed at registration.
ESTIMATED = [
    (PartialDate(1985, 6, 12), PartialDate(1987)),  # the answer gives a year alone
    (PartialDate(1985), PartialDate(1987, 6, 12)),  # the roster holds a year alone
    (PartialDate(1985, 1, 1), PartialDate(1987, 6, 12)),  # the roster's 1 January
    (PartialDate(1985, 6, 12), PartialDate(1987, 1, 1)),  # the answer's 1 January
]
NAMESAKES = 60


def _namesakes(surname: str, given: str) -> list[MatchRecord]:
    """Sixty namesakes born 1960-2005 (a name block narrowed since 04729ea; 150 before)."""
    rng = random.Random(7)
    return [MatchRecord(f"n{k}", surname=surname, given_names=given,
                        birth_date=PartialDate(rng.randint(1960, 2005), rng.randint(1, 12), rng.randint(1, 28)))
            for k in range(NAMESAKES)]


@pytest.mark.parametrize(("names", "row_names"), [
    (("AHMED", "MOHAMMED"), ("AHMED", "MOHAMMED")),
    (("Иванов", "Иван"), ("IVANOV", "IVAN")),
    (("أحمد", "محمد"), ("AHMED", "MOHAMMED")),
])
@pytest.mark.parametrize(("born", "row_born"), ESTIMATED)
def test_an_estimated_birth_date_two_years_off_still_meets_the_person(
        names: tuple[str, str], row_names: tuple[str, str], born: PartialDate, row_born: PartialDate,
        monkeypatch: pytest.MonkeyPatch) -> None:
    person = MatchRecord("P", surname=names[0], given_names=names[1], birth_date=born, locality="Homs",
                         address="Sharia al-Nasr 14")
    row = MatchRecord("A", surname=row_names[0], given_names=row_names[1], birth_date=row_born, locality="Homs",
                      address="Sharia al-Nasr 14")
    index = RosterIndex([*_namesakes(*names), person])
    met = index.blocked(row)
    assert "P" in met
    assert len(met) <= NAMESAKES // 3  # still narrowed: not every namesake
    _decided_as_by_the_whole_block([*_namesakes(*names), person], row, monkeypatch)


def test_through_the_command_line_the_row_is_offered_its_person_not_a_namesake_of_its_initial(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`reconcile --json`: CHALED MOHAMMED, 1985, Aleppo went to review of SALEH MOHAMMED (CHALED's sound key begins
    with S, as SALEH's does), its person KHALED MOHAMMED never offered."""
    roster_file, answer_file, db_file = tmp_path / "roster.csv", tmp_path / "answer.csv", tmp_path / "roster.db"
    with roster_file.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Surname", "Given names", "Date of birth", "City"])
        for record in _mohammeds_of_1985():
            assert record.birth_date is not None
            born = record.birth_date
            writer.writerow([record.surname, record.given_names, f"{born.year}-{born.month:02d}-{born.day:02d}", ""])
        writer.writerow(["KHALED", "MOHAMMED", "1985-04-07", "Aleppo"])
    with answer_file.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([["Surname", "Given names", "Date of birth", "City", "Decision"],
                                   ["CHALED", "MOHAMMED", "1985", "Aleppo", "approved"]])
    cli = ["--db", str(db_file), "--operator", "x19h"]
    assert main([*cli, "import", str(roster_file), "--accept-duplicates", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["created"] == CROWD + 1
    assert main([*cli, "reconcile", str(answer_file), "--json"]) == 0
    offered = json.loads(capsys.readouterr().out)["matches"][0]
    connection = sqlite3.connect(db_file)
    try:
        (surname,) = connection.execute("select surname from persons where id = ?", (offered["person_id"],)).fetchone()
    finally:
        connection.close()
    assert (surname, offered["decision"]) == ("KHALED", "review")
