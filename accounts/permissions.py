"""Small predicates shared by actions, views and templates."""


def is_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_member)


def is_moderator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_moderator)


def can_review_applications(user) -> bool:
    return is_moderator(user)


def can_deactivate(actor, target) -> bool:
    """Moderators deactivate members; nobody deactivates themselves or an admin."""
    return is_moderator(actor) and actor.pk != target.pk and not target.is_superuser
