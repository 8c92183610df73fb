"""The reasons the program writes into a person's status history, read back as messages so that
the window shows them in the operator's language. The stored text stays English (it is part of
the audited record); what an officer typed is shown as typed:

    history_reason("crossed the border").render(translate)   # "пересёк(ла) границу"
    history_reason("sent on list 'Rafah 14 Nov'")            # Message: the list name is a value
    history_reason("papers seen")                            # the officer's words: "papers seen"
"""

from __future__ import annotations

import re

from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message, Template, label

# Each pattern matches a reason written by the services; its named groups are the values.
_PATTERNS: list[tuple[re.Pattern[str], Template]] = [(re.compile(pattern), template) for pattern, template in (
    (r"crossed the border", QT_TRANSLATE_NOOP("domain.reasons", "crossed the border")),
    (r"registered", QT_TRANSLATE_NOOP("domain.reasons", "registered")),
    (r"demo", QT_TRANSLATE_NOOP("domain.reasons", "demo")),
    (r"redo", QT_TRANSLATE_NOOP("domain.reasons", "redo")),
    (r"sent on list (?P<list>'.*')", QT_TRANSLATE_NOOP("domain.reasons", "sent on list {list}")),
    (r"verified to be sent on list (?P<list>'.*')",
     QT_TRANSLATE_NOOP("domain.reasons", "verified to be sent on list {list}")),
    (r"answer on list (?P<list>'.*?'): (?P<note>.*)",
     QT_TRANSLATE_NOOP("domain.reasons", "answer on list {list}: {note}")),
    (r"answer on list (?P<list>'.*')", QT_TRANSLATE_NOOP("domain.reasons", "answer on list {list}")),
    (r"merged into (?P<ref>\S+)", QT_TRANSLATE_NOOP("domain.reasons", "merged into {ref}")),
    (r"merge into (?P<ref>\S+) undone", QT_TRANSLATE_NOOP("domain.reasons", "merge into {ref} undone")),
    (r"import #(?P<n>\d+)", QT_TRANSLATE_NOOP("domain.reasons", "import #{n}")),
    (r"undo of import #(?P<n>\d+)", QT_TRANSLATE_NOOP("domain.reasons", "undo of import #{n}")),
    (r"undo of status operation (?P<n>\d+)", QT_TRANSLATE_NOOP("domain.reasons", "undo of status operation {n}")),
    (r"undo of reconcile operation (?P<n>\d+) \((?P<file>.*)\)",
     QT_TRANSLATE_NOOP("domain.reasons", "undo of reconcile operation {n} ({file})")),
    (r"undo: (?P<old>\w+) -> (?P<new>\w+) \((?P<why>.*)\)",
     QT_TRANSLATE_NOOP("domain.reasons", "undo: {old} -> {new} ({why})")),
    (r"undo: (?P<old>\w+) -> (?P<new>\w+)", QT_TRANSLATE_NOOP("domain.reasons", "undo: {old} -> {new}")),
    (r"retention of (?P<n>\d+) person records",
     QT_TRANSLATE_NOOP("domain.reasons", "retention of {n} person records")),
)]


def history_reason(stored: str | None) -> str | Message:
    """A stored status-history reason as a message when the program wrote it, else as typed."""
    text = stored or ""
    for pattern, template in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            values = match.groupdict()
            return Message(template, **{key: label(value) if key in ('old', 'new') else value
                                        for key, value in values.items()})
    return text
