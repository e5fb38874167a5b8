"""Files attached to something a member wrote: a forum post, a conversation message, a workspace.

An ``Attachment`` points at its owner by a generic relation (``content_type``, ``object_id``), so
this app knows none of the apps above it. The owner's model says who may download its files: its
default manager has ``files_visible_to(user)``, the owners whose files ``user`` may have
(``attachments.permissions.can_download`` asks it; a model without it shares nothing). Owners
declare ``attachments = GenericRelation("attachments.Attachment")`` to prefetch their files in
one query per page. The file lives in the ``attachments`` storage (``settings.STORAGES``),
private, under a random name; the member's file name is kept only as ``name``, cleaned.
"""

import secrets
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.files import KINDS, NAME_MAX_CHARS

# A partial of the standard library, not a function of ours: the migrations stay frozen.
new_key = partial(secrets.token_urlsafe, 18)


def attachment_storage():
    return storages["attachments"]


class PrivateFileField(models.FileField):
    """A ``FileField`` in the ``attachments`` storage. The storage is not part of the schema:
    migrations see a plain ``FileField`` and import nothing of ours."""

    def __init__(self, *args, **kwargs):
        kwargs["storage"] = attachment_storage
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("storage", None)
        return name, "django.db.models.FileField", args, kwargs


class AttachmentQuerySet(models.QuerySet):
    def bytes_used_by(self, user) -> int:
        """What ``user``'s files take, counted against ``ATTACHMENTS_QUOTA_BYTES``."""
        return self.filter(uploader=user).aggregate(total=Sum("size"))["total"] or 0

    def of(self, owner):
        return self.filter(
            content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk
        )


class Attachment(models.Model):
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    # Files outlive their uploader's account like the posts they are on (privacy/erasure.py).
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attachments"
    )
    name = models.CharField(_("file name"), max_length=NAME_MAX_CHARS + 10)
    # The extension of its `core.files.Kind`: what it was checked to be.
    kind = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField(_("size"))
    file = PrivateFileField(upload_to="attachments/", max_length=200)
    created = models.DateTimeField(auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("attachments:download", args=[self.key])

    @property
    def mime(self) -> str:
        return KINDS[self.kind].mime

    @property
    def is_image(self) -> bool:
        return KINDS[self.kind].is_image
