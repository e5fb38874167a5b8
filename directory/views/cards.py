"""The small profile card shown when a pointer or the keyboard rests on a person's link
(``static/js/person-card.js``): an HTML fragment, only for a profile the viewer may see."""

from hashlib import blake2b

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from accounts.permissions import is_member

from ..models import Profile

TOP_THEMES = 3
CARD_SECONDS = 600


def _version(profile, members_view: bool) -> str:
    """What the card shows depends on: the profile's last save (themes are saved with it), the
    name and institute, the language, and whether the viewer gets the members' links."""
    user = profile.user
    institute = user.institute
    parts = (
        profile.pk,
        profile.updated.isoformat(),
        user.display_name,
        institute.pk if institute else "",
        institute.acronym if institute else "",
        institute.name if institute else "",
        get_language(),
        members_view,
    )
    return blake2b(repr(parts).encode(), digest_size=12).hexdigest()


@require_GET
def card(request, pk):
    """The card of profile ``pk``: 404 for a profile the viewer may not see (the directory's
    rule, ``Profile.objects.visible_to``), cached per version of the profile."""
    profile = get_object_or_404(
        Profile.objects.visible_to(request.user).select_related("user", "user__institute"),
        pk=pk,
    )
    members_view = is_member(request.user)
    key = f"directory:card:{_version(profile, members_view)}"
    html = cache.get(key)  # an unreachable cache is a miss (core/cache.py)
    if html is None:
        themes = list(profile.themes.only("pk", "name")[:TOP_THEMES])
        html = render_to_string(
            "directory/_person_card.html",
            {"profile": profile, "themes": themes, "members_view": members_view},
        )
        cache.set(key, html, CARD_SECONDS)
    response = HttpResponse(html)
    response["Cache-Control"] = "private, max-age=60"
    response["X-Robots-Tag"] = "noindex"
    return response
