"""A member's requests about their personal data: a download of it, and the deletion of it all."""

import secrets
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

new_export_token = partial(secrets.token_urlsafe, 32)


class DataExportQuerySet(models.QuerySet):
    def expired(self):
        return self.filter(expires_at__lt=timezone.now())


class DataExport(models.Model):
    """A ZIP of everything of one member's, built by a task, downloadable by them until it
    expires. The file lives outside the media folder (``PRIVATE_ROOT``), never served as is."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    token = models.CharField(max_length=64, unique=True, default=new_export_token, editable=False)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)

    objects = DataExportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("data download")
        verbose_name_plural = _("data downloads")

    def __str__(self):
        return f"{self.user_id} {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def path(self) -> Path:
        return Path(settings.PRIVATE_ROOT) / "exports" / f"{self.token}.zip"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at < timezone.now()


class DeletionRequest(models.Model):
    """A member asked for their account to be deleted; it is, once ``due_at`` has passed, unless
    they cancel before."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deletion_request"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    due_at = models.DateTimeField(_("deleted after"), db_index=True)

    class Meta:
        verbose_name = _("account deletion request")
        verbose_name_plural = _("account deletion requests")

    def __str__(self):
        return f"{self.user_id} after {self.due_at:%Y-%m-%d}"
