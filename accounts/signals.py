"""Signals other apps listen to, and the allauth events that decide membership."""

from allauth.account.signals import email_confirmed, password_changed, password_reset
from allauth.usersessions.models import UserSession
from django.contrib.auth.signals import user_logged_out
from django.dispatch import Signal, receiver

# Sent (after commit) when someone becomes a member: by domain, by approval or by reactivation.
# Arguments: user. The directory creates the member's profile here.
member_joined = Signal()

# Sent when sessions of a user end (logout, "end other sessions", password change, deactivation).
# Arguments: user, session_keys (a list; empty means "all of this user's sessions").
# Notifications close the WebSockets opened from those sessions.
sessions_ended = Signal()


def end_all_sessions(user, *, keep_session_key: str | None = None) -> None:
    ended = []
    for session in UserSession.objects.filter(user_id=user.pk):
        if session.session_key != keep_session_key:
            ended.append(session.session_key)
            session.end()
    sessions_ended.send(
        sender=type(user), user=user, session_keys=[] if keep_session_key is None else ended
    )


@receiver(email_confirmed)
def admit_on_verified_email(sender, request, email_address, **kwargs):
    from .actions import admit_by_verified_email

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
