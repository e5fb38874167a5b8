"""An invitee who signs up through their link joins as a member."""

from allauth.account.signals import user_signed_up
from django.contrib import messages
from django.dispatch import receiver
from django.utils.translation import gettext as _

from . import actions
from .models import Invitation

SESSION_KEY = "invitation_token"


@receiver(user_signed_up)
def accept_invitation_on_signup(sender, request, user, **kwargs):
    token = request.session.pop(SESSION_KEY, None) if request is not None else None
    if not token or actions.accept(user, token) is not None:
        return
    invitation = Invitation.objects.filter(token=token).first()
    if invitation is None or not invitation.is_usable:
        # Withdrawn, expired or used between the invitation's page and the sign-up form.
        messages.warning(
            request,
            _(
                "The invitation you followed was no longer valid when you signed up (it was "
                "withdrawn, has expired or was already used), so your account was created "
                "without membership. Unless your address is at a member institute, apply for "
                "membership: a moderator will review your application."
            ),
        )
