"""Every write of the portal: permission, rate limit, one transaction, side effects on commit."""

from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.actions import record
from audit.models import Action
from core.markup import render_markdown
from core.ratelimit import consume
from forum.models import Practice

from . import permissions, tasks
from .models import Event, Output, OutputAuthor, Registration, StakeholderSubscription, Status

LOG_ACTIONS = {
    (Output, Status.PUBLISHED): Action.PUBLISH_OUTPUT,
    (Output, Status.DECLINED): Action.DECLINE_OUTPUT,
    (Output, Status.DRAFT): Action.UNPUBLISH_OUTPUT,
    (Event, Status.PUBLISHED): Action.PUBLISH_EVENT,
    (Event, Status.DECLINED): Action.DECLINE_EVENT,
    (Event, Status.DRAFT): Action.UNPUBLISH_EVENT,
}


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _save_reviewed(user, item, relations: dict, *, submit: bool) -> None:
    is_new = item.pk is None
    _require(
        permissions.can_submit(user) if is_new else permissions.can_edit(user, item),
        _("You may not change this."),
    )
    consume(user, "portal.submit")
    if is_new:
        item.submitted_by = user
    if item.status != Status.PUBLISHED:
        item.status = Status.SUBMITTED if submit else Status.DRAFT
    item.save()
    for name, values in relations.items():
        getattr(item, name).set(values)


@transaction.atomic
def save_output(
    user, output: Output, *, relations: dict, authors: list, submit: bool = False
) -> Output:
    """Create or edit an output; ``authors`` are members or names, in order. ``submit`` sends
    a draft to the moderators; an edit to a published output keeps it published."""
    output.abstract_html = render_markdown(output.abstract)
    _save_reviewed(user, output, relations, submit=submit)
    output.authors.all().delete()
    OutputAuthor.objects.bulk_create(
        OutputAuthor(
            output=output,
            position=position,
            member=author if not isinstance(author, str) else None,
            name=author if isinstance(author, str) else author.display_name,
        )
        for position, author in enumerate(authors)
    )
    return output


@transaction.atomic
def save_event(user, event: Event, *, relations: dict, submit: bool = False) -> Event:
    event.description_html = render_markdown(event.description)
    _save_reviewed(user, event, relations, submit=submit)
    return event


@transaction.atomic
def review(moderator, item, status: str, *, reason: str = ""):
    """Publish, decline (with a reason) or take back to draft an output or an event."""
    _require(permissions.can_review(moderator), _("Only moderators review the portal."))
    consume(moderator, "accounts.moderate")
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if status == Status.DECLINED and not reason.strip():
        raise ValidationError(_("Say why, for the member who submitted it."), code="reason")
    if (type(item), status) not in LOG_ACTIONS:
        raise ValidationError(_("This is not a status a moderator sets."), code="status")
    now = timezone.now()
    first_publication = status == Status.PUBLISHED and item.published_at is None
    item.status = status
    item.reviewed_by, item.reviewed_at = moderator, now
    item.decline_reason = reason.strip() if status == Status.DECLINED else ""
    if status == Status.PUBLISHED and item.published_at is None:
        item.published_at = now
    item.save()
    record(
        moderator,
        LOG_ACTIONS[type(item), status],
        target=item,
        member=item.submitted_by,
        reason=item.decline_reason,
    )
    if first_publication:
        label = item._meta.label_lower
        transaction.on_commit(lambda: tasks.announce_publication.enqueue(model=label, pk=item.pk))
    return item


@transaction.atomic
def set_practice_public(moderator, practice: Practice, public: bool) -> Practice:
    """Show a curated practice on the public site, or take it off."""
    _require(permissions.can_review(moderator), _("Only moderators choose public practices."))
    consume(moderator, "accounts.moderate")
    practice = Practice.objects.select_for_update().select_related("thread").get(pk=practice.pk)
    if public and practice.status != Practice.Status.CURATED:
        raise ValidationError(_("Only curated practices can be public."), code="not_curated")
    practice.is_public = public
    practice.save(update_fields=["is_public"])
    record(
        moderator,
        Action.PRACTICE_PUBLIC if public else Action.PRACTICE_PRIVATE,
        target=practice,
        member=practice.thread.author,
    )
    return practice


def visitor(ip: str):
    """Who the rate limiter counts for a visitor who is not signed in: their address."""
    return SimpleNamespace(pk=f"ip:{ip}")


def register(event: Event, *, name: str, email: str, who) -> tuple[Registration, bool]:
    """A place at ``event`` for this address, or one on its waiting list once the places are
    taken. Registering the same address again returns the first registration, unchanged.
    Returns the registration and whether it is new."""
    consume(who, "portal.register")
    email = email.strip().lower()
    with transaction.atomic():
        # The event's row orders concurrent registrations, so the count below stays true.
        event = Event.objects.public().select_for_update().get(pk=event.pk)
        if not event.takes_registrations:
            raise ValidationError(_("This event does not take registrations."), code="closed")
        existing = Registration.objects.filter(event=event, email=email).first()
        if existing is not None:
            return existing, False
        taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        status = (
            Registration.Status.CONFIRMED if taken < event.capacity else Registration.Status.WAITING
        )
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event, name=name.strip(), email=email, status=status
                )
        except IntegrityError:
            return Registration.objects.get(event=event, email=email), False
        transaction.on_commit(
            lambda: tasks.send_registration_email.enqueue(registration_id=registration.pk)
        )
    return registration, True


def cancel_registration(token: str, *, who) -> tuple[Registration | None, Registration | None]:
    """Cancel the registration the secret ``token`` names. When it held a place, the first on the
    waiting list gets it and is told by email. Returns the cancelled registration (None when the
    token names none, or no longer does) and the promoted one, if any."""
    consume(who, "portal.register")
    with transaction.atomic():
        event_id = Registration.objects.filter(token=token).values_list("event_id", flat=True)
        event_id = event_id.first()
        if event_id is None:
            return None, None
        # The event's row first, as in register(): registrations and cancellations at one event
        # take turns, so two cancellations at once promote two different people.
        event = Event.objects.select_for_update().get(pk=event_id)
        registration = Registration.objects.select_for_update().filter(token=token).first()
        if registration is None:  # cancelled meanwhile, by a request that held the lock first
            return None, None
        registration.delete()
        if registration.status != Registration.Status.CONFIRMED or not event.takes_registrations:
            return registration, None
        confirmed = Registration.Status.CONFIRMED
        if event.registrations.filter(status=confirmed).count() >= event.capacity:
            return registration, None  # the places were reduced meanwhile: none is free
        promoted = (
            event.registrations.select_for_update()
            .filter(status=Registration.Status.WAITING)
            .order_by("created", "pk")
            .first()
        )
        if promoted is None:
            return registration, None
        promoted.status = confirmed
        promoted.promoted_at = timezone.now()
        promoted.confirmation_sent_at = None  # the email that says so is sent anew, once
        promoted.save(update_fields=["status", "promoted_at", "confirmation_sent_at"])
        transaction.on_commit(
            lambda: tasks.send_registration_email.enqueue(registration_id=promoted.pk)
        )
    return registration, promoted


def subscribe(*, email: str, topic: str, theme=None, region=None, who) -> StakeholderSubscription:
    """Record a subscription and send the link that confirms it (double opt-in). Asking again
    for the same choice sends the link again while unconfirmed, and changes nothing after."""
    consume(who, "portal.subscribe")
    email = email.strip().lower()
    subscription = StakeholderSubscription(email=email, topic=topic, theme=theme, region=region)
    with transaction.atomic():
        try:
            with transaction.atomic():
                subscription.save()
        except IntegrityError:
            subscription = StakeholderSubscription.objects.get(
                email=email, choice=subscription.choice
            )
        if not subscription.is_confirmed:
            pk = subscription.pk
            transaction.on_commit(lambda: tasks.send_subscription_confirmation.enqueue(pk))
    return subscription


@transaction.atomic
def confirm_subscription(token: str) -> tuple[StakeholderSubscription | None, bool]:
    """The subscription the token names, and whether this call confirmed it."""
    subscription = StakeholderSubscription.objects.select_for_update().filter(token=token).first()
    if subscription is None or subscription.is_confirmed:
        return subscription, False
    subscription.confirmed_at = timezone.now()
    subscription.save(update_fields=["confirmed_at"])
    return subscription, True


def unsubscribe(token: str) -> bool:
    deleted, _kinds = StakeholderSubscription.objects.filter(token=token).delete()
    return bool(deleted)


def contact(*, name: str, email: str, subject: str, message: str, who) -> None:
    """Send a visitor's message to the network's contact address, through the task worker;
    the visitor's address is the Reply-To."""
    consume(who, "portal.contact")
    transaction.on_commit(
        lambda: tasks.send_contact_message.enqueue(
            name=name, email=email.strip(), subject=subject, message=message
        )
    )


def look_up_doi(user, doi: str) -> None:
    """Count a member's Crossref look-up (each one is a call to another service)."""
    _require(permissions.can_submit(user), _("You may not submit outputs."))
    consume(user, "portal.doi_lookup")
