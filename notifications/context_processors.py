from . import unread


def unread_notifications(request):
    """``unread_notifications``: the member's unread count for the badge, read (from the cache,
    ``notifications.unread``) only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_member:
        return {}
    return {"unread_notifications": lambda: unread.count(user)}
