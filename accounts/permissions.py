"""Small predicates shared by actions, views and templates."""

from .models import FORMER_MEMBER_EMAIL


def is_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_member)


def is_moderator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_moderator)


def can_review_applications(user) -> bool:
    return is_moderator(user)


def can_deactivate(actor, target) -> bool:
    """Moderators deactivate members; nobody deactivates themselves or an admin, nor the shared
    "Former member" account."""
    return (
        is_moderator(actor)
        and actor.pk != target.pk
        and not target.is_superuser
        and target.email != FORMER_MEMBER_EMAIL
    )


def is_admin(user) -> bool:
    """Administrators run the network: institutes, their domains, and who moderates."""
    return bool(user and user.is_authenticated and user.is_member and user.is_superuser)


def can_change_role(actor, target) -> bool:
    """Admins appoint and remove moderators and admins among members, never their own role."""
    return is_admin(actor) and actor.pk != target.pk and target.is_member
