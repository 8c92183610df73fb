"""The `mission-roster` command line: every workflow the window offers, for scripts and tests.

Global options come before the command: `--db PATH|URL` (or MISSION_ROSTER_DB) and
`--operator NAME` (or MISSION_ROSTER_OPERATOR; default: the login name). On a roster with accounts,
`--user NAME` with `--pin-file F` (or MISSION_ROSTER_PIN) signs in instead. With no command
the window opens. A user's mistake prints one line on stderr and exits with status 1; output
piped into a reader that stops early (`mission-roster stats | head -1`) ends quietly with 141.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from desktop_app import __version__
from desktop_app.cli.commands.speech import QT_TRANSLATE_NOOP, say, spoken, word
from desktop_app.domain.dates import parse_iso_date
from desktop_app.domain.errors import DatabaseError, RosterError, ValidationError, field_label
from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import Message, Template, english
from desktop_app.domain.partners import Channel, OrgKind
from desktop_app.domain.person import FIELDS_BY_KEY, DocumentData, DocumentType, Relationship, relationship_doubt
from desktop_app.domain.reasons import history_reason, service_note
from desktop_app.domain.status import Status, parse_status
from desktop_app.services import audit, demo, demo_bulk, households, lists, partners, persons, roster, stats, status
from desktop_app.services.reconciling import answer_conflicts
from desktop_app.services.settings import MissionSettings, load_mission, save_mission
from desktop_app.services.workspace import Workspace
from desktop_app.storage.db import Database, parse_target
from desktop_app.storage.paths import ENV_DATABASE, resolve_target

ENV_OPERATOR = "MISSION_ROSTER_OPERATOR"
EXIT_BROKEN_PIPE = 141  # what a shell shows for a command ended by SIGPIPE (128 + 13)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container, a service account without a passwd entry)
        return "unknown operator"


class Context:
    """What a command needs: a thin wrapper around the `Workspace` (opened on first use) and the arguments."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._target: str | None = None
        self.operator: str = args.operator or os.environ.get(ENV_OPERATOR) or _login_name()
        self._workspace: Workspace | None = None

    @property
    def target(self) -> str:
        """--db, else MISSION_ROSTER_DB, else the window's Settings > Default database (refused when
        it is missing: never replaced by a new empty roster), else the data folder's roster."""
        if self._target is None:
            named = self.args.db or os.environ.get(ENV_DATABASE)
            self._target = named or _settings_default() or resolve_target(None)
        return self._target

    @property
    def passphrase(self) -> str | None:
        """The roster's passphrase: --passphrase-file FILE, else MISSION_ROSTER_PASSPHRASE (never an argument)."""
        from desktop_app.cli.commands.protection import passphrase_from

        return passphrase_from(getattr(self.args, "passphrase_file", None))

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = Workspace.open(self.target, operator=self.operator, passphrase=self.passphrase,
                                             on_upgrade=self._upgrading)
            for warning in self._workspace.db.warnings:  # a sync folder, a network share, a writer note left over
                print(f"warning: {spoken(warning)}", file=sys.stderr)
            if getattr(self.args, "user", None):  # --user: the audit trail names this account (issue 20)
                from desktop_app.cli.commands.accounts import read_pin

                self.operator = self._workspace.sign_in(self.args.user, read_pin(self.args.pin_file)).name
            elif (account := self._workspace.sign_in_by_server_login()) is not None:  # PostgreSQL: the login
                self.operator = account.name
        return self._workspace

    def _upgrading(self, backup: Path | None) -> None:
        """One line before a roster of an older version is backed up and upgraded (it can take minutes)."""
        roster = parse_target(self.target).label  # a server's URL without its password
        if backup is not None:
            say(QT_TRANSLATE_NOOP("cli", "Upgrading {roster} to this version of Mission Roster, backup at {backup}; "
                                         "a large roster can take several minutes"),
                roster=roster, backup=backup, file=sys.stderr)
        else:
            say(QT_TRANSLATE_NOOP("cli", "Upgrading {roster} to this version of Mission Roster; a large roster can "
                                         "take several minutes"), roster=roster, file=sys.stderr)
        sys.stderr.flush()

    @property
    def db(self) -> Database:
        return self.workspace.db

    def replace_db(self, database: Database) -> None:
        """Use `database` from now on (a restore reopened the roster)."""
        if self._workspace is None:
            self._workspace = Workspace(database, self.operator)
        else:
            self._workspace.replace_database(database, close_old=False)

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()

    def person_id(self, key: str) -> int:
        return self.workspace.person_id(key)

    def list_id(self, name: str) -> int:
        return self.workspace.list_id(name)

    def organization_id(self, name: str) -> int:
        return self.workspace.organization_id(name)

    def household_id(self, ref: str) -> int:
        return self.workspace.household_id(ref)

    @property
    def phone_region(self) -> str | None:
        return self.workspace.phone_region


def _settings_default() -> str | None:
    """Tools > Settings > Default database of this workstation, when one is chosen."""
    from desktop_app.ui.preferences import saved_default_database  # QtCore only, and only without --db

    chosen = saved_default_database()
    if chosen and "://" not in chosen and not os.path.exists(chosen):
        raise DatabaseError(QT_TRANSLATE_NOOP("cli", "{path}: the default roster (Tools > Settings) is missing: "
                                              "moved, renamed, or on a drive that is not connected. Nothing was "
                                              "created; name a roster with --db PATH"), path=chosen)
    return chosen or None


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=audit._json_default))


def _date(text: str) -> dt.date:
    try:
        return parse_iso_date(text, "date")
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _key_values(pairs: Sequence[str]) -> dict[str, str]:
    result: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ValidationError("field", pair, QT_TRANSLATE_NOOP("cli", "must be written as field=value"))
        key = key.strip()
        if key not in FIELDS_BY_KEY:
            raise ValidationError(key, value, QT_TRANSLATE_NOOP("cli", "is not a field (fields: {fields})"),
                                  fields=", ".join(FIELDS_BY_KEY))
        result[key] = value
    return result


# --- person commands ---------------------------------------------------------------------------

def cmd_person_add(ctx: Context) -> int:
    a = ctx.args
    fields = _key_values(a.set or [])
    for key in ("surname", "given_names", "patronymic", "birth_date", "sex", "case_ref", "citizenships"):
        value = getattr(a, key, None)
        if value:
            fields[key] = value
    documents = [DocumentData.create(DocumentType(a.document_type), a.passport, a.passport_country,
                                     expiry_date=a.passport_expiry)] if a.passport else []
    person = persons.create_person(ctx.db, fields, operator=ctx.operator, documents=documents,
                                   phones=a.phone or [], phone_region=ctx.phone_region)
    print(f"{person.case_ref}\t{person.uuid}\t{person.display_name}")
    return 0


def _person_json(person: persons.PersonView) -> dict[str, Any]:
    data = {key: person.value(key) for key in FIELDS_BY_KEY}
    data["birth_date"] = person.birth_date.iso() if person.birth_date else None
    data.update(id=person.id, uuid=person.uuid, status=person.status, household=person.household_ref,
                version=person.version, flags=sorted(f.value for f in person.flags()),
                documents=[{"type": d.doc_type, "number": d.number, "country": d.issuing_country,
                            "issued": d.issue_date, "expires": d.expiry_date} for d in person.documents],
                phones=[p.e164 for p in person.phones], updated_by=person.updated_by, updated_at=person.updated_at,
                in_trash=person.deleted_at is not None)
    return data


def _field_title(key: str) -> str:
    """A field's title for `person show`: the editor's English label, or the catalogue's word."""
    from desktop_app.cli.commands import speech

    known = field_label(key)
    if isinstance(known, Template) and speech.translate() is not english:
        return speech.spoken(Message(known))
    return FIELDS_BY_KEY[key].label if key in FIELDS_BY_KEY else key.replace("_", " ")


def cmd_person_show(ctx: Context) -> int:
    person = ctx.workspace.person(ctx.args.ref)
    data = _person_json(person)
    if ctx.args.json:
        _print_json(data)
        return 0
    for key, value in data.items():
        if value not in (None, "", [], False):
            label = _field_title(key)
            print(f"{label:>22}: {value if not isinstance(value, list) else ', '.join(map(str, value))}")
    return 0


def cmd_person_edit(ctx: Context) -> int:
    person = ctx.workspace.person(ctx.args.ref)
    updated = persons.update_person(ctx.db, person.id, _key_values(ctx.args.assignments), operator=ctx.operator,
                                    expected_version=person.version)
    say(QT_TRANSLATE_NOOP("cli", "{ref}: saved (version {version})"), ref=updated.case_ref, version=updated.version)
    return 0


def cmd_person_delete(ctx: Context) -> int:
    person = persons.delete_person(ctx.db, ctx.person_id(ctx.args.ref), operator=ctx.operator, reason=ctx.args.reason)
    say(QT_TRANSLATE_NOOP("cli", "{ref}: moved to the trash"), ref=person.case_ref)
    return 0


def cmd_person_restore(ctx: Context) -> int:
    person = persons.restore_person(ctx.db, ctx.person_id(ctx.args.ref), operator=ctx.operator)
    print(f"{person.case_ref}: restored")
    return 0


def cmd_trash(ctx: Context) -> int:
    for person in persons.list_trash(ctx.db):
        print(f"{person.case_ref}\t{person.display_name}\tdeleted {person.deleted_at:%Y-%m-%d %H:%M}")
    return 0


def cmd_status(ctx: Context) -> int:
    """`status REF [REF ...] STATE`, `status --list NAME STATE`, `status --household REF STATE`, `status --undo ID`."""
    a = ctx.args
    if a.undo is not None:
        if a.targets:
            raise ValidationError("--undo", a.undo, QT_TRANSLATE_NOOP("cli", "takes no person references or status"))
        count = status.undo_status_operation(ctx.db, a.undo, operator=ctx.operator)
        say(QT_TRANSLATE_NOOP("cli", "status operation {n} undone: {count} persons back"), n=a.undo, count=count)
        return 0
    if not a.targets:
        raise ValidationError("status", "", QT_TRANSLATE_NOOP("cli", "needs the new STATE (and REF ..., --list NAME "
                                                              "or --household REF)"))
    *refs, state = a.targets
    new = parse_status(state)
    list_id = ctx.list_id(a.list) if a.list else None
    ids = [ctx.person_id(ref) for ref in refs]
    if list_id is not None and not refs:  # with references, --list only names the list the change is about
        ids += [m.person_id for m in lists.members(ctx.db, list_id)]
    for href in a.household or []:
        ids += [m.person_id for m in households.get_household(ctx.db, ctx.household_id(href)).members]
    result = status.change_statuses(ctx.db, ids, new, operator=ctx.operator, reason=a.reason, list_id=list_id)
    for ref in result.changed:
        say(QT_TRANSLATE_NOOP("cli", "{ref}: {state}"), ref=ref, state=word(new.value))
    for ref in result.unchanged:
        say(QT_TRANSLATE_NOOP("cli", "{ref}: already {state}"), ref=ref, state=word(new.value), file=sys.stderr)
    for ref, why in result.refused:
        say(QT_TRANSLATE_NOOP("cli", "{ref}: not changed: {why}"), ref=ref, why=service_note(why), file=sys.stderr)
    if result.operation_id is not None and len(ids) > 1:
        say(QT_TRANSLATE_NOOP("cli", "{count} changed as operation {n}; undo with `mission-roster status --undo {n}`"),
            count=len(result.changed), n=result.operation_id, file=sys.stderr)
    return 0 if result.changed or not result.refused else 1


def cmd_history(ctx: Context) -> int:
    person_id = ctx.person_id(ctx.args.ref)
    for change in status.history(ctx.db, person_id):
        on_list = f" [{change.list_name}]" if change.list_name else ""
        print(f"{change.at:%Y-%m-%d %H:%M}\t{change.operator}\t{change.from_status or '-'} -> {change.to_status}"
              f"{on_list}\t{spoken(history_reason(change.reason))}")
    for conflict in answer_conflicts(ctx.db, person_id=person_id):
        say(QT_TRANSLATE_NOOP("cli", "warning: {message}"), message=conflict.message, file=sys.stderr)
    return 0


def cmd_search(ctx: Context) -> int:
    a = ctx.args
    query = roster.RosterQuery(text=a.text or "", statuses=tuple(parse_status(s) for s in a.status or []))
    ids = roster.search_ids(ctx.db, query)
    rows = roster.fetch_rows(ctx.db, ids[: a.limit])
    ordered = [rows[i] for i in ids[: a.limit] if i in rows]
    if a.json:
        _print_json({"total": len(ids), "persons": [{"case_ref": r.case_ref, "surname": r.surname,
                                                       "given_names": r.given_names, "latin": f"{r.surname_latin} "
                                                       f"{r.given_names_latin}".strip(), "birth_date": r.birth_date,
                                                       "status": r.status, "passport": r.passport}
                                                      for r in ordered]})
        return 0
    for r in ordered:
        print(f"{r.case_ref}\t{r.surname} {r.given_names} {r.patronymic}".rstrip() +
              f"\t{r.birth_date or ''}\t{r.status}\t{r.passport}")
    if len(ids) > a.limit:
        say(QT_TRANSLATE_NOOP("cli", "{count} found, first {limit} shown"), count=len(ids), limit=a.limit,
            file=sys.stderr)
    else:
        say(QT_TRANSLATE_NOOP("cli", "{count} found"), count=len(ids), file=sys.stderr)
    return 0


# --- households, lists, partners -----------------------------------------------------------------

def cmd_household_create(ctx: Context) -> int:
    head = ctx.person_id(ctx.args.head) if ctx.args.head else None
    household = households.create_household(ctx.db, ctx.args.name, operator=ctx.operator, head_person_id=head)
    print(household.ref)
    return 0


def cmd_household_add(ctx: Context) -> int:
    person_id = ctx.person_id(ctx.args.ref)
    household = households.add_member(ctx.db, ctx.household_id(ctx.args.household), person_id,
                                      Relationship(ctx.args.relationship), operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("cli", "{ref}: {count} members"), ref=household.ref, count=household.size)
    person = persons.get_person(ctx.db, person_id)
    doubt = relationship_doubt(ctx.args.relationship, person.birth_date)
    if doubt:  # recorded as asked (the officer may be right), but said
        say(QT_TRANSLATE_NOOP("cli", "warning: {ref} {doubt}"), ref=person.case_ref, doubt=doubt, file=sys.stderr)
    return 0


def cmd_household_show(ctx: Context) -> int:
    household = households.get_household(ctx.db, ctx.household_id(ctx.args.household))
    print(f"{household.ref}  {household.name}")
    for member in household.members:
        print(f"  {member.case_ref}\t{member.relationship or '-'}\t{member.name}\t{member.birth_date or ''}"
              f"\t{member.citizenships}\t{member.status}")
        if doubt := relationship_doubt(member.relationship, member.birth_date):
            say(QT_TRANSLATE_NOOP("cli", "warning: {ref} {doubt}"), ref=member.case_ref, doubt=doubt, file=sys.stderr)
    return 0


def cmd_list_create(ctx: Context) -> int:
    organization = ctx.organization_id(ctx.args.partner) if ctx.args.partner else None
    summary = lists.create_list(ctx.db, ctx.args.name, operator=ctx.operator, organization_id=organization)
    say(QT_TRANSLATE_NOOP("cli", "{name}: created"), name=summary.name)
    return 0


def cmd_list_add(ctx: Context) -> int:
    list_id = ctx.list_id(ctx.args.name)
    # Every reference is looked up first, so that one unknown household or person adds nobody.
    ids = [ctx.person_id(ref) for ref in ctx.args.refs]
    for href in ctx.args.household or []:
        ids += [member.person_id for member in households.get_household(ctx.db, ctx.household_id(href)).members]
    added = lists.add_members(ctx.db, list_id, ids, operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("cli", "{name}: {count} added"), name=ctx.args.name, count=added)
    return 0


def cmd_list_send(ctx: Context) -> int:
    list_id = ctx.list_id(ctx.args.name)
    waiting = lists.unverified_members(ctx.db, list_id)
    if waiting and not ctx.args.verify_first:
        say(QT_TRANSLATE_NOOP("cli", "{name}: {count} members are not verified yet and stay registered: {refs}; "
                                     "send with --verify-first to verify and submit them in the same step"),
            name=ctx.args.name, count=len(waiting),
            refs=", ".join(ref for _, ref, _ in waiting[:20]) + (" …" if len(waiting) > 20 else ""), file=sys.stderr)
    summary = lists.mark_sent(ctx.db, list_id, operator=ctx.operator, verify_first=ctx.args.verify_first)
    say(QT_TRANSLATE_NOOP("cli", "{name}: sent ({count} persons)"), name=summary.name, count=summary.members)
    return 0


def cmd_list_answer(ctx: Context) -> int:
    a = ctx.args
    recorded = lists.record_answer(ctx.db, ctx.list_id(a.name), ctx.person_id(a.ref), Answer(a.answer),
                                   operator=ctx.operator, valid_until=a.valid_until, note=a.note)
    if recorded.not_moved:
        say(QT_TRANSLATE_NOOP("cli", "{ref} on {name}: {answer} recorded; status {state} ({why})"), ref=a.ref,
            name=a.name, answer=word(a.answer), state=word(recorded.status_after), why=service_note(recorded.not_moved))
    else:
        say(QT_TRANSLATE_NOOP("cli", "{ref} on {name}: {answer} recorded; status {state}"), ref=a.ref, name=a.name,
            answer=word(a.answer), state=word(recorded.status_after))
    return 0


def cmd_list_crossed(ctx: Context) -> int:
    lists.record_crossing(ctx.db, ctx.list_id(ctx.args.name), ctx.person_id(ctx.args.ref), operator=ctx.operator)
    say(QT_TRANSLATE_NOOP("cli", "{ref}: crossed"), ref=ctx.args.ref)
    return 0


def cmd_list_show(ctx: Context) -> int:
    if not ctx.args.name:
        for s in lists.all_lists(ctx.db):
            say(QT_TRANSLATE_NOOP("cli", "{name}\t{partner}\t{state}\t{count} persons: {pending} pending, "
                                         "{approved} approved, {rejected} rejected, {crossed} crossed"),
                name=s.name, partner=s.organization or "-", state=word(s.state), count=s.members, pending=s.pending,
                approved=s.approved, rejected=s.rejected, crossed=s.crossed)
        return 0
    list_id = ctx.list_id(ctx.args.name)
    for m in lists.members(ctx.db, list_id):
        print(f"{m.case_ref}\t{m.name}\t{m.latin_name}\t{m.status}\t{m.answer}\t{m.valid_until or ''}")
    for warning in households.split_households(ctx.db, list_id):
        say(QT_TRANSLATE_NOOP("cli", "warning: {message}"), message=warning.text, file=sys.stderr)
    for conflict in answer_conflicts(ctx.db, list_id=list_id):
        say(QT_TRANSLATE_NOOP("cli", "warning: {message}"), message=conflict.message, file=sys.stderr)
    return 0


def cmd_partner_add(ctx: Context) -> int:
    organization = partners.create_organization(ctx.db, ctx.args.name, OrgKind(ctx.args.kind), operator=ctx.operator,
                                                country=ctx.args.country)
    say(QT_TRANSLATE_NOOP("cli", "{name}: added"), name=organization.name)
    return 0


def cmd_partner_contact(ctx: Context) -> int:
    contact = partners.add_contact(ctx.db, ctx.organization_id(ctx.args.organization), ctx.args.name,
                                   operator=ctx.operator, position=ctx.args.position or "",
                                   phones=ctx.args.phone or [], emails=ctx.args.email or [],
                                   region=ctx.phone_region)
    say(QT_TRANSLATE_NOOP("cli", "{name}: added"), name=contact.name)
    return 0


def cmd_partner_list(ctx: Context) -> int:
    for organization in partners.organizations(ctx.db):
        print(f"{organization.name}\t{organization.kind}\t{organization.country or ''}")
        for contact in organization.contacts:
            print(f"  {contact.name}\t{contact.position}\t{', '.join(contact.phones + contact.emails)}")
    return 0


def cmd_log(ctx: Context) -> int:
    a = ctx.args
    entry = partners.log_contact(ctx.db, a.summary, operator=ctx.operator, channel=Channel(a.channel),
                                 organization_id=ctx.organization_id(a.partner) if a.partner else None,
                                 counterpart=a.counterpart or "", follow_up_due=a.follow_up,
                                 person_ids=[ctx.person_id(r) for r in a.person or []],
                                 list_id=ctx.list_id(a.list) if a.list else None)
    say(QT_TRANSLATE_NOOP("cli", "logged #{n}"), n=entry.id)
    return 0


def cmd_followups(ctx: Context) -> int:
    for entry in partners.follow_ups_due(ctx.db):
        print(f"{entry.follow_up_due}\t{entry.who}\t{entry.summary}")
    return 0


def cmd_mission(ctx: Context) -> int:
    current = load_mission(ctx.db)
    if ctx.args.name is None and ctx.args.country is None:
        print(f"mission: {current.mission_name or '-'}\tcountry: {current.mission_country or '-'}")
        return 0
    saved = save_mission(ctx.db, MissionSettings(ctx.args.name if ctx.args.name is not None else current.mission_name,
                                                 ctx.args.country if ctx.args.country is not None
                                                 else current.mission_country), operator=ctx.operator)
    print(f"mission: {saved.mission_name or '-'}\tcountry: {saved.mission_country or '-'}")
    return 0


# --- reports -------------------------------------------------------------------------------------

def cmd_demo(ctx: Context) -> int:
    if ctx.args.persons is not None:  # a large roster in bulk (issue 19), not person by person
        if ctx.args.persons < 1:
            raise ValidationError("--persons", ctx.args.persons, QT_TRANSLATE_NOOP("cli", "must be at least 1"))

        def progress(done: int, total: int) -> bool:
            if ctx.args.progress:
                say(QT_TRANSLATE_NOOP("cli", "built {done} of {total} persons"), file=sys.stderr, done=done,
                    total=total)
                sys.stderr.flush()
            return True

        summary = demo_bulk.build_demo_roster(ctx.db, persons=ctx.args.persons, operator=ctx.operator,
                                              seed=ctx.args.seed, progress=progress)
    else:
        summary = demo.fill_demo(ctx.db, households=ctx.args.households, operator=ctx.operator, seed=ctx.args.seed)
    say(QT_TRANSLATE_NOOP("cli", "added {households} households, {persons} persons, {lists} lists, {partners} "
                                 "partners, {entries} log entries"), households=summary.households,
        persons=summary.persons, lists=summary.lists, partners=summary.organizations, entries=summary.log_entries)
    return 0


def cmd_stats(ctx: Context) -> int:
    result = stats.roster_stats(ctx.db)
    if ctx.args.json:
        _print_json(result.as_json())
        return 0
    say(QT_TRANSLATE_NOOP("cli", "persons on the roster: {persons} in {households} households"),
        persons=result.persons, households=result.households)
    for title, counts, stored in ((QT_TRANSLATE_NOOP("cli", "by status:"), result.by_status, True),
                                  (QT_TRANSLATE_NOOP("cli", "by list:"), result.by_list, False),
                                  (QT_TRANSLATE_NOOP("cli", "by flag:"), result.by_flag, True)):
        say(title)
        for key, value in counts.items():
            print(f"  {spoken(word(key)) if stored else key:<28}{value:>8}")  # list names as they were typed
    say(QT_TRANSLATE_NOOP("cli", "approved, not yet crossed: {waiting}; approvals expiring within {days} days: "
                                 "{expiring}; follow-ups due: {due}"), waiting=result.approved_not_crossed,
        days=stats.EXPIRY_WARNING_DAYS, expiring=result.approvals_expiring, due=result.follow_ups_due)
    return 0


def cmd_audit(ctx: Context) -> int:
    a = ctx.args
    key = ctx.workspace.person(a.record).uuid if a.record else None
    entries = audit.browse(ctx.db, audit.AuditFilter(operator=a.operator_filter, entity_key=key), limit=a.limit)
    for e in entries:
        print(f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.operator}\t{e.action}\t{e.entity}\t{e.summary}")
    return 0


def cmd_verify(ctx: Context) -> int:
    damage = ctx.db.check_integrity()  # every page and index of the file, without the opening's time limit
    if damage is not None:
        say(QT_TRANSLATE_NOOP("cli", "roster file damaged: {damage}"), damage=ctx.db.damage or damage, file=sys.stderr)
        return 1
    report = audit.verify_chain(ctx.db)
    if report.intact:
        say(QT_TRANSLATE_NOOP("cli", "audit trail intact: {count} entries"), count=report.entries)
        return 0
    say(QT_TRANSLATE_NOOP("cli", "audit trail broken: {problem}"), problem=report.problem, file=sys.stderr)
    return 1


def cmd_gui(ctx: Context) -> int:
    from desktop_app.ui.app import run_gui  # Qt is imported only when the window is wanted

    return run_gui(ctx.args.db, operator=ctx.args.operator)  # None: the default roster (ui.start_roster)


# --- the parser ----------------------------------------------------------------------------------

# Feature modules that add their own commands: each has `register(commands, command)`,
# where `command(name, handler, help)` adds a subcommand and returns its parser.
COMMAND_MODULES: tuple[str, ...] = ("desktop_app.cli.commands.workspace", "desktop_app.cli.commands.exporting",
                                     "desktop_app.cli.commands.importing", "desktop_app.cli.commands.reconcile",
                                     "desktop_app.cli.commands.protection", "desktop_app.cli.commands.recovery",
                                     "desktop_app.cli.commands.crossing", "desktop_app.cli.commands.packages",
                                     "desktop_app.cli.commands.server", "desktop_app.cli.commands.accounts")

CommandAdder = Callable[..., argparse.ArgumentParser]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mission-roster", description="Offline evacuation roster for a consular "
                                     "mission. With no command, the window opens.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH|URL", help="the roster database (default: MISSION_ROSTER_DB or "
                        "roster.db in the user data folder)")
    parser.add_argument("--operator", metavar="NAME", help="your name for the audit trail "
                        "(default: MISSION_ROSTER_OPERATOR or the login name)")
    parser.add_argument("--user", metavar="NAME", help="sign in as this account of the roster (its audit trail "
                        "names it); the PIN from --pin-file or MISSION_ROSTER_PIN")
    parser.add_argument("--pin-file", metavar="FILE", help="the account's PIN, on the first line of FILE")
    parser.add_argument("--passphrase-file", metavar="FILE", help="the encrypted roster's passphrase, read from FILE "
                        "(default: MISSION_ROSTER_PASSPHRASE); never given as an argument")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Callable[[Context], int], help_text: str,
                parent: Any = commands) -> argparse.ArgumentParser:
        sub = parent.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    p = command("demo", cmd_demo, "fill the roster with realistic demonstration data")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--households", type=int, default=300, metavar="N")
    size.add_argument("--persons", type=int, metavar="N",
                      help="exactly N persons, written in bulk (a large roster for trials and benchmarks)")
    p.add_argument("--progress", action="store_true", help="with --persons: print the persons built so far on stderr")
    p.add_argument("--seed", type=int, default=2023)
    p = command("stats", cmd_stats, "counts by status, list and flag")
    p.add_argument("--json", action="store_true")

    person = commands.add_parser("person", help="add, show, edit, delete or restore a person").add_subparsers(
        dest="person_command", metavar="ACTION", required=True)
    p = command("add", cmd_person_add, "register a new person", person)
    p.add_argument("--surname")
    p.add_argument("--given", dest="given_names")
    p.add_argument("--patronymic")
    p.add_argument("--born", dest="birth_date", metavar="YYYY[-MM-DD]")
    p.add_argument("--sex", choices=["M", "F", "X"])
    p.add_argument("--case-ref")
    p.add_argument("--citizenships", metavar="RUS,PSE")
    p.add_argument("--passport", metavar="NUMBER")
    p.add_argument("--document-type", default=DocumentType.FOREIGN_PASSPORT.value,
                   choices=[d.value for d in DocumentType])
    p.add_argument("--passport-country", metavar="ISO3")
    p.add_argument("--passport-expiry", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--phone", action="append", metavar="NUMBER")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE", help="any other field")
    p = command("show", cmd_person_show, "show a person by case reference or UUID", person)
    p.add_argument("ref")
    p.add_argument("--json", action="store_true")
    p = command("edit", cmd_person_edit, "change fields: FIELD=VALUE ...", person)
    p.add_argument("ref")
    p.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    p = command("delete", cmd_person_delete, "move a person to the trash", person)
    p.add_argument("ref")
    p.add_argument("--reason", default="")
    p = command("restore", cmd_person_restore, "restore a person from the trash", person)
    p.add_argument("ref")
    command("trash", cmd_trash, "persons in the trash")

    p = command("status", cmd_status, "change the status of persons (REF ... STATE), a list's members or a household "
                "in one undoable operation")
    p.add_argument("targets", nargs="*", metavar="REF ... STATE",
                   help="case references, then the new status: " + ", ".join(s.value for s in Status
                                                                             if s is not Status.MERGED))
    p.add_argument("--reason", default="")
    p.add_argument("--list", metavar="NAME", help="without REF: every member of this list; the change is recorded "
                   "on the list either way")
    p.add_argument("--household", action="append", metavar="HOUSEHOLD_REF", help="every member of this household")
    p.add_argument("--undo", type=int, metavar="OPERATION_ID", help="undo a status operation")
    p = command("history", cmd_history, "a person's status history")
    p.add_argument("ref")
    p = command("search", cmd_search, "find persons by name (any script), case ref, passport or phone")
    p.add_argument("text", nargs="?")
    p.add_argument("--status", action="append")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")

    household = commands.add_parser("household", help="households").add_subparsers(
        dest="household_command", metavar="ACTION", required=True)
    p = command("create", cmd_household_create, "create a household", household)
    p.add_argument("name")
    p.add_argument("--head", metavar="REF")
    p = command("add", cmd_household_add, "add a person to a household", household)
    p.add_argument("household", metavar="HOUSEHOLD_REF")
    p.add_argument("ref", metavar="PERSON_REF")
    p.add_argument("--relationship", default=Relationship.OTHER_RELATIVE.value,
                   choices=[r.value for r in Relationship])
    p = command("show", cmd_household_show, "show a household", household)
    p.add_argument("household", metavar="HOUSEHOLD_REF")

    evac = commands.add_parser("list", help="evacuation lists").add_subparsers(
        dest="list_command", metavar="ACTION", required=True)
    p = command("create", cmd_list_create, "create an evacuation list", evac)
    p.add_argument("name")
    p.add_argument("--partner", metavar="ORGANIZATION")
    p = command("add", cmd_list_add, "add persons (and households) to a list", evac)
    p.add_argument("name")
    p.add_argument("refs", nargs="*", metavar="PERSON_REF")
    p.add_argument("--household", action="append", metavar="HOUSEHOLD_REF")
    p = command("send", cmd_list_send, "mark a list sent to its partner", evac)
    p.add_argument("name")
    p.add_argument("--verify-first", action="store_true", help="verify registered members and submit them too")
    p = command("answer", cmd_list_answer, "record the partner's answer for a member", evac)
    p.add_argument("name")
    p.add_argument("ref")
    p.add_argument("answer", choices=[a.value for a in Answer])
    p.add_argument("--valid-until", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--note", default="")
    p = command("crossed", cmd_list_crossed, "record that an approved member crossed", evac)
    p.add_argument("name")
    p.add_argument("ref")
    p = command("show", cmd_list_show, "show all lists, or one list's members", evac)
    p.add_argument("name", nargs="?")

    partner = commands.add_parser("partner", help="partner organizations and contacts").add_subparsers(
        dest="partner_command", metavar="ACTION", required=True)
    p = command("add", cmd_partner_add, "add a partner organization", partner)
    p.add_argument("name")
    p.add_argument("--kind", default=OrgKind.OTHER.value, choices=[k.value for k in OrgKind])
    p.add_argument("--country", metavar="ISO3")
    p = command("contact", cmd_partner_contact, "add a person at a partner organization", partner)
    p.add_argument("organization")
    p.add_argument("name")
    p.add_argument("--position")
    p.add_argument("--phone", action="append")
    p.add_argument("--email", action="append")
    command("list", cmd_partner_list, "list partner organizations and contacts", partner)

    p = command("log", cmd_log, "write a liaison log entry")
    p.add_argument("summary")
    p.add_argument("--partner", metavar="ORGANIZATION")
    p.add_argument("--counterpart", metavar="NAME")
    p.add_argument("--channel", default=Channel.PHONE.value, choices=[c.value for c in Channel])
    p.add_argument("--follow-up", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--person", action="append", metavar="REF")
    p.add_argument("--list", metavar="NAME")
    command("followups", cmd_followups, "follow-ups due today or overdue")
    p = command("mission", cmd_mission, "show or set the mission's name and host country")
    p.add_argument("--name")
    p.add_argument("--country", metavar="ISO3")
    p = command("audit", cmd_audit, "browse the audit trail")
    p.add_argument("--operator", dest="operator_filter", metavar="NAME")
    p.add_argument("--record", metavar="PERSON_REF")
    p.add_argument("--limit", type=int, default=100)
    command("verify", cmd_verify, "check that the audit trail's hash chain is intact")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(commands, command)
    return parser


def _quiet_stdout() -> None:
    """Point stdout at the null device: what is still buffered for a closed pipe goes nowhere,
    instead of a BrokenPipeError at exit (Python's documented way, see the `signal` module)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (a windowed program)
        pass


def _catalogue() -> Callable[[str, str], str] | None:
    """The operator's catalogue (Settings, else LANG), or None for English."""
    from desktop_app.ui.i18n import command_line_translate  # QtCore only, as saved_default_database

    return command_line_translate()


def _spoken(exc: RosterError) -> str:
    """The error in the operator's language (Settings, else LANG); the catalogue is read only now."""
    from desktop_app.cli.commands import speech

    return exc.render(speech.translate())


def main(argv: Sequence[str] | None = None) -> int:
    from desktop_app.cli.commands import speech

    speech.set_catalogue(_catalogue)  # the language of this run's settings and environment, read when needed
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(args)
    handler: Callable[[Context], int] = getattr(args, "handler", cmd_gui)
    try:
        code = handler(ctx)
        sys.stdout.flush()  # a reader that went away (`stats | head -1`) shows here, not at exit
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except RosterError as exc:
        print(f"mission-roster: {_spoken(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        say(QT_TRANSLATE_NOOP("cli", "mission-roster: interrupted"), file=sys.stderr)
        return 130
    finally:
        ctx.close()
