"""What outputs and events share: a status that moderators move to ``published``, and tokens."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_moderator
from core.content_language import language_field


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


class ReviewedQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=Status.PUBLISHED)

    def awaiting_review(self):
        return self.filter(status=Status.SUBMITTED)

    def visible_to(self, user):
        """Published rows for everyone; a member also sees their own; moderators see all."""
        if is_moderator(user):
            return self
        if user.is_authenticated and user.is_member:
            return self.filter(Q(status=Status.PUBLISHED) | Q(submitted_by=user))
        return self.public()


class Reviewed(models.Model):
    """What outputs and events share: who submitted them and how their review went."""

    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    language = language_field()  # what its text is written in (core.content_language)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=2000)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED


def new_token() -> str:
    """A secret for links in emails (registrations, subscriptions), made at save."""
    return secrets.token_urlsafe(32)
