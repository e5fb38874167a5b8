"""allauth and Django auth events that decide membership and end sessions."""

from allauth.account.signals import email_confirmed, password_changed, password_reset
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from .actions import admit_by_verified_email, end_all_sessions
from .signals import sessions_ended


@receiver(email_confirmed)
def admit_on_verified_email(sender, request, email_address, **kwargs):
    admit_by_verified_email(email_address.user, email_address.email)


@receiver(user_logged_out)
def close_sockets_on_logout(sender, request, user, **kwargs):
    if user is not None and request is not None and request.session.session_key:
        sessions_ended.send(
            sender=type(user), user=user, session_keys=[request.session.session_key]
        )


@receiver(password_changed)
@receiver(password_reset)
def end_other_sessions_on_password_change(sender, request, user, **kwargs):
    current = request.session.session_key if request is not None else None
    end_all_sessions(user, keep_session_key=current or "")
