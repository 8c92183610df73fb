"""Reconciling a partner's answer with the roster: who was approved, who needs a look, who is unknown.

    rec = reconcile_answer(db, "rafah_14nov.xlsx", list_id=7)          # reads and matches; changes nothing
    result = apply_reconciliation(db, rec, {12: 345, 15: None}, operator="A. Petrova")
    undo_reconciliation(db, result.operation_id, operator="A. Petrova")
    write_reconcile_report(rec, "rafah_14nov_check.xlsx"); print(summary_text(rec))

Every answer row is looked up among all active persons of the roster (not only the list's
members, so that a row naming someone who was not sent on that list is noticed); the
model's m-probabilities are fitted on the answer's own pairs first (`matching.engine`). Each
candidate carries each field's contribution in bits (`CandidateMatch.contributions`). Each row
ends as a match (the engine's 'match', and no stronger row claims the same person), a
review (the engine's 'review', or a match another row claims more strongly: assignment is
one-to-one), or not on the roster. List members no row names are listed apart. Warnings:
a household approved in part, a person approved twice, a person answered both ways, a row
matching someone not on the list, and cells that could not be read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from desktop_app.domain.errors import NotFound
from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message
from desktop_app.domain.roles import Permission
from desktop_app.matching import Candidate, MatchRecord, RosterIndex, collector_paused, named_alike
from desktop_app.services import accounts
from desktop_app.services.reconciling.answer import read_answer
from desktop_app.services.reconciling.apply import apply_reconciliation, undo_reconciliation
from desktop_app.services.reconciling.model import (
    AnswerRow,
    ApplyResult,
    CandidateMatch,
    Outcome,
    PersonCard,
    ReconcileCancelled,
    ReconcileWarning,
    Reconciliation,
    RowResult,
    UndoResult,
)
from desktop_app.services.reconciling.report import export_reconcile_report, summary_text, write_reconcile_report
from desktop_app.services.reconciling.roster import RosterPerson, roster_index
from desktop_app.storage.db import Database
from desktop_app.storage.models import EvacuationList, ListMember

__all__ = ["ApplyResult", "Outcome", "Reconciliation", "UndoResult", "apply_reconciliation", "export_reconcile_report",
           "reconcile_answer", "summary_text", "undo_reconciliation", "write_reconcile_report"]

Progress = Callable[[int, int], bool]
CANDIDATES_SHOWN = 4

# Reason words of the engine that say a field disagrees (see matching.scoring).
_DIFFERS: dict[str, tuple[str, ...]] = {
    "name": ("surname differs", "surname similar", "given name differs", "given name similar",
             "given names differs", "given names similar", "patronymic differs", "patronymic similar",
             "name differs", "name similar", "initial only", "in each other's place"),
    "birth_date": ("birth date differs", "birth date day/month swapped", "years apart", "full date not known"),
    "sex": ("sex differs",),
    "document": ("documents differ", "document differs"),
}


# A reconcile makes millions of small objects and no cycles: the collector's passes over the kept
# index (millions of objects more) would cost more than the matching.
@accounts.guarded(Permission.ANSWERS)
@collector_paused()
def reconcile_answer(db: Database, path: str | Path, *, list_id: int | None = None, sheet: str | None = None,
                     header_row: int | None = None, mapping_overrides: Mapping[int, str] | None = None,
                     password: str | None = None, default_answer: Answer | None = None,
                     progress: Progress | None = None) -> Reconciliation:
    """Read the partner's answer at `path` and match every row against the roster; changes nothing.

    `list_id`: the evacuation list the answer is for (None: the whole roster, for looking
    only: answers are applied per list). `default_answer`: the answer of every row when
    the sheet has no decision column (a list of approvals). `progress(done, total)`
    returning False cancels (ReconcileCancelled).
    """
    sheet_data = read_answer(path, sheet=sheet, header_row=header_row, mapping_overrides=mapping_overrides,
                             password=password, default_answer=default_answer)
    roster, index = roster_index(db)  # kept between reconciles while the roster is unchanged
    with db.reading() as session:
        list_name: str | None = None
        list_answers: dict[int, str] = {}
        if list_id is not None:
            evacuation_list = session.get(EvacuationList, list_id)
            if evacuation_list is None:
                raise NotFound("evacuation list", list_id)
            list_name = evacuation_list.name
            list_answers = dict(session.execute(select(ListMember.person_id, ListMember.answer).where(
                ListMember.list_id == list_id)).all())
    total = len(sheet_data.rows)
    _report(progress, 0, total)
    found = index.candidates_for_all([record for _, record in sheet_data.rows], limit=CANDIDATES_SHOWN,
                                     progress=lambda done, all_rows: _report(progress, done, all_rows))
    if list_id is not None:
        found = _with_listed_namesakes(index, [record for _, record in sheet_data.rows], found, list_answers)
    cards = _Cards(roster, list_id, list_answers)
    rows = _assign([row for row, _ in sheet_data.rows], found, cards)
    _report(progress, total, total)
    mentioned = {c.person.person_id for r in rows if r.outcome is not Outcome.NONE for c in r.candidates
                 if c.decision != Outcome.NONE.value or r.outcome is Outcome.MATCH}
    not_mentioned = tuple(cards.card(pid) for pid in sorted(list_answers, key=lambda p: _sort_key(roster, p))
                          if pid in roster and pid not in mentioned)
    warnings = _warnings(rows, roster, list_id, list_answers)
    return Reconciliation(sheet_data.path, sheet_data.file_name, sheet_data.sha256, sheet_data.sheet,
                          sheet_data.header_row, list_id, list_name, sheet_data.columns, tuple(rows), not_mentioned,
                          tuple(warnings), len(roster))


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and not progress(done, total):
        raise ReconcileCancelled("Reconciliation cancelled; nothing was changed.")


def _sort_key(roster: dict[int, RosterPerson], person_id: int) -> str:
    return roster[person_id].name.casefold() if person_id in roster else ""


class _Cards:
    """PersonCards for roster persons, made once each."""

    def __init__(self, roster: dict[int, RosterPerson], list_id: int | None, list_answers: dict[int, str]) -> None:
        self.roster = roster
        self.list_id = list_id
        self.list_answers = list_answers
        self._made: dict[int, PersonCard] = {}

    def card(self, person_id: int) -> PersonCard:
        if person_id not in self._made:
            p = self.roster[person_id]
            on_list = self.list_id is None or person_id in self.list_answers
            self._made[person_id] = PersonCard(p.id, p.case_ref, p.name, p.latin_name, p.birth_date or "",
                                               p.sex or "", p.documents, p.household_ref, p.status, on_list,
                                               self.list_answers.get(person_id))
        return self._made[person_id]

    def candidate(self, found: Candidate) -> CandidateMatch:
        return CandidateMatch(self.card(int(found.key)), round(found.score, 4), found.decision, found.reasons,
                              differing_fields(found.reasons), found.contributions)


@lru_cache(maxsize=65_536)  # an answer's rows repeat the same few reason lists
def differing_fields(reasons: tuple[str, ...]) -> frozenset[str]:
    """The compared fields the engine found to disagree ('birth date day/month swapped' -> birth_date)."""
    return frozenset(key for key, words in _DIFFERS.items() if any(w in reason for reason in reasons for w in words))


SAME_PERSON_ROWS_NAMED = 5  # the other rows a row's note names when several rows name one person


def _assign(answer_rows: list[AnswerRow], found: list[list[Candidate]], cards: _Cards) -> list[RowResult]:
    """One person per row and one row per person: a person matched by several rows goes to the strongest."""
    claims: dict[int, list[int]] = defaultdict(list)
    for position, candidates in enumerate(found):
        if candidates and candidates[0].decision == Outcome.MATCH.value:
            claims[int(candidates[0].key)].append(position)
    demoted: dict[int, str] = {}
    for positions in claims.values():
        if len(positions) < 2:
            continue
        ranked = sorted(positions, key=lambda p: -found[p][0].weight)
        tie = found[ranked[0]][0].weight == found[ranked[1]][0].weight
        for position in ranked if tie else ranked[1:]:
            # The first few other rows, not all: an answer repeating one person 10,000 times made every
            # row's note name every other row (quadratic text; breaker X14).
            first = [p for p in positions[:SAME_PERSON_ROWS_NAMED + 1] if p != position][:SAME_PERSON_ROWS_NAMED]
            others = ", ".join(str(answer_rows[p].row) for p in first)
            demoted[position] = (f"row {others} names the same person" if tie
                                 else f"row {answer_rows[ranked[0]].row} names this person more surely")
    results = []
    for position, (row, candidates) in enumerate(zip(answer_rows, found, strict=True)):
        if candidates and candidates[0].decision == Outcome.MATCH.value and position not in demoted:
            # Only the person is shown: the other candidates are never judged in full (`Candidate`).
            results.append(RowResult(row, Outcome.MATCH, (cards.candidate(candidates[0]),)))
            continue
        shown = tuple(cards.candidate(c) for c in candidates)
        if candidates and candidates[0].decision != Outcome.NONE.value:
            offered = tuple(c for c in shown if c.decision != Outcome.NONE.value)
            results.append(RowResult(row, Outcome.REVIEW, offered, demoted.get(position, "")))
        elif alike := _named_alike_on_list(candidates, shown, cards):
            results.append(RowResult(row, Outcome.REVIEW, alike, "a list member carries this name"))
        else:
            results.append(RowResult(row, Outcome.NONE, shown[:3], "closest roster persons" if shown else ""))
    return results


def _with_listed_namesakes(index: RosterIndex, records: list[MatchRecord], found: list[list[Candidate]],
                           list_answers: dict[int, str]) -> list[list[Candidate]]:
    """Each row's candidates, widened where its namesakes crowd a list member out of a row left off the roster.

    Only the best `CANDIDATES_SHOWN` are kept per row; when all of them carry the row's name
    (`named_alike`) and none is on the list, the row is looked up again among all its
    candidates and a list member of that name, if any, is put first. The rows looked up
    again are looked up together (`RosterIndex.candidates_of`: the blocks they ask for, made once).
    """
    again = [k for k, candidates in enumerate(found)
             if not (len(candidates) < CANDIDATES_SHOWN or candidates[0].decision != Outcome.NONE.value
                     or any(int(c.key) in list_answers for c in candidates)
                     or not all(named_alike(c.contributions) for c in candidates))]
    if not again:
        return found
    widened = list(found)
    for k, every in zip(again, index.candidates_of([records[k] for k in again], limit=None), strict=True):
        alike = [c for c in every if named_alike(c.contributions)]
        members = [c for c in alike if int(c.key) in list_answers]
        if members:
            widened[k] = [*members, *(c for c in alike if int(c.key) not in list_answers)][:CANDIDATES_SHOWN]
    return widened


def _named_alike_on_list(candidates: list[Candidate], shown: tuple[CandidateMatch, ...], cards: _Cards
                         ) -> tuple[CandidateMatch, ...]:
    """A row the model leaves off the roster although a member of the answered list carries its name.

    A name and nothing else scores low on a large roster, lower still beside namesakes, yet
    the answer is for that list: the member and every namesake nothing speaks against are
    offered for review (`matching.named_alike`). Empty when the answer is for no list.
    """
    if cards.list_id is None:
        return ()
    alike = tuple(replace(card, decision=Outcome.REVIEW.value) for found, card in zip(candidates, shown, strict=True)
                  if named_alike(found.contributions))
    return alike if any(card.person.on_list for card in alike) else ()


def _warnings(rows: list[RowResult], roster: dict[int, RosterPerson], list_id: int | None,
              list_answers: dict[int, str]) -> list[ReconcileWarning]:
    warnings: list[ReconcileWarning] = []
    named: dict[int, list[RowResult]] = defaultdict(list)
    for result in rows:
        if result.best is not None and result.best.decision == Outcome.MATCH.value:
            named[result.best.person.person_id].append(result)
    for person_id, results in named.items():
        if len(results) < 2:
            continue
        ref = roster[person_id].case_ref
        answers = {r.answer.answer for r in results}
        numbers = tuple(r.row for r in results)
        if Answer.APPROVED in answers and Answer.REJECTED in answers:
            warnings.append(ReconcileWarning.of("conflicting_answers", Message(QT_TRANSLATE_NOOP(
                "services.reconcile", "{ref} {name} is both approved and rejected (rows {rows})"),
                ref=ref, name=roster[person_id].name, rows=_join(numbers)), numbers, (person_id,)))
        elif answers == {Answer.APPROVED}:
            warnings.append(ReconcileWarning.of("approved_twice", Message(QT_TRANSLATE_NOOP(
                "services.reconcile", "{ref} {name} is approved twice in this answer (rows {rows})"),
                ref=ref, name=roster[person_id].name, rows=_join(numbers)), numbers, (person_id,)))
    if list_id is not None:
        for result in rows:
            person = result.person
            if result.outcome is Outcome.MATCH and person is not None and not person.on_list:
                warnings.append(ReconcileWarning.of("not_on_list", Message(QT_TRANSLATE_NOOP(
                    "services.reconcile", "row {row} names {ref} {name}, who is not on this list; the row will not "
                    "be applied"), row=result.row, ref=person.case_ref, name=person.name),
                    (result.row,), (person.person_id,)))
    warnings += _household_warnings(rows, roster, list_id, list_answers)
    for result in rows:
        warnings += [ReconcileWarning("cell", problem, (result.row,)) for problem in result.answer.problems]
    return warnings


def _household_warnings(rows: list[RowResult], roster: dict[int, RosterPerson], list_id: int | None,
                        list_answers: dict[int, str]) -> list[ReconcileWarning]:
    """Households of which this answer approves some members and not the others.

    Counted as approved: the members approved here, and those approved on the list before
    unless this answer rejects them. A member not on the list counts as not approved.
    """
    answered = {r.person.person_id: r for r in rows if r.outcome is Outcome.MATCH and r.person is not None}
    approved_now = {pid for pid, r in answered.items() if r.answer.answer is Answer.APPROVED}
    rejected_now = {pid for pid, r in answered.items() if r.answer.answer is Answer.REJECTED}
    approved = approved_now | {pid for pid, answer in list_answers.items()
                               if answer == Answer.APPROVED.value and pid not in rejected_now}
    members: dict[int, list[RosterPerson]] = defaultdict(list)
    touched = {roster[pid].household_id for pid in approved_now if roster[pid].household_id is not None}
    for person in roster.values():
        if person.household_id in touched:
            members[person.household_id].append(person)  # type: ignore[index]
    warnings = []
    for household_id in sorted(touched, key=lambda h: members[h][0].household_ref):  # type: ignore[index]
        family = members[household_id]  # type: ignore[index]
        left_out = [p for p in family if p.id not in approved]
        if not left_out:
            continue
        yes = [p for p in family if p.id in approved]
        rows_of = tuple(answered[p.id].row for p in yes if p.id in answered)

        def names(people: list[RosterPerson]) -> str:
            return ", ".join(f"{p.case_ref} {p.name}" for p in people)

        off_list = [p for p in left_out if p.id not in list_answers] if list_id is not None else []
        split = Message(QT_TRANSLATE_NOOP("services.reconcile", "household {household} split: approved {yes}, "
                                          "but not {no} (not on this list: {off})"),
                        household=family[0].household_ref, yes=names(yes), no=names(left_out), off=names(off_list)) \
            if off_list else Message(QT_TRANSLATE_NOOP("services.reconcile", "household {household} split: approved "
                                                       "{yes}, but not {no}"),
                                     household=family[0].household_ref, yes=names(yes), no=names(left_out))
        warnings.append(ReconcileWarning.of("household_split", split, rows_of, tuple(p.id for p in family)))
    return warnings


ROWS_LISTED = 10  # the row numbers a warning's text lists; the warning's `rows` keep them all


def _join(numbers: tuple[int, ...]) -> str:
    shown = ", ".join(str(n) for n in numbers[:ROWS_LISTED])
    return shown if len(numbers) <= ROWS_LISTED else f"{shown} … {numbers[-1]}"
