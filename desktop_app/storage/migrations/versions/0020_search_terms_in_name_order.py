"""Each search term carries its person's sort key, and the term index is ordered by it: (term, sort_key, person_id).

Search as you type shows its first page in name order. Before, a prefix typed at 1,000,000 persons
found every matching person and looked each one up for its sort key before the first 50 could be
shown (14,000 persons for a four-letter surname prefix). Now each term's persons lie in name order
in the index, so the first page is the first few entries of each matching term, merged
(`services.roster.first_page_ids`).

The copy is kept by the database itself, so no writer of terms or names has to know about it:
- a term row inserted without a sort key (every writer's) takes its person's;
- a person whose sort key changes (an edit, a merge, anonymising, an undo) passes it to their terms.

Revision ID: 0020
Revises: 0019
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = (
    """CREATE TRIGGER search_terms_take_sort_key AFTER INSERT ON search_terms WHEN NEW.sort_key IS NULL
BEGIN
    UPDATE search_terms SET sort_key = (SELECT sort_key FROM persons WHERE id = NEW.person_id)
    WHERE person_id = NEW.person_id AND term = NEW.term;
END""",
    """CREATE TRIGGER persons_pass_sort_key AFTER UPDATE OF sort_key ON persons
WHEN NEW.sort_key IS NOT OLD.sort_key
BEGIN
    UPDATE search_terms SET sort_key = NEW.sort_key WHERE person_id = NEW.id;
END""",
)

_POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION search_terms_take_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sort_key := (SELECT sort_key FROM persons WHERE id = NEW.person_id);
    RETURN NEW;
END $$""",
    """CREATE TRIGGER search_terms_take_sort_key BEFORE INSERT ON search_terms FOR EACH ROW
WHEN (NEW.sort_key IS NULL) EXECUTE FUNCTION search_terms_take_sort_key()""",
    """CREATE FUNCTION persons_pass_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_terms SET sort_key = NEW.sort_key WHERE person_id = NEW.id;
    RETURN NULL;
END $$""",
    """CREATE TRIGGER persons_pass_sort_key AFTER UPDATE OF sort_key ON persons FOR EACH ROW
WHEN (NEW.sort_key IS DISTINCT FROM OLD.sort_key) EXECUTE FUNCTION persons_pass_sort_key()""",
)


def upgrade() -> None:
    op.drop_index("ix_search_terms_term", table_name="search_terms")
    op.add_column("search_terms", sa.Column("sort_key", sa.String(600), nullable=True))
    op.execute("UPDATE search_terms SET sort_key = (SELECT sort_key FROM persons WHERE persons.id = "
               "search_terms.person_id)")
    op.create_index("ix_search_terms_term", "search_terms", ["term", "sort_key", "person_id"])
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in _POSTGRESQL_TRIGGERS if postgresql else _SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER persons_pass_sort_key ON persons")
        op.execute("DROP TRIGGER search_terms_take_sort_key ON search_terms")
        op.execute("DROP FUNCTION persons_pass_sort_key()")
        op.execute("DROP FUNCTION search_terms_take_sort_key()")
    else:
        op.execute("DROP TRIGGER persons_pass_sort_key")
        op.execute("DROP TRIGGER search_terms_take_sort_key")
    op.drop_index("ix_search_terms_term", table_name="search_terms")
    op.execute("ALTER TABLE search_terms DROP COLUMN sort_key")  # SQLite 3.35+; keeps WITHOUT ROWID
    op.create_index("ix_search_terms_term", "search_terms", ["term", "person_id"])
