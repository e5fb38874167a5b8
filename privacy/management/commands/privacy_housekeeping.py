"""Deletes the accounts whose grace period is over and what the retention periods no longer
keep. bin/scheduler runs it daily; the privacy notice states the same periods."""

from django.core.management.base import BaseCommand

from privacy import actions


class Command(BaseCommand):
    help = "Delete accounts due for deletion and data past its retention period."

    def handle(self, *args, **options):
        removed = {"accounts": actions.delete_due_accounts(), **actions.forget_expired()}
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in removed.items()))
