"""A partner's or a person's text that looks like HTML reads in every table's tooltip as it is (breaker X19m).

Qt shows a tooltip as rich text when `Qt.mightBeRichText` finds a tag: a cell 'IVANOVA <b>ANNA</b><!-- x -->'
given as its own tooltip showed 'IVANOVA ANNA', the comment's words hidden. The reconcile screen was fixed in
89754cf; these are the other tables whose tooltips come from such text: the records model (the person's tabs,
the packages' screens), the export's preview, the merge screen's fields, the import's preview details.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt
from pytestqt.qtbot import QtBot

from desktop_app.services import importing
from desktop_app.services.duplicates.merging import FieldChoice
from desktop_app.services.exporting.export import Preview
from desktop_app.services.importing.model import FieldChange, Outcome
from desktop_app.storage.db import Database
from desktop_app.ui.export_dialog import PreviewModel as ExportPreviewModel
from desktop_app.ui.importing.models import PreviewModel as ImportPreviewModel
from desktop_app.ui.merge_dialog import MergeChoiceModel
from desktop_app.ui.records_model import RecordsModel
from desktop_app.ui.tooltips import plain_tip
from tests.services.import_support import write_xlsx
from tests.ui.reconciling import as_a_tooltip_shows

HOSTILE = "IVANOVA <b>ANNA</b><!-- not this person --> <img src=\"file:///etc/hostname\">"


def _tip(model: QAbstractItemModel, row: int, column: int) -> str:
    return as_a_tooltip_shows(model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole))


def test_plain_tip_keeps_the_words_and_leaves_plain_text_alone() -> None:
    assert as_a_tooltip_shows(plain_tip(HOSTILE)) == HOSTILE
    assert plain_tip("IVANOVA ANNA, 05.03.1980") == "IVANOVA ANNA, 05.03.1980"
    assert as_a_tooltip_shows(plain_tip("a < b\nnext line")) == "a < b\nnext line"


def test_the_records_models_warning_tooltip_reads_as_written(qtbot: QtBot) -> None:
    model: RecordsModel[str] = RecordsModel([("Name", lambda text: text)], warn=lambda text: text)
    model.set_records([HOSTILE])
    assert _tip(model, 0, 0) == HOSTILE


def test_the_export_previews_tooltip_reads_as_the_cell(qtbot: QtBot) -> None:
    model = ExportPreviewModel()
    model.set_preview(Preview(["Name", "Note"], [[HOSTILE, "plain words"]], 1))
    assert model.data(model.index(0, 0)) == HOSTILE
    assert _tip(model, 0, 0) == HOSTILE
    assert _tip(model, 0, 1) == "plain words"


def test_the_merge_screens_tooltips_read_as_the_records(qtbot: QtBot) -> None:
    model = MergeChoiceModel()
    model.set_rows([FieldChoice("surname", "Surname", HOSTILE, "IVANOVA", True, "keep")], ("Record A", "Record B"))
    assert model.data(model.index(0, 1)) == HOSTILE
    assert _tip(model, 0, 1) == HOSTILE
    assert _tip(model, 0, 2) == "IVANOVA"


def test_the_import_previews_details_tooltip_reads_as_the_files_values(qtbot: QtBot, db: Database,
                                                                       tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "hotline.xlsx", [["ФИО", "№ паспорта"], ["Haddad Omar", "0765432"]])
    preview = importing.preview_import(db, path)
    update = dataclasses.replace(preview.rows[0], outcome=Outcome.UPDATE,
                                 changes=(FieldChange("notes", "Notes", "needs insulin", HOSTILE),))
    model = ImportPreviewModel()
    model.set_preview(dataclasses.replace(preview, rows=(update,)))
    assert HOSTILE in _tip(model, 0, 0)
