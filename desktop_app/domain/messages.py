"""Messages the domain and services hand upward: an English template with named placeholders
and the values to fill in. Whoever shows a message translates the template, never the values
(a name, a case reference stays as typed):

    from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message

    msg = Message(QT_TRANSLATE_NOOP("services.lists", "{ref!r} needs the partner's approval first"),
                  ref="MR-000014")
    str(msg)                                       # English: "'MR-000014' needs the partner's approval first"
    msg.render(QCoreApplication.translate)         # the window's language (ui/errors.py: translated)

`QT_TRANSLATE_NOOP(context, text)` is a plain function with Qt's name so that `pyside6-lupdate`
(`make translations-update`) collects the templates from Qt-free code; it returns the text as
a `Template`, a `str` that remembers its context. A value may itself be a `Message` or a
`Template` (a status name, a field label) and is translated with the rest; a list of values is
shown joined by commas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Translate = Callable[[str, str], str]


class Template(str):
    """English text to be translated in `context` (a `str` everywhere else)."""

    context: str

    def __new__(cls, context: str, text: str) -> Template:
        made = super().__new__(cls, text)
        made.context = context
        return made


def QT_TRANSLATE_NOOP(context: str, text: str) -> Template:
    """Mark `text` for translation in `context`; returns it unchanged (as a `Template`)."""
    return Template(context, text)


def english(context: str, text: str) -> str:
    """The translate function that keeps the English template."""
    return text


def label(value: str) -> str:
    """A stored word (status, answer, document type, relationship, list state): in English the
    stored word itself ("on_hold"), translated in context "domain.labels"; unknown words as given."""
    return _LABELS.get(value, value)


def labels(values: Iterable[str]) -> list[str]:
    return [label(value) for value in values]


class Message:
    """A template and its values; `str()` is the English text, `render(translate)` any other."""

    __slots__ = ("template", "values")

    def __init__(self, template: Template, /, **values: Any) -> None:
        self.template = template
        self.values = values

    def render(self, translate: Translate = english) -> str:
        shown = {key: render_value(value, translate) for key, value in self.values.items()}
        text = translate(self.template.context, str(self.template)) or str(self.template)
        try:
            return text.format(**shown)
        except (KeyError, IndexError, ValueError):  # a broken translation: English is better than nothing
            return str(self.template).format(**shown)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({str(self.template)!r}, {self.values!r})"

    # A message reads like its English text where code or a test compares or searches it.
    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return str(self) == other
        return isinstance(other, Message) and (self.template, self.template.context, self.values) == (
            other.template, other.template.context, other.values)

    def __hash__(self) -> int:
        return hash(str(self))

    def __contains__(self, text: str) -> bool:
        return text in str(self)


class Joined:
    """Several texts (messages or plain) shown one after another with `separator` between them."""

    __slots__ = ("items", "separator")

    def __init__(self, items: Iterable[object], separator: str = "; ") -> None:
        self.items = tuple(items)
        self.separator = separator

    def render(self, translate: Translate = english) -> str:
        return self.separator.join(str(render_value(item, translate)) for item in self.items)

    def __str__(self) -> str:
        return self.render()


# A problem about a value, written with the value first ("31.02.1990 is not a real date"): the
# value can be taken off again where it is shown beside the message anyway (`without_value`).
VALUE_FIRST = QT_TRANSLATE_NOOP("domain.messages", "{value} {problem}")
QUOTED_VALUE_FIRST = QT_TRANSLATE_NOOP("domain.messages", "'{value}' {problem}")


def about(value: object, problem: str | Message, *, quoted: bool = False) -> Message:
    """`problem` said of `value`: "'{value}' {problem}" (quoted) or "{value} {problem}"."""
    return Message(QUOTED_VALUE_FIRST if quoted else VALUE_FIRST, value=value, problem=problem)


def without_value(message: str | Message, text: str) -> str | Message:
    """`message` without the value `text` it starts with (the value is shown beside it)."""
    if isinstance(message, Message):
        if str(message.template) in (VALUE_FIRST, QUOTED_VALUE_FIRST) and str(message.values["value"]) == text:
            problem: str | Message = message.values["problem"]
            return problem
        return message
    return message.removeprefix(f"'{text}' ").removeprefix(f"{text} ")


def render_value(value: object, translate: Translate = english) -> object:
    """A value as shown: messages and templates translated, lists joined; anything else as it is."""
    if isinstance(value, Message | Joined):
        return value.render(translate)
    if isinstance(value, Template):
        return translate(value.context, str(value)) or str(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(render_value(item, translate)) for item in value)
    return value


def render(text: str | Message | Joined, translate: Translate = english) -> str:
    """`text` in the language of `translate`: a plain string is returned as it is."""
    return str(render_value(text, translate))


_LABELS: dict[str, Template] = {
    "registered": QT_TRANSLATE_NOOP("domain.labels", "registered"),
    "verified": QT_TRANSLATE_NOOP("domain.labels", "verified"),
    "submitted": QT_TRANSLATE_NOOP("domain.labels", "submitted"),
    "approved": QT_TRANSLATE_NOOP("domain.labels", "approved"),
    "crossed": QT_TRANSLATE_NOOP("domain.labels", "crossed"),
    "evacuated": QT_TRANSLATE_NOOP("domain.labels", "evacuated"),
    "on_hold": QT_TRANSLATE_NOOP("domain.labels", "on_hold"),
    "rejected": QT_TRANSLATE_NOOP("domain.labels", "rejected"),
    "declined": QT_TRANSLATE_NOOP("domain.labels", "declined"),
    "unreachable": QT_TRANSLATE_NOOP("domain.labels", "unreachable"),
    "merged": QT_TRANSLATE_NOOP("domain.labels", "merged"),
    "medical": QT_TRANSLATE_NOOP("domain.labels", "medical"),
    "reduced_mobility": QT_TRANSLATE_NOOP("domain.labels", "reduced_mobility"),
    "pregnant": QT_TRANSLATE_NOOP("domain.labels", "pregnant"),
    "unaccompanied_minor": QT_TRANSLATE_NOOP("domain.labels", "unaccompanied_minor"),
    "infant": QT_TRANSLATE_NOOP("domain.labels", "infant"),
    "child": QT_TRANSLATE_NOOP("domain.labels", "child"),
    "elderly": QT_TRANSLATE_NOOP("domain.labels", "elderly"),
    "pending": QT_TRANSLATE_NOOP("domain.labels", "pending"),
    "head": QT_TRANSLATE_NOOP("domain.labels", "head"),
    "spouse": QT_TRANSLATE_NOOP("domain.labels", "spouse"),
    "parent": QT_TRANSLATE_NOOP("domain.labels", "parent"),
    "sibling": QT_TRANSLATE_NOOP("domain.labels", "sibling"),
    "grandchild": QT_TRANSLATE_NOOP("domain.labels", "grandchild"),
    "grandparent": QT_TRANSLATE_NOOP("domain.labels", "grandparent"),
    "other_relative": QT_TRANSLATE_NOOP("domain.labels", "other_relative"),
    "other": QT_TRANSLATE_NOOP("domain.labels", "other"),
    "phone": QT_TRANSLATE_NOOP("domain.labels", "phone"),
    "email": QT_TRANSLATE_NOOP("domain.labels", "email"),
    "messenger": QT_TRANSLATE_NOOP("domain.labels", "messenger"),
    "meeting": QT_TRANSLATE_NOOP("domain.labels", "meeting"),
    "letter": QT_TRANSLATE_NOOP("domain.labels", "letter"),
    "ministry": QT_TRANSLATE_NOOP("domain.labels", "ministry"),
    "border_authority": QT_TRANSLATE_NOOP("domain.labels", "border_authority"),
    "international_organization": QT_TRANSLATE_NOOP("domain.labels", "international_organization"),
    "embassy": QT_TRANSLATE_NOOP("domain.labels", "embassy"),
    "airline": QT_TRANSLATE_NOOP("domain.labels", "airline"),
    "draft": QT_TRANSLATE_NOOP("domain.labels", "draft"),
    "sent": QT_TRANSLATE_NOOP("domain.labels", "sent"),
    "answered": QT_TRANSLATE_NOOP("domain.labels", "answered"),
    "closed": QT_TRANSLATE_NOOP("domain.labels", "closed"),
    "male": QT_TRANSLATE_NOOP("domain.labels", "male"),
    "female": QT_TRANSLATE_NOOP("domain.labels", "female"),
    "unspecified": QT_TRANSLATE_NOOP("domain.labels", "unspecified"),
    "passport": QT_TRANSLATE_NOOP("domain.labels", "passport"),
    "foreign_passport": QT_TRANSLATE_NOOP("domain.labels", "foreign_passport"),
    "national_id": QT_TRANSLATE_NOOP("domain.labels", "national_id"),
    "birth_certificate": QT_TRANSLATE_NOOP("domain.labels", "birth_certificate"),
    "travel_document": QT_TRANSLATE_NOOP("domain.labels", "travel_document"),
    "residence_permit": QT_TRANSLATE_NOOP("domain.labels", "residence_permit"),
}
