"""The session list's "last seen" is written at most once per interval per session, and at once
when the session's address or browser changes (accounts.activity)."""

import pytest
from allauth.usersessions.models import UserSession
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts import activity
from accounts.activity import SESSION_KEY

pytestmark = pytest.mark.django_db


def session_writes(client, path="/home/", **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, **headers).status_code == 200
    return sum(
        1
        for q in queries.captured_queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and "usersessions_usersession" in q["sql"]
    )


def test_last_seen_is_written_once_per_interval(member, monkeypatch):
    clock = [1_000_000]
    monkeypatch.setattr(activity.time, "time", lambda: clock[0])
    client = Client(HTTP_USER_AGENT="Laptop")
    client.force_login(member)
    assert session_writes(client) == 1  # the first request of the session records it
    assert session_writes(client) == 0
    assert session_writes(client, "/forum/") == 0
    clock[0] += 299
    assert session_writes(client) == 0
    assert client.session[SESSION_KEY][0] == 1_000_000
    clock[0] += 1
    before = UserSession.objects.get(user=member).last_seen_at
    assert session_writes(client) == 1
    assert UserSession.objects.get(user=member).last_seen_at > before
    assert session_writes(client) == 0


def test_a_new_browser_or_address_is_recorded_at_once(member):
    client = Client(HTTP_USER_AGENT="Laptop")
    client.force_login(member)
    session_writes(client)
    assert session_writes(client, HTTP_USER_AGENT="Laptop, updated") == 1
    assert UserSession.objects.get(user=member).user_agent == "Laptop, updated"
    assert session_writes(client, HTTP_USER_AGENT="Laptop, updated") == 0
    assert session_writes(client, HTTP_USER_AGENT="Laptop, updated", REMOTE_ADDR="10.0.0.9") == 1
    assert UserSession.objects.get(user=member).ip == "10.0.0.9"


def test_visitors_are_not_tracked(client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not [q for q in queries.captured_queries if "usersessions" in q["sql"]]
