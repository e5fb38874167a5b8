"""WebSockets: the base every app's socket builds on, and a member's notification stream.

Sockets are authenticated from the session (``AuthMiddlewareStack``) and origin-checked
(``AllowedHostsOriginValidator``) in ``config.asgi``. A refused socket is accepted and closed at
once with a code, so the client knows not to retry:

- 4001 the session ended (sign-out, password change, "end other sessions", deactivation);
- 4400 a malformed or unexpected message; 4413 a frame larger than ``MAX_FRAME``; 4415 binary;
- 4401 not signed in as an active member; 4403 not allowed to read what the socket is about;
- 4429 too many messages; 4503 the channel layer is unavailable (the client retries later).

Application codes (4000-4999) only: Daphne, which ``make run`` serves with, refuses to send the
protocol's own 1003, 1009 and 1011 from an application, and the client saw 1011 instead.

channels_redis forgets a group membership ``group_expiry`` (24 h) after it was added, so every
open socket re-joins its groups every ``REJOIN_EVERY`` seconds; on the way it checks that its
session and membership still exist, in case the message that should have closed it was lost.

The forum's live view of a thread is ``forum.consumers.ThreadConsumer``.
"""

import asyncio
import json
import logging
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext, ngettext

from .delivery import MEMBERS_GROUP, session_group, user_group
from .models import Notification

logger = logging.getLogger(__name__)

CLOSE_SESSION_ENDED = 4001
CLOSE_MALFORMED = 4400
CLOSE_UNAUTHORIZED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_TOO_MANY = 4429
CLOSE_TOO_BIG = 4413
CLOSE_BINARY = 4415
CLOSE_UNAVAILABLE = 4503

MAX_FRAME = 1024  # bytes of UTF-8
SYNC_LIMIT = 50
# Per socket: at most BURST messages, refilled at RATE per second.
BURST = 10
RATE = 1.0
# Far below channels_redis's default group_expiry of a day.
REJOIN_EVERY = 3600


class MemberSocket(AsyncWebsocketConsumer):
    """Base: only active members; joins the member's and the session's groups."""

    user = None
    keeper = None

    async def __call__(self, scope, receive, send):
        # The keeper must not outlive a consumer that ended without ``disconnect`` (the channel
        # layer raising when Redis goes away).
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._stop_keeper()

    def _stop_keeper(self):
        if self.keeper is not None:
            self.keeper.cancel()
            self.keeper = None

    async def connect(self):
        self.groups_joined = []
        self.allowance, self.checked_at = BURST, time.monotonic()
        await self.accept()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_member:
            await self.close(CLOSE_UNAUTHORIZED)
            return
        self.user = user
        if not await self.authorize():
            await self.close(CLOSE_FORBIDDEN)
            return
        session_key = self.scope["session"].session_key
        groups = [user_group(user.pk), *self.extra_groups()]
        if session_key:
            groups.append(session_group(session_key))
        try:
            for group in groups:
                await self.channel_layer.group_add(group, self.channel_name)
                self.groups_joined.append(group)
        except Exception:
            logger.warning("Channel layer unavailable; socket closed for a retry", exc_info=True)
            await self.close(CLOSE_UNAVAILABLE)
            return
        self.keeper = asyncio.create_task(self._keep_groups())

    async def authorize(self) -> bool:
        return True

    def extra_groups(self) -> list[str]:
        return []

    async def _keep_groups(self):
        while True:
            await asyncio.sleep(REJOIN_EVERY)
            try:
                alive = await database_sync_to_async(self._session_is_alive)()
            except Exception:
                logger.warning("Could not check the session of a socket; next try in an hour")
                alive = True
            if not alive:
                await self.close(CLOSE_SESSION_ENDED)
                return
            for group in self.groups_joined:
                try:
                    await self.channel_layer.group_add(group, self.channel_name)
                except Exception:
                    logger.warning("Could not re-join %s; next try in an hour", group)

    def _session_is_alive(self) -> bool:
        session = self.scope["session"]
        return bool(
            session.session_key
            and session.exists(session.session_key)
            and get_user_model().objects.members().filter(pk=self.user.pk).exists()
        )

    async def disconnect(self, code):
        self._stop_keeper()
        for group in self.groups_joined:
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception:
                logger.info("Could not leave %s (the layer is down; it expires)", group)
        self.groups_joined = []

    async def receive(self, text_data=None, bytes_data=None):
        if self.user is None:
            return
        if bytes_data is not None:
            await self.close(CLOSE_BINARY)
            return
        if len(text_data.encode()) > MAX_FRAME:
            await self.close(CLOSE_TOO_BIG)
            return
        if not self._take_allowance():
            await self.close(CLOSE_TOO_MANY)
            return
        try:
            message = json.loads(text_data)
        except ValueError:
            await self.close(CLOSE_MALFORMED)
            return
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            await self.close(CLOSE_MALFORMED)
            return
        await self.handle(message)

    async def handle(self, message: dict):
        """Unknown message types are ignored."""

    def _take_allowance(self) -> bool:
        now = time.monotonic()
        self.allowance = min(BURST, self.allowance + (now - self.checked_at) * RATE)
        self.checked_at = now
        if self.allowance < 1:
            return False
        self.allowance -= 1
        return True

    async def send_json(self, content: dict):
        await self.send(text_data=json.dumps(content, separators=(",", ":")))

    async def session_ended(self, event):
        await self.close(CLOSE_SESSION_ENDED)

    async def notification_hint(self, event):
        """Hints (``delivery.hint``) go to the member's group, which every socket joins; only
        the notification socket passes them on."""


class NotificationConsumer(MemberSocket):
    """``/ws/notifications/``: the client says ``{"type": "hello", "last_id": N}`` on every
    (re)connect and gets what is newer (``SYNC_LIMIT`` at a time, ``more`` if there is more) plus
    the unread count; then pushes as they happen."""

    async def handle(self, message: dict):
        if message["type"] != "hello":
            return
        last_id = message.get("last_id", 0)
        if isinstance(last_id, bool) or not isinstance(last_id, int) or last_id < 0:
            await self.close(CLOSE_MALFORMED)
            return
        answer = await self._catch_up(last_id)
        if answer is None:
            await self.close(CLOSE_UNAUTHORIZED)
            return
        await self.send_json(answer)

    @database_sync_to_async
    def _catch_up(self, last_id: int) -> dict | None:
        # Deactivation closes sockets through the channel layer; if that message was lost
        # (Redis down), the next hello still finds out.
        if not get_user_model().objects.members().filter(pk=self.user.pk).exists():
            return None
        # A new page (0) shows the newest; a reconnecting one gets the oldest it missed first,
        # and with ``more`` asks again from the last of them.
        newer = Notification.objects.newer_than(self.user, last_id)
        page = list(newer.order_by("id" if last_id else "-id")[: SYNC_LIMIT + 1])
        items = [n.as_message() for n in page[:SYNC_LIMIT]]
        more = len(page) > SYNC_LIMIT
        count = newer.count() if more else len(items)
        with translation.override(self.user.email_language):
            return {
                "type": "sync",
                "items": items,
                "more": more,
                "unread": Notification.objects.unread_count(self.user),
                "strings": client_strings(),
                # After a reconnect the client says this once instead of reading every item.
                "announce": ngettext(
                    "%(count)d new notification", "%(count)d new notifications", count
                )
                % {"count": count},
            }

    def extra_groups(self) -> list[str]:
        return [MEMBERS_GROUP]

    async def notification_new(self, event):
        await self.send_json({"type": "notification", "item": event["item"]})

    async def notification_many(self, event):
        notification_id = event["ids"].get(str(self.user.pk))
        if notification_id is not None:
            await self.send_json(
                {"type": "notification", "item": {**event["item"], "id": notification_id}}
            )

    async def notification_hint(self, event):
        await self.send_json({"type": "hint", "name": event["name"], **event["data"]})

    async def notification_unread(self, event):
        await self.send_json({"type": "unread", "unread": event["unread"], "read": event["read"]})

    async def notification_removed(self, event):
        """Notifications taken back (``actions.withdraw``): the page drops them, shows the count."""
        await self.send_json(
            {"type": "unread", "unread": event["unread"], "read": [], "removed": event["removed"]}
        )


def client_strings() -> dict:
    """Texts live.js shows, translated on the server (the page has no JS catalogue)."""
    return {
        "title": gettext("Latest notifications"),
        "empty": gettext("Nothing new."),
        "all": gettext("All notifications"),
        "new": gettext("New notification: %(summary)s"),
        "unread": gettext("unread"),
    }
