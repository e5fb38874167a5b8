"""Who may do what with outputs and events."""

from accounts.permissions import is_member, is_moderator

from .models import Status

EDITABLE = {Status.DRAFT, Status.SUBMITTED, Status.DECLINED}


def can_submit(user) -> bool:
    return is_member(user)


def can_edit(user, item) -> bool:
    """The submitter edits until publication; moderators edit whatever the status."""
    if is_moderator(user):
        return True
    return is_member(user) and item.submitted_by_id == user.pk and item.status in EDITABLE


def can_review(user) -> bool:
    return is_moderator(user)


def can_see_draft(user, item) -> bool:
    return is_moderator(user) or (is_member(user) and item.submitted_by_id == user.pk)
