from .models import Notification


def unread_notifications(request):
    """``unread_notifications``: the member's unread count for the badge, counted only if a
    template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_member:
        return {}
    return {"unread_notifications": lambda: Notification.objects.unread_count(user)}
