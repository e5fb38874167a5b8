from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Expert directory")

    def ready(self):
        # Inside ready(): the receivers import models, which load only once the registry is.
        from . import signals  # noqa: F401  (connects the receivers)
