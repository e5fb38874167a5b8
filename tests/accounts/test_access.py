"""The access rule, checked over every URL the project routes.

A page added anywhere is members-only unless ``accounts.access`` lists it, so a new page cannot be
left open by accident: this test walks the URL resolver and tries each route as an anonymous
visitor and as a signed-in non-member.
"""

import re

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

from accounts.access import NON_MEMBER_URL_NAMES, PUBLIC_URL_NAMES

pytestmark = pytest.mark.django_db

SAMPLE = {
    "int": "1",
    "str": "sample",
    "slug": "sample",
    "path": "sample",
    "uuid": "00000000-0000-0000-0000-000000000001",
}


def sample_path(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):  # the public site, in the default language
        return ""
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "1"), route)
    assert isinstance(pattern, RegexPattern)
    regex = pattern.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")
    regex = re.sub(r"\(\?P<\w+>[^)]*\)", "1", regex)
    regex = re.sub(r"\(\?:[^)]*\)\??", "", regex)
    return regex.replace("\\", "").replace("?", "")


def routed_urls(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        path = prefix + sample_path(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routed_urls(entry, path)
        elif isinstance(entry, URLPattern):
            yield "/" + path


def all_urls():
    urls, unresolved = {}, []
    for path in routed_urls():
        try:
            match = resolve(path)
        except Resolver404:
            unresolved.append(path)
        else:
            urls.setdefault(match.view_name, path)
    return sorted(urls.items()), unresolved


URLS, UNRESOLVED = all_urls()


def test_every_route_is_walked():
    assert UNRESOLVED == []


def test_the_walk_finds_the_whole_site():
    names = {name for name, _ in URLS}
    for expected in [
        "home",
        "accounts:queue",
        "moderation:index",
        "directory:index",
        "forum:index",
        "notifications:index",
        "admin:index",
    ]:
        assert expected in names
    assert len(URLS) > 60


@pytest.mark.parametrize(("name", "path"), [u for u in URLS if u[0] not in PUBLIC_URL_NAMES])
def test_anonymous_visitors_are_sent_to_sign_in(client, name, path):
    response = client.get(path)
    assert response.status_code == 302, f"{name} ({path}) is open to the public"
    assert response["Location"].startswith("/accounts/login/?next="), name


@pytest.mark.parametrize(
    ("name", "path"), [u for u in URLS if u[0] not in PUBLIC_URL_NAMES | NON_MEMBER_URL_NAMES]
)
def test_non_members_are_sent_to_their_status_page(client, newcomer, name, path):
    client.force_login(newcomer)
    response = client.get(path)
    assert response.status_code == 302, f"{name} ({path}) is open to non-members"
    assert response["Location"] == "/accounts/status/", name


# What each public page answers a visitor on an empty site, with the sample arguments above:
# 404 for an object that does not exist, 405 for a form that only takes POST, 400 for a bad
# token, 302 for an allauth step that needs a sign-in in progress.
PUBLIC_ANSWERS = {
    "api:event": 422,
    "api:events": 200,
    "api:experts": 200,
    "api:institutes": 200,
    "api:openapi-json": 200,
    "api:output": 422,
    "api:outputs": 200,
    "api:practices": 200,
    "account_confirm_email": 200,
    "account_confirm_login_code": 302,
    "account_email_verification_sent": 200,
    "account_inactive": 200,
    "account_login": 200,
    "account_logout": 302,
    "account_reauthenticate": 302,
    "account_reset_password": 200,
    "account_reset_password_done": 200,
    "account_reset_password_from_key": 200,
    "account_reset_password_from_key_done": 200,
    "account_signup": 200,
    "directory:public_photo": 404,
    "directory:public_profile": 404,
    "directory:card": 404,  # a visitor gets the cards of public profiles only
    "forum:feed_category": 404,
    "forum:feed_practices": 404,
    "healthz": 200,
    "javascript-catalog": 200,
    "invitations:accept": 404,
    "landing": 200,
    "mfa_authenticate": 302,
    "mfa_login_webauthn": 302,
    "mfa_reauthenticate": 302,
    "mfa_reauthenticate_webauthn": 302,
    "notifications:unsubscribe": 400,
    # ORCID sign-in without keys (environment or admin) does not exist.
    "orcid_callback": 404,
    "openid_connect_callback": 404,  # no institute's provider called "1"
    "openid_connect_login": 404,
    "saml_acs": 302,  # kept for acs/finish/, which then finds no institute called "1"
    "saml_finish_acs": 404,
    "saml_login": 404,
    "saml_metadata": 404,
    "saml_sls": 404,
    "orcid_login": 404,
    "portal:about": 200,
    "portal:calendar": 200,
    "portal:cancel_registration": 404,
    "portal:confirm_subscription": 404,
    "portal:contact": 200,
    "portal:event": 404,
    "portal:event_ics": 404,
    "portal:events": 200,
    "portal:events_feed": 200,
    "portal:experts": 200,
    "network:bridges": 200,
    "network:collaboration": 200,
    "network:sdgs": 200,
    "network:regions": 200,
    "network:region": 404,  # the sample code names no region
    "network:compare_regions": 200,
    "portal:institute": 404,
    "portal:institutes": 200,
    "portal:output": 404,
    "portal:output_pdf": 404,
    "portal:outputs": 200,
    "portal:outputs_feed": 200,
    "portal:practice": 404,
    "portal:practices": 200,
    "portal:register": 405,
    "portal:robots": 200,
    "portal:search": 200,
    "portal:sitemap": 200,
    "portal:subscribe": 200,
    "portal:unsubscribe": 404,
    "privacy:notice": 200,
    "set_language": 405,
    "socialaccount_connections": 302,
    "socialaccount_login_cancelled": 200,
    "socialaccount_login_error": 401,
    "socialaccount_signup": 302,
}


@pytest.mark.parametrize(("name", "path"), [u for u in URLS if u[0] in PUBLIC_URL_NAMES])
def test_public_pages_give_their_answer(client, name, path):
    assert name in PUBLIC_ANSWERS, f"{name} is public: add the answer it gives to PUBLIC_ANSWERS"
    assert client.get(path).status_code == PUBLIC_ANSWERS[name], name


def test_every_public_name_is_routed():
    names = {name for name, _ in URLS}
    optional = {
        "socialaccount_signup",
        "account_request_login_code",
        "account_confirm_login_code",
        "account_login_code",
    }
    assert PUBLIC_URL_NAMES - names - optional == set()


def test_unknown_paths_are_404_for_everyone(client):
    assert client.get("/no/such/page/").status_code == 404
