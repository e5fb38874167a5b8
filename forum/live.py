"""Live updates for open thread pages, sent after commit by ``forum.actions``.

Only the post's id travels: each reader's socket checks that its own member may see the post and
renders it for them (``forum.consumers.ThreadConsumer``), so a hidden post or a thread someone may
not read is never sent to them. ``notifications.delivery.send_to_groups`` carries the messages.
"""

from notifications.delivery import send_to_groups


def thread_group(thread_id: int) -> str:
    """The group of every open socket on one thread's page."""
    return f"thread.{thread_id}"


def post_created(post) -> None:
    """Tell readers of ``post.thread`` that a post appeared."""
    if not post.is_readable:
        return
    send_to_groups(
        [
            (
                thread_group(post.thread_id),
                {
                    "type": "post.created",
                    "post_id": post.pk,
                    "reply_to": post.reply_to_id,
                    "depth": post.depth,
                },
            )
        ]
    )


def post_changed(post) -> None:
    """Tell readers of ``post.thread`` that a post was edited, hidden, restored or deleted.

    Each socket re-renders the post for its own member, so a reader who may not read a hidden
    post's text receives the tombstone only.
    """
    send_to_groups([(thread_group(post.thread_id), {"type": "post.changed", "post_id": post.pk})])


def thread_deleted(thread) -> None:
    """Tell readers of ``thread`` that a moderator deleted it: each page says so and stops
    offering replies; sockets of members who may no longer read it are closed."""
    send_to_groups([(thread_group(thread.pk), {"type": "thread.deleted", "thread_id": thread.pk})])


def thread_restored(thread) -> None:
    """Tell readers of ``thread`` that a moderator restored it: pages still open on it (only
    moderators stay connected to a deleted thread) take the notice away and offer replies again."""
    send_to_groups([(thread_group(thread.pk), {"type": "thread.restored", "thread_id": thread.pk})])
