"""What every forum write uses: text cleaning, permission refusals, the audit log,
watching and read positions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.actions import record
from core import text
from core.text import strip_invisible, validate_display_text

from .. import permissions
from ..models import (
    BODY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    ReadState,
    Subscription,
    Thread,
)

LOCKED_AGAINST_EDITS = gettext_lazy("This thread is locked: its posts can no longer be edited.")


def clean_body(body: str) -> str:
    return text.clean_body(
        body or "",
        max_length=BODY_MAX_LENGTH,
        blank=_("Write something before posting."),
        too_long=_("Posts are limited to %(max)s characters; this one has %(length)s."),
    )


def clean_title(title: str) -> str:
    return validate_display_text(title, max_length=TITLE_MAX_LENGTH)


def require_reason(reason: str) -> str:
    reason = strip_invisible(reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason."), code="required")
    return reason


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def require_unlocked(user, thread: Thread) -> None:
    """Refuse a non-moderator's edit if the thread is locked now, not when the form was loaded.

    The row lock orders the edit with a concurrent lock (``moderate_thread`` updates the row).
    """
    thread.locked = (
        Thread.objects.select_for_update().filter(pk=thread.pk).values_list("locked", flat=True)
    ).get()
    require(not permissions.is_locked_for(user, thread), LOCKED_AGAINST_EDITS)


def log(actor, action, *, thread=None, post=None, target=None, reason="", details=""):
    """One entry in the audit log: a post's is on its author, a thread's on the thread."""
    record(
        actor,
        action,
        target=target or post or thread,
        member=post.author if post is not None else None,
        label=thread.title if thread is not None else "",
        reason=reason,
        details=details,
    )


def watch(user, thread: Thread) -> None:
    """Authors and repliers watch automatically, unless they chose a level for the thread."""
    Subscription.objects.get_or_create(
        user=user, thread=thread, defaults={"level": Subscription.Level.WATCHING}
    )


def advance_read(user, thread: Thread, position: int) -> None:
    """The author of a post has read the thread up to it."""
    updated = ReadState.objects.filter(
        user=user, thread=thread, last_read_position__lt=position
    ).update(last_read_position=position, updated=timezone.now())
    if not updated:
        ReadState.objects.get_or_create(
            user=user, thread=thread, defaults={"last_read_position": position}
        )


def set_vocabularies(obj, values: dict) -> None:
    for field, items in values.items():
        if items:
            getattr(obj, field).set(items)
