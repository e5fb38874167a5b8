"""The live view of a thread: ``/ws/threads/<id>/``.

A reader's socket joins the thread's group (``live.thread_group``); ``forum.live`` tells the group
that a post appeared or changed, or that the thread was deleted or restored, by id only, and each
socket renders the post for its own member, so nothing is sent to someone who may not read it.
Authentication, close codes, rate limiting and group upkeep come from
``notifications.consumers.MemberSocket``.
"""

from datetime import UTC, timedelta

from channels.db import database_sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, ngettext

from audit.models import Action, Entry
from notifications.consumers import CLOSE_FORBIDDEN, CLOSE_MALFORMED, MemberSocket

from .live import thread_group
from .models import Post, Reaction, Thread

# A reconnecting thread page gets the posts it missed, rendered this many at a time, up to
# CATCH_UP_MAX; past that it is told to reload rather than grow without end.
CATCH_UP_LIMIT = 50
CATCH_UP_MAX = 200
# Changes are looked up from a little before the page's last sync: a transaction stamps its
# time before it commits.
CHANGE_MARGIN = timedelta(minutes=1)


def _looked_up_from(since):
    """Where to look for changes after ``since`` (an aware datetime), less the margin; None
    when it is naive or too near the ends of the calendar for that."""
    if since is None or since.tzinfo is None:
        return None
    try:
        return since.astimezone(UTC) - CHANGE_MARGIN
    except OverflowError:
        return None


class ThreadConsumer(MemberSocket):
    """``/ws/threads/<id>/``: new and changed posts of one thread, rendered for this socket's
    member, and the thread's deletion and restoration."""

    async def authorize(self) -> bool:
        self.thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        return await database_sync_to_async(self._can_see_thread)()

    def _can_see_thread(self) -> bool:
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
            since = _looked_up_from(since)
            if since is None:
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
        with translation.override(self.user.email_language):
            if len(missed) >= CATCH_UP_MAX:
                text = gettext("Many new posts arrived: reload the page to see them all.")
                await self.send_json({"type": "stale", "announce": text})
            elif quiet:
                text = ngettext("%(count)d new post", "%(count)d new posts", len(missed)) % {
                    "count": len(missed)
                }
                await self.send_json({"type": "announce", "announce": text})

    def _changed(self, since, *, up_to: int) -> list[dict]:
        """Posts up to ``up_to`` edited, deleted, hidden or restored since ``since`` (the margin
        for transactions that committed late already taken off), rendered for this member."""
        moderated = Entry.objects.filter(
            target_type=ContentType.objects.get_for_model(Post),
            action__in=[Action.HIDE, Action.RESTORE],
            created__gte=since,
        ).values("target_id")
        changed = Post.objects.filter(
            Q(edited_at__gte=since) | Q(deleted_at__gte=since) | Q(pk__in=moderated),
            thread_id=self.thread_id,
            position__lte=up_to,
        ).values_list("pk", flat=True)
        return self._rendered(readable_only=False, pk__in=list(changed[:CATCH_UP_LIMIT]))

    def _deletion_changed_since(self, since) -> str | None:
        """``"thread.deleted"`` if the thread is deleted and was deleted since ``since``,
        ``"thread.restored"`` if it is not and was restored since then; else ``None``."""
        deleted = Thread.objects.filter(pk=self.thread_id, is_deleted=True).exists()
        action = Action.DELETE_THREAD if deleted else Action.RESTORE_THREAD
        logged = (
            Entry.objects.for_target(Thread(pk=self.thread_id))
            .filter(action=action, created__gte=since)
            .exists()
        )
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
        user = get_user_model().objects.filter(pk=self.user.pk).first()
        if user is None or not user.is_member:
            return []
        posts = Post.objects.visible_to(user).filter(thread_id=self.thread_id, **lookup)
        if readable_only:
            posts = posts.readable()
        posts = list(
            posts.select_related(
                "author__institute", "author__profile", "reply_to__author", "thread__category"
            )
            .prefetch_related("attachments")
            .order_by("position")[:CATCH_UP_LIMIT]
        )
        mine = set(
            Reaction.objects.filter(post__in=posts, user=user).values_list("post_id", "kind")
        )
        messages = []
        with translation.override(self.user.email_language):
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
