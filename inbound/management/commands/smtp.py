import asyncio

from django.conf import settings
from django.core.management.base import BaseCommand

from inbound.smtp import serve


class Command(BaseCommand):
    help = "Receive email replies to notifications over SMTP (replies become posts or messages)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.SMTP_LISTEN_HOST)
        parser.add_argument("--port", type=int, default=settings.SMTP_LISTEN_PORT)

    def handle(self, *args, host, port, **options):
        if not settings.REPLY_EMAIL_DOMAIN:
            self.stderr.write("REPLY_EMAIL_DOMAIN is not set: every recipient will be refused.")

        def ready(bound: int) -> None:
            self.stdout.write(
                f"Receiving replies on {host}:{bound} for @{settings.REPLY_EMAIL_DOMAIN}"
            )
            self.stdout.flush()

        asyncio.run(serve(host, port, ready))
