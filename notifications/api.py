"""``notify()``: the one way any app tells members about something.

Called inside the action's transaction: rows are bulk-inserted there, and the live push happens
only after commit (``transaction.on_commit``), so nobody is told about something that rolled back.
"""

from django.db import transaction

from .models import Notification


def notify(
    recipients, kind: str, *, actor=None, target=None, summary: str = "", url: str = ""
) -> list[Notification]:
    recipients = {
        r.pk: r for r in recipients if r is not None and (actor is None or r.pk != actor.pk)
    }
    if not recipients:
        return []
    if target is not None and not url and hasattr(target, "get_absolute_url"):
        url = target.get_absolute_url()
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            actor=actor,
            target=target,
            summary=summary[:300] or kind,
            url=url,
        )
        for pk in recipients
    ]
    created = Notification.objects.bulk_create(rows)
    transaction.on_commit(lambda: _push(created))
    return created


def _push(notifications) -> None:
    from .delivery import push

    push(notifications)
