def roles(request):
    """``is_moderator`` and ``is_admin`` for every template: moderation and administration links
    and controls show only to them."""
    user = getattr(request, "user", None)
    is_member = user is not None and user.is_authenticated and user.is_member
    return {
        "is_moderator": is_member and user.is_moderator,
        "is_admin": is_member and user.is_superuser,
    }
