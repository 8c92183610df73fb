"""The officer's review of a reconciliation, as plain Python: which roster person each answer row is,
or that it is left out; what will be applied. The reconcile screen keeps one `ReviewDecisions` and
hands it to `apply_reconciliation` as it is (a dict of row number -> person id, None: left out).

    decisions = ReviewDecisions()
    decisions.choose(row, row.candidates[0].person.person_id)   # Enter on the highlighted candidate
    decisions.leave_out(other)                                  # Delete
    decisions.undecide(other)                                   # Backspace: undecided again
    decisions.to_apply(rec)                                     # (rows that will be applied, still undecided)
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.services.reconciling.model import Outcome, RowResult

__all__ = ["ReviewDecisions"]


class ReviewDecisions(dict[int, int | None]):
    """Row number -> the roster person the officer chose for it, or None (left out). A row not in it is
    undecided: a match is applied as matched, a row needing review is not applied."""

    def choose(self, row: RowResult, person_id: int) -> None:
        """`person_id` is the person row `row` names; it must be one of the row's candidates."""
        if person_id not in {candidate.person.person_id for candidate in row.candidates}:
            raise ValueError(f"person {person_id} is not a candidate for row {row.row}")
        self[row.row] = person_id

    def leave_out(self, row: RowResult) -> None:
        self[row.row] = None

    def undecide(self, row: RowResult) -> None:
        self.pop(row.row, None)

    def chosen_index(self, row: RowResult) -> int | None:
        """The position of the chosen person among the row's candidates (None: none chosen)."""
        chosen = self.get(row.row)
        if chosen is None:
            return None
        ids = [candidate.person.person_id for candidate in row.candidates]
        return ids.index(chosen) if chosen in ids else None

    def decided(self, rows: Sequence[RowResult]) -> int:
        """How many of the rows needing review the officer decided."""
        return sum(1 for row in rows if row.outcome is Outcome.REVIEW and row.row in self)

    def to_apply(self, rows: Sequence[RowResult]) -> tuple[int, int]:
        """(rows that will be applied, rows needing review still undecided)."""
        chosen = sum(1 for row in rows if (row.row in self and self[row.row] is not None)
                     or (row.row not in self and row.outcome is Outcome.MATCH))
        undecided = sum(1 for row in rows if row.outcome is Outcome.REVIEW and row.row not in self)
        return chosen, undecided
