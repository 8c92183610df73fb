"""Issue 13, the household relationship/age rule on the command line in Russian (breaker): the warning
for an 11-year-old added as the head's spouse was half English ("предупреждение: MR-000002 is 11
years old: too young..."). The real program on a real roster file."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from desktop_app.services import households, persons
from desktop_app.storage.db import Database

OPERATOR = "A. Petrova"


def test_the_age_warning_is_russian_and_the_member_is_recorded(db: Database) -> None:
    head = persons.create_person(db, {"surname_latin": "HADDAD", "given_names_latin": "OMAR",
                                      "birth_date": "1980-01-01"}, operator=OPERATOR)
    born = dt.date.today().replace(year=dt.date.today().year - 11) - dt.timedelta(days=40)
    kid = persons.create_person(db, {"surname_latin": "HADDAD", "given_names_latin": "SAMI",
                                     "birth_date": born.isoformat()}, operator=OPERATOR)
    household = households.create_household(db, "Haddad", operator=OPERATOR, head_person_id=head.id)
    path = db.target.path
    db.close()
    run = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(path), "--operator", OPERATOR,
                          "household", "add", household.ref, kid.case_ref, "--relationship", "spouse"],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "LANG": "ru_RU.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""})
    assert run.returncode == 0, run.stderr
    assert (f"предупреждение: {kid.case_ref} 11 лет: слишком мал(а), чтобы быть «супруг(а)» главы семьи; "
            "проверьте родство") in run.stderr
    assert "years old" not in run.stderr
