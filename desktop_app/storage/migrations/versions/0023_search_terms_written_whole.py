"""Search terms are written whole: each row carries its person's sort key from its writer, and no
foreign key is checked per row; a person's deletion still takes their terms.

An import of 100,000 rows writes about 1.25 million term rows. Two things the database did for each
of them cost more than a third of writing them (plain sqlite3 on the rows of the 100,000-person bench
roster, README "Speed"): 0020's insert trigger, which fills a missing sort key and, present, is
weighed for every row even when the writer gave the key, and the foreign key's look-up of the person.
Now:
- every writer gives the sort key (`services.search_index`), and the column is NOT NULL: a writer that
  forgot it is refused at once, not left out of name order;
- the foreign key is gone; a trigger on persons deletes a deleted person's terms (what ON DELETE
  CASCADE did), and every writer of terms writes them for the person it has just written;
- 0020's trigger passing a changed sort key on to the person's terms stays.
The table, its key (person_id, term), the term index (term, sort_key, person_id) and every row are
as before: searches read the same rows in the same order.

SQLite cannot drop a foreign key or make a column NOT NULL in place: the table is written anew in
key order. The upgrade runs in one transaction (`storage.migrations.upgrade_on_open`): stopped
midway it leaves the roster at 0022 and is done again at the next open.

Revision ID: 0023
Revises: 0022
"""

from __future__ import annotations

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

_COLUMNS = "person_id INTEGER NOT NULL, term VARCHAR(100) NOT NULL, sort_key VARCHAR(600){null}, " \
           "CONSTRAINT pk_search_terms PRIMARY KEY (person_id, term){fk}"
_FK = ", CONSTRAINT fk_search_terms_person_id_persons FOREIGN KEY(person_id) REFERENCES persons (id) ON DELETE CASCADE"

_SQLITE_PASS_SORT_KEY = """CREATE TRIGGER persons_pass_sort_key AFTER UPDATE OF sort_key ON persons
WHEN NEW.sort_key IS NOT OLD.sort_key
BEGIN
    UPDATE search_terms SET sort_key = NEW.sort_key WHERE person_id = NEW.id;
END"""
_SQLITE_TAKE_SORT_KEY = """CREATE TRIGGER search_terms_take_sort_key AFTER INSERT ON search_terms
WHEN NEW.sort_key IS NULL
BEGIN
    UPDATE search_terms SET sort_key = (SELECT sort_key FROM persons WHERE id = NEW.person_id)
    WHERE person_id = NEW.person_id AND term = NEW.term;
END"""
_SQLITE_DROP_TERMS = """CREATE TRIGGER persons_drop_search_terms AFTER DELETE ON persons
BEGIN
    DELETE FROM search_terms WHERE person_id = OLD.id;
END"""

_POSTGRESQL_DROP_TERMS = (
    """CREATE FUNCTION persons_drop_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_terms WHERE person_id = OLD.id;
    RETURN NULL;
END $$""",
    """CREATE TRIGGER persons_drop_search_terms AFTER DELETE ON persons FOR EACH ROW
EXECUTE FUNCTION persons_drop_search_terms()""",
)
_POSTGRESQL_TAKE_SORT_KEY = (
    """CREATE FUNCTION search_terms_take_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sort_key := (SELECT sort_key FROM persons WHERE id = NEW.person_id);
    RETURN NEW;
END $$""",
    """CREATE TRIGGER search_terms_take_sort_key BEFORE INSERT ON search_terms FOR EACH ROW
WHEN (NEW.sort_key IS NULL) EXECUTE FUNCTION search_terms_take_sort_key()""",
)


def _sqlite_rebuild(*, whole: bool) -> None:
    """The table written anew in key order: NOT NULL sort key without the foreign key (`whole`), or back."""
    # The trigger on persons names search_terms: SQLite's RENAME checks every trigger, and for a moment
    # there is no search_terms to name.
    op.execute("DROP TRIGGER persons_pass_sort_key")
    op.execute("CREATE TABLE search_terms_rebuilt (" + _COLUMNS.format(null=" NOT NULL" if whole else "",
                                                                       fk="" if whole else _FK) + ") WITHOUT ROWID")
    if whole:  # the key of a term written without one, as 0020's trigger gave it (none is expected)
        op.execute("INSERT INTO search_terms_rebuilt (person_id, term, sort_key) SELECT s.person_id, s.term, "
                   "coalesce(s.sort_key, p.sort_key, '') FROM search_terms s LEFT JOIN persons p ON p.id = s.person_id "
                   "WHERE p.id IS NOT NULL ORDER BY s.person_id, s.term")
    else:
        op.execute("INSERT INTO search_terms_rebuilt (person_id, term, sort_key) SELECT person_id, term, sort_key "
                   "FROM search_terms ORDER BY person_id, term")
    op.execute("DROP TABLE search_terms")  # its index and insert trigger with it
    op.execute("ALTER TABLE search_terms_rebuilt RENAME TO search_terms")
    op.execute("CREATE INDEX ix_search_terms_term ON search_terms (term, sort_key, person_id)")
    op.execute(_SQLITE_PASS_SORT_KEY)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER search_terms_take_sort_key ON search_terms")
        op.execute("DROP FUNCTION search_terms_take_sort_key()")
        op.execute("ALTER TABLE search_terms DROP CONSTRAINT fk_search_terms_person_id_persons")
        op.execute("UPDATE search_terms SET sort_key = coalesce((SELECT sort_key FROM persons "
                   "WHERE persons.id = search_terms.person_id), '') WHERE sort_key IS NULL")
        op.execute("ALTER TABLE search_terms ALTER COLUMN sort_key SET NOT NULL")
        for statement in _POSTGRESQL_DROP_TERMS:
            op.execute(statement)
    else:
        _sqlite_rebuild(whole=True)
        op.execute(_SQLITE_DROP_TERMS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER persons_drop_search_terms ON persons")
        op.execute("DROP FUNCTION persons_drop_search_terms()")
        op.execute("ALTER TABLE search_terms ALTER COLUMN sort_key DROP NOT NULL")
        op.execute("DELETE FROM search_terms WHERE NOT EXISTS (SELECT 1 FROM persons WHERE persons.id = "
                   "search_terms.person_id)")
        op.execute("ALTER TABLE search_terms ADD CONSTRAINT fk_search_terms_person_id_persons FOREIGN KEY "
                   "(person_id) REFERENCES persons (id) ON DELETE CASCADE")
        for statement in _POSTGRESQL_TAKE_SORT_KEY:
            op.execute(statement)
    else:
        op.execute("DROP TRIGGER persons_drop_search_terms")
        op.execute("DELETE FROM search_terms WHERE NOT EXISTS (SELECT 1 FROM persons WHERE persons.id = "
                   "search_terms.person_id)")
        _sqlite_rebuild(whole=False)
        op.execute(_SQLITE_TAKE_SORT_KEY)
