"""Emails of the portal as background tasks; each is claimed before sending, so a retried task
never sends twice."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from . import calendar


@task()
def send_registration_email(registration_id: int) -> bool:
    from .models import Registration

    claimed = Registration.objects.filter(
        pk=registration_id, confirmation_sent_at__isnull=True
    ).update(confirmation_sent_at=timezone.now())
    if not claimed:
        return False
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    event = registration.event
    waiting = registration.status == Registration.Status.WAITING
    subject = (_("Waiting list: %(title)s") if waiting else _("Your place: %(title)s")) % {
        "title": event.title
    }
    body = render_to_string(
        "portal/email/registration.txt",
        {
            "registration": registration,
            "event": event,
            "waiting": waiting,
            "event_url": settings.SITE_URL + event.get_absolute_url(),
        },
    )
    message = EmailMessage(subject, body, to=[registration.email])
    if not waiting:
        message.attach(calendar.filename(event), calendar.event_ics(event), "text/calendar")
    message.send()
    return True
