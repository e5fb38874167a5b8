"""Storing a composer's files on what they were sent with, inside the owner's transaction."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.ratelimit import consume

from .forms import Prepared
from .models import Attachment


def attach(uploader, owner, files: list[Prepared]) -> list[Attachment]:
    """Store ``files`` on ``owner`` (saved already). Call it inside the transaction that wrote
    the owner: a file over the member's quota raises ``ValidationError`` and nothing is kept.
    Quota and rate limit are checked before any file is written; a later failure of the owner's
    transaction leaves its files unreferenced in the storage (no row points at them)."""
    if not files:
        return []
    # The member's row is locked so that two uploads at once cannot both pass the quota (and
    # select_for_update refuses to run outside a transaction).
    get_user_model().objects.select_for_update().filter(pk=uploader.pk).values("pk").get()
    for _file in files:
        consume(uploader, "attachments.upload")
    adding = sum(prepared.size for prepared in files)
    quota = settings.ATTACHMENTS_QUOTA_BYTES
    used = Attachment.objects.bytes_used_by(uploader)
    if used + adding > quota:
        raise ValidationError(
            _(
                "These files (%(adding)s) would take you over your storage of %(quota)s: "
                "%(left)s is left. Nothing was posted; remove a file and send again."
            )
            % {
                "adding": filesizeformat(adding),
                "quota": filesizeformat(quota),
                "left": filesizeformat(max(0, quota - used)),
            },
            code="quota",
        )
    content_type = ContentType.objects.get_for_model(owner)
    stored = []
    for prepared in files:
        attachment = Attachment(
            content_type=content_type,
            object_id=owner.pk,
            uploader=uploader,
            name=prepared.name,
            kind=prepared.kind.extension,
            size=prepared.size,
        )
        # A random name from the storage; the member's name stays in ``name``.
        attachment.file.save(f"file.{prepared.kind.extension}", prepared.content, save=False)
        stored.append(attachment)
    return Attachment.objects.bulk_create(stored)
