"""Passkeys (allauth's WebAuthn) wired into the product: who may reach the pages, what is
refused. The ceremonies themselves run in a browser with a virtual authenticator
(tests/e2e/test_passkeys.py)."""

import json

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOCALHOST = {"HTTP_HOST": "localhost"}  # WebAuthn's relying party is the host asked


@pytest.fixture(autouse=True)
def localhost(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]


def signed_in(user):
    client = Client(**LOCALHOST)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    return client


def key_of(user, name="Phone"):
    return Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": name, "credential": {}, "passwordless": True},
    )


def test_a_member_gets_the_options_to_make_a_passkey_for_this_host(member):
    client = signed_in(member)
    page = client.get("/accounts/2fa/webauthn/add/")
    assert page.status_code == 200
    options = page.context["js_data"]["creation_options"]["publicKey"]
    assert options["rp"]["id"] == "localhost"
    assert options["user"]["name"] == member.email
    assert page.context["form"]["passwordless"].value() is True  # "Add a passkey": it signs in


def test_adding_a_key_asks_for_the_password_again(member):
    client = Client(**LOCALHOST)
    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    response = client.get("/accounts/2fa/webauthn/add/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_a_forged_registration_is_refused_and_adds_nothing(member):
    client = signed_in(member)
    client.get("/accounts/2fa/webauthn/add/")
    forged = {"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {}}
    response = client.post(
        "/accounts/2fa/webauthn/add/", {"name": "Mine", "credential": json.dumps(forged)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Authenticator.objects.filter(user=member).exists()


def test_adding_a_key_without_the_csrf_token_is_refused(member):
    client = signed_in(member)
    client.handler.enforce_csrf_checks = True
    response = client.post("/accounts/2fa/webauthn/add/", {"name": "Mine", "credential": "{}"})
    assert response.status_code == 403
    assert not Authenticator.objects.filter(user=member).exists()


def test_a_member_sees_their_keys_and_not_anothers(member, institutes):
    other = make_user("bob@ehs.unu.example", "Bob Mensah")
    client = signed_in(member)  # before the key: with one, a password asks for it too
    key_of(member, "Alice's laptop")
    bobs = key_of(other, "Bob's phone")
    page = client.get("/accounts/2fa/webauthn/")
    assert page.status_code == 200
    assert "Alice&#x27;s laptop" in page.content.decode()
    assert "Bob" not in page.content.decode()
    assert client.get(f"/accounts/2fa/webauthn/keys/{bobs.pk}/remove/").status_code == 404
    assert client.post(f"/accounts/2fa/webauthn/keys/{bobs.pk}/remove/").status_code == 404
    rename = client.post(f"/accounts/2fa/webauthn/keys/{bobs.pk}/edit/", {"name": "x"})
    assert rename.status_code == 404
    assert Authenticator.objects.get(pk=bobs.pk).data["name"] == "Bob's phone"


def test_a_member_removes_their_own_key(member):
    client = signed_in(member)
    key = key_of(member)
    assert client.get(f"/accounts/2fa/webauthn/keys/{key.pk}/remove/").status_code == 200
    response = client.post(f"/accounts/2fa/webauthn/keys/{key.pk}/remove/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(pk=key.pk).exists()


def test_passkey_sign_in_hands_out_a_challenge_to_anyone():
    client = Client(**LOCALHOST)
    response = client.get("/accounts/2fa/webauthn/login/", headers={"accept": "application/json"})
    assert response.status_code == 200
    assert response.json()["request_options"]["publicKey"]["rpId"] == "localhost"
    # Opened as a page, it is the sign-in page's business.
    assert client.get("/accounts/2fa/webauthn/login/")["Location"] == "/accounts/login/"


def test_a_forged_passkey_sign_in_is_refused(member):
    client = Client(**LOCALHOST)
    client.get("/accounts/2fa/webauthn/login/", headers={"accept": "application/json"})
    forged = {"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {}}
    response = client.post("/accounts/2fa/webauthn/login/", {"credential": json.dumps(forged)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert client.get("/home/").status_code == 302  # still signed out


def test_passkey_sign_in_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True, **LOCALHOST)
    response = client.post("/accounts/2fa/webauthn/login/", {"credential": "{}"})
    assert response.status_code == 403


def test_passkey_sign_in_attempts_are_rate_limited(settings):
    settings.MFA_RATE_LIMITS = {"webauthn_login": "3/m/ip"}
    client = Client(**LOCALHOST)
    answers = [
        client.post("/accounts/2fa/webauthn/login/", {"credential": "{}"}).status_code
        for _ in range(4)
    ]
    assert answers == [302, 302, 302, 429]
