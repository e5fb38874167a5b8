from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvitationsConfig(AppConfig):
    name = "invitations"
    verbose_name = _("Invitations")

    def ready(self):
        # Here, not at the top: receivers import models, which need the app registry ready.
        from . import receivers  # noqa: F401
