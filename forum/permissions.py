"""Who may do what in the forum: actions enforce these; views and templates show them."""

from accounts.permissions import is_member, is_moderator

from .models import Initiative, Participation


def can_view_thread(user, thread) -> bool:
    """The predicate twin of ``Thread.objects.visible_to`` (``Thread.is_visible_to``)."""
    return thread.is_visible_to(user)


def can_start_thread(user, category) -> bool:
    return is_member(user) and (not category.moderators_only or is_moderator(user))


def is_locked_for(user, thread) -> bool:
    """A locked thread is frozen for members: no new replies, no edits; moderators still act."""
    return thread.locked and not is_moderator(user)


def can_reply(user, thread) -> bool:
    """Locked threads take replies from moderators only; deleted threads from nobody."""
    if not can_view_thread(user, thread) or thread.is_deleted:
        return False
    return not is_locked_for(user, thread)


def can_reply_to(user, post) -> bool:
    return can_reply(user, post.thread) and post.is_readable


def can_delete(user, post) -> bool:
    """Authors withdraw their own readable posts, even in a locked thread; moderators hide
    instead."""
    return (
        is_member(user)
        and post.author_id == user.pk
        and post.is_readable
        and can_view_thread(user, post.thread)
    )


def can_edit(user, post) -> bool:
    """What authors may withdraw they may also edit, unless the thread is locked."""
    return can_delete(user, post) and not is_locked_for(user, post.thread)


def can_read_text(user, post) -> bool:
    """Hidden text stays readable to moderators and to its author; tombstones to nobody."""
    if post.is_deleted:
        return False
    return not post.is_hidden or is_moderator(user) or post.author_id == getattr(user, "pk", None)


def can_react(user, post) -> bool:
    return can_view_thread(user, post.thread) and post.is_readable and not post.thread.is_deleted


def can_report(user, post) -> bool:
    return can_view_thread(user, post.thread) and post.is_readable and post.author_id != user.pk


def can_moderate(user) -> bool:
    return is_moderator(user)


def can_change_initiative_status(user, initiative) -> bool:
    """The proposer or a moderator, while the thread is there to see (not deleted)."""
    return can_view_thread(user, initiative.thread) and (
        is_moderator(user) or initiative.thread.author_id == user.pk
    )


def can_edit_initiative(user, initiative) -> bool:
    """Editing rewrites the opening post, so a lock stops the proposer as it stops authors."""
    return can_change_initiative_status(user, initiative) and not is_locked_for(
        user, initiative.thread
    )


def can_join_initiative(user, initiative) -> bool:
    closed = {Initiative.Status.COMPLETED, Initiative.Status.ARCHIVED}
    return can_view_thread(user, initiative.thread) and initiative.status not in closed


class PageFacts:
    """What every post's abilities on one thread page share, worked out once for the page.

    ``visible_to_user=True``: the caller read ``thread`` through ``Thread.objects.visible_to(user)``
    (the thread page does), so ``can_view_thread`` is known to hold and is not worked out again."""

    def __init__(self, user, thread, *, visible_to_user: bool = False):
        self.user_pk = getattr(user, "pk", None)
        self.member = is_member(user)
        self.moderator = is_moderator(user)
        self.visible = visible_to_user or can_view_thread(user, thread)
        self.replies_open = (
            self.visible and not thread.is_deleted and not is_locked_for(user, thread)
        )
        self.locked = is_locked_for(user, thread)
        self.thread_deleted = thread.is_deleted


def post_abilities(user, post, facts: PageFacts | None = None) -> dict[str, bool]:
    """Every ``can_*`` above for one post at once, as the template shows them (``read_text``,
    ``react``, ``reply``, ``edit``, ``delete``, ``report``, ``moderate``); pass the page's
    ``PageFacts`` to share the per-user checks between its posts. Tested to agree with the
    predicates for every reader and post state."""
    facts = facts or PageFacts(user, post.thread)
    readable = post.is_readable
    own = facts.user_pk is not None and post.author_id == facts.user_pk
    delete = facts.member and own and readable and facts.visible
    return {
        "read_text": not post.is_deleted and (not post.is_hidden or facts.moderator or own),
        "react": facts.visible and readable and not facts.thread_deleted,
        "reply": facts.replies_open and readable,
        "edit": delete and not facts.locked,
        "delete": delete,
        "report": facts.visible and readable and post.author_id != facts.user_pk,
        "moderate": facts.moderator,
    }


def is_workspace_member(user, workspace) -> bool:
    """The proposer and the participants (``Workspace.objects.of_member``)."""
    return workspace.has_member(user)


def can_open_workspace(user, initiative, participations=None) -> bool:
    """The proposer and the participants give their initiative a workspace (``participations``:
    the initiative's, when the caller has them loaded)."""
    if not can_view_thread(user, initiative.thread):
        return False
    if initiative.thread.author_id == user.pk:
        return True
    if participations is None:
        participations = initiative.participations.filter(user_id=user.pk)
    return any(
        p.user_id == user.pk and p.kind == Participation.Kind.PARTICIPANT for p in participations
    )


def can_enter_workspace(user, workspace) -> bool:
    """The twin of ``Workspace.objects.visible_to`` for a loaded workspace."""
    if not is_member(user):
        return False
    return is_moderator(user) or not workspace.private or is_workspace_member(user, workspace)


def can_start_workspace_thread(user, workspace) -> bool:
    return is_workspace_member(user, workspace)


def can_invite(user, workspace) -> bool:
    return is_workspace_member(user, workspace)


def can_make_public(user, workspace) -> bool:
    return workspace.private and is_workspace_member(user, workspace)
