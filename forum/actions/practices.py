"""Good practices: submitting one and moderators' review (curate, feature, decline)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from core.ratelimit import consume
from core.text import strip_invisible
from notifications.actions import notify, withdraw

from .. import permissions, recipients
from ..models import Practice, Thread
from .common import clean_body, log, require, require_reason, set_vocabularies
from .threads import create_thread

PRACTICE_TRANSITIONS = {
    Practice.Status.SUBMITTED: {Practice.Status.IN_REVIEW, Practice.Status.CURATED,
                                Practice.Status.DECLINED},
    Practice.Status.IN_REVIEW: {Practice.Status.CURATED, Practice.Status.DECLINED},
    Practice.Status.CURATED: {Practice.Status.CURATED, Practice.Status.DECLINED},
    Practice.Status.DECLINED: {Practice.Status.IN_REVIEW},
}  # fmt: skip


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
    language=None,
    translation_of=None,
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
        language=language,
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
        translation_of=translation_of,
    )
    set_vocabularies(practice, vocab)
    return practice


@transaction.atomic
def review_practice(
    moderator, practice: Practice, status: str, *, reason: str = "", featured: bool = False
) -> Practice:
    """Move a practice through review; curating may feature it; declining needs a reason."""
    require(permissions.can_moderate(moderator), _("Only moderators review practices."))
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
        Practice.Status.IN_REVIEW: Action.REVIEW_PRACTICE,
        Practice.Status.CURATED: Action.CURATE_PRACTICE,
        Practice.Status.DECLINED: Action.DECLINE_PRACTICE,
    }[status]
    details = _("featured") if practice.featured else ""
    log(moderator, action, thread=practice.thread, reason=reason, details=details)
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
