"""Public pages kept in the shared cache for visitors who are not signed in, per language.

An entry's key holds two version tokens (``core.freshness``): the portal's, renewed whenever
something a public page shows is saved (``portal.receivers``), and the directory's, renewed on
every profile change. A change therefore retires every kept page at once; ``SECONDS`` only
bounds how long an unchanged page is kept.
"""

import hashlib
import logging
import re
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from core import freshness
from directory.filters import DATA_VERSION_KEY

logger = logging.getLogger(__name__)
VERSION_KEY = "portal:public:version"
SECONDS = 600
# Every page holds a form (the header's language menu): its CSRF token is the one thing that is
# the visitor's own, so it is kept as a mark and each visitor gets their own token (and cookie).
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_MARK = b"__visitor_csrf_token__"


def changed() -> None:
    freshness.mark_changed(VERSION_KEY)


def _key(request) -> str:
    versions = ":".join(freshness.current(VERSION_KEY, DATA_VERSION_KEY))
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"portal:page:{versions}:{get_language()}:{path}"


def for_visitors(view):
    """Keep the 200 answers ``view`` gives to a visitor's GET, for pages without per-visitor
    content; a form's CSRF token is replaced by the visitor's own each time the page is served."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated or request.method != "GET":
            return view(request, *args, **kwargs)
        try:
            key = _key(request)
            found = cache.get(key)
        except Exception:
            logger.warning("Cache unreachable: page computed without it", exc_info=True)
            return view(request, *args, **kwargs)
        if found is not None:
            content, content_type = found
            token = get_token(request).encode()
            return HttpResponse(content.replace(CSRF_MARK, token), content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            kept = CSRF_INPUT.sub(rb"\1" + CSRF_MARK + rb"\2", response.content)
            try:
                cache.set(key, (kept, response["Content-Type"]), SECONDS)
            except Exception:
                logger.warning("Cache unreachable: %s not kept", key, exc_info=True)
        return response

    return wrapper
