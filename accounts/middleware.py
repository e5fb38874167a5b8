from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from core.ratelimit import RateLimited

from .access import NON_MEMBER_URL_NAMES, PUBLIC_PATH_PREFIXES, PUBLIC_URL_NAMES


def url_name(request) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


class MembersOnlyMiddleware:
    """Every page requires an approved, active member unless ``accounts.access`` lists it; every
    page served to a signed-in person is marked ``Cache-Control: private, no-store``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PUBLIC_PATH_PREFIXES):
            return self.get_response(request)
        response = self._admitted(request)
        if request.user.is_authenticated:
            # A page for a signed-in person is theirs: neither a shared cache nor the browser of
            # a shared computer keeps it (the back button after sign-out shows nothing).
            patch_cache_control(response, private=True, no_store=True)
        return response

    def _admitted(self, request):
        name = url_name(request)
        if name is None or name in PUBLIC_URL_NAMES:  # unknown paths fall through to a 404
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if user.is_member or name in NON_MEMBER_URL_NAMES:
            return self.get_response(request)
        return redirect("accounts:status")

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            response = render(
                request,
                "429.html",
                {"retry_after": exception.retry_after, "title": _("Too many requests")},
                status=429,
            )
            response["Retry-After"] = str(exception.retry_after)
            return response
        return None


class MemberLanguageMiddleware:
    """A signed-in person sees the language they chose (``User.language``) on every page without
    a language in its URL, whatever the browser or the cookie says; a public page's URL prefix
    (``/fr/outputs/``) still wins. Runs after ``LocaleMiddleware`` and authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.language
            and not translation.get_language_from_path(request.path_info)
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
