"""The SMTP receiver of email replies (aiosmtpd), run as its own process by ``manage.py smtp``
(``bin/smtp``; the ``smtp`` service of docker-compose).

It takes mail only for reply addresses at ``REPLY_EMAIL_DOMAIN`` (anything else: 550 at RCPT, so
it relays nothing), at most ``MAX_RECIPIENTS`` per message and ``INBOUND_MAX_BYTES`` per message
(552 past it, checked while the data arrives). Each accepted message is processed before the
answer (``inbound.actions.receive``): 250 once it became a post or a message or its bounce was
queued; 451 (try again later) if the database was unavailable, so the sending server retries
and nothing is lost.
"""

import asyncio
import logging
import signal

from aiosmtpd.smtp import SMTP
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections

from notifications import replies

from . import actions

logger = logging.getLogger(__name__)

MAX_RECIPIENTS = 5


class ReplyHandler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not replies.is_reply_address(address):
            return "550 5.1.1 No such mailbox here: this server takes replies to notifications only"
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", errors="replace")
        try:
            for rcpt in envelope.rcpt_tos:
                await sync_to_async(process, thread_sensitive=True)(envelope.mail_from, rcpt, data)
        except Exception:
            logger.exception("Inbound message from %s not processed", envelope.mail_from)
            return "451 4.3.0 Temporary failure: try again later"
        return "250 2.0.0 Accepted"


def process(mail_from: str, rcpt: str, data: bytes):
    close_old_connections()
    try:
        return actions.receive(mail_from, rcpt, data)
    finally:
        close_old_connections()


def factory() -> SMTP:
    return SMTP(
        ReplyHandler(),
        data_size_limit=settings.INBOUND_MAX_BYTES,
        hostname=settings.REPLY_EMAIL_DOMAIN or None,
        ident="Migration Network replies",
        timeout=60,
    )


async def serve(host: str, port: int, ready=None) -> None:
    """Listen until SIGTERM or SIGINT; ``ready(port)`` is called once listening."""
    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host=host, port=port)
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    if ready is not None:
        ready(server.sockets[0].getsockname()[1])
    try:
        await stop.wait()
    finally:
        server.close()
        await server.wait_closed()
