"""Posts: adding one (to a new thread or as a reply), editing, withdrawing."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attachments.actions import attach
from core.ratelimit import consume
from notifications.actions import notify

from .. import live, permissions, recipients, search
from ..mentions import render_post
from ..models import MAX_DEPTH, Post, Revision, Thread
from .common import advance_read, clean_body, require, require_unlocked, watch

DUPLICATE_WINDOW = timedelta(minutes=10)


class EditConflict(Exception):
    """Someone saved the post since the editor loaded it; nothing was overwritten."""

    def __init__(self, current: Post, attempted_body: str):
        super().__init__(current.pk)
        self.current = current
        self.attempted_body = attempted_body


def add_post(thread: Thread, author, body: str, reply_to: Post | None = None):
    """Append a post (the thread row is locked so positions never collide)."""
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    position = locked.last_position + 1
    segment = Post.path_segment(position)
    if reply_to is None:
        depth, path = 0, segment
    elif reply_to.depth < MAX_DEPTH:
        depth, path = reply_to.depth + 1, f"{reply_to.path}.{segment}"
    else:  # too deep to indent: a sibling of the post it answers, with an "in reply to" link
        depth, path = MAX_DEPTH, f"{reply_to.path.rpartition('.')[0]}.{segment}"
    body_html, mentioned = render_post(body)
    now = timezone.now()
    post = Post.objects.create(
        thread=thread,
        author=author,
        reply_to=reply_to,
        position=position,
        path=path,
        depth=depth,
        body=body,
        body_html=body_html,
    )
    if mentioned:
        post.mentioned.set(mentioned)
    Revision.objects.create(post=post, version=1, body=body, editor=author)
    Thread.objects.filter(pk=thread.pk).update(last_position=position, last_activity=now)
    thread.last_position, thread.last_activity = position, now
    search.update_vectors(post_ids=[post.pk])
    watch(author, thread)
    advance_read(author, thread, position)
    return post, mentioned


def notify_post(post: Post, grouped: dict, actor) -> None:
    title = post.thread.title
    summaries = {
        recipients.MENTION: _("%(name)s mentioned you in “%(title)s”"),
        recipients.REPLY: _("%(name)s replied to you in “%(title)s”"),
        recipients.THREAD_POST: _("%(name)s posted in “%(title)s”"),
    }
    for kind, people in grouped.items():
        summary = summaries[kind] % {"name": actor.display_name, "title": title}
        notify(people, kind, actor=actor, target=post, summary=summary)


@transaction.atomic
def reply(author, thread: Thread, body: str, *, reply_to: Post | None = None, files=()) -> Post:
    """A new post; ``files`` (``attachments.forms.Prepared``) are attached to it, or the whole
    reply is refused (``ValidationError``) when they exceed the author's quota."""
    thread = Thread.objects.select_related("category").get(pk=thread.pk)
    if not permissions.can_view_thread(author, thread):
        raise PermissionDenied(_("You cannot see this thread."))
    require(
        permissions.can_reply(author, thread), _("This thread is locked: it takes no new replies.")
    )
    if reply_to is not None:
        require(reply_to.thread_id == thread.pk, _("That post is in another thread."))
        require(reply_to.is_readable, _("That post was removed; reply to the thread instead."))
    consume(author, "forum.reply")
    body = clean_body(body)
    # The thread row is locked before the duplicate check, so that the same text sent twice at
    # once (a double click) waits for the first and is refused, instead of both being stored.
    Thread.objects.select_for_update().filter(pk=thread.pk).values_list("pk", flat=True).get()
    if Post.objects.filter(
        thread=thread,
        author=author,
        body=body,
        created__gte=timezone.now() - DUPLICATE_WINDOW,
    ).exists():
        raise ValidationError(_("You have just posted this same text here."), code="duplicate")
    post, mentioned = add_post(thread, author, body, reply_to)
    attach(author, post, list(files))
    notify_post(post, recipients.for_new_post(post, mentioned), author)
    transaction.on_commit(lambda: live.post_created(post))
    return post


@transaction.atomic
def edit_post(editor, post: Post, body: str, *, expected_version: int) -> Post:
    require_unlocked(editor, post.thread)
    require(permissions.can_edit(editor, post), _("You can only edit your own posts."))
    consume(editor, "forum.edit")
    body = clean_body(body)
    if expected_version > post.version:  # no one has seen that version: a damaged form
        raise ValidationError(_("This form is out of date: reload the page."), code="version")
    if body == post.body and expected_version == post.version:
        return post
    body_html, mentioned = render_post(body)
    now = timezone.now()
    updated = Post.objects.filter(pk=post.pk, version=expected_version).update(
        body=body,
        body_html=body_html,
        version=expected_version + 1,
        edited_at=now,
    )
    if not updated:
        raise EditConflict(Post.objects.get(pk=post.pk), body)
    Revision.objects.create(post=post, version=expected_version + 1, body=body, editor=editor)
    transaction.on_commit(lambda: live.post_changed(post))
    search.update_vectors(post_ids=[post.pk])
    post.refresh_from_db()
    remention(post, mentioned, editor)
    return post


def remention(post: Post, mentioned: list, editor) -> None:
    """After an edit the post names exactly ``mentioned``: names taken out are forgotten, and
    only people named anew are told (``recipients.for_added_mentions``)."""
    already = set(post.mentioned.values_list("pk", flat=True))
    post.mentioned.set(mentioned)
    added = [user for user in mentioned if user.pk not in already]
    people = recipients.for_added_mentions(post, added)
    if people and post.thread.is_deleted is False:
        summary = _("%(name)s mentioned you in “%(title)s”") % {
            "name": editor.display_name,
            "title": post.thread.title,
        }
        notify(people, recipients.MENTION, actor=editor, target=post, summary=summary)


@transaction.atomic
def delete_post(user, post: Post) -> Post:
    """The author withdraws a post: a tombstone stays; the text stays in the revisions."""
    require(permissions.can_delete(user, post), _("You can only delete your own posts."))
    consume(user, "forum.write")
    post.is_deleted, post.deleted_at = True, timezone.now()
    post.save(update_fields=["is_deleted", "deleted_at"])
    transaction.on_commit(lambda: live.post_changed(post))
    return post
