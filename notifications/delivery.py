"""After commit: push to open sockets (a hint) and hand emails to background tasks.

Group names: ``user.<id>`` holds every socket of a member, ``session.<key>`` the sockets opened
from one session, ``members`` every notification socket (for one notification to many people:
each socket picks its own id). The forum's ``thread.<id>`` groups are in ``forum.live``.
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from .kinds import Delivery
from .tasks import send_notification_email

logger = logging.getLogger(__name__)

# Seconds a request waits for its pushes: a frozen Redis must not hold it for longer.
PUSH_TIMEOUT = 3.0
# Concurrent group sends: enough to keep Redis busy, far below the connection pool's limit
# (redis-py allows 100 per process, shared with the sockets' receive loops and other requests).
SEND_BATCH = 20


# Every member's notification sockets; one message here reaches many recipients at once.
MEMBERS_GROUP = "members"
# From this many recipients on, one message to MEMBERS_GROUP beats one message per recipient.
BROADCAST_FROM = 50


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def session_group(session_key: str) -> str:
    return f"session.{session_key}"


def deliver(notifications) -> None:
    push(notifications)
    for notification in notifications:
        if notification.delivery == Delivery.EMAIL:
            send_notification_email.enqueue(notification.pk)


def push(notifications) -> None:
    """One ``notify()`` call makes rows that differ only in recipient and id."""
    if len(notifications) >= BROADCAST_FROM:
        shared = notifications[0].as_message()
        del shared["id"]
        ids = {str(n.recipient_id): n.pk for n in notifications}
        send_to_groups([(MEMBERS_GROUP, {"type": "notification.many", "item": shared, "ids": ids})])
        return
    send_to_groups(
        [
            (user_group(n.recipient_id), {"type": "notification.new", "item": n.as_message()})
            for n in notifications
        ]
    )


def hint(user_ids, name: str, data: dict) -> None:
    """Tell the notification sockets of ``user_ids`` that something named ``name`` changed
    (``{"type": "hint", "name": name, **data}`` reaches the page, for its own modules to fetch
    what changed: ``static/js/live.js`` re-dispatches it as a ``live:hint`` DOM event). Only ids
    should travel: a page loads the content itself, with the permission checks of a request."""
    message = {"type": "notification.hint", "name": name, "data": data}
    send_to_groups([(user_group(user_id), message) for user_id in sorted(set(user_ids))])


def push_unread_count(user_id: int, unread: int, read: list[int] | str) -> None:
    """Other open tabs of the member update their badge and dropdown after a mark-read;
    ``read`` is the ids just marked read, or ``"all"``."""
    message = {"type": "notification.unread", "unread": unread, "read": read}
    send_to_groups([(user_group(user_id), message)])


def push_withdrawn(removed: dict[int, list[int]], unread: dict[int, int]) -> None:
    """Open pages of each member drop the notifications taken back (``removed``: ids by member)
    and show their new unread count."""
    send_to_groups(
        [
            (
                user_group(user_id),
                {"type": "notification.removed", "unread": unread.get(user_id, 0), "removed": ids},
            )
            for user_id, ids in removed.items()
        ]
    )


def close_sessions(user_id: int, session_keys) -> None:
    groups = [session_group(key) for key in session_keys] or [user_group(user_id)]
    send_to_groups([(group, {"type": "session.ended"}) for group in groups])


def send_to_groups(messages: list[tuple[str, dict]]) -> bool:
    """Send each ``(group, message)``; never raise: the database already holds the truth."""
    if not messages:
        return True
    try:
        async_to_sync(_send_all_within)(messages, PUSH_TIMEOUT)
    except Exception:
        # A client that reconnects asks for everything newer than what it has, so nothing is lost.
        logger.warning("Live push of %d message(s) failed", len(messages), exc_info=True)
        return False
    return True


async def _send_all_within(messages, seconds: float) -> None:
    await asyncio.wait_for(_send_all(messages), seconds)


async def _send_all(messages) -> None:
    layer = get_channel_layer()
    for start in range(0, len(messages), SEND_BATCH):
        batch = messages[start : start + SEND_BATCH]
        await asyncio.gather(*(layer.group_send(group, message) for group, message in batch))
