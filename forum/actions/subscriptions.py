"""Watching and muting, and how far a member has read."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.ratelimit import consume

from .. import permissions
from ..models import ReadState, Subscription, Thread
from .common import require


@transaction.atomic
def set_subscription(user, level: str | None, *, thread=None, category=None) -> None:
    """Watch, mute, or go back to the default (``level=None``) for a thread or a category."""
    if thread is not None:
        require(permissions.can_view_thread(user, thread), _("You cannot see this thread."))
    elif not permissions.is_member(user):
        raise PermissionDenied
    if level not in (None, *Subscription.Level.values):
        raise ValidationError(_("Unknown setting."), code="invalid")
    consume(user, "forum.write")
    target = {"thread": thread} if thread is not None else {"category": category}
    if level is None:
        Subscription.objects.filter(user=user, **target).delete()
    else:
        Subscription.objects.update_or_create(user=user, **target, defaults={"level": level})


def mark_read(user, thread: Thread, position: int, *, has_state: bool) -> None:
    """Read tracking happens on every page view (one query), so it is not rate limited."""
    if not permissions.is_member(user) or position < 1:
        return
    if has_state:
        ReadState.objects.filter(user=user, thread=thread, last_read_position__lt=position).update(
            last_read_position=position, updated=timezone.now()
        )
    else:
        ReadState.objects.bulk_create(
            [ReadState(user=user, thread=thread, last_read_position=position)],
            ignore_conflicts=True,
        )
