"""Load the demo network: institutes, invented people, and each app's own demo content.

Idempotent: running it again changes nothing that is already there.
"""

import importlib
import importlib.util

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from accounts import demo

DEMO_APPS = ["directory", "forum", "notifications", "portal", "conversations", "insight"]


class Command(BaseCommand):
    help = "Load demo institutes, members and content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the demo logins."
        )

    def handle(self, *args, quiet_logins=False, **options):
        # The demo's history sends emails (notifications, digests); printed, hundreds of them
        # would bury the logins below, so they go nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            with transaction.atomic():
                people = demo.load()
            for app in DEMO_APPS:
                if importlib.util.find_spec(f"{app}.demo") is not None:
                    with transaction.atomic():
                        importlib.import_module(f"{app}.demo").load(people)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(people)} people."))
        if not quiet_logins:
            self.stdout.write(f"\nDemo logins (password for all: {demo.PASSWORD})")
            for role, email in demo.LOGINS:
                self.stdout.write(f"  {role:<22} {email}")
            self.stdout.write("")
