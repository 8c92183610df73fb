"""Mission-to-mission roster packages (issue 17): sites and keys, export, import with a three-way merge.

    from desktop_app.services import packages

    packages.init_site(db, "Cairo", operator="anna")
    packages.add_site(db, "Ramallah", "mrsite1:…", operator="anna")
    packages.rekey_site(db, operator="anna"); packages.replace_site_key(db, "Ramallah", "mrsite1:…", operator="anna")
    packages.export_package(db, Path("out.mrpkg"), operator="anna", to=["Ramallah"], since_last=True)
    result = packages.import_package(db, Path("in.mrpkg"), operator="anna", dry_run=True)
    packages.list_conflicts(db); packages.resolve_conflict(db, "MR-CAI-000001", "surname", "theirs", operator="anna")
"""

from __future__ import annotations

from desktop_app.exchange.package_file import PackageRefused
from desktop_app.services.packages.export import ExportResult, export_package
from desktop_app.services.packages.importing import (
    MISSING_LISTED,
    ConflictView,
    ImportResult,
    Peek,
    import_package,
    list_conflicts,
    peek_package,
    resolve_conflict,
    undo_package_import,
)
from desktop_app.services.packages.sites import (
    KeyChange,
    SiteView,
    add_site,
    init_site,
    key_fingerprint,
    list_sites,
    rekey_site,
    replace_site_key,
)

__all__ = [
    "MISSING_LISTED",
    "ConflictView",
    "ExportResult",
    "ImportResult",
    "KeyChange",
    "PackageRefused",
    "Peek",
    "SiteView",
    "add_site",
    "export_package",
    "import_package",
    "init_site",
    "key_fingerprint",
    "list_conflicts",
    "list_sites",
    "peek_package",
    "rekey_site",
    "replace_site_key",
    "resolve_conflict",
    "undo_package_import",
]
