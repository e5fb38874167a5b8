"""Emails of the portal as background tasks; each is claimed before sending, so a retried task
never sends twice."""

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from directory.models import Region

from . import calendar
from .models import Dispatch, Event, Output, Registration, StakeholderSubscription


@task()
def send_registration_email(registration_id: int) -> bool:
    claimed = Registration.objects.filter(
        pk=registration_id, confirmation_sent_at__isnull=True
    ).update(confirmation_sent_at=timezone.now())
    if not claimed:
        return False
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    event = registration.event
    waiting = registration.status == Registration.Status.WAITING
    promoted = not waiting and registration.promoted_at is not None
    if waiting:
        subject = _("Waiting list: %(title)s")
    elif promoted:
        subject = _("A place became free for you: %(title)s")
    else:
        subject = _("Your place: %(title)s")
    body = render_to_string(
        "portal/email/registration.txt",
        {
            "registration": registration,
            "event": event,
            "waiting": waiting,
            "promoted": promoted,
            "event_url": settings.SITE_URL + event.get_absolute_url(),
            "cancel_url": settings.SITE_URL + registration.get_cancel_url(),
        },
    )
    message = EmailMessage(subject % {"title": event.title}, body, to=[registration.email])
    if not waiting:
        message.attach(calendar.filename(event), calendar.event_ics(event), "text/calendar")
    message.send()
    return True


def _subscription_links(subscription) -> dict:
    return {
        "confirm_url": settings.SITE_URL
        + reverse("portal:confirm_subscription", args=[subscription.token]),
        "unsubscribe_url": settings.SITE_URL
        + reverse("portal:unsubscribe", args=[subscription.token]),
    }


@task()
def send_subscription_confirmation(subscription_id: int) -> bool:
    subscription = (
        StakeholderSubscription.objects.select_related("theme", "region")
        .filter(pk=subscription_id, confirmed_at__isnull=True)
        .first()
    )
    if subscription is None:
        return False
    body = render_to_string(
        "portal/email/subscription_confirm.txt",
        {"subscription": subscription, **_subscription_links(subscription)},
    )
    EmailMessage(
        _("Confirm your subscription to the Migration Network"),
        body,
        to=[subscription.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()
    return True


def _matching(item):
    """Confirmed subscriptions that want ``item``: its topic, and its theme and region if any."""
    themes = list(item.themes.all())
    theme_ids = {theme.pk for theme in themes} | {theme.parent_id for theme in themes}
    subscriptions = StakeholderSubscription.objects.confirmed().filter(
        Q(theme__isnull=True) | Q(theme_id__in=theme_ids - {None})
    )
    if isinstance(item, Event):
        return subscriptions.filter(topic="events", region__isnull=True)
    parents = dict(Region.objects.values_list("pk", "parent_id"))
    places = {region.pk for region in item.regions.all()}
    for country in item.countries.prefetch_related("groups"):
        places.add(country.subregion_id)
        places.update(group.pk for group in country.groups.all())
    for pk in list(places):
        while parents.get(pk):
            pk = parents[pk]
            places.add(pk)
    topics = ["outputs", "briefs"] if item.is_brief else ["outputs"]
    return subscriptions.filter(topic__in=topics).filter(
        Q(region__isnull=True) | Q(region_id__in=places)
    )


@task()
def announce_publication(model: str, pk: int) -> int:
    """Email every matching subscription about a newly published item, once each."""
    item = apps.get_model(model).objects.public().filter(pk=pk).first()
    if item is None:
        return 0
    field = "output" if isinstance(item, Output) else "event"
    url = settings.SITE_URL + item.get_absolute_url()
    sent = 0
    for subscription in _matching(item).iterator():
        try:
            with transaction.atomic():
                Dispatch.objects.create(subscription=subscription, **{field: item})
        except IntegrityError:
            continue  # announced already, by an earlier run of this task
        links = _subscription_links(subscription)
        body = render_to_string(
            "portal/email/announcement.txt",
            {"item": item, "kind": field, "url": url, **links},
        )
        EmailMessage(
            _("New on the Migration Network: %(title)s") % {"title": item.title},
            body,
            to=[subscription.email],
            headers={
                "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        ).send()
        sent += 1
    return sent


@task()
def send_contact_message(name: str, email: str, subject: str, message: str) -> None:
    """A message from the public contact form, to the address the network reads."""
    body = render_to_string(
        "portal/email/contact.txt", {"name": name, "email": email, "message": message}
    )
    EmailMessage(
        _("[Contact form] %(subject)s") % {"subject": subject},
        body,
        to=[settings.PORTAL_CONTACT_EMAIL],
        reply_to=[email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()
