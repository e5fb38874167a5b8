"""An invitee who signs up through their link joins as a member."""

from allauth.account.signals import user_signed_up
from django.dispatch import receiver

from . import actions

SESSION_KEY = "invitation_token"


@receiver(user_signed_up)
def accept_invitation_on_signup(sender, request, user, **kwargs):
    token = request.session.pop(SESSION_KEY, None) if request is not None else None
    if token:
        actions.accept(user, token)
