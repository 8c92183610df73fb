"""Who may do what: the roles of a roster's accounts and their permissions, in this one place (issue 20).

A roster with accounts lets each account do what its role holds; the services check it at their
entry (`services.accounts.require`), the window and the command line only follow. No I/O here.

    Role.parse("officer")                         # Role.OFFICER; ValidationError for an unknown role
    Role.VOLUNTEER.may(Permission.EXPORT)         # False
    missing = Role.OFFICER.lacks(Permission.ACCOUNTS)   # True: only the head manages accounts
    Permission.EXPORT.label                       # 'export to partners' (a Template, for translation)
"""

from __future__ import annotations

import enum

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Template


class Permission(enum.Enum):
    """One thing an account may be allowed to do."""

    SEARCH = "search"  # find and read persons, households, lists
    REGISTER = "register"  # register and edit persons and households, their documents and phones
    LOG_CONTACTS = "log_contacts"  # the liaison log, follow-ups, call attempts
    READ_NOTES = "read_notes"  # medical needs and free-text notes: read and change
    TRASH = "trash"  # move persons to the trash and back
    STATUS = "status"  # change and undo statuses
    LISTS = "lists"  # evacuation lists: create, fill, send, crossings
    PARTNERS = "partners"  # partner organizations and their contacts
    ANSWERS = "answers"  # partner answers: record, reconcile, apply, undo
    EXPORT = "export"  # exports to partners: workbooks, manifests, boarding lists, messages
    IMPORT = "import"  # spreadsheet imports, their mapping profiles, undo
    MERGE = "merge"  # merge duplicates, dismiss pairs, undo merges
    CHECK_IN = "check_in"  # gate check-in and eligibility
    CONFIGURE = "configure"  # export profiles, message templates
    BACKUP = "backup"  # back the roster up
    MISSION = "mission"  # the mission's name and country, the demonstration mark and data
    RESTORE = "restore"  # put a backup in the roster's place
    RETENTION = "retention"  # close the crisis: retention, erasure, archive
    ENCRYPTION = "encryption"  # the roster's passphrase and recovery key
    PACKAGES = "packages"  # site keys and roster packages between sites
    ACCOUNTS = "accounts"  # add, disable and change the role of accounts

    @property
    def label(self) -> Template:
        """The permission as an officer reads it (English; translate it where shown)."""
        return _LABELS[self]


class Role(enum.Enum):
    """The role of an account; each holds the permissions in `PERMISSIONS`."""

    VOLUNTEER = "volunteer"
    OFFICER = "officer"
    HEAD = "head"

    @classmethod
    def parse(cls, text: str) -> Role:
        """The role named `text` (any case); ValidationError naming the known ones otherwise."""
        wanted = text.strip().casefold()
        for role in cls:
            if role.value == wanted:
                return role
        raise ValidationError("role", text, QT_TRANSLATE_NOOP("domain.roles", "is not a role (known: {known})"),
                              known=", ".join(r.value for r in cls))

    @property
    def label(self) -> Template:
        return _ROLE_LABELS[self]

    @property
    def permissions(self) -> frozenset[Permission]:
        return PERMISSIONS[self]

    def may(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self]

    def lacks(self, permission: Permission) -> bool:
        return permission not in PERMISSIONS[self]


_VOLUNTEER = frozenset({Permission.SEARCH, Permission.REGISTER, Permission.LOG_CONTACTS})
_OFFICER = _VOLUNTEER | {Permission.READ_NOTES, Permission.TRASH, Permission.STATUS, Permission.LISTS,
                         Permission.PARTNERS, Permission.ANSWERS, Permission.EXPORT, Permission.IMPORT,
                         Permission.MERGE, Permission.CHECK_IN, Permission.CONFIGURE, Permission.BACKUP}
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VOLUNTEER: _VOLUNTEER,
    Role.OFFICER: frozenset(_OFFICER),
    Role.HEAD: frozenset(Permission),
}

_ROLE_LABELS: dict[Role, Template] = {
    Role.VOLUNTEER: QT_TRANSLATE_NOOP("domain.roles", "volunteer"),
    Role.OFFICER: QT_TRANSLATE_NOOP("domain.roles", "officer"),
    Role.HEAD: QT_TRANSLATE_NOOP("domain.roles", "head of mission"),
}
_LABELS: dict[Permission, Template] = {
    Permission.SEARCH: QT_TRANSLATE_NOOP("domain.roles", "search the roster"),
    Permission.REGISTER: QT_TRANSLATE_NOOP("domain.roles", "register and edit persons"),
    Permission.LOG_CONTACTS: QT_TRANSLATE_NOOP("domain.roles", "log contacts and calls"),
    Permission.READ_NOTES: QT_TRANSLATE_NOOP("domain.roles", "medical and free-text notes"),
    Permission.TRASH: QT_TRANSLATE_NOOP("domain.roles", "delete and restore persons"),
    Permission.STATUS: QT_TRANSLATE_NOOP("domain.roles", "change statuses"),
    Permission.LISTS: QT_TRANSLATE_NOOP("domain.roles", "evacuation lists"),
    Permission.PARTNERS: QT_TRANSLATE_NOOP("domain.roles", "partner organizations"),
    Permission.ANSWERS: QT_TRANSLATE_NOOP("domain.roles", "partner answers"),
    Permission.EXPORT: QT_TRANSLATE_NOOP("domain.roles", "exports to partners"),
    Permission.IMPORT: QT_TRANSLATE_NOOP("domain.roles", "imports"),
    Permission.MERGE: QT_TRANSLATE_NOOP("domain.roles", "merges"),
    Permission.CHECK_IN: QT_TRANSLATE_NOOP("domain.roles", "check-in and eligibility"),
    Permission.CONFIGURE: QT_TRANSLATE_NOOP("domain.roles", "export profiles and message templates"),
    Permission.BACKUP: QT_TRANSLATE_NOOP("domain.roles", "backups"),
    Permission.MISSION: QT_TRANSLATE_NOOP("domain.roles", "mission settings"),
    Permission.RESTORE: QT_TRANSLATE_NOOP("domain.roles", "restoring a backup"),
    Permission.RETENTION: QT_TRANSLATE_NOOP("domain.roles", "retention"),
    Permission.ENCRYPTION: QT_TRANSLATE_NOOP("domain.roles", "the encryption passphrase"),
    Permission.PACKAGES: QT_TRANSLATE_NOOP("domain.roles", "site keys and packages"),
    Permission.ACCOUNTS: QT_TRANSLATE_NOOP("domain.roles", "accounts"),
}
