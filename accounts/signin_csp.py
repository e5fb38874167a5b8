"""The confirmation page of an outside sign-in (ORCID, an institute's identity provider) posts to
itself and is redirected to the provider (for SAML, to its single sign-on address). CSP's
``form-action`` also covers where a submitted form is redirected, so that page, and only it,
allows the provider's origin."""

from urllib.parse import urlsplit

from allauth.socialaccount.adapter import get_adapter
from django.conf import settings

PROVIDER_PAGES = {"orcid_login", "openid_connect_login", "saml_login"}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def provider_origin(request, match) -> str:
    if match.url_name == "orcid_login":
        return _origin(settings.ORCID_OAUTH_URL)
    if match.url_name == "saml_login":
        slug = match.kwargs.get("organization_slug")
        for app in get_adapter().list_apps(request, provider="saml", client_id=slug):
            idp = (app.settings or {}).get("idp") or {}
            # The sign-on address; with only a metadata address, the IdP's host is assumed.
            return _origin(idp.get("sso_url") or idp.get("metadata_url") or "")
        return ""
    provider_id = match.kwargs.get("provider_id")
    for app in get_adapter().list_apps(request, provider="openid_connect"):
        if (app.provider_id or app.provider) == provider_id:
            return _origin((app.settings or {}).get("server_url", ""))
    return ""


class ProviderFormActionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None and match.url_name in PROVIDER_PAGES:
            origin = provider_origin(request, match)
            if origin:
                response._csp_update = {"form-action": [origin]}  # read by django-csp
        return response
