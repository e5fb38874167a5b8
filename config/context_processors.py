import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MAIN_NAV = [
    ("home", _("Home")),
    ("directory:index", _("Directory")),
    ("forum:index", _("Forum")),
    ("forum:practices", _("Good practices")),
    ("conversations:inbox", _("Messages")),
    ("portal:mine", _("Portal")),
    ("directory:edit", _("My profile")),
]


def navigation(request):
    """``main_nav``: the site's main menu for members, one section marked current: the one whose
    address is the longest start of the page's (Good practices under /forum/practices/ is not
    also the Forum; My profile under /directory/me/ is not also the Directory)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_member:
        return {}
    path = request.path
    urls = _addresses(get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    nav = [
        {"url": url, "label": label, "current": False}
        for url, (_name, label) in zip(urls, MAIN_NAV, strict=True)
    ]
    matching = [
        item
        for item in nav
        if (path == item["url"] if item["url"] == "/home/" else path.startswith(item["url"]))
    ]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["current"] = True
    return {"main_nav": nav}


@functools.lru_cache(maxsize=64)
def _addresses(language, prefix, urlconf) -> tuple[str, ...]:
    """The menu's addresses, reversed once per language (a public one has the language's prefix),
    script prefix and URLconf rather than seven times a page."""
    return tuple(reverse(name, urlconf=urlconf) for name, _label in MAIN_NAV)
