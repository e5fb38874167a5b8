"""Every write to notifications.

``notify()`` is the one way any app tells members about something. It is called inside the
action's transaction: rows are bulk-inserted there, and the live push and the emails happen only
after commit (``transaction.on_commit``), so nobody is told about something that rolled back.
The contract every caller relies on (tested in ``tests/notifications/test_api.py``): each
recipient at most once, never the actor, only active members, never someone who turned the kind
off; an unknown kind raises.

``withdraw()`` takes notifications back when their recipients may no longer see what they are
about (a thread deleted, a practice declined): the rows go, so lists, counts and digests leave
them out, and open pages hear the new unread count after commit.

The member's own writes follow: marking read, preferences, unsubscribing. They are rate-limited,
and the member's other tabs hear of them.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count

from core.ratelimit import consume

from . import kinds, unread
from .delivery import deliver, push_unread_count, push_withdrawn
from .kinds import Delivery
from .models import Notification, Preference


def notify(
    recipients, kind: str, *, actor=None, target=None, summary: str = "", url: str = ""
) -> list[Notification]:
    registered = kinds.get(kind)
    people = {
        r.pk: r
        for r in recipients
        if r is not None and r.is_member and (actor is None or r.pk != actor.pk)
    }
    if not people:
        return []
    chosen = dict(
        Preference.objects.filter(user_id__in=people, kind=kind).values_list("user_id", "delivery")
    )
    if target is not None and not url and hasattr(target, "get_absolute_url"):
        url = target.get_absolute_url()
    summary = (summary or str(registered.label))[:300]
    rows = []
    for pk in sorted(people):
        delivery = chosen.get(pk, registered.default)
        if delivery == Delivery.OFF:
            continue
        rows.append(
            Notification(
                recipient_id=pk,
                kind=kind,
                actor=actor,
                target=target,
                summary=summary,
                url=url,
                delivery=delivery,
            )
        )
    if not rows:
        return []
    created = Notification.objects.bulk_create(rows)
    unread.forget(row.recipient_id for row in rows)
    transaction.on_commit(lambda: deliver(created))
    return created


def withdraw(notifications) -> int:
    """Delete ``notifications`` (a queryset), in two queries whatever their number; returns how
    many went."""
    removed: dict[int, list[int]] = defaultdict(list)
    for pk, recipient_id in notifications.values_list("pk", "recipient_id"):
        removed[recipient_id].append(pk)
    if not removed:
        return 0
    notifications.delete()
    unread.forget(removed)
    transaction.on_commit(lambda: _after_withdraw(dict(removed)))
    return sum(len(ids) for ids in removed.values())


def _after_withdraw(removed: dict[int, list[int]]) -> None:
    unread = dict(
        Notification.objects.filter(recipient_id__in=removed)
        .unread()
        .values("recipient_id")
        .annotate(count=Count("pk"))
        .values_list("recipient_id", "count")
    )
    push_withdrawn(removed, unread)


def mark_read_about(user, target) -> int:
    """Mark read the member's notifications about ``target`` (the conversation they just read);
    their open pages hear the new count. Part of reading a page, so no rate limit."""
    about = Notification.objects.for_user(user).filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    )
    read = list(about.unread().values_list("pk", flat=True))
    if read and Notification.objects.filter(pk__in=read).mark_read():
        unread.forget([user.pk])
        _announce_unread(user, read)
    return len(read)


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
        unread.forget([user.pk])
        _announce_unread(user, [notification.pk])
    return notification


@transaction.atomic
def mark_all_read(user) -> int:
    consume(user, "notifications.write")
    count = Notification.objects.for_user(user).mark_read()
    if count:
        unread.forget([user.pk])
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
