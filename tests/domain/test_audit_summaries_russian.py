"""Issue 13 item 9, remainder: every audit entry the daily loop writes (demo roster, lists sent and
answered on two lists, an import and its undo, the trash, status of several, a backup, an export,
a logged contact, the mission's settings) shows its action, record kind and summary through the
catalogue: in Russian its template is translated, its values (case references, list and file
names, what an officer typed) stay as written."""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.domain.messages import Message
from desktop_app.domain.partners import Channel
from desktop_app.domain.reasons import audit_summary, audit_word
from desktop_app.domain.status import Status
from desktop_app.services import audit, backups, demo, importing, partners, persons, status
from desktop_app.services.exporting import export_persons
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.storage.db import Database
from desktop_app.ui.i18n import catalogue
from tests.services.test_answer_conflicts import two_partners
from tests.services.test_import_lost_zeros import VOLUNTEER_CSV


def _a_day(db: Database, tmp_path: Path) -> None:
    demo.fill_demo(db, households=4, operator="demo", seed=3)
    ids = two_partners(db)
    sheet = tmp_path / "volunteer.csv"
    sheet.write_text(VOLUNTEER_CSV, encoding="utf-8")
    done = importing.commit_import(db, importing.preview_import(db, sheet), operator="A. Petrova")
    importing.undo_import(db, done.import_id, operator="A. Petrova")
    persons.delete_person(db, ids["omar"], operator="A. Petrova", reason="registered twice")
    persons.restore_person(db, ids["omar"], operator="A. Petrova")
    status.change_statuses(db, [ids["omar"], ids["leila"]], Status.ON_HOLD, operator="A. Petrova", reason="")
    (tmp_path / "stick").mkdir()
    backups.backup_now(db, tmp_path / "stick", operator="A. Petrova")
    partners.log_contact(db, "asked about the 14 Nov list", operator="A. Petrova", channel=Channel.PHONE)
    save_mission(db, MissionSettings("Cairo", "EGY"), operator="A. Petrova")
    export_persons(db, tmp_path / "roster.xlsx", operator="A. Petrova", include_without_consent=True)


def test_every_entry_of_a_day_is_translated(db: Database, tmp_path: Path) -> None:
    _a_day(db, tmp_path)
    translate = catalogue("ru")
    assert translate is not None
    entries = audit.browse(db, audit.AuditFilter(), limit=10_000)
    assert len({e.action for e in entries}) >= 8
    for entry in entries:
        for shown in (audit_word(entry.action), audit_word(entry.entity), audit_summary(entry.summary)):
            assert isinstance(shown, Message), (entry.action, entry.entity, entry.summary)
        russian = audit_summary(entry.summary).render(translate)  # type: ignore[union-attr]
        assert re.search("[а-яё]", russian, re.IGNORECASE), entry.summary
    trashed = next(e for e in entries if e.summary.startswith("moved ") and "registered twice" in e.summary)
    assert audit_summary(trashed.summary).render(translate).endswith("в корзину: registered twice")  # type: ignore
