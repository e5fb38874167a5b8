"""Writes: marking read, preferences, unsubscribing. Rate-limited; other tabs hear of it."""

from django.db import transaction

from core.ratelimit import consume

from . import kinds
from .delivery import push_unread_count
from .kinds import Delivery
from .models import Notification, Preference


def _announce_unread(user, read: list[int] | str) -> None:
    transaction.on_commit(
        lambda: push_unread_count(user.pk, Notification.objects.unread_count(user), read)
    )


@transaction.atomic
def mark_read(user, notification_id: int) -> Notification:
    """Raises ``Notification.DoesNotExist`` for someone else's notification (a 404)."""
    notification = Notification.objects.for_user(user).get(pk=notification_id)
    consume(user, "notifications.write")
    if Notification.objects.filter(pk=notification.pk).mark_read():
        _announce_unread(user, [notification.pk])
    return notification


@transaction.atomic
def mark_all_read(user) -> int:
    consume(user, "notifications.write")
    count = Notification.objects.for_user(user).mark_read()
    if count:
        _announce_unread(user, "all")
    return count


@transaction.atomic
def save_preferences(user, deliveries: dict[str, str]) -> None:
    """Store the member's choice per kind; a choice equal to the default stores no row."""
    consume(user, "notifications.write")
    for name, delivery in deliveries.items():
        kind = kinds.get(name)
        if delivery not in dict(kind.choices()):
            raise ValueError(f"{delivery!r} is not a delivery for {name}")
        if delivery == kind.default:
            Preference.objects.filter(user=user, kind=name).delete()
        else:
            Preference.objects.update_or_create(
                user=user, kind=name, defaults={"delivery": delivery}
            )


@transaction.atomic
def unsubscribe(user, kind: str) -> list[str]:
    """Stop emails for one kind (or every kind, from a digest): they stay in the app."""
    consume(user, "notifications.write")
    names = list(kinds.KINDS) if kind == "*" else [kind]
    deliveries = Preference.objects.deliveries(user)
    stopped = [name for name in names if deliveries[name] in (Delivery.EMAIL, Delivery.DIGEST)]
    for name in stopped:
        Preference.objects.update_or_create(
            user=user, kind=name, defaults={"delivery": Delivery.IN_APP}
        )
    return stopped
