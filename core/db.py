"""The one answer to "is this PostgreSQL?", for code with a PostgreSQL-only path."""

from django.db import connection


def is_postgres() -> bool:
    return connection.vendor == "postgresql"
