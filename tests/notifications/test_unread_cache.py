"""The badge's unread count comes from the cache (no query per page) and follows every change:
a new notification, one or all marked read, reading what it is about, one withdrawn."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import actions
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def badge(client) -> int:
    page = client.get(reverse("home")).content.decode()
    return int(re.search(r"data-unread-count[^>]*>(\d+)<", page).group(1))


def tell(member, other_member, n=1):
    return [actions.notify([member], "reply", actor=other_member) for _ in range(n)]


def test_the_badge_counts_once_then_reads_the_cache(login, member, other_member):
    client = login(member)
    tell(member, other_member, 2)
    assert badge(client) == 2
    with CaptureQueriesContext(connection) as queries:
        assert badge(client) == 2
    assert not [
        q
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT COUNT") and "notifications_notification" in q["sql"]
    ]


def test_every_change_is_seen_at_the_next_page(login, member, other_member):
    client = login(member)
    assert badge(client) == 0
    (first,), (second,), (_third,) = tell(member, other_member, 3)
    assert badge(client) == 3
    assert client.post(reverse("notifications:mark_read", args=[first.pk])).status_code in (
        200,
        302,
    )
    assert badge(client) == 2
    actions.withdraw(Notification.objects.filter(pk=second.pk))
    assert badge(client) == 1
    actions.mark_all_read(member)
    assert badge(client) == 0
    tell(member, other_member)
    assert badge(client) == 1


def test_one_members_change_leaves_anothers_count(login, member, other_member, moderator):
    tell(member, other_member)
    tell(other_member, member, 2)
    assert badge(login(member)) == 1
    actions.mark_all_read(other_member)
    assert badge(login(member)) == 1
