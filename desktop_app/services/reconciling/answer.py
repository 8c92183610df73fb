"""Reading a partner's answer sheet: who is named in each row, and what the partner decided.

The import readers find the table and map the person columns (names in any script or
order, birth date, sex, passport, our case reference or UUID, household). Two columns only
an answer has are found here: the decision ('Decision', 'Approved', 'Решение', 'القرار',
'Statut') and the validity of an approval ('Valid until', 'Действительно до', 'صالح حتى').
A sheet without a decision column is a list of approvals (or of rejections): the caller
says which with `default_answer`. A decision cell that cannot be read leaves the row
without an answer and a problem naming the row and column; the row is matched but never
applied.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.errors import ExchangeError, ValidationError
from desktop_app.domain.lists import Answer
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.exchange.headers import IMPORT_TARGETS, locate_table, normalize_header
from desktop_app.exchange.readers import CellValue, column_letter, read_workbook
from desktop_app.exchange.values import cell_text, parse_date_cell, parse_sex_cell, prevalent_date_order
from desktop_app.matching import MatchRecord
from desktop_app.services.reconciling.model import AnswerRow

DECISION = "decision"
VALID_UNTIL = "valid_until"
ANSWER_TARGETS: dict[str, str] = {DECISION: "Partner's decision", VALID_UNTIL: "Approval valid until"}

# Header names of the two answer columns (compared after normalize_header; a header may
# also start with one of them: 'Valid until (dd/mm/yyyy)').
ANSWER_HEADERS: dict[str, tuple[str, ...]] = {
    DECISION: ("decision", "answer", "approved", "approval", "result", "response", "status", "verdict",
               "approved rejected", "allowed", "permission", "clearance",
               "решение", "ответ", "результат", "статус", "одобрено", "согласование",
               "reponse", "resultat", "statut", "avis", "approuve",
               "القرار", "الرد", "النتيجة", "الحالة", "الموافقة", "موافقة"),
    VALID_UNTIL: ("valid until", "valid till", "valid to", "validity", "approval valid until", "permit valid until",
                  "действителен до", "действительно до", "действует до", "срок действия разрешения",
                  "valable jusqu au", "validite", "صالح حتى", "صالحة حتى", "الصلاحية", "صالح لغاية"),
}
_WEAK_DECISION = {"status", "статус", "statut", "الحالة"}
_APPROVED = ("approved", "approve", "yes", "y", "ok", "accepted", "accept", "allowed", "granted", "cleared",
             "permitted", "да", "одобрен", "одобрена", "одобрено", "одобрены", "разрешен", "разрешено",
             "разрешена", "согласован", "согласовано", "принят", "oui", "approuve", "approuvee", "accepte",
             "acceptee", "autorise", "autorisee", "موافق", "موافقة", "نعم", "مقبول", "مقبولة", "مسموح", "true")
_REJECTED = ("rejected", "reject", "no", "n", "denied", "refused", "declined", "not approved", "not allowed",
             "нет", "отказ", "отказано", "отклонен", "отклонена", "отклонено", "не одобрен", "не одобрено",
             "не разрешено", "non", "refuse", "refusee", "rejete", "rejetee", "مرفوض", "مرفوضة", "رفض", "لا",
             "غير موافق", "false")
_SYMBOLS = {"✓": Answer.APPROVED, "✔": Answer.APPROVED, "+": Answer.APPROVED, "1": Answer.APPROVED,
            "✗": Answer.REJECTED, "✘": Answer.REJECTED, "-": Answer.REJECTED, "0": Answer.REJECTED}
_ANSWER_WORDS: dict[str, Answer] = ({normalize_header(w): Answer.APPROVED for w in _APPROVED}
                                    | {normalize_header(w): Answer.REJECTED for w in _REJECTED})
_HEADER_INDEX: dict[str, str] = {normalize_header(name): target for target, names in ANSWER_HEADERS.items()
                                 for name in names}
NAME_TARGETS = ("surname", "given_names", "patronymic", "surname_latin", "given_names_latin", "full_name",
                "full_name_latin")
_IDENTIFYING = (*NAME_TARGETS, "document_number", "case_ref", "uuid")


@dataclass(frozen=True)
class AnswerSheet:
    path: str
    file_name: str
    sha256: str
    sheet: str
    header_row: int
    columns: dict[str, str]  # target -> header as written
    rows: list[tuple[AnswerRow, MatchRecord]]


def answer_header(text: str) -> str | None:
    """DECISION or VALID_UNTIL when `text` names one of the answer columns."""
    header = normalize_header(text)
    if header in _HEADER_INDEX:
        return _HEADER_INDEX[header]
    return next((target for name, target in _HEADER_INDEX.items() if header.startswith(f"{name} ")), None)


def parse_answer_cell(value: CellValue) -> Answer | None:
    """APPROVED or REJECTED for a decision cell; None when the text says neither."""
    text = cell_text(value).strip()
    if text in _SYMBOLS:
        return _SYMBOLS[text]
    return _ANSWER_WORDS.get(normalize_header(text))


def answer_mapping(headers: list[str], suggested: Mapping[int, str],
                   overrides: Mapping[int, str] | None = None) -> dict[int, str]:
    """Column index -> target: the import mapping with the answer columns laid over it, then the overrides."""
    mapping = dict(suggested)
    # A generic 'Status' column names the decision only when no column says so more plainly: our own
    # full-roster export carries a Status column (our workflow state) that must not pass for an answer.
    ordered = sorted(enumerate(headers), key=lambda item: normalize_header(str(item[1] or "")) in _WEAK_DECISION)
    for index, header in ordered:
        target = answer_header(header) if header else None
        if target and target not in mapping.values():
            mapping[index] = target  # 'Status' or 'Valid until' in an answer are the partner's, not ours
    for index, target in (overrides or {}).items():
        if target and target not in IMPORT_TARGETS and target not in ANSWER_TARGETS:
            raise ValidationError("column mapping", target,
                                  QT_TRANSLATE_NOOP("services.reconcile_answer", "is not a column the answer can have"))
        mapping.pop(index, None)  # '' leaves the column out
        if target:
            mapping = {i: t for i, t in mapping.items() if t != target}
            mapping[index] = target
    return dict(sorted(mapping.items()))


def read_answer(path: str | Path, *, sheet: str | None = None, header_row: int | None = None,
                mapping_overrides: Mapping[int, str] | None = None, password: str | None = None,
                default_answer: Answer | None = None) -> AnswerSheet:
    """The rows of the answer at `path`, each with the MatchRecord the engine will look up.

    Raises ExchangeError (naming the file and sheet) for an unreadable file, a sheet with no
    column naming persons, or no decision column while `default_answer` is None.
    """
    shown = str(path)
    workbook = read_workbook(path, password=password)
    data = workbook.sheet(sheet)
    try:
        layout = locate_table(data, header_row)
    except ExchangeError as exc:
        raise type(exc)(str(exc), path=shown) from None  # the message names the sheet and row already
    mapping = answer_mapping(layout.headers, layout.mapping, mapping_overrides)
    columns = {target: layout.headers[index] for index, target in mapping.items()}
    if not any(target in columns for target in _IDENTIFYING):
        raise ExchangeError("no column names the persons (a name, passport number or case reference); "
                            f"headers found: {', '.join(h for h in layout.headers if h) or 'none'}",
                            path=shown, sheet=data.name, row=layout.header_row)
    if DECISION not in columns and default_answer is None:
        raise ExchangeError("there is no decision column (Decision, Approved, Решение, القرار…): say whether "
                            "the file lists approvals or rejections", path=shown, sheet=data.name,
                            row=layout.header_row)
    by_target = {target: index for index, target in mapping.items()}
    birth_column = by_target.get("birth_date")
    hint = prevalent_date_order(r[birth_column] for r in layout.data_rows if birth_column is not None
                                and birth_column < len(r))
    rows = []
    for offset, cells in enumerate(layout.data_rows):
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):  # others have text
            continue
        reader = _RowReader(cells, by_target, layout.first_data_row + offset, hint)
        row, record = reader.read(default_answer)
        if record is not None:
            rows.append((row, record))
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return AnswerSheet(shown, Path(path).name, digest, data.name, layout.header_row, columns, rows)


class _RowReader:
    """One data row: the text of each mapped column, parsed into an AnswerRow and a MatchRecord."""

    def __init__(self, cells: list[CellValue], by_target: dict[str, int], row: int, hint: object) -> None:
        self.cells = cells
        self.by_target = by_target
        self.row = row
        self.hint = hint
        self.problems: list[str] = []
        self._texts: dict[str, str] = {}  # each mapped cell is asked for its text several times

    def cell(self, target: str) -> CellValue:
        index = self.by_target.get(target)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def text(self, target: str) -> str:
        if (known := self._texts.get(target)) is None:
            known = self._texts[target] = cell_text(self.cell(target)).strip()
        return known

    def where(self, target: str) -> str:
        return f"row {self.row}, column {column_letter(self.by_target[target] + 1)}"

    def date(self, target: str) -> PartialDate | None:
        value = self.cell(target)
        if value is None or self.text(target) == "":
            return None
        parsed = parse_date_cell(value, self.hint)  # type: ignore[arg-type]
        if parsed.value is None and parsed.readings:
            return parsed.readings[0]  # day/month ambiguous: the engine weighs both orders alike
        if parsed.value is None:
            self.problems.append(f"{self.where(target)}: {parsed.problem or 'not a date'}")
        return parsed.value

    def read(self, default_answer: Answer | None) -> tuple[AnswerRow, MatchRecord | None]:
        birth = self.date("birth_date")
        sex = None
        if self.text("sex"):
            try:
                sex = parse_sex_cell(self.cell("sex"))
            except ValidationError:
                self.problems.append(f"{self.where('sex')}: {self.text('sex')!r} is not a sex (M/F)")
        answer = default_answer
        if DECISION in self.by_target and self.text(DECISION):
            answer = parse_answer_cell(self.cell(DECISION))
            if answer is None:
                self.problems.append(f"{self.where(DECISION)}: {self.text(DECISION)!r} is neither approved nor "
                                     "rejected; the row will not be applied")
        elif DECISION in self.by_target and default_answer is None:
            self.problems.append(f"{self.where(DECISION)}: the decision is empty; the row will not be applied")
        valid_until = None
        if VALID_UNTIL in self.by_target and self.text(VALID_UNTIL):
            until = self.date(VALID_UNTIL)
            if until is not None and not until.is_full:
                self.problems.append(f"{self.where(VALID_UNTIL)}: {self.text(VALID_UNTIL)!r} is not a full date")
            valid_until = until.as_date() if until is not None and until.is_full else None
        documents = tuple(d for d in (self.text("document_number"),) if d)
        names = {target: self.text(target) for target in NAME_TARGETS}
        shown_name = " ".join(v for v in names.values() if v)
        row = AnswerRow(self.row, shown_name, birth.iso() if birth else "", sex.value if sex else "", documents,
                        self.text("case_ref"), answer, valid_until, tuple(self.problems))
        if not (shown_name or documents or row.case_ref or self.text("uuid")):
            return row, None  # a row naming nobody (a total line, a note under the table)
        common = {"birth_date": birth, "sex": sex, "documents": documents, "uuid": self.text("uuid") or None,
                  "case_ref": row.case_ref or None, "household_key": self.text("household_ref") or None,
                  "locality": self.text("locality"), "address": self.text("address")}
        if any(names[t] for t in ("surname", "given_names", "patronymic", "surname_latin", "given_names_latin")):
            record = MatchRecord(key=self.row, surname=names["surname"], given_names=names["given_names"],
                                 patronymic=names["patronymic"], surname_latin=names["surname_latin"],
                                 given_names_latin=names["given_names_latin"], **common)  # type: ignore[arg-type]
        else:
            record = MatchRecord.from_full_name(self.row, names["full_name_latin"] or names["full_name"],
                                                **common)  # type: ignore[arg-type]
        return row, record
