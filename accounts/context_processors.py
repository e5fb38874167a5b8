from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAV = [
    ("home", _("Home")),
    ("directory:index", _("Directory")),
    ("forum:index", _("Forum")),
    ("forum:practices", _("Good practices")),
    ("portal:mine", _("Outputs and events")),
    ("directory:edit", _("My profile")),
]


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_member:
        return {"is_moderator": False}
    path = request.path
    nav = []
    for name, label in MAIN_NAV:
        url = reverse(name)
        current = path == url if url == "/home/" else path.startswith(url)
        nav.append({"url": url, "label": label, "current": current})
    from notifications.models import Notification

    return {
        "is_moderator": user.is_moderator,
        "main_nav": nav,
        "unread_notifications": lambda: Notification.objects.unread_count(user),
    }
