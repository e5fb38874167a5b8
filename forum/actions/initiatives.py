"""Initiatives: proposing, editing, moving through their statuses, joining and leaving."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from core.ratelimit import consume
from notifications.actions import notify

from .. import live, permissions, recipients, search
from ..mentions import render_post
from ..models import Initiative, Participation, Post, Revision, Thread
from .common import (
    LOCKED_AGAINST_EDITS,
    clean_body,
    clean_title,
    log,
    require,
    set_vocabularies,
    watch,
)
from .posts import remention
from .threads import create_thread


def initiative_body(summary: str, objectives: str) -> str:
    return f"{summary}\n\n## {_('Objectives')}\n\n{objectives}"


@transaction.atomic
def propose_initiative(
    author,
    *,
    category,
    title,
    summary,
    objectives,
    institutes=(),
    thread_vocab=None,
    language=None,
    **vocab,
) -> Initiative:
    summary = clean_body(summary)
    objectives = clean_body(objectives)
    thread = create_thread(
        author,
        category=category,
        title=title,
        body=initiative_body(summary, objectives),
        kind=Thread.Kind.INITIATIVE,
        language=language,
        **(thread_vocab or {}),
    )
    initiative = Initiative.objects.create(thread=thread, summary=summary, objectives=objectives)
    set_vocabularies(initiative, {"institutes": institutes, **vocab})
    return initiative


@transaction.atomic
def edit_initiative(
    user, initiative: Initiative, *, title, summary, objectives, institutes=(), **vocab
) -> Initiative:
    """The proposer (or a moderator) revises the proposal; the opening post keeps a revision."""
    require(
        permissions.can_change_initiative_status(user, initiative),
        _("Only the proposer or a moderator edits an initiative."),
    )
    # Initiative and thread locked in one statement, in the order change_initiative_status
    # takes them (two orders could deadlock); the thread's lock is then read from that row.
    initiative = (
        Initiative.objects.select_for_update().select_related("thread").get(pk=initiative.pk)
    )
    thread = initiative.thread
    require(not permissions.is_locked_for(user, thread), LOCKED_AGAINST_EDITS)
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
        opening.body_html, mentioned = render_post(body)
        opening.version += 1
        opening.body, opening.edited_at = body, timezone.now()
        opening.save(update_fields=["version", "body", "body_html", "edited_at"])
        Revision.objects.create(post=opening, version=opening.version, body=body, editor=user)
        remention(opening, mentioned, user)
        transaction.on_commit(lambda: live.post_changed(opening))
    search.update_vectors(post_ids=[opening.pk])
    if user.pk != thread.author_id:
        log(user, Action.INITIATIVE_EDIT, thread=thread)
    return initiative


@transaction.atomic
def change_initiative_status(user, initiative: Initiative, status: str) -> Initiative:
    require(
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
    initiative.status, initiative.status_changed_at = status, timezone.now()
    initiative.save(update_fields=["status", "status_changed_at"])
    if user.pk != initiative.thread.author_id:
        log(
            user,
            Action.INITIATIVE_STATUS,
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
    require(permissions.can_join_initiative(user, initiative), _("This initiative is not open."))
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
    watch(user, initiative.thread)
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
    require(permissions.can_view_thread(user, initiative.thread), _("You cannot see this."))
    consume(user, "forum.write")
    Participation.objects.filter(initiative=initiative, user=user).delete()
