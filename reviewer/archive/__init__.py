"""The local archive: SQLAlchemy 2 typed ORM over SQLite (default) or any SQLAlchemy URL, migrated by Alembic."""
