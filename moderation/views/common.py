"""What the moderation area's views share: who may enter, and ``button_act``, the one way a
button that changes something (resend, revoke, retire) is handled."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts import permissions

PAGE_SIZE = 25


def require_moderator(request) -> None:
    if not permissions.is_moderator(request.user):
        raise PermissionDenied


def require_admin(request) -> None:
    if not permissions.is_admin(request.user):
        raise PermissionDenied


def button_act(request: HttpRequest, act: Callable[[], object], done: str, then) -> HttpResponse:
    """Try-tell-redirect: run ``act()``; its refusal (``ValidationError``) is shown as an error
    message, otherwise ``done``; either way back to ``then`` (a URL, or a URL name and its
    arguments as a tuple)."""
    try:
        act()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(*then) if isinstance(then, tuple) else redirect(then)
