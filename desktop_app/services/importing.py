"""Importing lists from spreadsheets: the one entry point for the GUI and the command line.

    source = open_import_file(path, password=None)          # optional: read once, then
    preview = preview_import(db, path_or_source, sheet=..., header_row=..., mapping_overrides=...,
                             profile_name=..., password=..., date_order=..., progress=...)
    result = commit_import(db, preview, operator=..., accept_duplicates_as_new=False, progress=...)
    undo_import(db, result.import_id, operator=...)
    list_imports(db)
    write_reject_report(preview, "rejected.xlsx")
    save_mapping_profile / list_mapping_profiles / delete_mapping_profile

Nothing is written before `commit_import`, which writes all accepted rows or nothing. The
modules behind it: `import_source` (file, sheet, header row, mapping), `import_rows` (cell
values), `import_roster` and `import_preview` (classification), `import_new` and
`import_commit` (writing and undo), `import_report`, `import_profiles`.
"""

from __future__ import annotations

from desktop_app.exchange.errors import PasswordRequired, WrongPassword
from desktop_app.exchange.headers import IMPORT_TARGETS, suggest_target
from desktop_app.exchange.readers import column_letter
from desktop_app.services.import_commit import commit_import, list_imports, undo_import
from desktop_app.services.import_model import (
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
from desktop_app.services.import_preview import ImportCancelled, preview_import
from desktop_app.services.import_profiles import (
    MappingProfileView,
    delete_mapping_profile,
    list_mapping_profiles,
    save_mapping_profile,
)
from desktop_app.services.import_report import write_reject_report
from desktop_app.services.import_source import (
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
