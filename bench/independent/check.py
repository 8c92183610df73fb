"""Score `mission-roster reconcile` on the independent bench, next to a plain baseline run on the same files.

    python -m bench.independent                         # seed 1 (tuning) and seeds 2-5 (report)
    python -m bench.independent --seeds 2 3 --roster 5000 --answer 1000
    python -m bench.independent --keep /tmp/ib          # keep each seed's files under /tmp/ib/seed-N
    python -m bench.independent --exe /path/to/mission-roster
    python -m bench.independent --describe --seeds 1   # how noisy the data is; runs nothing
    python -m bench.independent --relatives 0.1        # and relatives not on the roster (see `generate`)

For each seed: the roster is imported (`import roster.xlsx --json --accept-duplicates`: the
roster's namesakes and twins are different people) and the answer reconciled (`reconcile
answer.xlsx --answer approved --json`) by the program, run as a subprocess. Figures:
precision of 'match', recall of 'match', recall of 'match' + 'review', share of rows sent
to review, share of true pairs not proposed at all (the right person neither matched nor
offered for review), wrong matches, and seconds of the reconcile. Then the same for the
baseline, and, over the report seeds pooled, recall by kind of change (`truth.csv` tags).
With `--relatives`, a table of the relatives' rows by kind (twin, brother, sister, son named
after father): how many the program matches (every one a wrong match, counted in precision),
matches to the roster relative itself, sends to review, and leaves alone; for the tuning seed
and for the report seeds pooled.

The baseline: roster persons born on the answer row's exact date; the best rapidfuzz `ratio`
between the row's name and the person's names in either order, with and without the
patronymic (the passport's Latin, and the roster's names with Cyrillic romanised by `iuliia`'s
ICAO scheme; Arabic script compared as written); match at 90 or more when one person is
best, review from 80 or on a tie. (`token_sort_ratio` sorts words alphabetically, so
'Ivanova Yuliya' against 'Iuliia Ivanova' scores 50: plain ratio over both orders is fairer.)
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import iuliia
import openpyxl
from rapidfuzz import fuzz

from bench.independent.generate import REPORT_SEEDS, TUNING_SEED, generate, write

# One outcome per answer row (spreadsheet row number): the decision and the case numbers it names.
Outcomes = dict[int, tuple[str, set[str]]]
_PUNCTUATION = str.maketrans({ch: " " for ch in ",.-'’ʹʼ`\"()"})


@dataclass(frozen=True)
class Figures:
    precision: float
    recall_match: float
    recall_review: float
    review_share: float
    not_proposed: float
    wrong: int
    rows: int


def score(outcomes: Outcomes, truth: dict[int, str | None]) -> Figures:
    """The figures of `outcomes` against `truth` (row -> case number, None for people not on the roster)."""
    true_rows = [r for r, ref in truth.items() if ref]
    matches = {r: refs for r, (d, refs) in outcomes.items() if d == "match"}
    right = sum(1 for r, refs in matches.items() if truth.get(r) in refs)
    offered = sum(1 for r in true_rows if outcomes.get(r, ("none", set()))[0] in ("match", "review")
                  and truth[r] in outcomes[r][1])
    review_rows = sum(1 for d, _ in outcomes.values() if d == "review")
    return Figures(right / len(matches) if matches else 1.0, right / len(true_rows), offered / len(true_rows),
                   review_rows / len(truth), 1 - offered / len(true_rows), len(matches) - right, len(truth))


def read_truth(path: Path) -> tuple[dict[int, str | None], dict[int, list[str]]]:
    """truth.csv as row -> case number (None when not on the roster) and row -> tags."""
    truth: dict[int, str | None] = {}
    tags: dict[int, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            truth[int(line["row"])] = line["case_ref"] or None
            tags[int(line["row"])] = line["tags"].split(";") if line["tags"] else []
    return truth, tags


# --- the program ----------------------------------------------------------------------------------------
def run_program(exe: str, work: Path) -> tuple[Outcomes, float, dict[str, object]]:
    """Import roster.xlsx and reconcile answer.xlsx with the program; its outcomes, seconds, import summary."""
    db = work / "roster.db"
    done = subprocess.run([exe, "--db", str(db), "import", str(work / "roster.xlsx"), "--json", "--accept-duplicates"],
                          capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"import failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    summary = json.loads(done.stdout)
    started = time.perf_counter()
    done = subprocess.run([exe, "--db", str(db), "reconcile", str(work / "answer.xlsx"), "--answer", "approved",
                           "--json"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"reconcile failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    outcomes: Outcomes = {}
    for m in json.loads(done.stdout)["matches"]:
        row = int(m["row"])
        if m["decision"] == "match":
            outcomes[row] = ("match", {m["case_ref"]})
        elif m["decision"] == "review" and outcomes.get(row, ("none",))[0] != "match":
            outcomes.setdefault(row, ("review", set()))[1].add(m["case_ref"])
        else:
            outcomes.setdefault(row, ("none", set()))
    return outcomes, seconds, summary


# --- the baseline ---------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=100_000)
def plain(text: str) -> str:
    """Case folded, marks dropped, Cyrillic romanised (ICAO), punctuation as spaces; Arabic left as it is."""
    text = iuliia.ICAO_DOC_9303.translate(text)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(text.casefold().translate(_PUNCTUATION).split())


def baseline(work: Path) -> tuple[Outcomes, float]:
    """The plain method on work/roster.xlsx and work/answer.xlsx: outcomes by answer row, and seconds."""
    started = time.perf_counter()
    born: dict[object, list[tuple[str, list[str]]]] = defaultdict(list)
    book = openpyxl.load_workbook(work / "roster.xlsx", read_only=True)
    rows = book.active.iter_rows(values_only=True)
    header = list(next(rows))
    col = {name: header.index(name) for name in header}
    for r in rows:
        def cell(name: str, r: tuple[object, ...] = r) -> str:
            return str(r[col[name]] or "")
        parts = [(cell("Surname"), cell("Given names")), (cell("Surname (Latin)"), cell("Given names (Latin)"))]
        middle = cell("Patronymic")
        names = [form for s, g in parts if s or g for form in (f"{s} {g}", f"{g} {s}", f"{s} {g} {middle}",
                                                             f"{g} {middle} {s}")]
        keys = [plain(n) for n in names if n.strip()]
        birth = r[col["Date of birth"]]
        born[birth.date() if hasattr(birth, "date") else birth].append((cell("Case No"), keys))
    outcomes: Outcomes = {}
    book.close()
    book = openpyxl.load_workbook(work / "answer.xlsx", read_only=True)
    for number, r in enumerate(book.active.iter_rows(min_row=2, values_only=True), start=2):
        birth = r[2].date() if hasattr(r[2], "date") else r[2]
        name = plain(str(r[1] or ""))
        scored = sorted(((max(fuzz.ratio(name, k) for k in keys), ref) for ref, keys in born.get(birth, [])
                         if birth is not None), reverse=True)
        if not scored or scored[0][0] < 80:
            outcomes[number] = ("none", set())
        elif scored[0][0] >= 90 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            outcomes[number] = ("match", {scored[0][1]})
        else:
            outcomes[number] = ("review", {ref for s, ref in scored if s >= 80})
    book.close()
    return outcomes, time.perf_counter() - started


# --- the report -----------------------------------------------------------------------------------------
def _line(label: str, f: Figures, seconds: float | None) -> str:
    took = f"{seconds:6.1f}" if seconds is not None else "     -"
    return (f"{label:<26}{f.precision:>10.4f}{f.recall_match:>9.4f}{f.recall_review:>9.4f}{f.review_share:>8.1%}"
            f"{f.not_proposed:>9.1%}{f.wrong:>7}{took:>8}")


def _pooled(outcomes: list[tuple[Outcomes, dict[int, str | None]]]) -> Figures:
    joined: Outcomes = {}
    truth: dict[int, str | None] = {}
    for i, (outs, tr) in enumerate(outcomes):
        joined.update({i * 1_000_000 + r: v for r, v in outs.items()})
        truth.update({i * 1_000_000 + r: v for r, v in tr.items()})
    return score(joined, truth)


def _by_tag(runs: list[tuple[Outcomes, Outcomes, dict[int, str | None], dict[int, list[str]]]]) -> list[str]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for engine, base, truth, tags in runs:
        for row, ref in truth.items():
            if not ref:
                continue
            for tag in {t.rsplit(" ", 1)[0] if t.startswith("typo") else t for t in tags[row]}:
                c = counts[tag]
                c[0] += 1
                d, refs = engine.get(row, ("none", set()))
                c[1] += d == "match" and ref in refs
                c[2] += d in ("match", "review") and ref in refs
                bd, brefs = base.get(row, ("none", set()))
                c[3] += bd == "match" and ref in brefs
    lines = [f"{'kind of change (true pairs)':<34}{'rows':>6}{'match':>8}{'+review':>9}{'baseline':>10}"]
    for tag, (n, m, mr, b) in sorted(counts.items(), key=lambda item: -item[1][0]):
        if n >= 10:
            lines.append(f"{tag:<34}{n:>6}{m / n:>8.3f}{mr / n:>9.3f}{b / n:>10.3f}")
    return lines


def relatives_table(runs: list[tuple[Outcomes, Outcomes, dict[int, str | None], dict[int, list[str]]]]) -> list[str]:
    """The relatives' rows (tagged 'relative ...') by kind: decisions of the program and of the baseline."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * 7)
    for engine, base, _, tags in runs:
        for row, kinds in tags.items():
            label = next((t.removeprefix("relative ") for t in kinds if t.startswith("relative ")), None)
            if label is None:
                continue
            kin = next(t.removeprefix("kin ") for t in kinds if t.startswith("kin "))
            for key in (label, "all relatives"):
                c = counts[key]
                decision, refs = engine.get(row, ("none", set()))
                c[0] += 1
                c[1] += decision == "match"
                c[2] += decision == "match" and kin in refs
                c[3] += decision == "review"
                c[4] += decision == "review" and kin in refs
                c[5] += decision == "none"
                c[6] += base.get(row, ("none", set()))[0] == "match"
    lines = [f"{'relative not on the roster':<28}{'rows':>6}{'match':>7}{'to kin':>8}{'review':>8}{'kin offered':>12}"
             f"{'none':>6}{'baseline match':>16}"]
    for label, c in sorted(counts.items(), key=lambda item: (item[0] == "all relatives", item[0])):
        lines.append(f"{label:<28}{c[0]:>6}{c[1]:>7}{c[2]:>8}{c[3]:>8}{c[4]:>12}{c[5]:>6}{c[6]:>16}")
    return lines


def describe(seed: int, roster: int, answer: int) -> list[str]:
    """How far the answer's true rows stand from the roster: shares of disagreeing name parts and dates."""
    bench = generate(seed, roster, answer)
    people = dict(bench.roster)
    true_rows = [row for row in bench.answer if row.case_ref]
    surname = given = 0
    for row in true_rows:
        person = people[row.case_ref or ""]
        words = f" {plain(row.name)} "
        latin_s = person.latin_surname or iuliia.ICAO_DOC_9303.translate(person.surname)
        latin_g = person.latin_given or iuliia.ICAO_DOC_9303.translate(person.given)
        surname += f" {plain(latin_s)} " not in words
        given += f" {plain(latin_g)} " not in words
    n = len(true_rows)
    tags = defaultdict(int)
    for row in true_rows:
        for tag in row.tags:
            tags[tag] += 1
    lines = [f"seed {seed}: {len(bench.roster):,} roster persons, {len(bench.answer):,} answer rows, "
             f"{n:,} on the roster",
             f"true pairs whose surname differs from the roster's Latin (or ICAO) spelling: {surname / n:.1%}",
             f"true pairs whose given name differs: {given / n:.1%}  (Winkler 1990: about 15 % and 20 % "
             "in census files)"]
    lines += [f"  {tag:<32}{count / n:>7.1%}" for tag, count in sorted(tags.items(), key=lambda item: -item[1])]
    return lines


def find_exe() -> str:
    """The `mission-roster` next to this interpreter, else on PATH."""
    beside = Path(sys.executable).parent / "mission-roster"
    found = str(beside) if beside.exists() else shutil.which("mission-roster")
    if not found:
        raise SystemExit("mission-roster not found: install the project or pass --exe")
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the seeds and print the tables; `python -m bench` calls this with []."""
    parser = argparse.ArgumentParser(prog="python -m bench.independent", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[TUNING_SEED, *REPORT_SEEDS])
    parser.add_argument("--roster", type=int, default=3000, help="roster persons (2,000-5,000)")
    parser.add_argument("--answer", type=int, default=1000, help="answer rows")
    parser.add_argument("--keep", type=Path, help="keep each seed's files in KEEP/seed-N")
    parser.add_argument("--exe", help="the mission-roster program (default: beside this Python)")
    parser.add_argument("--describe", action="store_true", help="describe the data of the seeds; run nothing")
    parser.add_argument("--relatives", type=float, default=0.0, metavar="SHARE",
                        help="add rows for roster persons' relatives not on the roster, SHARE of the answer (0: none)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.describe:
        for seed in args.seeds:
            print("\n".join(describe(seed, args.roster, args.answer)))
        return 0
    exe = args.exe or find_exe()
    added = f" + {round(args.answer * args.relatives):,} relatives not on the roster" if args.relatives else ""
    print(f"Independent cross-alphabet bench: {args.roster:,} roster persons, {args.answer:,} answer rows{added}; "
          f"program {exe}")
    print(f"{'seed / method':<26}{'precision':>10}{'recall':>9}{'+review':>9}{'review':>8}{'unprop.':>9}"
          f"{'wrong':>7}{'seconds':>8}")
    report: list[tuple[Outcomes, Outcomes, dict[int, str | None], dict[int, list[str]]]] = []
    tuning_relatives: list[str] = []
    for seed in args.seeds:
        with tempfile.TemporaryDirectory(prefix=f"independent-{seed}-") as scratch:
            work = args.keep / f"seed-{seed}" if args.keep else Path(scratch)
            bench = generate(seed, args.roster, args.answer, args.relatives)
            write(bench, work)
            truth, tags = read_truth(work / "truth.csv")
            engine, seconds, summary = run_program(exe, work)
            base, base_seconds = baseline(work)
        kind = "tuning" if seed == TUNING_SEED else "report"
        note = "" if summary.get("created") == len(bench.roster) else \
            f"  (import created {summary.get('created')} of {len(bench.roster)} persons)"
        print(_line(f"{seed} ({kind}) program", score(engine, truth), seconds) + note)
        print(_line(f"{seed} ({kind}) baseline", score(base, truth), base_seconds), flush=True)
        if seed != TUNING_SEED:
            report.append((engine, base, truth, tags))
        elif args.relatives:
            tuning_relatives = relatives_table([(engine, base, truth, tags)])
    if report:
        print(_line("report seeds: program", _pooled([(e, t) for e, _, t, _ in report]), None))
        print(_line("report seeds: baseline", _pooled([(b, t) for _, b, t, _ in report]), None))
        print("\nReport seeds pooled, recall by kind of change (a row may have several):")
        print("\n".join(_by_tag(report)))
    if tuning_relatives:
        print(f"\nTuning seed {TUNING_SEED}, relatives not on the roster (a match is a wrong match):")
        print("\n".join(tuning_relatives))
    if report and args.relatives:
        print("\nReport seeds pooled, relatives not on the roster (a match is a wrong match):")
        print("\n".join(relatives_table(report)))
    return 0
