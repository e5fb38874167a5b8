"""Email delivery as background tasks: run at once in the embedded default, by
``manage.py worker`` in production, which runs a task again when its worker died or the database
or mail server failed. Sending is at least once: the notifications are locked, the email sent,
then ``email_sent_at`` written in the same transaction, so a crash before the commit leaves them
due and the next run sends again, with the same ``Message-ID`` (see ``emails``). A run that finds
them sent, read or locked by a run in progress sends nothing."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from accounts.models import User

from . import emails
from .kinds import Delivery
from .models import Notification, Preference

DIGEST_LIMIT = 100


@task()
def send_notification_email(notification_id: int) -> bool:
    with transaction.atomic():
        notification = (
            Notification.objects.select_related("recipient")
            .select_for_update(of=("self",), skip_locked=True)
            .filter(pk=notification_id, read_at__isnull=True, email_sent_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.is_member:
            return False
        # The member may have unsubscribed while the task waited for the worker.
        if Preference.objects.delivery(notification.recipient, notification.kind) != Delivery.EMAIL:
            return False
        emails.immediate(notification).send()
        Notification.objects.filter(pk=notification_id).update(email_sent_at=timezone.now())
    return True


@task()
def send_digest(user_id: int) -> int:
    """Email one member what awaits their digest; returns how many notifications it held."""
    user = User.objects.members().filter(pk=user_id).first()
    if user is None:
        return 0
    still_digest = [
        kind
        for kind, delivery in Preference.objects.deliveries(user).items()
        if delivery == Delivery.DIGEST
    ]
    with transaction.atomic():
        due = list(
            Notification.objects.awaiting_digest()
            .select_for_update(skip_locked=True)
            .filter(recipient=user, kind__in=still_digest)
            .order_by("id")[:DIGEST_LIMIT]
        )
        if not due:
            return 0
        emails.digest(user, due).send()
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(email_sent_at=timezone.now())
    return len(due)


def enqueue_digests() -> int:
    """One digest task per member with something waiting; ``manage.py send_digests`` calls this."""
    user_ids = (
        Notification.objects.awaiting_digest().values_list("recipient_id", flat=True).distinct()
    )
    count = 0
    for user_id in user_ids.order_by("recipient_id"):
        send_digest.enqueue(user_id)
        count += 1
    return count
