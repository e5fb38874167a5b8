from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

from .checks import s3_storage_importable


class AttachmentsConfig(AppConfig):
    name = "attachments"
    verbose_name = _("attachments")

    def ready(self):
        checks.register(s3_storage_importable, checks.Tags.compatibility)
