"""Storage: the database connection, ORM mappings and Alembic migrations. No Qt."""
