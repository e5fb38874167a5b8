"""WebSockets: a member's notification stream and the live view of a thread.

Sockets are authenticated from the session (``AuthMiddlewareStack``) and origin-checked
(``AllowedHostsOriginValidator``) in ``config.asgi``. A refused socket is accepted and closed at
once with a code, so the client knows not to retry:

- 4001 the session ended (sign-out, password change, "end other sessions", deactivation);
- 4400 a malformed or unexpected message; 1009 a frame larger than ``MAX_FRAME``; 1003 binary;
- 4401 not signed in as an active member; 4403 not allowed to read this thread;
- 4429 too many messages; 1011 the channel layer is unavailable (the client retries later).

channels_redis forgets a group membership ``group_expiry`` (24 h) after it was added, so every
open socket re-joins its groups every ``REJOIN_EVERY`` seconds; on the way it checks that its
session and membership still exist, in case the message that should have closed it was lost.
"""

import asyncio
import json
import logging
import time
from datetime import timedelta

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, ngettext

from .delivery import MEMBERS_GROUP, session_group, thread_group, user_group
from .models import Notification

logger = logging.getLogger(__name__)

CLOSE_SESSION_ENDED = 4001
CLOSE_MALFORMED = 4400
CLOSE_UNAUTHORIZED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_TOO_MANY = 4429
CLOSE_TOO_BIG = 1009
CLOSE_BINARY = 1003
CLOSE_UNAVAILABLE = 1011

MAX_FRAME = 1024  # bytes of UTF-8
SYNC_LIMIT = 50
# A reconnecting thread page gets the posts it missed, rendered this many at a time, up to
# CATCH_UP_MAX; past that it is told to reload rather than grow without end.
CATCH_UP_LIMIT = 50
CATCH_UP_MAX = 200
# Changes are looked up from a little before the page's last sync: a transaction stamps its
# time before it commits.
CHANGE_MARGIN = timedelta(minutes=1)
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


class NotificationConsumer(MemberSocket):
    """``/ws/notifications/``: the client says ``{"type": "hello", "last_id": N}`` on every
    (re)connect and gets everything newer plus the unread count; then pushes as they happen."""

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
        newer = list(
            Notification.objects.newer_than(self.user, last_id).order_by("-id")[: SYNC_LIMIT + 1]
        )
        items = [n.as_message() for n in newer[:SYNC_LIMIT]]
        with translation.override(settings.LANGUAGE_CODE):
            return {
                "type": "sync",
                "items": items,
                "more": len(newer) > SYNC_LIMIT,
                "unread": Notification.objects.unread_count(self.user),
                "strings": client_strings(),
                # After a reconnect the client says this once instead of reading every item.
                "announce": ngettext(
                    "%(count)d new notification", "%(count)d new notifications", len(items)
                )
                % {"count": len(items)},
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

    async def notification_unread(self, event):
        await self.send_json({"type": "unread", "unread": event["unread"], "read": event["read"]})

    async def notification_removed(self, event):
        """Notifications taken back (``api.withdraw``): the page drops them and shows the count."""
        await self.send_json(
            {"type": "unread", "unread": event["unread"], "read": [], "removed": event["removed"]}
        )


class ThreadConsumer(MemberSocket):
    """``/ws/threads/<id>/``: new and changed posts of one thread, rendered for this socket's
    member, and the thread's deletion and restoration."""

    async def authorize(self) -> bool:
        self.thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        return await database_sync_to_async(self._can_see_thread)()

    def _can_see_thread(self) -> bool:
        from forum.models import Thread

        return Thread.objects.visible_to(self.user).filter(pk=self.thread_id).exists()

    def extra_groups(self) -> list[str]:
        return [thread_group(self.thread_id)]

    async def handle(self, message: dict):
        """``{"type": "hello", "after_position": N, "changed_since": "<at>"}``: the posts the
        page missed, in order, then the posts it shows that changed meanwhile; the answer ends
        with ``{"type": "synced", "at": ...}``, which the page sends back when it reconnects."""
        if message["type"] != "hello":
            return
        synced_at = timezone.now()
        after = message.get("after_position", 0)
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            await self.close(CLOSE_MALFORMED)
            return
        since = message.get("changed_since")
        if since is not None:
            try:
                since = parse_datetime(since) if isinstance(since, str) else None
            except ValueError:
                since = None
            if since is None or since.tzinfo is None:
                await self.close(CLOSE_MALFORMED)
                return
        await self._send_missed(after)
        if since is not None:
            changed = await database_sync_to_async(self._changed)(since, up_to=after)
            for post in changed:
                await self.send_json(
                    {"type": "post.update", "id": post["id"], "html": post["html"]}
                )
            # Only moderators still connect to a deleted thread; tell them if it went, or came
            # back, meanwhile.
            changed = await database_sync_to_async(self._deletion_changed_since)(since)
            if changed:
                await self.send_json({"type": changed})
        await self.send_json({"type": "synced", "at": synced_at.isoformat()})

    async def _send_missed(self, after: int):
        missed = []
        while len(missed) < CATCH_UP_MAX:
            batch = await database_sync_to_async(self._rendered)(position__gt=after)
            missed += batch
            if len(batch) < CATCH_UP_LIMIT:
                break
            after = batch[-1]["position"]
        # One announcement for a catch-up, not one per post.
        quiet = len(missed) > 1
        for post in missed:
            await self.send_json({**post, "announce": ""} if quiet else post)
        with translation.override(settings.LANGUAGE_CODE):
            if len(missed) >= CATCH_UP_MAX:
                text = gettext("Many new posts arrived: reload the page to see them all.")
                await self.send_json({"type": "stale", "announce": text})
            elif quiet:
                text = ngettext("%(count)d new post", "%(count)d new posts", len(missed)) % {
                    "count": len(missed)
                }
                await self.send_json({"type": "announce", "announce": text})

    def _changed(self, since, *, up_to: int) -> list[dict]:
        """Posts up to ``up_to`` edited, deleted, hidden or restored since ``since`` (less a
        margin for transactions that committed late), rendered for this member."""
        from forum.models import ModerationLog, Post

        since -= CHANGE_MARGIN
        moderated = ModerationLog.objects.filter(
            thread_id=self.thread_id,
            action__in=[ModerationLog.Action.HIDE, ModerationLog.Action.RESTORE],
            created__gte=since,
        ).values("post_id")
        changed = Post.objects.filter(
            Q(edited_at__gte=since) | Q(deleted_at__gte=since) | Q(pk__in=moderated),
            thread_id=self.thread_id,
            position__lte=up_to,
        ).values_list("pk", flat=True)
        return self._rendered(readable_only=False, pk__in=list(changed[:CATCH_UP_LIMIT]))

    def _deletion_changed_since(self, since) -> str | None:
        """``"thread.deleted"`` if the thread is deleted and was deleted since ``since``,
        ``"thread.restored"`` if it is not and was restored since then; else ``None``."""
        from forum.models import ModerationLog, Thread

        deleted = Thread.objects.filter(pk=self.thread_id, is_deleted=True).exists()
        action = (
            ModerationLog.Action.DELETE_THREAD if deleted else ModerationLog.Action.RESTORE_THREAD
        )
        logged = ModerationLog.objects.filter(
            thread_id=self.thread_id, action=action, created__gte=since - CHANGE_MARGIN
        ).exists()
        if not logged:
            return None
        return "thread.deleted" if deleted else "thread.restored"

    async def thread_deleted(self, event):
        """A moderator deleted the thread: the page says so and stops offering replies. A member
        who may no longer read it is let go with 4403, so that the page does not retry."""
        await self.send_json({"type": "thread.deleted"})
        if not await database_sync_to_async(self._can_see_thread)():
            await self.close(CLOSE_FORBIDDEN)

    async def thread_restored(self, event):
        """A moderator restored the thread: the page takes its notice away and offers replies."""
        if await database_sync_to_async(self._can_see_thread)():
            await self.send_json({"type": "thread.restored"})

    async def post_created(self, event):
        for post in await database_sync_to_async(self._rendered)(pk=event["post_id"]):
            await self.send_json(post)

    async def post_changed(self, event):
        """An edit, hide, restore or delete: the post as this member may now see it (a tombstone
        instead of text they may not read), for the page to replace in place."""
        changed = await database_sync_to_async(self._rendered)(
            pk=event["post_id"], readable_only=False
        )
        for post in changed:
            await self.send_json({"type": "post.update", "id": post["id"], "html": post["html"]})

    def _rendered(self, *, readable_only: bool = True, **lookup) -> list[dict]:
        """Posts as this member would see them; none if they may not see them (any more)."""
        from forum.models import Post, Reaction

        user = get_user_model().objects.filter(pk=self.user.pk).first()
        if user is None or not user.is_member:
            return []
        posts = Post.objects.visible_to(user).filter(thread_id=self.thread_id, **lookup)
        if readable_only:
            posts = posts.readable()
        posts = list(
            posts.select_related(
                "author__institute", "reply_to__author", "thread__category"
            ).order_by("position")[:CATCH_UP_LIMIT]
        )
        mine = set(
            Reaction.objects.filter(post__in=posts, user=user).values_list("post_id", "kind")
        )
        messages = []
        with translation.override(settings.LANGUAGE_CODE):
            for post in posts:
                post.is_unread = readable_only
                post.my_reactions = {kind for post_id, kind in mine if post_id == post.pk}
                html = render_to_string(
                    "forum/_post.html", {"post": post, "thread": post.thread, "user": user}
                )
                messages.append(
                    {
                        "type": "post",
                        "id": post.pk,
                        "position": post.position,
                        "reply_to": post.reply_to_id,
                        "depth": post.depth,
                        "html": html,
                        "announce": gettext("New post by %(name)s")
                        % {"name": post.author.display_name},
                    }
                )
        return messages

    async def notification_new(self, event):
        """Thread sockets join the member's group only to close with the session."""

    async def notification_unread(self, event):
        """See ``notification_new``."""

    async def notification_removed(self, event):
        """See ``notification_new``."""


def client_strings() -> dict:
    """Texts live.js shows, translated on the server (the page has no JS catalogue)."""
    return {
        "title": gettext("Latest notifications"),
        "empty": gettext("Nothing new."),
        "all": gettext("All notifications"),
        "new": gettext("New notification: %(summary)s"),
        "unread": gettext("unread"),
    }
