"""The import preview: every row of the sheet read, converted and classified; nothing written.

A row that carries a roster UUID or case reference names that person: it is an update
(the fields that change, old and new; blank cells never overwrite) or unchanged. A UUID
the roster does not know creates the person under that UUID (an export of another
roster reads back as the same persons). Any other row is new, unless the matching engine
finds someone on the roster it may be (a possible duplicate, with the candidates and
why) or an earlier row of the same file holds the same document, or the same name, birth
date and phone (a duplicate within the file: created only when the officer says so). A row
that cannot be imported is rejected with each problem: sheet, row, column, value and reason.
A total line ('Итого: 11 человек') is no person: it is listed as skipped with its row.
Columns left out are listed with the field each may hold (`exchange.headers.suggest_target`).

Statuses from a status column: an update moves the person only along a legal transition;
a new person may start in any status reachable from 'registered' (never 'merged').
"""

from __future__ import annotations

import functools
import gc
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.domain.errors import Cancelled, TransitionRefused, ValidationError
from desktop_app.domain.names import fold
from desktop_app.domain.person import normalize_document_number
from desktop_app.domain.spellings import name_words, search_sound_keys
from desktop_app.domain.status import TRANSITIONS, Status
from desktop_app.exchange.headers import IMPORT_TARGETS, suggest_target
from desktop_app.exchange.readers import column_letter
from desktop_app.exchange.values import DateOrder, cell_text, date_order_evidence
from desktop_app.services.importing.model import (
    DuplicateCandidate,
    ImportPreview,
    Outcome,
    PreviewRow,
    RowData,
    RowProblem,
    SkippedRow,
    UnmappedColumn,
)
from desktop_app.services.importing.roster import RosterSnapshot, load_snapshot
from desktop_app.services.importing.rows import RowConverter, total_line
from desktop_app.services.importing.source import ImportFile, describe_table, open_import_file
from desktop_app.services.importing.zeros import LOST_ZERO, LostZeros, lost_zeros
from desktop_app.services.settings import load_mission
from desktop_app.storage.db import Database

Progress = Callable[[int, int], bool]
_F = TypeVar("_F", bound=Callable[..., Any])
PROGRESS_EVERY = 1000
DATE_TARGETS = ("birth_date", "consent_date", "document_issue_date", "document_expiry_date")
_READ: list[Any] = []  # stands for a row of the sheet once it is read


ImportCancelled = Cancelled  # the officer cancelled the import: the one cancellation error


def _reachable_from_registered() -> frozenset[Status]:
    seen = {Status.REGISTERED}
    queue = deque([Status.REGISTERED])
    while queue:
        for following in TRANSITIONS[queue.popleft()]:
            if following not in seen and following is not Status.MERGED:
                seen.add(following)
                queue.append(following)
    return frozenset(seen)


NEW_PERSON_STATUSES = _reachable_from_registered()


def _cycle_collector_paused(function: _F) -> _F:
    """Run `function` with Python's cycle collector paused (restored after, as it was).

    A full collection walks every live object; reading and converting 100,000 rows makes
    millions of them (cells, row values) and no cycles, and the collector's passes over them
    cost 1.2 s of the 5.5 s conversion at 100,000 rows. What is freed meanwhile is freed by
    reference counting as always; any cycle waits for the next collection.
    """
    @functools.wraps(function)
    def paused(*args: Any, **kwargs: Any) -> Any:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused  # type: ignore[return-value]


@_cycle_collector_paused
def preview_import(db: Database, path: str | Path | ImportFile, *, sheet: str | None = None,
                   header_row: int | None = None, mapping_overrides: Mapping[str, str | None] | None = None,
                   profile_name: str | None = None, password: str | None = None,
                   date_order: DateOrder | str | None = None, progress: Progress | None = None) -> ImportPreview:
    """Read `path` (or an already opened file) and classify every row; writes nothing.

    `date_order` ('DMY'/'MDY') decides ambiguous dates like 01/02/1980; without it each date
    column's prevalent order is the suggestion (flagged on each such cell), and with no
    prevalent order such a date rejects its row. Raises the reader's typed errors for a
    file that cannot be used, ValidationError for an impossible mapping, ImportCancelled
    when `progress` returns False.
    """
    source = path if isinstance(path, ImportFile) else open_import_file(path, password=password)
    table = describe_table(db, source, sheet=sheet, header_row=header_row, profile_name=profile_name,
                           mapping_overrides=mapping_overrides)
    chosen_order = DateOrder(str(date_order).upper()) if date_order else None
    data_rows, first_row = table.layout.data_rows, table.layout.first_data_row
    orders, evidence = _date_orders(data_rows, table.mapping, chosen_order)
    used = chosen_order or next((o for o in orders.values() if o is not None), None)
    zeros = tuple(lost_zeros(table.headers, table.mapping, data_rows, first_row=first_row))
    flagged = _lost_zero_problems(zeros, first_row, data_rows)
    region = load_mission(db).phone_region
    shown_path, sheets = source.path, tuple(s.name for s in source.sheets)
    file_name, file_sha256, file_format = source.file_name, source.sha256, source.format
    sheet_warnings = [f"sheet '{table.sheet}', {w}" for w in source.sheet(table.sheet).warnings]
    # The file's cells go as their rows are read (a file the caller opened keeps its own): rows made
    # and cells never all alive at once; a rejected row keeps a copy of its cells for the reject report.
    del source, path
    converter = RowConverter(table.headers, table.mapping, phone_region=region, date_orders=orders)
    converted: list[tuple[int, RowData, list[RowProblem], tuple[Any, ...]]] = []
    skipped: list[SkippedRow] = []
    total = len(data_rows)
    for offset in range(total):
        if progress is not None and offset % PROGRESS_EVERY == 0 and not progress(offset, total):
            raise ImportCancelled("the import was cancelled; nothing was written", path=shown_path)
        cells, data_rows[offset] = data_rows[offset], _READ
        number = first_row + offset
        data, problems = converter.convert(number, cells)
        if data is not None:
            converted.append((number, data, problems, tuple(cells) if _may_be_refused(data, problems) else ()))
        elif (sum_line := total_line(cells)) is not None:
            skipped.append(SkippedRow(number, sum_line))
    snapshot = load_snapshot(db)
    snapshot.load_states(target for _, data, _, _ in converted if (target := snapshot.target_of(data)[0]))
    classifier = _Classifier(snapshot)
    rows = [classifier.classify(number, data, problems, cells) for number, data, problems, cells in converted]
    del converted
    classifier.find_duplicates(rows)
    del classifier
    if flagged:
        rows = [replace(row, problems=(*row.problems, *flagged[row.row])) if row.row in flagged else row
                for row in rows]
    if progress is not None:
        progress(total, total)
    unmapped = tuple(_unmapped(table.headers, table.mapping))
    warnings = [str(column) for column in unmapped]
    warnings += [str(row) for row in skipped]
    warnings += [str(column) for column in zeros]
    warnings += [f"column {table.column_title(i)}: dates like 03/11/2008 read {order.value} ({_ORDER_WORDS[order]}), "
                 f"as {', '.join(examples)} show" for i, (order, examples) in evidence.items()
                 if i in converter.two_way_date_columns]
    warnings += sheet_warnings
    return ImportPreview(path=shown_path, file_name=file_name, file_sha256=file_sha256,
                         file_format=file_format, sheet=table.sheet, sheets=sheets,
                         header_row=table.header_row, headers=table.headers, mapping=table.mapping,
                         profile_name=table.profile_name, date_order=used.value if used else None,
                         rows=tuple(rows), warnings=tuple(warnings), skipped=tuple(skipped), unmapped=unmapped,
                         lost_zeros=zeros)


def _lost_zero_problems(zeros: tuple[LostZeros, ...], first_row: int,
                        data_rows: list[list[Any]]) -> dict[int, list[RowProblem]]:
    """The warning for each cell whose number looks cut, by row (the row is imported as read)."""
    flagged: dict[int, list[RowProblem]] = {}
    for column in zeros:
        for number in column.rows:
            cells = data_rows[number - first_row]
            flagged.setdefault(number, []).append(RowProblem(number, column.column, column.header,
                                                             cell_text(cells[column.index]), LOST_ZERO,
                                                             blocking=False))
    return flagged


def _may_be_refused(data: RowData, problems: list[RowProblem]) -> bool:
    """Whether `_Classifier.classify` may reject the row (its cells are then kept for the reject report):
    a row with a blocking problem, naming a record, or that a new person may not be; any other row is new."""
    return bool(any(p.blocking for p in problems) or data.uuid or data.fields.get("case_ref") or data.status
                or _new_person_refusal(data))


_ORDER_WORDS = {DateOrder.DMY: "day first", DateOrder.MDY: "month first"}


def _unmapped(headers: tuple[str, ...], mapping: dict[int, str]) -> list[UnmappedColumn]:
    """Headed columns left out, each with the field it may hold when that field is still free."""
    taken = set(mapping.values())
    found = []
    for index, header in enumerate(headers):
        if not header or index in mapping:
            continue
        target = suggest_target(header)
        free = target if target and target not in taken else None
        found.append(UnmappedColumn(column_letter(index + 1), header, free, IMPORT_TARGETS[free] if free else ""))
    return found


def _date_orders(data_rows: list[list[Any]], mapping: dict[int, str], chosen: DateOrder | None
                 ) -> tuple[dict[int, DateOrder | None], dict[int, tuple[DateOrder, tuple[str, ...]]]]:
    """Each date column's order (the chosen one, else the one its own dates settle), and the
    evidence of the columns whose order their dates settled."""
    orders: dict[int, DateOrder | None] = {}
    evidence: dict[int, tuple[DateOrder, tuple[str, ...]]] = {}
    for index, target in mapping.items():
        if target in DATE_TARGETS:
            order, examples = date_order_evidence(row[index] for row in data_rows if index < len(row))
            orders[index] = chosen or order
            if order is not None and chosen is None:
                evidence[index] = (order, examples)
    return orders, evidence


class _Classifier:
    """Decides each row's outcome against the roster snapshot and the rows before it."""

    def __init__(self, snapshot: RosterSnapshot) -> None:
        self.snapshot = snapshot
        self._uuids: dict[str, int] = {}
        self._case_refs: dict[str, int] = {}
        self._documents: dict[str, list[tuple[str, PreviewRow]]] = {}  # number -> (birth date or '', row)
        self._persons: dict[tuple[str, str, str], int] = {}

    def classify(self, number: int, data: RowData, problems: list[RowProblem], row_cells: Sequence[Any]) -> PreviewRow:
        blocking = [p for p in problems if p.blocking]
        blocking += self._repeats(number, data)
        target, refusal = self.snapshot.target_of(data)
        if refusal:
            blocking.append(RowProblem(number, "", "", "", refusal))
        if blocking:
            shown = tuple(blocking + [p for p in problems if not p.blocking])
            return PreviewRow(number, Outcome.REJECTED, data, problems=shown, cells=tuple(row_cells))
        warnings = tuple(problems)
        if target is not None:
            try:
                changes = self.snapshot.changes(target, data)
            except (TransitionRefused, ValidationError) as exc:
                problem = RowProblem(number, "", "", data.status or "", exc.text)
                return PreviewRow(number, Outcome.REJECTED, data, problems=(problem, *warnings), cells=tuple(row_cells))
            outcome = Outcome.UPDATE if changes else Outcome.UNCHANGED
            current = self.snapshot.persons[target]
            return PreviewRow(number, outcome, data, person_id=target, person_version=current.version,
                              case_ref=current.case_ref, changes=tuple(changes), problems=warnings)
        refusal = _new_person_refusal(data)
        if refusal:
            return PreviewRow(number, Outcome.REJECTED, data, problems=(RowProblem(number, "", "", "", refusal),
                                                                      *warnings), cells=tuple(row_cells))
        return PreviewRow(number, Outcome.NEW, data, case_ref=data.fields.get("case_ref", ""), problems=warnings)

    def _repeats(self, number: int, data: RowData) -> list[RowProblem]:
        """A UUID or case reference the file already gave to an earlier row."""
        found = []
        for key, value, seen in (("record ID", data.uuid, self._uuids),
                                 ("case ref.", data.fields.get("case_ref"), self._case_refs)):
            if not value:
                continue
            if value in seen:
                found.append(RowProblem(number, "", "", value, f"the same {key} as row {seen[value]}"))
            else:
                seen[value] = number
        return found

    def find_duplicates(self, rows: list[PreviewRow]) -> None:
        """Turn new rows that may be a roster person, or an earlier row's person (the same document with
        the same name and birth date), into duplicates. A number several rows carry (a group's travel
        document, a family's passport) identifies nobody by itself, against the roster as within the file."""
        self.snapshot.weigh_file_numbers(row.data for row in rows if row.outcome is Outcome.NEW)
        for position, row in enumerate(rows):
            if row.outcome is not Outcome.NEW:
                continue
            candidates = list(self.snapshot.candidates(row.data))
            born = str(row.data.fields.get("birth_date") or "")
            for document in row.data.documents:
                holders = self._documents.setdefault(normalize_document_number(document.number), [])
                # the rows the birth date does not tell apart: the same date, or one not given
                earlier = min((other.row for other_born, other in holders
                               if (not born or other_born in (born, "")) and _names_sound_alike(other.data, row.data)),
                              default=None)
                if earlier is not None:
                    candidates.append(self.snapshot.file_row_candidate(earlier, document.number))
                holders.append((born, row))
            candidates += self._same_person_earlier(row)
            if candidates:
                rows[position] = PreviewRow(row.row, Outcome.DUPLICATE, row.data, case_ref=row.case_ref,
                                            candidates=tuple(candidates), problems=row.problems)


    def _same_person_earlier(self, row: PreviewRow) -> list[DuplicateCandidate]:
        """An earlier new row of this file with the same name, birth date and phone (once per row)."""
        born = str(row.data.fields.get("birth_date") or "")
        if not (born and row.data.phones):
            return []
        name = " ".join(fold(row.data.display_name).split())
        if not name:
            return []
        earlier = None
        for phone in row.data.phones:
            seen = self._persons.setdefault((name, born, phone), row.row)
            if seen != row.row and earlier is None:
                earlier = seen
        if earlier is None:
            return []
        return [DuplicateCandidate(0, f"row {earlier}", "(earlier row of this file)", born, 1.0,
                                   ("same name, birth date and phone in this file",))]


def _names_sound_alike(a: RowData, b: RowData) -> bool:
    """Whether every word of the shorter name sounds as a word of the other (any script or spelling:
    `spellings.search_sound_keys`; Arabic words as written)."""
    words_a, words_b = _name_sounds(a.display_name), _name_sounds(b.display_name)
    if not words_a or not words_b:
        return False
    shorter, longer = sorted((words_a, words_b), key=len)
    heard = frozenset().union(*longer)
    return all(word & heard for word in shorter)


@functools.lru_cache(maxsize=65_536)
def _name_sounds(name: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(search_sound_keys(word) or (word,)) for word in name_words(name))


def _new_person_refusal(data: RowData) -> str | None:
    fields = data.fields
    if not (fields.get("surname") or fields.get("surname_latin") or fields.get("given_names")):
        return "has no name: a new person needs a surname (or a full-name column)"
    if data.status and Status(data.status) not in NEW_PERSON_STATUSES:
        return f"status '{data.status}' cannot be given to a new person"
    return None
