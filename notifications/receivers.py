"""What notifications do when accounts say something happened."""

from django.db import transaction
from django.dispatch import receiver

from accounts.signals import application_approved, sessions_ended

from .actions import notify
from .delivery import close_sessions


@receiver(sessions_ended)
def close_sockets(sender, user, session_keys, **kwargs):
    """Sockets close when the sessions they were opened from end."""
    keys = list(session_keys)
    transaction.on_commit(lambda: close_sessions(user.pk, keys))


@receiver(application_approved)
def tell_the_applicant(sender, application, moderator, **kwargs):
    notify([application.user], "membership_approved", actor=moderator, target=application.user)
