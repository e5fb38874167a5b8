"""The invitation email, enqueued after commit through the accounts' email task."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.tasks import send_email


def invitation(invitation) -> None:
    """In the language the moderator chose for the invitee (``Invitation.language``)."""
    with translation.override(invitation.language or settings.LANGUAGE_CODE):
        subject = _("[Migration Network] You are invited to join the network")
        body = render_to_string(
            "invitations/email/invitation.txt",
            {
                "invitation": invitation,
                "url": settings.SITE_URL + reverse("invitations:accept", args=[invitation.token]),
            },
        )
    send_email.enqueue(subject, body, [invitation.email])
