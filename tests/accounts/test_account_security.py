"""allauth flows wired into the product: MFA, the session list, password reset, rate limits."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.usersessions.models import UserSession
from django.core import mail
from django.test import Client

from accounts.signals import sessions_ended
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, user, password=PASSWORD, **headers):
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": password}, **headers
    )
    assert response.status_code == 302, response.content[:500]
    return response


def reauthenticate(client, password=PASSWORD):
    """allauth asks for the password again before security changes such as enabling MFA."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def test_member_activates_totp_and_then_needs_a_code_to_sign_in(client, member, settings):
    # A code made just before a 30 s step ends is checked just after it on a loaded machine:
    # accept the neighbouring steps, as a phone's clock drift would need anyway.
    settings.MFA_TOTP_TOLERANCE = 1
    sign_in(client, member)
    assert client.get("/accounts/2fa/totp/activate/")["Location"].startswith(
        "/accounts/reauthenticate/"
    )
    reauthenticate(client)
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(
        user=member, type=Authenticator.Type.RECOVERY_CODES
    ).exists()

    other = Client()
    response = sign_in(other, member)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert other.get("/home/").status_code == 302  # not signed in until the code is given
    response = other.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert other.get("/home/")["Location"].startswith("/accounts/login/")
    other.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert other.get("/home/").status_code == 200


def test_wrong_totp_code_on_activation_is_a_form_error(client, member):
    sign_in(client, member)
    reauthenticate(client)
    client.get("/accounts/2fa/totp/activate/")
    response = client.post("/accounts/2fa/totp/activate/", {"code": "123456"})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert not Authenticator.objects.filter(user=member).exists()


def test_mfa_pages_are_for_members_only(login, newcomer):
    assert login(newcomer).get("/accounts/2fa/")["Location"] == "/accounts/status/"


def test_session_list_shows_every_session_and_ends_the_others(member):
    laptop, phone = Client(HTTP_USER_AGENT="Laptop"), Client(HTTP_USER_AGENT="Phone")
    sign_in(laptop, member)
    sign_in(phone, member)
    page = laptop.get("/accounts/sessions/").content.decode()
    assert "Laptop" in page and "Phone" in page
    ended = []

    def listener(sender, user, session_keys, **kwargs):
        ended.append((user.pk, session_keys))

    phone_key = phone.session.session_key
    sessions_ended.connect(listener)
    try:
        response = laptop.post("/accounts/sessions/")
    finally:
        sessions_ended.disconnect(listener)
    assert response.status_code == 302
    assert ended == [(member.pk, [phone_key])]
    assert phone.get("/home/").status_code == 302
    assert laptop.get("/home/").status_code == 200
    assert UserSession.objects.filter(user=member).count() == 1


def test_password_change_ends_other_sessions(member):
    laptop, phone = Client(), Client()
    sign_in(laptop, member)
    sign_in(phone, member)
    response = laptop.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-passphrase-77",
            "password2": "a-new-long-passphrase-77",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/home/").status_code == 200
    assert phone.get("/home/").status_code == 302


def test_password_reset_by_email(client, member):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    link = re.search(
        r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body
    ).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"password1": "brand-new-passphrase-99", "password2": "brand-new-passphrase-99"}
    )
    assert response.status_code == 302
    sign_in(Client(), member, password="brand-new-passphrase-99")


def test_failed_sign_ins_are_rate_limited(client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "2/m/ip,2/5m/key",
    }
    for _ in range(2):
        assert (
            client.post(
                "/accounts/login/", {"login": member.email, "password": "wrong"}
            ).status_code
            == 200
        )
    response = client.post("/accounts/login/", {"login": member.email, "password": "wrong"})
    assert (
        response.status_code == 429 or "Too many failed login attempts" in response.content.decode()
    )
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code != 302  # even the right password waits out the limit


def test_error_pages_use_the_site_layout(client, login, member):
    page = client.get("/missing/")
    assert page.status_code == 404
    assert b"Skip to main content" in page.content and b"Page not found" in page.content
    forbidden = login(member).get("/moderation/applications/")
    assert forbidden.status_code == 403
    assert b"Skip to main content" in forbidden.content


def test_server_error_page_renders_without_a_request_context():
    from config.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
