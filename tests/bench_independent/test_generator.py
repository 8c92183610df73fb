"""The independent bench: written apart from the engine, the same files for the same seed, a truth that holds."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from bench.independent import generate as gen
from bench.independent.check import Figures, baseline, read_truth, relatives_table, score
from bench.independent.names import RU_MALE, RU_SURNAMES
from bench.independent.people import PS, RU, Population, feminine
from bench.independent.spelling import romanise, typo

PACKAGE = Path(gen.__file__).resolve().parent
ROOT = PACKAGE.parent.parent


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def test_no_module_of_the_bench_imports_the_program() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) >= 7
    for path in modules:
        for name in _imports(path):
            assert not name.startswith("."), f"{path.name}: relative import {name}"
            top = name.split(".")[0]
            assert top != "desktop_app", f"{path.name} imports {name}"
            if top == "bench":
                # the other benches import the engine
                assert name.startswith("bench.independent"), f"{path.name} imports {name}"


def test_loading_the_bench_loads_nothing_of_the_program() -> None:
    code = ("import sys, bench.independent.check, bench.independent.__init__; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('desktop_app', 'PySide6', 'sqlalchemy')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data() -> None:
    first, again, other = gen.generate(7, 400, 150), gen.generate(7, 400, 150), gen.generate(8, 400, 150)
    assert first.roster == again.roster
    assert first.answer == again.answer
    assert [p for _, p in first.roster] != [p for _, p in other.roster]
    assert [r.name for r in first.answer] != [r.name for r in other.answer]


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    paths = [gen.write(gen.generate(3, 300, 120), tmp_path / name) for name in ("a", "b")]
    assert paths[0][2].read_bytes() == paths[1][2].read_bytes()
    for index in (0, 1):
        sheets = [list(openpyxl.load_workbook(p[index]).active.iter_rows(values_only=True)) for p in paths]
        assert sheets[0] == sheets[1]


def test_write_refuses_to_replace_files(tmp_path: Path) -> None:
    bench = gen.generate(3, 200, 50)
    gen.write(bench, tmp_path)
    before = (tmp_path / "truth.csv").read_bytes()
    with pytest.raises(FileExistsError, match=r"roster\.xlsx"):
        gen.write(gen.generate(4, 200, 50), tmp_path)
    assert (tmp_path / "truth.csv").read_bytes() == before


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, gen.Bench]:
    bench = gen.generate(2, 2000, 600)
    directory = tmp_path_factory.mktemp("seed-2")
    gen.write(bench, directory)
    return directory, bench


def test_sizes_and_shares_are_as_asked(written: tuple[Path, gen.Bench]) -> None:
    directory, _ = written
    roster = list(openpyxl.load_workbook(directory / "roster.xlsx").active.iter_rows(values_only=True))
    answer = list(openpyxl.load_workbook(directory / "answer.xlsx").active.iter_rows(values_only=True))
    assert roster[0] == gen.ROSTER_HEADERS and answer[0] == gen.ANSWER_HEADERS
    assert 2000 <= len(roster) - 1 < 2010  # whole households: the last may run over
    assert len(answer) - 1 == 600
    truth, _ = read_truth(directory / "truth.csv")
    assert sorted(truth) == list(range(2, 602))
    assert sum(ref is None for ref in truth.values()) == 60
    scripts = {"arabic": 0, "cyrillic in latin": 0}
    for row in answer[1:]:
        scripts["arabic"] += any("\u0600" <= ch <= "\u06ff" for ch in row[1])
        scripts["cyrillic in latin"] += row[1].isascii() is False and any("a" <= ch.lower() <= "z" for ch in row[1]) \
            and any("\u0400" <= ch <= "\u04ff" for ch in row[1])
    assert scripts["arabic"] >= 20 and scripts["cyrillic in latin"] >= 5
    assert sum(any("\u0600" <= ch <= "\u06ff" for ch in str(r[3])) for r in roster[1:]) >= 100


def test_the_truth_describes_the_files(written: tuple[Path, gen.Bench]) -> None:
    directory, _ = written
    roster = {r[0]: r for r in openpyxl.load_workbook(directory / "roster.xlsx").active.iter_rows(values_only=True)}
    answer = list(openpyxl.load_workbook(directory / "answer.xlsx").active.iter_rows(values_only=True))
    truth, tags = read_truth(directory / "truth.csv")
    refs = [ref for ref in truth.values() if ref]
    assert len(refs) == len(set(refs)), "a roster person is named twice in the answer"
    col = {name: i for i, name in enumerate(gen.ROSTER_HEADERS)}
    checked = {"name": 0, "birth": 0, "document": 0}
    for number, ref in truth.items():
        row, kinds = answer[number - 1], tags[number]
        if ref is None:
            assert "not on roster" in kinds
            assert row[5] is None or row[5] not in {r[col["Passport No"]] for r in roster.values()}
            continue
        person = roster[ref]
        untouched = not any(k.startswith(("typo", "cyrillic letter", "father")) for k in kinds)
        if "passport spelling" in kinds and untouched:
            name = row[1].upper()
            assert person[col["Surname (Latin)"]] in name and person[col["Given names (Latin)"]] in name, (row, person)
            checked["name"] += 1
        if not any(k.startswith("birth") for k in kinds):
            assert row[2].date() == person[col["Date of birth"]].date()
            checked["birth"] += 1
        elif "birth missing" in kinds:
            assert row[2] is None
        elif "birth day/month swapped" in kinds:
            born = person[col["Date of birth"]]
            assert (row[2].day, row[2].month) == (born.month, born.day)
        if not {"identity card", "document missing", "passport renewed", "document typo"} & set(kinds):
            assert row[5] == person[col["Passport No"]]
            checked["document"] += 1
        elif "passport renewed" in kinds:
            assert row[5] and row[5] != person[col["Passport No"]]
    assert min(checked.values()) >= 200, checked


def test_namesakes_twins_and_fathers_and_sons_are_there(written: tuple[Path, gen.Bench]) -> None:
    _, bench = written
    people = [p for _, p in bench.roster]
    names = [(p.surname, p.given) for p in people]
    assert len(names) - len(set(names)) >= 50  # namesakes
    twins = {(p.household, p.birth) for p in people if p.relationship == "child"}
    assert len(twins) < sum(p.relationship == "child" for p in people)
    in_household: dict[str, list] = {}
    for p in people:
        in_household.setdefault(p.household, []).append(p)
    assert any(sum(1 for q in members if (q.surname, q.given) == (p.surname, p.given)) > 1
               for members in in_household.values() for p in members)
    assert sum(p.citizenship == PS for p in people) >= 100
    wrongly_placed = [r for r in bench.answer if "not on roster" in r.tags and r.case_ref]
    assert not wrongly_placed


def test_the_roster_imports_whole_through_the_program(tmp_path: Path) -> None:
    bench = gen.generate(5, 250, 80)
    gen.write(bench, tmp_path)
    exe = Path(sys.executable).parent / "mission-roster"
    done = subprocess.run([str(exe), "--db", str(tmp_path / "r.db"), "import", str(tmp_path / "roster.xlsx"), "--json",
                           "--accept-duplicates"], capture_output=True, text=True, check=True)
    summary = json.loads(done.stdout)
    assert summary["created"] == len(bench.roster) and summary["rejected"] == 0, summary


def test_score_counts_what_it_says() -> None:
    truth = {2: "A", 3: "B", 4: "C", 5: None, 6: "D"}
    outcomes = {2: ("match", {"A"}), 3: ("match", {"X"}), 4: ("review", {"C", "Y"}), 5: ("match", {"Z"}),
                6: ("none", set())}
    assert score(outcomes, truth) == Figures(precision=1 / 3, recall_match=0.25, recall_review=0.5,
                                             review_share=0.2, not_proposed=0.5, wrong=2, rows=5)


def test_the_baseline_matches_a_plain_copy_and_misses_a_changed_birth_date(tmp_path: Path) -> None:
    bench = gen.generate(4, 300, 100)
    gen.write(bench, tmp_path)
    truth, tags = read_truth(tmp_path / "truth.csv")
    outcomes, _ = baseline(tmp_path)
    plain_rows = [r for r, ref in truth.items() if ref and tags[r] in (["russian", "passport spelling"],
                                                                        ["russian", "passport spelling", "comma"])]
    assert plain_rows and all(outcomes[r] == ("match", {truth[r]}) for r in plain_rows)
    moved = [r for r, ref in truth.items() if ref and {"birth missing", "birth digit"} & set(tags[r])]
    assert all(outcomes[r][0] == "none" or truth[r] not in outcomes[r][1] for r in moved)


def test_spelling_helpers() -> None:
    assert romanise("Соловьёв", "ICAO_DOC_9303") == "Solovev"
    assert "ё" in romanise("Соловьёв", "BGN_PCGN")  # the letter a border list leaves Cyrillic
    assert feminine("Соловьёв") == "Соловьёва" and feminine("Шевченко") == "Шевченко"
    rng = random.Random(0)
    for _ in range(200):
        changed, kind = typo("KUZNETSOV", rng)
        assert kind in ("delete", "substitute", "insert", "transpose") and changed != "KUZNETSOV"
        assert abs(len(changed) - 9) <= 1 and changed[0] == "K"
    numbers = Population(rng)
    drawn = [numbers.number(kind) for kind in ("ru", "ps", "id") * 300]
    assert len(set(drawn)) == len(drawn)
    assert all(dt.date(1950, 1, 1) < p.birth <= dt.date(2025, 12, 31) for _, p in gen.generate(9, 300, 50).roster)


def test_truth_csv_is_plain_csv(tmp_path: Path) -> None:
    gen.write(gen.generate(6, 200, 40), tmp_path)
    with (tmp_path / "truth.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["row", "case_ref", "tags"] and len(rows) == 41


# --- relatives who are not on the roster (`--relatives`) ------------------------------------------------
# truth.csv of generate(3, 300, 120) as the bench wrote it before relatives could be added.
TRUTH_3_300_120_SHA256 = "90e8ee587f815a5c3ce3e2e0b504ad59821a48d50171add145e310ed6e2e02ee"


def test_without_relatives_the_files_are_those_the_bench_always_wrote(tmp_path: Path) -> None:
    paths = gen.write(gen.generate(3, 300, 120, relatives=0.0), tmp_path)
    assert hashlib.sha256(paths[2].read_bytes()).hexdigest() == TRUTH_3_300_120_SHA256
    plain_bench = gen.generate(3, 300, 120)
    assert [r.name for r in plain_bench.answer] == [row[1] for row in openpyxl.load_workbook(paths[1]).active
                                                   .iter_rows(min_row=2, values_only=True)]


@pytest.fixture(scope="module")
def with_relatives() -> tuple[gen.Bench, gen.Bench]:
    return gen.generate(2, 2000, 600), gen.generate(2, 2000, 600, relatives=0.3)


def _kin_and_kind(row: gen.AnswerRow) -> tuple[str, str]:
    kin = next(t.removeprefix("kin ") for t in row.tags if t.startswith("kin "))
    return kin, next(t.removeprefix("relative ") for t in row.tags if t.startswith("relative "))


def test_relatives_are_added_and_the_other_rows_stay_as_they_were(with_relatives: tuple[gen.Bench, gen.Bench]) -> None:
    plain_bench, bench = with_relatives
    assert plain_bench.roster == bench.roster
    relatives = [r for r in bench.answer if any(t.startswith("relative ") for t in r.tags)]
    assert len(relatives) == 180 and len(bench.answer) == 780
    assert [r for r in bench.answer if r not in relatives] == plain_bench.answer
    kinds = {_kin_and_kind(r)[1] for r in relatives}
    assert kinds == {"twin", "brother", "sister", "son named after father"}
    assert all(r.case_ref is None and "not on roster" in r.tags for r in relatives)


def test_the_relatives_rows_are_what_their_tags_say(with_relatives: tuple[gen.Bench, gen.Bench]) -> None:
    _, bench = with_relatives
    roster = dict(bench.roster)
    documents = {p.passport for p in roster.values()} | {p.id_card for p in roster.values()}
    checked = {"twin": 0, "sibling": 0, "son named after father": 0, "in sequence": 0}
    for row in bench.answer:
        if not any(t.startswith("relative ") for t in row.tags):
            continue
        ref, kind = _kin_and_kind(row)
        kin = roster[ref]
        assert row.document == "" or row.document not in documents
        if any(t.startswith("birth") for t in row.tags):
            continue
        assert row.birth is not None
        if kind == "twin":
            assert row.birth == kin.birth
            checked["twin"] += 1
        elif kind in ("brother", "sister"):
            assert 300 <= abs((row.birth - kin.birth).days) <= 3650
            checked["sibling"] += 1
        else:
            assert kin.sex == "M" and 20 <= row.birth.year - kin.birth.year <= 40
            checked["son named after father"] += 1
        if "passport in sequence" in row.tags and not {"passport renewed", "document typo", "document missing",
                                                        "identity card"} & set(row.tags):
            assert abs(int(row.document) - int(kin.passport)) <= 2
            checked["in sequence"] += 1
    assert min(checked.values()) >= 5, checked


def test_a_relative_shares_the_family_and_not_the_person(with_relatives: tuple[gen.Bench, gen.Bench]) -> None:
    _, bench = with_relatives
    relatives = Population(random.Random(11), numbers={p.passport for _, p in bench.roster} - {""})
    children = [p for _, p in bench.roster if p.relationship == "child"]
    russian_sons = [p for p in children if p.citizenship == RU and p.sex == "M" and p.ar_given is None]
    masculine = {feminine(s): s for s in RU_SURNAMES}
    for kin in children[:300]:
        twin, sibling = relatives.twin_of(kin), relatives.sibling_of(kin)
        assert twin.birth == kin.birth and sibling.birth != kin.birth
        for other in (twin, sibling):
            assert other.given != kin.given and (other.passport != kin.passport or not kin.passport)
            assert other.citizenship == kin.citizenship
            if kin.citizenship == PS or kin.ar_surname is not None:
                assert other.surname == kin.surname
            else:
                assert masculine.get(other.surname, other.surname) == masculine.get(kin.surname, kin.surname)
            if kin.citizenship == PS:
                assert other.patronymic == kin.patronymic  # the father's name
            elif other.sex == kin.sex:
                assert other.patronymic == kin.patronymic
            elif kin.patronymic:
                assert other.patronymic != kin.patronymic and other.patronymic[:3] == kin.patronymic[:3]
    for father in russian_sons[:100]:
        son = relatives.son_named_after(father)
        named = next(g for g in RU_MALE if g.name == father.given)
        assert (son.surname, son.given, son.patronymic) == (father.surname, father.given, named.son)
        assert son.passport != father.passport or not father.passport


def test_the_relatives_table_counts_what_it_says() -> None:
    tags = {2: ["not on roster", "relative twin", "kin A"], 3: ["not on roster", "relative twin", "kin B"],
            4: ["not on roster", "relative brother", "kin C"], 5: ["russian"]}
    truth: dict[int, str | None] = {2: None, 3: None, 4: None, 5: "D"}
    engine = {2: ("match", {"A"}), 3: ("review", {"B", "X"}), 4: ("match", {"Y"}), 5: ("match", {"D"})}
    base = {2: ("match", {"A"}), 3: ("none", set()), 4: ("none", set()), 5: ("match", {"D"})}
    lines = relatives_table([(engine, base, truth, tags)])
    table = {line[:28].strip(): line[28:].split() for line in lines[1:]}
    # rows, match, to kin, review, kin offered, none, baseline match
    assert table == {"brother": ["1", "1", "0", "0", "0", "0", "0"], "twin": ["2", "1", "1", "1", "1", "0", "1"],
                     "all relatives": ["3", "2", "1", "1", "1", "0", "1"]}
