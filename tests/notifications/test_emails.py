"""Immediate emails and the daily digest: sent by tasks, each with a one-click unsubscribe."""

import re

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from notifications.actions import notify
from notifications.kinds import Delivery
from notifications.models import Notification, Preference


def unsubscribe_path(message) -> str:
    link = re.search(r"<(https?://[^>]+)>", message.extra_headers["List-Unsubscribe"]).group(1)
    return "/" + link.split("/", 3)[3]


def test_a_reply_is_emailed_at_once_with_unsubscribe_headers(member, other_member, on_commit):
    with on_commit(execute=True):
        notify([member], "reply", actor=other_member, summary="Bob replied", url="/forum/p/1/")
    (message,) = mail.outbox
    assert message.to == ["alice@gcm.unu.example"] and "Bob replied" in message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    notification = Notification.objects.get()
    assert reverse("notifications:open", args=[notification.pk]) in message.body
    assert notification.email_sent_at is not None
    assert unsubscribe_path(message) in message.body


def test_the_emails_unsubscribe_link_works_in_one_post(member, other_member, on_commit):
    with on_commit(execute=True):
        notify([member], "mention", actor=other_member, summary="You were named")
    response = Client().post(unsubscribe_path(mail.outbox[0]), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Preference.objects.deliveries(member)["mention"] == Delivery.IN_APP
    with on_commit(execute=True):
        notify([member], "mention", actor=other_member, summary="Again")
    assert len(mail.outbox) == 1


def test_in_app_and_digest_kinds_are_not_emailed_at_once(member, on_commit):
    with on_commit(execute=True):
        notify([member], "thread_post", summary="Digest me")
        notify([member], "membership_approved", summary="In the app")
    assert mail.outbox == []


def test_an_email_task_sends_once_and_not_for_read_ones(member, on_commit):
    from notifications.tasks import send_notification_email

    with on_commit(execute=False):
        first = notify([member], "reply", summary="One")[0]
        second = notify([member], "reply", summary="Two")[0]
    Notification.objects.filter(pk=second.pk).mark_read()
    assert send_notification_email.call(first.pk) is True
    assert send_notification_email.call(first.pk) is False
    assert send_notification_email.call(second.pk) is False
    assert len(mail.outbox) == 1


def test_the_digest_gathers_unread_digest_items_once(member, other_member, on_commit):
    with on_commit(execute=True):
        kept = notify([member, other_member], "thread_post", summary="New post in Data")
        read = notify([member], "thread_post", summary="Already seen")
    Notification.objects.filter(pk=read[0].pk).mark_read()
    call_command("send_digests")
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@gcm.unu.example", "bob@ehs.unu.example"]
    alice = next(m for m in mail.outbox if m.to == ["alice@gcm.unu.example"])
    assert "New post in Data" in alice.body and "Already seen" not in alice.body
    assert "List-Unsubscribe" in alice.extra_headers
    assert all(n.email_sent_at for n in Notification.objects.filter(pk__in=[k.pk for k in kept]))
    call_command("send_digests")
    assert len(mail.outbox) == 2


def test_the_digest_respects_a_later_change_of_mind(member, on_commit):
    with on_commit(execute=True):
        notify([member], "thread_post", summary="Was for the digest")
    Preference.objects.create(user=member, kind="thread_post", delivery=Delivery.IN_APP)
    call_command("send_digests")
    assert mail.outbox == []


def test_an_email_waiting_for_the_worker_is_not_sent_after_an_unsubscribe(member, on_commit):
    from notifications import actions
    from notifications.tasks import send_notification_email

    with on_commit(execute=False):
        (queued,) = notify([member], "reply", summary="Queued before the change of mind")
    assert actions.unsubscribe(member, "reply") == ["reply"]
    assert send_notification_email.call(queued.pk) is False
    assert mail.outbox == []
