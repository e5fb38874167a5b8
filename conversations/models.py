"""Private conversations between two or more members, blocks and reports of messages.

A conversation is read only by its participants: ``Conversation.objects.for_member(user)``.
A participant who left keeps reading what was said up to ``left_after`` (the last message when
they left) and nothing after it. Moderators are not participants: they see a message only when
a participant reports it (``MessageReport``).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import BigIntegerField, Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SUBJECT_MAX_LENGTH = 150
BODY_MAX_LENGTH = 10_000
# The most people one conversation holds, its starter included.
MAX_PARTICIPANTS = 20
# A message id no conversation reaches: "no upper bound" in the visibility of an active member.
NO_LIMIT = 2**63 - 1


class ConversationQuerySet(models.QuerySet):
    def for_member(self, user):
        """Conversations ``user`` takes or took part in (a left one is still readable)."""
        if not (user and user.is_authenticated and user.is_member):
            return self.none()
        return self.filter(participants__user=user)


class Conversation(models.Model):
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, db_index=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-last_message_at", "-id"]

    def __str__(self):
        return self.subject or f"Conversation {self.pk}"

    def get_absolute_url(self):
        return reverse("conversations:detail", args=[self.pk])


class ParticipantQuerySet(models.QuerySet):
    def inbox(self, user):
        """The member's conversations, newest activity first, each with ``unread`` (messages of
        others after the last read one, up to where they left) and the last message's
        ``last_html``, ``last_author_id`` and ``last_at``."""
        visible = Message.objects.filter(
            conversation=OuterRef("conversation"),
            pk__lte=Coalesce(
                OuterRef("left_after"), Value(NO_LIMIT, output_field=BigIntegerField())
            ),
        )
        unread = (
            visible.filter(pk__gt=OuterRef("last_read_id"))
            .exclude(author=user)
            .order_by()
            .values("conversation")
            .annotate(count=Count("pk"))
            .values("count")
        )
        last = visible.order_by("-pk")
        return (
            self.filter(user=user)
            .select_related("conversation")
            .annotate(
                unread=Coalesce(Subquery(unread), Value(0)),
                last_html=Subquery(last.values("body_html")[:1]),
                last_author_id=Subquery(last.values("author_id")[:1]),
                last_at=Subquery(last.values("created")[:1]),
            )
            .order_by(F("last_at").desc(nulls_last=True), "-conversation_id")
        )


class Participant(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_seats"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)
    # The last message they could read when they left: they read up to it, never after.
    left_after = models.PositiveBigIntegerField(null=True, blank=True)
    last_read_id = models.PositiveBigIntegerField(default=0)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="participant_unique")
        ]
        indexes = [models.Index(fields=["user", "conversation"])]

    def __str__(self):
        return f"{self.user_id} in {self.conversation_id}"

    @property
    def has_left(self) -> bool:
        return self.left_at is not None


class MessageQuerySet(models.QuerySet):
    def readable_by(self, participant: Participant):
        messages = self.filter(conversation_id=participant.conversation_id)
        if participant.left_after is not None:
            messages = messages.filter(pk__lte=participant.left_after)
        return messages

    def files_visible_to(self, user):
        """Messages whose attached files ``user`` may download: those they can read as a
        participant (up to where they left). Moderators read reported text, not its files."""
        if not (user and user.is_authenticated and user.is_member):
            return self.none()
        seat = Participant.objects.filter(
            Q(left_after__isnull=True) | Q(left_after__gte=OuterRef("pk")),
            user=user,
            conversation=OuterRef("conversation"),
        )
        return self.filter(Exists(seat))


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField()
    created = models.DateTimeField(auto_now_add=True)
    # How it came: written on the site or answered by email (inbound.replies).
    by_email = models.BooleanField(default=False)
    attachments = GenericRelation("attachments.Attachment")

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["conversation", "id"])]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return f"{self.conversation.get_absolute_url()}#m{self.pk}"


class Block(models.Model):
    """``blocker`` accepts no messages from ``blocked``: no new conversation with them, no
    message into a conversation they are in."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_unique"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="block_not_self"),
        ]

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"


class MessageReport(models.Model):
    """A participant shows one message to the moderators, who see that message and nothing else
    of the conversation."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=1000)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    created = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("resolution"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["message", "reporter"], name="message_report_unique")
        ]
        indexes = [models.Index(fields=["status", "-id"])]

    def __str__(self):
        return f"Report of message {self.message_id}"
