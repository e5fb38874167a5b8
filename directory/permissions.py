"""Who may do what in the directory; used by actions, views and templates."""

from accounts.permissions import is_member, is_moderator


def can_edit_profile(user, profile) -> bool:
    return is_member(user) and profile.user_id == user.pk


def can_export(user) -> bool:
    return is_moderator(user)


def can_moderate_keywords(user) -> bool:
    return is_moderator(user)


def can_contact(user, profile) -> bool:
    """Members write to other members through the platform (never to themselves)."""
    return is_member(user) and profile.user_id != user.pk
