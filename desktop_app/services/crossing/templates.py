"""Message templates for the families, shared by the mission like export profiles.

    list_templates(db)                                   # built-in 'default' in ru, en, ar, then saved ones
    get_template(db, "default", "ar")
    save_template(db, "bus", "ru", "{name}: автобус {date} в {time}", operator="anna")   # audited

A saved template named 'default' takes the built-in's place in its language for everyone.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.domain.errors import NotFound, ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.notify_templates import (
    LANGUAGES,
    MessageTemplate,
    builtin_template,
    check_language,
    check_template,
)
from desktop_app.domain.roles import Permission
from desktop_app.services import accounts, audit
from desktop_app.storage.db import Database
from desktop_app.storage.models import MessageTemplateRow


def list_templates(db: Database) -> list[MessageTemplate]:
    with db.reading() as session:
        rows = session.scalars(select(MessageTemplateRow).order_by(MessageTemplateRow.name))
        saved: dict[tuple[str, str], MessageTemplate | None] = {
            (r.name, r.language): MessageTemplate(r.name, r.language, r.text) for r in rows}
    result = [saved.pop(("default", lang), None) or builtin_template(lang) for lang in LANGUAGES]
    rest = [t for t in saved.values() if t is not None]
    return result + sorted(rest, key=lambda t: (t.name.casefold(), LANGUAGES.index(t.language)))


def get_template(db: Database, name: str, language: str) -> MessageTemplate:
    check_language(language)
    for template in list_templates(db):
        if template.name == name.strip() and template.language == language:
            return template
    raise NotFound("message template", f"{name} ({language})")


@accounts.guarded(Permission.CONFIGURE)
def save_template(db: Database, name: str, language: str, text: str, *, operator: str) -> MessageTemplate:
    """Create or replace the template `name` in `language` (fields checked first)."""
    clean = name.strip()
    if not clean:
        raise ValidationError("template name", name, QT_TRANSLATE_NOOP("services.crossing", "is required"))
    check_language(language)
    check_template(text)
    with db.transaction() as session:
        row = session.scalar(select(MessageTemplateRow).where(MessageTemplateRow.name == clean,
                                                              MessageTemplateRow.language == language))
        old = row.text if row else None
        if row is None:
            row = MessageTemplateRow(name=clean, language=language)
            session.add(row)
        row.text, row.updated_at, row.updated_by = text, audit.now(), operator
        audit.record(session, operator, "update" if old is not None else "create", "message_template",
                     f"{clean}:{language}", f"message template {clean!r} ({language}) saved", {"text": [old, text]})
    return MessageTemplate(clean, language, text)
