"""Moderators' acts, each with a reason in the log: hiding posts, handling reports, locking,
pinning, deleting and moving threads, categories. Deactivating a member is
``accounts.actions.deactivate_member``, the one act for it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from core.ratelimit import consume
from notifications.actions import notify, withdraw

from .. import live, permissions, recipients
from ..models import Category, Post, Report, Thread
from .common import clean_title, log, require, require_reason

THREAD_FLAGS = {
    Action.LOCK: ("locked", True),
    Action.UNLOCK: ("locked", False),
    Action.PIN: ("pinned", True),
    Action.UNPIN: ("pinned", False),
    Action.DELETE_THREAD: ("is_deleted", True),
    Action.RESTORE_THREAD: ("is_deleted", False),
}


def hide_post(moderator, post: Post, *, reason: str) -> Post:
    return _set_hidden(moderator, post, hidden=True, reason=reason)


def restore_post(moderator, post: Post, *, reason: str) -> Post:
    return _set_hidden(moderator, post, hidden=False, reason=reason)


@transaction.atomic
def _set_hidden(moderator, post: Post, *, hidden: bool, reason: str) -> Post:
    """Hide a post (or restore it) with a reason: logged, and its author is told why."""
    require(permissions.can_moderate(moderator), _("Only moderators hide and restore posts."))
    reason = require_reason(reason)
    if post.is_hidden == hidden:
        message = _("This post is already hidden.") if hidden else _("This post is not hidden.")
        raise ValidationError(message, code="hidden" if hidden else "not_hidden")
    consume(moderator, "forum.write")
    post.is_hidden, post.hidden_reason = hidden, reason if hidden else ""
    post.save(update_fields=["is_hidden", "hidden_reason"])
    transaction.on_commit(lambda: live.post_changed(post))
    action = Action.HIDE if hidden else Action.RESTORE
    log(moderator, action, thread=post.thread, post=post, reason=reason)
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
def report_post(user, post: Post, *, reason: str) -> Report:
    require(permissions.can_report(user, post), _("You cannot report this post."))
    reason = require_reason(reason)
    consume(user, "forum.report")
    if Report.objects.filter(post=post, reporter=user, status=Report.Status.OPEN).exists():
        raise ValidationError(_("You have already reported this post."), code="duplicate")
    return Report.objects.create(post=post, reporter=user, reason=reason)


@transaction.atomic
def resolve_report(
    moderator, report: Report, *, resolution: str, dismiss=False, hide=False
) -> Report:
    require(permissions.can_moderate(moderator), _("Only moderators resolve reports."))
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
    action = Action.DISMISS_REPORT if dismiss else Action.RESOLVE_REPORT
    log(moderator, action, thread=report.post.thread, post=report.post, reason=resolution)
    notify(
        recipients.single(report.reporter, report.post.thread, moderator),
        "report_resolved",
        actor=moderator,
        target=report,
        summary=_("Moderators handled your report on a post in “%(title)s”: %(resolution)s")
        % {"title": report.post.thread.title, "resolution": resolution},
    )
    return report


@transaction.atomic
def moderate_thread(moderator, thread: Thread, action: str, *, reason: str) -> Thread:
    require(permissions.can_moderate(moderator), _("Only moderators do this."))
    if action not in THREAD_FLAGS:
        raise ValidationError(_("Unknown action."), code="invalid")
    reason = require_reason(reason)
    consume(moderator, "forum.write")
    field, value = THREAD_FLAGS[action]
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    log(moderator, action, thread=thread, reason=reason)
    if action == Action.DELETE_THREAD:
        # Members who may no longer open the thread lose what they were told about it.
        withdraw(recipients.notifications_out_of_sight(thread))
        transaction.on_commit(lambda: live.thread_deleted(thread))
    elif action == Action.RESTORE_THREAD:
        transaction.on_commit(lambda: live.thread_restored(thread))
    return thread


@transaction.atomic
def move_thread(moderator, thread: Thread, category: Category, *, reason: str) -> Thread:
    require(permissions.can_moderate(moderator), _("Only moderators move threads."))
    reason = require_reason(reason)
    consume(moderator, "forum.write")
    previous = thread.category
    thread.category = category
    thread.save(update_fields=["category"])
    log(
        moderator,
        Action.MOVE,
        thread=thread,
        reason=reason,
        details=f"{previous} → {category}",
    )
    return thread


@transaction.atomic
def save_category(moderator, category: Category) -> Category:
    require(permissions.can_moderate(moderator), _("Only moderators manage categories."))
    consume(moderator, "forum.write")
    category.name = clean_title(category.name)
    category.save()
    log(moderator, Action.CATEGORY, target=category, details=category.name)
    return category
