"""Membership emails, enqueued after commit. The applicant may not be able to sign in yet."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .tasks import send_email


def application_filed(application, moderators: list[tuple[str, str]]) -> None:
    """``moderators``: (email, language) pairs; each is written to in their own language."""
    for email, language in moderators:  # one message each: moderators do not see each other's
        with translation.override(language or settings.LANGUAGE_CODE):
            subject = _("[Migration Network] New membership application from %(name)s") % {
                "name": application.user.display_name
            }
            body = render_to_string(
                "accounts/email/application_filed.txt",
                {
                    "application": application,
                    "queue_url": settings.SITE_URL + reverse("moderation:applications"),
                },
            )
        send_email.enqueue(subject, body, [email])


def application_decided(application) -> None:
    with translation.override(application.user.email_language):
        _application_decided(application)


def _application_decided(application) -> None:
    approved = application.status == "approved"
    template = "application_approved" if approved else "application_declined"
    subject = (
        _("[Migration Network] Welcome: your membership is approved")
        if approved
        else _("[Migration Network] Your membership application")
    )
    body = render_to_string(
        f"accounts/email/{template}.txt",
        {"application": application, "site_url": settings.SITE_URL},
    )
    send_email.enqueue(subject, body, [application.user.email])
