import re

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from core.ratelimit import RateLimited

from .access import NON_MEMBER_URL_NAMES, PUBLIC_PATH_PREFIXES, PUBLIC_URL_NAMES

# "/de/", "/fr/", "/zh-hant/": a first path segment shaped like a language code.
LANGUAGE_PREFIX = re.compile(r"^/[a-z]{2}(?:[-_][a-z0-9]{2,8})*/", re.I)


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


class LanguageMiddleware:
    """The language of a page whose URL has none (after ``LocaleMiddleware``, which keeps the
    default language for such paths so that the public site's URLs resolve, and after
    authentication): a signed-in person's own choice (``User.language``), else the cookie the
    switcher sets, else the browser's ``Accept-Language``, else English. It is activated once the
    URL is resolved, so ``reverse()`` then gives the public pages' links with that language's
    prefix. A URL's prefix (``/fr/outputs/``) always wins.

    A path whose first segment looks like a language code the site does not have
    (``/de/outputs/``), or a language prefix on a page that takes none (``/fr/home/``), is
    answered with a redirect to the same page without it rather than a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._without_a_wrong_prefix(request, self.get_response(request))

    def process_view(self, request, view_func, view_args, view_kwargs):
        if translation.get_language_from_path(request.path_info):
            return None
        user = request.user
        if user.is_authenticated and user.language:
            translation.activate(user.language)
        else:
            translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def _without_a_wrong_prefix(self, request, response):
        if response.status_code != 404:
            return response
        prefix = LANGUAGE_PREFIX.match(request.path_info)
        if prefix is None:
            return response
        rest = request.path_info[prefix.end() - 1 :]
        with translation.override(settings.LANGUAGE_CODE):
            try:
                resolve(rest)
            except Resolver404:
                return response
        query = request.META.get("QUERY_STRING", "")
        return redirect(
            request.path[: -len(request.path_info)] + rest + (f"?{query}" if query else "")
        )
