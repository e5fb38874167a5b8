"""core.outage in process: which database errors are an outage (503, logged once) and which are
bugs (500 with their traceback). The real outage: tests/ops/test_database_outage.py."""

import logging
import sqlite3

import pytest
from django.db import OperationalError, ProgrammingError, connection
from django.test import RequestFactory

from config.views import server_error
from core import outage


@pytest.fixture(autouse=True)
def no_outage_yet(monkeypatch):
    monkeypatch.setattr(outage, "_down_since", None)


def django_error(kind, cause):
    error = kind(str(cause))
    error.__cause__ = cause
    return error


def answer_while_handling(error):
    try:
        raise error
    except Exception:
        return server_error(RequestFactory().get("/forum/"))


def test_a_locked_or_missing_database_file_is_an_outage():
    locked = django_error(OperationalError, sqlite3.OperationalError("database is locked"))
    assert outage.is_outage(locked)
    missing = django_error(
        OperationalError, sqlite3.OperationalError("unable to open database file")
    )
    assert outage.is_outage(missing)


def test_a_query_bug_is_not_an_outage(db):
    with pytest.raises(Exception) as raised, connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")
    assert not outage.is_outage(raised.value)
    assert not outage.is_outage(ValueError("not a database error"))
    assert not outage.is_outage(None)


def test_an_outage_answers_503_with_retry_after_and_is_logged_once(caplog):
    error = django_error(OperationalError, sqlite3.OperationalError("database is locked"))
    with caplog.at_level(logging.INFO, logger="core.outage"):
        answers = [answer_while_handling(error) for _ in range(3)]
    assert [a.status_code for a in answers] == [503, 503, 503]
    assert all(int(a["Retry-After"]) == outage.RETRY_AFTER for a in answers)
    assert "briefly unavailable" in answers[0].content.decode()
    assert [r.getMessage()[:20] for r in caplog.records] == ["Database unreachable"]
    with caplog.at_level(logging.INFO, logger="core.outage"):
        outage._reconnected(sender=None, connection=connection)
        outage._reconnected(sender=None, connection=connection)
    assert [r.getMessage()[:25] for r in caplog.records][1:] == ["Database reachable again "]
    assert not outage.in_outage()


def test_other_errors_stay_500():
    answer = answer_while_handling(django_error(ProgrammingError, ValueError("syntax error")))
    assert answer.status_code == 500 and "Retry-After" not in answer
