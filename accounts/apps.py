from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and membership")

    def ready(self):
        # Here, not at the top: receivers import models, which need the app registry ready.
        from . import institutional, receivers  # noqa: F401
