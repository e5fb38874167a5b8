"""``notify()``: the one way any app tells members about something.

Called inside the action's transaction: rows are bulk-inserted there, and the live push and the
emails happen only after commit (``transaction.on_commit``), so nobody is told about something
that rolled back.

The contract every caller relies on (tested in ``tests/notifications/test_api.py``): each
recipient at most once, never the actor, only active members, never someone who turned the kind
off; an unknown kind raises.
"""

from django.db import transaction

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
