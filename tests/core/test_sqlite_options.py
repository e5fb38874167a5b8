"""The embedded default's SQLite options, applied to a database file as bin/web's workers open it
(the test database itself lives in memory, where WAL does not apply)."""

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from config.settings import SQLITE_OPTIONS


@pytest.fixture
def open_file(tmp_path, django_db_blocker):
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}
    handler = ConnectionHandler({"default": {**database}, "other": {**database}})
    handler["default"].settings_dict["OPTIONS"] = dict(SQLITE_OPTIONS)
    handler["other"].settings_dict["OPTIONS"] = {**SQLITE_OPTIONS, "timeout": 0.1}
    with django_db_blocker.unblock():  # its own files, not the test database
        yield handler
        handler.close_all()


def pragma(connection, name):
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_wal_normal_sync_and_a_busy_timeout(open_file):
    one = open_file["default"]
    assert pragma(one, "journal_mode") == "wal"
    assert pragma(one, "synchronous") == 1  # NORMAL
    assert pragma(one, "busy_timeout") == 20000


def test_a_transaction_takes_the_write_lock_when_it_begins(open_file):
    one, other = open_file["default"], open_file["other"]
    with one.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x INTEGER)")
    # As transaction.atomic() begins one (sqlite3's own autocommit handling bypassed).
    one.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        # Nothing written yet, but IMMEDIATE holds the lock: another writer waits, then gives up.
        with pytest.raises(OperationalError, match="locked"), other.cursor() as cursor:
            cursor.execute("INSERT INTO t VALUES (1)")
        # Readers are not held up (WAL).
        with other.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM t")
            assert cursor.fetchone()[0] == 0
    finally:
        one.rollback()
        one.set_autocommit(True)
