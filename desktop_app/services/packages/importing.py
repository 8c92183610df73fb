"""Receiving a roster package: checks, three-way merge field by field, one undoable transaction.

    preview = import_package(db, Path("from-cairo.mrpkg"), operator="anna", dry_run=True)
    result = import_package(db, Path("from-cairo.mrpkg"), operator="anna")     # backup first
    result.as_json()  # {created, updated, unchanged, conflicts: [{person, field, ours, theirs}], duplicates, package}
    undo_package_import(db, result.operation_id, operator="anna")

Refused with `PackageRefused` (nothing changed): a package that fails its checksum or signature,
made for another site, signed by a key that is not its sender's, from a site not added (unless
`trust_sender`, after the fingerprint was read out by phone), or imported already. A gap in a
sender's numbers is reported, not refused: the merge does not depend on the order of packages.

A field changed on one side only since the two last agreed is taken; changed on both sides to
different values it is a conflict (ours kept, theirs shown, `package resolve` decides). Edits to a
person merged away here go to the survivor; a person deleted here stays deleted; new persons
arrive as they are and are checked against the roster for possible duplicates (proposed only).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.exc import OperationalError, StatementError
from sqlalchemy.orm import Session

from desktop_app.domain.errors import EditConflict, RosterError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.exchange.package_file import (
    PackageRefused,
    fingerprint,
    parse_public_line,
    read_package,
    verify_rekey,
)
from desktop_app.services import accounts, audit
from desktop_app.services.backups import backup_before
from desktop_app.services.packages import bulk
from desktop_app.services.packages.export import PASSPHRASE_CHANNEL
from desktop_app.services.packages.records import KIND_ORDER, REDIRECTED_FIELDS, Writer, apply_record, ordered
from desktop_app.services.packages.sites import FORMER_KEYS, own, retired_keys
from desktop_app.services.packages.state import (
    LOCAL,
    StateRow,
    bumped,
    compare,
    dumps,
    joined,
    load_state,
    next_seq,
    refresh,
    save,
    save_all,
    short,
)
from desktop_app.services.packages.values import check_records
from desktop_app.storage.db import Database
from desktop_app.storage.models import (
    Contact,
    EvacuationList,
    LiaisonEntry,
    Operation,
    OperationChange,
    Organization,
    Person,
    Setting,
)
from desktop_app.storage.package_tables import PackageConflict, PackageImport, PackageState, Site

KIND = "package"
MISSING_LISTED = 1000  # at most this many missing package numbers are listed


@dataclass(frozen=True)
class ConflictView:
    id: int
    key: str
    person: str  # the person's case reference (or the record's key for other records)
    field: str
    ours: Any
    theirs: Any
    sender: str

    def as_json(self) -> dict[str, Any]:
        return {"person": self.person, "field": self.field, "ours": self.ours, "theirs": self.theirs}


@dataclass
class ImportResult:
    sender: str
    sender_id: str
    number: int
    fingerprint: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[ConflictView] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)  # numbers of this sender's earlier packages not imported
    kinds: dict[str, dict[str, int]] = field(default_factory=dict)
    operation_id: int | None = None
    dry_run: bool = False
    new_sender: bool = False

    def count(self, kind: str, what: str) -> None:
        per = self.kinds.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})
        per[what] += 1
        if kind == "person":
            setattr(self, what, getattr(self, what) + 1)

    def as_json(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "conflicts": [c.as_json() for c in self.conflicts], "duplicates": self.duplicates,
                "package": {"sender": self.sender, "sequence": self.number}}


class _DryRun(Exception):
    def __init__(self, result: ImportResult) -> None:
        super().__init__("dry run")
        self.result = result


@dataclass
class Peek:
    """What a package says about itself before anything is merged (for the fingerprint question)."""

    sender: str
    sender_id: str
    fingerprint: str
    known: bool
    public_key: str


def _identities(db: Database) -> list[str]:
    """This site's age identity and its retired ones (a package may still be on its way to an old key)."""
    with db.reading() as session:
        me = own(session)
        if me is None or not me.age_identity:
            return []
        return [me.age_identity, *(k["age_identity"] for k in reversed(retired_keys(session)) if k["age_identity"])]


@accounts.guarded(Permission.PACKAGES)
def peek_package(db: Database, path: Path, *, passphrase: str | None = None) -> Peek:
    """Decrypt and verify a package; say who sent it and whether that site is known here."""
    package = read_package(path, identities=[] if passphrase else _identities(db), passphrase=passphrase)
    _check_manifest(path, package.manifest, package.records)
    sender = package.manifest.get("sender") or {}
    with db.reading() as session:
        known = session.scalar(select(Site).where(Site.uuid == sender.get("id"))) is not None
    return Peek(str(sender.get("name")), str(sender.get("id")), fingerprint(package.signer), known,
                str(sender.get("public_key", "")))


@accounts.guarded(Permission.PACKAGES)
def import_package(db: Database, path: Path, *, operator: str, passphrase: str | None = None, dry_run: bool = False,
                   trust_sender: bool = False) -> ImportResult:
    """Merge the package at `path` into the roster (or only say what would happen, `dry_run`)."""
    with db.reading() as session:
        me = own(session)
        if me is None:
            raise RosterError(QT_TRANSLATE_NOOP("services.packages", "this roster has no site yet: run "
                                                "'site init NAME' first"))
        me_uuid = me.uuid
    identities = _identities(db)
    package = read_package(path, identities=[] if passphrase else identities, passphrase=passphrase)
    manifest = package.manifest
    _check_manifest(path, manifest, package.records)
    check_records(path, package.records)
    sender = manifest.get("sender") or {}
    sender_id, sender_name = str(sender.get("id")), str(sender.get("name"))
    if sender_id == me_uuid:
        raise PackageRefused(QT_TRANSLATE_NOOP("services.packages", "{path}: this package was made by this site"),
                             path=path.name)
    addressed = [str(s.get("id")) for s in manifest.get("to") or []]
    if addressed and me_uuid not in addressed:
        raise PackageRefused(QT_TRANSLATE_NOOP("services.packages", "{path}: the package is addressed to {sites}, "
                                               "not to this site"), path=path.name,
                             sites=", ".join(str(s.get("name")) for s in manifest.get("to") or []))
    channel = me_uuid if addressed else PASSPHRASE_CHANNEL
    number = int((manifest.get("sequence") or {}).get(channel, 0))
    result = ImportResult(sender_name, sender_id, number, fingerprint(package.signer), dry_run=dry_run)
    with db.reading() as session:
        _check_sender(session, path, sender, package.signer, trust_sender, result, manifest.get("rekey"), channel)
        if session.scalar(select(PackageImport.id).where(
                ((PackageImport.sender_uuid == sender_id) & (PackageImport.channel == channel)
                 & (PackageImport.number == number)) | (PackageImport.sha256 == package.sha256))) is not None:
            raise PackageRefused(QT_TRANSLATE_NOOP("services.packages", "{path}: package {number} from {site} was "
                                                   "imported already; nothing changed"),
                                 path=path.name, number=number, site=sender_name)
        seen = set(session.scalars(select(PackageImport.number).where(PackageImport.sender_uuid == sender_id,
                                                                      PackageImport.channel == channel)))
    # The manifest's number is the sender's word: list the first gaps, never walk a lie of 10**12.
    result.missing = list(itertools.islice((n for n in range(1, number) if n not in seen), MISSING_LISTED))
    if not dry_run:
        backup_before(db, "package import", operator=operator)
    try:
        with db.transaction() as session:
            _merge(session, package.records, result, me_uuid=me_uuid, sender=sender, signer=package.signer,
                   operator=operator, path=path, channel=channel, sha256=package.sha256)
            if dry_run:
                raise _DryRun(result)
    except _DryRun as done:
        return done.result
    except RosterError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, StatementError) as exc:
        if isinstance(exc, OperationalError):  # locked, disk full: the roster's trouble, not the package's
            raise
        # Content check_records could not foresee; the transaction is rolled back. The error's own
        # text is not shown: the driver's and the parsers' quote the values (personal data).
        raise PackageRefused(QT_TRANSLATE_NOOP("services.packages", "{path}: the package's content could not be "
                                               "merged ({error}); nothing was changed"),
                             path=path.name, error=type(exc).__name__) from None
    return result


def _check_manifest(path: Path, manifest: dict[str, Any], records: list[dict[str, Any]]) -> None:
    """Refuse a manifest or record this version cannot merge (read_package checked each line's shape)."""
    sender, to, sequence = manifest.get("sender") or {}, manifest.get("to") or [], manifest.get("sequence") or {}
    what = None
    if not isinstance(sender, dict):
        what = "sender"
    elif not isinstance(to, list) or not all(isinstance(site, dict) for site in to):
        what = "to"
    elif not isinstance(sequence, dict) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in sequence.values()):
        what = "sequence"
    elif unknown := sorted({record["kind"] for record in records} - set(KIND_ORDER)):
        what = f"kind {unknown[0]!r}"
    if what is not None:
        raise PackageRefused(QT_TRANSLATE_NOOP("services.packages", "{path}: malformed content ({what} is not what "
                                               "this version of the program reads)"), path=path.name, what=what)


def _check_sender(session: Session, path: Path, sender: dict[str, Any], signer: str, trust: bool,
                  result: ImportResult, manifest_rekey: Any = None, channel: str = "") -> None:
    site = session.scalar(select(Site).where(Site.uuid == str(sender.get("id"))))
    if site is None:
        if not trust:
            raise PackageRefused(QT_TRANSLATE_NOOP(
                "services.packages", "{path}: {site} is not a known site (key fingerprint {fingerprint}); confirm "
                "the fingerprint with them by phone, then add the site with 'site add'"),
                path=path.name, site=sender.get("name"), fingerprint=fingerprint(signer))
        result.new_sender = True
        return
    if site.sign_public != signer and _rotated_to(site.sign_public, sender.get("public_key"), manifest_rekey) \
            != signer and not _sent_before_rotation(session, site.uuid, signer, channel, result.number):
        raise PackageRefused(QT_TRANSLATE_NOOP("services.packages", "{path}: signed by a key that is not {site}'s "
                                               "(fingerprint {fingerprint})"),
                             path=path.name, site=site.name, fingerprint=fingerprint(signer))


def _rotated_to(known: str, public_key: Any, statements: Any) -> str | None:
    """The signing key the sender's rekey statements lead to from the key we know (each statement
    signed by the key before it), when they end at the sender's own public line; else None."""
    if not isinstance(statements, list) or not isinstance(public_key, str):
        return None
    current = known
    for _ in statements:  # each statement used at most once: a chain no longer than the list
        step = next((s for s in statements if isinstance(s, dict) and s.get("old") == current
                     and isinstance(s.get("new"), str) and isinstance(s.get("signature"), str)
                     and verify_rekey(current, s["new"], s["signature"])), None)
        if step is None:
            return None
        try:
            current = parse_public_line(step["new"]).sign_public
        except RosterError:
            return None
        if step["new"] == public_key:
            return current
    return None


def _former_keys_setting(site_uuid: str) -> str:
    return f"{FORMER_KEYS}:{site_uuid}"


def _former_keys(session: Session, site_uuid: str) -> list[dict[str, Any]]:
    setting = session.get(Setting, _former_keys_setting(site_uuid))
    return list(json.loads(setting.value)) if setting is not None else []


def _sent_before_rotation(session: Session, site_uuid: str, signer: str, channel: str, number: int) -> bool:
    """Whether `signer` is a key the site rotated away from (its new key vouched for by it) and this
    package was numbered before the first package that brought the new key: it was on its way then."""
    return any(k["sign_public"] == signer and k["channel"] == channel and number < k["before"]
               for k in _former_keys(session, site_uuid))


def _take_rotated_key(session: Session, sender: dict[str, Any], signer: str, operator: str, channel: str,
                      number: int) -> None:
    """A known site whose package is signed by a new key its old one vouched for: keep the new key,
    and the old one for the packages this channel numbered before this one (still on their way)."""
    site = session.scalar(select(Site).where(Site.uuid == str(sender.get("id"))))
    if site is None or site.sign_public == signer or _sent_before_rotation(session, site.uuid, signer, channel,
                                                                             number):
        return
    former = [*_former_keys(session, site.uuid), {"sign_public": site.sign_public, "channel": channel,
                                                   "before": number}]
    setting = session.get(Setting, _former_keys_setting(site.uuid))
    if setting is None:
        session.add(Setting(key=_former_keys_setting(site.uuid), value=json.dumps(former)))
    else:
        setting.value = json.dumps(former)
    public = parse_public_line(str(sender.get("public_key")))
    old = fingerprint(site.sign_public)
    site.sign_public, site.age_recipient = public.sign_public, public.age_recipient
    audit.record(session, operator, "site rekey", "site", site.uuid, f"site {site.name} rotated its key; the new "
                 "key is signed by its old one", {"fingerprint": [old, fingerprint(public.sign_public)]})


def _merge(session: Session, records: list[dict[str, Any]], result: ImportResult, *, me_uuid: str,
           sender: dict[str, Any], signer: str, operator: str, path: Path, channel: str, sha256: str) -> None:
    me = short(me_uuid)
    if result.new_sender:
        public = parse_public_line(str(sender.get("public_key", "")))
        if public.sign_public != signer or public.site_uuid != str(sender.get("id")):
            raise PackageRefused(QT_TRANSLATE_NOOP("services.packages", "{path}: the sender's key in the package "
                                                   "is not the key that signed it"), path=path.name)
        session.add(Site(uuid=public.site_uuid, name=_free_site_name(session, str(sender.get("name"))),
                         is_self=False, sign_public=public.sign_public, age_recipient=public.age_recipient,
                         ref_prefix="", added_at=audit.now(), added_by=operator))
        audit.record(session, operator, "site add", "site", public.site_uuid, f"added site {sender.get('name')} "
                     "from its package", {"fingerprint": [None, result.fingerprint]})
    else:
        _take_rotated_key(session, sender, signer, operator, channel, result.number)
    refresh(session, me)
    state = load_state(session, (record["key"] for record in records))
    # The survivors of records merged away here: edits to those go to them (_redirect).
    state.update(load_state(session, {f"person:{row.values['merged_into']}" for row in state.values()
                                      if row.kind == "person" and row.values.get("merged_into")} - state.keys()))
    seq = next_seq(session)
    operation = Operation(uuid=_uuid(), kind=KIND, at=audit.now(), operator=operator, file_name=path.name,
                          file_sha256=sha256, details="{}")
    session.add(operation)
    session.flush()
    writer = Writer(session, operator)
    incoming = {record["key"]: record for record in records}
    sender_id = str(sender.get("id"))
    created_uuids: list[str] = []
    new_rows: list[StateRow] = []
    changed_rows: list[StateRow] = []
    conflict_ids: list[int] = []
    open_before = _open_conflicts(session)  # what undo puts back: this import may update or settle them
    organizations_before = session.scalar(select(func.max(Organization.id))) or 0  # the write lock is ours
    by_kind: dict[str, list[str]] = {}
    for key in ordered(incoming):
        by_kind.setdefault(incoming[key]["kind"], []).append(key)
    writer.preload()
    for kind, keys in by_kind.items():
        # New records first, in bulk: an existing record of the same kind may name one of them.
        fresh = [StateRow(key, kind, dict(incoming[key]["values"]), dict(incoming[key]["clocks"]), seq)
                 for key in keys if key not in state]
        created_changes: list[dict[str, Any]] = []
        for row, row_id in zip(fresh, bulk.create(writer, kind, fresh).values(), strict=True):
            _keep_aliases(writer, row)
            new_rows.append(row)
            result.count(kind, "created")
            if kind == "person":
                created_uuids.append(row.key.split(":", 1)[1])
            created_changes.append({"operation_id": operation.id, "entity": kind, "entity_id": row_id or 0,
                                    "change": "created",
                                    "before": dumps({"key": row.key, "state": None, "values": {}})})
        # Undo goes back through the changes newest first: this kind's updates, then its creations.
        session.flush()
        bulk.insert_rows(writer, cast(Table, OperationChange.__table__), created_changes)
        for key in keys:
            row = state.get(key)
            if row is None:
                continue
            record = incoming[key]
            before = json.loads(dumps({"values": row.values, "clocks": row.clocks, "seq": row.seq}))
            taken, conflicts = _three_way(row, record)
            for name, theirs in conflicts.items():
                conflict_ids.append(_open_conflict(session, key, name, row.values.get(name), theirs,
                                                   record["clocks"].get(name) or record["clocks"].get("_") or {},
                                                   sender_id))
            _close_superseded(session, key, taken, record, operator)
            changed = {k: v for k, v in taken.items() if row.values.get(k) != v}
            old = {k: row.values.get(k) for k in changed}
            clocks_moved = bool(taken) or bool(conflicts)
            if changed:
                row.values.update(changed)
                row_id = apply_record(writer, key, row.kind, changed, created=False)
                _keep_aliases(writer, row)
                _remember(session, operation.id, row.kind, row_id, "updated", key, before, old)
                if row.kind == "person":
                    _redirect(session, writer, state, row, changed, old, sender_id, conflict_ids, operator)
                    audit.record(session, operator, "update", "person", key.split(":", 1)[1],
                                 f"changed by a package from {result.sender}: {', '.join(sorted(changed))}",
                                 {k: [old[k], changed[k]] for k in sorted(changed)})
                result.count(row.kind, "updated")
            else:
                result.count(row.kind, "unchanged")
            if clocks_moved:
                row.seq = seq
                changed_rows.append(row)
    writer.finish()
    save_all(session, new_rows, changed_rows)
    session.flush()
    created_persons = [writer.person_ids[uuid] for uuid in created_uuids if uuid in writer.person_ids]
    result.conflicts = [_view(session, c) for c in session.scalars(
        select(PackageConflict).where(PackageConflict.id.in_(conflict_ids)).order_by(PackageConflict.id))]
    result.duplicates = _duplicates(session, created_persons)
    session.add(PackageImport(sender_uuid=sender_id, channel=channel, number=result.number, sha256=sha256,
                              at=audit.now(), operator=operator, operation_id=operation.id))
    open_after = _open_conflicts(session)
    operation.details = json.dumps({"sender": result.sender, "number": result.number, "seq": seq,
                                    "conflicts": sorted(set(conflict_ids) - open_before.keys()),
                                    "conflicts_before": {str(i): v for i, v in open_before.items()
                                                         if open_after.get(i, v) != v},
                                    "settled": sorted(open_before.keys() - open_after.keys()),
                                    "organizations": list(session.scalars(select(Organization.id).where(
                                        Organization.id > organizations_before))),
                                    "kinds": result.kinds})
    result.operation_id = operation.id
    audit.record(session, operator, "package import", "package", sha256[:16],
                 f"imported package {result.number} from {result.sender}: {result.created} new, {result.updated} "
                 f"updated, {len(result.conflicts)} conflicts",
                 {"kinds": [None, result.kinds], "missing": [None, result.missing]})
    session.flush()


def _open_conflicts(session: Session) -> dict[int, list[str]]:
    return {c.id: [c.ours, c.theirs, c.theirs_clock] for c in session.scalars(
        select(PackageConflict).where(PackageConflict.resolved_at.is_(None)))}


def _free_site_name(session: Session, name: str) -> str:
    candidate, n = name, 1
    while session.scalar(select(Site.id).where(Site.name == candidate)) is not None:
        n += 1
        candidate = f"{name} ({n})"
    return candidate


def _uuid() -> str:
    import uuid

    return str(uuid.uuid4())


def _three_way(row: StateRow, record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fields to take from theirs, and fields changed on both sides to different values."""
    theirs_values: dict[str, Any] = record["values"]
    theirs_clocks: dict[str, dict[str, int]] = record["clocks"]
    taken: dict[str, Any] = {}
    conflicts: dict[str, Any] = {}
    for name in (theirs_values.keys() | row.values.keys()) - {LOCAL}:
        theirs_clock = theirs_clocks.get(name) or theirs_clocks.get("_") or {}
        ours_clock = row.clock(name)
        relation = compare(theirs_clock, ours_clock)
        theirs = theirs_values.get(name)
        if relation == "after":
            taken[name] = theirs
            row.clocks[name] = dict(theirs_clock)
        elif relation == "concurrent":
            if theirs == row.values.get(name):
                row.clocks[name] = joined(theirs_clock, ours_clock)
            else:
                conflicts[name] = theirs
    return taken, conflicts


def _keep_aliases(writer: Writer, row: StateRow) -> None:
    aliases = writer.aliases.pop(row.key, None)
    if aliases:
        row.values[LOCAL] = {**row.values.get(LOCAL, {}), **aliases}


def _remember(session: Session, operation_id: int, kind: str, row_id: int | None, change: str, key: str,
              before: dict[str, Any] | None, old: dict[str, Any]) -> None:
    session.add(OperationChange(operation_id=operation_id, entity=kind, entity_id=row_id or 0, change=change,
                                before=dumps({"key": key, "state": before, "values": old})))


def _open_conflict(session: Session, key: str, name: str, ours: Any, theirs: Any, clock: dict[str, int],
                   sender: str) -> int:
    conflict = session.scalar(select(PackageConflict).where(PackageConflict.key == key, PackageConflict.field == name,
                                                            PackageConflict.resolved_at.is_(None)))
    if conflict is None:
        conflict = PackageConflict(key=key, field=name, ours=dumps(ours), theirs=dumps(theirs),
                                   theirs_clock=dumps(clock), sender_uuid=sender, at=audit.now())
        session.add(conflict)
    else:
        conflict.ours, conflict.theirs = dumps(ours), dumps(theirs)
        conflict.theirs_clock = dumps(joined(json.loads(conflict.theirs_clock), clock))
    session.flush()
    return conflict.id


def _close_superseded(session: Session, key: str, taken: dict[str, Any], record: dict[str, Any],
                      operator: str) -> None:
    """A conflict that a later change (made after seeing both values) settles is closed."""
    if not taken:
        return
    for conflict in session.scalars(select(PackageConflict).where(
            PackageConflict.key == key, PackageConflict.field.in_(list(taken)), PackageConflict.resolved_at.is_(None))):
        clock = record["clocks"].get(conflict.field) or record["clocks"].get("_") or {}
        if compare(clock, json.loads(conflict.theirs_clock)) in ("after", "equal"):
            conflict.resolved_at, conflict.resolved_by, conflict.resolution = audit.now(), operator, "settled"


def _redirect(session: Session, writer: Writer, state: dict[str, StateRow], row: StateRow, changed: dict[str, Any],
              old: dict[str, Any], sender: str, conflict_ids: list[int], operator: str) -> None:
    """Edits to a person merged away here go to the survivor: taken where the survivor still has the
    merged record's value or nothing, a conflict on the survivor otherwise."""
    survivor_uuid = row.values.get("merged_into")
    if not survivor_uuid or "merged_into" in changed:
        return
    survivor = state.get(f"person:{survivor_uuid}")
    if survivor is None:
        return
    to_take: dict[str, Any] = {}
    for name, theirs in changed.items():
        if name not in REDIRECTED_FIELDS:
            continue
        current = survivor.values.get(name)
        if current == theirs:
            continue
        if current in (None, "", [], False) or current == old.get(name):
            to_take[name] = theirs
        else:
            conflict_ids.append(_open_conflict(session, survivor.key, name, current, theirs, {}, sender))
    if to_take:
        apply_record(writer, survivor.key, "person", to_take, created=False)
        audit.record(session, operator, "update", "person", survivor_uuid,
                     f"edits to a merged record carried to its survivor: {', '.join(sorted(to_take))}",
                     {k: [survivor.values.get(k), v] for k, v in sorted(to_take.items())})


def _duplicates(session: Session, created: list[int]) -> list[dict[str, Any]]:
    """Possible duplicates between the persons just created and the rest of the roster (proposed only)."""
    if not created:
        return []
    from desktop_app.matching import find_duplicates as engine_duplicates
    from desktop_app.services.reconciling import load_roster

    new = set(created)
    if session.scalar(select(func.count(Person.id))) == len(new):  # nothing here before them
        return []
    roster = load_roster(session)
    if not (roster.keys() - new):
        return []
    found = []
    for pair in engine_duplicates(person.match_record() for person in roster.values()):
        a, b = int(pair.key_a), int(pair.key_b)
        if (a in new) == (b in new):
            continue
        theirs, ours = (a, b) if a in new else (b, a)
        found.append({"new": roster[theirs].case_ref, "existing": roster[ours].case_ref,
                      "score": round(pair.score, 4), "decision": pair.decision})
    return sorted(found, key=lambda d: (-d["score"], d["new"], d["existing"]))


def _view(session: Session, conflict: PackageConflict) -> ConflictView:
    kind, _, rest = conflict.key.partition(":")
    label = conflict.key
    if kind == "person":
        label = session.scalar(select(Person.case_ref).where(Person.uuid == rest)) or rest
    sender = session.scalar(select(Site.name).where(Site.uuid == conflict.sender_uuid)) or conflict.sender_uuid
    return ConflictView(conflict.id, conflict.key, label, conflict.field, json.loads(conflict.ours),
                        json.loads(conflict.theirs), sender)


@accounts.guarded(Permission.PACKAGES)
def list_conflicts(db: Database) -> list[ConflictView]:
    """The open conflicts, oldest first."""
    with db.reading() as session:
        return [_view(session, c) for c in session.scalars(
            select(PackageConflict).where(PackageConflict.resolved_at.is_(None)).order_by(PackageConflict.id))]


@accounts.guarded(Permission.PACKAGES)
def resolve_conflict(db: Database, person: str, field_name: str, choice: str, *, operator: str) -> ConflictView:
    """Settle an open conflict of `person` (case reference or UUID) on `field_name`: 'ours' or 'theirs'.

    Either way the result is a change made here after seeing both, which the other sites take."""
    if choice not in ("ours", "theirs"):
        raise RosterError(QT_TRANSLATE_NOOP("services.packages", "choose 'ours' or 'theirs', not {choice!r}"),
                          choice=choice)
    with db.transaction() as session:
        me = own(session)
        if me is None:
            raise RosterError(QT_TRANSLATE_NOOP("services.packages", "this roster has no site yet"))
        uuid = session.scalar(select(Person.uuid).where((Person.case_ref == person) | (Person.uuid == person)))
        key = f"person:{uuid}" if uuid else person
        conflict = session.scalar(select(PackageConflict).where(
            PackageConflict.key == key, PackageConflict.field == field_name, PackageConflict.resolved_at.is_(None)))
        if conflict is None:
            raise RosterError(QT_TRANSLATE_NOOP("services.packages", "no open conflict on {field} of {person}"),
                              field=field_name, person=person)
        view = _view(session, conflict)
        refresh(session, short(me.uuid))
        state = load_state(session, [key])
        row = state[key]
        row.clocks[field_name] = bumped(joined(row.clock(field_name), json.loads(conflict.theirs_clock)),
                                        short(me.uuid))
        if choice == "theirs" and row.values.get(field_name) != view.theirs:
            row.values[field_name] = view.theirs
            apply_record(Writer(session, operator), key, row.kind, {field_name: view.theirs}, created=False)
        row.seq = next_seq(session)
        save(session, row, new=False)
        conflict.resolved_at, conflict.resolved_by, conflict.resolution = audit.now(), operator, choice
        audit.record(session, operator, "package resolve", row.kind, key.split(":", 1)[1],
                     f"conflict on {field_name} of {view.person} resolved: {choice}",
                     {field_name: [view.ours, view.theirs if choice == "theirs" else view.ours]})
        session.flush()
        return view


@accounts.guarded(Permission.PACKAGES)
def undo_package_import(db: Database, operation_id: int, *, operator: str) -> int:
    """Take a package import back as a whole; returns how many records were put back.

    Records created by it are removed; changed fields get their values back; the package can be
    imported again afterwards."""
    with db.transaction() as session:
        operation = session.get(Operation, operation_id)
        if operation is None or operation.kind != KIND:
            raise RosterError(QT_TRANSLATE_NOOP("services.packages", "no package import #{number}"),
                              number=operation_id)
        if operation.undone_at is not None:
            raise RosterError(QT_TRANSLATE_NOOP("services.packages", "package import #{number} was undone "
                                                "already"), number=operation_id)
        writer = Writer(session, operator)
        # Plain rows: ORM objects would be expired by each removal below and read back one by one.
        changes = session.execute(select(OperationChange.entity, OperationChange.change, OperationChange.before)
                                  .where(OperationChange.operation_id == operation_id)
                                  .order_by(OperationChange.id.desc())).all()
        details = json.loads(operation.details or "{}")
        _refuse_if_changed_since(session, operation_id, details.get("seq"), changes)
        session.flush()
        # Newest first; the records created by one kind's step go together (one DELETE a chunk).
        batch: tuple[str, list[str]] = ("", [])
        for change in [*changes, None]:
            before = json.loads(change.before) if change is not None else {}
            if change is None or change.change != "created" or change.entity != batch[0]:
                if batch[1]:
                    bulk.remove(writer, *batch)
                batch = (change.entity, []) if change is not None and change.change == "created" else ("", [])
            if change is None:
                break
            key = before["key"]
            if change.change == "created":
                batch[1].append(key)
            else:
                apply_record(writer, key, change.entity, before["values"], created=False)
                prior = before["state"]
                save(session, StateRow(key, change.entity, prior["values"], prior["clocks"], prior["seq"]), new=False)
        writer.finish()
        # Conflicts this import opened go; those it updated or settled (opened by earlier imports) come back.
        session.execute(delete(PackageConflict).where(PackageConflict.id.in_(details.get("conflicts", []))))
        for conflict_id, (ours, theirs, clock) in details.get("conflicts_before", {}).items():
            session.execute(update(PackageConflict).where(PackageConflict.id == int(conflict_id))
                            .values(ours=ours, theirs=theirs, theirs_clock=clock))
        session.execute(update(PackageConflict).where(PackageConflict.id.in_(details.get("settled", [])))
                        .values(resolved_at=None, resolved_by=None, resolution=None))
        session.execute(delete(PackageImport).where(PackageImport.operation_id == operation_id))
        # The partner organizations it created (named by its lists and liaison entries), unless used since.
        session.execute(delete(Organization).where(
            Organization.id.in_(details.get("organizations", [])),
            ~select(EvacuationList.id).where(EvacuationList.organization_id == Organization.id).exists(),
            ~select(LiaisonEntry.id).where(LiaisonEntry.organization_id == Organization.id).exists(),
            ~select(Contact.id).where(Contact.organization_id == Organization.id).exists()))
        operation.undone_at, operation.undone_by = audit.now(), operator
        audit.record(session, operator, "package undo", "package", operation.file_sha256[:16],
                     f"undid package import #{operation_id} ({operation.file_name})", {})
        session.flush()
        return len(changes)


def _refuse_if_changed_since(session: Session, operation_id: int, seq: int | None,
                             changes: Sequence[Any]) -> None:
    """EditConflict when a record the import created or changed was changed after it (here, or by a
    later package): undoing would delete that work or write over it."""
    if seq is None:  # an import recorded before its number was kept
        return
    me = own(session)
    if me is not None:
        refresh(session, short(me.uuid))  # this site's edits since the import get their number now
    later = set(session.scalars(select(PackageState.key).where(PackageState.seq > seq)))
    touched = sorted({json.loads(change.before)["key"] for change in changes} & later)
    if not touched:
        return
    refs = []
    for key in touched[:5]:
        kind, _, rest = key.partition(":")
        refs.append((session.scalar(select(Person.case_ref).where(Person.uuid == rest)) if kind == "person"
                     else None) or key)
    raise EditConflict(QT_TRANSLATE_NOOP("services.packages", "package import #{number} cannot be undone: {refs} "
                                         "changed since it (undo those changes first)"),
                       number=operation_id, refs=", ".join(refs) + (" …" if len(touched) > 5 else ""))
