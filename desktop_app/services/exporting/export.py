"""Exports for partner authorities: the workbook or printed manifest, its consent check and its record.

`export_persons` writes the persons of a `Selection` laid out by an export profile (default:
the full roster) to an .xlsx through `exchange.xlsx_writer`, optionally encrypted;
`export_manifest` prints a bus or flight manifest to PDF through a renderer the GUI layer
hands in (Qt stays in `ui/`). Both write one audit entry per file: who, when, which profile,
which persons (their UUIDs), to which partner, the file's SHA-256 and whether it is
encrypted (never the password). `recipients_of` reads those entries back for a person's page.

Files are written through `storage.output_files`: never the roster, its working files or a
database; an existing file only with `overwrite=True` (the window asked, or `--overwrite`);
the audit entry is committed before the file appears, so a failed audit (the roster busy)
leaves no new file and the old one as it was, and a kill never leaves an unrecorded file.
`check_export_path` refuses a wrong target before any work.

Consent. Data about people in a war zone leaves the mission only with a reason. An export
to a partner (`partner` given) of persons who have not consented to sharing is refused with
`ConsentMissing`, which counts them and names their case references, unless the officer
confirms with `include_without_consent=True` (the vital-interest case of an evacuation
list); the audit entry then lists those persons apart. Internal files (no partner) are not
refused; the result and the audit entry still count who lacks consent.

Profiles are shared through the database (see `export_profiles`); selections and the paged
reading of person records live in `export_selection`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app import output_files
from desktop_app.domain.errors import NotFound, RosterError, ValidationError
from desktop_app.domain.export_profile import ColumnKind, ExportProfile, Grouping, builtin_profile, full_roster_profile
from desktop_app.domain.roles import Permission
from desktop_app.exchange.export_errors import ExportError
from desktop_app.exchange.export_rows import profile_sheets
from desktop_app.exchange.sheets import SheetColumn
from desktop_app.services import accounts, audit
from desktop_app.services.exporting.profiles import (
    ProfileEntry,
    delete_profile,
    get_profile,
    list_profiles,
    save_profile,
)
from desktop_app.services.exporting.selection import (
    ResolvedSelection,
    SeenIds,
    Selection,
    person_records,
    resolve,
    snapshot,
)
from desktop_app.storage.db import Database
from desktop_app.storage.models import AuditEntry, Organization, Person

__all__ = [
    "ConsentMissing",
    "ExportResult",
    "Manifest",
    "ManifestSection",
    "Preview",
    "ProfileEntry",
    "Recipient",
    "Selection",
    "SelectionSummary",
    "check_export_path",
    "delete_profile",
    "export_manifest",
    "export_persons",
    "get_profile",
    "list_profiles",
    "manifest_rows",
    "preview",
    "recipients_of",
    "save_profile",
    "summarize",
]

log = logging.getLogger(__name__)

EXPORT_ACTION = "export"
PERSONS_ENTITY = "export_persons"  # the entries listing a large export's persons
PERSONS_PER_ENTRY = 1000  # persons listed in one audit entry (about 40 KB of JSON)
MAX_MANIFEST_ROWS = 2000  # a manifest is for one bus, boat or flight, printed and signed
CONSENT_REFS_SHOWN = 10
PAPER_SIZES = ("a4", "letter")
WHOLE_ROSTER = Selection()

ProgressCallback = Callable[[int, int], bool]  # (rows done, rows in all) -> go on?
ManifestRenderer = Callable[[Path, "Manifest", str], None]  # (path to write, manifest, paper)


class ConsentMissing(RosterError):
    """An export to a partner includes persons who have not consented to sharing their data."""

    def __init__(self, count: int, without_consent: list[tuple[str, str]], persons: int, partner: str) -> None:
        self.count = count
        refs = ", ".join(ref for _, ref in without_consent[:CONSENT_REFS_SHOWN])
        more = "…" if self.count > CONSENT_REFS_SHOWN else ""
        super().__init__(
            f"{self.count} of the {persons} persons for {partner} have not consented to sharing their data "
            f"({refs}{more}). Record their consent, leave them out, or confirm that they go too "
            "(--include-without-consent, or the box in the export dialog); the audit trail will name them.")


@dataclass(frozen=True)
class ExportResult:
    """A written export, as recorded in the audit trail."""

    path: Path
    sha256: str
    rows: int
    persons: int
    profile: str
    partner: str | None
    encrypted: bool
    without_consent: int
    format: str  # "xlsx", "csv" or "pdf"
    sheets: tuple[tuple[str, int], ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "sha256": self.sha256, "rows": self.rows, "persons": self.persons,
                "profile": self.profile, "partner": self.partner, "encrypted": self.encrypted,
                "without_consent": self.without_consent, "format": self.format,
                "sheets": [{"name": name, "rows": rows} for name, rows in self.sheets]}


@dataclass(frozen=True)
class SelectionSummary:
    """How many persons and rows a selection gives, and who among them lacks consent."""

    persons: int
    rows: int
    without_consent: int
    without_consent_refs: tuple[str, ...]
    list_name: str | None
    list_organization_id: int | None


@dataclass(frozen=True)
class Preview:
    """The first rows of an export as the partner will read them (text), with the headers."""

    headers: list[str]
    rows: list[list[str]]
    total_rows: int


@dataclass(frozen=True)
class ManifestSection:
    title: str
    rows: list[list[str]]


@dataclass(frozen=True)
class Manifest:
    """A printable manifest: headers and rows as text, one section per list or vehicle."""

    title: str
    subtitle: str
    headers: list[str]
    sections: list[ManifestSection]
    right_to_left: bool
    words: dict[str, str] = field(default_factory=lambda: dict(_MANIFEST_WORDS["en"]))
    uuids: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(len(section.rows) for section in self.sections)


@dataclass(frozen=True)
class Recipient:
    """One export that carried a person's data: to whom, when, by whom, in which file."""

    at: dt.datetime
    operator: str
    partner: str | None
    profile: str
    file: str
    sha256: str
    encrypted: bool
    format: str

    @property
    def recipient(self) -> str:
        return self.partner or "(internal file)"

    @property
    def file_name(self) -> str:
        return Path(self.file).name


# --- what is exported ------------------------------------------------------------------------------

@accounts.guarded(Permission.SEARCH)
def summarize(db: Database, selection: Selection, profile: ExportProfile | None = None) -> SelectionSummary:
    """Counts for the export dialog: persons, rows, and those without consent (first case refs)."""
    resolved = resolve(db, selection, profile or full_roster_profile())
    return SelectionSummary(resolved.persons, resolved.rows, resolved.without_consent,
                            tuple(ref for _, ref in resolved.without_consent_refs[:CONSENT_REFS_SHOWN]),
                            resolved.list_name, resolved.list_organization_id)


@accounts.guarded(Permission.SEARCH)
def preview(db: Database, selection: Selection, profile: ExportProfile | None = None, *, limit: int = 20,
            title: str | None = None, today: dt.date | None = None) -> Preview:
    """The first `limit` rows as text, with the visible headers (the first sheet's, for list grouping)."""
    profile = profile or full_roster_profile()
    resolved = resolve(db, selection, profile)
    records = person_records(db, resolved.keys[:limit], page_size=max(limit, 1))
    headers: list[str] = []
    rows: list[list[str]] = []
    for sheet in profile_sheets(records, profile, today=today, title=title):
        visible = _visible(sheet.columns)
        if not headers:
            headers = [column.label for _, column in visible]
        rows.extend([format_cell(row[i], column.kind, profile) for i, column in visible] for row in sheet.rows)
    return Preview(headers, rows[:limit], resolved.rows)


# --- the workbook --------------------------------------------------------------------------------

@accounts.guarded(Permission.EXPORT)
def export_persons(db: Database, out_path: str | os.PathLike[str], *, profile: ExportProfile | None = None,
                   selection: Selection = WHOLE_ROSTER, password: str | None = None,
                   partner: int | str | None = None, title: str | None = None, operator: str,
                   include_without_consent: bool = False, progress: ProgressCallback | None = None,
                   today: dt.date | None = None, overwrite: bool = False) -> ExportResult:
    """Write the selected persons to a new .xlsx or .csv (by the suffix of `out_path`) and record the export.

    `profile` defaults to the full roster (every field, UUID shown); `partner` is an
    organization's id or name (NotFound otherwise); `password` encrypts a workbook (a CSV cannot
    be: ValidationError); an existing file is replaced only with `overwrite` (the user confirmed).
    The selection and every record are read in one read transaction (`selection.snapshot`): the
    file is the roster as it was when the export began, whatever colleagues change meanwhile. The
    audit entry is committed before the file appears (`storage.output_files`): if it cannot be, no
    file appears and an older one stays. Raises ConsentMissing (see the module docstring; a consent
    withdrawn while the file was written too), OutputRefused/OutputExists for a target that must
    not be written, ExportError/OutputError for a file that cannot be written, ExportCancelled when
    `progress` returns False (no file is left, nothing is recorded).
    """
    path = check_export_path(db, out_path, overwrite=overwrite)
    file_format = path.suffix.lower().lstrip(".")
    if file_format not in ("xlsx", "csv"):
        raise ValidationError("file", path.name, "must end in .xlsx (a workbook) or .csv (a table for a partner's "
                                                 "system); a PDF manifest (.pdf) is printed separately")
    if file_format == "csv" and password is not None:
        raise ValidationError("password", "(not shown)", "cannot protect a CSV file; export an .xlsx with a password")
    profile = profile or full_roster_profile()
    partner_id, partner_name = _partner(db, partner)
    recorded: list[ExportResult] = []
    with contextlib.ExitStack() as reading:
        session = reading.enter_context(snapshot(db))
        resolved = resolve(db, selection, profile, session=session)
        _check_consent(resolved, partner_name, include_without_consent)
        total = resolved.rows
        heading = demonstration_marked(db, _default_title(title, profile, resolved))

        def report(rows: int) -> bool:
            return progress(rows, total) if progress is not None else True

        records = person_records(db, resolved.keys, session=session)
        if partner_name is not None and not include_without_consent:
            records = _consent_still_given(records, resolved.persons, partner_name)
        sheets = profile_sheets(records, profile, today=today, title=heading)
        with output_files.open_output(path, overwrite=overwrite, roster=db.target.path) as out:
            if file_format == "csv":
                from desktop_app.exchange.csv_writer import write_csv_to

                rows, written = write_csv_to(out.file, sheets, progress=report,
                                             date_text=lambda day: format_cell(day, ColumnKind.DATE, profile))
            else:
                from desktop_app.exchange.xlsx_writer import write_workbook_to  # openpyxl only when a file is written

                rows, written = write_workbook_to(out.file, sheets, password=password, progress=report)
            reading.close()  # the snapshot ends before the audit entry is written (a file without WAL: its lock)
            if partner_name is not None and not include_without_consent:
                _check_consent_kept(db, resolved, partner_name)

            def record(sha256: str) -> None:
                recorded.append(ExportResult(path, sha256, rows, resolved.persons, profile.name, partner_name,
                                             password is not None, resolved.without_consent, file_format, written))
                _record(db, recorded[0], resolved, selection, partner_id, operator, title=heading)

            out.publish(before=record)
    if progress is not None:
        progress(total, total)
    return recorded[0]


def check_export_path(db: Database, out_path: str | os.PathLike[str], suffix: str | None = None, *,
                      overwrite: bool) -> Path:
    """`out_path` if an export may be written there (see `storage.output_files.check_target`).

    `suffix` (".xlsx", ".csv" or ".pdf") is checked too when given. Raises ValidationError for the wrong
    suffix, OutputRefused for the roster, its working files or a database, OutputExists for an
    existing file without `overwrite`.
    """
    path = output_files.check_target(out_path, overwrite=overwrite, roster=db.target.path)
    if suffix is not None and path.suffix.lower() != suffix:
        other = "a PDF manifest (.pdf)" if suffix != ".pdf" else "a workbook (.xlsx) or a table (.csv)"
        raise ValidationError("file", path.name, f"must end in {suffix} here; {other} is exported separately")
    return path


# --- the printed manifest --------------------------------------------------------------------------

@accounts.guarded(Permission.SEARCH)
def manifest_rows(db: Database, selection: Selection, profile: ExportProfile | None = None, *,
                  title: str | None = None, today: dt.date | None = None) -> Manifest:
    """The rows of a printed manifest (default profile: the flight manifest), as text.

    One section per list when the profile groups by list. Refuses more than MAX_MANIFEST_ROWS
    rows: a manifest is printed for one vehicle and signed.
    """
    profile = profile or builtin_profile("flight_manifest")
    resolved = resolve(db, selection, profile)
    return _manifest(db, resolved, profile, title, today)


def _manifest(db: Database, resolved: ResolvedSelection, profile: ExportProfile, title: str | None,
              today: dt.date | None) -> Manifest:
    if resolved.rows > MAX_MANIFEST_ROWS:
        raise ValidationError("manifest", f"{resolved.rows} rows",
                              f"is too long to print (at most {MAX_MANIFEST_ROWS}); choose one list")
    heading = demonstration_marked(db, _default_title(title, profile, resolved) or profile.name)
    headers: list[str] = []
    sections: list[ManifestSection] = []
    for sheet in profile_sheets(person_records(db, resolved.keys), profile, today=today, title=""):
        visible = _visible(sheet.columns)
        headers = headers or [column.label for _, column in visible]
        rows = [[format_cell(row[i], column.kind, profile) for i, column in visible] for row in sheet.rows]
        section_title = sheet.name if profile.grouping is Grouping.LIST and sheet.name != profile.sheet_name else ""
        sections.append(ManifestSection(section_title, rows))
    day = (today or dt.date.today())
    subtitle = " · ".join(part for part in (resolved.list_name, format_cell(day, ColumnKind.DATE, profile),
                                            f"{resolved.rows} persons") if part)
    return Manifest(heading, subtitle, headers, sections, profile.language == "ar",
                    words=dict(_MANIFEST_WORDS[profile.language]), uuids=list(resolved.uuids))


# The printed manifest's own words; {page} and {pages} are filled in per page.
_MANIFEST_WORDS: dict[str, dict[str, str]] = {
    "en": {"signature": "Signature", "page": "Page {page} of {pages}", "total": "Total",
           "checked": "Checked by (name, signature, date)"},
    "ru": {"signature": "Подпись", "page": "Стр. {page} из {pages}", "total": "Итого",
           "checked": "Проверил (ФИО, подпись, дата)"},
    "fr": {"signature": "Signature", "page": "Page {page} sur {pages}", "total": "Total",
           "checked": "Vérifié par (nom, signature, date)"},
    "ar": {"signature": "التوقيع", "page": "صفحة {page} من {pages}", "total": "المجموع",
           "checked": "تم التحقق من قبل (الاسم، التوقيع، التاريخ)"},
}


@accounts.guarded(Permission.EXPORT)
def export_manifest(db: Database, out_path: str | os.PathLike[str], *, render: ManifestRenderer,
                    selection: Selection, profile: ExportProfile | None = None, paper: str = "a4",
                    partner: int | str | None = None, title: str | None = None, operator: str,
                    include_without_consent: bool = False, today: dt.date | None = None,
                    overwrite: bool = False) -> ExportResult:
    """Print the manifest of `selection` to a new PDF at `out_path` with `render`, and record it.

    `render(path, manifest, paper)` draws the pages (the GUI layer's Qt printing) into a
    partial file beside `out_path`; the file appears at `out_path` only when complete and
    recorded, replacing an existing file only with `overwrite` (as `export_persons`). PDFs
    carry no password: print them, or send an encrypted .xlsx instead.
    """
    path = check_export_path(db, out_path, ".pdf", overwrite=overwrite)
    if paper not in PAPER_SIZES:
        raise ValidationError("paper", paper, f"is not a paper size (known: {', '.join(PAPER_SIZES)})")
    profile = profile or builtin_profile("flight_manifest")
    partner_id, partner_name = _partner(db, partner)
    resolved = resolve(db, selection, profile)
    _check_consent(resolved, partner_name, include_without_consent)
    manifest = _manifest(db, resolved, profile, title, today)
    recorded: list[ExportResult] = []

    def record(sha256: str) -> None:
        recorded.append(ExportResult(path, sha256, manifest.rows, resolved.persons, profile.name, partner_name,
                                     False, resolved.without_consent, "pdf",
                                     tuple((s.title or profile.sheet_name, len(s.rows)) for s in manifest.sections)))
        _record(db, recorded[0], resolved, selection, partner_id, operator, title=manifest.title, paper=paper)

    with output_files.open_output(path, overwrite=overwrite, roster=db.target.path) as out:
        render(out.partial, manifest, paper)
        if not _whole_pdf(out.partial):  # a renderer that lost a write says nothing: look at what it wrote
            raise ExportError("the manifest could not be printed (the PDF written is incomplete); nothing was "
                              "replaced", path=str(path))
        try:
            out.publish(before=record)
        except output_files.OutputError as exc:
            if "nothing was written" in exc.message:
                raise ExportError("the manifest could not be printed", path=str(path)) from None
            raise
    return recorded[0]


def _whole_pdf(path: Path) -> bool:
    """Whether the file at `path` is a PDF with its end-of-file marker (in its last kilobyte)."""
    with path.open("rb") as handle:
        if handle.read(5) != b"%PDF-":
            return False
        handle.seek(max(0, path.stat().st_size - 1024))
        return b"%%EOF" in handle.read()


# --- the record --------------------------------------------------------------------------------------

@accounts.guarded(Permission.SEARCH)
def recipients_of(db: Database, person_id: int) -> list[Recipient]:
    """Every export that carried this person's data, newest first (from the audit trail: the export's
    entry, or for a large export the entry listing the persons apart, see `_record`)."""
    with db.reading() as session:
        person_uuid = session.scalar(select(Person.uuid).where(Person.id == person_id))
        if person_uuid is None:
            raise NotFound("person", person_id)
        naming = session.execute(select(AuditEntry.id, AuditEntry.entity, AuditEntry.changes)
                                 .where(AuditEntry.action == EXPORT_ACTION,
                                        AuditEntry.entity.in_(("export", PERSONS_ENTITY)),
                                        AuditEntry.changes.contains(f'"{person_uuid}"'))
                                 .order_by(AuditEntry.id.desc()))
        export_ids: list[int] = []
        for entry_id, entity, changes in naming:
            details = json.loads(changes)
            if person_uuid in details.get("persons", ()):
                export_ids.append(entry_id if entity == "export" else int(details.get("export_entry", 0)))
        exports = {entry.id: entry for entry in session.scalars(
            select(AuditEntry).where(AuditEntry.id.in_(export_ids), AuditEntry.entity == "export"))}
        found: list[Recipient] = []
        for export_id in sorted(dict.fromkeys(export_ids), reverse=True):
            entry = exports.get(export_id)
            if entry is None:
                continue
            details = json.loads(entry.changes)
            found.append(Recipient(entry.at, entry.operator, details.get("partner"), details.get("profile", ""),
                                   details.get("file", ""), details.get("sha256", ""),
                                   bool(details.get("encrypted")), details.get("format", "xlsx")))
        return found


def _record(db: Database, result: ExportResult, resolved: ResolvedSelection, selection: Selection,
            partner_id: int | None, operator: str, **extra: Any) -> None:
    """The audit entry of a file about to appear (if it cannot be written, the file does not appear).

    Up to PERSONS_PER_ENTRY persons are listed in the entry itself; a larger export lists them in
    entries of its own that follow it in the same transaction (entity 'export_persons', the file's
    SHA-256 as key, `export_entry` naming the export's entry), PERSONS_PER_ENTRY at a time, so that
    no one entry, JSON text or list of a million UUIDs is ever made (issue 19).
    """
    details: dict[str, Any] = {
        "format": result.format, "file": str(result.path.resolve()), "sha256": result.sha256,
        "profile": result.profile, "partner": result.partner, "partner_id": partner_id,
        "encrypted": result.encrypted, "rows": result.rows, "persons_count": resolved.persons,
        "selection": selection.describe(), **extra}
    listed_apart = resolved.persons > PERSONS_PER_ENTRY
    if listed_apart:
        details.update(without_consent_count=resolved.without_consent,
                       persons_entries=-(-resolved.persons // PERSONS_PER_ENTRY))
    else:
        details.update(persons=list(resolved.uuids), without_consent=list(resolved.without_consent_uuids()))
    recipient = result.partner or "an internal file"
    summary = (f"exported {result.persons} persons to {recipient} ({result.profile}, {result.format}"
               f"{', encrypted' if result.encrypted else ''})")
    with db.transaction() as session:
        entry = audit.record(session, operator, EXPORT_ACTION, "export", result.sha256, summary, details)
        if listed_apart:
            _record_persons(session, operator, entry.id, result.sha256, resolved)
    log.info("export recorded: %s, %d rows, %d persons, encrypted %s, to a partner %s", result.format, result.rows,
             result.persons, result.encrypted, result.partner is not None)  # counts only: no names, no path


def _record_persons(session: Session, operator: str, export_entry: int, sha256: str,
                    resolved: ResolvedSelection) -> None:
    """The exported persons' UUIDs in entries of PERSONS_PER_ENTRY, each flushed and let go before the next."""
    parts = -(-resolved.persons // PERSONS_PER_ENTRY)
    for part, start in enumerate(range(0, resolved.persons, PERSONS_PER_ENTRY), start=1):
        positions = range(start, min(start + PERSONS_PER_ENTRY, resolved.persons))
        chunk = [resolved.uuids[i] for i in positions]
        without = [resolved.uuids[i] for i in positions if i in resolved.consent_missing]
        entry = audit.record(session, operator, EXPORT_ACTION, PERSONS_ENTITY, sha256,
                             f"persons {start + 1}-{positions.stop} of export entry {export_entry}",
                             {"export_entry": export_entry, "part": part, "parts": parts, "persons": chunk,
                              "without_consent": without})
        if part < parts:  # the last stays: the trail's head is written from it after the commit
            session.flush()
            session.expunge(entry)


def _partner(db: Database, partner: int | str | None) -> tuple[int | None, str | None]:
    if partner is None or (isinstance(partner, str) and not partner.strip()):
        return None, None
    with db.reading() as session:
        if isinstance(partner, int):
            organization = session.get(Organization, partner)
        else:
            wanted = partner.strip().casefold()
            organization = next((o for o in session.scalars(select(Organization)) if o.name.casefold() == wanted),
                                None)
        if organization is None:
            raise NotFound("partner organization (add it under Partners first)", partner)
        return organization.id, organization.name


def _check_consent(resolved: ResolvedSelection, partner: str | None, include_without_consent: bool) -> None:
    if partner is not None and resolved.without_consent and not include_without_consent:
        raise ConsentMissing(resolved.without_consent, resolved.without_consent_refs, resolved.persons, partner)


def _consent_still_given(records: Iterator[dict[str, Any]], persons: int, partner: str) -> Iterator[dict[str, Any]]:
    """`records` as read, the export stopped (ConsentMissing: no file appears) at a person whose consent was
    withdrawn after `_check_consent` passed, by a colleague while the file was being written."""
    for record in records:
        if not record["consent_to_share"]:
            raise ConsentMissing(1, [(record["uuid"], record["case_ref"])], persons, partner)
        yield record


def _check_consent_kept(db: Database, resolved: ResolvedSelection, partner: str) -> None:
    """ConsentMissing if a person in the file withdrew consent to sharing after the export began (the file
    is read from one snapshot, which cannot see it): checked in a read of its own just before the file
    appears, against the few persons without consent."""
    exported = SeenIds()
    for person_id, _ in resolved.keys:
        exported.add(person_id)
    withdrawn: list[tuple[str, str]] = []
    with db.reading() as session:
        for person_id, uuid, case_ref in session.execute(
                select(Person.id, Person.uuid, Person.case_ref).where(Person.consent_to_share.is_(False))
                .execution_options(yield_per=1000)):
            if person_id in exported:
                withdrawn.append((uuid, case_ref))
    if withdrawn:
        raise ConsentMissing(len(withdrawn), withdrawn, resolved.persons, partner)


DEMONSTRATION_MARK = "DEMONSTRATION"


def demonstration_marked(db: Database, heading: str) -> str:
    """`heading` marked DEMONSTRATION when the roster is a demonstration (its families are invented), so
    that no printed page or workbook from it can pass for a real list."""
    from desktop_app.services.settings import load_mission

    if not load_mission(db).demonstration:
        return heading
    return f"{DEMONSTRATION_MARK} — {heading}" if heading else DEMONSTRATION_MARK


def _default_title(title: str | None, profile: ExportProfile, resolved: ResolvedSelection) -> str:
    if title is not None:
        return title
    if profile.title or profile.grouping is Grouping.LIST:
        return profile.title
    return resolved.list_name or ""


def _visible(columns: Any) -> list[tuple[int, SheetColumn]]:
    return [(i, column) for i, column in enumerate(SheetColumn(*c) for c in columns) if not column.hidden]


_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DATE_TEXT = {"DD.MM.YYYY": "{d:02d}.{m:02d}.{y:04d}", "YYYY-MM-DD": "{y:04d}-{m:02d}-{d:02d}",
              "DD/MM/YYYY": "{d:02d}/{m:02d}/{y:04d}", "MM/DD/YYYY": "{m:02d}/{d:02d}/{y:04d}",
              "DD-MMM-YYYY": "{d:02d}-{mon}-{y:04d}"}


def format_cell(value: Any, kind: ColumnKind, profile: ExportProfile) -> str:
    """A cell value as text, the way the workbook shows it (dates in the profile's format)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return _DATE_TEXT[profile.date_format].format(d=value.day, m=value.month, y=value.year,
                                                      mon=_MONTHS[value.month - 1])
    return str(value)
