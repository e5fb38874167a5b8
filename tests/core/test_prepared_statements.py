"""On PostgreSQL a query a connection has run DATABASE_PREPARE_AFTER times is prepared on it:
planned once, its parameters bound by the server (config.settings). The whole suite runs so in
CI's PostgreSQL step: server-side binding sends a ``Value`` as its output field's type, and the
inbox's unread counts (tests/conversations) caught a bigint sent as an int4."""

import pytest
from django.db import connection

from accounts.models import User
from tests import services

pytestmark = pytest.mark.django_db


def prepared() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


def test_a_query_run_again_is_prepared_whatever_its_parameters(settings, member):
    services.postgres_url()
    assert settings.DATABASES["default"]["OPTIONS"]["server_side_binding"] is True
    threshold = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]
    assert threshold == settings.DATABASE_PREPARE_AFTER > 0
    before = prepared()
    for pk in range(member.pk, member.pk + threshold + 1):  # other values, the same SQL
        # A query of its own shape, so no earlier test has prepared it on this connection.
        list(User.objects.filter(pk=pk, display_name__endswith="prepared?").values("pk"))
    new = {sql for sql in prepared() - before if "display_name" in sql and "LIKE" in sql}
    assert len(new) == 1
    [sql] = new
    assert "$1" in sql  # bound by the server: one statement for every value


def test_more_rows_than_one_query_holds_are_sent_in_batches(member):
    """A query bound by the server holds at most 65,535 parameters (core/postgresql/base.py):
    7,000 notifications of 10 columns each are 70,000, and a lookup of 70,000 ids as many."""
    services.postgres_url()
    from core.postgresql.base import MAX_PARAMETERS
    from notifications.models import Notification

    rows = MAX_PARAMETERS // 10 + 500
    Notification.objects.bulk_create(
        Notification(recipient=member, kind="test", summary=f"number {n}") for n in range(rows)
    )
    assert Notification.objects.filter(recipient=member, kind="test").count() == rows
    ids = list(Notification.objects.filter(recipient=member).values_list("pk", flat=True))
    wanted = ids + list(range(max(ids) + 1, max(ids) + 1 + MAX_PARAMETERS))
    assert len(wanted) > MAX_PARAMETERS
    assert set(Notification.objects.in_bulk(wanted)) == set(ids)
