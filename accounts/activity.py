"""The session list's "last seen", kept at most once every few minutes per session.

allauth's ``UserSessionsMiddleware`` writes the member's ``UserSession`` row (a SELECT and an
UPDATE inside a transaction of their own) on every request. This one does the same through
allauth's own ``track_activity``, but only when the session last recorded it more than
``USERSESSIONS_ACTIVITY_INTERVAL`` seconds ago, or when the address or the browser changed (the
session list shows both, and allauth's ``session_client_changed`` signal fires at once). The time
and client last recorded live in the session itself, so the check costs nothing: the session is
already loaded, and it is saved again only when the activity is recorded.
"""

import hashlib
import time

from allauth.usersessions.internal import usersessionkit
from django.conf import settings

SESSION_KEY = "_activity_seen"


def client_of(request) -> str:
    agent = request.META.get("HTTP_USER_AGENT", "")
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.blake2s(f"{address}\n{agent}".encode(), digest_size=8).hexdigest()


class UserSessionActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.interval = getattr(settings, "USERSESSIONS_ACTIVITY_INTERVAL", 300)

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and user and user.is_authenticated:
            now, client = int(time.time()), client_of(request)
            seen = session.get(SESSION_KEY)
            if not seen or now - seen[0] >= self.interval or seen[1] != client:
                usersessionkit.track_activity(request, user=user, session=session)
                session[SESSION_KEY] = [now, client]
        return self.get_response(request)
