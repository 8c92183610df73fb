"""The reasons the program writes into a person's status history, read back as messages so that
the window shows them in the operator's language. The stored text stays English (it is part of
the audited record); what an officer typed is shown as typed:

    history_reason("crossed the border").render(translate)   # "пересёк(ла) границу"
    history_reason("sent on list 'Rafah 14 Nov'")            # Message: the list name is a value
    history_reason("papers seen")                            # the officer's words: "papers seen"
"""

from __future__ import annotations

import re

from desktop_app.domain.errors import TransitionRefused
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


# The words matching gives for a pair (matching/scoring.py `reasons`, engine.py's review notes).
# Services look for these English words, so they stay plain strings there and are read back here.
_NAME_PARTS: dict[str, Template] = {
    "surname": QT_TRANSLATE_NOOP("domain.reasons", "surname"),
    "given name": QT_TRANSLATE_NOOP("domain.reasons", "given name"),
    "patronymic": QT_TRANSLATE_NOOP("domain.reasons", "patronymic"),
}
_MATCH_WORDS: dict[str, Template] = {word: template for word, template in (
    ("roster ID equal", QT_TRANSLATE_NOOP("domain.reasons", "roster ID equal")),
    ("case reference equal", QT_TRANSLATE_NOOP("domain.reasons", "case reference equal")),
    ("document equal", QT_TRANSLATE_NOOP("domain.reasons", "document equal")),
    ("document differs by one character", QT_TRANSLATE_NOOP("domain.reasons", "document differs by one character")),
    ("documents differ", QT_TRANSLATE_NOOP("domain.reasons", "documents differ")),
    ("birth date equal", QT_TRANSLATE_NOOP("domain.reasons", "birth date equal")),
    ("birth date day/month swapped", QT_TRANSLATE_NOOP("domain.reasons", "birth date day/month swapped")),
    ("birth date differs by one digit", QT_TRANSLATE_NOOP("domain.reasons", "birth date differs by one digit")),
    ("birth year equal, full date not known",
     QT_TRANSLATE_NOOP("domain.reasons", "birth year equal, full date not known")),
    ("birth date differs", QT_TRANSLATE_NOOP("domain.reasons", "birth date differs")),
    ("same name, another generation (parent and child?)",
     QT_TRANSLATE_NOOP("domain.reasons", "same name, another generation (parent and child?)")),
    ("birth date missing", QT_TRANSLATE_NOOP("domain.reasons", "birth date missing")),
    ("sex differs", QT_TRANSLATE_NOOP("domain.reasons", "sex differs")),
    ("same household", QT_TRANSLATE_NOOP("domain.reasons", "same household")),
    ("surname and given name in each other's place",
     QT_TRANSLATE_NOOP("domain.reasons", "surname and given name in each other's place")),
    ("not the best candidate", QT_TRANSLATE_NOOP("domain.reasons", "not the best candidate")),
    ("only the town and address make it a match",
     QT_TRANSLATE_NOOP("domain.reasons", "only the town and address make it a match")),
    ("the town and address finish the match: no households on this roster",
     QT_TRANSLATE_NOOP("domain.reasons", "the town and address finish the match: no households on this roster")),
    ("both surnames carried by others on the roster: two families, not a typo",
     QT_TRANSLATE_NOOP("domain.reasons", "both surnames carried by others on the roster: two families, not a typo")),
    ("few registrations on this roster agree on a number: the officer decides",
     QT_TRANSLATE_NOOP("domain.reasons", "few registrations on this roster agree on a number: the officer decides")),
    ("registered again alike in every field: the officer decides",
     QT_TRANSLATE_NOOP("domain.reasons", "registered again alike in every field: the officer decides")),
    ("born on a day many on this roster share: look",
     QT_TRANSLATE_NOOP("domain.reasons", "born on a day many on this roster share: look")),
)}
_MATCH_PATTERNS: list[tuple[re.Pattern[str], Template]] = [(re.compile(pattern), template) for pattern, template in (
    (r"(?P<part>surname|given name|patronymic) equal", QT_TRANSLATE_NOOP("domain.reasons", "{part} equal")),
    (r"(?P<part>surname|given name|patronymic) equal by sound",
     QT_TRANSLATE_NOOP("domain.reasons", "{part} equal by sound")),
    (r"(?P<part>surname|given name|patronymic) similar", QT_TRANSLATE_NOOP("domain.reasons", "{part} similar")),
    (r"(?P<part>surname|given name|patronymic) differs slightly",
     QT_TRANSLATE_NOOP("domain.reasons", "{part} differs slightly")),
    (r"(?P<part>surname|given name|patronymic) initial only",
     QT_TRANSLATE_NOOP("domain.reasons", "{part} initial only")),
    (r"(?P<part>surname|given name|patronymic) differs", QT_TRANSLATE_NOOP("domain.reasons", "{part} differs")),
    (r"(?P<part>surname|given name|patronymic) missing", QT_TRANSLATE_NOOP("domain.reasons", "{part} missing")),
    (r"(?P<part>surname|given name|patronymic) equal under (?P<scheme>.+)",
     QT_TRANSLATE_NOOP("domain.reasons", "{part} equal under {scheme}")),
    (r"birth date differs \(born (?P<n>\d+) years apart\)",
     QT_TRANSLATE_NOOP("domain.reasons", "birth date differs (born {n} years apart)")),
    (r"both match (?P<ref>\S+)", QT_TRANSLATE_NOOP("domain.reasons", "both match {ref}")),
    (r"another person scores close \((?P<ref>[^)]*)\)",
     QT_TRANSLATE_NOOP("domain.reasons", "another person scores close ({ref})")),
    (r"another given name, and another person comes close \((?P<ref>[^)]*)\): a twin's document\?",
     QT_TRANSLATE_NOOP("domain.reasons", "another given name, and another person comes close ({ref}): "
                       "a twin's document?")),
)]


def match_reason(text: str) -> str | Message:
    """One of matching's reasons for a pair as a message; words it does not know as they are."""
    if text in _MATCH_WORDS:
        return Message(_MATCH_WORDS[text])
    for pattern, template in _MATCH_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            values = match.groupdict()
            if "part" in values:
                values["part"] = _NAME_PARTS[values["part"]]
            return Message(template, **values)
    return text


# The audit trail's actions and record kinds: stored in English, shown in the operator's language.
_AUDIT_WORDS: dict[str, Template] = {word: template for word, template in (
    ("answer", QT_TRANSLATE_NOOP("domain.audit", "answer")),
    ("create", QT_TRANSLATE_NOOP("domain.audit", "create")),
    ("update", QT_TRANSLATE_NOOP("domain.audit", "update")),
    ("delete", QT_TRANSLATE_NOOP("domain.audit", "delete")),
    ("restore", QT_TRANSLATE_NOOP("domain.audit", "restore")),
    ("move", QT_TRANSLATE_NOOP("domain.audit", "move to a server")),
    ("status", QT_TRANSLATE_NOOP("domain.audit", "status")),
    ("undo", QT_TRANSLATE_NOOP("domain.audit", "undo")),
    ("merge", QT_TRANSLATE_NOOP("domain.audit", "merge")),
    ("not_duplicate", QT_TRANSLATE_NOOP("domain.audit", "not a duplicate")),
    ("duplicate_mark_removed", QT_TRANSLATE_NOOP("domain.audit", "duplicate mark removed")),
    ("reconcile", QT_TRANSLATE_NOOP("domain.audit", "reconcile")),
    ("export", QT_TRANSLATE_NOOP("domain.audit", "export")),
    ("import", QT_TRANSLATE_NOOP("domain.audit", "import")),
    ("redact", QT_TRANSLATE_NOOP("domain.audit", "redact")),
    ("backup", QT_TRANSLATE_NOOP("domain.audit", "backup")),
    ("encrypt", QT_TRANSLATE_NOOP("domain.audit", "encrypt")),
    ("anonymise", QT_TRANSLATE_NOOP("domain.audit", "anonymise")),
    ("retention", QT_TRANSLATE_NOOP("domain.audit", "retention")),
    ("person", QT_TRANSLATE_NOOP("domain.audit", "person")),
    ("household", QT_TRANSLATE_NOOP("domain.audit", "household")),
    ("list", QT_TRANSLATE_NOOP("domain.audit", "list")),
    ("contact", QT_TRANSLATE_NOOP("domain.audit", "contact")),
    ("liaison", QT_TRANSLATE_NOOP("domain.audit", "liaison")),
    ("organization", QT_TRANSLATE_NOOP("domain.audit", "organization")),
    ("operation", QT_TRANSLATE_NOOP("domain.audit", "operation")),
    ("setting", QT_TRANSLATE_NOOP("domain.audit", "setting")),
    ("export_profile", QT_TRANSLATE_NOOP("domain.audit", "export profile")),
    ("mapping_profile", QT_TRANSLATE_NOOP("domain.audit", "mapping profile")),
    ("reconcile_report", QT_TRANSLATE_NOOP("domain.audit", "reconcile report")),
    ("export_persons", QT_TRANSLATE_NOOP("domain.audit", "persons of an export")),
    ("roster", QT_TRANSLATE_NOOP("domain.audit", "roster")),
    ("undo-import", QT_TRANSLATE_NOOP("domain.audit", "undo of an import")),
    ("account", QT_TRANSLATE_NOOP("domain.audit", "account")),
    ("permission", QT_TRANSLATE_NOOP("domain.audit", "permission")),
    ("refused", QT_TRANSLATE_NOOP("domain.audit", "refused")),
    ("sign_in", QT_TRANSLATE_NOOP("domain.audit", "sign-in")),
    ("sign_in_refused", QT_TRANSLATE_NOOP("domain.audit", "sign-in refused")),
)}


def audit_word(word: str) -> str | Message:
    """An audit entry's action or record kind as shown; unknown words as stored."""
    return Message(_AUDIT_WORDS[word]) if word in _AUDIT_WORDS else word


_STATE = r"(?P<old>\w+) -> (?P<new>\w+)"
_SUMMARIES: list[tuple[re.Pattern[str], Template]] = [(re.compile(pattern), template) for pattern, template in (
    (r"created (?P<ref>[\w-]+)", QT_TRANSLATE_NOOP("domain.audit", "created {ref}")),
    (r"edited (?P<ref>[\w-]+): (?P<fields>.*)", QT_TRANSLATE_NOOP("domain.audit", "edited {ref}: {fields}")),
    (r"moved (?P<ref>[\w-]+) to the trash", QT_TRANSLATE_NOOP("domain.audit", "moved {ref} to the trash")),
    (r"restored (?P<ref>[\w-]+) from the trash", QT_TRANSLATE_NOOP("domain.audit", "restored {ref} from the trash")),
    (rf"(?P<ref>[\w-]+): {_STATE}", QT_TRANSLATE_NOOP("domain.audit", "{ref}: {old} -> {new}")),
    (r"(?P<n>\d+) persons -> (?P<new>\w+)", QT_TRANSLATE_NOOP("domain.audit", "{n} persons -> {new}")),
    (r"(?P<ref>[\w-]+): crossing date", QT_TRANSLATE_NOOP("domain.audit", "{ref}: crossing date")),
    (r"(?P<ref>[\w-]+) on (?P<list>'.*'): (?P<answer>\w+)",
     QT_TRANSLATE_NOOP("domain.audit", "{ref} on {list}: {answer}")),
    (r"(?P<ref>[\w-]+) joined household (?P<household>\S+)",
     QT_TRANSLATE_NOOP("domain.audit", "{ref} joined household {household}")),
    (r"(?P<ref>[\w-]+) left household (?P<household>\S+)",
     QT_TRANSLATE_NOOP("domain.audit", "{ref} left household {household}")),
    (r"created household (?P<household>\S+)", QT_TRANSLATE_NOOP("domain.audit", "created household {household}")),
    (r"created list (?P<list>'.*')", QT_TRANSLATE_NOOP("domain.audit", "created list {list}")),
    (r"list (?P<list>'.*') sent", QT_TRANSLATE_NOOP("domain.audit", "list {list} sent")),
    (rf"list (?P<list>'.*'): {_STATE}", QT_TRANSLATE_NOOP("domain.audit", "list {list}: {old} -> {new}")),
    (r"added (?P<n>\d+) persons to list (?P<list>'.*')",
     QT_TRANSLATE_NOOP("domain.audit", "added {n} persons to list {list}")),
    (r"removed (?P<n>\d+) persons from list (?P<list>'.*')",
     QT_TRANSLATE_NOOP("domain.audit", "removed {n} persons from list {list}")),
    (r"merged (?P<other>[\w-]+) into (?P<keep>[\w-]+) \(operation (?P<n>\d+)\)",
     QT_TRANSLATE_NOOP("domain.audit", "merged {other} into {keep} (operation {n})")),
    (r"undid the merge of (?P<other>[\w-]+) into (?P<keep>[\w-]+) \(operation (?P<n>\d+)\)",
     QT_TRANSLATE_NOOP("domain.audit", "undid the merge of {other} into {keep} (operation {n})")),
    (r"(?P<a>[\w-]+) and (?P<b>[\w-]+) marked as different persons",
     QT_TRANSLATE_NOOP("domain.audit", "{a} and {b} marked as different persons")),
    (r"undid status operation (?P<n>\d+): (?P<count>\d+) persons back",
     QT_TRANSLATE_NOOP("domain.audit", "undid status operation {n}: {count} persons back")),
    (r"(?P<n>\d+) persons -> (?P<new>\w+) \(operation (?P<op>\d+)\)",
     QT_TRANSLATE_NOOP("domain.audit", "{n} persons -> {new} (operation {op})")),
    (rf"(?P<ref>[\w-]+): {_STATE} \((?P<why>.*)\)", QT_TRANSLATE_NOOP("domain.audit", "{ref}: {old} -> {new} ({why})")),
    (r"moved (?P<ref>[\w-]+) to the trash: (?P<why>.*)",
     QT_TRANSLATE_NOOP("domain.audit", "moved {ref} to the trash: {why}")),
    (r"added partner (?P<name>'.*')", QT_TRANSLATE_NOOP("domain.audit", "added partner {name}")),
    (r"logged a contact", QT_TRANSLATE_NOOP("domain.audit", "logged a contact")),
    (r"logged a (?P<channel>\w+) contact", QT_TRANSLATE_NOOP("domain.audit", "logged a contact ({channel})")),
    (r"follow-up done", QT_TRANSLATE_NOOP("domain.audit", "follow-up done")),
    (r"changed a partner contact", QT_TRANSLATE_NOOP("domain.audit", "changed a partner contact")),
    (r"(?P<key>\w+) changed", QT_TRANSLATE_NOOP("domain.audit", "{key} changed")),
    (r"backup \((?P<why>[^)]*)\) of (?P<n>\d+) persons to (?P<folder>.*)",
     QT_TRANSLATE_NOOP("domain.audit", "backup ({why}) of {n} persons to {folder}")),
    (r"exported (?P<n>\d+) persons to an internal file \((?P<what>.*)\)",
     QT_TRANSLATE_NOOP("domain.audit", "exported {n} persons to an internal file ({what})")),
    (r"exported (?P<n>\d+) persons to (?P<partner>.*?) \((?P<what>.*)\)",
     QT_TRANSLATE_NOOP("domain.audit", "exported {n} persons to {partner} ({what})")),
    (r"persons (?P<first>\d+)-(?P<last>\d+) of export entry (?P<entry>\d+)",
     QT_TRANSLATE_NOOP("domain.audit", "persons {first}-{last} of export entry {entry}")),
    (r"import #(?P<n>\d+) of (?P<file>.*) \((?P<sheet>.*)\): (?P<created>\d+) created, (?P<updated>\d+) updated, "
     r"(?P<rejected>\d+) rejected",
     QT_TRANSLATE_NOOP("domain.audit", "import #{n} of {file} ({sheet}): {created} created, {updated} updated, "
                       "{rejected} rejected")),
    (r"undid import #(?P<n>\d+) of (?P<file>.*): (?P<removed>\d+) removed, (?P<trashed>\d+) to the trash, "
     r"(?P<restored>\d+) restored, (?P<conflicts>\d+) conflicts",
     QT_TRANSLATE_NOOP("domain.audit", "undid import #{n} of {file}: {removed} removed, {trashed} to the trash, "
                       "{restored} restored, {conflicts} conflicts")),
)]


def audit_summary(text: str) -> str | Message:
    """An audit entry's summary as a message when it is one of the common ones; else as stored."""
    for pattern, template in _SUMMARIES:
        match = pattern.fullmatch(text)
        if match:
            return Message(template, **{key: label(value) if key in ("old", "new", "answer", "channel")
                                        else history_reason(value) if key == "why" else value
                                        for key, value in match.groupdict().items()})
    return text


# What services say of one person beside a recorded answer or an applied row.
_STATUS = r"(?P<{0}>[a-z ]+?)"
_NOTES: list[tuple[re.Pattern[str], Template]] = [(re.compile(pattern), template) for pattern, template in (
    (rf"status {_STATUS.format('old')} cannot become {_STATUS.format('new')}",
     QT_TRANSLATE_NOOP("domain.reasons", "status {old} cannot become {new}")),
    (rf"(?P<ref>\S+): (?P<answer>\w+) recorded, status {_STATUS.format('old')} cannot become {_STATUS.format('new')}",
     QT_TRANSLATE_NOOP("domain.reasons", "{ref}: {answer} recorded, status {old} cannot become {new}")),
    (r"needs review", QT_TRANSLATE_NOOP("domain.reasons", "needs review")),
    (r"not on the roster", QT_TRANSLATE_NOOP("domain.reasons", "not on the roster")),
    (r"left out by the officer", QT_TRANSLATE_NOOP("domain.reasons", "left out by the officer")),
    (r"is in the trash", QT_TRANSLATE_NOOP("domain.reasons", "is in the trash")),
    (r"is not on list (?P<name>.+)", QT_TRANSLATE_NOOP("domain.reasons", "is not on list {name}")),
    # services/reconciling/reconcile.py's notes beside an answer row
    (r"row (?P<rows>\d+(?:, \d+)*) names the same person",
     QT_TRANSLATE_NOOP("domain.reasons", "row {rows} names the same person")),
    (r"row (?P<row>\d+) names this person more surely",
     QT_TRANSLATE_NOOP("domain.reasons", "row {row} names this person more surely")),
    (r"closest roster persons", QT_TRANSLATE_NOOP("domain.reasons", "closest roster persons")),
    (r"a list member carries this name", QT_TRANSLATE_NOOP("domain.reasons", "a list member carries this name")),
)]


# A refused status change kept as its English text (a status change for many names each refusal).
_REFUSED = re.compile(r"Status cannot change from '(?P<current>\w+)' to '(?P<requested>\w+)'\. "
                      r"From '\w+' allowed: (?P<allowed>.*)\.")


def service_note(text: str) -> str | Message:
    """A note a service wrote beside a person or a row (why a status did not follow an answer)."""
    refused = _REFUSED.fullmatch(text)
    if refused:
        allowed = refused["allowed"]
        return TransitionRefused(refused["current"], refused["requested"],
                                 [] if allowed == "none (final state)" else allowed.split(", ")).text
    for pattern, template in _NOTES:
        match = pattern.fullmatch(text)
        if match:
            # statuses here are written as the window names them ("on hold"): ui/labels.py's words
            return Message(template, **{key: Template("Labels", value) if key in ("old", "new", "answer")
                                        else value for key, value in match.groupdict().items()})
    return text
