"""A real reconcile through the service: a 10,000-row answer .xlsx against a 100,000-person roster database.

The roster is the shared cached demo database (`bench.common.seeded_roster`, seeded once
through the real services); the answer is written once with openpyxl under bench/out/ from
9,500 roster persons typed as a partner would (another romanisation, given name first,
dates in another form or year only, passports missing or spaced) and 500 people not on the
roster. `reconcile_answer` is timed whole (read the workbook, load the roster with Core
queries, index, match, assign one-to-one, warnings) next to the plain engine doing the
matching part on the same records (RosterIndex built and queried), so the figure is a ratio.
Nothing is written to the roster: reconcile reads only.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import iuliia
from openpyxl import Workbook

from bench.common import OUT, seeded_roster, table
from desktop_app.domain.names import has_cyrillic
from desktop_app.matching import RosterIndex
from desktop_app.services.reconcile import Outcome, reconcile_answer
from desktop_app.services.reconcile_answer import read_answer
from desktop_app.services.reconcile_roster import RosterPerson, load_roster
from desktop_app.storage.db import open_database

ROSTER_PERSONS = 100_000
ANSWER_ROWS = 10_000
OUTSIDERS = 500
SCHEMES = (iuliia.ICAO_DOC_9303, iuliia.MOSMETRO, iuliia.WIKIPEDIA, iuliia.GOST_779, iuliia.ALA_LC, iuliia.BGN_PCGN)
HEADER = ["No", "Full name", "Date of birth", "Passport No", "Decision", "Valid until"]


def _typed_name(person: RosterPerson, rng: random.Random) -> str:
    if has_cyrillic(person.surname):
        scheme = rng.choice(SCHEMES)
        surname, given = scheme.translate(person.surname).upper(), scheme.translate(person.given_names).upper()
    else:
        surname, given = person.surname_latin, person.given_names_latin
    return f"{given} {surname}" if rng.random() < 0.3 else f"{surname} {given}"


def _typed_birth(iso: str | None, rng: random.Random) -> str:
    if not iso:
        return ""
    if len(iso) < 10 or rng.random() < 0.1:
        return iso[:4]
    year, month, day = iso.split("-")
    return f"{month}/{day}/{year}" if rng.random() < 0.05 else f"{day}.{month}.{year}"


def _typed_passport(numbers: tuple[str, ...], rng: random.Random) -> str:
    if not numbers or rng.random() < 0.2:
        return ""
    number = numbers[0]
    return number.replace(" ", "") if rng.random() < 0.5 else number


def make_answer(roster: dict[int, RosterPerson], path: Path, seed: int = 7) -> dict[int, int | None]:
    """Write the answer workbook; return the truth: spreadsheet row -> person id (None: not on the roster)."""
    rng = random.Random(seed)
    chosen = rng.sample(sorted(roster), ANSWER_ROWS - OUTSIDERS)
    rows: list[tuple[list[object], int | None]] = []
    for person_id in chosen:
        person = roster[person_id]
        rows.append(([_typed_name(person, rng), _typed_birth(person.birth_date, rng),
                      _typed_passport(person.documents, rng)], person_id))
    for number in range(OUTSIDERS):
        rows.append(([f"OUTSIDER{number:04d} NOBODY", f"{rng.randint(1, 28):02d}.0{rng.randint(1, 9)}.1970",
                      f"Z{9_000_000 + number}"], None))
    rng.shuffle(rows)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Approved")
    sheet.append(HEADER)
    truth: dict[int, int | None] = {}
    for number, (cells, person_id) in enumerate(rows, start=1):
        sheet.append([number, *cells, "approved", "2023-11-20"])
        truth[number + 1] = person_id
    workbook.save(path)
    return truth


def run() -> list[list[object]]:
    roster_path, _ = seeded_roster(ROSTER_PERSONS)
    db = open_database(roster_path)
    try:
        with db.reading() as session:
            roster = load_roster(session)
        answer_path = OUT / f"reconcile-answer-{ANSWER_ROWS // 1000}k.xlsx"
        truth = make_answer(roster, answer_path)

        started = time.perf_counter()
        rec = reconcile_answer(db, answer_path)
        service_seconds = time.perf_counter() - started

        sheet = read_answer(answer_path)
        records = [person.match_record() for person in roster.values()]
        started = time.perf_counter()
        index = RosterIndex(records)
        for _, record in sheet.rows:
            index.candidates(record, limit=4)
        engine_seconds = time.perf_counter() - started
    finally:
        db.close()
    matches = rec.group(Outcome.MATCH)
    right = sum(1 for r in matches if r.person is not None and truth[r.row] == r.person.person_id)
    return [["reconcile_answer (service, whole)", len(rec.rows), len(roster), service_seconds,
             service_seconds / engine_seconds, right / len(matches) if matches else 1.0, rec.review / len(rec.rows)],
            ["RosterIndex build + candidates (engine)", len(rec.rows), len(roster), engine_seconds, 1.0, "", ""]]


def main(argv: list[str] | None = None) -> int:
    del argv
    rows = run()
    print(f"\nReconcile through the service: {ANSWER_ROWS:,}-row answer .xlsx against a {ROSTER_PERSONS:,}-person "
          "roster database (target under 10 s)")
    print(table(["what", "rows", "roster", "seconds", "x engine", "P(match)", "review"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
