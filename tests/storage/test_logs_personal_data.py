"""Log files carry no personal data: run the workflows with logging at DEBUG, then search the log for
every name, document number and phone number used."""

from __future__ import annotations

import logging
from pathlib import Path

import openpyxl

from desktop_app import cli
from desktop_app.logs import log_path, setup_logging
from desktop_app.services import demo, persons
from desktop_app.storage.db import open_database
from desktop_app.storage.models import Document, Person, Phone

SECRETS = {"surname": "Абу-Шаабан", "given_names": "Зейнаб", "passport": "751234567", "phone": "+972599765432"}


def test_no_name_document_or_phone_reaches_the_log(tmp_path: Path) -> None:
    path = setup_logging(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)  # SQL echo is off in the product too
    db_file = tmp_path / "roster.db"
    db = open_database(db_file)
    demo.fill_demo(db, households=8, operator="demo")
    person = persons.create_person(db, {"surname": SECRETS["surname"], "given_names": SECRETS["given_names"]},
                                   operator="t", phones=[SECRETS["phone"]])
    persons.update_person(db, person.id, {"notes": "в подвале у соседей"}, operator="t")
    db.close()
    workbook = openpyxl.Workbook()
    workbook.active.append(["Surname", "Given names", "Passport number", "Phone"])
    workbook.active.append(["Haddad", "Nour", SECRETS["passport"], "+972599111222"])
    workbook.save(tmp_path / "in.xlsx")
    key = tmp_path / "key"
    key.write_text("log test passphrase\n")
    for args in (["import", str(tmp_path / "in.xlsx")], ["backup", str(tmp_path)], ["search", "Абу"],
                 ["export", str(tmp_path / "out.xlsx"), "--include-without-consent"], ["verify"]):
        assert cli.main(["--db", str(db_file), *args]) == 0, args
    assert cli.main(["--db", str(db_file), "--passphrase-file", str(key), "encrypt"]) == 0
    assert cli.main(["--db", str(db_file), "--passphrase-file", str(key), "stats"]) == 0

    db = open_database(db_file, passphrase="log test passphrase")
    with db.reading() as session:
        names = {n for row in session.query(Person.surname, Person.given_names, Person.surname_latin) for n in row
                 if n and len(n) > 3}
        numbers = {d for (d,) in session.query(Document.number)} | {p for (p,) in session.query(Phone.e164)}
    db.close()
    assert SECRETS["surname"] in names and SECRETS["phone"] in numbers
    for handler in logging.getLogger("desktop_app").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert path == log_path() and "backup written" in text  # the workflows did log
    leaked = sorted(value for value in names | numbers | {SECRETS["passport"], "log test passphrase"}
                    if value in text or value.lstrip("+") in text)
    assert leaked == []
