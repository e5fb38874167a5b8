"""Notification emails are sent at least once: a failure before the commit leaves them due, and
the run that follows sends them again under the same Message-ID, which mail clients show once."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import OperationalError

from notifications.actions import notify
from notifications.models import Notification
from notifications.tasks import send_digest, send_notification_email


@pytest.fixture
def reply(member, other_member, on_commit):
    with on_commit(execute=False):
        (notification,) = notify([member], "reply", actor=other_member, summary="Bob replied")
    return notification


def failing_send(monkeypatch, *, after_sending: bool):
    """The next send fails: the mail server refuses it, or it goes out and the database drops
    the connection before the commit."""
    real_send = EmailMessage.send
    calls = []

    def send(message, fail_silently=False):
        if calls:
            return real_send(message, fail_silently)
        calls.append(message)
        if after_sending:
            real_send(message, fail_silently)
            raise OperationalError("server closed the connection unexpectedly")
        raise ConnectionRefusedError("the mail server is not answering")

    monkeypatch.setattr(EmailMessage, "send", send)


def test_an_email_the_mail_server_refused_stays_due_and_goes_out_on_the_next_run(
    reply, monkeypatch
):
    failing_send(monkeypatch, after_sending=False)
    with pytest.raises(ConnectionRefusedError):
        send_notification_email.call(reply.pk)
    assert mail.outbox == []
    assert Notification.objects.get(pk=reply.pk).email_sent_at is None
    assert send_notification_email.call(reply.pk) is True
    assert [m.subject for m in mail.outbox] == ["[Migration Network] Bob replied"]


def test_an_email_sent_just_before_a_crash_goes_again_under_the_same_message_id(reply, monkeypatch):
    failing_send(monkeypatch, after_sending=True)
    with pytest.raises(OperationalError):
        send_notification_email.call(reply.pk)
    assert Notification.objects.get(pk=reply.pk).email_sent_at is None
    assert send_notification_email.call(reply.pk) is True
    assert send_notification_email.call(reply.pk) is False
    first, again = (m.message()["Message-ID"] for m in mail.outbox)
    assert first == again == f"<notification.{reply.pk}@127.0.0.1>"
    assert Notification.objects.get(pk=reply.pk).email_sent_at is not None


def test_each_notification_has_its_own_message_id(member, other_member, on_commit):
    with on_commit(execute=True):
        notify([member], "reply", actor=other_member, summary="One")
        notify([member], "reply", actor=other_member, summary="Two")
    ids = {m.message()["Message-ID"] for m in mail.outbox}
    assert len(mail.outbox) == 2 and len(ids) == 2


def test_a_digest_the_mail_server_refused_stays_due(member, on_commit, monkeypatch):
    with on_commit(execute=True):
        notify([member], "thread_post", summary="New post in Data")
    failing_send(monkeypatch, after_sending=False)
    with pytest.raises(ConnectionRefusedError):
        send_digest.call(member.pk)
    assert Notification.objects.awaiting_digest().count() == 1
    call_command("send_digests")
    (digest,) = mail.outbox
    assert "New post in Data" in digest.body
    assert Notification.objects.awaiting_digest().count() == 0


def test_a_digest_sent_again_after_a_crash_keeps_its_message_id(member, on_commit, monkeypatch):
    with on_commit(execute=True):
        notify([member], "thread_post", summary="New post in Data")
    failing_send(monkeypatch, after_sending=True)
    with pytest.raises(OperationalError):
        send_digest.call(member.pk)
    assert send_digest.call(member.pk) == 1
    assert send_digest.call(member.pk) == 0
    first, again = (m.message()["Message-ID"] for m in mail.outbox)
    assert first == again and first.startswith(f"<digest.{member.pk}.")
