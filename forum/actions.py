"""Every forum write: permission, rate limit, one transaction, history, then side effects.

Notifications are created inside the transaction (``notify``); live pushes happen on commit: a new
post (``live.post_created``), an edited, hidden, restored or deleted one (``live.post_changed``),
or a deleted or restored thread (``live.thread_deleted``, ``live.thread_restored``).
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import actions as account_actions
from core.ratelimit import consume
from core.text import has_visible_text, strip_invisible, validate_display_text
from forum import live
from notifications.api import notify, withdraw

from . import permissions, recipients, search
from .mentions import find_mentioned, render_post
from .models import (
    BODY_MAX_LENGTH,
    MAX_DEPTH,
    TITLE_MAX_LENGTH,
    Category,
    FeedToken,
    Initiative,
    ModerationLog,
    Participation,
    Post,
    Practice,
    Reaction,
    ReadState,
    Report,
    Revision,
    Subscription,
    Thread,
    new_feed_token,
)

DUPLICATE_WINDOW = timedelta(minutes=10)
LOCKED_AGAINST_EDITS = gettext_lazy("This thread is locked: its posts can no longer be edited.")


class EditConflict(Exception):
    """Someone saved the post since the editor loaded it; nothing was overwritten."""

    def __init__(self, current: Post, attempted_body: str):
        super().__init__(current.pk)
        self.current = current
        self.attempted_body = attempted_body


def clean_body(body: str) -> str:
    body = strip_invisible(body).strip()
    if not has_visible_text(body):
        raise ValidationError(_("Write something before posting."), code="blank")
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            _("Posts are limited to %(max)s characters; this one has %(length)s.")
            % {"max": f"{BODY_MAX_LENGTH:,}", "length": f"{len(body):,}"},
            code="max_length",
        )
    return body


def clean_title(title: str) -> str:
    return validate_display_text(title, max_length=TITLE_MAX_LENGTH)


def require_reason(reason: str) -> str:
    reason = strip_invisible(reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason."), code="required")
    return reason


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_unlocked(user, thread: Thread) -> None:
    """Refuse a non-moderator's edit if the thread is locked now, not when the form was loaded.

    The row lock orders the edit with a concurrent lock (``moderate_thread`` updates the row).
    """
    thread.locked = (
        Thread.objects.select_for_update().filter(pk=thread.pk).values_list("locked", flat=True)
    ).get()
    _require(not permissions.is_locked_for(user, thread), LOCKED_AGAINST_EDITS)


def _log(actor, action, *, thread=None, post=None, member=None, reason="", details=""):
    ModerationLog.objects.create(
        actor=actor,
        action=action,
        thread=thread,
        post=post,
        member=member,
        reason=reason,
        details=details[:300],
    )


def _watch(user, thread: Thread) -> None:
    """Authors and repliers watch automatically, unless they chose a level for the thread."""
    Subscription.objects.get_or_create(
        user=user, thread=thread, defaults={"level": Subscription.Level.WATCHING}
    )


def _mark_read(user, thread: Thread, position: int) -> None:
    updated = ReadState.objects.filter(
        user=user, thread=thread, last_read_position__lt=position
    ).update(last_read_position=position, updated=timezone.now())
    if not updated:
        ReadState.objects.get_or_create(
            user=user, thread=thread, defaults={"last_read_position": position}
        )


def _add_post(thread: Thread, author, body: str, reply_to: Post | None = None):
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
    mentioned = find_mentioned(body)
    now = timezone.now()
    post = Post.objects.create(
        thread=thread,
        author=author,
        reply_to=reply_to,
        position=position,
        path=path,
        depth=depth,
        body=body,
        body_html=render_post(body, mentioned),
    )
    if mentioned:
        post.mentioned.set(mentioned)
    Revision.objects.create(post=post, version=1, body=body, editor=author)
    Thread.objects.filter(pk=thread.pk).update(
        last_position=position,
        last_activity=now,
        reply_count=F("reply_count") + (1 if position > 1 else 0),
    )
    thread.last_position, thread.last_activity = position, now
    search.update_vectors(post_ids=[post.pk])
    _watch(author, thread)
    _mark_read(author, thread, position)
    return post, mentioned


def _notify_post(post: Post, grouped: dict, actor) -> None:
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
def create_thread(
    author, *, category: Category, title: str, body: str, kind=Thread.Kind.DISCUSSION, **vocab
) -> Thread:
    _require(
        permissions.can_start_thread(author, category),
        _("Only moderators start threads in this category."),
    )
    consume(author, "forum.thread")
    title, body = clean_title(title), clean_body(body)
    if Thread.objects.filter(
        author=author, title=title, created__gte=timezone.now() - DUPLICATE_WINDOW
    ).exists():
        raise ValidationError(
            _("You have just started a thread with this title."), code="duplicate"
        )
    thread = Thread.objects.create(category=category, title=title, author=author, kind=kind)
    _set_vocabularies(thread, vocab)
    post, mentioned = _add_post(thread, author, body)
    _notify_post(post, recipients.for_new_thread(thread, mentioned), author)
    return thread


def _set_vocabularies(obj, values: dict) -> None:
    for field, items in values.items():
        if items:
            getattr(obj, field).set(items)


@transaction.atomic
def reply(author, thread: Thread, body: str, *, reply_to: Post | None = None) -> Post:
    thread = Thread.objects.select_related("category").get(pk=thread.pk)
    if not permissions.can_view_thread(author, thread):
        raise PermissionDenied(_("You cannot see this thread."))
    _require(
        permissions.can_reply(author, thread), _("This thread is locked: it takes no new replies.")
    )
    if reply_to is not None:
        _require(reply_to.thread_id == thread.pk, _("That post is in another thread."))
        _require(reply_to.is_readable, _("That post was removed; reply to the thread instead."))
    consume(author, "forum.reply")
    body = clean_body(body)
    if Post.objects.filter(
        thread=thread,
        author=author,
        body=body,
        created__gte=timezone.now() - DUPLICATE_WINDOW,
    ).exists():
        raise ValidationError(_("You have just posted this same text here."), code="duplicate")
    post, mentioned = _add_post(thread, author, body, reply_to)
    _notify_post(post, recipients.for_new_post(post, mentioned), author)
    transaction.on_commit(lambda: live.post_created(post))
    return post


@transaction.atomic
def edit_post(editor, post: Post, body: str, *, expected_version: int) -> Post:
    _require_unlocked(editor, post.thread)
    _require(permissions.can_edit(editor, post), _("You can only edit your own posts."))
    consume(editor, "forum.edit")
    body = clean_body(body)
    if expected_version > post.version:  # no one has seen that version: a damaged form
        raise ValidationError(_("This form is out of date: reload the page."), code="version")
    if body == post.body and expected_version == post.version:
        return post
    mentioned = find_mentioned(body)
    now = timezone.now()
    updated = Post.objects.filter(pk=post.pk, version=expected_version).update(
        body=body,
        body_html=render_post(body, mentioned),
        version=expected_version + 1,
        edited_at=now,
    )
    if not updated:
        raise EditConflict(Post.objects.get(pk=post.pk), body)
    Revision.objects.create(post=post, version=expected_version + 1, body=body, editor=editor)
    transaction.on_commit(lambda: live.post_changed(post))
    search.update_vectors(post_ids=[post.pk])
    post.refresh_from_db()
    _remention(post, mentioned, editor)
    return post


def _remention(post: Post, mentioned: list, editor) -> None:
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
    _require(permissions.can_delete(user, post), _("You can only delete your own posts."))
    consume(user, "forum.write")
    post.is_deleted, post.deleted_at = True, timezone.now()
    post.save(update_fields=["is_deleted", "deleted_at"])
    transaction.on_commit(lambda: live.post_changed(post))
    return post


def hide_post(moderator, post: Post, *, reason: str) -> Post:
    return _set_hidden(moderator, post, hidden=True, reason=reason)


def restore_post(moderator, post: Post, *, reason: str) -> Post:
    return _set_hidden(moderator, post, hidden=False, reason=reason)


@transaction.atomic
def _set_hidden(moderator, post: Post, *, hidden: bool, reason: str) -> Post:
    """Hide a post (or restore it) with a reason: logged, and its author is told why."""
    _require(permissions.can_moderate(moderator), _("Only moderators hide and restore posts."))
    reason = require_reason(reason)
    if post.is_hidden == hidden:
        message = _("This post is already hidden.") if hidden else _("This post is not hidden.")
        raise ValidationError(message, code="hidden" if hidden else "not_hidden")
    consume(moderator, "forum.write")
    post.is_hidden, post.hidden_reason = hidden, reason if hidden else ""
    post.save(update_fields=["is_hidden", "hidden_reason"])
    transaction.on_commit(lambda: live.post_changed(post))
    action = ModerationLog.Action.HIDE if hidden else ModerationLog.Action.RESTORE
    _log(moderator, action, thread=post.thread, post=post, reason=reason)
    title = post.thread.title
    if hidden:
        kind = "post_hidden"
        summary = _("A moderator hid your post in “%(title)s”: %(reason)s") % {
            "title": title,
            "reason": reason,
        }
    else:
        kind = "post_restored"
        summary = _("A moderator restored your post in “%(title)s”") % {"title": title}
    notify(
        recipients.single(post.author, post.thread, moderator),
        kind,
        actor=moderator,
        target=post,
        summary=summary,
    )
    return post


@transaction.atomic
def toggle_reaction(user, post: Post, kind: str) -> bool:
    """Add ``kind`` from ``user`` to ``post``, or take it back; returns whether it is now set."""
    _require(permissions.can_react(user, post), _("You cannot react to this post."))
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Unknown reaction."), code="invalid")
    consume(user, "forum.reaction")
    Post.objects.select_for_update().filter(pk=post.pk).first()
    deleted, _rows = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if not deleted:
        Reaction.objects.create(post=post, user=user, kind=kind)
    counts = dict(
        Reaction.objects.filter(post=post)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    Post.objects.filter(pk=post.pk).update(reaction_counts=counts)
    post.reaction_counts = counts
    return not deleted


@transaction.atomic
def report_post(user, post: Post, *, reason: str) -> Report:
    _require(permissions.can_report(user, post), _("You cannot report this post."))
    reason = require_reason(reason)
    consume(user, "forum.report")
    if Report.objects.filter(post=post, reporter=user, status=Report.Status.OPEN).exists():
        raise ValidationError(_("You have already reported this post."), code="duplicate")
    return Report.objects.create(post=post, reporter=user, reason=reason)


@transaction.atomic
def resolve_report(
    moderator, report: Report, *, resolution: str, dismiss=False, hide=False
) -> Report:
    _require(permissions.can_moderate(moderator), _("Only moderators resolve reports."))
    resolution = require_reason(resolution)
    report = Report.objects.select_for_update().select_related("post__thread").get(pk=report.pk)
    if report.status != Report.Status.OPEN:
        raise ValidationError(_("This report was already handled."), code="handled")
    if hide and not report.post.is_hidden:
        hide_post(moderator, report.post, reason=resolution)
    else:
        consume(moderator, "forum.write")
    report.status = Report.Status.DISMISSED if dismiss else Report.Status.RESOLVED
    report.resolved_by, report.resolved_at, report.resolution = (
        moderator,
        timezone.now(),
        resolution,
    )
    report.save(update_fields=["status", "resolved_by", "resolved_at", "resolution"])
    action = ModerationLog.Action.DISMISS_REPORT if dismiss else ModerationLog.Action.RESOLVE_REPORT
    _log(moderator, action, thread=report.post.thread, post=report.post, reason=resolution)
    notify(
        recipients.single(report.reporter, report.post.thread, moderator),
        "report_resolved",
        actor=moderator,
        target=report,
        summary=_("Moderators handled your report on a post in “%(title)s”: %(resolution)s")
        % {"title": report.post.thread.title, "resolution": resolution},
    )
    return report


THREAD_FLAGS = {
    ModerationLog.Action.LOCK: ("locked", True),
    ModerationLog.Action.UNLOCK: ("locked", False),
    ModerationLog.Action.PIN: ("pinned", True),
    ModerationLog.Action.UNPIN: ("pinned", False),
    ModerationLog.Action.DELETE_THREAD: ("is_deleted", True),
    ModerationLog.Action.RESTORE_THREAD: ("is_deleted", False),
}


@transaction.atomic
def moderate_thread(moderator, thread: Thread, action: str, *, reason: str) -> Thread:
    _require(permissions.can_moderate(moderator), _("Only moderators do this."))
    if action not in THREAD_FLAGS:
        raise ValidationError(_("Unknown action."), code="invalid")
    reason = require_reason(reason)
    consume(moderator, "forum.write")
    field, value = THREAD_FLAGS[action]
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    _log(moderator, action, thread=thread, reason=reason)
    if action == ModerationLog.Action.DELETE_THREAD:
        # Members who may no longer open the thread lose what they were told about it.
        withdraw(recipients.notifications_out_of_sight(thread))
        transaction.on_commit(lambda: live.thread_deleted(thread))
    elif action == ModerationLog.Action.RESTORE_THREAD:
        transaction.on_commit(lambda: live.thread_restored(thread))
    return thread


@transaction.atomic
def move_thread(moderator, thread: Thread, category: Category, *, reason: str) -> Thread:
    _require(permissions.can_moderate(moderator), _("Only moderators move threads."))
    reason = require_reason(reason)
    consume(moderator, "forum.write")
    previous = thread.category
    thread.category = category
    thread.save(update_fields=["category"])
    _log(
        moderator,
        ModerationLog.Action.MOVE,
        thread=thread,
        reason=reason,
        details=f"{previous} → {category}",
    )
    return thread


@transaction.atomic
def save_category(moderator, category: Category) -> Category:
    _require(permissions.can_moderate(moderator), _("Only moderators manage categories."))
    consume(moderator, "forum.write")
    category.name = clean_title(category.name)
    category.save()
    _log(moderator, ModerationLog.Action.CATEGORY, details=category.name)
    return category


@transaction.atomic
def suspend_member(moderator, member, *, reason: str):
    reason = require_reason(reason)
    account_actions.deactivate_member(moderator, member, reason=reason)
    _log(moderator, ModerationLog.Action.SUSPEND, member=member, reason=reason)
    return member


@transaction.atomic
def set_subscription(user, level: str | None, *, thread=None, category=None) -> None:
    """Watch, mute, or go back to the default (``level=None``) for a thread or a category."""
    if thread is not None:
        _require(permissions.can_view_thread(user, thread), _("You cannot see this thread."))
    elif not permissions.is_member(user):
        raise PermissionDenied
    if level not in (None, *Subscription.Level.values):
        raise ValidationError(_("Unknown setting."), code="invalid")
    consume(user, "forum.write")
    target = {"thread": thread} if thread is not None else {"category": category}
    if level is None:
        Subscription.objects.filter(user=user, **target).delete()
    else:
        Subscription.objects.update_or_create(user=user, **target, defaults={"level": level})


def mark_read(user, thread: Thread, position: int, *, has_state: bool) -> None:
    """Read tracking happens on every page view (one query), so it is not rate limited."""
    if not permissions.is_member(user) or position < 1:
        return
    if has_state:
        ReadState.objects.filter(user=user, thread=thread, last_read_position__lt=position).update(
            last_read_position=position, updated=timezone.now()
        )
    else:
        ReadState.objects.bulk_create(
            [ReadState(user=user, thread=thread, last_read_position=position)],
            ignore_conflicts=True,
        )


def initiative_body(summary: str, objectives: str) -> str:
    return f"{summary}\n\n## {_('Objectives')}\n\n{objectives}"


@transaction.atomic
def propose_initiative(
    author, *, category, title, summary, objectives, institutes=(), thread_vocab=None, **vocab
) -> Initiative:
    summary = clean_body(summary)
    objectives = clean_body(objectives)
    thread = create_thread(
        author,
        category=category,
        title=title,
        body=initiative_body(summary, objectives),
        kind=Thread.Kind.INITIATIVE,
        **(thread_vocab or {}),
    )
    initiative = Initiative.objects.create(thread=thread, summary=summary, objectives=objectives)
    _set_vocabularies(initiative, {"institutes": institutes, **vocab})
    return initiative


@transaction.atomic
def edit_initiative(
    user, initiative: Initiative, *, title, summary, objectives, institutes=(), **vocab
) -> Initiative:
    """The proposer (or a moderator) revises the proposal; the opening post keeps a revision."""
    _require(
        permissions.can_change_initiative_status(user, initiative),
        _("Only the proposer or a moderator edits an initiative."),
    )
    # Initiative and thread locked in one statement, in the order change_initiative_status
    # takes them (two orders could deadlock); the thread's lock is then read from that row.
    initiative = (
        Initiative.objects.select_for_update().select_related("thread").get(pk=initiative.pk)
    )
    thread = initiative.thread
    _require(not permissions.is_locked_for(user, thread), LOCKED_AGAINST_EDITS)
    consume(user, "forum.edit")
    title, summary, objectives = clean_title(title), clean_body(summary), clean_body(objectives)
    thread.title = title
    thread.save(update_fields=["title"])
    initiative.summary, initiative.objectives = summary, objectives
    initiative.save(update_fields=["summary", "objectives"])
    initiative.institutes.set(institutes)
    for field in ("themes", "regions"):
        if field in vocab:
            getattr(thread, field).set(vocab.pop(field))
    for field, items in vocab.items():
        getattr(initiative, field).set(items)
    opening = Post.objects.select_for_update().get(thread=thread, position=1)
    body = initiative_body(summary, objectives)
    if body != opening.body:
        mentioned = find_mentioned(body)
        opening.version += 1
        opening.body, opening.edited_at = body, timezone.now()
        opening.body_html = render_post(body, mentioned)
        opening.save(update_fields=["version", "body", "body_html", "edited_at"])
        Revision.objects.create(post=opening, version=opening.version, body=body, editor=user)
        _remention(opening, mentioned, user)
        transaction.on_commit(lambda: live.post_changed(opening))
    search.update_vectors(post_ids=[opening.pk])
    if user.pk != thread.author_id:
        _log(user, ModerationLog.Action.INITIATIVE_EDIT, thread=thread)
    return initiative


@transaction.atomic
def change_initiative_status(user, initiative: Initiative, status: str) -> Initiative:
    _require(
        permissions.can_change_initiative_status(user, initiative),
        _("Only the proposer or a moderator changes the status."),
    )
    initiative = (
        Initiative.objects.select_for_update().select_related("thread").get(pk=initiative.pk)
    )
    if status not in initiative.allowed_statuses():
        raise ValidationError(
            _("An initiative cannot go from “%(current)s” to that status.")
            % {"current": initiative.get_status_display()},
            code="transition",
        )
    consume(user, "forum.write")
    initiative.status, initiative.status_changed = status, timezone.now()
    initiative.save(update_fields=["status", "status_changed"])
    if user.pk != initiative.thread.author_id:
        _log(
            user,
            ModerationLog.Action.INITIATIVE_STATUS,
            thread=initiative.thread,
            details=initiative.get_status_display(),
        )
    people = recipients.initiative_people(
        initiative,
        kinds=[Participation.Kind.PARTICIPANT, Participation.Kind.INTERESTED],
        actor=user,
    )
    notify(
        people,
        "initiative_status",
        actor=user,
        target=initiative,
        summary=_("“%(title)s” is now %(status)s")
        % {"title": initiative.thread.title, "status": initiative.get_status_display()},
    )
    return initiative


@transaction.atomic
def join_initiative(user, initiative: Initiative, kind=Participation.Kind.PARTICIPANT):
    initiative = Initiative.objects.select_related("thread").get(pk=initiative.pk)
    _require(permissions.can_join_initiative(user, initiative), _("This initiative is not open."))
    if kind not in Participation.Kind.values:
        raise ValidationError(_("Unknown choice."), code="invalid")
    consume(user, "forum.write")
    participation, created = Participation.objects.get_or_create(
        initiative=initiative, user=user, defaults={"kind": kind}
    )
    if not created and participation.kind == kind:
        return participation
    participation.kind = kind
    participation.save(update_fields=["kind"])
    _watch(user, initiative.thread)
    title = initiative.thread.title
    if kind == Participation.Kind.PARTICIPANT:
        people = recipients.initiative_people(
            initiative, kinds=[Participation.Kind.PARTICIPANT], actor=user
        )
        notify(
            people,
            "initiative_joined",
            actor=user,
            target=initiative,
            summary=_("%(name)s joined “%(title)s”") % {"name": user.display_name, "title": title},
        )
    else:
        notify(
            recipients.single(initiative.thread.author, initiative.thread, user),
            "initiative_interest",
            actor=user,
            target=initiative,
            summary=_("%(name)s is interested in “%(title)s”")
            % {"name": user.display_name, "title": title},
        )
    return participation


@transaction.atomic
def leave_initiative(user, initiative: Initiative) -> None:
    _require(permissions.can_view_thread(user, initiative.thread), _("You cannot see this."))
    consume(user, "forum.write")
    Participation.objects.filter(initiative=initiative, user=user).delete()


def practice_body(summary: str, what_worked: str, evidence: str) -> str:
    parts = [summary, f"## {_('What worked')}\n\n{what_worked}"]
    if evidence:
        parts.append(f"## {_('Evidence and links')}\n\n{evidence}")
    return "\n\n".join(parts)


@transaction.atomic
def submit_practice(
    author,
    *,
    category,
    title,
    summary,
    what_worked,
    evidence="",
    place="",
    institute=None,
    country=None,
    thread_vocab=None,
    **vocab,
) -> Practice:
    summary, what_worked = clean_body(summary), clean_body(what_worked)
    evidence = strip_invisible(evidence).strip()
    thread = create_thread(
        author,
        category=category,
        title=title,
        body=practice_body(summary, what_worked, evidence),
        kind=Thread.Kind.PRACTICE,
        **(thread_vocab or {}),
    )
    practice = Practice.objects.create(
        thread=thread,
        summary=summary,
        what_worked=what_worked,
        evidence=evidence,
        place=strip_invisible(place).strip(),
        institute=institute,
        country=country,
    )
    _set_vocabularies(practice, vocab)
    return practice


PRACTICE_TRANSITIONS = {
    Practice.Status.SUBMITTED: {Practice.Status.IN_REVIEW, Practice.Status.CURATED,
                                Practice.Status.DECLINED},
    Practice.Status.IN_REVIEW: {Practice.Status.CURATED, Practice.Status.DECLINED},
    Practice.Status.CURATED: {Practice.Status.CURATED, Practice.Status.DECLINED},
    Practice.Status.DECLINED: {Practice.Status.IN_REVIEW},
}  # fmt: skip


@transaction.atomic
def review_practice(
    moderator, practice: Practice, status: str, *, reason: str = "", featured: bool = False
) -> Practice:
    """Move a practice through review; curating may feature it; declining needs a reason."""
    _require(permissions.can_moderate(moderator), _("Only moderators review practices."))
    practice = Practice.objects.select_for_update().select_related("thread").get(pk=practice.pk)
    if status not in PRACTICE_TRANSITIONS[Practice.Status(practice.status)]:
        raise ValidationError(_("This practice cannot move to that status."), code="transition")
    if status == Practice.Status.DECLINED:
        reason = require_reason(reason)
    consume(moderator, "forum.write")
    now = timezone.now()
    was_curated = practice.status == Practice.Status.CURATED
    practice.status = status
    practice.reviewed_by, practice.reviewed_at = moderator, now
    practice.featured = featured and status == Practice.Status.CURATED
    practice.decline_reason = reason if status == Practice.Status.DECLINED else ""
    if status == Practice.Status.CURATED and not was_curated:
        practice.curated_at = now
    practice.save()
    action = {
        Practice.Status.IN_REVIEW: ModerationLog.Action.REVIEW_PRACTICE,
        Practice.Status.CURATED: ModerationLog.Action.CURATE_PRACTICE,
        Practice.Status.DECLINED: ModerationLog.Action.DECLINE_PRACTICE,
    }[status]
    details = _("featured") if practice.featured else ""
    _log(moderator, action, thread=practice.thread, reason=reason, details=details)
    if status == Practice.Status.DECLINED:
        withdraw(recipients.notifications_out_of_sight(practice.thread))
    author = recipients.single(practice.thread.author, practice.thread, moderator)
    title = practice.thread.title
    if status == Practice.Status.CURATED and not was_curated:
        notify(
            author,
            "practice_curated",
            actor=moderator,
            target=practice,
            summary=_("Your practice “%(title)s” is now in the Good practices library")
            % {"title": title},
        )
    elif status == Practice.Status.DECLINED:
        notify(
            author,
            "practice_declined",
            actor=moderator,
            target=practice,
            summary=_("Your practice “%(title)s” was declined: %(reason)s")
            % {"title": title, "reason": reason},
        )
    return practice


def feed_token_for(user) -> str:
    return FeedToken.objects.get_or_create(user=user)[0].token


@transaction.atomic
def reset_feed_token(user) -> str:
    _require(permissions.is_member(user), _("Only members have feeds."))
    consume(user, "forum.write")
    token = new_feed_token()
    FeedToken.objects.update_or_create(user=user, defaults={"token": token})
    return token
