"""Institutional sign-in, the whole redirect flow against a real OpenID Connect provider
(django-oauth-toolkit, tests/oidc_provider/) running as a second server process. The test
client is the product's browser; a requests session is the same person's browser at the
institute's provider, signing in there with a password."""

import json
import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.sites.models import Site

from accounts.models import MembershipEvent, User
from config.settings import institute_sign_in_apps
from tests.conftest import make_user
from tests.oidc_provider import server

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/accounts/oidc/gcm-idp/login/callback/"
IDP_PASSWORD = "institute-password-2026"


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    provider = server.start(tmp_path_factory.mktemp("idp"), [CALLBACK])
    provider.add_person("carla.ruiz@staff.gcm.example", IDP_PASSWORD, "Carla", "Ruiz")
    provider.add_person("dan.ode@staff.gcm.example", IDP_PASSWORD, "Dan", "Ode", verified=False)
    provider.add_person("nell@elsewhere.example", IDP_PASSWORD, "Nell", "Tan")
    yield provider
    provider.stop()


@pytest.fixture
def gcm_sign_in(idp, institutes):
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id="gcm-idp",
        name="UNU-GCM",
        client_id=server.CLIENT_ID,
        secret=server.CLIENT_SECRET,
        settings={"server_url": idp.server_url, "institute": "UNU-GCM"},
    )
    app.sites.add(Site.objects.get_current())
    return app


def through_idp(client, idp, email, process="login"):
    """Press the institute's button, sign in at the provider, come back with its answer."""
    start = client.post(f"/accounts/oidc/gcm-idp/login/?process={process}")
    assert start.status_code == 302, start.content
    assert start["Location"].startswith(idp.url + "/o/authorize/")
    browser = requests.Session()
    to_login = browser.get(start["Location"], allow_redirects=False, timeout=30)
    login_url = urljoin(idp.url, to_login.headers["Location"])
    form = browser.get(login_url, timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    nxt = re.search(r'name="next" value="([^"]+)"', form).group(1).replace("&amp;", "&")
    signed_in = browser.post(
        login_url,
        data={
            "username": email,
            "password": IDP_PASSWORD,
            "csrfmiddlewaretoken": token,
            "next": nxt,
        },
        allow_redirects=False,
        timeout=30,
    )
    assert signed_in.status_code == 302, signed_in.text
    answer = browser.get(
        urljoin(idp.url, signed_in.headers["Location"]), allow_redirects=False, timeout=30
    )
    assert answer.status_code == 302, answer.text
    assert answer.headers["Location"].startswith(CALLBACK)
    return client.get(answer.headers["Location"].removeprefix("http://testserver"))


def test_a_verified_sign_in_makes_the_person_a_member_of_the_institute(
    client, idp, gcm_sign_in, institutes
):
    response = through_idp(client, idp, "carla.ruiz@staff.gcm.example")
    assert response.status_code == 302
    user = User.objects.get(email="carla.ruiz@staff.gcm.example")
    # Not the email domain (staff.gcm.example is none of the institute's): the provider vouched.
    assert user.is_member and user.institute == institutes["gcm"]
    assert user.display_name == "Carla Ruiz"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert SocialAccount.objects.get(user=user).provider == "gcm-idp"
    event = MembershipEvent.objects.get(user=user)
    assert "UNU-GCM's identity provider" in event.reason
    assert client.get("/home/").status_code == 200


def test_an_unverified_address_is_refused_signed_out_and_nothing_is_created(
    client, idp, gcm_sign_in
):
    people = User.objects.count()
    response = through_idp(client, idp, "dan.ode@staff.gcm.example")
    assert response.status_code == 403
    assert "did not confirm your email address" in response.content.decode()
    assert User.objects.count() == people and not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session


def test_an_error_from_the_provider_is_refused_and_nothing_is_created(client, idp, gcm_sign_in):
    gcm_sign_in.secret = "not-the-secret"  # the provider's token endpoint answers invalid_client
    gcm_sign_in.save()
    people = User.objects.count()
    response = through_idp(client, idp, "carla.ruiz@staff.gcm.example")
    assert response.status_code == 401
    page = response.content.decode()
    assert "UNU-GCM&#x27;s sign-in answered with an error" in page
    assert "Third-Party Login Failure" not in page
    assert User.objects.count() == people and not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("error", ["access_denied", "login_required", "server_error"])
def test_an_error_answer_on_the_callback_is_refused_with_the_reason(
    client, idp, gcm_sign_in, member, error
):
    """The provider sends the browser back with ``error=`` instead of a code (the person said
    no at the institute, or its provider failed): the refusal page, signed out, nothing made."""
    client.force_login(member)  # whoever was signed in here before is signed out too
    start = client.post("/accounts/oidc/gcm-idp/login/?process=login")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    people = User.objects.count()
    response = client.get(
        CALLBACK.removeprefix("http://testserver"),
        {"error": error, "error_description": "The user denied the request", "state": state},
    )
    assert response.status_code == 401
    page = response.content.decode()
    assert "UNU-GCM&#x27;s sign-in answered with an error" in page
    assert "sign in with your email address and password instead" in page
    assert User.objects.count() == people and not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_signed_in_newcomer_connects_their_institute_and_becomes_a_member(
    client, idp, gcm_sign_in, newcomer, institutes
):
    client.force_login(newcomer)
    response = through_idp(client, idp, "nell@elsewhere.example", process="connect")
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.is_member and newcomer.institute == institutes["gcm"]


def test_a_deactivated_person_stays_deactivated(client, idp, gcm_sign_in, institutes):
    user = make_user("nell@elsewhere.example", "Nell Tan", member=False)
    User.objects.filter(pk=user.pk).update(status=User.Status.DEACTIVATED)
    client.force_login(user)
    through_idp(client, idp, "nell@elsewhere.example", process="connect")
    user.refresh_from_db()
    assert not user.is_member


def test_the_sign_in_page_offers_the_institutes_button(client, gcm_sign_in):
    page = client.get("/accounts/login/").content.decode()
    assert "/accounts/oidc/gcm-idp/login/" in page and "UNU-GCM" in page


def test_institutes_are_configured_from_the_environment_too():
    apps = institute_sign_in_apps(
        json.dumps(
            [
                {
                    "institute": "UNU-EHS",
                    "id": "ehs-idp",
                    "server_url": "https://login.ehs.example/realms/staff",
                    "client_id": "network",
                    "secret": "s3cret",
                }
            ]
        )
    )
    assert apps == [
        {
            "provider_id": "ehs-idp",
            "name": "UNU-EHS",
            "client_id": "network",
            "secret": "s3cret",
            "settings": {
                "server_url": "https://login.ehs.example/realms/staff",
                "institute": "UNU-EHS",
            },
        }
    ]
    assert institute_sign_in_apps("") == []


def test_the_confirmation_page_may_post_on_to_the_provider(client, idp, gcm_sign_in):
    policy = client.get("/accounts/oidc/gcm-idp/login/")["Content-Security-Policy"]
    form_action = next(d for d in policy.split(";") if d.strip().startswith("form-action"))
    assert form_action.split()[1:] == ["'self'", idp.url]
