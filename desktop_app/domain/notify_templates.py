"""Messages to the families: a template per language with named fields, filled for each person.

    template = builtin_template("ru")                 # the built-in 'default' in Russian
    check_template(template.text)                     # ValidationError naming an unknown field
    fill(template.text, NotifyFields(date="14.11", time="07:00", meeting_point="Rafah gate",
                                     bring="passports"), name="Орлова Анна", case_ref="G-1042")

Fields: {name}, {date}, {time}, {meeting_point}, {bring}, {case_ref}. A template may use any
of them, in any order; nothing else in braces is allowed (a typo such as {meeting} is refused
when the template is saved, not discovered on the night). Languages: ru, en, ar (Arabic is
written and printed right to left).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP

LANGUAGES = ("ru", "en", "ar")
RIGHT_TO_LEFT = frozenset({"ar"})
FIELDS = ("name", "date", "time", "meeting_point", "bring", "case_ref")
DEFAULT = "default"

_BUILTIN = {
    "ru": ("{name}, ваша эвакуация одобрена. Сбор {date} в {time}: {meeting_point}. "
           "Возьмите: {bring}. Ваш номер дела: {case_ref}."),
    "en": ("{name}, your evacuation is approved. Meet on {date} at {time}: {meeting_point}. "
           "Bring: {bring}. Your case reference: {case_ref}."),
    "ar": ("{name}، تمت الموافقة على إجلائكم. التجمع يوم {date} الساعة {time} في: {meeting_point}. "
           "أحضروا: {bring}. رقم ملفكم: {case_ref}."),
}


@dataclass(frozen=True)
class MessageTemplate:
    name: str
    language: str
    text: str
    builtin: bool = False


@dataclass(frozen=True)
class NotifyFields:
    """What the officer gives for the whole group (the name and case reference come from each person)."""

    date: str = ""
    time: str = ""
    meeting_point: str = ""
    bring: str = ""


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValidationError("language", language, QT_TRANSLATE_NOOP("domain.notify", "is not one of {known}"),
                              known=", ".join(LANGUAGES))
    return language


def builtin_template(language: str) -> MessageTemplate:
    return MessageTemplate(DEFAULT, language, _BUILTIN[check_language(language)], builtin=True)


def template_fields(text: str) -> list[str]:
    """The fields `text` uses, in order; ValidationError for an unknown one or broken braces."""
    try:
        parsed = [(field, spec, conv) for _literal, field, spec, conv in string.Formatter().parse(text)
                  if field is not None]
    except ValueError as exc:
        raise ValidationError("template", text[:40], QT_TRANSLATE_NOOP("domain.notify", "has broken braces: {why}"),
                              why=str(exc)) from None
    # A field is its name alone: '{time:HH:MM}' would fail when the messages are made, '{name!r}' quote the name.
    formatted = [f"{{{field}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}"
                 for field, spec, conv in parsed if spec or conv]
    if formatted:
        raise ValidationError("template", text[:40], QT_TRANSLATE_NOOP(
            "domain.notify", "formats its fields {formatted}: write each field as its name alone, e.g. {{time}}"),
            formatted=", ".join(formatted))
    used = [field for field, _spec, _conv in parsed]
    unknown = [field for field in used if field not in FIELDS]
    if unknown:
        raise ValidationError("template", text[:40], QT_TRANSLATE_NOOP(
            "domain.notify", "uses unknown fields {unknown} (known: {known})"),
            unknown=", ".join("{" + f + "}" for f in unknown), known=", ".join("{" + f + "}" for f in FIELDS))
    return used


def check_template(text: str) -> str:
    if not text.strip():
        raise ValidationError("template", text, QT_TRANSLATE_NOOP("domain.notify", "is empty"))
    template_fields(text)
    return text


def fill(text: str, fields: NotifyFields, *, name: str, case_ref: str) -> str:
    """`text` with every field filled (an empty field stays empty)."""
    template_fields(text)
    return text.format(name=name, case_ref=case_ref, date=fields.date, time=fields.time,
                       meeting_point=fields.meeting_point, bring=fields.bring)
