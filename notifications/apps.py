from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Here, not at the top: receivers import models, which need the app registry ready.
        from . import receivers  # noqa: F401
