from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import kinds
from .kinds import Delivery


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def unread_count(self, user) -> int:
        return self.for_user(user).unread().count()

    def newer_than(self, user, last_id: int):
        return self.for_user(user).filter(pk__gt=last_id)

    def mark_read(self) -> int:
        return self.unread().update(read_at=timezone.now())

    def awaiting_digest(self):
        """Unread notifications meant for a digest and not yet emailed."""
        return self.filter(
            delivery=Delivery.DIGEST, email_sent_at__isnull=True, read_at__isnull=True
        )


class Notification(models.Model):
    """Something that concerns one member. Stored first; the live push is only a hint."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    url = models.CharField(_("link"), max_length=500, blank=True)
    summary = models.CharField(_("summary"), max_length=300)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # The recipient's preference for this kind when it was created, and when it went out by email.
    delivery = models.CharField(max_length=10, choices=Delivery, default=Delivery.IN_APP)
    email_sent_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["recipient", "-id"]),
            models.Index(fields=["recipient", "read_at"]),
            models.Index(
                fields=["recipient", "id"],
                condition=models.Q(delivery="digest", email_sent_at__isnull=True),
                name="notification_digest_due",
            ),
            # Finds what was said about something, to take it back (``actions.withdraw``).
            models.Index(fields=["target_type", "target_id"], name="notification_target"),
        ]

    def __str__(self):
        return self.summary

    @property
    def kind_label(self) -> str:
        kind = kinds.KINDS.get(self.kind)
        return kind.label if kind else self.kind

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def as_message(self) -> dict:
        """What live clients receive: plain data, rendered safely by the client as text."""
        return {
            "id": self.pk,
            "kind": self.kind,
            "label": str(self.kind_label),
            "summary": self.summary,
            "url": self.url,
            "created": self.created.isoformat(),
            "read": self.is_read,
        }


class PreferenceQuerySet(models.QuerySet):
    def deliveries(self, user) -> dict[str, str]:
        """Every kind's delivery for ``user``: their choice, else the kind's default."""
        chosen = dict(self.filter(user=user).values_list("kind", "delivery"))
        return {name: chosen.get(name, kind.default) for name, kind in kinds.KINDS.items()}

    def delivery(self, user, kind: str) -> str:
        chosen = self.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
        return chosen or kinds.get(kind).default


class Preference(models.Model):
    """How one member wants one kind delivered; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=40)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery)

    objects = PreferenceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")
        ]

    def __str__(self):
        return f"{self.kind}: {self.delivery}"
