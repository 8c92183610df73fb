"""Exports for partner authorities: workbooks and printed manifests, the profiles that lay them
out, and the selection of persons they hold. The one entry point for the window and the command line.

    from desktop_app.services import exporting

    selection = exporting.Selection(list_id=3)                 # default: the whole roster
    exporting.summarize(db, selection)                         # how many, how many without consent
    result = exporting.export_persons(db, "bus3.xlsx", profile=exporting.get_profile(db, "Crossing"),
                                      selection=selection, operator="A. Officer", partner="Rafah")
    exporting.export_manifest(db, "bus3.pdf", render=write_manifest_pdf, selection=selection, ...)
    exporting.recipients_of(db, person_id)                     # who received a person's data

This package's public face is `__all__` below; code outside it imports only from here (an import
contract in pyproject.toml keeps it so; tests may reach the modules behind it): `export` (the
files, their consent check and audit record), `profiles` (export profiles shared through the
database), `selection` (which persons, read in pages).
"""

from __future__ import annotations

from desktop_app.services.exporting.export import (
    PAPER_SIZES,
    ConsentMissing,
    ExportResult,
    Manifest,
    ManifestRenderer,
    ManifestSection,
    Preview,
    Recipient,
    SelectionSummary,
    check_export_path,
    export_manifest,
    export_persons,
    manifest_rows,
    preview,
    recipients_of,
    summarize,
)
from desktop_app.services.exporting.profiles import (
    ProfileEntry,
    delete_profile,
    get_profile,
    list_profiles,
    save_profile,
)
from desktop_app.services.exporting.selection import ResolvedSelection, Selection, person_records, resolve

__all__ = [
    "PAPER_SIZES",
    "ConsentMissing",
    "ExportResult",
    "Manifest",
    "ManifestRenderer",
    "ManifestSection",
    "Preview",
    "ProfileEntry",
    "Recipient",
    "ResolvedSelection",
    "Selection",
    "SelectionSummary",
    "check_export_path",
    "delete_profile",
    "export_manifest",
    "export_persons",
    "get_profile",
    "list_profiles",
    "manifest_rows",
    "person_records",
    "preview",
    "recipients_of",
    "resolve",
    "save_profile",
    "summarize",
]
