"""Background work on personal data (django-tasks): at once in the embedded default, by the
worker in production."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import emails, export
from .models import DataExport


@task()
def build_data_export(export_pk: int) -> int:
    """Build the ZIP, then email its link; it expires ``PRIVACY_EXPORT_HOURS`` after."""
    data_export = DataExport.objects.select_related("user").filter(pk=export_pk).first()
    if data_export is None:  # the member was deleted in between
        return 0
    with transaction.atomic():
        data_export.size = export.build(data_export)
        data_export.ready_at = timezone.now()
        data_export.expires_at = data_export.ready_at + timedelta(
            hours=settings.PRIVACY_EXPORT_HOURS
        )
        data_export.save(update_fields=["size", "ready_at", "expires_at"])
        transaction.on_commit(lambda: emails.export_ready(data_export))
    return data_export.size
