"""Every write to conversations: starting one, writing, reading, leaving, blocking, reporting.

Each checks the permission (``PermissionDenied`` with the reason the member is shown), consumes a
rate limit, writes in one transaction, and after commit tells the other participants: a
notification (``notify``: the badge, and email per their preferences) and a hint to their open
conversation pages (``live``). ``send`` also serves replies that arrive by email (``by_email``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_member
from attachments.actions import attach
from audit.actions import record
from audit.models import Action
from core import text
from core.markup import render_markdown
from core.ratelimit import consume
from core.text import strip_invisible, validate_display_text
from notifications.actions import mark_read_about, notify

from . import live, permissions
from .models import (
    BODY_MAX_LENGTH,
    MAX_PARTICIPANTS,
    SUBJECT_MAX_LENGTH,
    Block,
    Conversation,
    Message,
    MessageReport,
    Participant,
)


def clean_body(body: str) -> str:
    return text.clean_body(
        body or "",
        max_length=BODY_MAX_LENGTH,
        blank=_("Write a message."),
        too_long=_("Messages are limited to %(max)s characters; this one has %(length)s."),
    )


def clean_subject(subject: str) -> str:
    subject = " ".join(strip_invisible(subject or "").split())
    if not subject:
        return ""
    return validate_display_text(subject, max_length=SUBJECT_MAX_LENGTH)


@transaction.atomic
def start(sender, recipients, *, subject: str, body: str, files=()) -> Conversation:
    """A new conversation of ``sender`` and ``recipients`` (active members, none of whom blocked
    the sender), opened with its first message (with ``files``, ``attachments.forms.Prepared``)."""
    recipients = list({r.pk: r for r in recipients}.values())
    reason = permissions.why_not_start(sender, recipients)
    if reason:
        raise PermissionDenied(reason)
    if len(recipients) + 1 > MAX_PARTICIPANTS:
        raise ValidationError(
            _("A conversation holds at most %(max)d people.") % {"max": MAX_PARTICIPANTS}
        )
    consume(sender, "conversations.start")
    subject, body = clean_subject(subject), clean_body(body)
    conversation = Conversation.objects.create(subject=subject, started_by=sender)
    Participant.objects.bulk_create(
        [Participant(conversation=conversation, user=u) for u in [sender, *recipients]]
    )
    _add_message(conversation, sender, body, recipients, by_email=False, files=files)
    return conversation


def seats(conversation, user):
    """``(participant of user or None, the other participants)``, users loaded."""
    everyone = list(
        Participant.objects.filter(conversation=conversation).select_related("user__profile")
    )
    mine = next((p for p in everyone if p.user_id == user.pk), None)
    return mine, [p for p in everyone if p.user_id != user.pk]


@transaction.atomic
def send(author, conversation, body: str, *, by_email: bool = False, files=()) -> Message:
    # The seat row is locked: a leave in flight is ordered with this message.
    Participant.objects.select_for_update().filter(conversation=conversation, user=author).first()
    mine, others = seats(conversation, author)
    reason = permissions.why_not_write(author, mine, others)
    if reason:
        raise PermissionDenied(reason)
    consume(author, "conversations.write")
    body = clean_body(body)
    readers = [p.user for p in others if not p.has_left and p.user.is_member]
    return _add_message(conversation, author, body, readers, by_email=by_email, files=files)


def _add_message(conversation, author, body, readers, *, by_email, files=()) -> Message:
    message = Message.objects.create(
        conversation=conversation,
        author=author,
        body=body,
        body_html=render_markdown(body),
        by_email=by_email,
    )
    # Over the author's quota: ValidationError, and the message is not sent.
    attach(author, message, list(files))
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created)
    conversation.last_message_at = message.created
    Participant.objects.filter(conversation=conversation, user=author).update(
        last_read_id=message.pk
    )
    if conversation.subject:
        summary = _("%(name)s wrote to you: “%(subject)s”") % {
            "name": author.display_name,
            "subject": conversation.subject,
        }
    else:
        summary = _("%(name)s wrote to you") % {"name": author.display_name}
    notify(readers, "message", actor=author, target=conversation, summary=summary)
    listeners = [author.pk, *(r.pk for r in readers)]
    transaction.on_commit(lambda: live.message_created(message, listeners))
    return message


@transaction.atomic
def mark_read(user, participant, up_to: int) -> None:
    """The member read the conversation up to message ``up_to``: part of showing the page, so no
    rate limit; its notifications are marked read too."""
    if participant.left_after is not None:
        up_to = min(up_to, participant.left_after)
    if up_to > participant.last_read_id:
        Participant.objects.filter(pk=participant.pk, last_read_id__lt=up_to).update(
            last_read_id=up_to
        )
        participant.last_read_id = up_to
    mark_read_about(user, participant.conversation)


@transaction.atomic
def leave(user, conversation) -> Participant:
    participant = (
        Participant.objects.select_for_update().filter(conversation=conversation, user=user).first()
    )
    if participant is None or not is_member(user):
        raise PermissionDenied(_("You are not in this conversation."))
    if participant.has_left:
        return participant
    consume(user, "conversations.write")
    last = Message.objects.filter(conversation=conversation).order_by("-pk").first()
    participant.left_at = timezone.now()
    participant.left_after = last.pk if last else 0
    participant.save(update_fields=["left_at", "left_after"])
    return participant


@transaction.atomic
def block(user, other) -> Block:
    if not is_member(user):
        raise PermissionDenied(_("Only members block members."))
    if other.pk == user.pk:
        raise PermissionDenied(_("You cannot block yourself."))
    consume(user, "conversations.write")
    blocked, _created = Block.objects.get_or_create(blocker=user, blocked=other)
    return blocked


@transaction.atomic
def unblock(user, other) -> int:
    if not is_member(user):
        raise PermissionDenied(_("Only members block members."))
    consume(user, "conversations.write")
    removed, _kinds = Block.objects.filter(blocker=user, blocked=other).delete()
    return removed


@transaction.atomic
def report(user, message, reason: str) -> MessageReport:
    participant = Participant.objects.filter(
        conversation=message.conversation_id, user=user
    ).first()
    if not permissions.can_report(user, participant, message):
        raise PermissionDenied(_("You can report messages others wrote to you."))
    reason = strip_invisible(reason or "").strip()
    if not reason:
        raise ValidationError(_("Say what is wrong with this message."), code="required")
    if MessageReport.objects.filter(message=message, reporter=user).exists():
        raise ValidationError(_("You have already reported this message."), code="duplicate")
    consume(user, "conversations.report")
    return MessageReport.objects.create(message=message, reporter=user, reason=reason[:1000])


@transaction.atomic
def resolve_report(moderator, report_id: int, resolution: str = "") -> MessageReport:
    if not permissions.can_review_reports(moderator):
        raise PermissionDenied(_("Only moderators review reported messages."))
    consume(moderator, "accounts.moderate")
    found = (
        MessageReport.objects.select_for_update(of=("self",))
        .select_related("message__author", "reporter")
        .get(pk=report_id)
    )
    if found.status == MessageReport.Status.OPEN:
        found.status = MessageReport.Status.RESOLVED
        found.resolved_by = moderator
        found.resolved_at = timezone.now()
        found.resolution = strip_invisible(resolution or "").strip()[:1000]
        found.save(update_fields=["status", "resolved_by", "resolved_at", "resolution"])
        record(
            moderator,
            Action.RESOLVE_MESSAGE_REPORT,
            target=found,
            member=found.message.author,
            label=_("Message reported by %(name)s") % {"name": found.reporter.display_name},
            reason=found.resolution,
        )
    return found
