"""What a member follows and has read: subscriptions, read positions, the feed token."""

import secrets
from functools import partial

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .threads import Category, Thread


class Subscription(models.Model):
    """A member watching or muting a thread or a whole category."""

    class Level(models.TextChoices):
        WATCHING = "watching", _("Watching")
        MUTED = "muted", _("Muted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    level = models.CharField(max_length=20, choices=Level)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=models.Q(thread__isnull=False),
                name="subscription_thread_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=models.Q(category__isnull=False),
                name="subscription_category_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(thread__isnull=True) ^ models.Q(category__isnull=True),
                name="subscription_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.level} {self.thread_id or self.category_id}"


class ReadState(models.Model):
    """How far a member has read a thread (by post position, which only grows)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_position = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="read_state_unique")]

    def __str__(self):
        return f"{self.user_id} read {self.thread_id} to {self.last_read_position}"


# A partial of the standard library, not a function of ours: the migrations stay frozen.
new_feed_token = partial(secrets.token_urlsafe, 24)


class FeedToken(models.Model):
    """The secret in a member's feed URLs; resetting it breaks the old URLs."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    issued_at = models.DateTimeField(_("issued"), auto_now=True)

    def __str__(self):
        return f"feed token of {self.user_id}"
