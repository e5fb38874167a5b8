"""Who is told about forum events: computed here and only here.

A wrong list is a security bug, so every function returns only active members who can see the
thread (moderators only, for a deleted thread; moderators and the author, for a declined
practice), never the actor, and each person at most once.

For a new post, each person gets one notification of the strongest kind that applies:
``mention`` > ``reply`` > ``thread_post``.
- ``mention``: members named with ``@[Name]``; a mention reaches them even in a muted thread.
- ``reply``: the author of the post being answered, unless they muted the thread (or its
  category without watching the thread).
- ``thread_post``: members watching the thread, or its category without muting the thread.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from accounts.models import User
from notifications.models import Notification

from .models import (
    Initiative,
    Participation,
    Post,
    Practice,
    Report,
    Subscription,
    Thread,
)

MENTION = "mention"
REPLY = "reply"
THREAD_POST = "thread_post"


def audience(thread: Thread):
    """Everyone who may read ``thread`` (``Thread.readers``, the people side of the rule)."""
    return thread.readers()


def notifications_out_of_sight(thread: Thread):
    """Notifications about ``thread`` (its posts, reports on them, its initiative or practice)
    held by people outside its audience: for a thread just deleted or a practice just declined."""
    types = ContentType.objects.get_for_models(Post, Report, Initiative, Practice)
    about = (
        Q(target_type=types[Post], target_id__in=Post.objects.filter(thread=thread).values("pk"))
        | Q(
            target_type=types[Report],
            target_id__in=Report.objects.filter(post__thread=thread).values("pk"),
        )
        | Q(
            target_type=types[Initiative],
            target_id__in=Initiative.objects.filter(thread=thread).values("pk"),
        )
        | Q(
            target_type=types[Practice],
            target_id__in=Practice.objects.filter(thread=thread).values("pk"),
        )
    )
    return Notification.objects.filter(about).exclude(recipient__in=audience(thread))


def _levels(thread: Thread) -> dict[int, str]:
    """Each member's effective level for ``thread``: a thread setting beats a category one."""
    rows = Subscription.objects.filter(
        Q(thread_id=thread.pk) | Q(category_id=thread.category_id)
    ).values_list("user_id", "thread_id", "level")
    category_levels, thread_levels = {}, {}
    for user_id, thread_id, level in rows:
        (thread_levels if thread_id else category_levels)[user_id] = level
    return {**category_levels, **thread_levels}


def for_new_post(post: Post, mentioned=()) -> dict[str, list[User]]:
    thread = post.thread
    levels = _levels(thread)
    wanted: dict[int, str] = {}
    for user_id, level in levels.items():
        if level == Subscription.Level.WATCHING:
            wanted[user_id] = THREAD_POST
    if post.reply_to_id is not None:
        answered = post.reply_to.author_id
        if levels.get(answered) != Subscription.Level.MUTED:
            wanted[answered] = REPLY
    for user in mentioned:
        wanted[user.pk] = MENTION
    wanted.pop(post.author_id, None)
    return _group(thread, wanted)


def for_new_thread(thread: Thread, mentioned=()) -> dict[str, list[User]]:
    """Watchers of the category (unless they muted this thread) and mentioned members."""
    wanted = {
        user_id: THREAD_POST
        for user_id, level in _levels(thread).items()
        if level == Subscription.Level.WATCHING
    }
    for user in mentioned:
        wanted[user.pk] = MENTION
    wanted.pop(thread.author_id, None)
    return _group(thread, wanted)


def for_added_mentions(post: Post, newly_mentioned) -> list[User]:
    """People named in an edit who were not named before; someone named, taken out and named
    again is not told twice about the same post."""
    wanted = {user.pk: MENTION for user in newly_mentioned if user.pk != post.author_id}
    if wanted:
        told = Notification.objects.filter(
            kind=MENTION,
            target_type=ContentType.objects.get_for_model(Post),
            target_id=post.pk,
            recipient_id__in=wanted,
        ).values_list("recipient_id", flat=True)
        for user_id in told:
            wanted.pop(user_id, None)
    return _group(post.thread, wanted).get(MENTION, [])


def initiative_people(initiative, *, kinds, actor, include_proposer=True) -> list[User]:
    ids = set(
        Participation.objects.filter(initiative=initiative, kind__in=kinds).values_list(
            "user_id", flat=True
        )
    )
    if include_proposer:
        ids.add(initiative.thread.author_id)
    ids.discard(actor.pk)
    return list(audience(initiative.thread).filter(pk__in=ids).order_by("pk"))


def single(user, thread: Thread, actor) -> list[User]:
    """``user`` alone, if they are not the actor and may still see the thread."""
    if user is None or user.pk == actor.pk:
        return []
    return list(audience(thread).filter(pk=user.pk))


def _group(thread: Thread, wanted: dict[int, str]) -> dict[str, list[User]]:
    if not wanted:
        return {}
    grouped: dict[str, list[User]] = {}
    for user in audience(thread).filter(pk__in=wanted).order_by("pk"):
        grouped.setdefault(wanted[user.pk], []).append(user)
    return grouped
