from django.urls import reverse
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
    """``main_nav``: the site's main menu for members, the current section marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_member:
        return {}
    path = request.path
    nav = []
    for name, label in MAIN_NAV:
        url = reverse(name)
        current = path == url if url == "/home/" else path.startswith(url)
        nav.append({"url": url, "label": label, "current": current})
    return {"main_nav": nav}
