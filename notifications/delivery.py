"""After commit: push to open sockets (a hint), and hand email to background tasks."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def push(notifications) -> None:
    layer = get_channel_layer()
    for notification in notifications:
        try:
            async_to_sync(layer.group_send)(
                user_group(notification.recipient_id),
                {"type": "notification.new", "id": notification.pk},
            )
        except Exception:
            # The database is the source of truth: a client that reconnects catches up.
            logger.warning("Live push failed for notification %s", notification.pk, exc_info=True)
