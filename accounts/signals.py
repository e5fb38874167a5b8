"""Signals other apps listen to. Accounts sends them and never imports its listeners."""

from django.dispatch import Signal

# Sent (after commit) when someone becomes a member: by domain, by approval or by reactivation.
# Arguments: user. The directory creates the member's profile here.
member_joined = Signal()

# Sent inside the transaction that approves an application. Arguments: application, moderator.
# Notifications tell the applicant here.
application_approved = Signal()

# Sent when sessions of a user end (logout, "end other sessions", password change, deactivation).
# Arguments: user, session_keys (a list; empty means "all of this user's sessions").
# Notifications close the WebSockets opened from those sessions.
sessions_ended = Signal()
