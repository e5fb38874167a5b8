from django.core.management.base import BaseCommand

from notifications.tasks import enqueue_digests


class Command(BaseCommand):
    help = "Enqueue the daily notification digest of every member who has one waiting."

    def handle(self, *args, **options):
        count = enqueue_digests()
        self.stdout.write(f"Enqueued {count} digest(s).")
