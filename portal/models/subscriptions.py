"""Stakeholders' email subscriptions and what was sent to them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .common import new_token
from .events import Event
from .outputs import Output


class StakeholderSubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class StakeholderSubscription(models.Model):
    """Anyone's email subscription to new briefs, outputs or events, by theme or region.

    It starts unconfirmed; the link in the first email confirms it (double opt-in). The same
    secret token, in every later email, unsubscribes with one click.
    """

    class Topic(models.TextChoices):
        BRIEFS = "briefs", _("New policy briefs")
        OUTPUTS = "outputs", _("All new research outputs")
        EVENTS = "events", _("New events")

    email = models.EmailField(_("email address"), max_length=254)
    topic = models.CharField(_("what"), max_length=10, choices=Topic)
    theme = models.ForeignKey(
        "directory.Theme",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("theme"),
    )
    region = models.ForeignKey(
        "directory.Region",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("region"),
    )
    # topic, theme and region in one value, so one address holds each choice once on every
    # database (a unique constraint over nullable columns would not).
    choice = models.CharField(max_length=40, editable=False)
    token = models.CharField(max_length=64, unique=True, editable=False)  # new_token() at save
    created = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = StakeholderSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["email", "choice"], name="one_subscription_per_choice")
        ]

    def __str__(self):
        return f"{self.email}: {self.topic}"

    def save(self, *args, **kwargs):
        self.choice = f"{self.topic}:{self.theme_id or ''}:{self.region_id or ''}"
        if not self.token:
            self.token = new_token()
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Dispatch(models.Model):
    """One email about one published item to one subscription, claimed before it is sent."""

    subscription = models.ForeignKey(
        StakeholderSubscription, on_delete=models.CASCADE, related_name="dispatches"
    )
    output = models.ForeignKey(Output, null=True, blank=True, on_delete=models.CASCADE)
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "output"],
                condition=Q(output__isnull=False),
                name="one_dispatch_per_output",
            ),
            models.UniqueConstraint(
                fields=["subscription", "event"],
                condition=Q(event__isnull=False),
                name="one_dispatch_per_event",
            ),
        ]

    def __str__(self):
        return f"dispatch {self.pk}"
