from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import MembershipEvent
from notifications.models import Notification
from privacy import actions

pytestmark = pytest.mark.django_db


def aged(model, days, **fields):
    row = model.objects.create(**fields)
    stamp = "enqueued_at" if model is DBTaskResult else "created"
    model.objects.filter(pk=row.pk).update(**{stamp: timezone.now() - timedelta(days=days)})
    return row


def task(**extra):
    return {
        "args_kwargs": {"args": ["Subject", "Body", ["alice@gcm.unu.example"]], "kwargs": {}},
        "task_path": "accounts.tasks.send_email",
        "backend_name": "default",
        "run_after": timezone.now(),
        "status": "SUCCESSFUL",
        **extra,
    }


def test_it_forgets_what_the_retention_periods_no_longer_keep(settings, member):
    settings.PRIVACY_RETENTION_DAYS = {"tasks": 30, "notifications": 365, "audit": 730}
    old_task, new_task = aged(DBTaskResult, 31, **task()), aged(DBTaskResult, 29, **task())
    unsent = aged(DBTaskResult, 31, **task(status="FAILED"))
    old_note = aged(Notification, 366, recipient=member, kind="forum.reply", summary="old")
    new_note = aged(Notification, 364, recipient=member, kind="forum.reply", summary="new")
    old_event = aged(MembershipEvent, 731, user=member, kind="applied")
    new_event = aged(MembershipEvent, 729, user=member, kind="applied")
    expired, live = SessionStore(), SessionStore()
    expired.set_expiry(-10)
    expired.create()
    live.create()

    removed = actions.forget_expired()

    assert removed["tasks"] == 2 and removed["notifications"] == 1 and removed["audit"] == 1
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {new_task.pk}
    assert not DBTaskResult.objects.filter(pk__in=[old_task.pk, unsent.pk]).exists()
    assert list(Notification.objects.values_list("pk", flat=True)) == [new_note.pk]
    assert not Notification.objects.filter(pk=old_note.pk).exists()
    assert MembershipEvent.objects.filter(pk=new_event.pk).exists()
    assert not MembershipEvent.objects.filter(pk=old_event.pk).exists()
    assert set(Session.objects.values_list("session_key", flat=True)) == {live.session_key}


def test_a_running_task_is_kept_whatever_its_age(settings):
    running = aged(DBTaskResult, 400, **task(status="RUNNING"))
    actions.forget_expired()
    assert DBTaskResult.objects.filter(pk=running.pk).exists()


def sign_in_record(user, session, days):
    record = UserSession.objects.create(
        user=user,
        session_key=session.session_key,
        ip="203.0.113.7",
        user_agent="Firefox",
    )
    UserSession.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - timedelta(days=days),
        last_seen_at=timezone.now() - timedelta(days=days),
    )
    return record


def test_where_someone_signed_in_from_is_kept_as_long_as_a_session(settings, member):
    settings.SESSION_COOKIE_AGE = 14 * 24 * 3600
    sessions = [SessionStore() for _ in range(3)]
    for session in sessions:
        session.create()
    old = sign_in_record(member, sessions[0], 15)
    recent = sign_in_record(member, sessions[1], 13)
    ended = sign_in_record(member, sessions[2], 1)
    Session.objects.filter(session_key=sessions[2].session_key).delete()  # signed out, say

    assert actions.forget_expired()["sign_ins"] == 2

    assert list(UserSession.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not UserSession.objects.filter(pk__in=[old.pk, ended.pk]).exists()
