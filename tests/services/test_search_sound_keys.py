"""Roster search (issue 14): a Cyrillic name is found from any Latin spelling, and the reverse.

Before, a Latin query found a Cyrillic name only under its ICAO spelling ('iana' found Яна,
'yana' did not). Each name word now also has the sound keys of its spellings under the schemes
matching knows as terms (`domain.spellings.search_sound_keys`), and the search reads a typed
word's sound keys as more prefixes. Hand registration, the import's bulk path, the command line
and migration 0022 (SQLite and PostgreSQL) give the same terms.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from desktop_app.cli import main
from desktop_app.domain.scripts import name_terms
from desktop_app.domain.spellings import name_words, search_sound_keys
from desktop_app.services import importing, persons, roster, search_index
from desktop_app.services.roster import RosterQuery
from desktop_app.storage import migrations
from desktop_app.storage.db import Database, open_database
from tests.services.import_support import write_xlsx

pytest_plugins = ["tests.helpers.postgres"]

NAMES = {
    "yana": {"surname": "Петрова", "given_names": "Яна"},
    "anna": {"surname": "Петрова", "given_names": "Анна"},  # Яна's twin: not found by 'yana'
    "yulia": {"surname": "Иванова", "given_names": "Юлия"},
    "khasanov": {"surname": "Хасанов", "given_names": "Артём"},
    "aleksandr": {"surname": "Смирнов", "given_names": "Александр"},
    "evgeniy": {"surname": "Козлов", "given_names": "Евгений"},
    "sergey": {"surname": "Соколов", "given_names": "Сергей"},
    "latin": {"surname_latin": "Kuznetsova", "given_names_latin": "Yulia"},  # registered in Latin only
    "arabic": {"surname": "محمد", "given_names": "حسن"},
}
SPELLINGS = [
    ("yana", {"yana"}), ("jana", {"yana"}), ("iana", {"yana"}),
    ("julia", {"yulia", "latin"}), ("yulia", {"yulia", "latin"}), ("iuliia", {"yulia", "latin"}),
    ("hasanov", {"khasanov"}), ("khasanov", {"khasanov"}), ("xasanov", {"khasanov"}),
    ("artyom", {"khasanov"}), ("artem", {"khasanov"}), ("Artyom Hasanov", {"khasanov"}),
    ("aleksandr", {"aleksandr"}), ("alexander", {"aleksandr"}), ("alexandr", {"aleksandr"}),
    ("evgeniy", {"evgeniy"}), ("yevgeny", {"evgeniy"}), ("evgenii", {"evgeniy"}),
    ("sergey", {"sergey"}), ("sergei", {"sergey"}), ("serguei", {"sergey"}),
    # the reverse: Cyrillic typed finds the person registered in Latin letters
    ("юлия", {"yulia", "latin"}), ("юл", {"yulia", "latin"}), ("кузнецова", {"latin"}),
    ("Кузнецова Юлия", {"latin"}),
    # an Arabic-script name from its Latin and Cyrillic spellings (the consonant skeletons)
    ("mohammed", {"arabic"}), ("мухаммед", {"arabic"}),
]


@pytest.fixture
def people(db: Database, operator: str) -> dict[str, int]:
    return {key: persons.create_person(db, dict(fields), operator=operator).id for key, fields in NAMES.items()}


def _found(db: Database, typed: str) -> set[int]:
    query = RosterQuery(text=typed)
    found = roster.search_ids(db, query)
    assert roster.first_page_ids(db, query, 50) == found[:50], typed  # the page merged from the index too
    return set(found)


@pytest.mark.parametrize(("typed", "wanted"), SPELLINGS)
def test_a_name_is_found_from_any_spelling(db: Database, people: dict[str, int], typed: str,
                                           wanted: set[str]) -> None:
    assert _found(db, typed) == {people[key] for key in wanted}


def test_a_prefix_of_a_latin_spelling_finds_the_cyrillic_name(db: Database, people: dict[str, int]) -> None:
    assert _found(db, "yul") == {people["yulia"], people["latin"]}
    assert _found(db, "hasa") == {people["khasanov"]}
    assert _found(db, "yevg") == {people["evgeniy"]}
    assert _found(db, "Yulia Iva") == {people["yulia"]}


def test_search_terms_of_a_name_hold_its_sound_keys(db: Database, people: dict[str, int]) -> None:
    with db.engine.connect() as connection:
        terms = {row[0] for row in connection.execute(text("SELECT term FROM search_terms WHERE person_id = :id"),
                                                      {"id": people["khasanov"]})}
    assert {"хасанов", "khasanov", "hasanov", "artem"} <= terms


def _without_sound_keys(url: str) -> int:
    """Down to 0021, with the name terms 0021's code wrote (no sound keys); how many rows went."""
    engine = create_engine(url)
    config = migrations.alembic_config()
    gone = 0
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0021")
        names = connection.execute(text("SELECT id, surname, given_names, patronymic, surname_latin, "
                                         "given_names_latin FROM persons")).all()
        for person_id, *texts in names:
            written = {t for name in texts for t in name_terms(name)}
            sounds = {k for name in texts for word in name_words(name) for k in search_sound_keys(word)}
            for term in sounds - written:
                gone += connection.execute(text("DELETE FROM search_terms WHERE person_id = :id AND term = :term"),
                                           {"id": person_id, "term": term}).rowcount
    engine.dispose()
    return gone


def _check_upgraded(db: Database, people: dict[str, int]) -> None:
    assert migrations.current_revision(db.engine) == migrations.head_revision()
    with db.engine.connect() as connection:
        for person_id in people.values():
            terms = {row[0] for row in connection.execute(
                text("SELECT term FROM search_terms WHERE person_id = :id"), {"id": person_id})}
            assert terms == search_index.search_terms_of(persons.get_person(db, person_id)), person_id
        stale = connection.execute(text("SELECT count(*) FROM search_terms WHERE sort_key IS NULL")).scalar()
    assert stale == 0
    for typed, wanted in SPELLINGS:
        assert _found(db, typed) == {people[key] for key in wanted}, typed


def _migrated(url_or_path: str | Path, operator: str) -> None:
    db = open_database(url_or_path)
    people = {key: persons.create_person(db, dict(fields), operator=operator).id for key, fields in NAMES.items()}
    db.close()
    url = url_or_path if isinstance(url_or_path, str) else f"sqlite:///{url_or_path}"
    assert _without_sound_keys(url) > 0
    db = open_database(url_or_path)
    try:
        assert _found(db, "jana") == {people["yana"]}
        _check_upgraded(db, people)
    finally:
        db.close()


def test_migration_0022_writes_the_sound_keys_of_stored_names(db_path: Path, operator: str) -> None:
    _migrated(db_path, operator)


def test_migration_0022_on_postgresql(postgres_url: str, operator: str) -> None:
    _migrated(postgres_url, operator)


def test_an_imported_name_has_the_terms_of_a_typed_in_one(db: Database, operator: str, tmp_path: Path) -> None:
    hand = persons.create_person(db, {"surname": "Хасанов", "given_names": "Юлия"}, operator=operator)
    latin = persons.create_person(db, {"surname_latin": "Khasanova", "given_names_latin": "Julia"}, operator=operator)
    path = write_xlsx(tmp_path / "names.xlsx", [["Surname", "Given names", "Surname (Latin)", "Given names (Latin)"],
                                                 ["Хасанов", "Юлия", "", ""], ["", "", "Khasanova", "Julia"]])
    preview = importing.preview_import(db, path)
    created = importing.commit_import(db, preview, operator=operator, accept_duplicates_as_new=True).created_ids
    assert len(created) == 2
    with db.engine.connect() as connection:
        terms = [{row[0] for row in connection.exec_driver_sql(
            "SELECT term FROM search_terms WHERE person_id = ? AND term NOT LIKE 'mr%' AND term NOT LIKE '00000_'",
            (person_id,))} for person_id in (hand.id, created[0], latin.id, created[1])]
    assert terms[0] == terms[1] and terms[2] == terms[3]
    assert {"hasanov", "iulia"} <= terms[0] and {"hasanova", "iulia"} <= terms[2]
    assert _found(db, "yulia hasanov") == {hand.id, created[0], latin.id, created[1]}


def test_the_command_line_search_finds_a_name_from_any_spelling(db_path: Path, operator: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    def cli(*args: str) -> tuple[int, str]:
        code = main(["--db", str(db_path), "--operator", operator, *args])
        return code, capsys.readouterr().out

    assert cli("person", "add", "--surname", "Хасанов", "--given", "Артём")[0] == 0
    assert cli("person", "add", "--surname", "Петрова", "--given", "Анна")[0] == 0
    for typed in ("khasanov", "Hasanov Artyom", "xasanov artem"):
        code, out = cli("search", typed, "--json")
        found = json.loads(out)
        assert code == 0 and found["total"] == 1, typed
        assert found["persons"][0]["surname"] == "Хасанов"  # type: ignore[index]
