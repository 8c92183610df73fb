"""Sending a roster package to other missions (or to whoever holds a passphrase).

    result = export_package(db, Path("to-ramallah.mrpkg"), operator="anna", to=["Ramallah"], since_last=True)
    result = export_package(db, Path("all.mrpkg"), operator="anna", passphrase="agreed by phone")

The package holds every exchanged record (first exchange, or without `since_last`), or those
changed here or received from anyone since the last package to each of the sites named. Records
go in key order with their field clocks, so the same roster gives the same content. Each
recipient gets its own sequence number (a passphrase package counts on channel '*').
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop_app import output_files
from desktop_app.domain.errors import RosterError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.roles import Permission
from desktop_app.exchange.package_file import FORMAT_VERSION, public_line, seal
from desktop_app.services import accounts, audit
from desktop_app.services.packages.part import part_keys
from desktop_app.services.packages.sites import find_site, own_required, rekey_statements
from desktop_app.services.packages.state import refresh, short
from desktop_app.storage.db import Database
from desktop_app.storage.migrations import head_revision
from desktop_app.storage.package_tables import PackageLink, PackageState, Site

PASSPHRASE_CHANNEL = "*"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    records: int
    counts: dict[str, int]
    sequence: dict[str, int]
    recipients: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"file": str(self.path), "sha256": self.sha256, "records": self.records, "counts": self.counts,
                "sequence": self.sequence, "to": self.recipients}


def _link(session: Any, site: Site, channel: str) -> PackageLink:
    link = session.scalar(select(PackageLink).where(PackageLink.site_id == site.id, PackageLink.channel == channel))
    if link is None:
        link = PackageLink(site_id=site.id, channel=channel, last_number=0, last_seq=0)
        session.add(link)
        session.flush()
    return link


@accounts.guarded(Permission.PACKAGES)
def export_package(db: Database, out: Path, *, operator: str, to: Sequence[str] = (), passphrase: str | None = None,
                   since_last: bool = False, overwrite: bool = False, list_name: str | None = None,
                   households: Sequence[str] = ()) -> ExportResult:
    """Write a signed, encrypted package of this roster's records to `out`: all of them, or the part
    of one list (`list_name`) or of some households (`households`, by reference); see part.py.

    A part does not move the mark `since_last` counts from: the rest is still owed to the site."""
    if bool(to) == (passphrase is not None):
        raise RosterError(QT_TRANSLATE_NOOP("services.packages", "a package goes to sites (--to) or to a "
                                            "passphrase (--password-file), one of the two"))
    with db.transaction() as session:
        me = own_required(session)
        refresh(session, short(me.uuid))
        sites = [find_site(session, name) for name in to]
        links = {s.uuid: _link(session, s, s.uuid) for s in sites} if sites \
            else {PASSPHRASE_CHANNEL: _link(session, me, PASSPHRASE_CHANNEL)}
        since = min(link.last_seq for link in links.values()) if since_last else 0
        top = session.scalar(select(func.max(PackageState.seq))) or 0
        rows = session.execute(select(PackageState.key, PackageState.kind, PackageState.values, PackageState.clocks)
                               .where(PackageState.seq > since).order_by(PackageState.key)).all()
        filtered = bool(list_name or households)
        if filtered:
            wanted = part_keys(session, list_name=list_name, households=households)
            rows = [row for row in rows if row.key in wanted]
        counts: dict[str, int] = {}
        for row in rows:
            counts[row.kind] = counts.get(row.kind, 0) + 1
        sequence = {channel: link.last_number + 1 for channel, link in links.items()}
        manifest = {
            "format": FORMAT_VERSION, "schema": head_revision(), "time": audit.now().isoformat(timespec="seconds"),
            "sender": {"id": me.uuid, "name": me.name, "public_key": public_line(me.uuid, me.sign_public,
                                                                                  me.age_recipient)},
            "to": [{"id": s.uuid, "name": s.name} for s in sites], "sequence": sequence,
            "since_last": since_last, "counts": counts, "records": len(rows)}
        if filtered:
            manifest["part"] = {"list": list_name, "households": list(households)}
        if statements := rekey_statements(session):
            manifest["rekey"] = statements

        def records() -> Any:
            for row in rows:
                values = json.loads(row.values)
                values.pop("_local", None)
                clocks = json.loads(row.clocks)
                yield {"key": row.key, "kind": row.kind, "values": values, "clocks": clocks,
                       "version": sum(sum(c.values()) for c in clocks.values())}

        def audited(sha256: str) -> None:
            audit.record(session, operator, "package export", "package", sha256[:16],
                         f"sent a roster package of {len(rows)} records{' (a part)' if filtered else ''} to "
                         + (", ".join(s.name for s in sites) or "a passphrase"),
                         {"file": [None, out.name], "sequence": [None, sequence], "counts": [None, counts]})
            session.flush()

        for link in links.values():
            link.last_number += 1
            if not filtered:
                link.last_seq = top
        session.flush()
        output_files.check_target(out, overwrite=overwrite, roster=db.target.path)
        data = seal(manifest, records(), sign_private=me.sign_private or "",
                    recipients=[s.age_recipient for s in sites], passphrase=passphrase)
        digest = output_files.write_bytes(out, data, overwrite=overwrite, roster=db.target.path, before=audited)
        return ExportResult(out, digest, len(rows), counts, sequence, [s.name for s in sites])
