"""``notify()``: the one way any app tells members about something.

Called inside the action's transaction: rows are bulk-inserted there, and the live push and the
emails happen only after commit (``transaction.on_commit``), so nobody is told about something
that rolled back.

The contract every caller relies on (tested in ``tests/notifications/test_api.py``): each
recipient at most once, never the actor, only active members, never someone who turned the kind
off; an unknown kind raises.

``withdraw()`` takes notifications back when their recipients may no longer see what they are
about (a thread deleted, a practice declined): the rows go, so lists, counts and digests leave
them out, and open pages hear the new unread count after commit.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count

from . import kinds
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
    transaction.on_commit(lambda: _after_commit(created))
    return created


def _after_commit(notifications) -> None:
    from .delivery import deliver

    deliver(notifications)


def withdraw(notifications) -> int:
    """Delete ``notifications`` (a queryset), in two queries whatever their number; returns how
    many went."""
    removed: dict[int, list[int]] = defaultdict(list)
    for pk, recipient_id in notifications.values_list("pk", "recipient_id"):
        removed[recipient_id].append(pk)
    if not removed:
        return 0
    notifications.delete()
    transaction.on_commit(lambda: _after_withdraw(dict(removed)))
    return sum(len(ids) for ids in removed.values())


def _after_withdraw(removed: dict[int, list[int]]) -> None:
    from .delivery import push_withdrawn

    unread = dict(
        Notification.objects.filter(recipient_id__in=removed)
        .unread()
        .values("recipient_id")
        .annotate(count=Count("pk"))
        .values_list("recipient_id", "count")
    )
    push_withdrawn(removed, unread)
