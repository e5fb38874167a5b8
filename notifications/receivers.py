"""Sockets close when the sessions they were opened from end."""

from django.db import transaction
from django.dispatch import receiver

from accounts.signals import sessions_ended

from .delivery import close_sessions


@receiver(sessions_ended)
def close_sockets(sender, user, session_keys, **kwargs):
    keys = list(session_keys)
    transaction.on_commit(lambda: close_sessions(user.pk, keys))
