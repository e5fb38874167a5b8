def roles(request):
    """``is_moderator`` for every template: moderation links and controls show only to them."""
    user = getattr(request, "user", None)
    is_member = user is not None and user.is_authenticated and user.is_member
    return {"is_moderator": is_member and user.is_moderator}
