"""Emails about a member's personal data."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.tasks import send_email


def export_ready(data_export) -> None:
    body = render_to_string(
        "privacy/email/export_ready.txt",
        {
            "export": data_export,
            "url": settings.SITE_URL + reverse("privacy:download", args=[data_export.token]),
            "hours": settings.PRIVACY_EXPORT_HOURS,
        },
    )
    send_email.enqueue(_("[Migration Network] Your data is ready"), body, [data_export.user.email])


def deletion_scheduled(request) -> None:
    body = render_to_string(
        "privacy/email/deletion_scheduled.txt",
        {"request": request, "url": settings.SITE_URL + reverse("privacy:data")},
    )
    send_email.enqueue(
        _("[Migration Network] Your account will be deleted"), body, [request.user.email]
    )


def deletion_cancelled(user) -> None:
    body = render_to_string("privacy/email/deletion_cancelled.txt", {"user": user})
    subject = _("[Migration Network] Your account will not be deleted")
    send_email.enqueue(subject, body, [user.email])


def account_deleted(address: str, name: str) -> None:
    body = render_to_string("privacy/email/account_deleted.txt", {"name": name})
    EmailMessage(_("[Migration Network] Your account was deleted"), body, None, [address]).send(
        fail_silently=True
    )
