from django.core.exceptions import PermissionDenied

from accounts import permissions

PAGE_SIZE = 25


def require_moderator(request) -> None:
    if not permissions.is_moderator(request.user):
        raise PermissionDenied


def require_admin(request) -> None:
    if not permissions.is_admin(request.user):
        raise PermissionDenied
