"""Who may do what in conversations: actions enforce these; views and templates show them.

``why_not_write`` gives the reason a member may not write, in words they are shown."""

from django.utils.translation import gettext as _

from accounts.permissions import is_member, is_moderator

from .models import Block


def blocked_by(sender, users) -> list:
    """Those of ``users`` who blocked ``sender``."""
    ids = set(
        Block.objects.filter(blocker__in=[u.pk for u in users], blocked=sender).values_list(
            "blocker_id", flat=True
        )
    )
    return [u for u in users if u.pk in ids]


def why_not_start(sender, recipients) -> str:
    """Empty when ``sender`` may start a conversation with ``recipients``, else the reason."""
    if not is_member(sender):
        return _("Only members write to members.")
    if not recipients:
        return _("Choose at least one member to write to.")
    if any(r.pk == sender.pk for r in recipients):
        return _("You cannot write to yourself.")
    gone = [r for r in recipients if not r.is_member]
    if gone:
        return _("%(name)s is no longer an active member and cannot receive messages.") % {
            "name": gone[0].display_name
        }
    refusing = blocked_by(sender, recipients)
    if refusing:
        return _("%(name)s does not accept messages from you.") % {"name": refusing[0].display_name}
    return ""


def why_not_write(user, participant, others) -> str:
    """Empty when ``user`` (seated as ``participant``) may write into the conversation whose
    other seats are ``others``, else the reason."""
    if not is_member(user):
        return _("Only members write to members.")
    if participant is None:
        return _("You are not in this conversation.")
    if participant.has_left:
        return _("You left this conversation: you can read what was said, but not write.")
    readers = [p.user for p in others if not p.has_left and p.user.is_member]
    if not readers:
        gone = [p.user for p in others if not p.user.is_member]
        if gone and len(others) == 1:
            return _("%(name)s is no longer an active member and cannot receive messages.") % {
                "name": gone[0].display_name
            }
        return _("Everyone else left this conversation: nobody would read your message.")
    refusing = blocked_by(user, readers)
    if refusing:
        return _("%(name)s does not accept messages from you.") % {"name": refusing[0].display_name}
    return ""


def can_report(user, participant, message) -> bool:
    return (
        is_member(user)
        and participant is not None
        and message.author_id != user.pk
        and (participant.left_after is None or message.pk <= participant.left_after)
    )


def can_review_reports(user) -> bool:
    return is_moderator(user)
