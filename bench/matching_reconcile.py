"""A real reconcile through the service: a 10,000-row answer .xlsx against a 100,000-person roster database.

The roster is the shared cached demo database (`bench.common.seeded_roster`, seeded once
through the real services); the answer is written once with openpyxl under bench/out/ from
9,500 roster persons typed as a partner would (another romanisation, given name first,
dates in another form or year only, passports missing or spaced) and 500 people not on the
roster. `reconcile_answer` is timed whole (read the workbook, load the roster with Core
queries, index, match, assign one-to-one, warnings), first as a session's first reconcile
(the roster's index built), then again with the roster unchanged (the index kept between
reconciles, as the window keeps it), then after the window's warm-up (`warm_roster_index`,
run in the background when a roster opens: the index and the roster's side of a batch built before the
reconcile is asked for; its own time is printed apart), next to, in the same run and on the
same records:
the engine's batch path alone (`candidates_for_all`, what the service calls; a candidate is
judged and explained when first read, and the service reads a matched row's person only), the
same with every candidate of every row then read in full (reasons and contributions), the engine
row by row (`candidates`, each pair's fields in Python: the path whole answers took before
the batch path), and a plain rapidfuzz route (roster persons born that day, best
token_sort_ratio of the Latin names). Each is given in wall seconds and in CPU
seconds of this process (`time.process_time`): on a shared machine the wall time says as
much about the neighbours; each is also given as a multiple of the plain rapidfuzz route's
CPU seconds. The matching caches are emptied before each, as in a fresh process. Blocking
recall (true pairs that reach scoring) and the pairs compared close the table. The decisions
of the three service runs are hashed (`decisions_digest`: every row's outcome and candidates
with scores, reasons and bits): the same hash from the code before and after a change says it
decided alike. Nothing is written to the roster: reconcile reads only.

    python -m bench.matching_reconcile
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import iuliia
from openpyxl import Workbook

from bench.common import OUT, seeded_roster, table
from bench.matching_bench import cold_caches, fuzzy_name_exact_birth
from desktop_app.domain.names import has_cyrillic
from desktop_app.matching import Candidate, MatchRecord, RosterIndex
from desktop_app.services.reconciling import AnswerRow, Reconciliation, read_answer, reconcile_answer, warm_roster_index
from desktop_app.services.reconciling.roster import RosterPerson, forget_roster_index, load_roster
from desktop_app.storage.db import open_database

ROSTER_PERSONS = 100_000
ANSWER_ROWS = 10_000
OUTSIDERS = 500
SCHEMES = (iuliia.ICAO_DOC_9303, iuliia.MOSMETRO, iuliia.WIKIPEDIA, iuliia.GOST_779, iuliia.ALA_LC, iuliia.BGN_PCGN)
T = TypeVar("T")
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


def _timed(action: Callable[[], T]) -> tuple[T, float, float]:
    """`action()`, its wall seconds and this process's CPU seconds, from cold matching caches."""
    cold_caches()
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - started, time.process_time() - cpu


def _figures(outcomes: dict[int, tuple[str, int | None]], truth: dict[int, int | None]
             ) -> tuple[float, float, float]:
    """Precision and recall of 'match', and the share sent to review, of (decision, person id) per answer row."""
    assert outcomes.keys() == truth.keys()
    matched = [(row, person) for row, (decision, person) in outcomes.items() if decision == "match"]
    right = sum(1 for row, person in matched if truth[row] == person)
    on_roster = sum(1 for person in truth.values() if person is not None)
    review = sum(1 for decision, _ in outcomes.values() if decision == "review")
    return right / len(matched) if matched else 1.0, right / on_roster, review / len(outcomes)


def _by_row(rows: list[int], outcomes: list[tuple[str, object]]) -> dict[int, tuple[str, int | None]]:
    return {row: (decision, int(key) if key is not None else None)  # type: ignore[call-overload]
            for row, (decision, key) in zip(rows, outcomes, strict=True)}


def decisions_digest(rec: Reconciliation) -> str:
    """SHA-256 of every row's outcome, note and candidates (person, score, decision, reasons, fields that
    differ, each field's bits): two runs, or the code before and after a change, decided alike when equal."""
    rows = [[r.row, r.outcome.value, r.note, [[c.person.person_id, c.score, c.decision, list(c.reasons),
                                              sorted(c.differing), [list(t) for t in c.contributions]]
                                             for c in r.candidates]] for r in rec.rows]
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def _engine_outcomes(found: list[list[Candidate]]) -> list[tuple[str, object]]:
    return [(c[0].decision, c[0].key) if c else ("none", None) for c in found]


def run() -> tuple[list[list[object]], str]:
    """The table's rows, and the blocking line."""
    roster_path, _ = seeded_roster(ROSTER_PERSONS)
    db = open_database(roster_path)
    try:
        with db.reading() as session:
            roster = load_roster(session)
        answer_path = OUT / f"reconcile-answer-{ANSWER_ROWS // 1000}k.xlsx"
        truth = make_answer(roster, answer_path)
        forget_roster_index()
        rec, service_wall, service_cpu = _timed(lambda: reconcile_answer(db, answer_path))
        again, again_wall, again_cpu = _timed(lambda: reconcile_answer(db, answer_path))
        forget_roster_index()
        _, warm_wall, warm_cpu = _timed(lambda: warm_roster_index(db))
        warmed, warmed_wall, warmed_cpu = _timed(lambda: reconcile_answer(db, answer_path))
        forget_roster_index()
    finally:
        db.close()
    sheet = read_answer(answer_path)
    records = [person.match_record() for person in roster.values()]
    answer = [record for _, record in sheet.rows]
    rows_truth = {row.row: truth[row.row] for row, _ in sheet.rows}

    def batch() -> list[list[Candidate]]:
        return RosterIndex(records).candidates_for_all(answer, limit=4)

    def batch_read() -> list[list[Candidate]]:
        found = batch()
        for candidates in found:
            for candidate in candidates:
                _ = candidate.contributions  # judged and explained when first read
        return found

    def row_by_row() -> list[list[Candidate]]:
        index = RosterIndex(records)
        return [index.candidates(record, limit=4) for record in answer]

    found_batch, batch_wall, batch_cpu = _timed(batch)
    found_read, read_wall, read_cpu = _timed(batch_read)
    found_rows, rows_wall, rows_cpu = _timed(row_by_row)
    plain, plain_wall, plain_cpu = _timed(lambda: fuzzy_name_exact_birth(records, answer))
    service = {r.row: (r.outcome.value, r.person.person_id if r.person is not None else None) for r in rec.rows}
    service_again = {r.row: (r.outcome.value, r.person.person_id if r.person is not None else None)
                     for r in again.rows}
    service_warmed = {r.row: (r.outcome.value, r.person.person_id if r.person is not None else None)
                      for r in warmed.rows}
    numbers = [row.row for row, _ in sheet.rows]
    lines = []
    for what, outcomes, wall, cpu in (
            ("reconcile_answer (service, whole, index built)", service, service_wall, service_cpu),
            ("reconcile_answer again, roster unchanged (index kept)", service_again, again_wall, again_cpu),
            ("reconcile_answer after the window's warm-up", service_warmed, warmed_wall, warmed_cpu),
            ("engine, whole answer (the service's path)", _by_row(numbers, _engine_outcomes(found_batch)),
             batch_wall, batch_cpu),
            ("engine, whole answer, every candidate then read in full", _by_row(numbers, _engine_outcomes(found_read)),
             read_wall, read_cpu),
            ("engine, row by row (the path before)", _by_row(numbers, _engine_outcomes(found_rows)),
             rows_wall, rows_cpu),
            ("rapidfuzz: name ratio among those born that day",
             _by_row(numbers, [(d, k[0] if k else None) for d, k in plain]), plain_wall, plain_cpu)):
        precision, recall, review = _figures(outcomes, rows_truth)
        lines.append([what, len(answer), len(records), wall, cpu, cpu / service_cpu, cpu / plain_cpu, precision,
                      recall, review])
    warm_up = (f"warm-up (the window, in the background once a roster opens: index and the roster's side of a batch): "
               f"wall {warm_wall:.2f} s, CPU {warm_cpu:.2f} s")
    digests = {decisions_digest(r) for r in (rec, again, warmed)}
    decided = (f"decisions of the three service runs: {'identical' if len(digests) == 1 else 'DIFFERENT'}, "
               f"SHA-256 {decisions_digest(rec)} (compare with a run of the code before a change)")
    return lines, f"{warm_up}\n{decided}\n{_blocking(records, sheet.rows, rows_truth)}"


def _blocking(records: list[MatchRecord], rows: list[tuple[AnswerRow, MatchRecord]],
              truth: dict[int, int | None]) -> str:
    """Blocking recall on the service's records: true pairs that reach scoring, and the pairs compared."""
    index = RosterIndex(records)
    index.candidates_for_all([record for _, record in rows])
    met = 0
    for row, record in rows:
        met += truth[row.row] is not None and truth[row.row] in index.blocked(record)
    on_roster = sum(1 for person in truth.values() if person is not None)
    return (f"blocking: {met / on_roster:.4f} of true pairs reach scoring; {index.comparisons:,} pairs met in blocks "
            f"({index.comparisons / len(rows):.1f} a row), names compared for {index.name_comparisons:,}")


def main(argv: list[str] | None = None) -> int:
    del argv
    rows, blocking = run()
    print(f"\nReconcile through the service: {ANSWER_ROWS:,}-row answer .xlsx against a {ROSTER_PERSONS:,}-person "
          "roster database (target under 10 s); CPU seconds are this process's (time.process_time)")
    print(table(["what", "rows", "roster", "wall s", "CPU s", "x service CPU", "x rapidfuzz CPU", "P(match)",
                 "R(match)", "review"], rows))
    print(blocking)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
