"""Importing lists from spreadsheets: the one entry point for the GUI and the command line.

    from desktop_app.services import importing

    source = importing.open_import_file(path, password=None)   # optional: read once, then
    preview = importing.preview_import(db, path_or_source, sheet=..., header_row=..., mapping_overrides=...,
                                       profile_name=..., password=..., date_order=..., progress=...)
    result = importing.commit_import(db, preview, operator=..., accept_duplicates_as_new=False, progress=...)
    importing.undo_import(db, result.import_id, operator=...)
    importing.list_imports(db)
    importing.write_reject_report(preview, "rejected.xlsx")
    importing.save_mapping_profile / list_mapping_profiles / delete_mapping_profile

Nothing is written before `commit_import`, which writes all accepted rows or nothing. This
package's public face is `__all__` below; code outside it imports only from here (an import
contract in pyproject.toml keeps it so; tests may reach the modules behind it): `source` (file,
sheet, header row, mapping), `rows` (cell values), `zeros` (lost leading zeros), `roster` and
`preview` (classification), `new` and `commit` (writing and undo), `model` (the dataclasses),
`report` (the rejected rows' workbook), `profiles` (saved column mappings).
"""

from __future__ import annotations

from desktop_app.exchange.errors import PasswordRequired, WrongPassword
from desktop_app.exchange.headers import IMPORT_TARGETS, suggest_target
from desktop_app.exchange.readers import column_letter
from desktop_app.services.importing.commit import commit_import, list_imports, undo_import
from desktop_app.services.importing.model import (
    DuplicateCandidate,
    FieldChange,
    ImportPreview,
    ImportResult,
    ImportSummary,
    Outcome,
    PreviewRow,
    RowProblem,
    SkippedRow,
    UndoConflict,
    UndoResult,
    UnmappedColumn,
)
from desktop_app.services.importing.preview import ImportCancelled, preview_import
from desktop_app.services.importing.profiles import (
    MappingProfileView,
    delete_mapping_profile,
    list_mapping_profiles,
    save_mapping_profile,
)
from desktop_app.services.importing.report import check_reject_report_path, write_reject_report
from desktop_app.services.importing.source import (
    REJECT_REASON_HEADER,
    ImportFile,
    SheetInfo,
    TableInfo,
    describe_table,
    open_import_file,
)

__all__ = [
    "IMPORT_TARGETS",
    "REJECT_REASON_HEADER",
    "DuplicateCandidate",
    "FieldChange",
    "ImportCancelled",
    "ImportFile",
    "ImportPreview",
    "ImportResult",
    "ImportSummary",
    "MappingProfileView",
    "Outcome",
    "PasswordRequired",
    "PreviewRow",
    "RowProblem",
    "SheetInfo",
    "SkippedRow",
    "TableInfo",
    "UndoConflict",
    "UndoResult",
    "UnmappedColumn",
    "WrongPassword",
    "check_reject_report_path",
    "column_letter",
    "commit_import",
    "delete_mapping_profile",
    "describe_table",
    "list_imports",
    "list_mapping_profiles",
    "open_import_file",
    "preview_import",
    "save_mapping_profile",
    "suggest_target",
    "undo_import",
    "write_reject_report",
]
