"""Membership emails. Sent after commit by the actions; the applicant may not be able to sign in."""

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _


def application_filed(application, moderator_emails: list[str]) -> None:
    if not moderator_emails:
        return
    subject = _("[Migration Network] New membership application from %(name)s") % {
        "name": application.user.display_name
    }
    body = render_to_string(
        "accounts/email/application_filed.txt",
        {"application": application, "queue_url": settings.SITE_URL + reverse("accounts:queue")},
    )
    send_mass_mail(
        [(subject, body, None, [email]) for email in moderator_emails], fail_silently=False
    )


def application_decided(application) -> None:
    template = (
        "accounts/email/application_approved.txt"
        if application.status == "approved"
        else "accounts/email/application_declined.txt"
    )
    subject = (
        _("[Migration Network] Welcome: your membership is approved")
        if application.status == "approved"
        else _("[Migration Network] Your membership application")
    )
    body = render_to_string(template, {"application": application, "site_url": settings.SITE_URL})
    send_mail(subject, body, None, [application.user.email])
