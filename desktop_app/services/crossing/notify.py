"""Telling a group of families: who to call in which order, the message each gets, and the ways to reach them.

    group = NotifyGroup(list_id=3, approved_only=True)             # or statuses=(Status.APPROVED,), person_ids=...
    plan = notify_plan(db, group, template, NotifyFields(date="14.11", time="07:00", meeting_point="Rafah gate",
                                                         bring="passports"))
    plan.recipients[0].message, plan.recipients[0].segments, plan.recipients[0].phones[0].links.whatsapp
    write_outputs(db, plan, operator="anna", sms_csv="sms.csv", links="links.html",
                  call_sheet="calls.pdf", render_call_sheet=call_sheet_pdf)    # each file audited

`second_round=True` keeps only those not reached yet (for a list: since the list was made), the
call sheet of the next round. The order to call: those never tried first, then those tried
longest ago; the reached last; within each, household by household.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import quote

import segno
from sqlalchemy import select

from desktop_app import output_files
from desktop_app.domain.errors import NotFound, ValidationError
from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.notify_templates import RIGHT_TO_LEFT, MessageTemplate, NotifyFields, fill, template_fields
from desktop_app.domain.roles import Permission
from desktop_app.domain.sms import PhoneLinks, Segments, count_segments, phone_links
from desktop_app.domain.status import Status
from desktop_app.services import accounts, audit
from desktop_app.services.crossing.attempts import AttemptView, last_outcomes, reached
from desktop_app.storage.db import Database
from desktop_app.storage.models import EvacuationList, Household, ListMember, Person, Phone


@dataclass(frozen=True)
class NotifyGroup:
    list_id: int | None = None
    approved_only: bool = False
    statuses: tuple[Status, ...] = ()
    person_ids: tuple[int, ...] | None = None  # the roster as filtered in the window
    second_round: bool = False
    unconfirmed_days: int | None = None  # the re-confirmation round: not confirmed for this many days


@dataclass(frozen=True)
class RecipientPhone:
    e164: str
    display: str
    label: str
    links: PhoneLinks


@dataclass(frozen=True)
class Recipient:
    order: int
    person_id: int
    case_ref: str
    name: str
    latin_name: str
    household: str
    phones: list[RecipientPhone]
    email: str
    message: str
    segments: Segments
    last_attempt: AttemptView | None
    reached: bool

    def as_json(self) -> dict[str, object]:
        return {"order": self.order, "case_ref": self.case_ref, "name": self.name, "household": self.household,
                "phones": [{"e164": p.e164, "tel": p.links.tel, "sms": p.links.sms, "whatsapp": p.links.whatsapp}
                           for p in self.phones],
                "email": self.email, "message": self.message,
                "segments": {"encoding": self.segments.encoding, "units": self.segments.units,
                             "segments": self.segments.segments},
                "last_outcome": self.last_attempt.outcome if self.last_attempt else None, "reached": self.reached}


@dataclass(frozen=True)
class NotifyPlan:
    title: str
    template: MessageTemplate
    fields: NotifyFields
    list_id: int | None
    recipients: list[Recipient] = field(default_factory=list)

    @property
    def right_to_left(self) -> bool:
        return self.template.language in RIGHT_TO_LEFT

    @property
    def not_reached(self) -> int:
        return sum(not r.reached for r in self.recipients)


@accounts.guarded(Permission.SEARCH)
def notify_plan(db: Database, group: NotifyGroup, template: MessageTemplate, fields: NotifyFields) -> NotifyPlan:
    """Everyone in `group` (see the module docstring) with their message, phones and links."""
    missing = _missing_fields(template, fields)
    if missing:  # a message saying 'meet on  at :' must not reach a family
        raise ValidationError("template", template.name, QT_TRANSLATE_NOOP(
            "services.crossing", "needs {fields}: give them for this group"),
            fields=", ".join(dict.fromkeys(f.replace("_", " ") for f in missing)))
    if group.list_id is None and not group.statuses and group.person_ids is None:
        raise ValidationError("group", "", QT_TRANSLATE_NOOP("services.crossing", "is needed: a list, statuses "
                                                             "or persons"))
    with db.reading() as session:
        query = (select(Person, Household.ref, Household.name).outerjoin(Household, Household.id == Person.household_id)
                 .where(Person.deleted_at.is_(None), Person.status != Status.MERGED.value))
        title, since = "", None
        if group.list_id is not None:
            evacuation_list = session.get(EvacuationList, group.list_id)
            if evacuation_list is None:
                raise NotFound("evacuation list", group.list_id)
            title, since = evacuation_list.name, evacuation_list.created_at
            member = select(ListMember.person_id).where(ListMember.list_id == group.list_id)
            if group.approved_only:
                member = member.where(ListMember.answer == Answer.APPROVED.value)
            query = query.where(Person.id.in_(member))
        if group.statuses:
            query = query.where(Person.status.in_([s.value for s in group.statuses]))
            title = title or ", ".join(s.value for s in group.statuses)
        if group.person_ids is not None:
            query = query.where(Person.id.in_(list(group.person_ids)))
            title = title or f"{len(group.person_ids)} persons"
        rows = session.execute(query.order_by(Household.ref, Person.sort_key)).all()
        ids = [person.id for person, _ref, _name in rows]
        phones: dict[int, list[Phone]] = {}
        for start in range(0, len(ids), 500):
            for phone in session.scalars(select(Phone).where(Phone.person_id.in_(ids[start:start + 500]))
                                         .order_by(Phone.id)):
                phones.setdefault(phone.person_id, []).append(phone)
        people = [(person.id, person.case_ref, _name(person),
                   " ".join(x for x in (person.surname_latin, person.given_names_latin) if x),
                   " ".join(x for x in (ref, name) if x), person.email,
                   [(p.e164, p.display or p.e164, p.label) for p in phones.get(person.id, [])])
                  for person, ref, name in rows]
    done = reached(db, ids, since=since)
    if group.unconfirmed_days is not None:
        from desktop_app.services.crossing.eligibility import unconfirmed_since

        due = unconfirmed_since(db, ids, days=group.unconfirmed_days)
        people = [p for p in people if p[0] in due]
    last = last_outcomes(db, ids)
    recipients = []
    for person_id, case_ref, name, latin, household, email, numbers in people:
        if group.second_round and person_id in done:
            continue
        message = fill(template.text, fields, name=_addressed(template.language, name, latin), case_ref=case_ref)
        recipients.append(Recipient(0, person_id, case_ref, name, latin, household,
                                    [RecipientPhone(e, d, lab, phone_links(e, message)) for e, d, lab in numbers],
                                    email, message, count_segments(message), last.get(person_id),
                                    person_id in done))
    recipients.sort(key=_call_order)
    recipients = [_numbered(r, i) for i, r in enumerate(recipients, start=1)]
    return NotifyPlan(title, template, fields, group.list_id, recipients)


def _call_order(recipient: Recipient) -> tuple[int, bool, dt.datetime]:
    # Stable sort: household order is kept inside each band; those with no phone after those who can be called.
    if recipient.reached:
        return 2, not recipient.phones, dt.datetime.min
    if recipient.last_attempt is None:
        return 0, not recipient.phones, dt.datetime.min
    return 1, not recipient.phones, recipient.last_attempt.at


def _addressed(language: str, native: str, latin: str) -> str:
    """The name as the message's language writes it: the native name in its own script, else the Latin one."""
    script = {"ru": ("\u0400", "\u04ff"), "ar": ("\u0600", "\u06ff")}.get(language)
    letters = [ch for ch in native if ch.isalpha()]
    if script is None:
        fits = bool(letters) and all(ch.isascii() for ch in letters)
    else:
        fits = bool(letters) and all(script[0] <= ch <= script[1] for ch in letters)
    return native if fits or not latin else latin


def _missing_fields(template: MessageTemplate, fields: NotifyFields) -> list[str]:
    return [f for f in template_fields(template.text) if f in ("date", "time", "meeting_point", "bring")
            and not getattr(fields, f).strip()]


def _numbered(recipient: Recipient, order: int) -> Recipient:
    return replace(recipient, order=order)


def _name(person: Person) -> str:
    return " ".join(x for x in (person.surname, person.given_names, person.patronymic) if x)


# --- the files ------------------------------------------------------------------------------------

def sms_csv(plan: NotifyPlan) -> bytes:
    """One row per phone in the shape bulk-SMS portals take: phone (E.164), message; the case ref to match."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["phone", "message", "case_ref"])
    for recipient in plan.recipients:
        for phone in recipient.phones:
            writer.writerow([phone.e164, recipient.message, recipient.case_ref])
    return out.getvalue().encode("utf-8")


def links_html(plan: NotifyPlan) -> bytes:
    """A page of tel:, sms: and WhatsApp links per phone, each WhatsApp link also as a QR code for a work phone."""
    direction = "rtl" if plan.right_to_left else "ltr"
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(plan.title)}</title>"
             "<style>body{font-family:sans-serif} .p{border-bottom:1px solid #999;padding:8px 0}"
             ".m{margin:4px 0;white-space:pre-wrap} svg{vertical-align:middle}</style></head><body>",
             f"<h1>{html.escape(plan.title)}</h1>"]
    for r in plan.recipients:
        parts.append(f"<div class='p'><b>{r.order}. {html.escape(r.case_ref)} {html.escape(r.name)}</b> "
                     f"{html.escape(r.latin_name)} <i>{html.escape(r.household)}</i>"
                     f"<p class='m' dir='{direction}'>{html.escape(r.message)}</p>"
                     f"<small>{r.segments.encoding}: {r.segments.units} / {r.segments.segments} SMS</small>")
        for phone in r.phones:
            qr = segno.make(phone.links.whatsapp, error="l").svg_inline(scale=2)
            parts.append(f"<p>{html.escape(phone.display)} "
                         f"<a href='{html.escape(phone.links.tel)}'>tel</a> · "
                         f"<a href='{html.escape(phone.links.sms)}'>SMS</a> · "
                         f"<a href='{html.escape(phone.links.whatsapp)}'>WhatsApp</a> {qr}</p>")
        if r.email:  # an e-mail draft with the same text, opened by the officer's mail program
            draft = f"mailto:{quote(r.email, safe='@')}?subject={quote(plan.title)}&body={quote(r.message)}"
            parts.append(f"<p>{html.escape(r.email)} <a href='{html.escape(draft)}'>e-mail</a></p>")
        if not r.phones and not r.email:
            parts.append("<p>—</p>")
        parts.append("</div>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


@dataclass(frozen=True)
class NotifyOutputs:
    written: list[tuple[str, str]]  # (kind, path)
    recipients: int
    phones: int


@accounts.guarded(Permission.EXPORT)
def write_outputs(db: Database, plan: NotifyPlan, *, operator: str, sms_csv_path: str | os.PathLike[str] | None = None,
                  links_path: str | os.PathLike[str] | None = None,
                  call_sheet_path: str | os.PathLike[str] | None = None,
                  render_call_sheet: Callable[[NotifyPlan], bytes] | None = None,
                  overwrite: bool = False) -> NotifyOutputs:
    """Write the files asked for; each appears only complete and with its audit entry."""
    targets: list[tuple[str, str | os.PathLike[str], Callable[[NotifyPlan], bytes]]] = []
    if sms_csv_path:
        targets.append(("sms_csv", sms_csv_path, sms_csv))
    if links_path:
        targets.append(("links", links_path, links_html))
    if call_sheet_path:
        if render_call_sheet is None:
            raise ValueError("a call sheet needs its renderer")
        targets.append(("call_sheet", call_sheet_path, render_call_sheet))
    for _kind, path, _render in targets:  # every target refused before anything is written
        output_files.check_target(path, overwrite=overwrite, roster=db.target.path)
    written = []
    phones = sum(len(r.phones) for r in plan.recipients)
    for kind, path, render in targets:
        data = render(plan)

        def record(sha256: str, kind: str = kind, path: str | os.PathLike[str] = path) -> None:
            with db.transaction() as session:
                audit.record(session, operator, "export", "export", sha256,
                             f"notify {kind} for {plan.title!r}: {len(plan.recipients)} persons",
                             {"path": str(path), "kind": kind, "persons": len(plan.recipients), "phones": phones,
                              "template": plan.template.name, "language": plan.template.language,
                              "list_id": plan.list_id, "person_ids": [r.person_id for r in plan.recipients]})

        output_files.write_bytes(path, data, overwrite=overwrite, roster=db.target.path, before=record)
        written.append((kind, str(path)))
    return NotifyOutputs(written, len(plan.recipients), phones)


