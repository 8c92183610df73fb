"""What a reconciliation hands to the window, the command line and the report: plain frozen values.

A partner's answer is read into `AnswerRow`s; each row ends as a `RowResult` with one of
three outcomes (`MATCH`, `REVIEW`, `NONE`) and its candidates from the roster, each a
`PersonCard` with the score, the engine's reasons and the fields that differ. The whole run
is a `Reconciliation`; applying it gives an `ApplyResult`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.errors import Cancelled
from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import Message


class Outcome(StrEnum):
    MATCH = "match"
    REVIEW = "review"
    NONE = "none"


# Fields compared side by side; `CandidateMatch.differing` names those that disagree.
COMPARED_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "Name"), ("birth_date", "Date of birth"), ("sex", "Sex"), ("document", "Document"),
    ("case_ref", "Case ref."), ("household", "Household"),
)


ReconcileCancelled = Cancelled  # the officer cancelled reading or matching: the one cancellation error


@dataclass(frozen=True)
class AnswerRow:
    """One row of the partner's answer, as read (values as the partner wrote them)."""

    row: int  # the row number the spreadsheet shows
    name: str
    birth_date: str  # ISO form of the date read ('1980', '1980-02-01'), '' when none
    sex: str
    documents: tuple[str, ...]
    case_ref: str
    answer: Answer | None  # None: the decision cell could not be read (see `problems`)
    valid_until: dt.date | None
    problems: tuple[str, ...] = ()

    def value(self, key: str) -> str:
        """The row's text for a COMPARED_FIELDS key."""
        return {"name": self.name, "birth_date": self.birth_date, "sex": self.sex,
                "document": ", ".join(self.documents), "case_ref": self.case_ref, "household": ""}[key]


@dataclass(frozen=True)
class PersonCard:
    """A roster person as shown beside an answer row."""

    person_id: int
    case_ref: str
    name: str
    latin_name: str
    birth_date: str
    sex: str
    documents: tuple[str, ...]
    household_ref: str
    status: str
    on_list: bool
    list_answer: str | None  # the answer already recorded on the list, None when not a member

    def value(self, key: str) -> str:
        name = self.name if self.latin_name in ("", self.name) else f"{self.name} / {self.latin_name}".strip(" /")
        return {"name": name, "birth_date": self.birth_date, "sex": self.sex, "document": ", ".join(self.documents),
                "case_ref": self.case_ref, "household": self.household_ref}[key]


@dataclass(frozen=True)
class CandidateMatch:
    person: PersonCard
    score: float  # the match probability under the model
    decision: str  # the engine's decision for this pair
    reasons: tuple[str, ...]
    differing: frozenset[str] = frozenset()
    # (field, level, bits) for a waterfall: the prior first, then each field given on both sides
    contributions: tuple[tuple[str, str, float], ...] = ()


@dataclass(frozen=True)
class RowResult:
    answer: AnswerRow
    outcome: Outcome
    candidates: tuple[CandidateMatch, ...] = ()  # best first; for a match the first is the person
    note: str = ""  # why a row went to review although the engine matched it, etc.

    @property
    def row(self) -> int:
        return self.answer.row

    @property
    def best(self) -> CandidateMatch | None:
        return self.candidates[0] if self.candidates else None

    @property
    def person(self) -> PersonCard | None:
        """The matched person, or the best candidate of a review; None when not on the roster."""
        return self.candidates[0].person if self.candidates and self.outcome is not Outcome.NONE else None


@dataclass(frozen=True)
class ReconcileWarning:
    kind: str  # household_split, approved_twice, conflicting_answers, not_on_list, cell
    message: str
    rows: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()
    text: Message | None = None  # the message as a template and its values, for the operator's language

    @classmethod
    def of(cls, kind: str, text: Message, rows: tuple[int, ...] = (),
           person_ids: tuple[int, ...] = ()) -> ReconcileWarning:
        """A warning whose English `message` is `text` rendered."""
        return cls(kind, str(text), rows, person_ids, text)


@dataclass(frozen=True)
class Reconciliation:
    path: str
    file_name: str
    file_sha256: str
    sheet: str
    header_row: int
    list_id: int | None
    list_name: str | None
    columns: dict[str, str]  # target -> header as written
    rows: tuple[RowResult, ...]
    not_mentioned: tuple[PersonCard, ...]
    warnings: tuple[ReconcileWarning, ...]
    roster_size: int = 0

    def group(self, outcome: Outcome) -> list[RowResult]:
        return [r for r in self.rows if r.outcome is outcome]

    @property
    def matched(self) -> int:
        return sum(1 for r in self.rows if r.outcome is Outcome.MATCH)

    @property
    def review(self) -> int:
        return sum(1 for r in self.rows if r.outcome is Outcome.REVIEW)

    @property
    def unmatched(self) -> int:
        return sum(1 for r in self.rows if r.outcome is Outcome.NONE)

    def result(self, row: int) -> RowResult:
        return next(r for r in self.rows if r.row == row)


@dataclass(frozen=True)
class SkippedRow:
    row: int
    reason: str


@dataclass(frozen=True)
class ApplyResult:
    operation_id: int | None  # None when nothing was applied
    approved: int
    rejected: int
    status_changes: int
    skipped: tuple[SkippedRow, ...] = field(default=())
    # Answers recorded whose person's status could not follow (row, why): shown beside the answer.
    not_moved: tuple[SkippedRow, ...] = field(default=())

    @property
    def applied(self) -> int:
        return self.approved + self.rejected


@dataclass(frozen=True)
class UndoResult:
    operation_id: int
    restored: int
    status_changes: int
