"""Persons a partner approved on one list while another partner (or the same one, on another list)
refused them: the answers stay as each partner gave them (the latest answer per list is a fact of
that list), and the person's status, which can say only one thing, must not hide the refusal.

    for conflict in answer_conflicts(db, list_id=7):      # members of list 7 refused elsewhere
        print(conflict.message)  # "MR-000014: approved on 'Rafah 14 Nov' but rejected on 'Allenby 15 Nov'; ..."
    answer_conflicts(db, person_id=42)                      # one person (the history, `history REF`)

The Lists page shades such a member and names the conflict above the members; `list show NAME`
and `history REF` warn about it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message, label
from desktop_app.domain.roles import Permission
from desktop_app.services import accounts
from desktop_app.storage.db import Database
from desktop_app.storage.models import EvacuationList, ListMember, Person


@dataclass(frozen=True, slots=True)
class AnswerConflict:
    """One person's approvals and refusals on different lists, and the status they have now."""

    person_id: int
    case_ref: str
    status: str
    approved_on: tuple[str, ...]  # list names
    rejected_on: tuple[str, ...]

    @property
    def message(self) -> Message:
        return Message(QT_TRANSLATE_NOOP("services.answer_conflicts", "{ref}: approved on {approved} but rejected "
                                         "on {rejected}; status {status}: check with the partners before the "
                                         "crossing"),
                       ref=self.case_ref, approved=[repr(name) for name in self.approved_on],
                       rejected=[repr(name) for name in self.rejected_on], status=label(self.status))

    def __str__(self) -> str:
        return str(self.message)


@accounts.guarded(Permission.SEARCH)
def answer_conflicts(db: Database, *, list_id: int | None = None, person_id: int | None = None) -> list[AnswerConflict]:
    """Persons (not in the trash) with an approval on one list and a refusal on another; only the
    members of `list_id`, or only `person_id`, when given. Ordered by case reference."""
    query = (select(Person.id, Person.case_ref, Person.status, EvacuationList.name, ListMember.answer)
             .join(ListMember, ListMember.person_id == Person.id)
             .join(EvacuationList, EvacuationList.id == ListMember.list_id)
             .where(Person.deleted_at.is_(None),
                    ListMember.answer.in_((Answer.APPROVED.value, Answer.REJECTED.value))))
    if person_id is not None:
        query = query.where(Person.id == person_id)
    if list_id is not None:
        on_list = select(ListMember.person_id).where(ListMember.list_id == list_id)
        query = query.where(Person.id.in_(on_list))
    found: dict[int, tuple[str, str, list[str], list[str]]] = {}
    with db.reading() as session:
        for pid, ref, status, name, answer in session.execute(query.order_by(EvacuationList.name)):
            entry = found.setdefault(pid, (ref, status, [], []))
            (entry[2] if answer == Answer.APPROVED.value else entry[3]).append(name)
    return sorted((AnswerConflict(pid, ref, status, tuple(approved), tuple(rejected))
                   for pid, (ref, status, approved, rejected) in found.items() if approved and rejected),
                  key=lambda conflict: conflict.case_ref)
